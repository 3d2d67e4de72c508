// The JSON fast path (src/json_record.cpp) against the general path (our
// YAML tree and parse_profile): whenever the fast path takes a record, the
// general path must read exactly the same profile; and it must take the
// ordinary records, or it buys nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>

#include "engine/engine.h"
#include "io/batch.h"
#include "io/json_record.h"
#include "knowledge/knowledge.h"
#include "knowledge/schema.h"
#include "knowledge/yaml.h"
#include "random_profile.h"

namespace limber {
namespace {

const Engine& shipped() {
  static const Engine e(load_knowledge(LoadOptions{}));
  return e;
}

// The general path, as parse_record takes it; nullopt on an error.
std::optional<Profile> general(const std::string& text) {
  try {
    const yaml::Source src("record.jsonl", text);
    const yaml::Node doc = yaml::parse_one(src, record_limits());
    if (doc.is_null()) return std::nullopt;
    return parse_profile(doc, yaml::Checker(src), shipped().schema());
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<Profile> fast(const std::string& text) {
  Profile p;
  if (!read_json_profile(text, shipped().schema(), p)) return std::nullopt;
  return p;
}

// The record reads as `want` by the general path, and by the fast path
// too when it takes it.
void expect_reads_as(const std::string& text, const Profile& want) {
  SCOPED_TRACE(text);
  const auto g = general(text);
  ASSERT_TRUE(g.has_value()) << "the general path rejects the record";
  EXPECT_TRUE(*g == want) << "the general path reads another profile";
  if (const auto f = fast(text)) {
    EXPECT_TRUE(*f == want) << "the fast path reads another profile";
  }
}

const Field& field(std::string_view name) {
  const Schema& schema = shipped().schema();
  return schema.fields[static_cast<std::size_t>(schema.index(name))];
}

// A field's value in a profile the general path read.
std::int64_t value(const Profile& p, std::string_view name) {
  const int i = shipped().schema().index(name);
  EXPECT_TRUE(p.has(i)) << name << " has no value";
  return p.values[static_cast<std::size_t>(i)];
}

// The bits of a set field's values.
std::int64_t bits(std::string_view name, std::initializer_list<std::string_view> values) {
  std::uint64_t b = 0;
  for (const std::string_view v : values) b |= std::uint64_t{1} << field(name).value_index(v);
  return static_cast<std::int64_t>(b);
}

nlohmann::ordered_json to_json(const Profile& p, const Schema& schema, std::mt19937_64& rng) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  std::vector<std::size_t> order(schema.fields.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  for (const std::size_t i : order) {
    const Field& f = schema.fields[i];
    if (((p.given >> i) & 1u) == 0) continue;
    const std::int64_t v = p.values[i];
    switch (f.type) {
      case FieldType::String:
        j[f.name] = static_cast<int>(i) == schema.id ? p.id : p.texts[static_cast<std::size_t>(v)];
        break;
      case FieldType::Integer: j[f.name] = v; break;
      case FieldType::Bool: j[f.name] = v != 0; break;
      case FieldType::Enum: j[f.name] = f.values[static_cast<std::size_t>(v)].name; break;
      case FieldType::Set: j[f.name] = set_names(f, static_cast<std::uint64_t>(v)); break;
    }
  }
  return j;
}

TEST(JsonRecord, RandomProfilesTakeTheFastPathAndReadAsTheGeneralPathDoes) {
  const Schema& schema = shipped().schema();
  std::mt19937_64 rng(20261121);
  for (int n = 0; n < 20000; ++n) {
    Profile p = testing::random_profile(schema, rng);
    store_value(p, schema, schema.id, 0, "p" + std::to_string(n));
    const nlohmann::ordered_json json = to_json(p, schema, rng);
    // One line, as in JSONL: the fast path takes it.
    const std::string text = json.dump();
    ASSERT_TRUE(fast(text).has_value()) << text;
    expect_reads_as(text, p);
    // Spread over lines: whichever path takes it, the same profile.
    if (n % 10 == 0) expect_reads_as(json.dump(1), p);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(JsonRecord, OrdinaryRecordsTakeTheFastPath) {
  for (const std::string text : {
           R"({"id":"p1","age":54,"pain_areas":["lower_back","hips"],"improving":false,"sitting_hours":9})",
           R"({ "id" : "José", "minutes" : 10 , "history" : [ ] })",
           R"({"pain_areas":[" neck ","none",""],"age":null})", R"({})",
           "{\"id\":\"crlf\"}\r\n",  // a line end after the record
       }) {
    const auto f = fast(text);
    ASSERT_TRUE(f.has_value()) << text;
    expect_reads_as(text, *f);
  }
  // What the first one reads, field by field.
  const auto p = fast(R"({"id":"p1","age":54,"pain_areas":["lower_back","hips"],"improving":false})");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->id, "p1");
  EXPECT_EQ(value(*p, "age"), 54);
  EXPECT_EQ(value(*p, "pain_areas"), bits("pain_areas", {"lower_back", "hips"}));
  EXPECT_EQ(value(*p, "improving"), 0);
}

// Each record the fast path must leave alone, and what the general path
// then makes of it: a profile (checked by `read`) or an error (no `read`).
struct Unusual {
  std::string text;
  std::function<void(const Profile&)> read;  // empty: the general path rejects it
};

std::function<void(const Profile&)> reads_id(std::string id) {
  return [id = std::move(id)](const Profile& p) { EXPECT_EQ(p.id, id); };
}
std::function<void(const Profile&)> reads(std::string_view name, std::int64_t want) {
  return [name, want](const Profile& p) { EXPECT_EQ(value(p, name), want); };
}

TEST(JsonRecord, AnythingUnusualIsLeftToTheGeneralPath) {
  const std::vector<Unusual> records = {
      {R"({"id":"a\"b"})", reads_id("a\"b")},        // an escape
      {R"({"id":"\u00e9"})", reads_id("\xC3\xA9")},  // a unicode escape
      {R"({"age":54,"age":55})", {}},                // a duplicate key
      {R"({"agee":54})", {}},                        // an unknown field
      {R"({"age":"54"})", {}},                       // a number in quotes
      {R"({"age":54.0})", {}},                       // not a whole number
      {R"({"age":1e2})", {}},                        // an exponent
      {R"({"age":-0})", {}},                         // a negative zero (below 10)
      {R"({"age":99999999999999999999})", {}},       // beyond 64 bits
      {R"({"age":-1})", {}},                         // out of range
      {R"({"improving":"yes"})", {}},                // a bool as text
      {R"({"pain_areas":"lower_back;hips"})",
       reads("pain_areas", bits("pain_areas", {"lower_back", "hips"}))},  // a set as text
      {R"({"pain_areas":["lower_back",1]})", {}},                         // a number in a set
      {R"({"pain_areas":[["neck"]]})", {}},                               // nested
      {R"({"pain_areas":["elbow"]})", {}},                                // an unknown value
      {"{\"age\":54,\"symptoms\"\r:[\"stiffness\"]}", {}},                // a CR before ':' (found by fuzz_json_record)
      {"{\"age\":54,\"symptoms\"\n:[\"stiffness\"]}", {}},                // a LF before ':'
      {"{\"age\":\t54}", reads("age", 54)},                               // a tab between tokens
      {R"({"id":"x"} trailing)", {}},                                     // trailing text
      {R"({"id":"x")", {}},                                               // unterminated
      {R"(["id"])", {}},                                                  // not an object
      {"{\"id\":\"a\xC2\x85"
       "b\"}",
       reads_id("a\xC2\x85"
                "b")},  // NEL, a YAML 1.1 line break
      {"{\"id\":\"a\xE2\x80\xA8"
       "b\"}",
       reads_id("a\xE2\x80\xA8"
                "b")},  // LINE SEPARATOR
      {"{\"id\":\"\xEF\xBB\xBF"
       "b\"}",
       reads_id("\xEF\xBB\xBF"
                "b")},                // a byte-order mark inside
      {"{\"id\":\"\xC3\x28\"}", {}},  // invalid UTF-8
  };
  for (const Unusual& u : records) {
    SCOPED_TRACE(u.text);
    EXPECT_FALSE(fast(u.text).has_value());
    const auto g = general(u.text);
    if (!u.read) {
      EXPECT_FALSE(g.has_value()) << "the general path reads a record it must reject";
      continue;
    }
    ASSERT_TRUE(g.has_value()) << "the general path rejects the record";
    u.read(*g);
  }
}

TEST(JsonRecord, ValuesBeyondTheFastLimitsAreLeftToTheGeneralPath) {
  std::string many = R"({"pain_areas":[)";
  for (int i = 0; i < 20000; ++i) many += i == 0 ? R"("neck")" : R"(,"neck")";
  many += "]}";
  EXPECT_FALSE(fast(many).has_value());
  EXPECT_FALSE(general(many).has_value()) << "the general path's node limit holds";
  const std::string big = R"({"id":")" + std::string(100000, 'x') + R"("})";
  EXPECT_FALSE(fast(big).has_value());
  EXPECT_TRUE(general(big).has_value());
}

// A JSON file of profiles, as `limber batch` reads it by the general path;
// nullopt when any profile in it is an error.
std::optional<std::vector<Profile>> general_file(const std::string& text) {
  try {
    yaml::Limits limits;
    limits.max_nodes = 50'000'000;
    const yaml::Source src("people.json", text);
    const std::vector<yaml::Node> docs = yaml::parse_all(src, limits);
    std::vector<Profile> out;
    if (docs.empty()) return out;
    if (docs.size() > 1) return std::nullopt;  // more after the JSON value
    const yaml::Node& root = docs.front();
    if (root.is_sequence()) {
      for (const yaml::Node& item : root.children)
        out.push_back(parse_profile(item, yaml::Checker(src), shipped().schema()));
    } else {
      out.push_back(parse_profile(root, yaml::Checker(src), shipped().schema()));
    }
    return out;
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<std::vector<Profile>> fast_file(const std::string& text) {
  const auto records = split_json_profiles(text, shipped().schema());
  if (!records) return std::nullopt;
  std::vector<Profile> out;
  for (const std::string& r : *records) {
    Profile p;
    EXPECT_TRUE(read_json_profile(r, shipped().schema(), p)) << "a split record must read back: " << r;
    out.push_back(std::move(p));
  }
  return out;
}

// The file reads as `want` by the general path, and by the fast path too
// when it takes it.
void expect_file_reads_as(const std::string& text, const std::vector<Profile>& want) {
  SCOPED_TRACE(text.substr(0, 400));
  const auto g = general_file(text);
  ASSERT_TRUE(g.has_value()) << "the general path rejects the file";
  EXPECT_TRUE(*g == want) << "the general path reads other profiles";
  if (const auto f = fast_file(text)) {
    EXPECT_TRUE(*f == want) << "the fast path reads other profiles";
  }
}

TEST(JsonRecord, JsonFilesOfProfilesTakeTheFastPathAndReadAsTheGeneralPathDoes) {
  const Schema& schema = shipped().schema();
  std::mt19937_64 rng(20261122);
  int taken = 0;
  int odd_read = 0;
  for (int n = 0; n < 600; ++n) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    const int count = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int k = 0; k < count; ++k) array.push_back(to_json(testing::random_profile(schema, rng), schema, rng));
    // The usual layouts: compact, pretty, one record per line.
    std::string per_line = "[\n";
    for (std::size_t k = 0; k < array.size(); ++k) per_line += (k == 0 ? "" : ",\n") + array[k].dump();
    per_line += "\n]\n";
    const auto want = general_file(array.dump());
    ASSERT_TRUE(want.has_value()) << array.dump();
    ASSERT_EQ(want->size(), array.size());
    for (const std::string& text : {array.dump(), array.dump(2), array.dump(1) + "\n", per_line}) {
      const auto f = fast_file(text);
      ASSERT_TRUE(f.has_value()) << text.substr(0, 400);
      ++taken;
      expect_file_reads_as(text, *want);
    }
    // Line breaks and spaces at random token edges: taken or not, never different.
    std::string odd = array.dump();
    for (int k = 0; k < 4 && !odd.empty(); ++k) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, odd.size() - 1)(rng);
      if (std::string_view(",:[]{}").find(odd[at]) == std::string_view::npos) continue;
      odd.insert(at + std::uniform_int_distribution<std::size_t>(0, 1)(rng), k % 2 == 0 ? "\n" : " \n ");
    }
    {
      SCOPED_TRACE(odd.substr(0, 400));
      const auto g = general_file(odd);
      const auto f = fast_file(odd);
      if (f) {
        ASSERT_TRUE(g.has_value()) << "the fast path took a file the general path rejects";
        EXPECT_TRUE(*f == *want) << "the fast path reads other profiles";
      }
      // The general path refuses a line break between a key and its ':'.
      if (g) {
        EXPECT_TRUE(*g == *want) << "the general path reads other profiles";
        ++odd_read;
      }
    }
    // One object alone is one profile.
    if (!array.empty()) expect_file_reads_as(array[0].dump(2), {want->front()});
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_EQ(taken, 2400);
  EXPECT_GT(odd_read, 300) << "too few of the files with odd line breaks were read to compare";
}

// A profile with these ages, nothing else given.
std::vector<Profile> with_ages(std::initializer_list<int> ages) {
  std::vector<Profile> out;
  for (const int age : ages) {
    const auto p = general(fmt::format(R"({{"age": {}}})", age));
    EXPECT_TRUE(p.has_value());
    if (p) out.push_back(*p);
  }
  return out;
}

TEST(JsonRecord, JsonFilesTheGeneralPathMustReadAreLeftToIt) {
  const std::vector<Profile> two = with_ages({40, 41});
  const std::vector<Profile> one = with_ages({40});
  ASSERT_EQ(two.size(), 2u);
  const std::vector<std::pair<std::string, std::vector<Profile>>> read = {
      {"[{\"age\": 40}\n, {\"age\": 41}]", two},   // a line break before ','
      {"[{\"age\":\n 40}]", one},                  // after ':'
      {"[{\"age\": 40},\t{\"age\": 41}]", two},    // a tab
      {"[{\"age\": 40},\r\n{\"age\": 41}]", two},  // a CR
  };
  for (const auto& [text, want] : read) {
    EXPECT_FALSE(fast_file(text).has_value()) << text;
    expect_file_reads_as(text, want);
  }
  const auto escaped = general_file("[{\"id\": \"a\\\"b\"}]");  // an escape
  EXPECT_FALSE(fast_file("[{\"id\": \"a\\\"b\"}]").has_value());
  ASSERT_TRUE(escaped.has_value());
  ASSERT_EQ(escaped->size(), 1u);
  EXPECT_EQ(escaped->front().id, "a\"b");
  for (const char* text : {
           "[{\"age\": 40}, {\"age\": 5}]",  // one profile is an error
           "[{\"age\": 40}, 7]",             // not an object
           "[{\"age\": 40}] trailing",       // trailing text
           "[{\"age\"\n: 40}]",              // a line break before ':' (a YAML key is on one line)
       }) {
    EXPECT_FALSE(fast_file(text).has_value()) << text;
    EXPECT_FALSE(general_file(text).has_value()) << text;
  }
  // White space only between the records and around the array is fine.
  EXPECT_TRUE(fast_file("\n  [\n  {\"age\": 40} ,\n\n  {}\n  ]\n\n").has_value());
}

}  // namespace
}  // namespace limber
