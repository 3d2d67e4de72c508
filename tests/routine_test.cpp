// Precedence (stop > exclude > modify > include) and every constraint of
// routine assembly, on the small fixture knowledge base.
#include <gtest/gtest.h>

#include "engine/answer.h"
#include "engine/timeline.h"
#include "support.h"

namespace limber::testing {
namespace {

const std::string kHeader = "theme: t\nrules:\n";
std::string rule(const std::string& id, const std::string& body) {
  return "  - id: " + id + "\n" + body + "    because: " + id + " applies\n    sources: [{ doc: guide }]\n";
}

TEST(Precedence, StopBeatsEverything) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor, b-stand], weight: 100 }\n") +
                               rule("halt", "    when: { flags: x }\n    stop: { urgency: emergency }\n") +
                               rule("refer", "    refer: true\n"));
  const Result stopped = run(e, make_profile(e, {"flags=x"}));
  EXPECT_EQ(stopped.status, Status::Stop);
  EXPECT_EQ(stopped.step_count, 0);
  const Answer a = make_answer(e, make_profile(e, {"flags=x"}), stopped);
  ASSERT_EQ(a.stop_reasons.size(), 1u);
  EXPECT_EQ(a.stop_reasons[0].urgency, Urgency::Emergency);
  EXPECT_TRUE(a.routine.empty());
  EXPECT_TRUE(a.excluded.empty());

  const Result fine = run(e, make_profile(e, {"flags=y"}));
  EXPECT_EQ(fine.status, Status::SeeProfessionalFirst);
  EXPECT_GT(fine.step_count, 0);
}

TEST(Precedence, AnExclusionCannotBeOutweighed) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor], weight: 100 }\n") +
                               rule("out", "    exclude: { stretches: [a-floor] }\n"));
  const Result r = run(e, make_profile(e, {"pain_areas=lower_back"}));
  EXPECT_EQ(routine_ids(e, r), std::vector<std::string>{});
  ASSERT_EQ(r.excluded_count, 1);
  EXPECT_EQ(e.rule(r.excluded[0].rule).id, "out");
  // lower_back had a recommended stretch, but none that is safe.
  EXPECT_NE(r.uncovered_no_safe, 0u);
}

TEST(Precedence, AModifyNeverAddsAStretch) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor] }\n") +
                               rule("tweak", "    modify: { stretches: [b-stand], text: gently }\n"));
  EXPECT_EQ(routine_ids(e, run(e, make_profile(e, {}))), std::vector<std::string>{"a-floor"});
}

TEST(Precedence, AVariantEscapesAnAttributeExclusion) {
  const std::string rules =
      kHeader + rule("in", "    include: { stretches: [a-floor] }\n") +
      rule("no-floor", "    when: { can_get_to_floor: false }\n    exclude: { on_floor: true }\n");
  const std::string seated =
      rule("seated", "    when: { can_get_to_floor: false }\n    modify: { on_floor: true, variant: chair }\n");
  // Without a variant on offer the stretch is excluded ...
  const Engine plain = mini_engine(rules);
  EXPECT_TRUE(routine_ids(plain, run(plain, make_profile(plain, {"can_get_to_floor=no"}))).empty());
  // ... with one, its chair form is used, and it is off the floor.
  const Engine e = mini_engine(rules + seated);
  const Result r = run(e, make_profile(e, {"can_get_to_floor=no"}));
  ASSERT_EQ(r.step_count, 1);
  const Form& f = e.form(r.steps[0].form);
  EXPECT_EQ(f.variant, 0);
  EXPECT_FALSE(f.on_floor);
  EXPECT_EQ(positions()[f.position], "seated");
  // The modification shows with the step.
  const Answer a = make_answer(e, make_profile(e, {"can_get_to_floor=no"}), r);
  ASSERT_EQ(a.routine[0].modifications.size(), 1u);
  EXPECT_EQ(a.routine[0].modifications[0].rule, "seated");
}

TEST(Precedence, AVariantThatIsItselfExcludedFallsBackToTheCatalogueForm) {
  const Engine e = mini_engine(
      kHeader + rule("in", "    include: { stretches: [a-floor] }\n") +
      rule("seated", "    modify: { stretches: [a-floor], variant: chair }\n") +
      rule("no-chair", "    when: { not: { equipment: { has: chair } } }\n    exclude: { needs: [chair] }\n"));
  const Result with_chair = run(e, make_profile(e, {}));
  EXPECT_EQ(e.form(with_chair.steps[0].form).variant, 0);
  const Result without = run(e, make_profile(e, {"equipment=none"}));
  ASSERT_EQ(without.step_count, 1);
  EXPECT_EQ(e.form(without.steps[0].form).variant, -1);
  // The variant's note does not show when the variant is not used.
  EXPECT_TRUE(make_answer(e, make_profile(e, {"equipment=none"}), without).routine[0].modifications.empty());
}

