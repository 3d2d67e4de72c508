// Compilation: the knowledge base's names turned into indices, masks and
// condition trees once, before any profile is evaluated.
#include <fmt/format.h>
#include <algorithm>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/transform.hpp>

#include "base/text.h"
#include "engine/engine.h"
#include "engine/ops.h"

namespace limber {

namespace {

std::uint64_t bits_of(const std::vector<std::string>& names, const std::vector<std::string>& vocabulary) {
  std::uint64_t bits = 0;
  for (const std::string& n : names) {
    const auto it = std::find(vocabulary.begin(), vocabulary.end(), n);
    if (it != vocabulary.end()) bits |= std::uint64_t{1} << (it - vocabulary.begin());
  }
  return bits;
}

std::uint8_t index_of(const std::string& name, const std::vector<std::string>& vocabulary) {
  return static_cast<std::uint8_t>(std::find(vocabulary.begin(), vocabulary.end(), name) - vocabulary.begin());
}

// The ids of the stretches or documents, for "did you mean" and the hint.
template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  return items | ranges::views::transform(&T::id) | ranges::to<std::vector>();
}

// The position of an operand, with the source line when it is on the
// operator's line (the usual case).
Location at_value(const Cond& c, const yaml::Node& v) {
  Location where = c.op_where;
  if (v.line != 0) {
    where.line = v.line;
    where.column = v.column;
    if (v.line != c.op_where.line) where.text.clear();
  }
  return where;
}

}  // namespace

