#include "knowledge/yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <map>
#include <sstream>

#include "base/text.h"

namespace limber::yaml {

const Node* Node::find(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (std::size_t i = 0; i < map_size(); ++i) {
    if (this->key(i).is_scalar() && this->key(i).value == key) return &val(i);
  }
  return nullptr;
}

const char* Node::kind_name() const {
  switch (kind) {
    case Kind::Null: return "nothing";
    case Kind::Scalar: return quoted ? "a string" : "a value";
    case Kind::Sequence: return "a list";
    case Kind::Map: return "a mapping";
  }
  return "?";
}

Source::Source(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  // A lone CR (old Mac line ends) is a line break in YAML and whitespace
  // in JSON, but yaml-cpp reads it as text: make it a LF. CRLF stays.
  for (std::size_t i = text_.find('\r'); i != std::string::npos; i = text_.find('\r', i + 1)) {
    if (i + 1 == text_.size() || text_[i + 1] != '\n') text_[i] = '\n';
  }
  line_starts_.push_back(0);
  for (std::size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1)) {
    line_starts_.push_back(i + 1);
  }
}

std::string Source::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
  const std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  std::size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

namespace {

// The line as an error shows it: control characters (a hostile file could
// hold terminal escape sequences) and bytes that are not UTF-8 become '?',
// one for one, so the caret still lines up. Tabs stay; the renderer
// replaces them.
std::string printable(std::string text) {
  // Nearly every line is plain printable ASCII: nothing to replace.
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 0x20 && u < 0x7F) || c == '\t';
  });
  if (plain) return text;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = control_length(text, i, false); n > 0) {
      text.replace(i, n, n, '?');
      i += n;
    } else {
      i += utf8_length(text, i);
    }
  }
  return text;
}
}  // namespace

Location Source::at(int line, int column) const {
  return Location{name_, line + line_offset_, column, printable(line_text(line))};
}

std::string strip_bom(std::string text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF) {
    text.erase(0, 3);
  }
  return text;
}

void precheck(const Source& source, const Limits& limits) {
  const std::string& t = source.text();
  if (t.size() > limits.max_bytes) {
    throw Error(Location{source.name(), 0, 0, {}},
                fmt::format("input is {} bytes; the limit is {} bytes", t.size(), limits.max_bytes),
                "split it into several files, or for batch input use JSONL or CSV, one record per line");
  }
  int line = 1;
  int column = 1;
  int flow_depth = 0;
  int max_flow_depth = 0;
  int line_indicators = 0;  // "- " and "? " opening nested block collections on one line
  bool at_line_start = true;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '\0') {
      throw Error(source.at(line, column), "the input contains a NUL byte", "save the file as plain UTF-8 text");
    }
    const std::size_t len = utf8_length(t, i);
    if (len == 0) {
      throw Error(source.at(line, column), "the input is not valid UTF-8", "save the file as UTF-8 text");
    }
    if (c == '\n') {
      ++line;
      column = 1;
      comment = false;
      at_line_start = true;
      line_indicators = 0;
      if (quote == '\'' || quote == '"') {
        // Multi-line quoted scalars are legal; keep the quote state.
      }
      ++i;
      continue;
    }
    if (!comment) {
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i += 2;
          column += 2;
          continue;
        }
        if (c == quote) quote = 0;
      } else if (c == '#' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n')) {
        comment = true;
      } else if (c == '"' || c == '\'') {
        // A quote opens a scalar only where a scalar can start.
        const char prev = i == 0 ? ' ' : t[i - 1];
        if (prev == ' ' || prev == '\t' || prev == '\n' || prev == '[' || prev == '{' || prev == ',' || prev == ':') {
          quote = c;
        }
      } else if (c == '[' || c == '{') {
        max_flow_depth = std::max(max_flow_depth, ++flow_depth);
      } else if (c == ']' || c == '}') {
        flow_depth = std::max(0, flow_depth - 1);
      } else if ((c == '-' || c == '?') && (at_line_start || t[i - 1] == ' ') &&
                 (i + 1 == t.size() || t[i + 1] == ' ')) {
        ++line_indicators;
      }
      if (c != ' ' && c != '-' && c != '?') at_line_start = false;
      if (line_indicators + max_flow_depth > limits.max_depth || max_flow_depth > limits.max_depth) {
        throw Error(source.at(line, column), fmt::format("nesting is deeper than {} levels", limits.max_depth),
                    "a profile, rule or stretch needs only a few levels; flatten the structure");
      }
    }
    i += len;
    ++column;
  }
}

