#include "session/plan.h"

#include <fmt/format.h>

#include "engine/timeline.h"

namespace limber::session {

std::vector<Phase> phases_of(const AnswerStep& step) {
  // The engine's timeline of the step: the same phases it budgeted the
  // step's seconds with.
  std::vector<Phase> out;
  for (const timeline::Phase& t : timeline::phases({step.hold_seconds, step.reps, step.per_side})) {
    if (t.seconds <= 0) continue;
    Phase p{PhaseKind::Hold, t.seconds, t.rep, step.reps, step.per_side ? t.side + 1 : 0};
    switch (t.kind) {
      case timeline::PhaseKind::Setup:
        p.kind = PhaseKind::Position;
        p.rep = 1;
        break;
      case timeline::PhaseKind::Hold: break;
      case timeline::PhaseKind::Rest:
        p.kind = PhaseKind::Rest;
        p.rep = t.rep + 1;  // what it leads to
        break;
      case timeline::PhaseKind::SwitchSides:
        p.kind = PhaseKind::Switch;
        p.rep = 1;
        break;
    }
    out.push_back(p);
  }
  return out;
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
