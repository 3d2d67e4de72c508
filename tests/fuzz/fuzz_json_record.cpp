// Fuzz target, differential: the JSON fast path against the general path.
// Whenever read_json_profile takes a record, the general path (our YAML
// tree, then parse_profile, with the same per-record limits) must read it
// without error and to the same profile. Anything else aborts.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "batch.h"
#include "json_record.h"
#include "yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const limber::Schema& schema = limber::fuzz::builtin_engine().schema();
  const std::string text = limber::fuzz::text(data, size);
  limber::Profile fast;
  if (!limber::read_json_profile(text, schema, fast)) return 0;
  try {
    const limber::yaml::Source src("fuzz.jsonl", text);
    const limber::yaml::Node doc = limber::yaml::parse_one(src, limber::record_limits());
    if (doc.is_null()) std::abort();
    const limber::Profile general = limber::parse_profile(doc, limber::yaml::Checker(src), schema);
    if (!(general == fast)) std::abort();
  } catch (const limber::Error&) {
    std::abort();  // the fast path took a record the general path rejects
  }
  return 0;
}