Engine::Engine(KnowledgeBase kb) : kb_(std::move(kb)) {
  if (kb_.stretches.size() > kMaxStretches) {
    throw Error(
        fmt::format("the catalogue has {} stretches; at most {} are supported", kb_.stretches.size(), kMaxStretches));
  }
  if (kb_.rules.size() > kMaxRules) {
    throw Error(fmt::format("{} rules are loaded; at most {} are supported", kb_.rules.size(), kMaxRules));
  }
  build_forms();

  // Citations must name a known document, and quote it when it has a text.
  auto check_citations = [&](const std::vector<Citation>& cites) {
    for (const Citation& c : cites) {
      const SourceDoc* doc = kb_.source(c.doc);
      if (doc == nullptr) {
        const std::vector<std::string> ids = ids_of(kb_.sources);
        throw Error(c.doc_where, fmt::format("unknown document '{}'{}", c.doc, did_you_mean(c.doc, ids)),
                    "documents are listed in catalogue/sources.yaml: " + join(ids));
      }
      if (!doc->file.empty() && trim(c.quote).empty()) {
        throw Error(c.where, fmt::format("a citation of document '{}' needs a quote", c.doc),
                    "add `quote: \"...\"`, a short excerpt found verbatim in " + doc->file);
      }
    }
  };
  for (const Stretch& s : kb_.stretches) check_citations(s.sources);

  // Facts: every name some rule derives.
  for (const Rule& r : kb_.rules) {
    for (const Name& f : r.derive) {
      if (std::find(facts_.begin(), facts_.end(), f.text) == facts_.end()) {
        if (facts_.size() == kMaxFacts) throw Error(f.where, fmt::format("at most {} facts are supported", kMaxFacts));
        facts_.push_back(f.text);
      }
    }
  }

  std::vector<std::uint64_t> tests;  // facts each rule's condition reads
  for (std::size_t i = 0; i < kb_.rules.size(); ++i) {
    const Rule& r = kb_.rules[i];
    check_citations(r.sources);
    CompiledRule cr;
    cr.rule = static_cast<std::uint32_t>(i);
    cr.condition = r.when ? compile(*r.when) : kAlways;
    std::uint64_t reads = 0;
    if (r.when) {
      std::vector<std::string> names;
      collect_facts(*r.when, names);
      for (const std::string& n : names) reads |= std::uint64_t{1} << index_of(n, facts_);
    }
    tests.push_back(reads);
    for (const Name& f : r.derive) cr.derives |= std::uint64_t{1} << index_of(f.text, facts_);
    cr.include_begin = static_cast<std::uint32_t>(includes_.size());
    if (r.include) {
      for (const Name& n : r.include->stretches) {
        const int s = kb_.stretch_index(n.text);
        if (s < 0) {
          const std::vector<std::string> ids = ids_of(kb_.stretches);
          throw Error(n.where, fmt::format("unknown stretch '{}'{}", n.text, did_you_mean(n.text, ids)),
                      "`limber list stretches` shows every id");
        }
        includes_.emplace_back(static_cast<std::uint16_t>(s), static_cast<std::uint16_t>(r.include->weight));
      }
    }
    cr.include_end = static_cast<std::uint32_t>(includes_.size());
    if (r.exclude) {
      cr.exclude = static_cast<std::int32_t>(exclusions_.size());
      exclusions_.push_back(compile_selector(*r.exclude));
    }
    if (r.modify) {
      Modify m;
      m.select = compile_selector(r.modify->select);
      m.hold_cap = static_cast<std::uint16_t>(r.modify->hold_seconds);
      m.reps_cap = static_cast<std::uint16_t>(r.modify->reps);
      m.variant_form.assign(kb_.stretches.size(), -1);
      if (r.modify->variant) {
        m.has_variant = true;
        bool any = false;
        for (std::size_t s = 0; s < kb_.stretches.size(); ++s) {
          const int v = kb_.stretches[s].variant_index(r.modify->variant->text);
          if (v >= 0 && m.select.test(first_form_[s])) {
            m.variant_form[s] = static_cast<std::int16_t>(first_form_[s] + 1 + v);
            m.offers.emplace_back(static_cast<std::uint16_t>(s), static_cast<std::uint16_t>(m.variant_form[s]));
            any = true;
          }
        }
        if (!any) {
          throw Error(r.modify->variant->where,
                      fmt::format("no selected stretch has a variant '{}'", r.modify->variant->text),
                      "`limber show STRETCH` lists a stretch's variants");
        }
      }
      cr.modify = static_cast<std::int32_t>(modifies_.size());
      modifies_.push_back(std::move(m));
    }
    cr.caution = !r.caution.empty();
    cr.refer = r.refer;
    cr.stop = r.stop ? static_cast<std::int8_t>(*r.stop) : std::int8_t{-1};
    rules_.push_back(cr);
  }
  order_rules(tests);
  // Per form, the caps of the modify rules that apply to it, in evaluation order.
  for (std::size_t f = 0; f < forms_.size(); ++f) {
    form_caps_begin_.push_back(static_cast<std::uint32_t>(form_caps_.size()));
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (!modifies(i, forms_[f].stretch, f)) continue;
      const Modify& m = modifies_[static_cast<std::size_t>(rules_[i].modify)];
      if (m.hold_cap != 0 || m.reps_cap != 0)
        form_caps_.push_back(Cap{static_cast<std::uint16_t>(i), m.hold_cap, m.reps_cap});
    }
  }
  form_caps_begin_.push_back(static_cast<std::uint32_t>(form_caps_.size()));
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule& r = rules_[i];
    if (r.stop >= 0) stop_rules_.set(i);
    if (r.refer) refer_rules_.set(i);
    if (r.exclude >= 0) exclude_rules_.set(i);
    if (r.include_end > r.include_begin) include_rules_.set(i);
    if (r.modify >= 0 && !modifies_[static_cast<std::size_t>(r.modify)].offers.empty()) offer_rules_.set(i);
    if (r.caution) caution_rules_.set(i);
  }
  // For provenance: who recommends each stretch, who modifies each form.
  const std::size_t words = (rules_.size() + 63) / 64;
  includer_words_.assign(kb_.stretches.size() * words, 0);
  modifier_words_.assign(forms_.size() * words, 0);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule& r = rules_[i];
    const std::uint64_t bit = std::uint64_t{1} << (i & 63);
    for (std::uint32_t k = r.include_begin; k < r.include_end; ++k) {
      includer_words_[includes_[k].first * words + (i >> 6)] |= bit;
    }
    if (r.modify < 0) continue;
    for (std::size_t f = 0; f < forms_.size(); ++f) {
      if (modifies(i, forms_[f].stretch, f)) modifier_words_[f * words + (i >> 6)] |= bit;
    }
  }
  for (std::size_t f = 0; f < forms_.size(); ++f) {
    if (forms_[f].variant < 0) base_forms_.set(f);
  }
  rule_words_ = (rules_.size() + 63) / 64;
  form_words_ = (forms_.size() + 63) / 64;

  ask_if_.assign(kb_.schema.fields.size(), kAlways);
  for (std::size_t f = 0; f < kb_.schema.fields.size(); ++f) {
    if (kb_.schema.fields[f].ask_if) ask_if_[f] = compile(*kb_.schema.fields[f].ask_if);
  }
  build_program();
}

