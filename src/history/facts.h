#pragma once
// The diary summarised for the rules: the history facts (rules/history.yaml)
// as of a day, and the progression level, replayed week by week with the
// rules that derive `step_up` and `step_down` (rules/progression.yaml).
//
// The level: 1 (the field's min) in the week of the first session. At the
// end of every completed week the rules fire on the profile plus the facts
// as of that Sunday (7-day windows = that week): a fired rule deriving
// step_down lowers the level by one, else one deriving step_up raises it by
// one, within the `level` field's min and max. The current week is judged
// so far (Monday to today) for step_down only: a flare or a long break
// steps down at once, a good week steps up when it is complete. So a level
// moves at most one step a week, and a week that steps down never steps up.

#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "history/date.h"
#include "history/diary.h"

namespace limber::history {

struct Facts {
  int sessions_7d = 0;
  std::optional<int> weeks_active;
  std::optional<int> days_since_session;
  int regular_weeks = 0;
  std::optional<int> pain_trend;  // index into the enum: 0 improving, 1 steady, 2 worsening
  std::optional<int> pain_change;
  bool flare = false;
  std::uint64_t logged_during = 0;  // bits over the logged_during field's values
};

struct LevelChange {
  Day week = 0;  // the Monday of the week judged
  int from = 0;
  int to = 0;
  std::size_t rule = 0;  // index into KnowledgeBase::rules: the rule that derived the step
  bool this_week = false;
};

struct History {
  Day today = 0;
  Facts facts;
  int level = 1;
  int level_min = 1;
  int level_max = 1;
  std::vector<LevelChange> changes;  // oldest first
  std::size_t entries = 0;
};

// The diary's entries, by day, ready for windows of any end day.
class Timeline {
 public:
  // `entries` in any order; `during_values` maps during_stretch names to bits.
  Timeline(const std::vector<Entry>& entries, const std::vector<std::string>& during_values);

  // The facts as of day `t`; 7-day windows start no earlier than `clip`.
  Facts facts(Day t, std::optional<Day> clip = std::nullopt) const;
  std::optional<Day> first_session() const { return first_session_; }
  bool empty() const { return days_.empty(); }

 private:
  struct DayLog {
    int sessions = 0;
    int pain = -1;         // the last rest pain logged that day
    int pain_during = -1;  // the worst
    std::uint64_t during = 0;
  };
  const DayLog* at(Day d) const;
  bool flare_on(Day d) const;
  Day first_ = 0;
  std::vector<DayLog> days_;  // from first_ on
  std::optional<Day> first_session_;
  std::vector<int> week_sessions_;  // per week from week_start(first_session_)
};

// The history as of `today` for `profile` (the person's answers), with the
// rules of `engine`. Throws Error if the schema lacks the history fields.
History summarise(const Engine& engine, const Profile& profile, const std::vector<Entry>& entries, Day today);

void apply_facts(const Schema& schema, const Facts& facts, int level, Profile& profile);
// Puts the facts and the level into the profile's history fields.
void apply_history(const Schema& schema, const History& history, Profile& profile);

}  // namespace limber::history
