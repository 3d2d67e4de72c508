#pragma once
// The input readers, one per format. Each reads one stream and emits its
// records in order, each with the bytes of the stream read up to its end
// (RawRecord::end_offset, for progress); none parses a profile (the batch
// workers do that), so reading stays a fast, single pass.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "io/csv_profile.h"
#include "io/record.h"
#include "knowledge/schema.h"

namespace limber {

// Where a stream's records start: line and record numbers are counted
// from here (a part of a larger file keeps its numbers). A CSV part starts
// with the file's header: its rows' lines are counted after it.
struct StreamStart {
  int line_offset = 0;
  std::uint64_t record_offset = 0;
};

// JSONL: blocks of kBlockRecords non-blank lines (RawRecord::Kind::Lines).
void read_jsonl(std::istream& in, const std::string& name, StreamStart start, const Emit& emit);

// YAML: one record per document, split on `---` and `...` markers.
void read_yaml(std::istream& in, const std::string& name, StreamStart start, const Emit& emit);

// JSON: an object, or an array of them.
void read_json(std::istream& in, const std::string& name, StreamStart start, const Schema& schema, const Emit& emit);

// CSV: one record per row (RawRecord::Kind::Cells), the header read
// first (or given, when it was read ahead), blank rows skipped and counted.
struct CsvInput {
  CsvReader* reader = nullptr;                     // positioned after the header when `header` is given
  std::optional<CsvRecord> header;                 // read ahead
  const std::vector<std::string>* kept = nullptr;  // the output's kept columns
  std::uint64_t* blank_rows = nullptr;             // counted here
};
void read_csv(CsvInput input, const std::string& name, StreamStart start, const Schema& schema, const Emit& emit);

}  // namespace limber
