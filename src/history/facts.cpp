#include "history/facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace limber::history {
namespace {

// A change of 2 points on the 0-10 scale is clinically important (practice;
// rules/README.md "History facts").
constexpr double kImportantChange = 2.0;
constexpr int kFlarePainDuring = 5;  // above this, during a session
constexpr int kFlareNextDay = 2;     // points above the last rating before

int field_of(const Schema& schema, const char* name) {
  const int i = schema.index(name);
  if (i < 0 || !schema.fields[static_cast<std::size_t>(i)].history) {
    throw Error(fmt::format("the profile schema has no history fact '{}'", name),
                "the diary needs rules/history.yaml (built in; keep it when using --no-builtin)");
  }
  return i;
}

}  // namespace

Timeline::Timeline(const std::vector<Entry>& entries, const std::vector<std::string>& during_values) {
  std::vector<std::pair<Day, const Entry*>> dated;
  for (const Entry& e : entries) {
    if (auto d = parse_day(e.date)) dated.emplace_back(*d, &e);
  }
  std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (dated.empty()) return;
  first_ = dated.front().first;
  days_.resize(static_cast<std::size_t>(dated.back().first - first_ + 1));
  for (const auto& [day, e] : dated) {
    DayLog& log = days_[static_cast<std::size_t>(day - first_)];
    if (e->session && *e->session != Session::Skipped) {
      ++log.sessions;
      if (!first_session_) first_session_ = day;
    }
    if (e->pain) log.pain = *e->pain;
    if (e->pain_during) log.pain_during = std::max(log.pain_during, *e->pain_during);
    for (const std::string& name : e->during_stretch) {
      const auto it = std::find(during_values.begin(), during_values.end(), name);
      if (it != during_values.end()) log.during |= std::uint64_t{1} << (it - during_values.begin());
    }
  }
  if (first_session_) {
    const Day w0 = week_start(*first_session_);
    const Day last = first_ + static_cast<Day>(days_.size()) - 1;
    week_sessions_.assign(static_cast<std::size_t>((last - w0) / 7 + 1), 0);
    for (Day d = *first_session_; d <= last; ++d) {
      week_sessions_[static_cast<std::size_t>((d - w0) / 7)] += days_[static_cast<std::size_t>(d - first_)].sessions;
    }
  }
}

const Timeline::DayLog* Timeline::at(Day d) const {
  if (d < first_ || d >= first_ + static_cast<Day>(days_.size())) return nullptr;
  return &days_[static_cast<std::size_t>(d - first_)];
}

// A flare shows on day d: pain during a session above 5, or rest pain the
// day after a session clearly above the last rating on or before it.
bool Timeline::flare_on(Day d) const {
  const DayLog* log = at(d);
  if (log == nullptr) return false;
  if (log->pain_during > kFlarePainDuring) return true;
  const DayLog* before = at(d - 1);
  if (log->pain < 0 || before == nullptr || before->sessions == 0) return false;
  for (Day b = d - 1; b >= d - 7; --b) {
    const DayLog* p = at(b);
    if (p == nullptr) break;
    if (p->pain >= 0) return log->pain >= p->pain + kFlareNextDay;
  }
  return false;
}

Facts Timeline::facts(Day t, std::optional<Day> clip) const {
  Facts f;
  const Day week_from = std::max(t - 6, clip.value_or(t - 6));
  for (Day d = week_from; d <= t; ++d) {
    if (const DayLog* log = at(d)) {
      f.sessions_7d += log->sessions;
      f.flare = f.flare || flare_on(d);
    }
  }
  for (Day d = t - 13; d <= t; ++d) {
    if (const DayLog* log = at(d)) f.logged_during |= log->during;
  }
  if (first_session_ && *first_session_ <= t) {
    f.weeks_active = static_cast<int>((t - *first_session_) / 7);
    for (Day d = std::min(t, first_ + static_cast<Day>(days_.size()) - 1); d >= *first_session_; --d) {
      if (at(d)->sessions > 0) {
        f.days_since_session = static_cast<int>(t - d);
        break;
      }
    }
    const Day w0 = week_start(*first_session_);
    const auto completed = static_cast<std::size_t>(std::max<Day>(0, (week_start(t) - w0) / 7));
    for (std::size_t w = 0; w < completed && w < week_sessions_.size(); ++w) {
      if (week_sessions_[w] >= 2) ++f.regular_weeks;
    }
  }
  auto mean_pain = [&](Day from, Day to, int& count) {
    double sum = 0;
    count = 0;
    for (Day d = from; d <= to; ++d) {
      if (const DayLog* log = at(d); log != nullptr && log->pain >= 0) {
        sum += log->pain;
        ++count;
      }
    }
    return count > 0 ? sum / count : 0.0;
  };
  int recent_n = 0, before_n = 0;
  const double recent = mean_pain(t - 13, t, recent_n);
  const double before = mean_pain(t - 27, t - 14, before_n);
  if (recent_n >= 2 && before_n >= 2) {
    const double change = recent - before;
    f.pain_trend = change >= kImportantChange ? 2 : change <= -kImportantChange ? 0 : 1;
  }
  // The first week with a pain rating is the baseline.
  for (Day d = first_; d <= t && d < first_ + static_cast<Day>(days_.size()); ++d) {
    if (at(d)->pain < 0) continue;
    if (t - d < 7) break;  // still the baseline week
    int base_n = 0, last_n = 0;
    const double base = mean_pain(d, d + 6, base_n);
    const double last = mean_pain(t - 6, t, last_n);
    if (last_n > 0) f.pain_change = static_cast<int>(std::lround(last - base));
    break;
  }
  return f;
}

