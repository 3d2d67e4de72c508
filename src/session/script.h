#pragma once
// `limber go --plain` (or stdin not a terminal): the session as a timed
// script, with no timers: for screen readers, printing, or another tool's
// timer. Every phase with its start time from the session's beginning.

#include <string>

#include "session/plan.h"

namespace limber::session {

std::string timed_script(const Plan& plan, std::size_t width = 80);

}  // namespace limber::session
