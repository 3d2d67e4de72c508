#include "knowledge/lint.h"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <map>
#include <set>

#include "base/text.h"
#include "engine/describe.h"
#include "engine/ops.h"

namespace limber {

namespace {

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// ---- satisfiability of a condition over the schema's domains ---------------
//
// The compiled condition is pushed into negation normal form and searched
// depth-first, narrowing one FieldDomain per field (ops.h) with the
// operator table's rows. Sound for the operators of the language; a search
// too large to finish counts as satisfiable.

struct Literal {
  std::uint32_t node;
  bool negated;
};

using Box = std::vector<FieldDomain>;

class Solver {
 public:
  Solver(const Engine& engine, std::uint64_t impossible_facts)
      : tree_(engine.conditions()), schema_(engine.schema()), impossible_(impossible_facts) {}

  bool satisfiable(std::uint32_t node) {
    if (node == Engine::kAlways) return true;
    budget_ = 200'000;
    Box box(schema_.fields.size());
    for (std::size_t i = 0; i < schema_.fields.size(); ++i) {
      const Field& f = schema_.fields[i];
      FieldDomain& d = box[i];
      if (f.type == FieldType::Integer) {
        d.lo = f.min;
        d.hi = f.max;
      }
      if (f.type == FieldType::Enum) d.mask = f.all_values_mask();
      if (f.type == FieldType::Bool) d.mask = 3;
      if (f.type == FieldType::Set) d.must_not = ~f.all_values_mask();
      if (f.has_default) d.presence = 1;
    }
    std::vector<Literal> todo{{node, false}};
    return search(todo, box);
  }

 private:
  bool search(std::vector<Literal> todo, Box box) {
    using program::Op;
    while (!todo.empty()) {
      if (--budget_ <= 0) return true;
      const Literal lit = todo.back();
      todo.pop_back();
      const program::Node& n = tree_.nodes[lit.node];
      const bool conj = (n.op == Op::All) != lit.negated;
      if (n.op == Op::Not) {
        todo.push_back({tree_.kids[n.begin], !lit.negated});
        continue;
      }
      if (n.op == Op::All || n.op == Op::Any) {
        if (conj) {
          for (const std::uint32_t kid : tree_.kids_of(n)) todo.push_back({kid, lit.negated});
          continue;
        }
        for (const std::uint32_t kid : tree_.kids_of(n)) {
          std::vector<Literal> branch = todo;
          branch.push_back({kid, lit.negated});
          if (search(std::move(branch), box)) return true;
        }
        return false;
      }
      if (n.op == Op::Fact) {
        if (!lit.negated && (impossible_ & n.mask) != 0) return false;
        continue;
      }
      const Operator& row = operators()[n.test];
      const int field = n.field;
      // A negated test that fails on an absent field holds when the field
      // is absent, or present with the opposite outcome: two branches.
      if (row.absent == Absent::Fails) {
        if (lit.negated) {
          Box absent = box;
          if (narrow_presence(absent, field, -1) && search(todo, absent)) return true;
        }
        if (!narrow_presence(box, field, 1)) return false;
      }
      if (row.absent == Absent::Tested) {
        if (!narrow_presence(box, field, ((n.value != 0) != lit.negated) ? 1 : -1)) return false;
        continue;
      }
      const Field& f = schema_.fields[static_cast<std::size_t>(field)];
      FieldDomain& d = box[static_cast<std::size_t>(field)];
      if (!row.narrow(Test{n, tree_.ints_of(n)}, f, lit.negated, d) || !feasible(f, d)) return false;
    }
    return true;
  }

  bool narrow_presence(Box& box, int field, int presence) const {
    FieldDomain& d = box[static_cast<std::size_t>(field)];
    const Field& f = schema_.fields[static_cast<std::size_t>(field)];
    if (d.presence != 0 && d.presence != presence) return false;
    if (presence == -1 && f.has_default) return false;
    d.presence = presence;
    if (presence == -1 && f.type == FieldType::Set) {
      d.must_not = ~std::uint64_t{0};
      return d.must == 0 && d.any_of.empty();
    }
    return true;
  }

