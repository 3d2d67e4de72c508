#pragma once
// A routine as the guided session runs it: every step cut into timed
// phases (getting into position, the holds, the rests between them,
// switching sides) whose seconds add up to the step's seconds, so that a
// whole session lasts exactly the routine's total_seconds.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/answer.h"

namespace limber::session {

enum class PhaseKind : std::uint8_t { Position, Hold, Rest, Switch };

struct Phase {
  PhaseKind kind = PhaseKind::Hold;
  int seconds = 0;
  int rep = 0;   // the repetition this phase holds, or leads to (1-based)
  int reps = 0;  // of how many
  int side = 0;  // 0: no sides; 1: the first side; 2: the other side
};

struct PlanStep {
  const AnswerStep* step = nullptr;
  std::vector<Phase> phases;  // none of zero seconds
  int seconds = 0;            // their sum: the step's seconds
};

struct Plan {
  const Answer* answer = nullptr;
  std::vector<PlanStep> steps;
  int total_seconds = 0;

  // Seconds from the start of step `from` to the end of the session.
  int seconds_from(std::size_t from) const;
};

// The phases of one step, in order: the engine's timeline of it
// (engine/timeline.h), which its seconds were budgeted with.
std::vector<Phase> phases_of(const AnswerStep& step);
// The whole routine; the answer must outlive the plan.
Plan make_plan(const Answer& answer);

// "Get into position", "Hold 2 of 3, other side", "Rest", "Switch sides":
// what the person is asked to do during a phase.
std::string phase_title(const Phase& phase);
// What comes after it within its step ("hold 1 of 3, first side"), or "".
std::string phase_lead(const Phase& phase);
// "0:08", "12:30"
std::string clock_label(int seconds);

}  // namespace limber::session
