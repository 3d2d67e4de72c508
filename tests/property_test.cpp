// Safety invariants over many random valid profiles (seeded, reproducible),
// on the shipped knowledge base. LIMBER_PROPERTY_COUNT sets the count
// (default 100000); LIMBER_PROPERTY_SEED the seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "answer.h"
#include "support.h"
#include "text.h"

namespace limber::testing {
namespace {

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::strtoull(v, nullptr, 10) : fallback;
}

// A random valid profile: each field given or not, values across their
// whole range; the safety fields are rarely set, so both sides are common.
Profile random_profile(const Schema& schema, std::mt19937_64& rng) {
  Profile p = default_profile(schema);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    const Field& f = schema.fields[i];
    if (f.type == FieldType::String || coin(rng) < 0.3) continue;
    std::int64_t v = 0;
    switch (f.type) {
      case FieldType::Integer: {
        // Mostly realistic values, sometimes the extremes.
        const std::int64_t hi = f.name == "pain_days" && coin(rng) < 0.9 ? 400 : f.max;
        v = std::uniform_int_distribution<std::int64_t>(f.min, hi)(rng);
        break;
      }
      case FieldType::Bool: v = coin(rng) < 0.5; break;
      case FieldType::Enum:
        v = std::uniform_int_distribution<std::int64_t>(0, static_cast<std::int64_t>(f.values.size()) - 1)(rng);
        break;
      case FieldType::Set: {
        const double density = f.safety ? 0.04 : 0.3;
        std::uint64_t bits = 0;
        for (std::size_t b = 0; b < f.values.size(); ++b) {
          if (coin(rng) < density) bits |= std::uint64_t{1} << b;
        }
        v = static_cast<std::int64_t>(bits);
        break;
      }
      case FieldType::String: break;
    }
    p.values[i] = v;
    p.present |= std::uint64_t{1} << i;
    p.given |= std::uint64_t{1} << i;
  }
  return p;
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
    // 4. Every step says why, with a source.
    for (std::size_t k = 0; k < r.step_count; ++k) {
      const auto reasons = e.reasons(r, r.steps[k]);
      ASSERT_FALSE(reasons.empty());
      for (std::size_t rule : reasons) ASSERT_FALSE(e.rule(rule).sources.empty());
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

TEST(Properties, EveryRedFlagAndStopSymptomStopsWhateverElseIsAnswered) {
  const Engine& e = builtin_engine();
  const Schema& s = e.schema();
  std::mt19937_64 rng(7);
  for (const char* name : {"red_flags", "during_stretch"}) {
    const int field = s.index(name);
    const Field& f = s.fields[static_cast<std::size_t>(field)];
    for (std::size_t v = 0; v < f.values.size(); ++v) {
      for (int sample = 0; sample < 500; ++sample) {
        Profile p = random_profile(s, rng);
        p.values[static_cast<std::size_t>(field)] = static_cast<std::int64_t>(std::uint64_t{1} << v);
        p.present |= std::uint64_t{1} << field;
        const Result r = run(e, p);
        ASSERT_EQ(r.status, Status::Stop) << name << "=" << f.values[v].name;
        ASSERT_EQ(r.step_count, 0);
        const Answer a = make_answer(e, p, r);
        ASSERT_FALSE(a.stop_reasons.empty());
        ASSERT_TRUE(a.routine.empty());
      }
    }
  }
}

}  // namespace
}  // namespace limber::testing
