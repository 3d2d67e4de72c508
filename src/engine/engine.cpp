#include "engine/engine.h"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

#include "base/text.h"

namespace limber {

const char* status_name(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::SeeProfessionalFirst: return "see_professional_first";
    case Status::Stop: return "stop";
  }
  return "?";
}

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
        std::vector<std::string> ids;
        for (const SourceDoc& d : kb_.sources) ids.push_back(d.id);
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
          std::vector<std::string> ids;
          for (const Stretch& st : kb_.stretches) ids.push_back(st.id);
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
      std::vector<std::string> ids;
      for (const Stretch& st : kb_.stretches) ids.push_back(st.id);
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
  nodes_.push_back(n);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
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
      n.begin = static_cast<std::uint32_t>(kids_.size());
      kids_.insert(kids_.end(), children.begin(), children.end());
      n.end = static_cast<std::uint32_t>(kids_.size());
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
  Node n;
  n.field = static_cast<std::uint8_t>(field);
  auto bad_op = [&](std::string_view allowed) {
    return Error(c.op_where, fmt::format("'{}' does not apply to the {} field '{}'", op, type_name(f.type), f.name),
                 fmt::format("use {}", allowed));
  };
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

  if (op == "is_set") {
    n.op = boolean(c.value) ? Op::IsSet : Op::IsUnset;
    return add_node(n);
  }
  switch (f.type) {
    case FieldType::Integer:
      if (op == "in") {
        if (!c.value.is_sequence()) throw Error(at_value(c, c.value), "'in' takes a list", "e.g. in: [1, 2, 3]");
        n.op = Op::IntIn;
        n.begin = static_cast<std::uint32_t>(ints_.size());
        for (const yaml::Node& item : c.value.children) ints_.push_back(integer(item));
        n.end = static_cast<std::uint32_t>(ints_.size());
        return add_node(n);
      }
      n.value = integer(c.value);
      if (op == "eq")
        n.op = Op::IntEq;
      else if (op == "ne")
        n.op = Op::IntNe;
      else if (op == "lt")
        n.op = Op::IntLt;
      else if (op == "lte")
        n.op = Op::IntLte;
      else if (op == "gt")
        n.op = Op::IntGt;
      else if (op == "gte")
        n.op = Op::IntGte;
      else
        throw bad_op("eq, ne, lt, lte, gt, gte, in or is_set");
      return add_node(n);
    case FieldType::Bool:
      n.value = boolean(c.value) ? 1 : 0;
      if (op == "eq")
        n.op = Op::IntEq;
      else if (op == "ne")
        n.op = Op::IntNe;
      else
        throw bad_op("eq, ne or is_set");
      return add_node(n);
    case FieldType::Enum:
      if (op == "eq" || op == "ne") {
        n.value = value_name(c.value);
        n.op = op == "eq" ? Op::IntEq : Op::IntNe;
      } else if (op == "in") {
        if (!c.value.is_sequence()) throw Error(at_value(c, c.value), "'in' takes a list", "e.g. in: [shins, knees]");
        n.op = Op::EnumIn;
        n.mask = value_mask(c.value);
      } else {
        throw bad_op("eq, ne, in or is_set");
      }
      return add_node(n);
    case FieldType::Set:
      if (op == "has") {
        n.op = Op::SetAny;
        n.mask = std::uint64_t{1} << value_name(c.value);
      } else if (op == "has_any" || op == "has_all") {
        if (!c.value.is_sequence())
          throw Error(at_value(c, c.value), fmt::format("'{}' takes a list", op),
                      "e.g. [a, b]; for one value use 'has'");
        n.op = op == "has_any" ? Op::SetAny : Op::SetAll;
        n.mask = value_mask(c.value);
      } else if (op == "eq" || op == "ne") {
        n.op = op == "eq" ? Op::SetEq : Op::SetNe;
        n.mask = value_mask(c.value);
      } else {
        throw bad_op("has, has_any, has_all, eq, ne or is_set");
      }
      return add_node(n);
    case FieldType::String: break;
  }
  throw bad_op("another operator");
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

