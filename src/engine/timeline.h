#pragma once
// The phases of one step of a routine, with their seconds: getting into
// position, each hold, the rests between repetitions and the change of
// sides. The sum of the phases IS the step's time: the engine budgets a
// routine with seconds() and the guided session counts down phases(), so
// the two can never disagree.
//
// Where the figures come from. The holds and repetitions are the
// catalogue's dosage (from the documents). The time to get into position,
// to rest between the repetitions of a held stretch and to change sides
// is not given by any of the documents: the figures below are our own
// estimates from practice (the time a person at home takes to read a step
// and settle into it, to let go of a hold and breathe, to turn round),
// chosen on the generous side so that a routine "fits" only when it can
// really be done in the time. They are constants here and nowhere else.

#include <cstdint>
#include <string_view>
#include <vector>

namespace limber::timeline {

// Getting into the step's position (and reading what to do): practice estimate.
inline constexpr int kSetupSeconds = 10;
// Letting go between two repetitions of a held stretch: practice estimate.
inline constexpr int kRestSeconds = 5;
// Changing to the other side (a per-side stretch, once): practice estimate.
inline constexpr int kSwitchSeconds = 5;
// A repetition shorter than this is a movement drill (cat-cow, trunk
// rotation, bridge lifts): its repetitions flow into one another with no
// rest between them.
inline constexpr int kRestFromHold = 10;

enum class PhaseKind : std::uint8_t { Setup, Hold, Rest, SwitchSides };
std::string_view phase_name(PhaseKind k);  // "setup", "hold", "rest", "switch_sides"

struct Phase {
  PhaseKind kind = PhaseKind::Setup;
  int seconds = 0;
  int rep = 0;   // 1-based repetition of a Hold or the Rest after it; 0 otherwise
  int side = 0;  // 0: the only or first side, 1: the second side
};

// What decides a step's time: its dosage as the routine gives it.
struct Shape {
  int hold_seconds = 0;
  int reps = 0;
  bool per_side = false;
};

// The phases in the order they are done: get into position, then every
// repetition on the first side (a rest between held repetitions), change
// sides, and the same on the second side. Empty for zero repetitions.
std::vector<Phase> phases(const Shape& s);

// The sum of phases(s), without building them (the engine's step time).
constexpr int seconds(const Shape& s) {
  if (s.reps <= 0 || s.hold_seconds <= 0) return 0;
  const int sides = s.per_side ? 2 : 1;
  const int rest = s.hold_seconds >= kRestFromHold ? kRestSeconds : 0;
  return kSetupSeconds + sides * (s.reps * s.hold_seconds + (s.reps - 1) * rest) + (sides - 1) * kSwitchSeconds;
}

// The seconds spent holding or moving in the stretch itself (what the
// documents' "60 seconds of stretching a day" counts).
constexpr int held_seconds(const Shape& s) {
  if (s.reps <= 0 || s.hold_seconds <= 0) return 0;
  return s.hold_seconds * s.reps * (s.per_side ? 2 : 1);
}

}  // namespace limber::timeline
