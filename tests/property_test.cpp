// Safety invariants over many random valid profiles (seeded, reproducible),
// on the shipped knowledge base. LIMBER_PROPERTY_COUNT sets the count
// (default 100000); LIMBER_PROPERTY_SEED the seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "base/text.h"
#include "engine/answer.h"
#include "random_profile.h"
#include "support.h"

namespace limber::testing {
namespace {

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::strtoull(v, nullptr, 10) : fallback;
}

TEST(Properties, HoldForRandomProfiles) {
  const Engine& e = builtin_engine();
  const Schema& s = e.schema();
  const std::uint64_t count = env_number("LIMBER_PROPERTY_COUNT", 100'000);
  const std::uint64_t seed = env_number("LIMBER_PROPERTY_SEED", 20261120);
  std::mt19937_64 rng(seed);
  const int red_flags = s.index("red_flags");
  const int during = s.index("during_stretch");
  const int history = s.index("history");
  const int floor = s.index("can_get_to_floor");
  const int equipment = s.index("equipment");
  const Field& history_field = s.fields[static_cast<std::size_t>(history)];
  const Field& equipment_field = s.fields[static_cast<std::size_t>(equipment)];
  const std::uint64_t disc = std::uint64_t{1} << history_field.value_index("disc_herniation");
  const std::uint64_t osteoporosis = std::uint64_t{1} << history_field.value_index("osteoporosis");
  const int standing_hamstring = e.kb().stretch_index("standing-hamstring");
  const int jefferson = e.kb().stretch_index("jefferson-curl");
  const std::size_t loaded_flexion =
      static_cast<std::size_t>(std::find(demands().begin(), demands().end(), "loaded_flexion") - demands().begin());

  std::uint64_t stops = 0;
  std::uint64_t routines = 0;
  std::uint64_t steps = 0;
  Result r;
  for (std::uint64_t n = 0; n < count; ++n) {
    const Profile p = random_profile(s, rng);
    e.evaluate(p, r);
    SCOPED_TRACE(::testing::Message() << "profile #" << n << " (seed " << seed << ")");
    // 1. Any red flag or stop symptom: status stop, no routine.
    if (p.set_bits(red_flags) != 0 || p.set_bits(during) != 0) {
      ASSERT_EQ(r.status, Status::Stop);
      ASSERT_EQ(r.step_count, 0);
      ++stops;
      continue;
    }
    ASSERT_NE(r.status, Status::Stop);
    ++routines;
    steps += r.step_count;
    // 2. No step is in a form any fired rule excludes, and no excluded stretch appears.
    for (std::size_t k = 0; k < r.step_count; ++k) {
      const Step& st = r.steps[k];
      for (std::size_t i = 0; i < e.rules().size(); ++i) {
        ASSERT_FALSE(r.fired.test(i) && e.excludes(i, st.form))
            << e.rule(i).id << " excludes " << e.kb().stretches[st.stretch].id;
      }
      for (std::size_t x = 0; x < r.excluded_count; ++x) ASSERT_NE(r.excluded[x].stretch, st.stretch);
    }
    // 3. Contraindications by name: herniated disc, osteoporosis, the floor, missing equipment.
    const std::uint64_t have = p.set_bits(equipment);
    for (std::size_t k = 0; k < r.step_count; ++k) {
      const Form& f = e.form(r.steps[k].form);
      if ((p.set_bits(history) & disc) != 0) {
        ASSERT_NE(f.stretch, standing_hamstring);
        ASSERT_NE(f.stretch, jefferson);
      }
      if ((p.set_bits(history) & osteoporosis) != 0) {
        ASSERT_EQ((f.demands >> loaded_flexion) & 1u, 0u);
      }
      if (p.values[static_cast<std::size_t>(floor)] == 0) {
        ASSERT_FALSE(f.on_floor) << e.kb().stretches[f.stretch].id;
      }
      ASSERT_EQ(f.needs & ~have, 0u) << e.kb().stretches[f.stretch].id << " needs "
                                     << join(set_names(equipment_field, f.needs));
    }
    // 4. Every step says why, with a source: its provenance names fired
    //    rules that recommend its stretch, and every such rule.
    for (std::size_t k = 0; k < r.step_count; ++k) {
      std::size_t reasons = 0;
      for (std::size_t i = 0; i < e.rules().size(); ++i) {
        const bool why = r.fired.test(i) && e.includes(i, r.steps[k].stretch);
        ASSERT_EQ(r.included(k, i), why) << e.rule(i).id << ", step " << k;
        if (why) {
          ASSERT_FALSE(e.rule(i).sources.empty());
        }
        reasons += why ? 1 : 0;
      }
      ASSERT_GT(reasons, 0u);
    }
    // 5. The budget is a hard bound and the total is the sum of the steps.
    ASSERT_LE(r.total_seconds, r.budget_seconds);
    std::int32_t sum = 0;
    for (std::size_t k = 0; k < r.step_count; ++k) sum += static_cast<std::int32_t>(r.steps[k].seconds);
    ASSERT_EQ(sum, r.total_seconds);
    // 6. No position revisited; no muscle group twice; a warm-up leads if there is one.
    std::vector<std::pair<std::uint8_t, bool>> seen;
    std::vector<std::uint16_t> groups;
    bool any_warm = false;
    for (std::size_t k = 0; k < r.step_count; ++k) {
      const Form& f = e.form(r.steps[k].form);
      const std::pair<std::uint8_t, bool> block{f.position, f.on_floor};
      if (k == 0 || block != seen.back()) {
        ASSERT_EQ(std::find(seen.begin(), seen.end(), block), seen.end())
            << "position " << positions()[f.position] << " revisited";
        seen.push_back(block);
      }
      ASSERT_EQ(std::find(groups.begin(), groups.end(), f.group), groups.end())
          << "group " << e.groups()[f.group] << " twice";
      groups.push_back(f.group);
      any_warm = any_warm || f.warm_up;
    }
    if (any_warm) {
      ASSERT_TRUE(e.form(r.steps[0].form).warm_up);
    }
    // 7. Every painful area is covered, or the answer says why not.
    std::uint64_t covered = 0;
    for (std::size_t k = 0; k < r.step_count; ++k) covered |= e.form(r.steps[k].form).areas;
    const std::uint64_t pain = p.set_bits(s.pain_areas);
    ASSERT_EQ(pain & ~covered & ~(r.uncovered_no_safe | r.uncovered_no_time), 0u);
  }
  RecordProperty("profiles", std::to_string(count));
  std::cout << count << " profiles: " << stops << " stopped, " << routines << " routines, " << steps << " steps\n";
  // The generator must exercise both sides of the safety split.
  EXPECT_GT(stops, count / 20);
  EXPECT_GT(routines, count / 4);
}

TEST(Properties, EveryCombinationOfRedFlagsAndStopSymptomsStops) {
  // The whole cross-product: every non-empty set of red flags and stop
  // symptoms together (2^13 - 1 sets), each with 20 random other answers.
  const Engine& e = builtin_engine();
  const Schema& s = e.schema();
  const int flags = s.index("red_flags");
  const int during = s.index("during_stretch");
  const std::size_t n_flags = s.fields[static_cast<std::size_t>(flags)].values.size();
  const std::size_t n_during = s.fields[static_cast<std::size_t>(during)].values.size();
  const std::uint64_t combinations = std::uint64_t{1} << (n_flags + n_during);
  std::mt19937_64 rng(env_number("LIMBER_PROPERTY_SEED", 20261120) + 1);
  std::uint64_t checked = 0;
  Result r;
  for (std::uint64_t set = 1; set < combinations; ++set) {
    for (int sample = 0; sample < 20; ++sample) {
      Profile p = random_profile(s, rng);
      p.values[static_cast<std::size_t>(flags)] = static_cast<std::int64_t>(set & ((std::uint64_t{1} << n_flags) - 1));
      p.values[static_cast<std::size_t>(during)] = static_cast<std::int64_t>(set >> n_flags);
      p.present |= (std::uint64_t{1} << flags) | (std::uint64_t{1} << during);
      e.evaluate(p, r);
      ASSERT_EQ(r.status, Status::Stop) << "safety answers " << set;
      ASSERT_EQ(r.step_count, 0);
      ++checked;
    }
  }
  // Each stop reason is named in the answer; the most urgent comes first.
  for (std::size_t v = 0; v < n_flags; ++v) {
    Profile p = default_profile(s);
    p.values[static_cast<std::size_t>(flags)] = static_cast<std::int64_t>(std::uint64_t{1} << v);
    p.present |= std::uint64_t{1} << flags;
    const Answer a = make_answer(e, p, run(e, p));
    ASSERT_FALSE(a.stop_reasons.empty());
    ASSERT_FALSE(a.stop_reasons.front().reason.sources.empty());
    ASSERT_TRUE(a.routine.empty());
  }
  EXPECT_EQ(checked, (combinations - 1) * 20);
}

}  // namespace
}  // namespace limber::testing
