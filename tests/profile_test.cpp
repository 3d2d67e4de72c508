// Reading a profile (YAML, JSON, --set): every field type and every mistake.
#include <gtest/gtest.h>

#include "support.h"

namespace limber::testing {
namespace {

Profile parse(const std::string& text) {
  const Engine& e = builtin_engine();
  const yaml::Source src("p.yaml", text);
  return parse_profile(yaml::parse_one(src), yaml::Checker(src), e.schema());
}

TEST(Profile, ReadsEveryFieldType) {
  const Engine& e = builtin_engine();
  const Schema& s = e.schema();
  const Profile p =
      parse("id: desk\nage: 40\npain_areas: [lower_back, neck]\nimproving: false\ntoe_touch: shins\nequipment: []\n");
  EXPECT_EQ(p.id, "desk");
  EXPECT_EQ(p.values[static_cast<std::size_t>(s.index("age"))], 40);
  EXPECT_EQ(value_text(p, s, s.index("pain_areas")), "lower_back;neck");
  EXPECT_EQ(value_text(p, s, s.index("improving")), "false");
  EXPECT_EQ(value_text(p, s, s.index("toe_touch")), "shins");
  EXPECT_EQ(value_text(p, s, s.index("equipment")), "none");
  // Defaults apply to what is not given.
  EXPECT_EQ(value_text(p, s, s.index("minutes")), "10");
  EXPECT_FALSE(p.has(s.index("sitting_hours")));
}

TEST(Profile, JsonAndYamlGiveTheSameProfile) {
  const Profile a = parse("age: 40\npain_areas: [neck]\n");
  const Profile b = parse(R"({"age": 40, "pain_areas": ["neck"]})");
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.present, b.present);
}

// --set values, CSV cells and answers go through assign_text: a text field
// takes what a profile file may hold and nothing else.
TEST(Profile, TextFieldsTakeOnlyCleanUtf8) {
  const Engine& e = builtin_engine();
  const Schema& s = e.schema();
  Profile p = default_profile(s);
  EXPECT_FALSE(assign_text(p, s, s.id, "Jos\xC3\xA9 \xE2\x80\x94 desk"));
  EXPECT_EQ(p.id, "Jos\xC3\xA9 \xE2\x80\x94 desk");
  for (const std::string& bad : {std::string("\xFF\xFE"), std::string("caf\xE9"), std::string("a\0b", 3),
                                 std::string("\xED\xA0\x80"), std::string("\xC0\xAF")}) {
    Profile q = default_profile(s);
    const auto problem = assign_text(q, s, s.id, bad);
    ASSERT_TRUE(problem.has_value()) << bad;
    EXPECT_NE(problem->message.find("not valid UTF-8"), std::string::npos) << problem->message;
    EXPECT_FALSE(q.has(s.id));
  }
}

struct Mistake {
  std::string text;
  std::string message;
};
void PrintTo(const Mistake& m, std::ostream* os) {
  *os << m.text;
}
class ProfileMistakes : public ::testing::TestWithParam<Mistake> {};

TEST_P(ProfileMistakes, AreExplained) {
  const std::string message = error_of([&] { parse(GetParam().text); });
  EXPECT_NE(message.find(GetParam().message), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, ProfileMistakes,
    ::testing::Values(
        Mistake{"sitting_hour: 9\n", "p.yaml:1:1: error: unknown field 'sitting_hour' (did you mean 'sitting_hours'?)"},
        Mistake{"pain_areas: [lowerback]\n",
                "p.yaml:1:14: error: unknown value 'lowerback' for 'pain_areas' (did you mean 'lower_back'?)"},
        Mistake{"age: 7\n", "p.yaml:1:6: error: 'age' must be from 10 to 120, not 7"},
        Mistake{"age: forty\n", "'age' must be a whole number from 10 to 120, not 'forty'"},
        Mistake{"age: \"40\"\n", "write the number without quotes"},
        Mistake{"improving: sometimes\n", "'improving' must be true or false, not 'sometimes'"},
        Mistake{"toe_touch: [shins]\n", "'toe_touch' must be one value, not a list"},
        Mistake{"- age: 40\n", "a profile must be a mapping of field names to values, not a list"},
        Mistake{"age: 40\nage: 41\n", "duplicate key 'age'"},
        Mistake{"pain_areas: { lower_back: true }\n", "'pain_areas' must be a list of names, not a mapping"}));

TEST(Profile, SetAssignments) {
  const Engine& e = builtin_engine();
  Profile p = default_profile(e.schema());
  apply_assignment(p, e.schema(), "pain_areas=lower_back;hips");
  apply_assignment(p, e.schema(), "improving=no");
  EXPECT_EQ(value_text(p, e.schema(), e.schema().index("pain_areas")), "lower_back;hips");
  EXPECT_EQ(error_of([&] { apply_assignment(p, e.schema(), "sitting_hours=25"); }),
            "--set sitting_hours=25: error: 25 is out of range\n  = help: write a whole number from 0 to 24\n");
  EXPECT_NE(error_of([&] { apply_assignment(p, e.schema(), "neckpain=yes"); }).find("unknown field 'neckpain'"),
            std::string::npos);
  EXPECT_NE(error_of([&] { apply_assignment(p, e.schema(), "age"); }).find("expected FIELD=VALUE"), std::string::npos);
}

}  // namespace
}  // namespace limber::testing