void Engine::build_forms() {
  const Field& equipment = kb_.schema.fields[static_cast<std::size_t>(kb_.schema.equipment)];
  const Field& areas = kb_.schema.fields[static_cast<std::size_t>(kb_.schema.pain_areas)];
  const std::vector<std::string> equipment_names = equipment.value_names();
  const std::vector<std::string> area_names = areas.value_names();
  for (std::size_t s = 0; s < kb_.stretches.size(); ++s) {
    const Stretch& st = kb_.stretches[s];
    auto group = std::find(groups_.begin(), groups_.end(), st.group);
    if (group == groups_.end()) group = groups_.insert(groups_.end(), st.group);
    Form base;
    base.stretch = static_cast<std::uint16_t>(s);
    base.position = index_of(st.position, positions());
    base.on_floor = st.on_floor;
    base.warm_up = st.warm_up;
    base.intensity = index_of(st.intensity, intensities());
    base.kind = index_of(st.kind, stretch_kinds());
    base.needs = bits_of(st.needs, equipment_names);
    base.demands = bits_of(st.demands, demands());
    base.directions = bits_of(st.directions, directions());
    base.areas = bits_of(st.areas, area_names);
    base.group = static_cast<std::uint16_t>(group - groups_.begin());
    base.dosage = st.dosage;
    first_form_.push_back(static_cast<std::uint16_t>(forms_.size()));
    forms_.push_back(base);
    for (std::size_t v = 0; v < st.variants.size(); ++v) {
      const Variant& var = st.variants[v];
      Form f = base;
      f.variant = static_cast<std::int16_t>(v);
      if (var.position) f.position = index_of(*var.position, positions());
      if (var.on_floor) f.on_floor = *var.on_floor;
      if (var.needs) f.needs = bits_of(*var.needs, equipment_names);
      if (var.demands) f.demands = bits_of(*var.demands, demands());
      if (var.dosage) f.dosage = *var.dosage;
      forms_.push_back(f);
    }
    if (forms_.size() > kMaxForms) {
      throw Error(st.where, fmt::format("the catalogue has more than {} stretches and variants together", kMaxForms));
    }
  }
  first_form_.push_back(static_cast<std::uint16_t>(forms_.size()));
}

FormBits Engine::compile_selector(const Selector& sel) const {
  const Field& equipment = kb_.schema.fields[static_cast<std::size_t>(kb_.schema.equipment)];
  const Field& areas = kb_.schema.fields[static_cast<std::size_t>(kb_.schema.pain_areas)];
  auto vocabulary_bits = [](const std::vector<Name>& names, const std::vector<std::string>& vocabulary,
                            std::string_view what) {
    std::uint64_t bits = 0;
    for (const Name& n : names) {
      const auto it = std::find(vocabulary.begin(), vocabulary.end(), n.text);
      if (it == vocabulary.end()) {
        throw Error(n.where, fmt::format("unknown {} '{}'{}", what, n.text, did_you_mean(n.text, vocabulary)),
                    "allowed: " + join(vocabulary));
      }
      bits |= std::uint64_t{1} << (it - vocabulary.begin());
    }
    return bits;
  };
  std::vector<bool> stretch_ok(kb_.stretches.size(), sel.stretches.empty());
  for (const Name& n : sel.stretches) {
    const int s = kb_.stretch_index(n.text);
    if (s < 0) {
      const std::vector<std::string> ids = ids_of(kb_.stretches);
      throw Error(n.where, fmt::format("unknown stretch '{}'{}", n.text, did_you_mean(n.text, ids)),
                  "`limber list stretches` shows every id");
    }
    stretch_ok[static_cast<std::size_t>(s)] = true;
  }
  const std::uint64_t pos = vocabulary_bits(sel.positions, positions(), "position");
  const std::uint64_t dir = vocabulary_bits(sel.directions, directions(), "direction");
  const std::uint64_t area = vocabulary_bits(sel.areas, areas.value_names(), "area");
  const std::uint64_t grp = vocabulary_bits(sel.groups, groups_, "muscle group");
  const std::uint64_t dem = vocabulary_bits(sel.demands, demands(), "demand");
  const std::uint64_t inten = vocabulary_bits(sel.intensities, intensities(), "intensity");
  const std::uint64_t need = vocabulary_bits(sel.needs, equipment.value_names(), "equipment");
  const std::uint64_t kind = vocabulary_bits(sel.kinds, stretch_kinds(), "kind");
  FormBits out;
  for (std::size_t i = 0; i < forms_.size(); ++i) {
    const Form& f = forms_[i];
    if (!stretch_ok[f.stretch]) continue;
    if (pos != 0 && !((pos >> f.position) & 1u)) continue;
    if (dir != 0 && (dir & f.directions) == 0) continue;
    if (area != 0 && (area & f.areas) == 0) continue;
    if (grp != 0 && !((grp >> f.group) & 1u)) continue;
    if (dem != 0 && (dem & f.demands) == 0) continue;
    if (inten != 0 && !((inten >> f.intensity) & 1u)) continue;
    if (need != 0 && (need & f.needs) == 0) continue;
    if (kind != 0 && !((kind >> f.kind) & 1u)) continue;
    if (sel.on_floor && *sel.on_floor != f.on_floor) continue;
    out.set(i);
  }
  return out;
}

