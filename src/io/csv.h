#pragma once
// CSV as spreadsheets write it (RFC 4180): fields optionally in double
// quotes (a quote inside doubled, line ends allowed inside quotes), CRLF or
// LF line ends, a UTF-8 byte-order mark ignored, and the delimiter (`,`
// `;` or tab) detected from the header line. The reader gives one record
// at a time, so memory stays flat. (render/render_csv.h writes CSV.)

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace limber {

struct CsvField {
  std::string text;
  int column = 1;  // 1-based, where the field starts on its line
};

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<CsvField> fields;
  // Every field empty or white space (a spreadsheet's blank row: ";;;").
  bool blank() const;
};

class CsvReader {
 public:
  // delimiter 0: detected from the first line read.
  explicit CsvReader(std::istream& in, char delimiter = 0) : in_(in), delimiter_(delimiter) {}
  // The next record, or nothing at the end. Empty lines between records
  // are skipped (and counted). Throws Error (with the line) on a quote
  // that is never closed or a stray quote inside a field.
  std::optional<CsvRecord> next();
  // For messages: the name of the input.
  void set_name(std::string name) { name_ = std::move(name); }
  // Counts `lines` more lines from here on (the rows of a part of a
  // larger file, after its header).
  void add_line_offset(int lines) { line_ += lines; }
  char delimiter() const { return delimiter_ == 0 ? ',' : delimiter_; }
  std::uint64_t empty_lines() const { return empty_lines_; }
  // Bytes read so far.
  std::uint64_t offset() const { return offset_; }

 private:
  bool read_line(std::string& line);
  std::istream& in_;
  char delimiter_;
  std::string name_ = "-";
  int line_ = 0;
  bool first_ = true;
  std::uint64_t empty_lines_ = 0;
  std::uint64_t offset_ = 0;
};

// The delimiter a header line uses: the most frequent of `,` `;` and tab
// outside quotes (a comma when there is none).
char detect_delimiter(std::string_view line);

}  // namespace limber
