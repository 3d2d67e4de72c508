#pragma once
// `limber batch`: many profiles from files, evaluated in parallel, written
// in input order. Every input record gives exactly one output record; a
// record that cannot be read gives an error record in its place.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/text.h"
#include "engine/engine.h"
#include "io/csv.h"
#include "knowledge/yaml.h"

namespace limber {

struct Renderer;

enum class InputFormat : std::uint8_t { Auto, Yaml, Json, Jsonl, Csv };
enum class BatchOutput : std::uint8_t { Jsonl, Files, Summary };

// The format a file's extension implies, or Auto.
InputFormat format_of(const std::string& path);

// One record as read, before parsing (which the workers do); or, for
// JSONL, a block of whole lines the workers cut into records.
struct RawRecord {
  enum class Kind : std::uint8_t { Text, Lines, Node, Cells, Failed };
  Kind kind = Kind::Text;
  std::string file;                            // as shown in messages
  int line = 0;                                // where the record (Lines: the block) starts
  std::uint64_t index = 0;                     // 1-based within its file: the id FILE:N when none is given
                                               // (Lines: the first record's)
  std::uint64_t count = 1;                     // records: 1, or the block's non-blank lines
  std::string text;                            // Text: a YAML or JSON document; Lines: the lines
  std::shared_ptr<const yaml::Source> source;  // Node: the file it came from
  const yaml::Node* node = nullptr;            // Node: kept alive by `owner`
  std::shared_ptr<const void> owner;
  std::vector<CsvField> cells;                      // Cells
  std::shared_ptr<const std::vector<int>> columns;  // Cells: field per column
  std::shared_ptr<const Error> header_error;        // Cells: a bad header fails every row
  std::shared_ptr<const Error> error;               // Failed: why it could not be read

  std::string label() const { return file + ":" + std::to_string(line); }
};

// Records in a JSONL block (RawRecord::Kind::Lines), the last one of a file
// excepted.
constexpr std::uint64_t kBlockRecords = 256;

// Reads the records of every input in order: files, folders (recursively,
// by extension), and "-" (stdin, in `stdin_format`). Calls `emit` for each.
// Throws UsageError for an input that does not exist.
class RecordReader {
 public:
  RecordReader(const Schema& schema, std::vector<std::string> inputs, InputFormat stdin_format);
  // Every input file in reading order: folders expanded (sorted), "-" kept.
  const std::vector<std::string>& files() const { return files_; }
  void read(const std::function<void(RawRecord&&)>& emit) const;

 private:
  void read_file(const std::string& path, const std::function<void(RawRecord&&)>& emit) const;
  const Schema& schema_;
  std::vector<std::string> files_;
  InputFormat stdin_format_;
};

// Per-record limits: one profile is small, whatever the file.
yaml::Limits record_limits();

// Parses a raw record (not Lines) into a profile (the id defaults to
// FILE:N). Throws Error.
Profile parse_record(const RawRecord& record, const Schema& schema);
// Parses one JSON or YAML document, record `index` of `file` starting at
// `line`. Throws Error.
Profile parse_text_record(std::string_view text, const std::string& file, int line, std::uint64_t index,
                          const Schema& schema);

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

// Counts for `--format summary`.
struct BatchSummary {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::array<std::uint64_t, 3> by_status{};  // ok, see_professional_first, stop
  std::vector<std::uint64_t> rule_fired;     // per compiled rule
  std::vector<std::uint64_t> recommended;    // per stretch
  std::vector<std::uint64_t> excluded;       // per stretch
  std::map<std::string, std::uint64_t> error_kinds;

  BatchSummary(std::size_t rules, std::size_t stretches);
  void add(const Result& result);
  void add_error(const Error& error);
  void merge(const BatchSummary& other);
  std::string text(const Engine& engine) const;
  std::string json(const Engine& engine) const;
};

// "unknown field 'x' (did you mean 'y'?)" -> "unknown field '…' (did you mean '…'?)"
std::string error_kind(std::string_view message);

struct BatchOptions {
  std::vector<std::string> inputs;
  InputFormat stdin_format = InputFormat::Auto;
  BatchOutput output = BatchOutput::Jsonl;
  const Renderer* renderer = nullptr;  // Files: the format of each profile's file (registry.h)
  std::string output_path;             // a file (jsonl, summary) or a folder (files); "" = stdout
  bool force = false;
  bool summary_json = false;
  unsigned jobs = 1;
  bool progress = false;  // a progress line on stderr
};

struct BatchReport {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
};

// Runs the batch; throws UsageError for bad inputs or an unwritable output.
BatchReport run_batch(const Engine& engine, const BatchOptions& options);

// A file name from a profile id: lower-case letters, digits, '-' and '_'.
std::string safe_file_name(std::string_view id);

}  // namespace limber
