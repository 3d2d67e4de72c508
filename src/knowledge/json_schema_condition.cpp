#include "knowledge/json_schema_parts.h"

#include <fmt/format.h>

#include "engine/ops.h"

namespace limber::jsonschema {

namespace {

// The operand an operator's row takes for a field of its types.
J operand(const Operator& row, const Field& f) {
  const J value = f.type == FieldType::Integer ? J{{"type", "integer"}}
                  : f.type == FieldType::Bool  ? boolean()
                                               : one_of(f.value_names());
  switch (row.operand) {
    case Operand::Flag: return described(boolean(), row.schema_note);
    case Operand::Value: return value;
    case Operand::List: return array(value);
    case Operand::ValueOrList: return J{{"anyOf", J::array({value, array(value)})}};
  }
  return J();
}

J comparison(const Field& f) {
  J ops = J::object();
  for (const std::string& op : operator_names()) {
    if (const Operator* row = find_operator(op, f.type)) ops[op] = operand(*row, f);
  }
  const J shorthand = f.type == FieldType::Integer ? J{{"type", "integer"}}
                      : f.type == FieldType::Bool  ? boolean()
                                                   : one_of(f.value_names());
  J compare{{"type", "object"}, {"minProperties", 1}, {"properties", std::move(ops)}, {"additionalProperties", false}};
  const std::string shorthand_op = f.type == FieldType::Set ? "has" : "eq";
  return J{{"description",
            fmt::format("{} ({}): a value (`{}`), or {{ OP: VALUE, ... }}", f.name, type_name(f.type), shorthand_op)},
           {"anyOf", J::array({shorthand, compare})}};
}

}  // namespace

J condition_def(const Schema& schema, const std::vector<std::string>& facts) {
  J props = J::object();
  const J list = array(ref("condition"), true);
  props["all"] = described(list, "every condition holds");
  props["any"] = described(list, "at least one condition holds");
  props["not"] = described(ref("condition"), "the condition does not hold");
  J fact = described(non_blank(), "a fired rule derived this fact (`derive:`)");
  if (!facts.empty()) fact["examples"] = facts;
  props["fact"] = std::move(fact);
  for (const Field& f : schema.fields) {
    if (f.type == FieldType::String) continue;  // text fields cannot be tested
    props[f.name] = comparison(f);
  }
  return J{{"description", "A condition (rules/README.md, \"Conditions\"); several keys in one mapping must all hold."},
           {"type", "object"},
           {"minProperties", 1},
           {"properties", std::move(props)},
           {"additionalProperties", false}};
}

}  // namespace limber::jsonschema