bool Engine::eval(std::uint32_t node, const Profile& p, std::uint64_t facts) const {
  const Node& n = nodes_[node];
  const auto v = p.values[n.field];
  const bool present = p.has(n.field);
  switch (n.op) {
    case Op::All:
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (!eval(kids_[k], p, facts)) return false;
      }
      return true;
    case Op::Any:
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (eval(kids_[k], p, facts)) return true;
      }
      return false;
    case Op::Not: return !eval(kids_[n.begin], p, facts);
    case Op::Fact: return (facts & n.mask) != 0;
    case Op::IntEq: return present && v == n.value;
    case Op::IntNe: return present && v != n.value;
    case Op::IntLt: return present && v < n.value;
    case Op::IntLte: return present && v <= n.value;
    case Op::IntGt: return present && v > n.value;
    case Op::IntGte: return present && v >= n.value;
    case Op::IntIn:
      if (!present) return false;
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (ints_[k] == v) return true;
      }
      return false;
    case Op::EnumIn: return present && ((n.mask >> v) & 1u) != 0;
    // An unset set is the empty set.
    case Op::SetAny: return (p.set_bits(n.field) & n.mask) != 0;
    case Op::SetAll: return (p.set_bits(n.field) & n.mask) == n.mask;
    case Op::SetEq: return p.set_bits(n.field) == n.mask;
    case Op::SetNe: return p.set_bits(n.field) != n.mask;
    case Op::IsSet: return present;
    case Op::IsUnset: return !present;
  }
  return false;
}

// ---- fire()'s program ----------------------------------------------------------

namespace {

struct ProgramTooBig {};

constexpr std::int64_t kMinInt = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

std::uint64_t u64(std::int64_t v) {
  return static_cast<std::uint64_t>(v);
}

}  // namespace

std::uint16_t Engine::new_slot() {
  if (slots_ == kMaxSlots) throw ProgramTooBig{};
  return static_cast<std::uint16_t>(slots_++);
}

template <class Leaf>
Engine::Literal Engine::leaf(std::vector<Leaf>& leaves, Leaf l) {
  // The same test twice shares one slot.
  for (const Leaf& have : leaves) {
    Leaf probe = have;
    probe.slot = 0;
    if (probe == l) return {have.slot, 0};
  }
  l.slot = new_slot();
  leaves.push_back(l);
  return {l.slot, 0};
}

Engine::Literal Engine::gate(Literal a, Literal b) {
  const std::uint16_t dst = new_slot();
  gates_.push_back(Gate{a.slot, b.slot, dst, a.neg, b.neg, 0});
  return {dst, 0};
}

Engine::Literal Engine::lower(std::uint32_t node) {
  const Node& n = nodes_[node];
  auto negate = [](Literal l) { return Literal{l.slot, static_cast<std::uint8_t>(l.neg ^ 1u)}; };
  // any(x...) = not all(not x...)
  auto any_of = [&](const std::vector<Literal>& lits) {
    if (lits.empty()) return Literal{kFalseSlot, 0};
    Literal acc = negate(lits[0]);
    for (std::size_t k = 1; k < lits.size(); ++k) acc = gate(acc, negate(lits[k]));
    return negate(acc);
  };
  auto range = [&](std::int64_t lo, std::int64_t hi, bool inv) {
    return leaf(range_leaves_, RangeLeaf{u64(lo), u64(hi) - u64(lo), 0, n.field, static_cast<std::uint8_t>(inv)});
  };
  auto mask = [&](std::uint64_t m1, std::uint64_t m2, bool inv, bool is_enum = false) {
    return leaf(mask_leaves_,
                MaskLeaf{m1, m2, 0, n.field, static_cast<std::uint8_t>(is_enum), static_cast<std::uint8_t>(inv)});
  };
  switch (n.op) {
    case Op::All: {
      if (n.begin == n.end) return Literal{kTrueSlot, 0};
      Literal acc = lower(kids_[n.begin]);
      for (std::uint32_t k = n.begin + 1; k < n.end; ++k) acc = gate(acc, lower(kids_[k]));
      return acc;
    }
    case Op::Any: {
      std::vector<Literal> lits;
      for (std::uint32_t k = n.begin; k < n.end; ++k) lits.push_back(lower(kids_[k]));
      return any_of(lits);
    }
    case Op::Not: return negate(lower(kids_[n.begin]));
    case Op::Fact: return Literal{fact_slots_[static_cast<std::size_t>(std::countr_zero(n.mask))], 0};
    case Op::IntEq: return range(n.value, n.value, false);
    case Op::IntNe: return range(n.value, n.value, true);
    case Op::IntLt: return n.value == kMinInt ? Literal{kFalseSlot, 0} : range(kMinInt, n.value - 1, false);
    case Op::IntLte: return range(kMinInt, n.value, false);
    case Op::IntGt: return n.value == kMaxInt ? Literal{kFalseSlot, 0} : range(n.value + 1, kMaxInt, false);
    case Op::IntGte: return range(n.value, kMaxInt, false);
    case Op::IntIn: {
      std::vector<Literal> lits;
      for (std::uint32_t k = n.begin; k < n.end; ++k) lits.push_back(range(ints_[k], ints_[k], false));
      return any_of(lits);
    }
    case Op::EnumIn: return mask(n.mask, 0, true, true);
    case Op::SetAny: return mask(n.mask, 0, true);
    case Op::SetAll: return mask(n.mask, n.mask, false);
    case Op::SetEq: return mask(~std::uint64_t{0}, n.mask, false);
    case Op::SetNe: return mask(~std::uint64_t{0}, n.mask, true);
    case Op::IsSet: return range(kMinInt, kMaxInt, false);
    case Op::IsUnset: return negate(range(kMinInt, kMaxInt, false));
  }
  return Literal{kFalseSlot, 0};
}

