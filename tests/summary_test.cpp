// The batch summary: groups (--by, --bands), quantiles, the error table,
// and counts that do not depend on how the records were shared out.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/summary.h"
#include "support.h"

namespace limber::testing {
namespace {

TEST(GroupBy, IntegerBandsFromTheBoundsGiven) {
  const Schema& schema = builtin_engine().schema();
  const GroupBy by(schema, "age", parse_bands("18,40,65"));
  EXPECT_EQ(by.labels(), (std::vector<std::string>{"under 18", "18-39", "40-64", "65+", "not given"}));
  std::vector<std::size_t> g;
  auto group_of = [&](const char* age) {
    Profile p = default_profile(schema);
    if (age != nullptr) {
      EXPECT_FALSE(assign_text(p, schema, schema.index("age"), age));
    }
    by.groups_of(p, g);
    EXPECT_EQ(g.size(), 1u);
    return by.labels()[g[0]];
  };
  EXPECT_EQ(group_of("10"), "under 18");
  EXPECT_EQ(group_of("17"), "under 18");
  EXPECT_EQ(group_of("18"), "18-39");
  EXPECT_EQ(group_of("39"), "18-39");
  EXPECT_EQ(group_of("40"), "40-64");
  EXPECT_EQ(group_of("120"), "65+");
  EXPECT_EQ(group_of(nullptr), "not given");
  // Bounds starting at the field's minimum make no "under" band.
  EXPECT_EQ(GroupBy(schema, "age", parse_bands("10,50")).labels(),
            (std::vector<std::string>{"10-49", "50+", "not given"}));
}

TEST(GroupBy, ASetFieldCountsEachValueAndNone) {
  const Schema& schema = builtin_engine().schema();
  const GroupBy by(schema, "pain_areas");
  EXPECT_EQ(by.labels().back(), "not given");
  EXPECT_EQ(by.labels()[by.labels().size() - 2], "none");
  Profile p = default_profile(schema);
  ASSERT_FALSE(assign_text(p, schema, schema.index("pain_areas"), "neck;hips"));
  std::vector<std::size_t> g;
  by.groups_of(p, g);
  std::vector<std::string> names;
  for (const std::size_t i : g) names.push_back(by.labels()[i]);
  EXPECT_EQ(names, (std::vector<std::string>{"neck", "hips"}));
  ASSERT_FALSE(assign_text(p, schema, schema.index("pain_areas"), "none"));
  by.groups_of(p, g);
  EXPECT_EQ(by.labels()[g.at(0)], "none");
}

TEST(GroupBy, RefusesWhatCannotBeGrouped) {
  const Schema& schema = builtin_engine().schema();
  EXPECT_NE(error_of([&] { GroupBy(schema, "pain_area"); }).find("did you mean 'pain_areas'"), std::string::npos);
  EXPECT_NE(error_of([&] { GroupBy(schema, "id"); }).find("free text"), std::string::npos);
  EXPECT_NE(error_of([&] { GroupBy(schema, "age"); }).find("--bands"), std::string::npos);
  EXPECT_NE(error_of([&] { GroupBy(schema, "neck", {}); }).find("unknown field"), std::string::npos);
  EXPECT_NE(error_of([&] { GroupBy(schema, "pain_areas", {1, 2}); }).find("not a number field"), std::string::npos);
  EXPECT_NE(error_of([] { parse_bands("18,x"); }).find("'x' is not a whole number"), std::string::npos);
  EXPECT_NE(error_of([] { parse_bands("40,18"); }).find("18 does not come after 40"), std::string::npos);
  // A field with few values is grouped by each value without bands.
  EXPECT_EQ(GroupBy(schema, "pain_intensity").labels().size(), 12u);
  // A diary's fact is no field of a batch profile.
  EXPECT_NE(error_of([&] { GroupBy(schema, "level"); }).find("read from a diary"), std::string::npos);
  EXPECT_EQ(error_of([&] { GroupBy(schema, "sight"); }).find("level"), std::string::npos);
}

TEST(GroupBy, AKeptColumnByItsText) {
  const Schema& schema = builtin_engine().schema();
  const std::vector<std::string> kept = {"clinic", "Site"};
  EXPECT_EQ(GroupBy(schema, "site", {}, kept).column(), 1);  // as the header spells it or not
  EXPECT_EQ(GroupBy(schema, "age", parse_bands("40"), kept).column(), -1);
  EXPECT_NE(error_of([&] { GroupBy(schema, "site", {40}, kept); }).find("kept column"), std::string::npos);
  EXPECT_NE(error_of([&] { GroupBy(schema, "sit", {}, kept); }).find("or a kept column (clinic, Site)"),
            std::string::npos);
  EXPECT_NE(error_of([&] { GroupBy(schema, "site"); }).find("with --keep-columns"), std::string::npos);
}

TEST(Summary, AKeptColumnsGroupsMergeByLabelInOrder) {
  const Engine& engine = builtin_engine();
  const GroupBy by(engine.schema(), "site", {}, {"site"});
  Profile p = default_profile(engine.schema());
  Result r;
  engine.evaluate(p, r);
  BatchSummary a(engine, &by), b(engine, &by), all(engine, &by);
  a.add(p, r, "North");
  a.add(p, r, " ");
  b.add(p, r, "East");
  b.add(p, r, "North");
  all.merge(b);
  all.merge(a);
  EXPECT_EQ(all.group_labels(), (std::vector<std::string>{"East", "North", "not given"}));
  ASSERT_EQ(all.groups().size(), 3u);
  EXPECT_EQ(all.groups()[1].records, 2u);
  EXPECT_EQ(all.groups()[0].records + all.groups()[2].records, 2u);
  EXPECT_EQ(all.all().records, 4u);
}

TEST(Summary, QuantilesByNearestRank) {
  std::vector<std::uint64_t> h(11, 0);
  for (const int v : {1, 2, 3, 4, 10}) ++h[static_cast<std::size_t>(v)];
  EXPECT_EQ(quantile(h, 0.0), 1);
  EXPECT_EQ(quantile(h, 0.25), 2);
  EXPECT_EQ(quantile(h, 0.5), 3);
  EXPECT_EQ(quantile(h, 0.75), 4);
  EXPECT_EQ(quantile(h, 1.0), 10);
  EXPECT_EQ(quantile(std::vector<std::uint64_t>(5, 0), 0.5), -1);
}

TEST(Summary, ErrorTablesKeepTheFirstLinesWhateverTheMergeOrder) {
  ErrorTable a, b, c;
  for (std::uint64_t i = 0; i < 20; ++i) {
    ErrorTable& t = i % 3 == 0 ? a : i % 3 == 1 ? b : c;
    t.add(i % 2 == 0 ? "'age' must be from 10 to 120, not 200" : "'age' must be from 10 to 120, not 5",
          ErrorPlace{i, "f.csv:" + std::to_string(i + 2)});
  }
  ErrorTable one = c, two = a;
  one.merge(b);
  one.merge(a);
  two.merge(c);
  two.merge(b);
  for (const ErrorTable* t : {&one, &two}) {
    ASSERT_EQ(t->kinds.size(), 1u);
    const ErrorTable::Kind& k = t->kinds.begin()->second;
    EXPECT_EQ(k.count, 20u);
    const ErrorTable::Message& m = k.messages.at("'age' must be from 10 to 120, not 200");
    EXPECT_EQ(m.count, 10u);
    std::vector<std::string> where;
    for (const ErrorPlace& p : m.first) where.push_back(p.where);
    EXPECT_EQ(where, (std::vector<std::string>{"f.csv:2", "f.csv:4", "f.csv:6", "f.csv:8", "f.csv:10"}));
  }
}

TEST(Summary, CountsAddUpAcrossWorkersAndGroups) {
  const Engine& engine = builtin_engine();
  const Schema& schema = engine.schema();
  const GroupBy by(schema, "pain_areas");
  BatchSummary whole(engine, &by), left(engine, &by), right(engine, &by);
  std::mt19937 rng(3);
  Result r;
  for (int i = 0; i < 400; ++i) {
    Profile p = default_profile(schema);
    const char* areas[] = {"neck", "lower_back;hips", "none", "shoulders;neck"};
    ASSERT_FALSE(assign_text(p, schema, schema.index("pain_areas"), areas[rng() % 4]));
    if (rng() % 10 == 0) {
      ASSERT_FALSE(assign_text(p, schema, schema.index("red_flags"), "fever"));
    }
    engine.evaluate(p, r);
    whole.add(p, r);
    (i % 2 == 0 ? left : right).add(p, r);
  }
  left.merge(right);
  EXPECT_EQ(left.text(), whole.text());
  EXPECT_EQ(left.json(), whole.json());
  EXPECT_EQ(whole.all().records, 400u);
  std::uint64_t stops = 0;
  for (std::size_t g = 0; g < by.labels().size(); ++g) stops += whole.groups()[g].by_status[2];
  EXPECT_GE(stops, whole.all().by_status[2]);  // a person in two groups counts in both
  EXPECT_GT(whole.all().by_urgency[1], 0u);    // fever: urgent
  EXPECT_NE(whole.text().find("By pain_areas"), std::string::npos);
  EXPECT_NE(whole.csv().find("\npain_areas,neck,status,stop,"), std::string::npos);
}

}  // namespace
}  // namespace limber::testing
