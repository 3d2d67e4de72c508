// Fuzz target: a rule file added to the shipped rules, loaded and compiled,
// then profiles evaluated against it. Loading must end in an engine or a
// limber::Error, and the branch-free program fire() runs must fire exactly
// the rules the condition trees (explain) say, for every profile.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "knowledge/rules.h"
#include "knowledge/yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const limber::yaml::Source src("fuzz.yaml", limber::fuzz::text(data, size));
    const limber::yaml::Node doc = limber::yaml::parse_one(src);
    if (doc.is_null()) return 0;
    limber::KnowledgeBase kb = limber::fuzz::builtin_knowledge();
    for (limber::Rule& r : limber::parse_rule_file(doc, limber::yaml::Checker(src))) kb.rules.push_back(std::move(r));
    const limber::Engine engine(std::move(kb));
    const limber::Schema& schema = engine.schema();
    const std::vector<std::vector<std::string>> profiles = {
        {}, {"pain_areas=lower_back;neck"}, {"age=70", "improving=false", "pain_days=100", "equipment=chair"}};
    for (const std::vector<std::string>& assignments : profiles) {
      limber::Profile p = limber::default_profile(schema);
      for (const std::string& a : assignments) limber::apply_assignment(p, schema, a);
      limber::Result r;
      engine.evaluate(p, r);
      const std::vector<limber::Trace> traces = engine.explain(p);
      for (std::size_t i = 0; i < traces.size(); ++i) {
        if (r.fired.test(i) != traces[i].fired) __builtin_trap();
      }
    }
  } catch (const limber::Error&) {
  }
  return 0;
}
