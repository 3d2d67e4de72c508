// lint: rules that can never fire (the satisfiability search over the
// operator table's domains), contradictions, unused facts, unreached
// stretches and safety answers that do not stop.
#include "knowledge/lint.h"

#include <gtest/gtest.h>

#include <string>

#include "support.h"

namespace limber::testing {
namespace {

std::string rule(const std::string& id, const std::string& when, const std::string& action) {
  return "  - id: " + id + "\n    when: " + when + "\n    " + action +
         "\n    because: test (a stop here means now, today)\n    sources: [{ doc: guide }]\n";
}

// Every mini stretch recommended and every safety answer stopping, so only
// what a test adds shows up.
std::string base_rules() {
  return rule("all-stretches", "{ improving: true }",
              "include: { stretches: [a-floor, b-stand, c-kneel, d-bar, e-prone, f-strength] }") +
         rule("stop-x", "{ flags: x }", "stop: { urgency: emergency }") +
         rule("stop-y", "{ flags: y }", "stop: { urgency: emergency }") +
         rule("stop-z", "{ flags: z }", "stop: { urgency: emergency }");
}

std::vector<LintIssue> lint_rules(const std::string& extra) {
  return lint(mini_engine("theme: t\nrules:\n" + base_rules() + extra), std::nullopt);
}

bool has(const std::vector<LintIssue>& issues, const std::string& text) {
  for (const LintIssue& i : issues) {
    if (i.message.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string never(const std::string& id) {
  return "rule '" + id + "' can never fire";
}

TEST(Lint, TheBaseRulesAreClean) {
  const std::vector<LintIssue> issues = lint_rules("");
  // The mini catalogue has no figures on purpose: the figure checks have
  // their own test (tests/figures_test.sh); every other issue fails here.
  for (const LintIssue& i : issues) {
    if (i.message.ends_with("has no figure")) continue;
    ADD_FAILURE() << i.message;
  }
}

struct SatisfiabilityCase {
  std::string when;
  bool can_fire;
};

class Satisfiability : public ::testing::TestWithParam<SatisfiabilityCase> {};

TEST_P(Satisfiability, IsDecidedOverTheFieldDomains) {
  const SatisfiabilityCase& c = GetParam();
  const std::vector<LintIssue> issues = lint_rules(rule("r", c.when, "include: { stretches: [a-floor] }"));
  EXPECT_EQ(has(issues, never("r")), !c.can_fire) << c.when;
}

INSTANTIATE_TEST_SUITE_P(
    Lint, Satisfiability,
    ::testing::Values(
        // Integers: the schema's range, intervals, excluded values, lists.
        SatisfiabilityCase{"{ age: { gt: 120 } }", false}, SatisfiabilityCase{"{ age: { gte: 120 } }", true},
        SatisfiabilityCase{"{ age: { lt: 10 } }", false}, SatisfiabilityCase{"{ age: { gte: 50, lt: 50 } }", false},
        SatisfiabilityCase{"{ age: { gte: 50, lte: 50, ne: 50 } }", false},
        SatisfiabilityCase{"{ age: { gte: 50, lte: 51, ne: 50 } }", true},
        SatisfiabilityCase{"{ age: { in: [5, 200] } }", false}, SatisfiabilityCase{"{ age: { in: [5, 20] } }", true},
        SatisfiabilityCase{"{ all: [{ age: { in: [20, 30] } }, { not: { age: { in: [20, 30] } } }] }", false},
        // A negated test also holds when the field is not given...
        SatisfiabilityCase{"{ not: { age: { gte: 10 } } }", true},
        // ... unless it must be given.
        SatisfiabilityCase{"{ all: [{ age: { is_set: true } }, { not: { age: { gte: 10 } } }] }", false},
        SatisfiabilityCase{"{ all: [{ age: { is_set: false } }, { age: { gte: 10 } }] }", false},
        // A field with a default is always given.
        SatisfiabilityCase{"{ minutes: { is_set: false } }", false},
        SatisfiabilityCase{"{ not: { minutes: { gte: 1 } } }", false},
        // Enums and bools: the values left.
        SatisfiabilityCase{"{ all: [{ level: low }, { level: { ne: low } }] }", false},
        SatisfiabilityCase{"{ all: [{ level: { in: [low, mid] } }, { level: { ne: low } }] }", true},
        SatisfiabilityCase{"{ all: [{ level: { in: [low, mid] } }, { not: { level: { in: [low, mid, high] } } }] }",
                           false},
        SatisfiabilityCase{"{ all: [{ improving: true }, { improving: false }] }", false},
        SatisfiabilityCase{"{ all: [{ improving: true }, { not: { improving: false } }] }", true},
        // Sets: what they must and must not hold.
        SatisfiabilityCase{"{ all: [{ pain_areas: neck }, { not: { pain_areas: { has_any: [neck, hips] } } }] }",
                           false},
        SatisfiabilityCase{"{ all: [{ pain_areas: { has_all: [neck, hips] } }, { pain_areas: { eq: [neck] } }] }",
                           false},
        SatisfiabilityCase{"{ all: [{ pain_areas: { eq: [neck] } }, { not: { pain_areas: neck } }] }", false},
        SatisfiabilityCase{"{ all: [{ pain_areas: { has_all: [neck, hips] } }, { pain_areas: { ne: [neck] } }] }",
                           true},
        SatisfiabilityCase{"{ all: [{ pain_areas: { is_set: false } }, { pain_areas: neck }] }", false},
        SatisfiabilityCase{"{ all: [{ not: { pain_areas: { has_all: [neck, hips] } } }, { pain_areas: neck }] }", true},
        // Or: one way is enough.
        SatisfiabilityCase{"{ any: [{ age: { gt: 120 } }, { level: high }] }", true},
        SatisfiabilityCase{"{ any: [{ age: { gt: 120 } }, { age: { lt: 10 } }] }", false}));

TEST(Lint, ARuleNeedingAnImpossibleFactCanNeverFireEither) {
  const std::vector<LintIssue> issues =
      lint_rules(rule("d", "{ age: { gt: 500 } }", "derive: [old]") +
                 rule("uses", "{ fact: old }", "include: { stretches: [a-floor] }") +
                 rule("negates", "{ not: { fact: old } }", "include: { stretches: [b-stand] }"));
  EXPECT_TRUE(has(issues, never("d")));
  EXPECT_TRUE(has(issues, never("uses")));
  EXPECT_FALSE(has(issues, never("negates")));
}

TEST(Lint, NamesContradictionsUnusedFactsAndUnreachedStretches) {
  const std::vector<LintIssue> contradiction =
      lint_rules(rule("inc", "{ level: high }", "include: { stretches: [c-kneel] }") +
                 rule("exc", "{ level: high }", "exclude: { stretches: [c-kneel] }"));
  EXPECT_TRUE(has(contradiction, "rule 'exc' excludes 'c-kneel' under the same condition as rule 'inc' includes it"));
  const std::vector<LintIssue> unused = lint_rules(rule("d", "{ level: high }", "derive: [lonely]"));
  ASSERT_TRUE(has(unused, "the fact 'lonely' is derived but no rule tests it"));
  for (const LintIssue& i : unused) {
    if (i.message.find("lonely") != std::string::npos) {
      EXPECT_FALSE(i.error) << "an unused fact is a warning";
    }
  }
  const std::vector<LintIssue> unreached =
      lint(mini_engine("theme: t\nrules:\n" + rule("one", "{ level: high }", "include: { stretches: [a-floor] }")),
           std::nullopt);
  EXPECT_TRUE(has(unreached, "no rule recommends the stretch 'b-stand'"));
  EXPECT_FALSE(has(unreached, "no rule recommends the stretch 'a-floor'"));
  EXPECT_TRUE(has(unreached, "the safety answer flags: x does not stop the routine"));
}

TEST(Lint, QuotesAreFoundAcrossWhiteSpace) {
  EXPECT_TRUE(quote_found("sit at a  desk\nall day", "If you sit at a desk all day, stretch."));
  EXPECT_FALSE(quote_found("sit at a desk all week", "If you sit at a desk all day, stretch."));
  EXPECT_FALSE(quote_found("   ", "anything"));
}

}  // namespace
}  // namespace limber::testing
