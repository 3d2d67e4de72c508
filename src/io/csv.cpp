#include "io/csv.h"

#include <fmt/format.h>

#include "base/error.h"

namespace limber {

std::optional<CsvRecord> CsvReader::next() {
  std::string line;
  // Skip blank lines between records.
  do {
    if (!std::getline(in_, line)) return std::nullopt;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
  } while (line.empty());

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
      // A newline inside quotes belongs to the field.
      std::string more;
      if (!std::getline(in_, more)) {
        throw Error(Location{name_, record.line, field.column, {}}, "a quoted field is never closed",
                    "close it with a double quote; a quote inside a field is written twice (\"\")");
      }
      ++line_;
      if (!more.empty() && more.back() == '\r') more.pop_back();
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
    } else if (c == ',') {
      finish();
      field.column = column + 1;
    } else if (c == '"') {
      if (!field.text.empty() || was_quoted) {
        throw Error(Location{name_, line_, column, line}, "a quote inside an unquoted field",
                    "put the whole field in double quotes and double the quote: \"a \"\"b\"\"\"");
      }
      quoted = true;
    } else {
      if (was_quoted) {
        throw Error(Location{name_, line_, column, line}, "text after a closing quote",
                    "a quoted field ends at its closing quote; put everything inside the quotes");
      }
      field.text += c;
    }
    ++i;
    ++column;
  }
}

}  // namespace limber
