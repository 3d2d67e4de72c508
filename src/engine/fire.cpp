// Firing the rules for one profile: the branch-free program, or the tree walk.
#include "engine/engine.h"

namespace limber {

bool Engine::eval(std::uint32_t node, const Profile& p, std::uint64_t facts) const {
  const Node& n = nodes_[node];
  const auto v = p.values[n.field];
  const bool present = p.has(n.field);
  switch (n.op) {
    case Op::All:
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (!eval(kids_[k], p, facts)) return false;
      }
      return true;
    case Op::Any:
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (eval(kids_[k], p, facts)) return true;
      }
      return false;
    case Op::Not: return !eval(kids_[n.begin], p, facts);
    case Op::Fact: return (facts & n.mask) != 0;
    case Op::IntEq: return present && v == n.value;
    case Op::IntNe: return present && v != n.value;
    case Op::IntLt: return present && v < n.value;
    case Op::IntLte: return present && v <= n.value;
    case Op::IntGt: return present && v > n.value;
    case Op::IntGte: return present && v >= n.value;
    case Op::IntIn:
      if (!present) return false;
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (ints_[k] == v) return true;
      }
      return false;
    case Op::EnumIn: return present && ((n.mask >> v) & 1u) != 0;
    // An unset set is the empty set.
    case Op::SetAny: return (p.set_bits(n.field) & n.mask) != 0;
    case Op::SetAll: return (p.set_bits(n.field) & n.mask) == n.mask;
    case Op::SetEq: return p.set_bits(n.field) == n.mask;
    case Op::SetNe: return p.set_bits(n.field) != n.mask;
    case Op::IsSet: return present;
    case Op::IsUnset: return !present;
  }
  return false;
}

void Engine::fire(const Profile& profile, Result& out) const {
  if (!program_) {
    fire_tree(profile, out);
    return;
  }
  std::array<std::uint8_t, kMaxSlots> slot;  // NOLINT: every slot read is written first (build_program)
  slot[kFalseSlot] = 0;
  slot[kTrueSlot] = 1;
  for (const RangeLeaf& l : range_leaves_) {
    const std::uint64_t present = (profile.present >> l.field) & 1u;
    const std::uint64_t v = program::u64(profile.values[l.field]);
    slot[l.slot] = static_cast<std::uint8_t>(present & ((v - l.lo <= l.span) ^ l.inv));
  }
  for (const MaskLeaf& l : mask_leaves_) {
    const std::uint64_t present = (profile.present >> l.field) & 1u;
    const std::uint64_t v = program::u64(profile.values[l.field]);
    // A set's bits when given (else empty); an enum's value as one bit.
    const std::uint64_t x = l.is_enum != 0 ? present << (v & 63u) : v & (0 - present);
    slot[l.slot] = static_cast<std::uint8_t>(((x & l.m1) == l.m2) ^ l.inv);
  }
  for (const std::uint16_t f : fact_slots_) slot[f] = 0;
  for (const Gate& g : gates_) {
    slot[g.dst] = static_cast<std::uint8_t>(((slot[g.a] ^ g.na) & (slot[g.b] ^ g.nb)) ^ g.nd);
  }
  out.fired.clear();
  std::uint64_t facts = 0;
  for (std::size_t i = 0; i < rule_literals_.size(); ++i) {
    const std::uint64_t fired = slot[rule_literals_[i].slot] ^ rule_literals_[i].neg;
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
