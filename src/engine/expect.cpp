#include "engine/expect.h"

#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"

namespace limber {

namespace {

const std::vector<std::string> kKeys = {"status",    "urgency",       "includes",         "includes_any",
                                        "excludes",  "excluded",      "cautions_mention", "fired",
                                        "not_fired", "min_seconds",   "max_seconds",      "min_steps",
                                        "max_steps", "cautions_omit", "max_cautions",     "one_way"};

std::vector<std::string> ids(const yaml::Node& node, const yaml::Checker& check, const std::vector<std::string>& known,
                             std::string_view what) {
  std::vector<std::string> out = check.strings(node, what);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (std::find(known.begin(), known.end(), out[i]) == known.end()) {
      const yaml::Node& at = node.is_sequence() ? node.children[i] : node;
      check.fail(at, fmt::format("unknown {} '{}'{}", what, out[i], did_you_mean(out[i], known)));
    }
  }
  return out;
}

bool in_routine(const Answer& a, std::string_view id) {
  return std::any_of(a.routine.begin(), a.routine.end(), [&](const AnswerStep& s) { return s.stretch->id == id; });
}

}  // namespace

const std::vector<std::string>& expectation_keys() {
  return kKeys;
}

Expectation parse_expectation(const yaml::Node& node, const yaml::Checker& check, const Engine& engine) {
  check.expect_map(node, "'expect'");
  check.check_keys(node, kKeys, "'expect'");
  std::vector<std::string> stretches;
  for (const Stretch& s : engine.kb().stretches) stretches.push_back(s.id);
  std::vector<std::string> rules;
  for (const Rule& r : engine.kb().rules) rules.push_back(r.id);
  static const std::vector<std::string> statuses = {"ok", "see_professional_first", "stop"};
  static const std::vector<std::string> urgencies = {"emergency", "urgent", "soon"};
  Expectation e;
  if (const auto* n = node.find("status")) e.status = check.choice(*n, statuses, "status");
  if (const auto* n = node.find("urgency")) e.urgency = check.choice(*n, urgencies, "urgency");
  if (const auto* n = node.find("includes")) e.includes = ids(*n, check, stretches, "stretch");
  if (const auto* n = node.find("includes_any")) e.includes_any = ids(*n, check, stretches, "stretch");
  if (const auto* n = node.find("excludes")) e.excludes = ids(*n, check, stretches, "stretch");
  if (const auto* n = node.find("excluded")) e.excluded = ids(*n, check, stretches, "stretch");
  if (const auto* n = node.find("cautions_mention")) e.cautions_mention = check.strings(*n, "'cautions_mention'");
  if (const auto* n = node.find("cautions_omit")) e.cautions_omit = check.strings(*n, "'cautions_omit'");
  if (const auto* n = node.find("max_cautions"))
    e.max_cautions = static_cast<int>(check.integer(*n, 0, 100, "'max_cautions'"));
  if (const auto* n = node.find("one_way")) e.one_way = check.boolean(*n, "'one_way'");
  if (const auto* n = node.find("fired")) e.fired = ids(*n, check, rules, "rule");
  if (const auto* n = node.find("not_fired")) e.not_fired = ids(*n, check, rules, "rule");
  if (const auto* n = node.find("min_seconds"))
    e.min_seconds = static_cast<int>(check.integer(*n, 0, 36000, "'min_seconds'"));
  if (const auto* n = node.find("max_seconds"))
    e.max_seconds = static_cast<int>(check.integer(*n, 0, 36000, "'max_seconds'"));
  if (const auto* n = node.find("min_steps")) e.min_steps = static_cast<int>(check.integer(*n, 0, 100, "'min_steps'"));
  if (const auto* n = node.find("max_steps")) e.max_steps = static_cast<int>(check.integer(*n, 0, 100, "'max_steps'"));
  return e;
}

