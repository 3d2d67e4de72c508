// The checker: a node's expected shape and value, or a positioned error
// that says what would be right; and the scalar parsing it shares with
// --set and CSV cells.
#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "base/text.h"
#include "knowledge/yaml.h"

namespace limber::yaml {

bool parse_int(std::string_view text, std::int64_t& out) {
  text = trim(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && ptr == end;
}

bool parse_bool(std::string_view text, bool& out) {
  const std::string t = lower(trim(text));
  if (t == "true" || t == "yes" || t == "y") {
    out = true;
    return true;
  }
  if (t == "false" || t == "no" || t == "n") {
    out = false;
    return true;
  }
  return false;
}

void Checker::fail(const Node& at, const std::string& message, const std::string& hint) const {
  throw Error(source_.at(at), message, hint);
}

void Checker::expect_map(const Node& node, std::string_view what) const {
  if (!node.is_map())
    fail(node, fmt::format("{} must be a mapping of names to values, not {}", what, node.kind_name()),
         "write it as `name: value` lines");
}

void Checker::expect_sequence(const Node& node, std::string_view what) const {
  if (!node.is_sequence())
    fail(node, fmt::format("{} must be a list, not {}", what, node.kind_name()),
         "write it as `[a, b]` or as lines starting with '- '");
}

void Checker::check_unique_keys(const Node& map) const {
  for (std::size_t i = 0; i < map.map_size(); ++i) {
    const Node& k = map.key(i);
    if (!k.is_scalar()) fail(k, fmt::format("a key must be a plain name, not {}", k.kind_name()));
    for (std::size_t j = 0; j < i; ++j) {
      if (map.key(j).value == k.value) {
        fail(k, fmt::format("duplicate key '{}' (first given on line {})", k.value, map.key(j).line),
             "give each key once");
      }
    }
  }
}

void Checker::check_keys(const Node& map, std::span<const std::string> allowed, std::string_view what) const {
  check_unique_keys(map);
  for (std::size_t i = 0; i < map.map_size(); ++i) {
    const Node& k = map.key(i);
    if (std::find(allowed.begin(), allowed.end(), k.value) == allowed.end()) {
      fail(k, fmt::format("unknown field '{}' in {}{}", k.value, what, did_you_mean(k.value, allowed)),
           "allowed: " + join(allowed));
    }
  }
}

void Checker::require(const Node& map, std::string_view key, std::string_view what) const {
  if (map.find(key) == nullptr) fail(map, fmt::format("{} is missing the required field '{}'", what, key));
}

std::string Checker::string(const Node& node, std::string_view what) const {
  if (!node.is_scalar()) fail(node, fmt::format("{} must be text, not {}", what, node.kind_name()));
  return node.value;
}

std::int64_t Checker::integer(const Node& node, std::int64_t min, std::int64_t max, std::string_view what) const {
  std::int64_t v = 0;
  if (!node.is_scalar() || node.quoted || !parse_int(node.value, v)) {
    const std::string shown = node.is_scalar() ? "'" + node.value + "'" : std::string(node.kind_name());
    fail(node, fmt::format("{} must be a whole number from {} to {}, not {}", what, min, max, shown),
         node.quoted ? "write the number without quotes" : "");
  }
  if (v < min || v > max) {
    fail(node, fmt::format("{} must be from {} to {}, not {}", what, min, max, v));
  }
  return v;
}

bool Checker::boolean(const Node& node, std::string_view what) const {
  bool v = false;
  if (!node.is_scalar() || node.quoted || !parse_bool(node.value, v)) {
    const std::string shown = node.is_scalar() ? "'" + node.value + "'" : std::string(node.kind_name());
    fail(node, fmt::format("{} must be true or false, not {}", what, shown), "write true or false, without quotes");
  }
  return v;
}

std::vector<std::string> Checker::strings(const Node& node, std::string_view what) const {
  std::vector<std::string> out;
  if (node.is_scalar()) {
    out.push_back(node.value);
    return out;
  }
  if (node.is_null()) return out;
  expect_sequence(node, what);
  for (const Node& item : node.children) out.push_back(string(item, fmt::format("an item of {}", what)));
  return out;
}

std::string Checker::choice(const Node& node, std::span<const std::string> allowed, std::string_view what) const {
  std::string v = string(node, what);
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    fail(node, fmt::format("'{}' is not a valid {}{}", v, what, did_you_mean(v, allowed)), "allowed: " + join(allowed));
  }
  return v;
}

}  // namespace limber::yaml
