// Firing the rules for one profile: the branch-free program, or the tree walk.
#include <array>

#include "engine/engine.h"
#include "engine/ops.h"

namespace limber {

bool Engine::eval(std::uint32_t node, const Profile& p, std::uint64_t facts) const {
  const Node& n = conds_.nodes[node];
  switch (n.op) {
    case Op::All:
      for (const std::uint32_t kid : conds_.kids_of(n)) {
        if (!eval(kid, p, facts)) return false;
      }
      return true;
    case Op::Any:
      for (const std::uint32_t kid : conds_.kids_of(n)) {
        if (eval(kid, p, facts)) return true;
      }
      return false;
    case Op::Not: return !eval(conds_.kids[n.begin], p, facts);
    case Op::Fact: return (facts & n.mask) != 0;
    case Op::Test: return operators()[n.test].eval(Test{n, conds_.ints_of(n)}, p);
  }
  return false;
}

void Engine::fire(const Profile& profile, Result& out) const {
  if (!branch_free_) {
    fire_tree(profile, out);
    return;
  }
  using program::Gate;
  using program::MaskLeaf;
  using program::RangeLeaf;
  std::array<std::uint8_t, program::kMaxSlots> slot;  // NOLINT: every slot read is written first (build_program)
  slot[program::kFalseSlot] = 0;
  slot[program::kTrueSlot] = 1;
  for (const RangeLeaf& l : program_.range_leaves) {
    const std::uint64_t present = (profile.present >> l.field) & 1u;
    const std::uint64_t v = program::u64(profile.values[l.field]);
    slot[l.slot] = static_cast<std::uint8_t>(present & ((v - l.lo <= l.span) ^ l.inv));
  }
  for (const MaskLeaf& l : program_.mask_leaves) {
    const std::uint64_t present = (profile.present >> l.field) & 1u;
    const std::uint64_t v = program::u64(profile.values[l.field]);
    // A set's bits when given (else empty); an enum's value as one bit.
    const std::uint64_t x = l.is_enum != 0 ? present << (v & 63u) : v & (0 - present);
    slot[l.slot] = static_cast<std::uint8_t>(((x & l.m1) == l.m2) ^ l.inv);
  }
  for (const std::uint16_t f : program_.fact_slots) slot[f] = 0;
  for (const Gate& g : program_.gates) {
    slot[g.dst] = static_cast<std::uint8_t>(((slot[g.a] ^ g.na) & (slot[g.b] ^ g.nb)) ^ g.nd);
  }
  out.fired.clear();
  std::uint64_t facts = 0;
  const std::vector<program::Literal>& literals = program_.rule_literals;
  for (std::size_t i = 0; i < literals.size(); ++i) {
    const std::uint64_t fired = slot[literals[i].slot] ^ literals[i].neg;
    out.fired.words[i >> 6] |= fired << (i & 63);
    facts |= rules_[i].derives & (0 - fired);
  }
  out.facts = facts;
}

void Engine::fire_tree(const Profile& profile, Result& out) const {
  out.fired.clear();
  std::uint64_t facts = 0;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule& r = rules_[i];
    if (r.condition == kAlways || eval(r.condition, profile, facts)) {
      out.fired.set(i);
      facts |= r.derives;
    }
  }
  out.facts = facts;
}

void Engine::evaluate(const Profile& profile, Result& out) const {
  fire(profile, out);
  assemble(profile, out);
}

}  // namespace limber
