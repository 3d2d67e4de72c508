// History facts from diaries, the level replay, and properties over random
// diaries: a logged stop symptom in the window always stops (as
// during_stretch does); the dosage never exceeds the catalogue's caps or the
// time budget; a flare never steps up; a level moves at most one step a week.
//
// LIMBER_PROPERTY_DIARIES sets how many random diaries (default 100000, or
// 20000 in a Debug build, where -O0 makes them slow).

#include <cstdlib>
#include <random>

#include "history/date.h"
#include "history/facts.h"
#include "support.h"

namespace limber::history {
namespace {

using limber::testing::builtin_engine;

Day day(const char* s) {
  return *parse_day(s);
}

Entry session(Day d, int pain, int during = 2, std::vector<std::string> what = {}) {
  Entry e;
  e.date = format_day(d);
  e.session = Session::Done;
  e.pain = pain;
  e.pain_during = during;
  e.during_stretch = std::move(what);
  return e;
}

Entry pain_only(Day d, int pain) {
  Entry e;
  e.date = format_day(d);
  e.pain = pain;
  return e;
}

const std::vector<std::string> kDuring = {"tingling", "numbness", "sharp_pain", "pain_spreading_down_leg",
                                          "increasing_pain"};

Profile desk_worker(const Engine& engine) {
  Profile p = default_profile(engine.schema());
  apply_assignment(p, engine.schema(), "pain_areas=lower_back");
  apply_assignment(p, engine.schema(), "sitting_hours=8");
  apply_assignment(p, engine.schema(), "pain_days=30");
  apply_assignment(p, engine.schema(), "age=45");
  return p;
}

TEST(HistoryFacts, WindowsCountWhatTheyShould) {
  const Day mon = day("2026-03-02");
  const std::vector<Entry> entries = {session(mon, 5), session(mon + 2, 5), session(mon + 4, 4),
                                      session(mon + 7, 4, 2, {"numbness"})};
  const Timeline t(entries, kDuring);
  const Facts f = t.facts(mon + 8);
  EXPECT_EQ(f.sessions_7d, 3);  // mon+2, mon+4, mon+7 (the window: mon+2 .. mon+8)
  EXPECT_EQ(f.weeks_active, 1);
  EXPECT_EQ(f.days_since_session, 1);
  EXPECT_EQ(f.regular_weeks, 1);
  EXPECT_FALSE(f.flare);
  EXPECT_EQ(f.logged_during, 2u);  // numbness
  // 14 days on, the numbness has left the window.
  EXPECT_EQ(t.facts(mon + 7 + 13).logged_during, 2u);
  EXPECT_EQ(t.facts(mon + 7 + 14).logged_during, 0u);
  EXPECT_FALSE(t.facts(mon - 1).weeks_active);  // before the first session
}

TEST(HistoryFacts, FlaresDuringAndTheNextDay) {
  const Day mon = day("2026-03-02");
  EXPECT_TRUE(Timeline({session(mon, 3, 6)}, kDuring).facts(mon).flare);
  EXPECT_FALSE(Timeline({session(mon, 3, 5)}, kDuring).facts(mon).flare);  // 5/10 is acceptable
  // Next-day pain 2 points above the session day's: a flare, for 7 days.
  const Timeline next({session(mon, 3), pain_only(mon + 1, 5)}, kDuring);
  EXPECT_TRUE(next.facts(mon + 1).flare);
  EXPECT_TRUE(next.facts(mon + 7).flare);
  EXPECT_FALSE(next.facts(mon + 8).flare);
  EXPECT_FALSE(Timeline({session(mon, 3), pain_only(mon + 1, 4)}, kDuring).facts(mon + 1).flare);
}

TEST(HistoryFacts, PainTrendAndChange) {
  const Day mon = day("2026-03-02");
  std::vector<Entry> worse;
  for (int d = 0; d < 28; ++d) worse.push_back(pain_only(mon + d, d < 14 ? 3 : 6));
  EXPECT_EQ(Timeline(worse, kDuring).facts(mon + 27).pain_trend, 2);
  EXPECT_EQ(Timeline(worse, kDuring).facts(mon + 27).pain_change, 3);
  std::vector<Entry> better;
  for (int d = 0; d < 28; ++d) better.push_back(pain_only(mon + d, d < 14 ? 6 : 3));
  EXPECT_EQ(Timeline(better, kDuring).facts(mon + 27).pain_trend, 0);
  EXPECT_FALSE(Timeline({pain_only(mon, 3)}, kDuring).facts(mon + 20).pain_trend);
}

TEST(HistoryLevel, GoodWeeksStepUpAFlareStepsDownAtOnce) {
  const Engine& engine = builtin_engine();
  const Profile p = desk_worker(engine);
  const Day mon = day("2026-03-02");
  std::vector<Entry> log;
  for (int w = 0; w < 2; ++w) {
    for (int d : {0, 2, 4}) log.push_back(session(mon + 7 * w + d, 4));
  }
  EXPECT_EQ(summarise(engine, p, log, mon).level, 1);
  EXPECT_EQ(summarise(engine, p, log, mon + 7).level, 2);
  History h = summarise(engine, p, log, mon + 14);
  EXPECT_EQ(h.level, 3);
  ASSERT_EQ(h.changes.size(), 2u);
  EXPECT_EQ(engine.kb().rules[h.changes[1].rule].id, "progression-good-week");
  // A flare on Monday of week 3 steps down the same day, and only once.
  log.push_back(session(mon + 14, 4, 7));
  h = summarise(engine, p, log, mon + 14);
  EXPECT_EQ(h.level, 2);
  EXPECT_TRUE(h.changes.back().this_week);
  EXPECT_EQ(engine.kb().rules[h.changes.back().rule].id, "progression-flare-steps-down");
  for (int d : {2, 4}) log.push_back(session(mon + 14 + d, 3));
  EXPECT_EQ(summarise(engine, p, log, mon + 21).level, 2);
  // Two weeks away steps down.
  EXPECT_EQ(summarise(engine, p, log, mon + 14 + 4 + 14).level, 1);
}

// --- Properties over random diaries -----------------------------------------

std::size_t diary_count() {
  if (const char* n = std::getenv("LIMBER_PROPERTY_DIARIES"); n != nullptr && n[0] != '\0') {
    return static_cast<std::size_t>(std::strtoul(n, nullptr, 10));
  }
  return LIMBER_DEFAULT_DIARIES;  // 100000; 20000 in a Debug build (tests/CMakeLists.txt)
}

struct RandomDiary {
  std::vector<Entry> entries;
  Day today = 0;
};

RandomDiary random_diary(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> coin(0, 1);
  RandomDiary d;
  const Day start = day("2026-01-05") + static_cast<Day>(rng() % 7);
  const int days = 1 + static_cast<int>(rng() % 70);
  const double p_session = coin(rng), p_symptom = coin(rng) < 0.2 ? 0.04 : 0.0, p_hurt = coin(rng) * 0.3;
  int pain = static_cast<int>(rng() % 8);
  for (int i = 0; i < days; ++i) {
    if (coin(rng) < 0.25) pain = std::clamp(pain + static_cast<int>(rng() % 3) - 1, 0, 10);
    if (coin(rng) < p_session) {
      Entry e =
          session(start + i, pain, coin(rng) < p_hurt ? 6 + static_cast<int>(rng() % 5) : static_cast<int>(rng() % 6));
      if (coin(rng) < 0.2) e.session = coin(rng) < 0.5 ? Session::Partial : Session::Skipped;
      if (coin(rng) < p_symptom) e.during_stretch = {kDuring[rng() % kDuring.size()]};
      if (coin(rng) < 0.2) e.pain.reset();
      d.entries.push_back(std::move(e));
    } else if (coin(rng) < 0.3) {
      d.entries.push_back(pain_only(start + i, pain));
    }
  }
  d.today = start + days - 1 + static_cast<Day>(rng() % 10);
  return d;
}

Profile random_person(const Engine& engine, std::mt19937_64& rng) {
  static const char* const kAreas[] = {"lower_back", "neck", "upper_back", "hips", "lower_back;hips", ""};
  Profile p = default_profile(engine.schema());
  apply_assignment(p, engine.schema(), std::string("pain_areas=") + kAreas[rng() % 6]);
  apply_assignment(p, engine.schema(), "minutes=" + std::to_string(1 + rng() % 30));
  apply_assignment(p, engine.schema(), "pain_days=" + std::to_string(rng() % 200));
  if (rng() % 3 == 0) apply_assignment(p, engine.schema(), "age=" + std::to_string(20 + rng() % 70));
  return p;
}

TEST(HistoryProperties, HoldOverRandomDiaries) {
  const Engine& engine = builtin_engine();
  const Schema& schema = engine.schema();
  const int during_field = schema.index("during_stretch");
  std::mt19937_64 rng(20261130);
  const std::size_t n = diary_count();
  std::size_t stops = 0, flares = 0, ups = 0;
  Result r, plain;
  for (std::size_t i = 0; i < n; ++i) {
    const RandomDiary d = random_diary(rng);
    const Profile person = random_person(engine, rng);
    const History h = summarise(engine, person, d.entries, d.today);
    Profile p = person;
    apply_history(schema, h, p);
    engine.evaluate(p, r);
    SCOPED_TRACE(::testing::Message() << "diary " << i << " today " << format_day(d.today));

    // 1. A stop symptom logged in the last 14 days stops, as during_stretch does.
    std::uint64_t logged = 0;
    for (const Entry& e : d.entries) {
      const Day on = *parse_day(e.date);
      if (on > d.today - 14 && on <= d.today) {
        for (const std::string& s : e.during_stretch) {
          logged |= std::uint64_t{1} << schema.fields[static_cast<std::size_t>(during_field)].value_index(s);
        }
      }
    }
    if (logged != 0) {
      ++stops;
      ASSERT_EQ(r.status, Status::Stop);
      Profile told = person;
      store_value(told, schema, during_field, static_cast<std::int64_t>(logged), {});
      engine.evaluate(told, plain);
      ASSERT_EQ(plain.status, Status::Stop);
    }

    // 2. The dosage never exceeds the catalogue's caps or the time budget.
    for (std::size_t s = 0; s < r.step_count; ++s) {
      const Step& st = r.steps[s];
      const Dosage& cat = engine.form(st.form).dosage;
      ASSERT_LE(st.hold_seconds, cat.hold_seconds);
      ASSERT_LE(st.reps, std::max(cat.reps, cat.max_reps));
      // ... nor the caps of the fired rules (the level's dosage ladder among them).
      for (std::size_t k = 0; k < engine.rules().size(); ++k) {
        const Rule& rule = engine.rule(k);
        if (!r.fired.test(k) || !rule.modify || !engine.modifies(k, st.stretch, st.form)) continue;
        if (rule.modify->hold_seconds > 0) {
          ASSERT_LE(st.hold_seconds, rule.modify->hold_seconds) << rule.id;
        }
        if (rule.modify->reps > 0) {
          ASSERT_LE(st.reps, rule.modify->reps) << rule.id;
        }
      }
    }
    if (r.status != Status::Stop && r.step_count > 1) {
      ASSERT_LE(r.total_seconds, r.budget_seconds);
    }

    // 3 and 4. The replay: one step at most per week, never up in a flare week.
    Day last_week = LONG_MIN;
    const Timeline timeline(d.entries, schema.at("logged_during").value_names());
    for (const LevelChange& c : h.changes) {
      ASSERT_EQ(std::abs(c.to - c.from), 1);
      ASSERT_GT(c.week, last_week);
      last_week = c.week;
      const Facts week = c.this_week ? timeline.facts(d.today, c.week) : timeline.facts(c.week + 6);
      if (week.flare) {
        ++flares;
        ASSERT_LT(c.to, c.from) << "a flare week stepped up";
      }
      ups += c.to > c.from;
    }
    // A flare week that did not change the level: it was already at the bottom.
    for (Day w = week_start(d.today) - 7 * 10; w < week_start(d.today); w += 7) {
      if (!timeline.first_session() || w < week_start(*timeline.first_session())) continue;
      if (!timeline.facts(w + 6).flare) continue;
      const bool changed = std::any_of(h.changes.begin(), h.changes.end(), [&](const LevelChange& c) {
        return c.week == w && !c.this_week && c.to < c.from;
      });
      if (!changed) {
        // Then the level going into that week was the minimum.
        int level = h.level_min;
        for (const LevelChange& c : h.changes) {
          if (c.week < w) level = c.to;
        }
        ASSERT_EQ(level, h.level_min) << "a flare in the week of " << format_day(w) << " did not step down";
      }
    }
  }
  // The generator reaches every case the properties speak of.
  EXPECT_GT(stops, n / 50);
  EXPECT_GT(flares, n / 50);
  EXPECT_GT(ups, n / 50);
}

}  // namespace
}  // namespace limber::history
