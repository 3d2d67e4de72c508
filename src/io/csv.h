#pragma once
// A small RFC 4180 CSV reader: comma-separated, fields optionally in double
// quotes (a quote inside doubled, newlines allowed inside quotes), CRLF or
// LF line ends. Reads one record at a time, so memory stays flat.

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace limber {

struct CsvField {
  std::string text;
  int column = 1;  // 1-based, where the field starts on its line
};

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<CsvField> fields;
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // The next record, or nothing at the end. Throws Error (with the line)
  // on a quote that is never closed or a stray quote inside a field.
  std::optional<CsvRecord> next();
  // For messages: the name of the input.
  void set_name(std::string name) { name_ = std::move(name); }

 private:
  std::istream& in_;
  std::string name_ = "-";
  int line_ = 0;
};

}  // namespace limber