TEST(Precedence, AnExclusionByIdHoldsForEveryVariant) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor] }\n") +
                               rule("seated", "    modify: { stretches: [a-floor], variant: chair }\n") +
                               rule("out", "    exclude: { stretches: [a-floor] }\n"));
  EXPECT_EQ(run(e, make_profile(e, {})).step_count, 0);
}

TEST(Dosage, ModifyCapsTheDoseAndTheSmallestCapWins) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor] }\n") +
                               rule("short", "    modify: { stretches: [a-floor], hold_seconds: 20 }\n") +
                               rule("shorter", "    modify: { positions: [supine], hold_seconds: 15, reps: 1 }\n"));
  const Result r = run(e, make_profile(e, {}));
  ASSERT_EQ(r.step_count, 1);
  EXPECT_EQ(r.steps[0].hold_seconds, 15);
  // 15 s x 1 each side is 30 s of stretching; the 60 s floor would add
  // reps, but the cap holds. With getting into position and changing
  // sides the step takes 10 + 15 + 5 + 15 s.
  EXPECT_EQ(r.steps[0].reps, 1);
  EXPECT_EQ(r.held_seconds, 30);
  EXPECT_EQ(r.total_seconds, 45);
  const Answer a = make_answer(e, make_profile(e, {}), r);
  const bool noted = std::any_of(a.cautions.begin(), a.cautions.end(),
                                 [](const Reason& c) { return c.rule == "routine:below-minimum"; });
  EXPECT_TRUE(noted);
}

TEST(Budget, ShortRoutinesGainRepetitionsUpToTheDailyMinimum) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [e-prone] }\n") +
                               rule("brief", "    modify: { stretches: [e-prone], hold_seconds: 4 }\n"));
  const Result r = run(e, make_profile(e, {}));
  ASSERT_EQ(r.step_count, 1);
  EXPECT_EQ(r.held_seconds, 60);   // 4 s x 15 of stretching ...
  EXPECT_EQ(r.total_seconds, 70);  // ... and 10 s to get into position; a movement drill has no rests
  EXPECT_EQ(r.steps[0].reps, 15);
}

TEST(Budget, TheTimeBudgetIsAHardUpperBound) {
  const Engine e =
      mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor, b-stand, e-prone, c-kneel] }\n"));
  for (int minutes = 1; minutes <= 12; ++minutes) {
    const Result r = run(e, make_profile(e, {"pain_areas=lower_back;neck;hips", "minutes=" + std::to_string(minutes)}));
    EXPECT_LE(r.total_seconds, minutes * 60) << minutes;
    int sum = 0;
    for (std::size_t i = 0; i < r.step_count; ++i) {
      const Step& s = r.steps[i];
      const timeline::Shape shape{s.hold_seconds, s.reps, s.per_side};
      EXPECT_EQ(s.seconds, static_cast<std::uint32_t>(timeline::seconds(shape)));
      int phases = 0;
      for (const timeline::Phase& ph : timeline::phases(shape)) phases += ph.seconds;
      EXPECT_EQ(phases, timeline::seconds(shape));
      sum += static_cast<int>(s.seconds);
    }
    EXPECT_EQ(sum, r.total_seconds);
  }
}

TEST(Coverage, EveryPainfulAreaIsCoveredBeforeTheTimeIsFilled) {
  // a-floor scores far higher, but in two minutes neck pain still gets b-stand.
  const Engine e = mini_engine(kHeader + rule("big", "    include: { stretches: [a-floor], weight: 50 }\n") +
                               rule("neck", "    include: { stretches: [b-stand], weight: 1 }\n"));
  const Result r = run(e, make_profile(e, {"pain_areas=lower_back;neck", "minutes=2"}));
  auto ids = routine_ids(e, r);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a-floor", "b-stand"}));
  EXPECT_LE(r.total_seconds, 120);
  EXPECT_EQ(r.uncovered_no_time, 0u);
}

TEST(Coverage, AnAreaWithoutTimeIsReported) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor, b-stand] }\n") +
                               rule("long", "    modify: { stretches: [b-stand], hold_seconds: 200 }\n"));
  const Result r = run(e, make_profile(e, {"pain_areas=lower_back;neck", "minutes=1"}));
  // a-floor at one rep each side takes 75 s (10 s to get into position, 30 s
  // a side, 5 s to change sides): more than the minute. b-stand fits.
  EXPECT_EQ(routine_ids(e, r), std::vector<std::string>{"b-stand"});
  const Field& areas = e.schema().at("pain_areas");
  EXPECT_EQ(r.uncovered_no_time, std::uint64_t{1} << areas.value_index("lower_back"));
}

