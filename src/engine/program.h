#pragma once
// The instruction set the compiled conditions run on.
//
// A condition is first compiled into a tree of Nodes (the reference
// evaluator walks it: explain, should_ask, and programs too large to lower).
// The tree is then lowered into fire()'s branch-free program: every distinct
// leaf test of every rule's condition is computed once per profile into a
// byte slot, then the and/or/not structure and the derived facts are a fixed
// sequence of Gates over the slots. No branch depends on the profile, so
// random profiles cost no branch mispredictions.

#include <cstddef>
#include <cstdint>

namespace limber::program {

enum class Op : std::uint8_t {
  All,
  Any,
  Not,
  Fact,
  IntEq,
  IntNe,
  IntLt,
  IntLte,
  IntGt,
  IntGte,
  IntIn,
  EnumIn,
  SetAny,
  SetAll,
  SetEq,
  SetNe,
  IsSet,
  IsUnset
};

// One node of a condition tree.
struct Node {
  Op op = Op::All;
  std::uint8_t field = 0;
  std::uint32_t begin = 0;  // children (into kids) or integers (into ints)
  std::uint32_t end = 0;
  std::int64_t value = 0;
  std::uint64_t mask = 0;
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

inline std::uint64_t u64(std::int64_t v) {
  return static_cast<std::uint64_t>(v);
}

}  // namespace limber::program
