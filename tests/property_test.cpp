// Safety invariants over many random valid profiles (seeded, reproducible),
// on the shipped knowledge base. LIMBER_PROPERTY_COUNT sets the count
// (default 100000); LIMBER_PROPERTY_SEED the seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <random>
#include <unordered_map>

#include "base/text.h"
#include "engine/answer.h"
#include "engine/matrix.h"
#include "io/questionnaire.h"
#include "random_profile.h"
#include "support.h"

namespace limber::testing {
namespace {

std::vector<std::string> set_names_of(const std::vector<std::string>& vocabulary, std::uint64_t bits) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < vocabulary.size(); ++i) {
    if ((bits >> i) & 1u) out.push_back(vocabulary[i]);
  }
  return out;
}

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
  const std::uint64_t cancer = std::uint64_t{1}
                               << s.fields[static_cast<std::size_t>(red_flags)].value_index("cancer_history");
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
    // 1. Any red flag or stop symptom: status stop, no routine. A cancer
    //    history stops only with pain (rules/safety.yaml).
    const std::uint64_t flags = p.set_bits(red_flags) & ~(p.set_bits(s.pain_areas) == 0 ? cancer : 0);
    if (flags != 0 || p.set_bits(during) != 0) {
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
    // 6. No position revisited; no muscle group twice.
    std::vector<std::pair<std::uint8_t, bool>> seen;
    std::vector<std::uint16_t> groups;
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

// The clinical properties (issue 14), over random profiles: for each
// condition, no step has a demand the condition forbids (one named check per
// condition); the height of positions moves one way only; every routine has
// a stretch; every caution is about the routine given (its `about`, and any
// position, stretch or equipment it names) and agrees with the status.
TEST(Properties, ClinicalContraindicationsHold) {
  const Engine& e = builtin_engine();
  const Schema& s = e.schema();
  const AnswerIndex index(e);
  const std::uint64_t count = env_number("LIMBER_PROPERTY_COUNT", 100'000);
  const std::uint64_t seed = env_number("LIMBER_PROPERTY_SEED", 20261120) + 7;
  std::mt19937_64 rng(seed);
  auto bit = [](const std::vector<std::string>& vocabulary, const char* name) {
    const auto it = std::find(vocabulary.begin(), vocabulary.end(), name);
    EXPECT_NE(it, vocabulary.end()) << name;
    return std::uint64_t{1} << (it - vocabulary.begin());
  };
  auto d = [&](std::initializer_list<const char*> names) {
    std::uint64_t m = 0;
    for (const char* n : names) m |= bit(demands(), n);
    return m;
  };
  auto value = [&](const char* field, const char* name) { return std::uint64_t{1} << s.at(field).value_index(name); };
  const int history = s.index("history");
  const int symptoms = s.index("symptoms");
  const int worse = s.index("worse_with");
  const int age = s.index("age");
  const int weeks = s.index("pregnant_weeks");
  const int floor = s.index("can_get_to_floor");
  auto has = [&](const Profile& p, int field, const char* field_name, const char* v) {
    return (p.set_bits(field) & value(field_name, v)) != 0;
  };
  auto number = [&](const Profile& p, int field) -> std::int64_t {
    return p.has(field) ? p.values[static_cast<std::size_t>(field)] : -1;
  };
  struct Condition {
    const char* name;
    std::function<bool(const Profile&)> applies;
    std::uint64_t forbidden;      // demand bits
    std::uint64_t positions = 0;  // position bits
    std::uint64_t seen = 0;       // routines checked
  };
  const std::uint64_t supine = bit(positions(), "supine");
  const std::uint64_t prone = bit(positions(), "prone");
  std::vector<Condition> conditions = {
      {"osteoporosis", [&](const Profile& p) { return has(p, history, "history", "osteoporosis"); },
       d({"loaded_flexion", "deep_flexion", "flexion_rotation", "deep_rotation", "balance"})},
      {"vertebral fracture", [&](const Profile& p) { return has(p, history, "history", "vertebral_fracture"); },
       d({"loaded_flexion", "deep_flexion", "flexion_rotation", "deep_rotation", "balance"})},
      {"disc herniation", [&](const Profile& p) { return has(p, history, "history", "disc_herniation"); },
       d({"loaded_flexion", "deep_flexion", "nerve_tension"})},
      {"disc signs",
       [&](const Profile& p) {
         return has(p, worse, "worse_with", "coughing_sneezing") ||
                (has(p, worse, "worse_with", "bending_forward") && has(p, worse, "worse_with", "returning_upright")) ||
                (has(p, worse, "worse_with", "sitting") && has(p, worse, "worse_with", "bending_forward"));
       },
       d({"loaded_flexion", "deep_flexion", "nerve_tension"})},
      {"radiating leg pain", [&](const Profile& p) { return has(p, symptoms, "symptoms", "radiating_leg_pain"); },
       d({"nerve_tension"})},
      {"radiating arm pain", [&](const Profile& p) { return has(p, symptoms, "symptoms", "radiating_arm_pain"); },
       d({"neck_side_bending", "neck_rotation", "hanging", "overhead_load"})},
      {"shoulder pain",
       [&](const Profile& p) { return (p.set_bits(s.pain_areas) & value("pain_areas", "shoulders")) != 0; },
       d({"hanging", "overhead_load"})},
      {"shoulder problems", [&](const Profile& p) { return has(p, history, "history", "shoulder_problems"); },
       d({"hanging", "overhead_load", "overhead_reach"})},
      {"no floor", [&](const Profile& p) { return p.has(floor) && p.values[static_cast<std::size_t>(floor)] == 0; },
       d({"near_floor"})},
      {"hip replacement", [&](const Profile& p) { return has(p, history, "history", "hip_replacement"); },
       d({"hip_flexion_90", "hip_adduction", "hip_internal_rotation"})},
      {"pregnancy", [&](const Profile& p) { return number(p, weeks) >= 1; },
       d({"deep_rotation", "loaded_flexion", "balance"})},
      {"pregnancy after the first trimester", [&](const Profile& p) { return number(p, weeks) >= 13; }, 0,
       supine | prone},
      {"children", [&](const Profile& p) { return p.has(age) && number(p, age) < 16; }, d({"loaded_flexion"})},
      {"the very old", [&](const Profile& p) { return number(p, age) >= 75; }, d({"loaded_flexion", "balance"})},
      {"balance problems", [&](const Profile& p) { return has(p, history, "history", "balance_problems"); },
       d({"balance"})},
      {"flexion sensitive", [&](const Profile& p) { return has(p, worse, "worse_with", "bending_forward"); },
       d({"deep_flexion", "loaded_flexion"})},
      {"extension sensitive",
       [&](const Profile& p) {
         return has(p, worse, "worse_with", "standing") && !has(p, worse, "worse_with", "bending_forward");
       },
       d({"deep_extension", "loaded_extension"})},
      {"in pain", [&](const Profile& p) { return p.set_bits(s.pain_areas) != 0; }, d({"loaded_flexion"})},
  };
  // Words in a caution that name a position or equipment, and what the
  // routine must then hold.
  const std::uint64_t hanging = d({"hanging"});
  const Field& equipment = s.at("equipment");
  auto needs_or_uses = [&](const Form& f, const char* item) {
    const std::uint64_t b = std::uint64_t{1} << equipment.value_index(item);
    const Stretch& st = e.kb().stretches[f.stretch];
    return (f.needs & b) != 0 || std::find(st.uses.begin(), st.uses.end(), item) != st.uses.end();
  };
  const std::vector<std::pair<std::string, std::function<bool(const Form&)>>> words = {
      {"bar", [&](const Form& f) { return (f.demands & hanging) != 0; }},
      {"hang", [&](const Form& f) { return (f.demands & hanging) != 0; }},
      {"kneel", [&](const Form& f) { return height_level(f) == 1; }},
      {"kneeling", [&](const Form& f) { return height_level(f) == 1; }},
      {"floor", [&](const Form& f) { return f.on_floor; }},
      {"mat", [&](const Form& f) { return f.on_floor; }},
      {"carpet", [&](const Form& f) { return f.on_floor; }},
      {"forearms", [&](const Form& f) { return ((std::uint64_t{1} << f.position) & prone) != 0; }},
      {"chair", [&](const Form& f) { return needs_or_uses(f, "chair") || height_level(f) == 3; }},
      {"wall", [&](const Form& f) { return needs_or_uses(f, "wall"); }},
      {"strap", [&](const Form& f) { return needs_or_uses(f, "strap"); }},
      {"towel", [&](const Form& f) { return needs_or_uses(f, "towel"); }},
      {"cushion", [&](const Form& f) { return needs_or_uses(f, "cushion"); }},
  };
  std::vector<std::string> stretch_names;
  for (const Stretch& st : e.kb().stretches) stretch_names.push_back(lower(st.name));
  // What a caution text names (words above, stretches), worked out once per
  // text: the rules' texts are views into the knowledge base.
  struct Names {
    std::vector<std::size_t> words;
    std::vector<std::size_t> stretches;
  };
  auto names_in = [&](std::string_view caution) {
    Names out;
    const std::string text = lower(caution);
    for (const std::string& token : split(text, " ,.;:!?()'\"-\n")) {
      for (std::size_t w = 0; w < words.size(); ++w) {
        if (token == words[w].first) out.words.push_back(w);
      }
    }
    for (std::size_t st = 0; st < stretch_names.size(); ++st) {
      if (text.find(stretch_names[st]) != std::string::npos) out.stretches.push_back(st);
    }
    return out;
  };
  std::unordered_map<const char*, Names> named;
  std::unordered_map<const Rule*, std::size_t> compiled;
  for (std::size_t i = 0; i < e.rules().size(); ++i) compiled[&e.rule(i)] = i;

  Result r;
  Answer a;
  std::uint64_t routines = 0;
  std::uint64_t cautions_checked = 0;
  for (std::uint64_t n = 0; n < count; ++n) {
    const Profile p = random_profile(s, rng);
    e.evaluate(p, r);
    make_answer(index, p, r, a);
    SCOPED_TRACE(::testing::Message() << "profile #" << n << " (seed " << seed << ")");
    // On failure, say which profile (built only then: SCOPED_TRACE would
    // build it for every profile).
    struct Show {
      const Profile& p;
      const Schema& s;
      ~Show() {
        if (::testing::Test::HasFatalFailure()) std::cerr << "the profile:\n" << profile_yaml(p, s);
      }
    } show{p, s};
    if (r.status == Status::Stop) {
      ASSERT_TRUE(a.cautions.empty()) << "a caution under a stop";
      ASSERT_TRUE(a.routine.empty());
      continue;
    }
    ++routines;
    // Per condition: no step with a forbidden demand or position.
    for (Condition& c : conditions) {
      if (!c.applies(p)) continue;
      ++c.seen;
      for (std::size_t k = 0; k < r.step_count; ++k) {
        const Form& f = e.form(r.steps[k].form);
        ASSERT_EQ(f.demands & c.forbidden, 0u) << c.name << ": " << e.kb().stretches[f.stretch].id << " demands "
                                               << join(set_names_of(demands(), f.demands & c.forbidden));
        ASSERT_EQ((std::uint64_t{1} << f.position) & c.positions, 0u)
            << c.name << ": " << e.kb().stretches[f.stretch].id << " is done " << positions()[f.position];
      }
    }
    // The height of positions moves one way only.
    int direction = 0;
    for (std::size_t k = 1; k < r.step_count; ++k) {
      const int step = height_level(e.form(r.steps[k].form)) - height_level(e.form(r.steps[k - 1].form));
      if (step == 0) continue;
      const int sign = step > 0 ? 1 : -1;
      ASSERT_TRUE(direction == 0 || direction == sign) << "height goes both ways at step " << k + 1;
      direction = sign;
    }
    // Every routine has a stretch.
    if (r.step_count > 0) {
      bool any = false;
      for (std::size_t k = 0; k < r.step_count; ++k) any = any || is_stretch(e.form(r.steps[k].form));
      ASSERT_TRUE(any) << "a routine without a stretch";
    }
    // Cautions: about the routine given, consistent with the status, each
    // once, the most important first, at most kCautionLimit unless all high.
    std::size_t not_high = 0;
    for (std::size_t c = 0; c < a.cautions.size(); ++c) {
      const Reason& caution = a.cautions[c];
      ++cautions_checked;
      for (std::size_t o = 0; o < c; ++o) ASSERT_NE(a.cautions[o].text, caution.text) << "a caution twice";
      // An engine note is owned by the answer: its text is worked out anew.
      Names note;
      const Names* names = &note;
      if (caution.from == nullptr) {
        note = names_in(caution.text);
      } else {
        auto it = named.find(caution.text.data());
        if (it == named.end()) it = named.emplace(caution.text.data(), names_in(caution.text)).first;
        names = &it->second;
      }
      for (std::size_t w : names->words) {
        bool found = false;
        for (std::size_t k = 0; k < r.step_count && !found; ++k) found = words[w].second(e.form(r.steps[k].form));
        ASSERT_TRUE(found) << "caution '" << caution.text << "' names '" << words[w].first
                           << "', absent from the routine";
      }
      for (std::size_t st : names->stretches) {
        bool found = false;
        for (std::size_t k = 0; k < r.step_count && !found; ++k) found = r.steps[k].stretch == st;
        ASSERT_TRUE(found) << "caution '" << caution.text << "' names a stretch absent from the routine";
      }
      if (caution.from == nullptr) continue;
      const Rule& rule = *caution.from;
      const unsigned status_bit = r.status == Status::Ok ? 1u : 2u;
      ASSERT_NE(rule.caution_statuses & status_bit, 0u) << rule.id << " under status " << status_name(r.status);
      if (rule.caution_about) {
        const std::size_t ci = compiled.at(&rule);
        bool about = false;
        for (std::size_t k = 0; k < r.step_count && !about; ++k) about = e.caution_about(ci, r.steps[k].form);
        ASSERT_TRUE(about) << rule.id << "'s caution is about nothing in the routine";
      }
      if (rule.caution_importance != CautionImportance::High) ++not_high;
    }
    ASSERT_TRUE(not_high == 0 || a.cautions.size() <= kCautionLimit) << a.cautions.size() << " cautions";
  }
  std::cout << count << " profiles, " << routines << " routines, " << cautions_checked << " cautions;";
  for (const Condition& c : conditions) std::cout << " " << c.name << ": " << c.seen << ";";
  std::cout << "\n";
  // Every condition was exercised.
  for (const Condition& c : conditions) EXPECT_GT(c.seen, count / 1000) << c.name;
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
      // With pain, so that a cancer history stops too.
      p.values[static_cast<std::size_t>(s.pain_areas)] |= 1;
      p.present |= std::uint64_t{1} << s.pain_areas;
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
    p.values[static_cast<std::size_t>(s.pain_areas)] = 1;
    p.present |= std::uint64_t{1} << s.pain_areas;
    const Answer a = make_answer(e, p, run(e, p));
    ASSERT_FALSE(a.stop_reasons.empty());
    ASSERT_FALSE(a.stop_reasons.front().reason.sources.empty());
    ASSERT_TRUE(a.routine.empty());
  }
  EXPECT_EQ(checked, (combinations - 1) * 20);
}

}  // namespace
}  // namespace limber::testing

