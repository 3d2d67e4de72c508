#include "engine/timeline.h"

namespace limber::timeline {

std::string_view phase_name(PhaseKind k) {
  switch (k) {
    case PhaseKind::Setup: return "setup";
    case PhaseKind::Hold: return "hold";
    case PhaseKind::Rest: return "rest";
    case PhaseKind::SwitchSides: return "switch_sides";
  }
  return "setup";
}

std::vector<Phase> phases(const Shape& s) {
  std::vector<Phase> out;
  if (s.reps <= 0 || s.hold_seconds <= 0) return out;
  const int sides = s.per_side ? 2 : 1;
  const int rest = s.hold_seconds >= kRestFromHold ? kRestSeconds : 0;
  out.reserve(static_cast<std::size_t>(1 + sides * (2 * s.reps) + 1));
  out.push_back(Phase{PhaseKind::Setup, kSetupSeconds, 0, 0});
  for (int side = 0; side < sides; ++side) {
    if (side > 0) out.push_back(Phase{PhaseKind::SwitchSides, kSwitchSeconds, 0, side});
    for (int rep = 1; rep <= s.reps; ++rep) {
      out.push_back(Phase{PhaseKind::Hold, s.hold_seconds, rep, side});
      if (rep < s.reps && rest > 0) out.push_back(Phase{PhaseKind::Rest, rest, rep, side});
    }
  }
  return out;
}

}  // namespace limber::timeline
