// Reading YAML and JSON: positions, and the hostile or odd inputs the
// loader must answer with a clear error instead of a crash.
#include <gtest/gtest.h>

#include "knowledge/knowledge.h"
#include "knowledge/yaml.h"
#include "support.h"

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
  EXPECT_NE(message.find("aliases"), std::string::npos) << message;
}

TEST(Yaml, ADocumentWithTooManyValuesIsNotCalledAnAliasBomb) {
  std::string list = "a: [";
  for (int i = 0; i < 200'001; ++i) list += "x, ";
  list += "x]\n";
  const std::string message = parse_error(list);
  EXPECT_NE(message.find("the document has more than 200000 values"), std::string::npos) << message.substr(0, 300);
  EXPECT_EQ(message.find("aliases"), std::string::npos) << message.substr(0, 300);
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
            "       |         ^^^^\n");
}

// Every node the same, positions and quoting included.
void expect_same_tree(const yaml::Node& a, const yaml::Node& b, const std::string& where) {
  ASSERT_EQ(a.kind, b.kind) << where;
  EXPECT_EQ(a.quoted, b.quoted) << where;
  EXPECT_EQ(a.line, b.line) << where;
  EXPECT_EQ(a.column, b.column) << where;
  EXPECT_EQ(a.value, b.value) << where;
  ASSERT_EQ(a.children.size(), b.children.size()) << where;
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    expect_same_tree(a.children[i], b.children[i], where + "/" + std::to_string(i));
  }
}

TEST(Yaml, SerializedTreesReadBackTheSame) {
  const yaml::Node doc = parse("a: 1\nb:\n  - x\n  - \"y \\u00e9\"\nc: {d: ~, e: [1, 2]}\nf: \"\"\n");
  expect_same_tree(doc, yaml::deserialize(yaml::serialize(doc)), "doc");
}

TEST(Yaml, DamagedSerializedTreesAreAnError) {
  const std::string bytes = yaml::serialize(parse("a: [1, 2, 3]\nb: text\n"));
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_NE(error_of([&] { yaml::deserialize(bytes.substr(0, cut)); }), "") << "cut at " << cut;
  }
  EXPECT_NE(error_of([&] { yaml::deserialize(bytes + "x"); }), "");
  EXPECT_NE(error_of([&] { yaml::deserialize("\x09"); }), "");
}

// The build stores the built-in files parsed (limber_nodes); what it stored
// must be exactly what parsing their text gives, for every file.
TEST(Yaml, BuiltInTreesMatchTheirText) {
  std::size_t checked = 0;
  for (const BuiltinFile& f : builtin_files()) {
    const BuiltinNodes* stored = nullptr;
    for (const BuiltinNodes& n : builtin_nodes()) {
      if (std::string_view(n.path) == f.path) stored = &n;
    }
    ASSERT_NE(stored, nullptr) << f.path << " was not stored parsed";
    const yaml::Node parsed = yaml::parse_one(yaml::Source(f.path, yaml::strip_bom(f.text)));
    expect_same_tree(parsed, yaml::deserialize(std::string_view(stored->data, stored->size)), f.path);
    ++checked;
  }
  EXPECT_EQ(checked, builtin_files().size());
  EXPECT_GT(checked, 40u);
}

}  // namespace
}  // namespace limber::testing
