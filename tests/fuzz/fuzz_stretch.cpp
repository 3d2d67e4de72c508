// Fuzz target: a stretch file, as the catalogue loader reads it.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "knowledge/catalogue.h"
#include "knowledge/knowledge.h"
#include "knowledge/yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const limber::yaml::Source src("fuzz.yaml", limber::fuzz::text(data, size));
    const limber::yaml::Node doc = limber::yaml::parse_one(src);
    if (doc.is_null()) return 0;
    (void)limber::parse_stretch(doc, limber::yaml::Checker(src), limber::fuzz::builtin_knowledge().schema);
  } catch (const limber::Error&) {
  }
  return 0;
}
