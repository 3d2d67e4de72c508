// Fuzz target: a profile as YAML or JSON, as `recommend` and `batch` read it,
// then evaluated. Any input must give a profile or a limber::Error.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/answer.h"
#include "engine/engine.h"
#include "knowledge/yaml.h"
#include "render/render.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const limber::Engine& e = limber::fuzz::builtin_engine();
  try {
    const limber::yaml::Source src("fuzz.yaml", limber::yaml::strip_bom(limber::fuzz::text(data, size)));
    const limber::yaml::Node doc = limber::yaml::parse_one(src);
    if (doc.is_null()) return 0;
    const limber::Profile p = limber::parse_profile(doc, limber::yaml::Checker(src), e.schema());
    limber::Result r;
    e.evaluate(p, r);
    const limber::Answer a = limber::make_answer(e, p, r);
    (void)limber::render_json(a, false);
    (void)limber::render_markdown(a);
  } catch (const limber::Error&) {
  }
  return 0;
}
