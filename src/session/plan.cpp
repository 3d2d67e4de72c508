#include "session/plan.h"

#include <fmt/format.h>

namespace limber::session {

std::vector<Phase> phases_of(const AnswerStep& step) {
  std::vector<Phase> phases;
  const int sides = step.per_side ? 2 : 1;
  const int holds = step.hold_seconds * step.reps * sides;
  // Whatever the step's time holds beyond the holds is for getting into
  // position, so that the phases always add up to the step's seconds.
  if (step.seconds > holds) phases.push_back(Phase{PhaseKind::Position, step.seconds - holds, 1, step.reps, 0});
  for (int side = 1; side <= sides; ++side) {
    for (int rep = 1; rep <= step.reps; ++rep) {
      phases.push_back(Phase{PhaseKind::Hold, step.hold_seconds, rep, step.reps, step.per_side ? side : 0});
    }
  }
  std::erase_if(phases, [](const Phase& p) { return p.seconds <= 0; });
  return phases;
}

int Plan::seconds_from(std::size_t from) const {
  int total = 0;
  for (std::size_t i = from; i < steps.size(); ++i) total += steps[i].seconds;
  return total;
}

Plan make_plan(const Answer& answer) {
  Plan plan;
  plan.answer = &answer;
  for (const AnswerStep& s : answer.routine) {
    PlanStep& p = plan.steps.emplace_back();
    p.step = &s;
    p.phases = phases_of(s);
    for (const Phase& ph : p.phases) p.seconds += ph.seconds;
    plan.total_seconds += p.seconds;
  }
  return plan;
}

namespace {
std::string side_label(int side) {
  return side == 1 ? "first side" : "other side";
}
std::string hold_label(const Phase& p) {
  std::string out = p.reps > 1 ? fmt::format("hold {} of {}", p.rep, p.reps) : std::string("hold");
  if (p.side != 0) out += ", " + side_label(p.side);
  return out;
}
}  // namespace

std::string phase_title(const Phase& p) {
  switch (p.kind) {
    case PhaseKind::Position: return "Get into position";
    case PhaseKind::Hold: {
      std::string h = hold_label(p);
      h[0] = 'H';
      return h;
    }
    case PhaseKind::Rest: return "Rest";
    case PhaseKind::Switch: return "Switch sides";
  }
  return {};
}

std::string phase_lead(const Phase& p) {
  if (p.kind == PhaseKind::Hold) return {};
  return "then " + hold_label(p);
}

std::string clock_label(int seconds) {
  if (seconds < 0) seconds = 0;
  return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

}  // namespace limber::session
