#pragma once
// The instruction set the compiled conditions run on.
//
// A condition is first compiled into a tree of Nodes: and, or, not, a
// derived fact, or a test of one field (a row of the operator table,
// ops.h). The tree walk evaluates it directly (explain, should_ask, and
// conditions too large to lower). The tree is then lowered into fire()'s
// branch-free Program: every distinct leaf test of every rule's condition
// is computed once per profile into a byte slot, then the and/or/not
// structure and the derived facts are a fixed sequence of Gates over the
// slots. No branch depends on the profile, so random profiles cost no
// branch mispredictions.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace limber::program {

enum class Op : std::uint8_t { All, Any, Not, Fact, Test };

// One node of a condition tree.
struct Node {
  Op op = Op::All;
  std::uint8_t field = 0;
  std::uint8_t test = 0;    // Test: the row in operators()
  std::uint32_t begin = 0;  // children (into kids) or integers (into ints)
  std::uint32_t end = 0;
  std::int64_t value = 0;
  std::uint64_t mask = 0;  // Fact: the fact's bit; Test: the operand's values
};

// Every condition of a knowledge base, as trees over shared arrays.
struct ConditionTree {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> kids;
  std::vector<std::int64_t> ints;

  std::span<const std::int64_t> ints_of(const Node& n) const {
    return n.op == Op::Test ? std::span<const std::int64_t>(ints.data() + n.begin, n.end - n.begin)
                            : std::span<const std::int64_t>();
  }
  std::span<const std::uint32_t> kids_of(const Node& n) const {
    return n.op == Op::Test || n.op == Op::Fact
               ? std::span<const std::uint32_t>()
               : std::span<const std::uint32_t>(kids.data() + n.begin, n.end - n.begin);
  }
};

// A slot, possibly negated.
struct Literal {
  std::uint16_t slot = 0;
  std::uint8_t neg = 0;
};

// present && ((value - lo) <= span, unsigned) != inv
struct RangeLeaf {
  std::uint64_t lo = 0;
  std::uint64_t span = 0;
  std::uint16_t slot = 0;
  std::uint8_t field = 0;
  std::uint8_t inv = 0;
  friend bool operator==(const RangeLeaf&, const RangeLeaf&) = default;
};

// ((x & m1) == m2) != inv, x: the set's bits, or an enum's value as one bit
struct MaskLeaf {
  std::uint64_t m1 = 0;
  std::uint64_t m2 = 0;
  std::uint16_t slot = 0;
  std::uint8_t field = 0;
  std::uint8_t is_enum = 0;
  std::uint8_t inv = 0;
  friend bool operator==(const MaskLeaf&, const MaskLeaf&) = default;
};

// dst = ((a != na) && (b != nb)) != nd
struct Gate {
  std::uint16_t a = 0;
  std::uint16_t b = 0;
  std::uint16_t dst = 0;
  std::uint8_t na = 0;
  std::uint8_t nb = 0;
  std::uint8_t nd = 0;
};

constexpr std::size_t kMaxSlots = 16384;
constexpr std::uint16_t kFalseSlot = 0;
constexpr std::uint16_t kTrueSlot = 1;
constexpr std::int64_t kMinInt = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

inline std::uint64_t u64(std::int64_t v) {
  return static_cast<std::uint64_t>(v);
}

// fire()'s program: leaves computed into slots, then gates over the slots.
struct Program {
  std::size_t slots = 0;
  std::vector<RangeLeaf> range_leaves;
  std::vector<MaskLeaf> mask_leaves;
  std::vector<std::uint16_t> fact_slots;  // per fact
  std::vector<Gate> gates;
  std::vector<Literal> rule_literals;  // per compiled rule: whether it fires
};

// Thrown by Builder when a program would need more than kMaxSlots slots.
struct ProgramTooBig {};

// Builds a Program; the operator table's rows lower their tests with it.
class Builder {
 public:
  explicit Builder(Program& p) : p_(p) {}

  std::uint16_t new_slot();
  // present && lo <= value <= hi, != inv (the same test twice shares a slot)
  Literal range(std::uint8_t field, std::int64_t lo, std::int64_t hi, bool inv);
  // ((x & m1) == m2) != inv
  Literal mask(std::uint8_t field, std::uint64_t m1, std::uint64_t m2, bool inv, bool is_enum = false);
  // a and b
  Literal gate(Literal a, Literal b);
  // any of them (false for none)
  Literal any_of(std::span<const Literal> lits);
  static Literal negate(Literal l) { return Literal{l.slot, static_cast<std::uint8_t>(l.neg ^ 1u)}; }
  static Literal constant(bool b) { return Literal{b ? kTrueSlot : kFalseSlot, 0}; }

  Program& program() { return p_; }

 private:
  template <class Leaf>
  Literal leaf(std::vector<Leaf>& leaves, Leaf l);
  Program& p_;
};

}  // namespace limber::program
