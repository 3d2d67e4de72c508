// The tree's nodes and the named source texts their positions point into.
#include "knowledge/yaml.h"

#include <fmt/format.h>
#include <algorithm>

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

}  // namespace limber::yaml
