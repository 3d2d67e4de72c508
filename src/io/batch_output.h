#pragma once
// What a batch worker makes of a chunk of records: JSONL lines, CSV rows,
// one file's document per profile (Markdown...) or summary counts, each
// record in its place. Also the
// sink that JSONL, CSV and summaries are written to.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "engine/answer.h"
#include "io/batch.h"
#include "io/csv_profile.h"
#include "render/render.h"

namespace limber {

struct Chunk {
  std::uint64_t seq = 0;
  std::vector<RawRecord> records;
  std::uint64_t count = 0;           // records in the chunk
  std::uint64_t end_offset = 0;      // bytes of input read up to its end
  std::string text;                  // JSONL or CSV: every record's line, in order
  std::vector<std::string> outputs;  // Files: per record, the document
  std::vector<std::string> names;    // Files: the file stem; "" for a failed record
  std::vector<std::string> errors;   // Files: the error to report, per record
  std::vector<CsvWarning> warnings;  // values read by label, first per (file, column, value)
  std::uint64_t failed = 0;
};

// What a worker keeps from record to record.
class ChunkWorker {
 public:
  ChunkWorker(const Engine& engine, const BatchOptions& options, const std::vector<std::string>& kept,
              const GroupBy* by);
  // Fills the chunk's outputs (or this worker's summary) from its records.
  void process(Chunk& chunk);
  BatchSummary* summary() { return summary_ ? &*summary_ : nullptr; }

 private:
  template <class Parse>
  void one(Chunk& chunk, const RawRecord& rec, int line, std::uint64_t index, std::uint64_t order, Parse parse);
  void routine(Chunk& chunk, const RawRecord& rec, const Profile& profile, int line, std::uint64_t index);
  void error(Chunk& chunk, const RawRecord& rec, int line, std::uint64_t index, std::uint64_t order, const Error& e);
  void kept_json(const RawRecord& rec, std::string_view key, std::string& out) const;
  void kept_csv(const RawRecord& rec, std::string& out) const;
  std::string_view grouped_cell(const RawRecord& rec) const;

  const Engine& engine_;
  const BatchOptions& options_;
  const std::vector<std::string>& kept_;
  Result result_;
  AnswerIndex index_;
  Answer answer_;
  std::optional<JsonRenderer> json_;
  std::optional<BatchSummary> summary_;
  std::vector<CsvWarning> warnings_;
};

// The CSV table's header row (with the kept columns).
std::string csv_header(const std::vector<std::string>& kept);

// `limber.error/1` for a record that cannot be read.
std::string error_line(const std::string& file, int line, const Error& e);

// Where JSONL, CSV or a summary goes: stdout, a special file (/dev/null, a
// pipe) written in place, or an AtomicFile committed at the end, so a
// failed run leaves nothing.
class Sink {
 public:
  Sink(const std::string& path, bool force);
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink();
  void write(std::string_view s);
  void commit();

 private:
  [[noreturn]] void fail(int error) const;
  std::string path_;
  std::optional<AtomicFile> atomic_;
  std::FILE* file_ = nullptr;
};

}  // namespace limber
