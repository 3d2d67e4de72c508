// Building fire()'s branch-free program, and lowering the condition trees into it.
#include "engine/program.h"

#include <bit>

#include "engine/engine.h"
#include "engine/ops.h"

namespace limber {

namespace program {

std::uint16_t Builder::new_slot() {
  if (p_.slots == kMaxSlots) throw ProgramTooBig{};
  return static_cast<std::uint16_t>(p_.slots++);
}

template <class Leaf>
Literal Builder::leaf(std::vector<Leaf>& leaves, Leaf l) {
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

Literal Builder::range(std::uint8_t field, std::int64_t lo, std::int64_t hi, bool inv) {
  return leaf(p_.range_leaves, RangeLeaf{u64(lo), u64(hi) - u64(lo), 0, field, static_cast<std::uint8_t>(inv)});
}

Literal Builder::mask(std::uint8_t field, std::uint64_t m1, std::uint64_t m2, bool inv, bool is_enum) {
  return leaf(p_.mask_leaves,
              MaskLeaf{m1, m2, 0, field, static_cast<std::uint8_t>(is_enum), static_cast<std::uint8_t>(inv)});
}

Literal Builder::gate(Literal a, Literal b) {
  const std::uint16_t dst = new_slot();
  p_.gates.push_back(Gate{a.slot, b.slot, dst, a.neg, b.neg, 0});
  return {dst, 0};
}

// any(x...) = not all(not x...)
Literal Builder::any_of(std::span<const Literal> lits) {
  if (lits.empty()) return constant(false);
  Literal acc = negate(lits[0]);
  for (std::size_t k = 1; k < lits.size(); ++k) acc = gate(acc, negate(lits[k]));
  return negate(acc);
}

}  // namespace program

program::Literal Engine::lower(std::uint32_t node, program::Builder& b) const {
  using program::Literal;
  const Node& n = conds_.nodes[node];
  const auto kids = conds_.kids_of(n);
  switch (n.op) {
    case Op::All: {
      if (kids.empty()) return program::Builder::constant(true);
      Literal acc = lower(kids[0], b);
      for (std::size_t k = 1; k < kids.size(); ++k) acc = b.gate(acc, lower(kids[k], b));
      return acc;
    }
    case Op::Any: {
      std::vector<Literal> lits;
      for (const std::uint32_t kid : kids) lits.push_back(lower(kid, b));
      return b.any_of(lits);
    }
    case Op::Not: return program::Builder::negate(lower(kids[0], b));
    case Op::Fact: return Literal{program_.fact_slots[static_cast<std::size_t>(std::countr_zero(n.mask))], 0};
    case Op::Test: return operators()[n.test].lower(Test{n, conds_.ints_of(n)}, b);
  }
  return program::Builder::constant(false);
}

void Engine::build_program() {
  using program::Gate;
  using program::Literal;
  program::Builder b(program_);
  try {
    program_.slots = 2;  // kFalseSlot, kTrueSlot
    for (std::size_t f = 0; f < facts_.size(); ++f) program_.fact_slots.push_back(b.new_slot());
    for (const CompiledRule& r : rules_) {
      const Literal lit = r.condition == kAlways ? program::Builder::constant(true) : lower(r.condition, b);
      program_.rule_literals.push_back(lit);
      // fact = fact or fired, as not (not fact and not fired)
      for (std::uint64_t d = r.derives; d != 0; d &= d - 1) {
        const std::uint16_t fact = program_.fact_slots[static_cast<std::size_t>(std::countr_zero(d))];
        program_.gates.push_back(Gate{fact, lit.slot, fact, 1, static_cast<std::uint8_t>(lit.neg ^ 1u), 1});
      }
    }
    branch_free_ = true;
  } catch (const program::ProgramTooBig&) {
    branch_free_ = false;
    program_ = program::Program{};
  }
}

}  // namespace limber
