// The rule engine: every operator, precedence, derived facts and cycles.
#include <gtest/gtest.h>

#include <thread>

#include "random_profile.h"
#include "support.h"

namespace limber::testing {
namespace {

std::string rule_with(const std::string& when) {
  return "theme: t\nrules:\n  - id: r\n    when: " + when +
         "\n    include: { stretches: [a-floor] }\n    because: test\n    sources: [{ doc: guide }]\n";
}

struct OperatorCase {
  std::string when;
  std::vector<std::string> profile;
  bool fires;
};

void PrintTo(const OperatorCase& c, std::ostream* os) {
  *os << c.when;
}
class OperatorTest : public ::testing::TestWithParam<OperatorCase> {};

TEST_P(OperatorTest, FiresExactlyWhenTheConditionHolds) {
  const OperatorCase& c = GetParam();
  const Engine engine = mini_engine(rule_with(c.when));
  Profile p = default_profile(engine.schema());
  for (const std::string& a : c.profile) apply_assignment(p, engine.schema(), a);
  EXPECT_EQ(fired(engine, run(engine, p), "r"), c.fires) << c.when;
}

std::vector<OperatorCase> OperatorCases() {
  return {
      OperatorCase{"{ age: { eq: 40 } }", {"age=40"}, true}, OperatorCase{"{ age: { eq: 40 } }", {"age=41"}, false},
      OperatorCase{"{ age: { ne: 40 } }", {"age=41"}, true}, OperatorCase{"{ age: { ne: 40 } }", {"age=40"}, false},
      OperatorCase{"{ age: { lt: 40 } }", {"age=39"}, true}, OperatorCase{"{ age: { lt: 40 } }", {"age=40"}, false},
      OperatorCase{"{ age: { lte: 40 } }", {"age=40"}, true}, OperatorCase{"{ age: { lte: 40 } }", {"age=41"}, false},
      OperatorCase{"{ age: { gt: 40 } }", {"age=41"}, true}, OperatorCase{"{ age: { gt: 40 } }", {"age=40"}, false},
      OperatorCase{"{ age: { gte: 40 } }", {"age=40"}, true}, OperatorCase{"{ age: { gte: 40 } }", {"age=39"}, false},
      OperatorCase{"{ age: { in: [20, 30] } }", {"age=30"}, true},
      OperatorCase{"{ age: { in: [20, 30] } }", {"age=25"}, false},
      // A comparison with a field the profile did not give is false, both ways.
      OperatorCase{"{ age: { lt: 40 } }", {}, false}, OperatorCase{"{ age: { ne: 40 } }", {}, false},
      OperatorCase{"{ age: { gte: 20, lte: 30 } }", {"age=25"}, true},
      OperatorCase{"{ age: { gte: 20, lte: 30 } }", {"age=31"}, false},
      OperatorCase{"{ improving: false }", {"improving=no"}, true}, OperatorCase{"{ improving: false }", {}, false},
      OperatorCase{"{ improving: { ne: true } }", {"improving=false"}, true},
      OperatorCase{"{ level: high }", {"level=high"}, true},
      OperatorCase{"{ level: { eq: high } }", {"level=mid"}, false},
      OperatorCase{"{ level: { ne: high } }", {"level=mid"}, true},
      OperatorCase{"{ level: { in: [mid, high] } }", {"level=mid"}, true},
      OperatorCase{"{ level: { in: [mid, high] } }", {"level=low"}, false},
      OperatorCase{"{ pain_areas: neck }", {"pain_areas=neck;hips"}, true},
      OperatorCase{"{ pain_areas: { has: neck } }", {"pain_areas=hips"}, false},
      OperatorCase{"{ pain_areas: { has_any: [neck, hips] } }", {"pain_areas=hips"}, true},
      OperatorCase{"{ pain_areas: { has_any: [neck, hips] } }", {"pain_areas=lower_back"}, false},
      OperatorCase{"{ pain_areas: { has_all: [neck, hips] } }", {"pain_areas=neck;hips;lower_back"}, true},
      OperatorCase{"{ pain_areas: { has_all: [neck, hips] } }", {"pain_areas=neck"}, false},
      OperatorCase{"{ pain_areas: { eq: [neck] } }", {"pain_areas=neck"}, true},
      OperatorCase{"{ pain_areas: { eq: [neck] } }", {"pain_areas=neck;hips"}, false},
      OperatorCase{"{ pain_areas: { ne: [neck] } }", {"pain_areas=hips"}, true},
      OperatorCase{"{ age: { is_set: true } }", {"age=30"}, true}, OperatorCase{"{ age: { is_set: true } }", {}, false},
      OperatorCase{"{ age: { is_set: false } }", {}, true},
      // A field with a default is always set.
      OperatorCase{"{ minutes: { is_set: true } }", {}, true}, OperatorCase{"{ minutes: 10 }", {}, true},
      OperatorCase{"{ all: [{ age: { gt: 30 } }, { level: high }] }", {"age=40", "level=high"}, true},
      OperatorCase{"{ all: [{ age: { gt: 30 } }, { level: high }] }", {"age=40", "level=low"}, false},
      OperatorCase{"{ any: [{ age: { gt: 30 } }, { level: high }] }", {"age=20", "level=high"}, true},
      OperatorCase{"{ any: [{ age: { gt: 30 } }, { level: high }] }", {"age=20", "level=low"}, false},
      OperatorCase{"{ not: { level: high } }", {"level=low"}, true},
      OperatorCase{"{ not: { level: high } }", {"level=high"}, false},
      // Two keys in one mapping both have to hold.
      OperatorCase{"{ age: { gt: 30 }, level: high }", {"age=40", "level=low"}, false}};
}

INSTANTIATE_TEST_SUITE_P(Operators, OperatorTest, ::testing::ValuesIn(OperatorCases()));

TEST(Engine, DerivedFactsAreComputedBeforeTheRulesThatTestThem) {
  // The consumer is written first; the engine must still see the fact.
  const Engine engine = mini_engine(R"(
theme: t
rules:
  - id: consumer
    when: { fact: older }
    include: { stretches: [b-stand] }
    because: uses the fact
    sources: [{ doc: guide }]
  - id: chained
    when: { fact: oldest }
    derive: older
    because: derived from another fact
    sources: [{ doc: guide }]
  - id: producer
    when: { age: { gte: 80 } }
    derive: oldest
    because: derives
    sources: [{ doc: guide }]
)");
  const Result old = run(engine, make_profile(engine, {"age=85"}));
  EXPECT_TRUE(fired(engine, old, "consumer"));
  const Result young = run(engine, make_profile(engine, {"age=30"}));
  EXPECT_FALSE(fired(engine, young, "consumer"));
  EXPECT_FALSE(fired(engine, young, "chained"));
}

TEST(Engine, AFactCycleIsALoadErrorNamingTheRules) {
  const std::string message = error_of([] {
    mini_engine(R"(
theme: t
rules:
  - id: one
    when: { fact: b }
    derive: a
    because: x
    sources: [{ doc: guide }]
  - id: two
    when: { fact: a }
    derive: b
    because: x
    sources: [{ doc: guide }]
)");
  });
  EXPECT_NE(message.find("cycle"), std::string::npos) << message;
  EXPECT_NE(message.find("'one'"), std::string::npos) << message;
  EXPECT_NE(message.find("'two'"), std::string::npos) << message;
}

TEST(Engine, ARuleTestingItsOwnFactIsACycle) {
  const std::string message = error_of([] {
    mini_engine(
        "theme: t\nrules:\n  - id: self\n    when: { fact: a }\n    derive: a\n    because: x\n    sources: [{ doc: "
        "guide }]\n");
  });
  EXPECT_NE(message.find("tests a fact it derives itself"), std::string::npos) << message;
}

TEST(Engine, AnUnknownFactIsAnErrorWithItsPosition) {
  const std::string message = error_of([] { mini_engine(rule_with("{ fact: nothing }")); });
  EXPECT_NE(message.find("test.yaml:4:"), std::string::npos) << message;
  EXPECT_NE(message.find("no rule derives the fact 'nothing'"), std::string::npos) << message;
}

struct CompileErrorCase {
  std::string when;
  std::string message;
};
void PrintTo(const CompileErrorCase& c, std::ostream* os) {
  *os << c.when;
}
class CompileErrorTest : public ::testing::TestWithParam<CompileErrorCase> {};

TEST_P(CompileErrorTest, NamesTheMistake) {
  const std::string message = error_of([&] { mini_engine(rule_with(GetParam().when)); });
  EXPECT_NE(message.find(GetParam().message), std::string::npos) << message;
  EXPECT_NE(message.find("test.yaml:4:"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Conditions, CompileErrorTest,
    ::testing::Values(
        CompileErrorCase{"{ agee: { gt: 3 } }", "unknown field 'agee' (did you mean 'age'?)"},
        CompileErrorCase{"{ age: { has: 3 } }", "'has' does not apply to the integer field 'age'"},
        CompileErrorCase{"{ pain_areas: { gt: 3 } }", "'gt' does not apply to the set field 'pain_areas'"},
        CompileErrorCase{"{ level: { eq: hihg } }", "unknown value 'hihg' for 'level' (did you mean 'high'?)"},
        CompileErrorCase{"{ age: { gt: \"3\" } }", "'age' compares with a whole number"},
        CompileErrorCase{"{ age: { greater: 3 } }", "'greater' is not a valid comparison operator"},
        CompileErrorCase{"{ id: { eq: x } }", "the text field 'id' cannot be used in a condition"},
        CompileErrorCase{"{ pain_areas: { has_any: neck } }", "'has_any' takes a list"},
        CompileErrorCase{"{ improving: maybe }", "expected true or false, not 'maybe'"}));

// fire() runs a branch-free program compiled from the conditions; explain()
// walks the condition trees. Both must agree on every rule for every profile.
void expect_program_matches_trees(const Engine& engine, std::uint64_t count, std::uint64_t seed) {
  ASSERT_TRUE(engine.branch_free());
  std::mt19937_64 rng(seed);
  Result r;
  std::uint64_t fired_total = 0;
  for (std::uint64_t n = 0; n < count; ++n) {
    const Profile p = random_profile(engine.schema(), rng);
    engine.fire(p, r);
    const std::vector<Trace> traces = engine.explain(p);
    ASSERT_EQ(traces.size(), engine.rules().size());
    std::uint64_t facts = 0;
    for (std::size_t i = 0; i < traces.size(); ++i) {
      ASSERT_EQ(r.fired.test(i), traces[i].fired) << "rule " << engine.rule(i).id << ", profile #" << n;
      if (traces[i].fired) facts |= engine.rules()[i].derives;
      fired_total += traces[i].fired ? 1 : 0;
    }
    ASSERT_EQ(r.facts, facts) << "profile #" << n;
  }
  // The profiles exercise the rules both ways.
  EXPECT_GT(fired_total, count);
  EXPECT_LT(fired_total, count * engine.rules().size());
}

TEST(Engine, TheCompiledProgramFiresAsTheConditionTreesOnTheShippedRules) {
  expect_program_matches_trees(builtin_engine(), 10'000, 7);
}

TEST(Engine, TheCompiledProgramFiresAsTheConditionTreesForEveryOperator) {
  // Every operator case above as one rule, plus nesting, negation, facts
  // derived from facts, empty lists and the integer extremes.
  std::vector<std::string> conditions;
  for (const OperatorCase& c : OperatorCases()) conditions.push_back(c.when);
  conditions.insert(
      conditions.end(),
      {"{ age: { lt: -9223372036854775808 } }", "{ age: { gt: 9223372036854775807 } }",
       "{ age: { lte: 9223372036854775807 } }", "{ age: { gte: -9223372036854775808 } }", "{ age: { in: [] } }",
       "{ pain_areas: { has_any: [] } }", "{ pain_areas: { has_all: [] } }", "{ pain_areas: { eq: [] } }",
       "{ level: { in: [low] } }", "{ not: { any: [{ age: { gt: 50 } }, { not: { level: low } }] } }",
       "{ any: [{ all: [{ age: { lt: 40 } }, { improving: true }] }, { flags: { has_any: [x, z] } }] }",
       "{ all: [{ fact: f1 }, { not: { fact: f2 } }] }", "{ any: [{ fact: f2 }, { fact: f3 }] }",
       "{ not: { fact: f3 } }", "{ any: [{ fact: f4 }, { fact: f1 }] }"});
  std::string rules = "theme: t\nrules:\n";
  auto add = [&](const std::string& id, const std::string& when, const std::string& action) {
    rules += "  - id: " + id + "\n    when: " + when + "\n    " + action +
             "\n    because: test\n    sources: [{ doc: guide }]\n";
  };
  add("d1", "{ age: { gte: 50 } }", "derive: [f1]");
  add("d2", "{ any: [{ fact: f1 }, { pain_areas: neck }] }", "derive: [f2]");
  add("d3", "{ all: [{ fact: f2 }, { level: { ne: low } }] }", "derive: [f3, f4]");
  for (std::size_t k = 0; k < conditions.size(); ++k) {
    add("r" + std::to_string(k), conditions[k], "include: { stretches: [a-floor] }");
  }
  expect_program_matches_trees(mini_engine(rules), 20'000, 11);
}

TEST(Engine, ConditionsTooLargeForTheProgramAreStillEvaluated) {
  std::string values;
  for (int v = 0; v < 9000; ++v) values += (v == 0 ? "" : ", ") + std::to_string(v + 200);
  const Engine engine = mini_engine(rule_with("{ any: [{ age: { in: [" + values + "] } }, { age: 30 }] }"));
  EXPECT_FALSE(engine.branch_free());
  EXPECT_TRUE(fired(engine, run(engine, make_profile(engine, {"age=30"})), "r"));
  EXPECT_FALSE(fired(engine, run(engine, make_profile(engine, {"age=31"})), "r"));
}

// One Engine shared by threads (as batch does), each with its own reused
// Result, gives every profile the answer one thread alone gives it: the
// engine keeps no state between evaluations and no thread sees another's.
TEST(Engine, ThreadsSharingOneEngineGiveTheSingleThreadedAnswers) {
  const Engine& engine = builtin_engine();
  std::mt19937_64 rng(29);
  std::vector<Profile> profiles;  // a prime count: each thread's order below is a permutation
  for (int i = 0; i < 1999; ++i) profiles.push_back(random_profile(engine.schema(), rng));
  auto summary = [&](const Result& r) {
    std::vector<std::int64_t> v(r.fired.words.begin(), r.fired.words.end());
    v.push_back(static_cast<std::int64_t>(r.status));
    v.push_back(r.total_seconds);
    v.push_back(r.budget_seconds);
    for (std::size_t k = 0; k < r.step_count; ++k) {
      v.insert(v.end(), {r.steps[k].stretch, r.steps[k].form, r.steps[k].reps, r.steps[k].hold_seconds});
    }
    for (std::size_t k = 0; k < r.excluded_count; ++k) v.insert(v.end(), {r.excluded[k].stretch, r.excluded[k].rule});
    return v;
  };
  std::vector<std::vector<std::int64_t>> want;
  for (const Profile& p : profiles) want.push_back(summary(run(engine, p)));
  constexpr int kThreads = 4;
  std::vector<std::vector<std::vector<std::int64_t>>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Result r;  // reused, as a batch worker does
      // Each thread in its own order, so they are at different profiles at once.
      for (std::size_t n = 0; n < profiles.size(); ++n) {
        const std::size_t i = (n * static_cast<std::size_t>(2 * t + 1)) % profiles.size();
        engine.evaluate(profiles[i], r);
        got[static_cast<std::size_t>(t)].push_back(summary(r));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (std::size_t n = 0; n < profiles.size(); ++n) {
      const std::size_t i = (n * static_cast<std::size_t>(2 * t + 1)) % profiles.size();
      ASSERT_EQ(got[static_cast<std::size_t>(t)][n], want[i]) << "thread " << t << ", profile " << i;
    }
  }
}

}  // namespace
}  // namespace limber::testing
