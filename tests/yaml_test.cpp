// Reading YAML and JSON: positions, and the hostile or odd inputs the
// loader must answer with a clear error instead of a crash.
#include <gtest/gtest.h>

#include "support.h"
#include "yaml.h"

namespace limber::testing {
namespace {

yaml::Node parse(const std::string& text) {
  return yaml::parse_one(yaml::Source("in.yaml", text));
}
std::string parse_error(const std::string& text) {
  return error_of([&] { parse(text); });
}

TEST(Yaml, KeepsOneBasedPositions) {
  const yaml::Node doc = parse("a: 1\nb:\n  - x\n  - \"y\"\n");
  ASSERT_TRUE(doc.is_map());
  const yaml::Node* b = doc.find("b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->children[1].line, 4);
  EXPECT_EQ(b->children[1].column, 5);
  EXPECT_FALSE(b->children[0].quoted);
  EXPECT_TRUE(b->children[1].quoted);
}

TEST(Yaml, ReadsJson) {
  const yaml::Node doc = parse(R"({"age": 40, "pain_areas": ["neck"], "id": "x"})");
  ASSERT_TRUE(doc.is_map());
  EXPECT_EQ(doc.find("age")->value, "40");
  EXPECT_TRUE(doc.find("id")->quoted);
}

TEST(Yaml, SyntaxErrorsPointAtTheSpot) {
  const std::string message = parse_error("a: 1\nb: [1, 2\n");
  EXPECT_NE(message.find("in.yaml:"), std::string::npos) << message;
  EXPECT_NE(message.find("YAML syntax error"), std::string::npos) << message;
}

TEST(Yaml, DeepNestingIsRefusedBeforeParsing) {
  const std::string message = parse_error(std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_NE(message.find("nesting is deeper than 64 levels"), std::string::npos) << message;
  // Block sequences nested on one line ("- - - x") count too.
  std::string dashes;
  for (int i = 0; i < 200; ++i) dashes += "- ";
  dashes += "x\n";
  EXPECT_NE(parse_error(dashes).find("nesting is deeper"), std::string::npos);
}

TEST(Yaml, AliasBombsAreRefused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    prev = c;
  }
  const std::string message = parse_error(bomb);
  EXPECT_NE(message.find("expands to more than"), std::string::npos) << message;
}

TEST(Yaml, NulBytesAndInvalidUtf8AreRefusedWithAPosition) {
  EXPECT_NE(parse_error(std::string("a: b\nc: d\0e\n", 12)).find("in.yaml:2:5: error: the input contains a NUL byte"),
            std::string::npos);
  EXPECT_NE(parse_error("a: \xff\xfe\n").find("in.yaml:1:4: error: the input is not valid UTF-8"), std::string::npos);
}

TEST(Yaml, AByteOrderMarkAndCrlfAreAccepted) {
  const yaml::Node doc =
      parse(yaml::strip_bom("\xEF\xBB\xBF"
                            "a: 1\r\nb: two\r\n"));
  ASSERT_TRUE(doc.is_map());
  EXPECT_EQ(doc.find("b")->value, "two");
}

TEST(Yaml, OversizedInputIsRefused) {
  yaml::Limits limits;
  limits.max_bytes = 100;
  const std::string message =
      error_of([&] { yaml::parse_one(yaml::Source("big.yaml", std::string(200, 'a')), limits); });
  EXPECT_NE(message.find("the limit is 100 bytes"), std::string::npos) << message;
}

TEST(Yaml, EmptyInputIsNull) {
  EXPECT_TRUE(parse("# only a comment\n").is_null());
}

TEST(Yaml, SeveralDocumentsWhereOneIsExpected) {
  EXPECT_NE(parse_error("a: 1\n---\nb: 2\n").find("expected one document, found several"), std::string::npos);
  EXPECT_EQ(yaml::parse_all(yaml::Source("m.yaml", "a: 1\n---\nb: 2\n---\nc: 3\n")).size(), 3u);
}

TEST(Yaml, DuplicateKeysAreAnError) {
  const yaml::Source src("d.yaml", "a: 1\nb: 2\na: 3\n");
  const yaml::Node doc = yaml::parse_one(src);
  const yaml::Checker check(src);
  const std::string message = error_of([&] { check.check_unique_keys(doc); });
  EXPECT_NE(message.find("d.yaml:3:1: error: duplicate key 'a' (first given on line 1)"), std::string::npos) << message;
}

TEST(Yaml, ErrorsShowTheLineAndACaret) {
  const std::string message = error_of([] {
    const yaml::Source src("c.yaml", "first: 1\nsecond: oops\n");
    const yaml::Node doc = yaml::parse_one(src);
    yaml::Checker(src).integer(*doc.find("second"), 0, 5, "'second'");
  });
  EXPECT_EQ(message,
            "c.yaml:2:9: error: 'second' must be a whole number from 0 to 5, not 'oops'\n"
            "     2 | second: oops\n"
            "       |         ^\n");
}

}  // namespace
}  // namespace limber::testing
