#include "engine/ops.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <bit>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/transform.hpp>

#include "base/text.h"

namespace limber {

namespace {

using program::Builder;
using program::kMaxInt;
using program::kMinInt;
using program::Literal;

constexpr std::uint8_t kInteger = type_bit(FieldType::Integer);
constexpr std::uint8_t kBool = type_bit(FieldType::Bool);
constexpr std::uint8_t kEnum = type_bit(FieldType::Enum);
constexpr std::uint8_t kSet = type_bit(FieldType::Set);

// ---- the parts rows share ---------------------------------------------------

std::int64_t value_of(const Test& t, const Profile& p) {
  return p.values[t.node.field];
}
bool given(const Test& t, const Profile& p) {
  return p.has(t.node.field);
}
// An unset set is the empty set.
std::uint64_t set_of(const Test& t, const Profile& p) {
  return p.set_bits(t.node.field);
}

// A one-value operand as written: a number, true/false, or a value's name.
std::string scalar(const Field& f, std::int64_t v) {
  if (f.type == FieldType::Bool) return v != 0 ? "true" : "false";
  if (f.type == FieldType::Enum) return f.values[static_cast<std::size_t>(v)].name;
  return std::to_string(v);
}
std::string names(const Field& f, std::uint64_t mask) {
  return "[" + join(set_names(f, mask)) + "]";
}

Literal range(Builder& b, const Test& t, std::int64_t lo, std::int64_t hi, bool inv = false) {
  return b.range(t.node.field, lo, hi, inv);
}
Literal mask(Builder& b, const Test& t, std::uint64_t m1, std::uint64_t m2, bool inv, bool is_enum = false) {
  return b.mask(t.node.field, m1, m2, inv, is_enum);
}

// lint: an enum's or a bool's possible values (a bool's value v is bit v).
bool keep_values(FieldDomain& d, std::uint64_t m, bool positive) {
  d.mask = positive ? (d.mask & m) : (d.mask & ~m);
  return d.mask != 0;
}
bool at_least(FieldDomain& d, std::int64_t v) {
  d.lo = std::max(d.lo, v);
  return true;
}
bool at_most(FieldDomain& d, std::int64_t v) {
  d.hi = std::min(d.hi, v);
  return true;
}
bool exclude(FieldDomain& d, std::int64_t v) {
  d.excluded.insert(v);
  return true;
}
bool exactly(FieldDomain& d, std::int64_t v) {
  return at_least(d, v) && at_most(d, v);
}

// has and has_any: one value or a list, the same test.
bool has_any_eval(const Test& t, const Profile& p) {
  return (set_of(t, p) & t.node.mask) != 0;
}
Literal has_any_lower(const Test& t, Builder& b) {
  return mask(b, t, t.node.mask, 0, true);
}
std::string has_any_describe(const Test& t, const Field& f) {
  return std::popcount(t.node.mask) == 1 ? fmt::format("{} has {}", f.name, set_names(f, t.node.mask)[0])
                                         : fmt::format("{} has any of {}", f.name, names(f, t.node.mask));
}
bool has_any_narrow(const Test& t, const Field&, bool negated, FieldDomain& d) {
  negated ? void(d.must_not |= t.node.mask) : d.any_of.push_back(t.node.mask);
  return true;
}

// ---- the rows -----------------------------------------------------------------
//
// The order matters twice: the distinct names in order are the operators
// as documented (eq ne lt lte gt gte in has has_any has_all is_set), and the
// rows applying to a field type, in order, are the "use ..." of an error.

constexpr std::array kOperators = {
    Operator{
        "eq",
        kInteger | kBool | kEnum,
        Operand::Value,
        Absent::Fails,
        "",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && value_of(t, p) == t.node.value; },
        [](const Test& t, Builder& b) { return range(b, t, t.node.value, t.node.value); },
        [](const Test& t, const Field& f) { return fmt::format("{} = {}", f.name, scalar(f, t.node.value)); },
        [](const Test& t, const Field& f, bool negated, FieldDomain& d) {
          if (f.type != FieldType::Integer) return keep_values(d, std::uint64_t{1} << t.node.value, !negated);
          return negated ? exclude(d, t.node.value) : exactly(d, t.node.value);
        },
    },
    Operator{
        "ne",
        kInteger | kBool | kEnum,
        Operand::Value,
        Absent::Fails,
        "",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && value_of(t, p) != t.node.value; },
        [](const Test& t, Builder& b) { return range(b, t, t.node.value, t.node.value, true); },
        [](const Test& t, const Field& f) { return fmt::format("{} != {}", f.name, scalar(f, t.node.value)); },
        [](const Test& t, const Field& f, bool negated, FieldDomain& d) {
          if (f.type != FieldType::Integer) return keep_values(d, std::uint64_t{1} << t.node.value, negated);
          return negated ? exactly(d, t.node.value) : exclude(d, t.node.value);
        },
    },
    Operator{
        "lt",
        kInteger,
        Operand::Value,
        Absent::Fails,
        "",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && value_of(t, p) < t.node.value; },
        [](const Test& t, Builder& b) {
          return t.node.value == kMinInt ? Builder::constant(false) : range(b, t, kMinInt, t.node.value - 1);
        },
        [](const Test& t, const Field& f) { return fmt::format("{} < {}", f.name, t.node.value); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          return negated ? at_least(d, t.node.value) : at_most(d, t.node.value - 1);
        },
    },
    Operator{
        "lte",
        kInteger,
        Operand::Value,
        Absent::Fails,
        "",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && value_of(t, p) <= t.node.value; },
        [](const Test& t, Builder& b) { return range(b, t, kMinInt, t.node.value); },
        [](const Test& t, const Field& f) { return fmt::format("{} <= {}", f.name, t.node.value); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          return negated ? at_least(d, t.node.value + 1) : at_most(d, t.node.value);
        },
    },
    Operator{
        "gt",
        kInteger,
        Operand::Value,
        Absent::Fails,
        "",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && value_of(t, p) > t.node.value; },
        [](const Test& t, Builder& b) {
          return t.node.value == kMaxInt ? Builder::constant(false) : range(b, t, t.node.value + 1, kMaxInt);
        },
        [](const Test& t, const Field& f) { return fmt::format("{} > {}", f.name, t.node.value); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          return negated ? at_most(d, t.node.value) : at_least(d, t.node.value + 1);
        },
    },
    Operator{
        "gte",
        kInteger,
        Operand::Value,
        Absent::Fails,
        "",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && value_of(t, p) >= t.node.value; },
        [](const Test& t, Builder& b) { return range(b, t, t.node.value, kMaxInt); },
        [](const Test& t, const Field& f) { return fmt::format("{} >= {}", f.name, t.node.value); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          return negated ? at_most(d, t.node.value - 1) : at_least(d, t.node.value);
        },
    },
    Operator{
        "in",
        kInteger,
        Operand::List,
        Absent::Fails,
        "e.g. in: [1, 2, 3]",
        "",
        [](const Test& t, const Profile& p) {
          return given(t, p) && std::find(t.ints.begin(), t.ints.end(), value_of(t, p)) != t.ints.end();
        },
        [](const Test& t, Builder& b) {
          std::vector<Literal> lits;
          for (const std::int64_t x : t.ints) lits.push_back(range(b, t, x, x));
          return b.any_of(lits);
        },
        [](const Test& t, const Field& f) {
          std::vector<std::string> v;
          for (const std::int64_t x : t.ints) v.push_back(std::to_string(x));
          return fmt::format("{} in [{}]", f.name, join(v));
        },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          if (negated) {
            d.excluded.insert(t.ints.begin(), t.ints.end());
            return true;
          }
          bool any = false;
          for (const std::int64_t x : t.ints) any |= x >= d.lo && x <= d.hi && d.excluded.count(x) == 0;
          if (!any) return false;
          return at_least(d, *std::min_element(t.ints.begin(), t.ints.end())) &&
                 at_most(d, *std::max_element(t.ints.begin(), t.ints.end()));
        },
    },
    Operator{
        "in",
        kEnum,
        Operand::List,
        Absent::Fails,
        "e.g. in: [shins, knees]",
        "",
        [](const Test& t, const Profile& p) { return given(t, p) && ((t.node.mask >> value_of(t, p)) & 1u) != 0; },
        [](const Test& t, Builder& b) { return mask(b, t, t.node.mask, 0, true, true); },
        [](const Test& t, const Field& f) { return fmt::format("{} in {}", f.name, names(f, t.node.mask)); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) { return keep_values(d, t.node.mask, !negated); },
    },
    Operator{
        "has",
        kSet,
        Operand::Value,
        Absent::EmptySet,
        "",
        "",
        has_any_eval,
        has_any_lower,
        has_any_describe,
        has_any_narrow,
    },
    Operator{
        "has_any",
        kSet,
        Operand::List,
        Absent::EmptySet,
        "e.g. [a, b]; for one value use 'has'",
        "",
        has_any_eval,
        has_any_lower,
        has_any_describe,
        has_any_narrow,
    },
    Operator{
        "has_all",
        kSet,
        Operand::List,
        Absent::EmptySet,
        "e.g. [a, b]; for one value use 'has'",
        "",
        [](const Test& t, const Profile& p) { return (set_of(t, p) & t.node.mask) == t.node.mask; },
        [](const Test& t, Builder& b) { return mask(b, t, t.node.mask, t.node.mask, false); },
        [](const Test& t, const Field& f) { return fmt::format("{} has all of {}", f.name, names(f, t.node.mask)); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          negated ? d.not_all.push_back(t.node.mask) : void(d.must |= t.node.mask);
          return true;
        },
    },
    Operator{
        "eq",
        kSet,
        Operand::ValueOrList,
        Absent::EmptySet,
        "",
        "",
        [](const Test& t, const Profile& p) { return set_of(t, p) == t.node.mask; },
        [](const Test& t, Builder& b) { return mask(b, t, ~std::uint64_t{0}, t.node.mask, false); },
        [](const Test& t, const Field& f) { return fmt::format("{} = {}", f.name, names(f, t.node.mask)); },
        [](const Test& t, const Field&, bool negated, FieldDomain& d) {
          // Negated, it only says the set differs: no narrowing.
          if (!negated) {
            d.must |= t.node.mask;
            d.must_not |= ~t.node.mask;
          }
          return true;
        },
    },
    Operator{
        "ne",
        kSet,
        Operand::ValueOrList,
        Absent::EmptySet,
        "",
        "",
        [](const Test& t, const Profile& p) { return set_of(t, p) != t.node.mask; },
        [](const Test& t, Builder& b) { return mask(b, t, ~std::uint64_t{0}, t.node.mask, true); },
        [](const Test& t, const Field& f) { return fmt::format("{} != {}", f.name, names(f, t.node.mask)); },
        // Not narrowed either way (a search that is sound, not complete).
        [](const Test&, const Field&, bool, FieldDomain&) { return true; },
    },
    Operator{
        "is_set",
        kInteger | kBool | kEnum | kSet,
        Operand::Flag,
        Absent::Tested,
        "",
        "true: the field is given (or has a default); false: it is not",
        [](const Test& t, const Profile& p) { return given(t, p) == (t.node.value != 0); },
        [](const Test& t, Builder& b) {
          const Literal present = range(b, t, kMinInt, kMaxInt);
          return t.node.value != 0 ? present : Builder::negate(present);
        },
        [](const Test& t, const Field& f) {
          return t.node.value != 0 ? fmt::format("{} is given", f.name) : fmt::format("{} is not given", f.name);
        },
        // Presence is the search's own business (Absent::Tested).
        [](const Test&, const Field&, bool, FieldDomain&) { return true; },
    },
};

}  // namespace

std::span<const Operator> operators() {
  return kOperators;
}

const Operator* find_operator(std::string_view name, FieldType type) {
  for (const Operator& op : kOperators) {
    if (op.name == name && (op.types & type_bit(type)) != 0) return &op;
  }
  return nullptr;
}

const std::vector<std::string>& operator_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Operator& op : kOperators) {
      if (std::find(out.begin(), out.end(), op.name) == out.end()) out.emplace_back(op.name);
    }
    return out;
  }();
  return names;
}

std::string operators_for(FieldType type) {
  std::vector<std::string> names =
      kOperators | ranges::views::filter([&](const Operator& op) { return (op.types & type_bit(type)) != 0; }) |
      ranges::views::transform([](const Operator& op) { return std::string(op.name); }) | ranges::to<std::vector>();
  if (names.size() <= 1) return join(names);
  const std::string last = names.back();
  names.pop_back();
  return join(names) + " or " + last;
}

}  // namespace limber