void Engine::build_program() {
  try {
    slots_ = 2;  // kFalseSlot, kTrueSlot
    for (std::size_t f = 0; f < facts_.size(); ++f) fact_slots_.push_back(new_slot());
    for (const CompiledRule& r : rules_) {
      const Literal lit = r.condition == kAlways ? Literal{kTrueSlot, 0} : lower(r.condition);
      rule_literals_.push_back(lit);
      // fact = fact or fired, as not (not fact and not fired)
      for (std::uint64_t d = r.derives; d != 0; d &= d - 1) {
        const std::uint16_t fact = fact_slots_[static_cast<std::size_t>(std::countr_zero(d))];
        gates_.push_back(Gate{fact, lit.slot, fact, 1, static_cast<std::uint8_t>(lit.neg ^ 1u), 1});
      }
    }
    program_ = true;
  } catch (const ProgramTooBig&) {
    program_ = false;
    range_leaves_.clear();
    mask_leaves_.clear();
    fact_slots_.clear();
    gates_.clear();
    rule_literals_.clear();
  }
}

void Engine::fire(const Profile& profile, Result& out) const {
  if (!program_) {
    fire_tree(profile, out);
    return;
  }
  std::array<std::uint8_t, kMaxSlots> slot;  // NOLINT: every slot read is written first (build_program)
  slot[kFalseSlot] = 0;
  slot[kTrueSlot] = 1;
  for (const RangeLeaf& l : range_leaves_) {
    const std::uint64_t present = (profile.present >> l.field) & 1u;
    const std::uint64_t v = u64(profile.values[l.field]);
    slot[l.slot] = static_cast<std::uint8_t>(present & ((v - l.lo <= l.span) ^ l.inv));
  }
  for (const MaskLeaf& l : mask_leaves_) {
    const std::uint64_t present = (profile.present >> l.field) & 1u;
    const std::uint64_t v = u64(profile.values[l.field]);
    // A set's bits when given (else empty); an enum's value as one bit.
    const std::uint64_t x = l.is_enum != 0 ? present << (v & 63u) : v & (0 - present);
    slot[l.slot] = static_cast<std::uint8_t>(((x & l.m1) == l.m2) ^ l.inv);
  }
  for (const std::uint16_t f : fact_slots_) slot[f] = 0;
  for (const Gate& g : gates_) {
    slot[g.dst] = static_cast<std::uint8_t>(((slot[g.a] ^ g.na) & (slot[g.b] ^ g.nb)) ^ g.nd);
  }
  out.fired.clear();
  std::uint64_t facts = 0;
  for (std::size_t i = 0; i < rule_literals_.size(); ++i) {
    const std::uint64_t fired = slot[rule_literals_[i].slot] ^ rule_literals_[i].neg;
    out.fired.words[i >> 6] |= fired << (i & 63);
    facts |= rules_[i].derives & (0 - fired);
  }
  out.facts = facts;
}

