// YAML: documents are split on their markers so a broken one costs only
// itself, and a large file streams.

#include <algorithm>

#include "io/readers.h"

namespace limber {

namespace {

bool is_document_marker(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line == "---" || line.starts_with("--- ") || line == "...";
}

}  // namespace

void read_yaml(std::istream& in, const std::string& name, StreamStart start, const Emit& emit) {
  std::string line;
  std::string doc;
  int number = start.line_offset;
  int first = number + 1;  // the line the document starts on
  std::uint64_t index = start.record_offset;
  std::uint64_t offset = 0;
  bool content = false;
  auto flush = [&] {
    if (content) {
      RawRecord r;
      r.file = name;
      r.line = first;
      r.index = ++index;
      r.end_offset = offset;
      r.text = std::move(doc);
      emit(std::move(r));
    }
    doc.clear();
    content = false;
  };
  while (std::getline(in, line)) {
    offset += line.size() + 1;
    ++number;
    if (number == start.line_offset + 1) line = yaml::strip_bom(std::move(line));
    if (is_document_marker(line)) {
      flush();
      first = number + 1;
      continue;
    }
    const std::string_view t = trim(line);
    if (!content && (t.empty() || t.front() == '#' || t.front() == '%')) {
      // Leading blank lines and comments: keep line numbers right.
      doc += '\n';
      continue;
    }
    if (!content) {
      // The first line with content is the record's line.
      first = number - static_cast<int>(std::count(doc.begin(), doc.end(), '\n'));
    }
    content = true;
    doc += line;
    doc += '\n';
  }
  flush();
}

}  // namespace limber
