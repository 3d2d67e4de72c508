#pragma once
// YAML (and JSON, which yaml-cpp reads as YAML) into a small tree that keeps
// every node's position, so every later check can point at the exact spot.
//
// We build our own tree from yaml-cpp's event API instead of using
// YAML::Node because it lets us (1) see duplicate keys, (2) tell quoted from
// plain scalars, (3) bound alias expansion, and (4) stream documents one at a
// time from a large multi-document file.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace limber::yaml {

struct Node {
  enum class Kind : std::uint8_t { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  bool quoted = false;  // a scalar written in quotes: never a number or bool
  int line = 0;         // 1-based
  int column = 0;       // 1-based
  std::string value;    // scalars only
  // Sequence: the items. Map: key, value, key, value, ...
  std::vector<Node> children;

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_map() const { return kind == Kind::Map; }
  std::size_t map_size() const { return children.size() / 2; }
  const Node& key(std::size_t i) const { return children[2 * i]; }
  const Node& val(std::size_t i) const { return children[2 * i + 1]; }
  // The value for `key` in a map, or nullptr.
  const Node* find(std::string_view key) const;
  const char* kind_name() const;
};

// A named text: a file, stdin, or a built-in resource.
class Source {
 public:
  Source(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  std::string line_text(int line) const;  // 1-based, without the newline
  Location at(int line, int column) const;
  Location at(const Node& node) const { return at(node.line, node.column); }
  // Offset of a line within a larger file (a JSONL or CSV record).
  void set_line_offset(int offset) { line_offset_ = offset; }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  int line_offset_ = 0;
};

struct Limits {
  std::size_t max_bytes = 16u << 20;  // one document source
  int max_depth = 64;                 // nesting of collections
  std::size_t max_nodes = 200'000;    // after alias expansion
};

// All documents of a source. An empty source yields no document.
// Throws Error with the position of a syntax error.
std::vector<Node> parse_all(const Source& source, const Limits& limits = {});

// Exactly one document; an empty source yields a Null node.
Node parse_one(const Source& source, const Limits& limits = {});

// A parsed tree as compact bytes and back, positions included: the build
// stores the built-in knowledge base this way, so starting limber does not
// parse YAML. deserialize() throws Error on bytes serialize() did not write.
std::string serialize(const Node& node);
Node deserialize(std::string_view bytes);

// Checks that run before yaml-cpp sees the text: size, NUL bytes, invalid
// UTF-8 and nesting depth (yaml-cpp recurses per level and can overflow
// the stack on deeply nested input). Throws Error.
void precheck(const Source& source, const Limits& limits);

// The text with a UTF-8 byte-order mark removed.
std::string strip_bom(std::string text);

// Validation helpers that raise positioned errors.
class Checker {
 public:
  explicit Checker(const Source& source) : source_(source) {}
  const Source& source() const { return source_; }

  [[noreturn]] void fail(const Node& at, const std::string& message, const std::string& hint = {}) const;

  // `what` names the thing for messages: "a rule", "the profile".
  void expect_map(const Node& node, std::string_view what) const;
  void expect_sequence(const Node& node, std::string_view what) const;
  // Unknown keys (with did-you-mean), duplicate keys, non-scalar keys.
  void check_keys(const Node& map, std::span<const std::string> allowed, std::string_view what) const;
  // Duplicate keys only.
  void check_unique_keys(const Node& map) const;
  void require(const Node& map, std::string_view key, std::string_view what) const;

  std::string string(const Node& node, std::string_view what) const;
  std::int64_t integer(const Node& node, std::int64_t min, std::int64_t max, std::string_view what) const;
  bool boolean(const Node& node, std::string_view what) const;
  // A list of scalars; a single scalar counts as a one-item list.
  std::vector<std::string> strings(const Node& node, std::string_view what) const;
  // A scalar that must be one of `allowed`.
  std::string choice(const Node& node, std::span<const std::string> allowed, std::string_view what) const;

 private:
  const Source& source_;
};

// Parse helpers shared with --set and CSV cells (no YAML around them).
bool parse_int(std::string_view text, std::int64_t& out);
bool parse_bool(std::string_view text, bool& out);

}  // namespace limber::yaml
