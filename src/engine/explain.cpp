// The tracer beside the evaluator: for `explain`, which rules fired and,
// for each that did not, the node of its condition that failed first. It
// records where, not words: render/describe.h puts a trace in words.
#include "engine/engine.h"

namespace limber {

std::uint32_t Engine::first_failure(std::uint32_t node, const Profile& p, std::uint64_t facts) const {
  if (eval(node, p, facts)) return kAlways;
  const Node& n = conds_.nodes[node];
  if (n.op == Op::All) {
    for (const std::uint32_t kid : conds_.kids_of(n)) {
      const std::uint32_t failed = first_failure(kid, p, facts);
      if (failed != kAlways) return failed;
    }
    return kAlways;
  }
  // Any (none held), Not (what it negates holds), Fact (not derived), Test.
  return node;
}

std::vector<Trace> Engine::explain(const Profile& profile) const {
  std::vector<Trace> out;
  std::uint64_t facts = 0;
  for (const CompiledRule& r : rules_) {
    Trace t;
    t.fired = r.condition == kAlways || eval(r.condition, profile, facts);
    if (t.fired) {
      facts |= r.derives;
    } else {
      t.failed = first_failure(r.condition, profile, facts);
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace limber