std::uint32_t Engine::add_node(Node n) {
  conds_.nodes.push_back(n);
  return static_cast<std::uint32_t>(conds_.nodes.size() - 1);
}

std::uint32_t Engine::compile(const Cond& c) {
  switch (c.kind) {
    case Cond::Kind::All:
    case Cond::Kind::Any:
    case Cond::Kind::Not: {
      std::vector<std::uint32_t> children;
      for (const Cond& child : c.children) children.push_back(compile(child));
      Node n;
      n.op = c.kind == Cond::Kind::All ? Op::All : c.kind == Cond::Kind::Any ? Op::Any : Op::Not;
      n.begin = static_cast<std::uint32_t>(conds_.kids.size());
      conds_.kids.insert(conds_.kids.end(), children.begin(), children.end());
      n.end = static_cast<std::uint32_t>(conds_.kids.size());
      return add_node(n);
    }
    case Cond::Kind::Fact: {
      const auto it = std::find(facts_.begin(), facts_.end(), c.name);
      if (it == facts_.end()) {
        throw Error(c.where, fmt::format("no rule derives the fact '{}'{}", c.name, did_you_mean(c.name, facts_)),
                    facts_.empty() ? "add a rule with `derive: " + c.name + "`" : "derived facts: " + join(facts_));
      }
      Node n;
      n.op = Op::Fact;
      n.mask = std::uint64_t{1} << (it - facts_.begin());
      return add_node(n);
    }
    case Cond::Kind::Compare: break;
  }
  const Schema& schema = kb_.schema;
  const int field = schema.index(c.name);
  if (field < 0) {
    throw Error(c.where, fmt::format("unknown field '{}'{}", c.name, did_you_mean(c.name, schema.names())),
                "profile fields: " + join(schema.names()) + "; or all, any, not, fact");
  }
  const Field& f = schema.fields[static_cast<std::size_t>(field)];
  if (f.type == FieldType::String) {
    throw Error(c.where, fmt::format("the text field '{}' cannot be used in a condition", c.name),
                "conditions test numbers, yes/no answers and choices");
  }
  std::string op = c.op;
  if (op.empty()) op = f.type == FieldType::Set ? "has" : "eq";
  const Operator* row = find_operator(op, f.type);
  if (row == nullptr) {
    throw Error(c.op_where, fmt::format("'{}' does not apply to the {} field '{}'", op, type_name(f.type), f.name),
                fmt::format("use {}", operators_for(f.type)));
  }
  auto value_name = [&](const yaml::Node& v) {
    if (!v.is_scalar())
      throw Error(at_value(c, v), fmt::format("expected one value of '{}', not {}", f.name, v.kind_name()),
                  "allowed: " + join(f.value_names()));
    const int i = f.value_index(v.value);
    if (i < 0) {
      throw Error(at_value(c, v),
                  fmt::format("unknown value '{}' for '{}'{}", v.value, f.name, did_you_mean(v.value, f.value_names())),
                  "allowed: " + join(f.value_names()));
    }
    return i;
  };
  auto value_mask = [&](const yaml::Node& v) {
    std::uint64_t mask = 0;
    if (v.is_scalar()) return std::uint64_t{1} << value_name(v);
    if (!v.is_sequence())
      throw Error(at_value(c, v), fmt::format("expected a list of values of '{}', not {}", f.name, v.kind_name()),
                  "e.g. [a, b]");
    for (const yaml::Node& item : v.children) mask |= std::uint64_t{1} << value_name(item);
    return mask;
  };
  auto integer = [&](const yaml::Node& v) {
    std::int64_t x = 0;
    if (!v.is_scalar() || v.quoted || !yaml::parse_int(v.value, x)) {
      throw Error(at_value(c, v), fmt::format("'{}' compares with a whole number, not {}", f.name,
                                              v.is_scalar() ? "'" + v.value + "'" : v.kind_name()));
    }
    return x;
  };
  auto boolean = [&](const yaml::Node& v) {
    bool x = false;
    if (!v.is_scalar() || v.quoted || !yaml::parse_bool(v.value, x)) {
      throw Error(at_value(c, v),
                  fmt::format("expected true or false, not {}", v.is_scalar() ? "'" + v.value + "'" : v.kind_name()));
    }
    return x;
  };

  // The operand, by what the operator takes and the field's type.
  Node n;
  n.op = Op::Test;
  n.test = static_cast<std::uint8_t>(row - operators().data());
  n.field = static_cast<std::uint8_t>(field);
  switch (row->operand) {
    case Operand::Flag: n.value = boolean(c.value) ? 1 : 0; break;
    case Operand::Value:
      if (f.type == FieldType::Integer) n.value = integer(c.value);
      if (f.type == FieldType::Bool) n.value = boolean(c.value) ? 1 : 0;
      if (f.type == FieldType::Enum) n.value = value_name(c.value);
      if (f.type == FieldType::Set) n.mask = std::uint64_t{1} << value_name(c.value);
      break;
    case Operand::List:
      if (!c.value.is_sequence())
        throw Error(at_value(c, c.value), fmt::format("'{}' takes a list", op), std::string(row->list_example));
      if (f.type == FieldType::Integer) {
        n.begin = static_cast<std::uint32_t>(conds_.ints.size());
        for (const yaml::Node& item : c.value.children) conds_.ints.push_back(integer(item));
        n.end = static_cast<std::uint32_t>(conds_.ints.size());
      } else {
        n.mask = value_mask(c.value);
      }
      break;
    case Operand::ValueOrList: n.mask = value_mask(c.value); break;
  }
  return add_node(n);
}

