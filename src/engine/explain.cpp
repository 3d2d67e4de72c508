// Descriptions of conditions and the first failed test, for `explain`.
#include <fmt/format.h>
#include <bit>

#include "base/text.h"
#include "engine/engine.h"

namespace limber {

std::string Engine::describe(std::uint32_t node) const {
  const Node& n = nodes_[node];
  const Field& f = kb_.schema.fields[n.field];
  auto children = [&](std::string_view sep) {
    std::vector<std::string> parts;
    for (std::uint32_t k = n.begin; k < n.end; ++k) {
      const Op op = nodes_[kids_[k]].op;
      const bool group = op == Op::All || op == Op::Any;
      parts.push_back(group ? "(" + describe(kids_[k]) + ")" : describe(kids_[k]));
    }
    return join(parts, sep);
  };
  auto scalar = [&](std::int64_t v) -> std::string {
    if (f.type == FieldType::Bool) return v != 0 ? "true" : "false";
    if (f.type == FieldType::Enum) return f.values[static_cast<std::size_t>(v)].name;
    return std::to_string(v);
  };
  auto names = [&](std::uint64_t mask) { return "[" + join(set_names(f, mask)) + "]"; };
  switch (n.op) {
    case Op::All: return children(" and ");
    case Op::Any: return children(" or ");
    case Op::Not: return "not (" + describe(kids_[n.begin]) + ")";
    case Op::Fact: return "fact " + facts_[static_cast<std::size_t>(std::countr_zero(n.mask))];
    case Op::IntEq: return fmt::format("{} = {}", f.name, scalar(n.value));
    case Op::IntNe: return fmt::format("{} != {}", f.name, scalar(n.value));
    case Op::IntLt: return fmt::format("{} < {}", f.name, n.value);
    case Op::IntLte: return fmt::format("{} <= {}", f.name, n.value);
    case Op::IntGt: return fmt::format("{} > {}", f.name, n.value);
    case Op::IntGte: return fmt::format("{} >= {}", f.name, n.value);
    case Op::IntIn: {
      std::vector<std::string> v;
      for (std::uint32_t k = n.begin; k < n.end; ++k) v.push_back(std::to_string(ints_[k]));
      return fmt::format("{} in [{}]", f.name, join(v));
    }
    case Op::EnumIn: return fmt::format("{} in {}", f.name, names(n.mask));
    case Op::SetAny:
      return std::popcount(n.mask) == 1 ? fmt::format("{} has {}", f.name, set_names(f, n.mask)[0])
                                        : fmt::format("{} has any of {}", f.name, names(n.mask));
    case Op::SetAll: return fmt::format("{} has all of {}", f.name, names(n.mask));
    case Op::SetEq: return fmt::format("{} = {}", f.name, names(n.mask));
    case Op::SetNe: return fmt::format("{} != {}", f.name, names(n.mask));
    case Op::IsSet: return fmt::format("{} is given", f.name);
    case Op::IsUnset: return fmt::format("{} is not given", f.name);
  }
  return "?";
}

std::string Engine::describe_value(std::uint32_t node, const Profile& p) const {
  const Node& n = nodes_[node];
  if (!p.has(n.field)) return "not given";
  std::string v = value_text(p, kb_.schema, n.field);
  return v;
}

bool Engine::first_failure(std::uint32_t node, const Profile& p, std::uint64_t facts, std::string& out) const {
  if (eval(node, p, facts)) return false;
  const Node& n = nodes_[node];
  switch (n.op) {
    case Op::All:
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        if (first_failure(kids_[k], p, facts, out)) return true;
      }
      return false;
    case Op::Any: {
      std::vector<std::string> parts;
      for (std::uint32_t k = n.begin; k < n.end; ++k) {
        const std::uint32_t child = kids_[k];
        const Op op = nodes_[child].op;
        if (op == Op::All || op == Op::Any || op == Op::Not || op == Op::Fact) {
          parts.push_back(describe(child));
        } else {
          parts.push_back(fmt::format("{} (profile: {})", describe(child), describe_value(child, p)));
        }
      }
      out = "none of: " + join(parts, " or ");
      return true;
    }
    case Op::Not: out = describe(node) + " (it holds)"; return true;
    case Op::Fact: out = describe(node) + " (not derived)"; return true;
    default: out = fmt::format("{} (profile: {})", describe(node), describe_value(node, p)); return true;
  }
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
      first_failure(r.condition, profile, facts, t.failed);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string Engine::describe_condition(std::size_t compiled_rule) const {
  const std::uint32_t c = rules_[compiled_rule].condition;
  return c == kAlways ? "always" : describe(c);
}

}  // namespace limber
