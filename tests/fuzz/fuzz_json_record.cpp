// Fuzz target, differential: the JSON fast paths against the general path.
// Whenever read_json_profile takes a record, the general path (our YAML
// tree, then parse_profile, with the same per-record limits) must read it
// without error and to the same profile. Whenever split_json_profiles
// takes a whole JSON file, the general path must read that file to the same
// profiles, in order. Anything else aborts.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/batch.h"
#include "io/json_record.h"
#include "knowledge/yaml.h"

namespace {

void check_record(const std::string& text, const limber::Schema& schema) {
  limber::Profile fast;
  if (!limber::read_json_profile(text, schema, fast)) return;
  try {
    const limber::yaml::Source src("fuzz.jsonl", text);
    const limber::yaml::Node doc = limber::yaml::parse_one(src, limber::record_limits());
    if (doc.is_null()) std::abort();
    const limber::Profile general = limber::parse_profile(doc, limber::yaml::Checker(src), schema);
    if (!(general == fast)) std::abort();
  } catch (const limber::Error&) {
    std::abort();  // the fast path took a record the general path rejects
  }
}

void check_file(const std::string& text, const limber::Schema& schema) {
  const auto records = limber::split_json_profiles(text, schema);
  if (!records) return;
  std::vector<limber::Profile> fast;
  for (const std::string& r : *records) {
    limber::Profile p;
    if (!limber::read_json_profile(r, schema, p)) std::abort();  // a split record must read back
    fast.push_back(std::move(p));
  }
  try {
    limber::yaml::Limits limits;
    limits.max_nodes = 50'000'000;  // as batch reads a JSON file
    const limber::yaml::Source src("fuzz.json", text);
    const std::vector<limber::yaml::Node> docs = limber::yaml::parse_all(src, limits);
    std::vector<limber::Profile> general;
    if (!docs.empty()) {
      const limber::yaml::Node& root = docs.front();
      if (root.is_sequence()) {
        for (const limber::yaml::Node& item : root.children) {
          general.push_back(limber::parse_profile(item, limber::yaml::Checker(src), schema));
        }
      } else {
        general.push_back(limber::parse_profile(root, limber::yaml::Checker(src), schema));
      }
    }
    if (general != fast) std::abort();
  } catch (const limber::Error&) {
    std::abort();  // the fast path took a file the general path rejects
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const limber::Schema& schema = limber::fuzz::builtin_engine().schema();
  const std::string text = limber::fuzz::text(data, size);
  check_record(text, schema);
  check_file(text, schema);
  return 0;
}