History summarise(const Engine& engine, const Profile& profile, const std::vector<Entry>& entries, Day today) {
  const Schema& schema = engine.schema();
  const Field& level_field = schema.fields[static_cast<std::size_t>(field_of(schema, "level"))];
  const Field& during = schema.fields[static_cast<std::size_t>(field_of(schema, "logged_during"))];
  History h;
  h.today = today;
  h.entries = entries.size();
  h.level_min = static_cast<int>(level_field.min);
  h.level_max = static_cast<int>(level_field.max);
  h.level = h.level_min;
  const Timeline timeline(entries, during.value_names());

  const auto& facts = engine.facts();
  const auto fact_bit = [&](std::string_view name) -> std::uint64_t {
    const auto it = std::find(facts.begin(), facts.end(), name);
    return it == facts.end() ? 0 : std::uint64_t{1} << (it - facts.begin());
  };
  const std::uint64_t up = fact_bit("step_up");
  const std::uint64_t down = fact_bit("step_down");
  // The first fired rule deriving `bit`: the step's justification.
  const auto deriving = [&](const Result& r, std::uint64_t bit) -> std::size_t {
    for (std::size_t i = 0; i < engine.rules().size(); ++i) {
      if (r.fired.test(i) && (engine.rules()[i].derives & bit) != 0) return engine.rules()[i].rule;
    }
    return 0;
  };

  Result result;
  Profile p = profile;
  const auto judge = [&](Day t, std::optional<Day> clip, Day week, bool this_week) {
    apply_facts(schema, timeline.facts(t, clip), h.level, p);
    engine.fire(p, result);
    const bool stepped_down = (result.facts & down) != 0;
    const bool stepped_up = !this_week && (result.facts & up) != 0;
    int to = h.level;
    std::size_t rule = 0;
    if (stepped_down && h.level > h.level_min) {
      to = h.level - 1;
      rule = deriving(result, down);
    } else if (!stepped_down && stepped_up && h.level < h.level_max) {
      to = h.level + 1;
      rule = deriving(result, up);
    }
    if (to != h.level) {
      h.changes.push_back({week, h.level, to, rule, this_week});
      h.level = to;
    }
  };
  if (auto first = timeline.first_session(); first && *first <= today && (up | down) != 0) {
    const Day this_week = week_start(today);
    for (Day w = week_start(*first); w < this_week; w += 7) judge(w + 6, std::nullopt, w, false);
    judge(today, this_week, this_week, true);
  }
  h.facts = timeline.facts(today);
  return h;
}

void apply_facts(const Schema& schema, const Facts& f, int level, Profile& p) {
  const auto put = [&](const char* name, std::optional<std::int64_t> v) {
    const int i = field_of(schema, name);
    if (v) {
      store_value(p, schema, i, *v, {});
    } else {
      clear_field(p, schema, i);
    }
  };
  put("sessions_7d", f.sessions_7d);
  put("weeks_active", f.weeks_active);
  put("days_since_session", f.days_since_session);
  put("regular_weeks", f.regular_weeks);
  put("pain_trend", f.pain_trend);
  put("pain_change", f.pain_change ? std::optional<std::int64_t>(std::clamp(*f.pain_change, -10, 10)) : std::nullopt);
  put("flare", f.flare ? 1 : 0);
  put("logged_during", static_cast<std::int64_t>(f.logged_during));
  put("level", level);
}

void apply_history(const Schema& schema, const History& h, Profile& p) {
  apply_facts(schema, h.facts, h.level, p);
}

}  // namespace limber::history
