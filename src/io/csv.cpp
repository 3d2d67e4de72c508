#include "io/csv.h"

#include <fmt/format.h>

#include <array>

#include "base/error.h"
#include "base/text.h"

namespace limber {

bool CsvRecord::blank() const {
  for (const CsvField& f : fields) {
    if (!is_blank(f.text)) return false;
  }
  return true;
}

char detect_delimiter(std::string_view line) {
  constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
  std::array<std::size_t, 3> counts{};
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (std::size_t i = 0; i < kCandidates.size(); ++i) counts[i] += c == kCandidates[i];
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kCandidates[best];
}

bool CsvReader::read_line(std::string& line) {
  if (!std::getline(in_, line)) return false;
  offset_ += line.size() + (in_.eof() ? 0 : 1);
  ++line_;
  if (first_) {
    first_ = false;
    if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

std::optional<CsvRecord> CsvReader::next() {
  std::string line;
  // Skip empty lines between records.
  while (true) {
    if (!read_line(line)) return std::nullopt;
    if (!line.empty()) break;
    ++empty_lines_;
  }
  if (delimiter_ == 0) delimiter_ = detect_delimiter(line);

  CsvRecord record;
  record.line = line_;
  CsvField field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted (and closed)
  std::size_t i = 0;
  int column = 1;
  auto finish = [&] {
    record.fields.push_back(std::move(field));
    field = CsvField{};
    was_quoted = false;
  };
  field.column = 1;
  while (true) {
    if (i == line.size()) {
      if (!quoted) {
        finish();
        return record;
      }
      // A line end inside quotes belongs to the field.
      std::string more;
      if (!read_line(more)) {
        throw Error(Location{name_, record.line, field.column, {}}, "a quoted field is never closed",
                    "close it with a double quote; a quote inside a field is written twice (\"\")");
      }
      field.text += '\n';
      line = std::move(more);
      i = 0;
      column = 1;
      continue;
    }
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field.text += '"';
          i += 2;
          column += 2;
          continue;
        }
        quoted = false;
        was_quoted = true;
      } else {
        field.text += c;
      }
    } else if (c == delimiter_) {
      finish();
      field.column = column + 1;
    } else if (c == '"') {
      if (!is_blank(field.text) || was_quoted) {
        throw Error(Location{name_, line_, column, line}, "a quote inside an unquoted field",
                    "put the whole field in double quotes and double the quote: \"a \"\"b\"\"\"");
      }
      field.text.clear();  // white space before the opening quote
      quoted = true;
    } else {
      if (was_quoted && c != ' ' && c != '\t') {
        throw Error(Location{name_, line_, column, line}, "text after a closing quote",
                    "a quoted field ends at its closing quote; put everything inside the quotes");
      }
      if (!was_quoted) field.text += c;
    }
    ++i;
    ++column;
  }
}

}  // namespace limber
