// The node codec: a parsed tree as compact bytes and back (the build
// stores the built-in knowledge base this way).
#include <cstdint>

#include "knowledge/yaml.h"

namespace limber::yaml {

namespace {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_node(std::string& out, const Node& node) {
  out.push_back(static_cast<char>(node.kind));
  out.push_back(node.quoted ? 1 : 0);
  put_varint(out, static_cast<std::uint64_t>(node.line));
  put_varint(out, static_cast<std::uint64_t>(node.column));
  put_varint(out, node.value.size());
  out += node.value;
  put_varint(out, node.children.size());
  for (const Node& child : node.children) put_node(out, child);
}

class NodeReader {
 public:
  explicit NodeReader(std::string_view bytes) : bytes_(bytes) {}
  Node node(int depth) {
    if (depth > 1000) bad();
    Node n;
    const std::uint8_t kind = byte();
    if (kind > static_cast<std::uint8_t>(Node::Kind::Map)) bad();
    n.kind = static_cast<Node::Kind>(kind);
    n.quoted = byte() != 0;
    n.line = static_cast<int>(varint(1u << 30));
    n.column = static_cast<int>(varint(1u << 30));
    const std::size_t size = varint(bytes_.size() - pos_);
    n.value.assign(bytes_.substr(pos_, size));
    pos_ += size;
    const std::size_t count = varint(bytes_.size() - pos_);
    n.children.reserve(count);
    for (std::size_t i = 0; i < count; ++i) n.children.push_back(node(depth + 1));
    return n;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  [[noreturn]] static void bad() {
    throw Error(Location{"<built-in>", 0, 0, {}}, "the stored knowledge base is damaged", "rebuild limber");
  }
  std::uint8_t byte() {
    if (pos_ >= bytes_.size()) bad();
    return static_cast<std::uint8_t>(bytes_[pos_++]);
  }
  std::uint64_t varint(std::uint64_t max) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v > max) bad();
        return v;
      }
    }
    bad();
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string serialize(const Node& node) {
  std::string out;
  put_node(out, node);
  return out;
}

Node deserialize(std::string_view bytes) {
  NodeReader reader(bytes);
  Node n = reader.node(0);
  if (!reader.done()) throw Error(Location{"<built-in>", 0, 0, {}}, "the stored knowledge base is damaged");
  return n;
}

}  // namespace limber::yaml