namespace limber::testing {
namespace {

// `limber matrix` says what `recommend` does: for every single-condition
// profile of the matrix, no step of the routine is in a form the matrix
// calls excluded, every stretch the answer lists as excluded is excluded
// in the matrix as catalogued, and a modified cell names a rule that fired.
TEST(Matrix, AgreesWithRecommendForSingleConditionProfiles) {
  const Engine& e = builtin_engine();
  const Matrix m = build_matrix(e);
  ASSERT_GT(m.rows.size(), 30u);
  ASSERT_EQ(m.columns.size(), e.forms().size());
  std::size_t excluded_cells = 0;
  for (const MatrixRow& row : m.rows) {
    SCOPED_TRACE(row.condition);
    Result r;
    e.evaluate(row.profile, r);
    for (std::size_t k = 0; k < r.step_count; ++k) {
      ASSERT_NE(row.cells[r.steps[k].form], Cell::Excluded) << m.columns[r.steps[k].form];
    }
    for (std::size_t x = 0; x < r.excluded_count; ++x) {
      const std::size_t form = e.base_form(r.excluded[x].stretch);
      ASSERT_EQ(row.cells[form], Cell::Excluded) << m.columns[form];
    }
    for (std::size_t f = 0; f < row.cells.size(); ++f) {
      if (row.cells[f] == Cell::Allowed) continue;
      ASSERT_TRUE(r.fired.test(row.rules[f])) << m.columns[f];
      if (row.cells[f] == Cell::Excluded) {
        ++excluded_cells;
        ASSERT_TRUE(e.excludes(row.rules[f], f)) << m.columns[f];
      }
    }
  }
  EXPECT_GT(excluded_cells, 100u);
  // The rows a clinician looks for are there.
  for (const char* c : {"history=osteoporosis", "history=hip_replacement", "symptoms=radiating_arm_pain",
                        "can_get_to_floor=false", "pregnant_weeks=24", "age=80"}) {
    EXPECT_TRUE(std::any_of(m.rows.begin(), m.rows.end(), [&](const MatrixRow& row) { return row.condition == c; }))
        << c;
  }
}

}  // namespace
}  // namespace limber::testing
