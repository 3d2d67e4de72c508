// Fuzz target: a rule file added to the shipped rules, loaded and compiled,
// then a profile evaluated against it. Loading must end in an engine or a
// limber::Error.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine.h"
#include "rules.h"
#include "yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const limber::yaml::Source src("fuzz.yaml", limber::fuzz::text(data, size));
    const limber::yaml::Node doc = limber::yaml::parse_one(src);
    if (doc.is_null()) return 0;
    limber::KnowledgeBase kb = limber::fuzz::builtin_knowledge();
    for (limber::Rule& r : limber::parse_rule_file(doc, limber::yaml::Checker(src))) kb.rules.push_back(std::move(r));
    const limber::Engine engine(std::move(kb));
    limber::Profile p = limber::default_profile(engine.schema());
    limber::apply_assignment(p, engine.schema(), "pain_areas=lower_back;neck");
    limber::Result r;
    engine.evaluate(p, r);
    (void)engine.explain(p);
  } catch (const limber::Error&) {
  }
  return 0;
}
