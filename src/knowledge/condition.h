#pragma once
// The condition language of `when:` and `ask_if:`, as written (an AST with
// positions). It is checked against the schema and compiled to flat nodes
// by the engine (engine.h); the operators are the rows of engine/ops.h.

#include <string>
#include <vector>

#include "base/error.h"
#include "knowledge/yaml.h"

namespace limber {

struct Cond {
  enum class Kind : std::uint8_t { All, Any, Not, Fact, Compare };
  Kind kind = Kind::All;
  std::vector<Cond> children;  // All, Any, Not (one)
  std::string name;            // Fact: the fact; Compare: the field
  std::string op;              // Compare: eq ne lt lte gt gte in has has_any has_all is_set
  yaml::Node value;            // Compare: the operand as written
  Location where;              // the key that introduced this node
  Location op_where;           // Compare: the operator
};

// " (did you mean 'gt'?)" for an unknown operator: from the words people
// use for one ("greater", "at_least", "contains"), else by spelling; or "".
std::string suggest_operator(std::string_view word);

Cond parse_condition(const yaml::Node& node, const yaml::Checker& check);

// Fact names a condition tests (for dependency ordering).
void collect_facts(const Cond& cond, std::vector<std::string>& out);

}  // namespace limber
