// Every kind of loading error: a rule file, a stretch file, a profile.
// Each names file:line:column, says what is wrong and what would be right.
#include <gtest/gtest.h>

#include "support.h"

namespace limber::testing {
namespace {

struct LoadCase {
  std::string name;
  std::string rules;  // a rule file on top of the mini fixture
  std::string message;
};
void PrintTo(const LoadCase& c, std::ostream* os) {
  *os << c.name;
}

class RuleFileErrors : public ::testing::TestWithParam<LoadCase> {};

TEST_P(RuleFileErrors, AreReportedWithAPosition) {
  const std::string message = error_of([&] { mini_engine(GetParam().rules); });
  EXPECT_NE(message.find(GetParam().message), std::string::npos) << message;
  EXPECT_NE(message.find("test.yaml:"), std::string::npos) << message;
}

const std::string kRule = "theme: t\nrules:\n  - id: r\n";
const std::string kTail = "    because: x\n    sources: [{ doc: guide }]\n";

INSTANTIATE_TEST_SUITE_P(
    Kinds, RuleFileErrors,
    ::testing::Values(
        LoadCase{"unknown_key", kRule + "    inclde: { stretches: [a-floor] }\n" + kTail,
                 "test.yaml:4:5: error: unknown field 'inclde' in a rule (did you mean 'include'?)"},
        LoadCase{"unknown_stretch", kRule + "    include: { stretches: [a-flor] }\n" + kTail,
                 "test.yaml:4:28: error: unknown stretch 'a-flor' (did you mean 'a-floor'?)"},
        LoadCase{"missing_because", kRule + "    include: { stretches: [a-floor] }\n    sources: [{ doc: guide }]\n",
                 "rule 'r' is missing the required field 'because'"},
        LoadCase{"no_action", kRule + kTail, "rule 'r' has no action"},
        LoadCase{"unknown_document", kRule + "    refer: true\n    because: x\n    sources: [{ doc: gide }]\n",
                 "unknown document 'gide' (did you mean 'guide'?)"},
        LoadCase{"quote_missing", kRule + "    refer: true\n    because: x\n    sources: [{ doc: doc }]\n",
                 "a citation of document 'doc' needs a quote"},
        LoadCase{"unknown_variant", kRule + "    modify: { stretches: [a-floor], variant: sofa }\n" + kTail,
                 "no selected stretch has a variant 'sofa'"},
        LoadCase{"unknown_position", kRule + "    exclude: { positions: [lying] }\n" + kTail,
                 "unknown position 'lying'"},
        LoadCase{"bad_urgency", kRule + "    stop: { urgency: now }\n" + kTail, "'now' is not a valid urgency"},
        LoadCase{"weight_range", kRule + "    include: { stretches: [a-floor], weight: 500 }\n" + kTail,
                 "'weight' must be from 1 to 100, not 500"},
        LoadCase{"duplicate_id", kRule + "    refer: true\n" + kTail + "  - id: r\n    refer: true\n" + kTail,
                 "the rule id 'r' is already defined at"},
        LoadCase{"duplicate_key", kRule + "    refer: true\n    refer: true\n" + kTail, "duplicate key 'refer'"},
        LoadCase{"not_a_mapping", "- id: r\n", "a rule file must be a mapping of names to values, not a list"},
        LoadCase{"rules_not_a_list", "theme: t\nrules: { id: r }\n", "'rules' must be a list, not a mapping"},
        LoadCase{"syntax", "theme: t\nrules:\n  - id: r\n   because: x\n", "YAML syntax error"},
        LoadCase{"empty_modify", kRule + "    modify: { stretches: [a-floor] }\n" + kTail,
                 "'modify' changes nothing"}));

// The error loading the mini fixture plus one stretch file.
std::string stretch_error(const std::string& file, const std::string& position) {
  TempDir dir;
  dir.write(file, "id: z-bad\nname: Z\nkind: stretch\nareas: [lower_back]\ngroup: g9\nposition: " + position +
                      "\non_floor: true\ndirections: [flexion]\nintensity: gentle\ndemands: []\ndosage: { "
                      "hold_seconds: 10, reps: 1 }\n"
                      "steps: [x]\nsources: [{ doc: guide }]\n");
  LoadOptions o;
  o.builtin = false;
  o.rule_dirs = {fixture("mini") / "rules"};
  o.catalogue_dirs = {fixture("mini") / "catalogue", dir.path()};
  return error_of([&] { load_knowledge(o); });
}

TEST(StretchFileErrors, AreReportedWithAPosition) {
  const std::string message = stretch_error("z-bad.yaml", "lying");
  EXPECT_NE(message.find("z-bad.yaml:6:11: error: 'lying' is not a valid position"), std::string::npos) << message;
  EXPECT_NE(message.find("allowed: standing, hanging"), std::string::npos) << message;
}

TEST(StretchFileErrors, TheIdMustMatchTheFileName) {
  const std::string message = stretch_error("other.yaml", "supine");
  EXPECT_NE(message.find("the stretch id 'z-bad' does not match its file name 'other'"), std::string::npos) << message;
}

TEST(Overrides, ALaterFolderReplacesARuleWithTheSameId) {
  const Engine base = mini_engine("theme: t\nrules:\n  - id: r\n    include: { stretches: [a-floor] }\n" + kTail);
  TempDir dir;
  dir.write("override.yaml", "theme: t\nrules:\n  - id: r\n    include: { stretches: [b-stand] }\n" + kTail);
  TempDir first;
  first.write("test.yaml", "theme: t\nrules:\n  - id: r\n    include: { stretches: [a-floor] }\n" + kTail);
  LoadOptions o;
  o.builtin = false;
  o.rule_dirs = {fixture("mini") / "rules", first.path(), dir.path()};
  o.catalogue_dirs = {fixture("mini") / "catalogue"};
  const Engine e(load_knowledge(o));
  EXPECT_EQ(e.kb().rules.size(), base.kb().rules.size());
  EXPECT_EQ(routine_ids(e, run(e, make_profile(e, {}))), std::vector<std::string>{"b-stand"});
}

TEST(Builtin, TheShippedKnowledgeLoadsAndCompiles) {
  const Engine& e = builtin_engine();
  EXPECT_GE(e.kb().rules.size(), 50u);
  EXPECT_GE(e.kb().stretches.size(), 30u);
  for (const char* id : {"cat-cow",
                         "kneeling-hip-flexor",
                         "knee-to-chest",
                         "happy-baby",
                         "double-knee-to-chest",
                         "side-lying-flexion-rotation",
                         "figure-four",
                         "standing-side-bend",
                         "knee-to-opposite-shoulder",
                         "eagle-arms",
                         "lower-trunk-rotation",
                         "overhead-triceps",
                         "pelvic-tilt",
                         "chin-to-chest",
                         "bridge",
                         "ear-to-shoulder",
                         "childs-pose",
                         "levator-scapulae",
                         "sphinx",
                         "passive-hang",
                         "prone-press-up",
                         "active-hang",
                         "seated-spinal-twist",
                         "deep-squat-reach",
                         "seated-forward-bend",
                         "jefferson-curl",
                         "supine-hamstring",
                         "partial-crunch",
                         "standing-hamstring",
                         "legs-up-rest"}) {
    EXPECT_GE(e.kb().stretch_index(id), 0) << id;
  }
}

}  // namespace
}  // namespace limber::testing
