// Every row of the operator table, on every field type it applies to, run
// through everything that reads the table: compile, the tree walk against
// the branch-free program, the description, lint's satisfiability search
// (never "can never fire" for a condition some profile satisfies, nor for
// its negation) and the JSON Schema of a rule. A new row is tested here
// without a line of test code; add its own cases beside the others in
// engine_test's OperatorCases.
#include "engine/ops.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "engine/describe.h"
#include "knowledge/json_schema.h"
#include "knowledge/lint.h"
#include "random_profile.h"
#include "support.h"

namespace limber::testing {
namespace {

// A field of the mini schema of each type, and operands for each shape.
struct Sample {
  std::string field;
  std::string value;
  std::string list;
};
Sample sample(FieldType type) {
  switch (type) {
    case FieldType::Integer: return {"age", "40", "[20, 40, 60]"};
    case FieldType::Bool: return {"improving", "false", "[false]"};
    case FieldType::Enum: return {"level", "mid", "[low, high]"};
    case FieldType::Set: return {"pain_areas", "neck", "[neck, hips]"};
    case FieldType::String: break;
  }
  return {};
}

struct Use {
  const Operator* op;
  FieldType type;
  std::string operand;
};

std::vector<Use> uses() {
  std::vector<Use> out;
  for (const Operator& op : operators()) {
    for (const FieldType t : {FieldType::Integer, FieldType::Bool, FieldType::Enum, FieldType::Set}) {
      if ((op.types & type_bit(t)) == 0) continue;
      const Sample s = sample(t);
      switch (op.operand) {
        case Operand::Value: out.push_back({&op, t, s.value}); break;
        case Operand::List: out.push_back({&op, t, s.list}); break;
        case Operand::ValueOrList:
          out.push_back({&op, t, s.value});
          out.push_back({&op, t, s.list});
          break;
        case Operand::Flag:
          out.push_back({&op, t, "true"});
          out.push_back({&op, t, "false"});
          break;
      }
    }
  }
  return out;
}

std::string rule(const std::string& id, const std::string& when) {
  return "  - id: " + id + "\n    when: " + when +
         "\n    include: { stretches: [a-floor] }\n    because: test\n    sources: [{ doc: guide }]\n";
}

TEST(Ops, EveryRowIsNamedAndDocumented) {
  for (const Operator& op : operators()) {
    EXPECT_FALSE(op.name.empty());
    EXPECT_NE(op.types, 0) << op.name;
    EXPECT_EQ(op.types & type_bit(FieldType::String), 0) << op.name << ": text fields are not tested";
    for (const FieldType t : {FieldType::Integer, FieldType::Bool, FieldType::Enum, FieldType::Set}) {
      // The lookup finds this very row wherever it applies.
      if ((op.types & type_bit(t)) != 0) {
        EXPECT_EQ(find_operator(op.name, t), &op) << op.name;
      }
    }
    if (op.operand == Operand::List) {
      EXPECT_FALSE(op.list_example.empty()) << op.name;
    }
  }
  // One row per name and field type.
  for (const FieldType t : {FieldType::Integer, FieldType::Bool, FieldType::Enum, FieldType::Set}) {
    for (const std::string& name : operator_names()) {
      int rows = 0;
      for (const Operator& op : operators()) rows += op.name == name && (op.types & type_bit(t)) != 0;
      EXPECT_LE(rows, 1) << name << " on " << type_name(t);
    }
  }
  EXPECT_EQ(operators_for(FieldType::Integer), "eq, ne, lt, lte, gt, gte, in or is_set");
  EXPECT_EQ(operators_for(FieldType::Set), "has, has_any, has_all, eq, ne or is_set");
}

TEST(Ops, EveryRowCompilesEvaluatesLowersDescribesLintsAndHasASchema) {
  const std::vector<Use> all = uses();
  std::string rules = "theme: t\nrules:\n";
  for (std::size_t k = 0; k < all.size(); ++k) {
    const std::string test =
        "{ " + sample(all[k].type).field + ": { " + std::string(all[k].op->name) + ": " + all[k].operand + " } }";
    rules += rule("r" + std::to_string(k), test) + rule("n" + std::to_string(k), "{ not: " + test + " }");
  }
  const Engine e = mini_engine(rules);
  ASSERT_TRUE(e.branch_free());
  // The program and the tree walk agree; note which rules some profile fires.
  std::vector<bool> ever(e.rules().size(), false);
  std::mt19937_64 rng(13);
  Result r;
  for (int n = 0; n < 5000; ++n) {
    const Profile p = random_profile(e.schema(), rng);
    e.fire(p, r);
    const std::vector<Trace> traces = e.explain(p);
    for (std::size_t i = 0; i < e.rules().size(); ++i) {
      ASSERT_EQ(r.fired.test(i), traces[i].fired) << e.rule(i).id << ": " << describe_condition(e, i);
      ever[i] = ever[i] || traces[i].fired;
      if (!traces[i].fired) {
        EXPECT_FALSE(describe_failure(e, p, traces[i]).empty()) << e.rule(i).id;
      }
    }
  }
  // lint's search is sound: what some profile fires, it never calls impossible.
  const std::vector<LintIssue> issues = lint(e, std::nullopt);
  for (std::size_t i = 0; i < e.rules().size(); ++i) {
    const std::string id = e.rule(i).id;
    const std::string description = describe_condition(e, i);
    const std::size_t k = std::stoul(id.substr(1));
    EXPECT_NE(description.find(sample(all[k].type).field), std::string::npos) << description;
    if (!ever[i]) continue;
    for (const LintIssue& issue : issues) {
      EXPECT_EQ(issue.message.find("rule '" + id + "' can never fire"), std::string::npos) << description;
    }
  }
  // The rule schema offers each operator on the fields it applies to.
  const std::string schema = json_schema(e, "rule").dump();
  for (const Operator& op : operators()) {
    EXPECT_NE(schema.find("\"" + std::string(op.name) + "\""), std::string::npos) << op.name;
  }
}

}  // namespace
}  // namespace limber::testing
