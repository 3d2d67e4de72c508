#pragma once
// The inputs of a batch, in order: files, folders (recursively, by
// extension, sorted) and "-" (stdin), each read by its format's reader.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/readers.h"

namespace limber {

struct ReaderOptions {
  InputFormat stdin_format = InputFormat::Auto;
  std::string stdin_name = "-";  // stdin in messages and FILE:N ids
  StreamStart stdin_start;       // stdin is a part of a larger file from here
  bool keep_columns = false;     // CSV columns that are no profile field are carried, not refused
};

class RecordReader {
 public:
  // Throws UsageError for an input that does not exist. With
  // keep_columns, reads every CSV header now, for kept_columns().
  RecordReader(const Schema& schema, std::vector<std::string> inputs, ReaderOptions options = {});
  RecordReader(const Schema& schema, std::vector<std::string> inputs, InputFormat stdin_format);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Every input file in reading order: folders expanded (sorted), "-" kept.
  const std::vector<std::string>& files() const { return files_; }
  // The CSV columns that are no profile field, in order of first appearance.
  const std::vector<std::string>& kept_columns() const { return kept_; }
  // The total size of the inputs in bytes, or 0 when unknown (a pipe).
  std::uint64_t total_bytes() const { return total_bytes_; }
  // Blank CSV rows skipped so far (read it once read() has returned).
  std::uint64_t blank_rows() const { return blank_rows_; }

  // Emits every record in order, end_offset counted over all the inputs.
  void read(const Emit& emit);

 private:
  void read_file(const std::string& path, std::uint64_t base, const Emit& emit);
  void read_header_ahead(const std::string& path);
  const Schema& schema_;
  ReaderOptions options_;
  std::vector<std::string> files_;
  std::vector<std::string> kept_;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t blank_rows_ = 0;
  std::unique_ptr<CsvReader> stdin_csv_;  // stdin's CSV reader, its header read ahead
  std::optional<CsvRecord> stdin_header_;
};

}  // namespace limber