  // Whether some value is left in the domain.
  static bool feasible(const Field& f, const FieldDomain& d) {
    switch (f.type) {
      case FieldType::Set: {
        if ((d.must & d.must_not) != 0) return false;
        for (const std::uint64_t need : d.any_of) {
          if ((need & ~d.must_not) == 0) return false;
        }
        for (const std::uint64_t lack : d.not_all) {
          if ((lack & ~d.must) == 0) return false;
        }
        return true;
      }
      case FieldType::Enum:
      case FieldType::Bool: return d.mask != 0;
      case FieldType::Integer: {
        if (d.lo > d.hi) return false;
        std::int64_t inside = 0;
        for (const std::int64_t x : d.excluded) inside += x >= d.lo && x <= d.hi;
        return static_cast<std::uint64_t>(d.hi - d.lo) + 1 > static_cast<std::uint64_t>(inside);
      }
      case FieldType::String: return true;
    }
    return true;
  }

  const program::ConditionTree& tree_;
  const Schema& schema_;
  std::uint64_t impossible_;
  long budget_ = 0;
};

}  // namespace

bool quote_found(std::string_view quote, std::string_view document) {
  const std::string q = collapse_space(quote);
  return !q.empty() && collapse_space(document).find(q) != std::string::npos;
}

std::vector<LintIssue> lint(const Engine& engine, const std::optional<std::filesystem::path>& sources_dir) {
  const KnowledgeBase& kb = engine.kb();
  std::vector<LintIssue> issues;
  auto error = [&](Location where, std::string message, std::string hint = {}) {
    issues.push_back({true, std::move(where), std::move(message), std::move(hint)});
  };
  auto warning = [&](Location where, std::string message, std::string hint = {}) {
    issues.push_back({false, std::move(where), std::move(message), std::move(hint)});
  };

  lint_figures(kb, issues);

  // Rules that can never fire; facts no firing rule can derive make the
  // rules that need them impossible too, so iterate to a fixed point.
  std::uint64_t impossible_facts = 0;
  std::vector<bool> can_fire(kb.rules.size(), true);
  for (bool changed = true; changed;) {
    changed = false;
    Solver solver(engine, impossible_facts);
    for (const CompiledRule& r : engine.rules()) {
      const bool ok = solver.satisfiable(r.condition);
      if (ok != can_fire[r.rule]) {
        can_fire[r.rule] = ok;
        changed = true;
      }
    }
    std::uint64_t derivable = 0;
    for (const CompiledRule& r : engine.rules()) {
      if (can_fire[r.rule]) derivable |= r.derives;
    }
    const std::uint64_t all_facts =
        engine.facts().size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << engine.facts().size()) - 1;
    const std::uint64_t impossible = all_facts & ~derivable;
    if ((impossible & ~impossible_facts) != 0) changed = true;
    impossible_facts |= impossible;
  }
  for (std::size_t i = 0; i < kb.rules.size(); ++i) {
    if (!can_fire[i]) {
      error(kb.rules[i].where,
            fmt::format("rule '{}' can never fire: no profile satisfies its condition", kb.rules[i].id),
            "check the ranges and values it compares against (see `limber list fields`)");
    }
  }

  // Stretches no rule that can fire recommends.
  for (std::size_t s = 0; s < kb.stretches.size(); ++s) {
    bool reached = false;
    for (std::size_t r = 0; r < engine.rules().size() && !reached; ++r) {
      reached = can_fire[engine.rules()[r].rule] && engine.includes(r, s);
    }
    if (!reached) {
      error(kb.stretches[s].where, fmt::format("no rule recommends the stretch '{}'", kb.stretches[s].id),
            "add an `include` for it to a rule, or remove it from the catalogue");
    }
  }

