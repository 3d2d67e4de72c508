// The condition language as written: its tree, the shorthand, several
// tests in one mapping, and the mistakes the parser names with a position.
#include "knowledge/condition.h"

#include <gtest/gtest.h>

#include <string>

#include "support.h"

namespace limber::testing {
namespace {

Cond parse(const std::string& text) {
  const yaml::Source src("when.yaml", text);
  const yaml::Node doc = yaml::parse_one(src);
  return parse_condition(doc, yaml::Checker(src));
}

TEST(Condition, ParsesTheTree) {
  const Cond c = parse("any: [{ age: { gte: 50 } }, { not: { fact: desk } }]");
  ASSERT_EQ(c.kind, Cond::Kind::Any);
  ASSERT_EQ(c.children.size(), 2u);
  const Cond& age = c.children[0];
  EXPECT_EQ(age.kind, Cond::Kind::Compare);
  EXPECT_EQ(age.name, "age");
  EXPECT_EQ(age.op, "gte");
  EXPECT_EQ(age.value.value, "50");
  EXPECT_EQ(age.op_where.line, 1);
  EXPECT_EQ(age.op_where.column, 16);  // "any: [{ age: { " is 15 columns
  const Cond& negation = c.children[1];
  EXPECT_EQ(negation.kind, Cond::Kind::Not);
  ASSERT_EQ(negation.children.size(), 1u);
  EXPECT_EQ(negation.children[0].kind, Cond::Kind::Fact);
  EXPECT_EQ(negation.children[0].name, "desk");
}

TEST(Condition, AShorthandLeavesTheOperatorToTheFieldType) {
  const Cond c = parse("pain_areas: neck");
  EXPECT_EQ(c.kind, Cond::Kind::Compare);
  EXPECT_EQ(c.op, "");
  EXPECT_EQ(c.value.value, "neck");
}

TEST(Condition, SeveralKeysOrOperatorsMeanAll) {
  const Cond keys = parse("{ age: { gte: 50 }, improving: false }");
  ASSERT_EQ(keys.kind, Cond::Kind::All);
  EXPECT_EQ(keys.children.size(), 2u);
  const Cond ops = parse("age: { gte: 18, lt: 65 }");
  ASSERT_EQ(ops.kind, Cond::Kind::All);
  ASSERT_EQ(ops.children.size(), 2u);
  EXPECT_EQ(ops.children[0].op, "gte");
  EXPECT_EQ(ops.children[1].op, "lt");
  EXPECT_EQ(ops.children[1].name, "age");
}

TEST(Condition, CollectsTheFactsItTests) {
  std::vector<std::string> facts;
  collect_facts(parse("all: [{ fact: a }, { any: [{ fact: b }, { not: { fact: c } }] }, { age: 3 }]"), facts);
  EXPECT_EQ(facts, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Condition, NamesMistakesWithTheirPosition) {
  EXPECT_NE(error_of([] { parse("age: { gtee: 5 }"); }).find("when.yaml:1:8"), std::string::npos);
  EXPECT_NE(error_of([] { parse("age: { gtee: 5 }"); }).find("did you mean 'gte'"), std::string::npos);
  EXPECT_NE(error_of([] { parse("[age]"); }).find("a condition must be a mapping"), std::string::npos);
  EXPECT_NE(error_of([] { parse("{}"); }).find("an empty condition"), std::string::npos);
  EXPECT_NE(error_of([] { parse("all: []"); }).find("'all' needs at least one condition"), std::string::npos);
  EXPECT_NE(error_of([] { parse("age: {}"); }).find("no comparison given for 'age'"), std::string::npos);
}

}  // namespace
}  // namespace limber::testing