namespace {

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const Source& source, const Limits& limits) : source_(source), limits_(limits) {}

  void reset() {
    root_ = Node{};
    stack_.clear();
    anchors_.clear();
    pending_anchor_.clear();
    nodes_ = 0;
    aliased_ = false;
    has_root_ = false;
  }
  Node take() { return std::move(root_); }
  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n = make(Node::Kind::Null, mark);
    remember(anchor, n);
    add(std::move(n));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      throw Error(source_.at(mark.line + 1, mark.column + 1), "an alias refers to an anchor that is not complete yet",
                  "an alias cannot refer to the collection that contains it");
    }
    nodes_ += it->second.second;
    aliased_ = true;
    check_budget(mark);
    Node copy = it->second.first;
    copy.line = mark.line + 1;
    copy.column = mark.column + 1;
    add(std::move(copy));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n = make(Node::Kind::Scalar, mark);
    n.value = value;
    // yaml-cpp reports "!" for a quoted scalar and "?" for a plain one.
    n.quoted = tag == "!";
    remember(anchor, n);
    add(std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(Node::Kind::Sequence, mark), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(Node::Kind::Map, mark), anchor, mark);
  }
  void OnMapEnd() override { close(); }

 private:
  Node make(Node::Kind kind, const YAML::Mark& mark) {
    ++nodes_;
    check_budget(mark);
    Node n;
    n.kind = kind;
    n.line = mark.line + 1;
    n.column = mark.column + 1;
    return n;
  }
  void check_budget(const YAML::Mark& mark) const {
    if (nodes_ <= limits_.max_nodes) return;
    if (aliased_) {
      throw Error(source_.at(mark.line + 1, mark.column + 1),
                  fmt::format("the document expands to more than {} values", limits_.max_nodes),
                  "anchors and aliases that repeat large parts multiply its size; write the values out");
    }
    throw Error(source_.at(mark.line + 1, mark.column + 1),
                fmt::format("the document has more than {} values", limits_.max_nodes),
                "a profile, rule or stretch file is small; many profiles go one per line in a JSONL file "
                "or one per document in a YAML file, for `limber batch`");
  }
  static std::size_t count(const Node& n) {
    std::size_t total = 1;
    for (const Node& c : n.children) total += count(c);
    return total;
  }
  void remember(YAML::anchor_t anchor, const Node& n) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = {n, 1};
  }
  void add(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      has_root_ = true;
    } else {
      stack_.back().node->children.push_back(std::move(n));
    }
  }
  void open(Node n, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw Error(source_.at(mark.line + 1, mark.column + 1),
                  fmt::format("nesting is deeper than {} levels", limits_.max_depth),
                  "a profile, rule or stretch needs only a few levels; flatten the structure");
    }
    add(std::move(n));
    Node* where = stack_.empty() ? &root_ : &stack_.back().node->children.back();
    stack_.push_back({where, anchor});
  }
  void close() {
    Open top = stack_.back();
    stack_.pop_back();
    if (top.anchor != YAML::NullAnchor) anchors_[top.anchor] = {*top.node, count(*top.node)};
  }

  struct Open {
    Node* node;
    YAML::anchor_t anchor;
  };
  const Source& source_;
  const Limits& limits_;
  Node root_;
  bool has_root_ = false;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, std::pair<Node, std::size_t>> anchors_;
  std::string pending_anchor_;
  std::size_t nodes_ = 0;
  bool aliased_ = false;  // an alias was expanded: the count is of the expansion
};

Error syntax_error(const Source& source, const YAML::Exception& e) {
  std::string msg = e.msg;
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  std::string hint = "check the indentation and that every ':' after a key is followed by a space";
  if (msg.find("end of map not found") != std::string::npos ||
      msg.find("end of sequence not found") != std::string::npos) {
    hint = "a bracket or brace is not closed";
  } else if (msg.find("tab") != std::string::npos) {
    hint = "indent with spaces, not tabs";
  }
  if (e.mark.is_null()) return Error(Location{source.name(), 0, 0, {}}, "YAML syntax error: " + msg, hint);
  return Error(source.at(e.mark.line + 1, e.mark.column + 1), "YAML syntax error: " + msg, hint);
}

}  // namespace

std::vector<Node> parse_all(const Source& source, const Limits& limits) {
  precheck(source, limits);
  std::istringstream in(source.text());
  std::vector<Node> docs;
  try {
    YAML::Parser parser(in);
    TreeBuilder builder(source, limits);
    // yaml-cpp 0.7 can report endless empty documents on some malformed
    // input without moving on; every real document needs at least a byte.
    std::size_t handled = 0;
    while (true) {
      builder.reset();
      if (!parser.HandleNextDocument(builder)) break;
      if (++handled > source.text().size() + 1) {
        throw Error(Location{source.name(), 0, 0, {}}, "the YAML cannot be read: the parser does not advance",
                    "check the brackets, braces, anchors and aliases");
      }
      if (builder.has_root()) docs.push_back(builder.take());
    }
  } catch (const YAML::Exception& e) {
    throw syntax_error(source, e);
  }
  return docs;
}

Node parse_one(const Source& source, const Limits& limits) {
  std::vector<Node> docs = parse_all(source, limits);
  if (docs.empty()) return Node{};
  if (docs.size() > 1) {
    // Point at the second document's first node.
    Node& second = docs[1];
    throw Error(source.at(second.line, second.column), "expected one document, found several",
                "remove the '---' separators, or use `limber batch` for many profiles");
  }
  return std::move(docs[0]);
}

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

// ---- Checker ---------------------------------------------------------------

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