TEST(Assembly, NoMuscleGroupTwice) {
  // a-floor and c-kneel are both group g1: only the better one is used.
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor] }\n") +
                               rule("more", "    include: { stretches: [c-kneel], weight: 3 }\n"));
  EXPECT_EQ(routine_ids(e, run(e, make_profile(e, {"pain_areas=lower_back"}))), std::vector<std::string>{"c-kneel"});
}

TEST(Assembly, StaysOnOneLevelAtATimeAndLeadsWithTheWarmUp) {
  const Engine e =
      mini_engine(kHeader + rule("in", "    include: { stretches: [b-stand, d-bar, e-prone, a-floor] }\n"));
  // a-floor (supine) is the only warm-up: the floor comes first, then up once.
  EXPECT_EQ(routine_ids(e, run(e, make_profile(e, {"equipment=chair;pullup_bar", "minutes=20"}))),
            (std::vector<std::string>{"a-floor", "e-prone", "b-stand", "d-bar"}));
}

TEST(Assembly, AnUprightWarmUpLeadsAnUprightFirstRoutine) {
  const Engine e =
      mini_engine(kHeader + rule("in", "    include: { stretches: [b-stand, d-bar, e-prone, a-floor] }\n") +
                  rule("seated", "    modify: { stretches: [a-floor], variant: chair }\n"));
  EXPECT_EQ(routine_ids(e, run(e, make_profile(e, {"equipment=chair;pullup_bar", "minutes=20"}))),
            (std::vector<std::string>{"a-floor", "b-stand", "d-bar", "e-prone"}));
}

TEST(Assembly, EveryStepSaysWhyWithASource) {
  const Engine e = mini_engine(kHeader + rule("in", "    include: { stretches: [a-floor, b-stand] }\n"));
  const Profile p = make_profile(e, {});
  const Answer a = make_answer(e, p, run(e, p));
  ASSERT_EQ(a.routine.size(), 2u);
  for (const AnswerStep& s : a.routine) {
    ASSERT_EQ(s.because.size(), 1u);
    EXPECT_EQ(s.because[0].rule, "in");
    ASSERT_EQ(s.because[0].sources.size(), 1u);
    EXPECT_EQ(s.because[0].sources[0].doc, "guide");
  }
}

TEST(Timeline, ThePhasesAddUpToTheStepTime) {
  for (int hold = 1; hold <= 60; hold += 7) {
    for (int reps = 1; reps <= 12; ++reps) {
      for (const bool per_side : {false, true}) {
        const timeline::Shape shape{hold, reps, per_side};
        const std::vector<timeline::Phase> ph = timeline::phases(shape);
        int sum = 0;
        int holds = 0;
        int switches = 0;
        int rests = 0;
        for (const timeline::Phase& p : ph) {
          sum += p.seconds;
          holds += p.kind == timeline::PhaseKind::Hold ? 1 : 0;
          switches += p.kind == timeline::PhaseKind::SwitchSides ? 1 : 0;
          rests += p.kind == timeline::PhaseKind::Rest ? 1 : 0;
        }
        EXPECT_EQ(sum, timeline::seconds(shape));
        ASSERT_FALSE(ph.empty());
        EXPECT_EQ(ph.front().kind, timeline::PhaseKind::Setup);
        EXPECT_EQ(ph.back().kind, timeline::PhaseKind::Hold);
        const int sides = per_side ? 2 : 1;
        EXPECT_EQ(holds, reps * sides);
        EXPECT_EQ(switches, sides - 1);
        EXPECT_EQ(rests, hold >= timeline::kRestFromHold ? (reps - 1) * sides : 0);
        EXPECT_EQ(timeline::held_seconds(shape), hold * reps * sides);
      }
    }
  }
  EXPECT_TRUE(timeline::phases(timeline::Shape{30, 0, false}).empty());
  EXPECT_EQ(timeline::seconds(timeline::Shape{30, 0, false}), 0);
}

TEST(Timeline, AHeldStretchRestsBetweenRepetitionsAndChangesSidesOnce) {
  // 30 s x 3 each side: set up, hold, rest, hold, rest, hold, switch, and the same again.
  const std::vector<timeline::Phase> ph = timeline::phases(timeline::Shape{30, 3, true});
  std::string kinds;
  for (const timeline::Phase& p : ph) kinds += std::string(timeline::phase_name(p.kind)) + " ";
  EXPECT_EQ(kinds, "setup hold rest hold rest hold switch_sides hold rest hold rest hold ");
  EXPECT_EQ(timeline::seconds(timeline::Shape{30, 3, true}), 10 + 2 * (90 + 10) + 5);
}

}  // namespace
}  // namespace limber::testing
