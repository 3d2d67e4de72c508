#include "engine/describe.h"

#include <fmt/format.h>
#include <bit>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/transform.hpp>

#include "base/text.h"
#include "engine/ops.h"

namespace limber {

namespace {

using program::Node;
using program::Op;

bool structural(Op op) {
  return op != Op::Test;
}

// The profile's value of the field a test reads.
std::string profile_value(const Engine& engine, std::uint32_t node, const Profile& p) {
  const Node& n = engine.conditions().nodes[node];
  if (!p.has(n.field)) return "not given";
  return value_text(p, engine.schema(), n.field);
}

}  // namespace

std::string describe_node(const Engine& engine, std::uint32_t node) {
  const program::ConditionTree& tree = engine.conditions();
  const Node& n = tree.nodes[node];
  // Nested and/or in parentheses.
  auto child = [&](std::uint32_t kid) {
    const Op op = tree.nodes[kid].op;
    const bool group = op == Op::All || op == Op::Any;
    return group ? "(" + describe_node(engine, kid) + ")" : describe_node(engine, kid);
  };
  auto children = [&](std::string_view sep) {
    return join(tree.kids_of(n) | ranges::views::transform(child) | ranges::to<std::vector>(), sep);
  };
  switch (n.op) {
    case Op::All: return children(" and ");
    case Op::Any: return children(" or ");
    case Op::Not: return "not (" + describe_node(engine, tree.kids[n.begin]) + ")";
    case Op::Fact: return "fact " + engine.facts()[static_cast<std::size_t>(std::countr_zero(n.mask))];
    case Op::Test: return operators()[n.test].describe(Test{n, tree.ints_of(n)}, engine.schema().fields[n.field]);
  }
  return "?";
}

std::string describe_condition(const Engine& engine, std::size_t compiled_rule) {
  const std::uint32_t c = engine.rules()[compiled_rule].condition;
  return c == Engine::kAlways ? "always" : describe_node(engine, c);
}

std::string describe_failure(const Engine& engine, const Profile& profile, const Trace& trace) {
  if (trace.fired || trace.failed == Engine::kAlways) return {};
  const program::ConditionTree& tree = engine.conditions();
  const std::uint32_t node = trace.failed;
  const Node& n = tree.nodes[node];
  switch (n.op) {
    case Op::Any: {
      // Each alternative, a test with the profile's value.
      auto alternative = [&](std::uint32_t kid) {
        if (structural(tree.nodes[kid].op)) return describe_node(engine, kid);
        return fmt::format("{} (profile: {})", describe_node(engine, kid), profile_value(engine, kid, profile));
      };
      return "none of: " +
             join(tree.kids_of(n) | ranges::views::transform(alternative) | ranges::to<std::vector>(), " or ");
    }
    case Op::Not: return describe_node(engine, node) + " (it holds)";
    case Op::Fact: return describe_node(engine, node) + " (not derived)";
    case Op::All: return {};  // never: an All fails at one of its children
    case Op::Test:
      return fmt::format("{} (profile: {})", describe_node(engine, node), profile_value(engine, node, profile));
  }
  return {};
}

}  // namespace limber