void Engine::fire_tree(const Profile& profile, Result& out) const {
  out.fired.clear();
  std::uint64_t facts = 0;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule& r = rules_[i];
    if (r.condition == kAlways || eval(r.condition, profile, facts)) {
      out.fired.set(i);
      facts |= r.derives;
    }
  }
  out.facts = facts;
}

void Engine::evaluate(const Profile& profile, Result& out) const {
  fire(profile, out);
  assemble(profile, out);
}

void Engine::assemble(const Profile& profile, Result& out) const {
  out.step_count = 0;
  out.excluded_count = 0;
  out.uncovered_no_safe = 0;
  out.uncovered_no_time = 0;
  out.total_seconds = 0;
  const int minutes = kb_.schema.minutes;
  out.budget_seconds =
      static_cast<std::int32_t>(profile.has(minutes) ? profile.values[static_cast<std::size_t>(minutes)] * 60 : 600);

  // A stop rule fired: no routine at all, whatever else fired.
  const RuleBits& fired = out.fired;
  if (fired.intersects(stop_rules_, rule_words_)) {
    out.status = Status::Stop;
    return;
  }
  out.status = fired.intersects(refer_rules_, rule_words_) ? Status::SeeProfessionalFirst : Status::Ok;
  // The forms the fired exclude rules rule out, and for each, the first
  // rule (in evaluation order) that did: the one an exclusion names.
  FormBits excluded;
  std::array<std::uint16_t, kMaxForms> blocker;  // NOLINT: read only where `excluded` is set
  fired.for_each_both(exclude_rules_, rule_words_, [&](std::size_t i) {
    const FormBits& rule_out = exclusions_[static_cast<std::size_t>(rules_[i].exclude)];
    for (std::size_t w = 0; w < form_words_; ++w) {
      const std::uint64_t fresh = rule_out.words[w] & ~excluded.words[w];
      excluded.words[w] |= fresh;
      for (std::uint64_t bits = fresh; bits != 0; bits &= bits - 1) {
        blocker[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))] = static_cast<std::uint16_t>(i);
      }
    }
  });
  // Include weights are at least 1: a stretch some fired rule includes has a score.
  const std::size_t stretch_count = kb_.stretches.size();
  std::array<std::int32_t, kMaxStretches> score;  // NOLINT: the first stretch_count are zeroed below
  std::fill_n(score.begin(), stretch_count, 0);
  Bits<kMaxStretches> scored;
  fired.for_each_both(include_rules_, rule_words_, [&](std::size_t i) {
    const CompiledRule& r = rules_[i];
    for (std::uint32_t k = r.include_begin; k < r.include_end; ++k) {
      score[includes_[k].first] += includes_[k].second;
      scored.set(includes_[k].first);
    }
  });

  // The form each stretch would be done in: the variant the first fired
  // modify rule offers that is not excluded, else the stretch as
  // catalogued.
  // `offered`: the first variant offered at all, to name what blocked it.
  std::array<std::int16_t, kMaxStretches> chosen;   // NOLINT: the first stretch_count are set below
  std::array<std::int16_t, kMaxStretches> offered;  // NOLINT: likewise
  std::fill_n(chosen.begin(), stretch_count, std::int16_t{-1});
  std::fill_n(offered.begin(), stretch_count, std::int16_t{-1});
  Bits<kMaxStretches> has_chosen;
  fired.for_each_both(offer_rules_, rule_words_, [&](std::size_t i) {
    for (const auto& [st, form] : modifies_[static_cast<std::size_t>(rules_[i].modify)].offers) {
      if (offered[st] < 0) offered[st] = static_cast<std::int16_t>(form);
      if (chosen[st] < 0 && !excluded.test(form)) {
        chosen[st] = static_cast<std::int16_t>(form);
        has_chosen.set(st);
      }
    }
  });
  // Blocked: no variant to do instead, and excluded as catalogued.
  Bits<kMaxStretches> blocked;
  excluded.for_each_both(base_forms_, form_words_, [&](std::size_t form) { blocked.set(forms_[form].stretch); });
  for (std::size_t w = 0; w < Bits<kMaxStretches>::kWords; ++w) blocked.words[w] &= ~has_chosen.words[w];
  // Name the rule that blocked the last way out: the variant a modify rule
  // offered, if any, else the stretch as catalogued.
  blocked.for_each([&](std::size_t s) {
    const std::size_t form = offered[s] >= 0 ? static_cast<std::size_t>(offered[s]) : first_form_[s];
    out.excluded[out.excluded_count++] = Exclusion{static_cast<std::uint16_t>(s), blocker[form]};
  });

  struct Candidate {
    std::uint16_t stretch;
    std::uint16_t form;
    std::int32_t score;
    std::uint16_t hold;
    std::uint16_t reps;
    std::uint16_t max_reps;
    bool per_side;
  };
  std::array<Candidate, kMaxStretches> candidates;  // NOLINT: the first `count` are filled below
  std::size_t count = 0;
  scored.for_each([&](std::size_t s) {
    if (blocked.test(s)) return;
    const std::size_t form = chosen[s] >= 0 ? static_cast<std::size_t>(chosen[s]) : first_form_[s];
    const Form& f = forms_[form];
    Candidate c{static_cast<std::uint16_t>(s),
                static_cast<std::uint16_t>(form),
                score[s],
                static_cast<std::uint16_t>(f.dosage.hold_seconds),
                static_cast<std::uint16_t>(f.dosage.reps),
                static_cast<std::uint16_t>(f.dosage.max_reps),
                f.dosage.per_side};
    for (std::uint32_t k = form_caps_begin_[form]; k < form_caps_begin_[form + 1]; ++k) {
      const Cap& cap = form_caps_[k];
      if (!fired.test(cap.rule)) continue;
      if (cap.hold != 0) c.hold = std::min(c.hold, cap.hold);
      if (cap.reps != 0) {
        c.reps = std::min(c.reps, cap.reps);
        c.max_reps = std::min(c.max_reps, cap.reps);
      }
    }
    candidates[count++] = c;
  });
  // Highest score first; ties by catalogue order, so output is deterministic.
  // The keys (-score, stretch, index) are sorted: a score is positive, so
  // -score is 0x7FFFFFFF - score, 31 bits; stretch and index, a byte each.
  static_assert(kMaxStretches <= 256, "a stretch or candidate index fits in a byte");
  {
    std::array<std::uint64_t, kMaxStretches> keys;  // NOLINT: the first `count` are filled below
    for (std::size_t i = 0; i < count; ++i) {
      const Candidate& c = candidates[i];
      keys[i] = (static_cast<std::uint64_t>(0x7FFFFFFF - c.score) << 16) | (std::uint64_t{c.stretch} << 8) | i;
    }
    std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count));
    std::array<Candidate, kMaxStretches> unsorted;  // NOLINT: the first `count` are copied below
    std::copy_n(candidates.begin(), count, unsorted.begin());
    for (std::size_t i = 0; i < count; ++i) candidates[i] = unsorted[keys[i] & 0xFF];
  }

  Bits<kMaxStretches> taken;                    // by candidate
  std::array<std::uint8_t, kMaxSteps> step_of;  // NOLINT: per step, its candidate; set with the step
  Bits<kMaxStretches> groups_used;
  std::int32_t remaining = out.budget_seconds;
  auto seconds = [](const Candidate& c, int reps) {
    return static_cast<std::int32_t>(c.hold) * reps * (c.per_side ? 2 : 1);
  };
  auto take = [&](std::size_t i, int reps) {
    const Candidate& c = candidates[i];
    taken.set(i);
    step_of[out.step_count] = static_cast<std::uint8_t>(i);
    groups_used.set(forms_[c.form].group);
    const std::int32_t secs = seconds(c, reps);
    remaining -= secs;
    out.total_seconds += secs;
    out.steps[out.step_count++] =
        Step{c.stretch, c.form, c.hold, static_cast<std::uint16_t>(reps), c.per_side, static_cast<std::uint32_t>(secs),
             c.score};
  };
  auto usable = [&](std::size_t i) { return !taken.test(i) && !groups_used.test(forms_[candidates[i].form].group); };

  // 1. Cover every painful area with its best candidate, at one repetition
  //    for now, so a short budget still reaches as many areas as it can.
  const std::uint64_t pain = profile.set_bits(kb_.schema.pain_areas);
  std::uint64_t covered = 0;
  for (std::uint64_t left = pain; left != 0; left &= left - 1) {
    const std::uint64_t area = left & (~left + 1);
    if ((covered & area) != 0) continue;
    bool any_candidate = false;
    for (std::size_t i = 0; i < count && out.step_count < kMaxSteps; ++i) {
      if ((forms_[candidates[i].form].areas & area) == 0) continue;
      any_candidate = true;
      if (!usable(i) || seconds(candidates[i], 1) > remaining) continue;
      take(i, 1);
      covered |= forms_[candidates[i].form].areas;
      break;
    }
    if ((covered & area) == 0) (any_candidate ? out.uncovered_no_time : out.uncovered_no_safe) |= area;
  }
  // ... then give them back their repetitions, best first, as time allows.
  for (std::size_t k = 0; k < out.step_count; ++k) {
    Step& st = out.steps[k];
    const std::int32_t one = static_cast<std::int32_t>(st.hold_seconds) * (st.per_side ? 2 : 1);
    const Candidate* c = &candidates[step_of[k]];
    while (st.reps < c->reps && one <= remaining) {
      ++st.reps;
      st.seconds += static_cast<std::uint32_t>(one);
      remaining -= one;
      out.total_seconds += one;
    }
  }
  // 2. Fill the time with the best of the rest at full dosage.
  for (std::size_t i = 0; i < count && out.step_count < kMaxSteps; ++i) {
    if (usable(i) && seconds(candidates[i], candidates[i].reps) <= remaining) take(i, candidates[i].reps);
  }
  //    Still under the daily minimum: take more stretches at fewer reps.
  for (std::size_t i = 0; i < count && out.step_count < kMaxSteps && out.total_seconds < kMinimumSeconds; ++i) {
    if (!usable(i)) continue;
    int reps = candidates[i].reps;
    while (reps > 1 && seconds(candidates[i], reps) > remaining) --reps;
    if (seconds(candidates[i], reps) <= remaining) take(i, reps);
  }
  // 3. Reach the daily minimum with extra repetitions where the stretch allows.
  for (bool progress = true; progress && out.total_seconds < kMinimumSeconds;) {
    progress = false;
    for (std::size_t k = 0; k < out.step_count && out.total_seconds < kMinimumSeconds; ++k) {
      Step& st = out.steps[k];
      const Candidate* c = &candidates[step_of[k]];
      const std::int32_t one = static_cast<std::int32_t>(st.hold_seconds) * (st.per_side ? 2 : 1);
      if (st.reps < c->max_reps && out.total_seconds + one <= out.budget_seconds) {
        ++st.reps;
        st.seconds += static_cast<std::uint32_t>(one);
        out.total_seconds += one;
        progress = true;
      }
    }
  }
  // Nothing both recommended and safe: that is a question for a professional.
  if (out.step_count == 0) out.status = Status::SeeProfessionalFirst;
  // 4. Order, so nobody goes down to the floor and up again: the upright
  //    positions (standing to seated on a chair) first, then the floor ones
  //    down to lying; each position one block. A gentle warm-up leads: an
  //    upright one when there are upright steps, else a floor one, whose
  //    level and position then come first.
  auto upright = [&](const Form& f) { return !f.on_floor; };
  bool any_upright = false;
  for (std::size_t k = 0; k < out.step_count; ++k) any_upright = any_upright || upright(forms_[out.steps[k].form]);
  int warm = -1;
  for (std::size_t k = 0; k < out.step_count; ++k) {
    const Step& st = out.steps[k];
    const Form& f = forms_[st.form];
    if (!f.warm_up || (any_upright && !upright(f))) continue;
    if (warm < 0 || st.score > out.steps[static_cast<std::size_t>(warm)].score) warm = static_cast<int>(k);
  }
  if (warm < 0) {
    for (std::size_t k = 0; k < out.step_count; ++k) {
      const Step& st = out.steps[k];
      if (forms_[st.form].warm_up && (warm < 0 || st.score > out.steps[static_cast<std::size_t>(warm)].score))
        warm = static_cast<int>(k);
    }
  }
  const Form* warm_form = warm < 0 ? nullptr : &forms_[out.steps[static_cast<std::size_t>(warm)].form];
  const int warm_stretch = warm < 0 ? -1 : out.steps[static_cast<std::size_t>(warm)].stretch;
  const bool warm_level = warm_form != nullptr ? upright(*warm_form) : true;
  // One integer per step, compared as the tuple (not first level, not first
  // block, on the floor, position, not the warm-up, -score, stretch), with
  // the step's index in the low bits.
  static_assert(kMaxStretches <= 128 && kMaxSteps <= 16, "stretch and step indices fit in 7 and 4 bits");
  auto key = [&](const Step& st, std::size_t k) {
    const Form& f = forms_[st.form];
    const bool first_level = upright(f) == warm_level;
    const bool first_block =
        warm_form != nullptr && f.position == warm_form->position && f.on_floor == warm_form->on_floor;
    // A step's score is positive: -score as 0x7FFFFFFF - score, 31 bits.
    const auto neg_score = static_cast<std::uint64_t>(0x7FFFFFFF - st.score);
    return (std::uint64_t{!first_level} << 63) | (std::uint64_t{!first_block} << 62) |
           (std::uint64_t{f.on_floor} << 61) | (std::uint64_t{f.position} << 53) |
           (std::uint64_t{st.stretch != warm_stretch} << 52) | (neg_score << 21) | (std::uint64_t{st.stretch} << 4) | k;
  };
  std::array<std::uint64_t, kMaxSteps> keys;  // NOLINT: the first step_count are filled below
  for (std::size_t k = 0; k < out.step_count; ++k) keys[k] = key(out.steps[k], k);
  std::sort(keys.begin(), keys.begin() + out.step_count);
  const std::array<Step, kMaxSteps> unordered = out.steps;
  for (std::size_t k = 0; k < out.step_count; ++k) out.steps[k] = unordered[keys[k] & 0xF];
}

