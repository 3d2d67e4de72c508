#pragma once
// The condition operators, one row each. Everything the program knows about
// an operator is in its row: where it applies and what operand it takes
// (compile, the JSON Schemas), how it is tested (the tree walk), lowered
// (fire()'s branch-free program), put in words (explain, list rules) and
// narrowed over a field's domain (lint's satisfiability search).
//
// Adding an operator is one row in operators() (ops.cpp) plus its tests.

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/program.h"
#include "knowledge/schema.h"

namespace limber {

// What an operator takes.
enum class Operand : std::uint8_t {
  Value,        // one value of the field: 3, true, sitting
  List,         // a list of values: [1, 2], [a, b]
  ValueOrList,  // either (a set compared as a whole)
  Flag,         // true or false whatever the field's type (is_set)
};

// How a test treats a field the profile does not give.
enum class Absent : std::uint8_t {
  Fails,     // the test fails: its negation holds
  EmptySet,  // a set that is not given is the empty set
  Tested,    // the test is about presence itself
};

// What lint knows about one field while it searches for a profile that
// satisfies a condition: an interval (and excluded values) for integers,
// the still-possible values of enums and bools, what a set must and must
// not hold, and whether the field is given.
struct FieldDomain {
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

// One compiled test: its node (field, value, mask) and the integers of its list.
struct Test {
  const program::Node& node;
  std::span<const std::int64_t> ints;
};

struct Operator {
  std::string_view name;  // as written in a condition
  std::uint8_t types;     // bits over FieldType: the field types it applies to
  Operand operand;
  Absent absent;
  std::string_view list_example;  // the hint when a List operand is not a list
  std::string_view schema_note;   // the JSON Schema's description of the operand ("" for none)
  // The tree walk: whether the test holds for a profile.
  bool (*eval)(const Test& t, const Profile& p);
  // The lowering to fire()'s branch-free program.
  program::Literal (*lower)(const Test& t, program::Builder& b);
  // The test in words: "sitting_hours >= 6".
  std::string (*describe)(const Test& t, const Field& f);
  // lint: narrows the domain of the test's field to where the test holds
  // (`negated`: fails, the field given). False when nothing is left.
  bool (*narrow)(const Test& t, const Field& f, bool negated, FieldDomain& d);
};

constexpr std::uint8_t type_bit(FieldType t) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(t));
}

std::span<const Operator> operators();
// The row of operator `name` on a field of type `type`, or nullptr when it
// does not apply there.
const Operator* find_operator(std::string_view name, FieldType type);
// The distinct operator names, in table order (the parser's did-you-mean).
const std::vector<std::string>& operator_names();
// What applies to a field type, in words: "eq, ne, in or is_set".
std::string operators_for(FieldType type);

}  // namespace limber
