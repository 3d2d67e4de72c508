#include "history/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <string>

namespace limber::history {

bool tests_history(const Cond& c, const Schema& schema, const char* only) {
  if (c.kind == Cond::Kind::Compare) {
    const int i = schema.index(c.name);
    return i >= 0 && schema.fields[static_cast<std::size_t>(i)].history && (only == nullptr || c.name == only);
  }
  return std::any_of(c.children.begin(), c.children.end(),
                     [&](const Cond& k) { return tests_history(k, schema, only); });
}

namespace {

// The weeks_active a condition asks for at least (weeks_active >= N or > N-1), or 0.
int weeks_asked(const Cond& c) {
  if (c.kind == Cond::Kind::Compare && c.name == "weeks_active" && c.value.is_scalar()) {
    int n = 0;
    try {
      n = std::stoi(c.value.value);
    } catch (const std::exception&) {
      return 0;
    }
    if (c.op == "gte") return n;
    if (c.op == "gt") return n + 1;
    return 0;
  }
  if (c.kind == Cond::Kind::Not) return 0;
  int most = 0;
  for (const Cond& k : c.children) most = std::max(most, weeks_asked(k));
  return most;
}

}  // namespace

Plan make_plan(const Engine& engine, const Profile& profile, const std::optional<History>& history, int weeks) {
  const Schema& schema = engine.schema();
  Plan plan;
  const int level_field = schema.index("level");
  const int flare_field = schema.index("flare");
  plan.start = history ? history->today : today();
  const int level = history ? history->level : static_cast<int>(schema.at("level").min);
  plan.level_max = static_cast<int>(schema.at("level").max);
  for (const CompiledRule& cr : engine.rules()) {
    const Rule& r = engine.kb().rules[cr.rule];
    if (!r.when) continue;
    if ((r.stop || r.refer) && tests_history(*r.when, schema)) plan.get_help.push_back(&r);
    if (r.refer && tests_history(*r.when, schema, "weeks_active")) plan.review = &r;
    for (const Name& d : r.derive) {
      if (d.text == "step_up" && plan.step_up == nullptr) plan.step_up = &r;
    }
  }
  // The review falls at the end of the week after which weeks_active
  // reaches the rule's number: week 6 from a first session in week 1, sooner
  // for a diary already some weeks in.
  if (plan.review != nullptr) {
    const int asked = weeks_asked(*plan.review->when);
    const int done = history && history->facts.weeks_active ? *history->facts.weeks_active : 0;
    plan.review_week = std::max(1, (asked > 0 ? asked : 6) - done);
  }
  for (int k = 0; k < weeks; ++k) {
    PlanWeek w;
    w.number = k + 1;
    w.from = k == 0 ? plan.start : week_start(plan.start) + 7 * k;
    w.level = std::min(level + k, plan.level_max);
    Profile p = profile;
    store_value(p, schema, level_field, w.level, {});
    if (k > 0 && history) store_value(p, schema, flare_field, 0, {});  // if all goes well
    Result r;
    engine.evaluate(p, r);
    w.answer = make_answer(engine, p, r);
    const bool stop = w.answer.status == Status::Stop;
    plan.weeks.push_back(std::move(w));
    if (stop) break;  // no weeks ahead after a stop
  }
  return plan;
}

std::string step_line(const AnswerStep& s) {
  return fmt::format("{} ({})", s.variant != nullptr ? s.variant->name : s.stretch->name, dosage_label(s));
}

std::string check_in_text(const Plan& plan, const PlanWeek& w) {
  std::string t = "At the end of the week, log each session (`limber log --session done --pain N`).";
  if (w.level < plan.level_max && plan.step_up != nullptr) {
    t += fmt::format(" {} steps the level up ({}).", "Three sessions without pain getting worse", plan.step_up->id);
  }
  return t;
}

}  // namespace limber::history