  // Include and exclude of one stretch under identical conditions.
  for (std::size_t a = 0; a < engine.rules().size(); ++a) {
    for (std::size_t b = 0; b < engine.rules().size(); ++b) {
      if (describe_condition(engine, a) != describe_condition(engine, b)) continue;
      for (std::size_t s = 0; s < kb.stretches.size(); ++s) {
        if (!engine.includes(a, s)) continue;
        bool every_form = true;
        const std::size_t end = s + 1 < kb.stretches.size() ? engine.base_form(s + 1) : engine.forms().size();
        for (std::size_t f = engine.base_form(s); f < end; ++f) {
          every_form = every_form && engine.excludes(b, f);
        }
        if (every_form) {
          error(engine.rule(b).where,
                fmt::format("rule '{}' excludes '{}' under the same condition as rule '{}' includes it",
                            engine.rule(b).id, kb.stretches[s].id, engine.rule(a).id),
                "one of the two can never take effect; remove one or make the conditions differ");
        }
      }
    }
  }

  // Facts derived but never tested.
  std::set<std::string> tested;
  for (const Rule& r : kb.rules) {
    if (!r.when) continue;
    std::vector<std::string> names;
    collect_facts(*r.when, names);
    tested.insert(names.begin(), names.end());
  }
  for (const Field& f : kb.schema.fields) {
    if (!f.ask_if) continue;
    std::vector<std::string> names;
    collect_facts(*f.ask_if, names);
    tested.insert(names.begin(), names.end());
  }
  for (const Rule& r : kb.rules) {
    for (const Name& f : r.derive) {
      if (tested.count(f.text) == 0) {
        warning(f.where, fmt::format("the fact '{}' is derived but no rule tests it", f.text),
                "test it with `fact: " + f.text + "` or remove it");
      }
    }
  }

  // Quotes: short, and (with the documents) verbatim.
  std::map<std::string, std::string> texts;
  auto check_quote = [&](const Citation& c) {
    const SourceDoc* doc = kb.source(c.doc);
    if (doc == nullptr || doc->file.empty()) return;
    const std::size_t words = split(c.quote, " \t\n").size();
    if (words > 40)
      warning(c.where, fmt::format("a quote of {} words; cite a short excerpt", words), "quote 5 to 25 words");
    if (!sources_dir) return;
    auto it = texts.find(doc->file);
    if (it == texts.end()) {
      std::string text;
      try {
        text = read_file(*sources_dir / doc->file);
      } catch (const Error& e) {
        error(doc->where, fmt::format("cannot read the document '{}': {}", doc->file, e.message()),
              "pass the folder holding the documents to --sources");
      }
      it = texts.emplace(doc->file, std::move(text)).first;
    }
    if (!it->second.empty() && !quote_found(c.quote, it->second)) {
      error(c.where, fmt::format("the quote is not found verbatim in {} ({})", doc->id, doc->file),
            "copy the excerpt exactly, including apostrophes and spelling; white space may differ");
    }
  };
  for (const Stretch& s : kb.stretches) {
    for (const Citation& c : s.sources) check_quote(c);
  }
  for (const Rule& r : kb.rules) {
    for (const Citation& c : r.sources) check_quote(c);
  }

  // Each profile value a safety field offers must stop the routine when given.
  for (std::size_t f = 0; f < kb.schema.fields.size(); ++f) {
    const Field& field = kb.schema.fields[f];
    if (!field.safety || field.type != FieldType::Set) continue;
    for (std::size_t v = 0; v < field.values.size(); ++v) {
      Profile p = default_profile(kb.schema);
      p.values[f] = static_cast<std::int64_t>(std::uint64_t{1} << v);
      p.present |= std::uint64_t{1} << f;
      Result r;
      engine.evaluate(p, r);
      if (r.status != Status::Stop) {
        error(field.where,
              fmt::format("the safety answer {}: {} does not stop the routine", field.name, field.values[v].name),
              "add a rule with `stop:` for it");
      }
    }
  }
  return issues;
}

}  // namespace limber
