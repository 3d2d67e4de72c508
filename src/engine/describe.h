#pragma once
// Conditions and explain's traces in words, from the operator table's
// descriptions: "sitting_hours >= 6", "none of: age > 50 (profile: 30) or
// fact desk_worker".

#include <string>

#include "engine/engine.h"

namespace limber {

// A compiled rule's condition ("always" without one), for explain and `list rules`.
std::string describe_condition(const Engine& engine, std::size_t compiled_rule);
// One node of a condition tree.
std::string describe_node(const Engine& engine, std::uint32_t node);
// Why a rule did not fire, from its trace: "sitting_hours >= 6 (profile: 4)".
// "" for a rule that fired.
std::string describe_failure(const Engine& engine, const Profile& profile, const Trace& trace);

}  // namespace limber