void Engine::order_rules(const std::vector<std::uint64_t>& tests) {
  // Kahn's algorithm, always taking the earliest-loaded ready rule, so the
  // order is the load order except where a fact forces otherwise.
  const std::size_t n = rules_.size();
  std::vector<std::vector<std::size_t>> after(n);  // producer -> consumers
  std::vector<std::size_t> waiting(n, 0);
  for (std::size_t consumer = 0; consumer < n; ++consumer) {
    for (std::size_t producer = 0; producer < n; ++producer) {
      if (producer != consumer && (rules_[producer].derives & tests[consumer]) != 0) {
        after[producer].push_back(consumer);
        ++waiting[consumer];
      }
    }
    if ((rules_[consumer].derives & tests[consumer]) != 0) {
      const Rule& r = kb_.rules[rules_[consumer].rule];
      throw Error(r.where, fmt::format("rule '{}' tests a fact it derives itself", r.id),
                  "a fact cannot depend on itself");
    }
  }
  std::vector<CompiledRule> ordered;
  std::vector<bool> done(n, false);
  while (ordered.size() < n) {
    std::size_t next = n;
    for (std::size_t i = 0; i < n; ++i) {
      if (!done[i] && waiting[i] == 0) {
        next = i;
        break;
      }
    }
    if (next == n) {
      std::vector<std::string> cycle;
      for (std::size_t i = 0; i < n; ++i) {
        if (!done[i]) cycle.push_back(kb_.rules[rules_[i].rule].id);
      }
      const Rule& first = kb_.rules[rules_[std::find(done.begin(), done.end(), false) - done.begin()].rule];
      throw Error(first.where, "derived facts depend on each other in a cycle among rules " + join(cycle, ", ", true),
                  "a fact must not depend, directly or through other facts, on itself");
    }
    done[next] = true;
    ordered.push_back(rules_[next]);
    for (std::size_t c : after[next]) --waiting[c];
  }
  rules_ = std::move(ordered);
}

}  // namespace limber
