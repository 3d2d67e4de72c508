// Lowering the condition trees into fire()'s branch-free program.
#include <bit>
#include <limits>

#include "engine/engine.h"

namespace limber {

namespace {

struct ProgramTooBig {};

constexpr std::int64_t kMinInt = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

}  // namespace

std::uint16_t Engine::new_slot() {
  if (slots_ == kMaxSlots) throw ProgramTooBig{};
  return static_cast<std::uint16_t>(slots_++);
}

template <class Leaf>
Engine::Literal Engine::leaf(std::vector<Leaf>& leaves, Leaf l) {
  // The same test twice shares one slot.
  for (const Leaf& have : leaves) {
    Leaf probe = have;
    probe.slot = 0;
    if (probe == l) return {have.slot, 0};
  }
  l.slot = new_slot();
  leaves.push_back(l);
  return {l.slot, 0};
}

Engine::Literal Engine::gate(Literal a, Literal b) {
  const std::uint16_t dst = new_slot();
  gates_.push_back(Gate{a.slot, b.slot, dst, a.neg, b.neg, 0});
  return {dst, 0};
}

Engine::Literal Engine::lower(std::uint32_t node) {
  const Node& n = nodes_[node];
  auto negate = [](Literal l) { return Literal{l.slot, static_cast<std::uint8_t>(l.neg ^ 1u)}; };
  // any(x...) = not all(not x...)
  auto any_of = [&](const std::vector<Literal>& lits) {
    if (lits.empty()) return Literal{kFalseSlot, 0};
    Literal acc = negate(lits[0]);
    for (std::size_t k = 1; k < lits.size(); ++k) acc = gate(acc, negate(lits[k]));
    return negate(acc);
  };
  auto range = [&](std::int64_t lo, std::int64_t hi, bool inv) {
    return leaf(range_leaves_, RangeLeaf{program::u64(lo), program::u64(hi) - program::u64(lo), 0, n.field,
                                         static_cast<std::uint8_t>(inv)});
  };
  auto mask = [&](std::uint64_t m1, std::uint64_t m2, bool inv, bool is_enum = false) {
    return leaf(mask_leaves_,
                MaskLeaf{m1, m2, 0, n.field, static_cast<std::uint8_t>(is_enum), static_cast<std::uint8_t>(inv)});
  };
  switch (n.op) {
    case Op::All: {
      if (n.begin == n.end) return Literal{kTrueSlot, 0};
      Literal acc = lower(kids_[n.begin]);
      for (std::uint32_t k = n.begin + 1; k < n.end; ++k) acc = gate(acc, lower(kids_[k]));
      return acc;
    }
    case Op::Any: {
      std::vector<Literal> lits;
      for (std::uint32_t k = n.begin; k < n.end; ++k) lits.push_back(lower(kids_[k]));
      return any_of(lits);
    }
    case Op::Not: return negate(lower(kids_[n.begin]));
    case Op::Fact: return Literal{fact_slots_[static_cast<std::size_t>(std::countr_zero(n.mask))], 0};
    case Op::IntEq: return range(n.value, n.value, false);
    case Op::IntNe: return range(n.value, n.value, true);
    case Op::IntLt: return n.value == kMinInt ? Literal{kFalseSlot, 0} : range(kMinInt, n.value - 1, false);
    case Op::IntLte: return range(kMinInt, n.value, false);
    case Op::IntGt: return n.value == kMaxInt ? Literal{kFalseSlot, 0} : range(n.value + 1, kMaxInt, false);
    case Op::IntGte: return range(n.value, kMaxInt, false);
    case Op::IntIn: {
      std::vector<Literal> lits;
      for (std::uint32_t k = n.begin; k < n.end; ++k) lits.push_back(range(ints_[k], ints_[k], false));
      return any_of(lits);
    }
    case Op::EnumIn: return mask(n.mask, 0, true, true);
    case Op::SetAny: return mask(n.mask, 0, true);
    case Op::SetAll: return mask(n.mask, n.mask, false);
    case Op::SetEq: return mask(~std::uint64_t{0}, n.mask, false);
    case Op::SetNe: return mask(~std::uint64_t{0}, n.mask, true);
    case Op::IsSet: return range(kMinInt, kMaxInt, false);
    case Op::IsUnset: return negate(range(kMinInt, kMaxInt, false));
  }
  return Literal{kFalseSlot, 0};
}

void Engine::build_program() {
  try {
    slots_ = 2;  // kFalseSlot, kTrueSlot
    for (std::size_t f = 0; f < facts_.size(); ++f) fact_slots_.push_back(new_slot());
    for (const CompiledRule& r : rules_) {
      const Literal lit = r.condition == kAlways ? Literal{kTrueSlot, 0} : lower(r.condition);
      rule_literals_.push_back(lit);
      // fact = fact or fired, as not (not fact and not fired)
      for (std::uint64_t d = r.derives; d != 0; d &= d - 1) {
        const std::uint16_t fact = fact_slots_[static_cast<std::size_t>(std::countr_zero(d))];
        gates_.push_back(Gate{fact, lit.slot, fact, 1, static_cast<std::uint8_t>(lit.neg ^ 1u), 1});
      }
    }
    program_ = true;
  } catch (const ProgramTooBig&) {
    program_ = false;
    range_leaves_.clear();
    mask_leaves_.clear();
    fact_slots_.clear();
    gates_.clear();
    rule_literals_.clear();
  }
}

}  // namespace limber