std::vector<std::string> check_expectation(const Expectation& e, const Answer& a) {
  std::vector<std::string> failures;
  std::vector<std::string> routine;
  for (const AnswerStep& s : a.routine) routine.push_back(s.stretch->id);
  const std::string got_routine = routine.empty() ? "an empty routine" : fmt::format("[{}]", join(routine));
  if (e.status && *e.status != status_name(a.status)) {
    failures.push_back(fmt::format("status: expected {}, got {}", *e.status, status_name(a.status)));
  }
  if (e.urgency) {
    const std::string got = a.stop_reasons.empty() ? "no stop reason" : urgency_name(a.stop_reasons.front().urgency);
    if (got != *e.urgency) failures.push_back(fmt::format("urgency: expected {}, got {}", *e.urgency, got));
  }
  for (const std::string& id : e.includes) {
    if (!in_routine(a, id))
      failures.push_back(fmt::format("includes: expected {} in the routine, got {}", id, got_routine));
  }
  if (!e.includes_any.empty() && std::none_of(e.includes_any.begin(), e.includes_any.end(),
                                              [&](const std::string& id) { return in_routine(a, id); })) {
    failures.push_back(fmt::format("includes_any: expected one of [{}], got {}", join(e.includes_any), got_routine));
  }
  for (const std::string& id : e.excludes) {
    if (in_routine(a, id))
      failures.push_back(fmt::format("excludes: {} must not be in the routine, got {}", id, got_routine));
  }
  for (const std::string& id : e.excluded) {
    const bool listed = std::any_of(a.excluded.begin(), a.excluded.end(),
                                    [&](const AnswerExclusion& x) { return x.stretch->id == id; });
    if (!listed) failures.push_back(fmt::format("excluded: expected {} among the exclusions", id));
  }
  for (const std::string& text : e.cautions_mention) {
    const std::string want = lower(text);
    const bool found = std::any_of(a.cautions.begin(), a.cautions.end(),
                                   [&](const Reason& c) { return lower(c.text).find(want) != std::string::npos; });
    if (!found) failures.push_back(fmt::format("cautions_mention: no caution mentions \"{}\"", text));
  }
  for (const std::string& text : e.cautions_omit) {
    const std::string want = lower(text);
    for (const Reason& c : a.cautions) {
      if (lower(c.text).find(want) != std::string::npos)
        failures.push_back(fmt::format("cautions_omit: the caution of {} mentions \"{}\"", c.rule, text));
    }
  }
  if (e.max_cautions && static_cast<int>(a.cautions.size()) > *e.max_cautions)
    failures.push_back(fmt::format("max_cautions: expected at most {}, got {}", *e.max_cautions, a.cautions.size()));
  if (e.one_way) {
    int direction = 0;
    std::string heights;
    bool ok = true;
    for (std::size_t k = 0; k < a.routine.size(); ++k) {
      const AnswerStep& s = a.routine[k];
      heights += (k == 0 ? "" : ", ") + position_label(s.position, s.on_floor);
      if (k == 0) continue;
      const auto level = [](const AnswerStep& x) {
        Form f;
        f.position = static_cast<std::uint8_t>(std::find(positions().begin(), positions().end(), x.position) -
                                               positions().begin());
        f.on_floor = x.on_floor;
        return height_level(f);
      };
      const int step = level(s) - level(a.routine[k - 1]);
      if (step == 0) continue;
      const int sign = step > 0 ? 1 : -1;
      ok = ok && (direction == 0 || direction == sign);
      direction = sign;
    }
    if (!ok) failures.push_back(fmt::format("one_way: the positions go down and up again: {}", heights));
  }
  const auto fired = [&](const std::string& id) {
    return std::any_of(a.fired_rules.begin(), a.fired_rules.end(), [&](const Rule* r) { return r->id == id; });
  };
  for (const std::string& id : e.fired) {
    if (!fired(id)) {
      failures.push_back(fmt::format("fired: expected rule {} to fire", id));
    }
  }
  for (const std::string& id : e.not_fired) {
    if (fired(id)) {
      failures.push_back(fmt::format("not_fired: rule {} fired", id));
    }
  }
  if (e.min_seconds && a.total_seconds < *e.min_seconds)
    failures.push_back(fmt::format("min_seconds: expected at least {}, got {}", *e.min_seconds, a.total_seconds));
  if (e.max_seconds && a.total_seconds > *e.max_seconds)
    failures.push_back(fmt::format("max_seconds: expected at most {}, got {}", *e.max_seconds, a.total_seconds));
  const int steps = static_cast<int>(a.routine.size());
  if (e.min_steps && steps < *e.min_steps)
    failures.push_back(fmt::format("min_steps: expected at least {}, got {}", *e.min_steps, steps));
  if (e.max_steps && steps > *e.max_steps)
    failures.push_back(fmt::format("max_steps: expected at most {}, got {}", *e.max_steps, steps));
  return failures;
}

}  // namespace limber