bool Engine::modifies(std::size_t compiled_rule, std::size_t stretch, std::size_t form) const {
  const CompiledRule& r = rules_[compiled_rule];
  if (r.modify < 0) return false;
  const Modify& m = modifies_[static_cast<std::size_t>(r.modify)];
  return m.has_variant ? m.variant_form[stretch] == static_cast<std::int16_t>(form) : m.select.test(form);
}

std::vector<std::size_t> Engine::reasons(const Result& r, const Step& step) const {
  std::vector<std::size_t> out;
  r.fired.for_each([&](std::size_t i) {
    if (includes(i, step.stretch)) out.push_back(i);
  });
  // Strongest reason first.
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    const auto weight = [&](std::size_t rule) {
      const Rule& ru = kb_.rules[rules_[rule].rule];
      return ru.include ? ru.include->weight : 0;
    };
    return weight(a) > weight(b);
  });
  return out;
}

bool Engine::includes(std::size_t compiled_rule, std::size_t stretch) const {
  const CompiledRule& r = rules_[compiled_rule];
  for (std::uint32_t k = r.include_begin; k < r.include_end; ++k) {
    if (includes_[k].first == stretch) return true;
  }
  return false;
}

bool Engine::excludes(std::size_t compiled_rule, std::size_t form) const {
  const CompiledRule& r = rules_[compiled_rule];
  return r.exclude >= 0 && exclusions_[static_cast<std::size_t>(r.exclude)].test(form);
}

