#include "knowledge/lint.h"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <map>
#include <set>

#include "base/text.h"

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
// The condition is pushed into negation normal form and searched
// depth-first, narrowing one abstract "box" per field: an interval for
// integers, a mask of still-possible values for enums and bools, must-have
// and must-not-have masks for sets, and presence. Sound for the operators
// of the language; a search too large to finish counts as satisfiable.

struct Literal {
  const Cond* cond;
  bool negated;
};

struct Box {
  struct FieldBox {
    std::int64_t lo = INT64_MIN;
    std::int64_t hi = INT64_MAX;
    std::set<std::int64_t> excluded;
    std::uint64_t mask = ~std::uint64_t{0};  // enum/bool: possible values
    std::uint64_t must = 0;                  // set: values it must have
    std::uint64_t must_not = 0;              // set: values it must lack
    std::vector<std::uint64_t> any_of;       // set: needs one of each
    std::vector<std::uint64_t> not_all;      // set: lacks one of each
    int presence = 0;                        // 1 present, -1 absent, 0 either
  };
  std::vector<FieldBox> fields;
};

class Solver {
 public:
  Solver(const Schema& schema, const std::set<std::string>& impossible_facts)
      : schema_(schema), impossible_(impossible_facts) {}

  bool satisfiable(const Cond& c) {
    budget_ = 200'000;
    Box box;
    box.fields.resize(schema_.fields.size());
    for (std::size_t i = 0; i < schema_.fields.size(); ++i) {
      const Field& f = schema_.fields[i];
      auto& fb = box.fields[i];
      if (f.type == FieldType::Integer) {
        fb.lo = f.min;
        fb.hi = f.max;
      }
      if (f.type == FieldType::Enum) fb.mask = f.all_values_mask();
      if (f.type == FieldType::Bool) fb.mask = 3;
      if (f.type == FieldType::Set) fb.must_not = ~f.all_values_mask();
      if (f.has_default) fb.presence = 1;
    }
    std::vector<Literal> todo{{&c, false}};
    return search(todo, box);
  }

 private:
  bool search(std::vector<Literal> todo, Box box) {
    while (!todo.empty()) {
      if (--budget_ <= 0) return true;
      const Literal lit = todo.back();
      todo.pop_back();
      const Cond& c = *lit.cond;
      const bool conj = (c.kind == Cond::Kind::All) != lit.negated;
      if (c.kind == Cond::Kind::Not) {
        todo.push_back({&c.children[0], !lit.negated});
        continue;
      }
      if (c.kind == Cond::Kind::All || c.kind == Cond::Kind::Any) {
        if (conj) {
          for (const Cond& child : c.children) todo.push_back({&child, lit.negated});
          continue;
        }
        for (const Cond& child : c.children) {
          std::vector<Literal> branch = todo;
          branch.push_back({&child, lit.negated});
          if (search(std::move(branch), box)) return true;
        }
        return false;
      }
      if (c.kind == Cond::Kind::Fact) {
        if (!lit.negated && impossible_.count(c.name) != 0) return false;
        continue;
      }
      // A negated comparison holds when the field is absent, or present
      // with the opposite outcome: two branches.
      const int field = schema_.index(c.name);
      if (field < 0) return true;
      const std::string op =
          c.op.empty() ? (schema_.fields[static_cast<std::size_t>(field)].type == FieldType::Set ? "has" : "eq") : c.op;
      if (lit.negated && op != "is_set") {
        const Field& f = schema_.fields[static_cast<std::size_t>(field)];
        if (f.type != FieldType::Set) {
          Box absent = box;
          if (narrow_presence(absent, field, -1) && search(todo, absent)) return true;
          if (!narrow_presence(box, field, 1)) return false;
        }
      }
      if (!narrow(box, field, op, c, lit.negated)) return false;
    }
    return true;
  }

  bool narrow_presence(Box& box, int field, int presence) {
    auto& fb = box.fields[static_cast<std::size_t>(field)];
    const Field& f = schema_.fields[static_cast<std::size_t>(field)];
    if (fb.presence != 0 && fb.presence != presence) return false;
    if (presence == -1 && f.has_default) return false;
    fb.presence = presence;
    if (presence == -1 && f.type == FieldType::Set) {
      fb.must_not = ~std::uint64_t{0};
      return fb.must == 0 && fb.any_of.empty();
    }
    return true;
  }

  static std::uint64_t names_mask(const Field& f, const yaml::Node& v) {
    std::uint64_t m = 0;
    auto one = [&](const yaml::Node& n) {
      const int i = f.value_index(n.value);
      if (i >= 0) m |= std::uint64_t{1} << i;
    };
    if (v.is_scalar()) one(v);
    for (const yaml::Node& n : v.children) one(n);
    return m;
  }

