// The tree builder: yaml-cpp's events into our Node tree, with positions,
// quoting, bounded aliases and nesting, one document at a time.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>
#include <cctype>
#include <map>
#include <sstream>

#include "knowledge/yaml.h"

namespace limber::yaml {

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

}  // namespace limber::yaml