bool Engine::should_ask(int field, const Profile& profile) const {
  const std::uint32_t node = ask_if_[static_cast<std::size_t>(field)];
  return node == kAlways || eval(node, profile, 0);
}

// ---- descriptions for explain -----------------------------------------------

std::string Engine::describe(std::uint32_t node) const {
  const Node& n = nodes_[node];
  const Field& f = kb_.schema.fields[n.field];
  auto children = [&](std::string_view sep) {
    std::vector<std::string> parts;
    for (std::uint32_t k = n.begin; k < n.end; ++k) {
      const Op op = nodes_[kids_[k]].op;
      const bool group = op == Op::All || op == Op::Any;
      parts.push_back(group ? "(" + describe(kids_[k]) + ")" : describe(kids_[k]));
    }
    return join(parts, sep);
  };
  auto scalar = [&](std::int64_t v) -> std::string {
    if (f.type == FieldType::Bool) return v != 0 ? "true" : "false";
    if (f.type == FieldType::Enum) return f.values[static_cast<std::size_t>(v)].name;
    return std::to_string(v);
  };
  auto names = [&](std::uint64_t mask) { return "[" + join(set_names(f, mask)) + "]"; };
  switch (n.op) {
    case Op::All: return children(" and ");
    case Op::Any: return children(" or ");
    case Op::Not: return "not (" + describe(kids_[n.begin]) + ")";
    case Op::Fact: return "fact " + facts_[static_cast<std::size_t>(std::countr_zero(n.mask))];
    case Op::IntEq: return fmt::format("{} = {}", f.name, scalar(n.value));
    case Op::IntNe: return fmt::format("{} != {}", f.name, scalar(n.value));
    case Op::IntLt: return fmt::format("{} < {}", f.name, n.value);
    case Op::IntLte: return fmt::format("{} <= {}", f.name, n.value);
    case Op::IntGt: return fmt::format("{} > {}", f.name, n.value);
    case Op::IntGte: return fmt::format("{} >= {}", f.name, n.value);
    case Op::IntIn: {
      std::vector<std::string> v;
      for (std::uint32_t k = n.begin; k < n.end; ++k) v.push_back(std::to_string(ints_[k]));
      return fmt::format("{} in [{}]", f.name, join(v));
    }
    case Op::EnumIn: return fmt::format("{} in {}", f.name, names(n.mask));
    case Op::SetAny:
      return std::popcount(n.mask) == 1 ? fmt::format("{} has {}", f.name, set_names(f, n.mask)[0])
                                        : fmt::format("{} has any of {}", f.name, names(n.mask));
    case Op::SetAll: return fmt::format("{} has all of {}", f.name, names(n.mask));
    case Op::SetEq: return fmt::format("{} = {}", f.name, names(n.mask));
    case Op::SetNe: return fmt::format("{} != {}", f.name, names(n.mask));
    case Op::IsSet: return fmt::format("{} is given", f.name);
    case Op::IsUnset: return fmt::format("{} is not given", f.name);
  }
  return "?";
}

