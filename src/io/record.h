#pragma once
// One input record as read, before parsing (which the batch workers do),
// and the input formats.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/text.h"
#include "io/csv.h"
#include "knowledge/yaml.h"

namespace limber {

enum class InputFormat : std::uint8_t { Auto, Yaml, Json, Jsonl, Csv };

// The format a file's extension implies, or Auto.
InputFormat format_of(const std::string& path);

// How the columns of one CSV file map to the profile: shared by its rows.
struct CsvColumns {
  std::vector<int> field;              // per column: the profile field, or -1 (kept or not read)
  std::vector<int> kept;               // per column: the output's kept column, or -1
  std::shared_ptr<const Error> error;  // a bad header fails every row
};

// One record as read; or, for JSONL, a block of whole lines the workers cut
// into records.
struct RawRecord {
  enum class Kind : std::uint8_t { Text, Lines, Node, Cells, Failed };
  Kind kind = Kind::Text;
  std::string file;                            // as shown in messages
  int line = 0;                                // where the record (Lines: the block) starts
  std::uint64_t index = 0;                     // 1-based within its file: the id FILE:N when none is given
                                               // (Lines: the first record's)
  std::uint64_t count = 1;                     // records: 1, or the block's non-blank lines
  std::uint64_t end_offset = 0;                // bytes of the input read up to the end of this record
  std::string text;                            // Text: a YAML or JSON document; Lines: the lines
  std::shared_ptr<const yaml::Source> source;  // Node: the file it came from
  const yaml::Node* node = nullptr;            // Node: kept alive by `owner`
  std::shared_ptr<const void> owner;
  std::vector<CsvField> cells;                // Cells
  std::shared_ptr<const CsvColumns> columns;  // Cells
  std::shared_ptr<const Error> error;         // Failed: why it could not be read

  std::string label() const { return file + ":" + std::to_string(line); }
};

using Emit = std::function<void(RawRecord&&)>;

// Records in a JSONL block (RawRecord::Kind::Lines), the last one of a file
// excepted.
constexpr std::uint64_t kBlockRecords = 256;

// Per-record limits: one profile is small, whatever the file.
yaml::Limits record_limits();

// A record that could not be read.
RawRecord failed_record(const std::string& file, int line, std::uint64_t index, Error error);

// Calls f(line, index, text) for every record of a Lines block: its
// non-blank lines, without the line end.
template <class F>
void for_each_line(const RawRecord& block, F f) {
  std::string_view rest = block.text;
  int line = block.line;
  std::uint64_t index = block.index;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view text = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (!is_blank(text)) f(line, index++, text);
    ++line;
  }
}

}  // namespace limber