  bool narrow(Box& box, int field, const std::string& op, const Cond& c, bool negated) {
    const Field& f = schema_.fields[static_cast<std::size_t>(field)];
    auto& fb = box.fields[static_cast<std::size_t>(field)];
    if (op == "is_set") {
      bool want = true;
      yaml::parse_bool(c.value.value, want);
      return narrow_presence(box, field, (want != negated) ? 1 : -1);
    }
    if (f.type == FieldType::Set) {
      const std::uint64_t m = names_mask(f, c.value);
      bool all = op == "has_all";
      if (op == "has" || op == "has_any") {
        if (!negated) {
          fb.any_of.push_back(m);
        } else {
          fb.must_not |= m;
        }
      } else if (all) {
        if (!negated) {
          fb.must |= m;
        } else {
          fb.not_all.push_back(m);
        }
      } else if (op == "eq" && !negated) {
        fb.must |= m;
        fb.must_not |= ~m;
      }
      if (!negated) {
        if (!narrow_presence(box, field, fb.presence == -1 ? -1 : fb.presence)) return false;
      }
      if ((fb.must & fb.must_not) != 0) return false;
      for (std::uint64_t need : fb.any_of) {
        if ((need & ~fb.must_not) == 0) return false;
      }
      for (std::uint64_t lack : fb.not_all) {
        if ((lack & ~fb.must) == 0) return false;
      }
      return true;
    }
    if (!narrow_presence(box, field, 1)) return false;
    if (f.type == FieldType::Enum || f.type == FieldType::Bool) {
      std::uint64_t m = 0;
      if (f.type == FieldType::Bool) {
        bool b = false;
        yaml::parse_bool(c.value.value, b);
        m = b ? 2 : 1;
      } else {
        m = names_mask(f, c.value);
      }
      bool positive = op == "eq" || op == "in";
      if (negated) positive = !positive;
      fb.mask = positive ? (fb.mask & m) : (fb.mask & ~m);
      return fb.mask != 0;
    }
    // Integers.
    std::vector<std::int64_t> values;
    auto number = [](const yaml::Node& n) {
      std::int64_t x = 0;
      yaml::parse_int(n.value, x);
      return x;
    };
    if (op == "in") {
      for (const yaml::Node& n : c.value.children) values.push_back(number(n));
    } else {
      values.push_back(number(c.value));
    }
    const std::int64_t v = values.front();
    std::string o = op;
    if (negated) {
      static const std::map<std::string, std::string> flip = {
          {"eq", "ne"}, {"ne", "eq"}, {"lt", "gte"}, {"lte", "gt"}, {"gt", "lte"}, {"gte", "lt"}, {"in", "not_in"}};
      o = flip.at(op);
    }
    if (o == "eq") {
      fb.lo = std::max(fb.lo, v);
      fb.hi = std::min(fb.hi, v);
    } else if (o == "ne") {
      fb.excluded.insert(v);
    } else if (o == "lt") {
      fb.hi = std::min(fb.hi, v - 1);
    } else if (o == "lte") {
      fb.hi = std::min(fb.hi, v);
    } else if (o == "gt") {
      fb.lo = std::max(fb.lo, v + 1);
    } else if (o == "gte") {
      fb.lo = std::max(fb.lo, v);
    } else if (o == "in") {
      bool any = false;
      for (std::int64_t x : values) any |= x >= fb.lo && x <= fb.hi && fb.excluded.count(x) == 0;
      if (!any) return false;
      fb.lo = std::max(fb.lo, *std::min_element(values.begin(), values.end()));
      fb.hi = std::min(fb.hi, *std::max_element(values.begin(), values.end()));
    } else if (o == "not_in") {
      fb.excluded.insert(values.begin(), values.end());
    }
    if (fb.lo > fb.hi) return false;
    std::int64_t inside = 0;
    for (std::int64_t x : fb.excluded) inside += x >= fb.lo && x <= fb.hi;
    return static_cast<std::uint64_t>(fb.hi - fb.lo) + 1 > static_cast<std::uint64_t>(inside);
  }

  const Schema& schema_;
  const std::set<std::string>& impossible_;
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
  std::set<std::string> impossible_facts;
  std::vector<bool> can_fire(kb.rules.size(), true);
  for (bool changed = true; changed;) {
    changed = false;
    Solver solver(kb.schema, impossible_facts);
    for (std::size_t i = 0; i < kb.rules.size(); ++i) {
      const bool ok = !kb.rules[i].when || solver.satisfiable(*kb.rules[i].when);
      if (ok != can_fire[i]) {
        can_fire[i] = ok;
        changed = true;
      }
    }
    std::set<std::string> derivable;
    for (std::size_t i = 0; i < kb.rules.size(); ++i) {
      if (!can_fire[i]) continue;
      for (const Name& f : kb.rules[i].derive) derivable.insert(f.text);
    }
    for (const std::string& f : engine.facts()) {
      if (derivable.count(f) == 0 && impossible_facts.insert(f).second) changed = true;
    }
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
      if (engine.describe_condition(a) != engine.describe_condition(b)) continue;
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