// Where a compared value comes from, for `explain`.
const char* Engine::origin(std::uint32_t node) const {
  return kb_.schema.fields[nodes_[node].field].history ? "diary" : "profile";
}

std::string Engine::describe_value(std::uint32_t node, const Profile& p) const {
  const Node& n = nodes_[node];
  if (!p.has(n.field)) return "not given";
  std::string v = value_text(p, kb_.schema, n.field);
  return v;
}

bool Engine::first_failure(std::uint32_t node, const Profile& p, std::uint64_t facts, std::string& out) const {
  if (eval(node, p, facts)) return false;
  const Node& n = nodes_[node];
  switch (n.op) {
    case Op::All:
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (first_failure(kids_[k], p, facts, out)) return true;
      }
      return false;
    case Op::Any: {
      std::vector<std::string> parts;
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        const std::uint32_t child = kids_[k];
        const Op op = nodes_[child].op;
        if (op == Op::All || op == Op::Any || op == Op::Not || op == Op::Fact) {
          parts.push_back(describe(child));
        } else {
          parts.push_back(fmt::format("{} ({}: {})", describe(child), origin(child), describe_value(child, p)));
        }
      }
      out = "none of: " + join(parts, " or ");
      return true;
    }
    case Op::Not: out = describe(node) + " (it holds)"; return true;
    case Op::Fact: out = describe(node) + " (not derived)"; return true;
    default: out = fmt::format("{} ({}: {})", describe(node), origin(node), describe_value(node, p)); return true;
  }
}

std::vector<Trace> Engine::explain(const Profile& profile) const {
  std::vector<Trace> out;
  std::uint64_t facts = 0;
  for (const CompiledRule& r : rules_) {
    Trace t;
    t.fired = r.condition == kAlways || eval(r.condition, profile, facts);
    if (t.fired) {
      facts |= r.derives;
    } else {
      first_failure(r.condition, profile, facts, t.failed);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string Engine::describe_condition(std::size_t compiled_rule) const {
  const std::uint32_t c = rules_[compiled_rule].condition;
  return c == kAlways ? "always" : describe(c);
}

}  // namespace limber
