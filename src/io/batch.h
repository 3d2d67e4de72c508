#pragma once
// `limber batch`: many profiles from files, evaluated in parallel, written
// in input order. Every input record gives exactly one output record; a
// record that cannot be read gives an error record in its place.
//
// The parts: io/reader.h (the inputs, one reader per format),
// io/parse_record.h (a record to a profile), io/batch_output.h (a record's
// output), io/batch_run.cpp (the ordered pipeline), io/summary.h (the
// counts), io/progress.h, io/file_names.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "io/file_names.h"
#include "io/parse_record.h"
#include "io/reader.h"
#include "io/summary.h"

namespace limber {

struct Renderer;

enum class BatchOutput : std::uint8_t { Jsonl, Files, Summary, Csv };
enum class SummaryFormat : std::uint8_t { Text, Json, Csv };

struct BatchOptions {
  std::vector<std::string> inputs;
  ReaderOptions reader;
  BatchOutput output = BatchOutput::Jsonl;
  SummaryFormat summary_format = SummaryFormat::Text;
  const Renderer* renderer = nullptr;  // Files: the format of each profile's file (render/registry.h)
  std::string output_path;             // a file (jsonl, csv, summary) or a folder (files); "" = stdout
  bool force = false;
  unsigned jobs = 1;
  bool csv_header = true;           // --format csv: the header row (not for a part of a table)
  std::optional<std::string> by;    // summary: group by this field
  std::vector<std::int64_t> bands;  // ... in these bands (an integer field)
  bool progress = false;            // progress and a final line on stderr
  bool progress_terminal = false;   // ... redrawn in place
};

struct BatchReport {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::uint64_t blank_rows = 0;
};

// Runs the batch; throws UsageError for bad inputs or an unwritable output.
BatchReport run_batch(const Engine& engine, const BatchOptions& options);

}  // namespace limber
