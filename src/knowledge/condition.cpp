#include "knowledge/condition.h"

#include <fmt/format.h>
#include <algorithm>
#include <utility>

#include "base/text.h"
#include "engine/ops.h"

namespace limber {

std::string suggest_operator(std::string_view word) {
  // Words people write for an operator: "greater" means gt, not what is
  // closest by spelling.
  static const std::pair<std::string_view, std::string_view> kSynonyms[] = {
      {"greater", "gt"},    {"greater_than", "gt"}, {"more_than", "gt"},   {"above", "gt"},     {"over", "gt"},
      {">", "gt"},          {"less", "lt"},         {"less_than", "lt"},   {"below", "lt"},     {"under", "lt"},
      {"<", "lt"},          {"at_least", "gte"},    {"min", "gte"},        {">=", "gte"},       {"ge", "gte"},
      {"at_most", "lte"},   {"max", "lte"},         {"<=", "lte"},         {"le", "lte"},       {"equals", "eq"},
      {"equal", "eq"},      {"is", "eq"},           {"==", "eq"},          {"=", "eq"},         {"not", "ne"},
      {"not_equal", "ne"},  {"!=", "ne"},           {"neq", "ne"},         {"contains", "has"}, {"includes", "has"},
      {"any", "has_any"},   {"any_of", "has_any"},  {"all_of", "has_all"}, {"one_of", "in"},    {"within", "in"},
      {"exists", "is_set"}, {"set", "is_set"},      {"given", "is_set"},
  };
  const std::string key = lower(word);
  for (const auto& [from, to] : kSynonyms) {
    if (key == from) return fmt::format(" (did you mean '{}'?)", to);
  }
  return did_you_mean(word, operator_names());
}

namespace {

// One operator key, or a positioned error with a did-you-mean.
std::string operator_name(const yaml::Node& op, const yaml::Checker& check) {
  const std::vector<std::string>& ops = operator_names();
  if (op.is_scalar() && std::find(ops.begin(), ops.end(), op.value) != ops.end()) return op.value;
  const std::string shown = op.is_scalar() ? op.value : std::string(op.kind_name());
  check.fail(op, fmt::format("'{}' is not a valid comparison operator{}", shown, suggest_operator(shown)),
             "allowed: " + join(ops));
}

Cond parse_entry(const yaml::Node& key, const yaml::Node& value, const yaml::Checker& check) {
  Cond c;
  c.where = check.source().at(key);
  const std::string& k = key.value;
  if (k == "all" || k == "any") {
    c.kind = k == "all" ? Cond::Kind::All : Cond::Kind::Any;
    check.expect_sequence(value, fmt::format("'{}'", k));
    if (value.children.empty()) check.fail(value, fmt::format("'{}' needs at least one condition", k));
    for (const yaml::Node& item : value.children) c.children.push_back(parse_condition(item, check));
    return c;
  }
  if (k == "not") {
    c.kind = Cond::Kind::Not;
    c.children.push_back(parse_condition(value, check));
    return c;
  }
  if (k == "fact") {
    c.kind = Cond::Kind::Fact;
    c.name = check.string(value, "a fact name");
    return c;
  }
  c.kind = Cond::Kind::Compare;
  c.name = k;
  if (!value.is_map()) {
    // Shorthand `field: value`; the engine picks eq or has by field type.
    c.op = "";
    c.value = value;
    c.op_where = check.source().at(value);
    return c;
  }
  check.check_unique_keys(value);
  if (value.map_size() == 0)
    check.fail(value, fmt::format("no comparison given for '{}'", k), "e.g. `" + k + ": { eq: 3 }`");
  if (value.map_size() == 1) {
    const yaml::Node& op = value.key(0);
    c.op = operator_name(op, check);
    c.op_where = check.source().at(op);
    c.value = value.val(0);
    return c;
  }
  // Several operators on one field: all must hold.
  Cond all;
  all.kind = Cond::Kind::All;
  all.where = c.where;
  for (std::size_t i = 0; i < value.map_size(); ++i) {
    Cond one = c;
    one.op = operator_name(value.key(i), check);
    one.op_where = check.source().at(value.key(i));
    one.value = value.val(i);
    all.children.push_back(std::move(one));
  }
  return all;
}

}  // namespace

Cond parse_condition(const yaml::Node& node, const yaml::Checker& check) {
  if (!node.is_map()) {
    check.fail(node, fmt::format("a condition must be a mapping, not {}", node.kind_name()),
               "e.g. `sitting_hours: { gte: 6 }`, `all: [...]`, `any: [...]`, `not: {...}` or `fact: NAME`");
  }
  check.check_unique_keys(node);
  if (node.map_size() == 0)
    check.fail(node, "an empty condition", "remove it, or write e.g. `sitting_hours: { gte: 6 }`");
  if (node.map_size() == 1) return parse_entry(node.key(0), node.val(0), check);
  // Several keys in one mapping: all must hold.
  Cond all;
  all.kind = Cond::Kind::All;
  all.where = check.source().at(node);
  for (std::size_t i = 0; i < node.map_size(); ++i)
    all.children.push_back(parse_entry(node.key(i), node.val(i), check));
  return all;
}

void collect_facts(const Cond& cond, std::vector<std::string>& out) {
  if (cond.kind == Cond::Kind::Fact) out.push_back(cond.name);
  for (const Cond& c : cond.children) collect_facts(c, out);
}

}  // namespace limber
