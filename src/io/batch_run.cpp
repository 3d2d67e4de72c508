// The batch pipeline: one reader thread cuts the input into chunks, N
// workers evaluate them, and the calling thread writes them back in input
// order. At most a few chunks per worker are in flight, so memory stays
// flat however large the input is.

#include <fmt/format.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "base/output.h"
#include "io/batch_output.h"
#include "io/progress.h"
#include "render/registry.h"

namespace limber {

namespace fs = std::filesystem;

namespace {

// Records per chunk (a JSONL block is one chunk).
constexpr std::uint64_t kChunkRecords = kBlockRecords;

class Pipeline {
 public:
  Pipeline(const Engine& engine, const BatchOptions& options)
      : engine_(engine), o_(options), reader_(engine.schema(), options.inputs, options.reader) {
    if (o_.by) by_.emplace(engine.schema(), *o_.by, o_.bands, reader_.kept_columns());
    open_output();
  }
  BatchReport run();

 private:
  void open_output();
  void read_all();
  void work();
  void write(Chunk& chunk);
  void write_files(Chunk& chunk);
  void submit(std::unique_ptr<Chunk> chunk);
  void fail(std::exception_ptr e);

  const Engine& engine_;
  const BatchOptions& o_;
  RecordReader reader_;
  std::optional<GroupBy> by_;
  std::optional<Sink> sink_;

  std::mutex m_;
  std::condition_variable work_ready_, chunk_done_, space_;
  std::deque<std::unique_ptr<Chunk>> todo_;
  // Output buffers of chunks already written, reused: no chunk-sized
  // allocation (and page faults) per chunk. At most one per chunk in flight.
  std::vector<std::string> spare_;
  std::map<std::uint64_t, std::unique_ptr<Chunk>> done_;
  std::size_t in_flight_ = 0;
  std::size_t max_in_flight_ = 4;
  std::uint64_t submitted_ = 0;
  bool reading_done_ = false;
  bool abort_ = false;
  std::exception_ptr failure_;
  std::vector<std::unique_ptr<ChunkWorker>> workers_;

  BatchReport report_;
  UniqueNames names_;
  std::set<std::tuple<std::string, int, std::string>> warned_;  // (file, column, value)
};

void Pipeline::open_output() {
  if (o_.output != BatchOutput::Files) {
    sink_.emplace(o_.output_path, o_.force);
    return;
  }
  if (o_.output_path.empty()) {
    throw UsageError(fmt::format("--format {} needs -o DIR", o_.renderer->name),
                     "e.g. limber batch people.csv --format markdown -o routines/");
  }
  std::error_code ec;
  fs::create_directories(o_.output_path, ec);
  if (!fs::is_directory(o_.output_path)) {
    throw UsageError(Location{o_.output_path, 0, 0, {}}, fmt::format("cannot create the folder: {}", ec.message()));
  }
}

void Pipeline::fail(std::exception_ptr e) {
  std::lock_guard lock(m_);
  if (!failure_) failure_ = std::move(e);
  abort_ = true;
  work_ready_.notify_all();
  chunk_done_.notify_all();
  space_.notify_all();
}

void Pipeline::submit(std::unique_ptr<Chunk> chunk) {
  std::unique_lock lock(m_);
  space_.wait(lock, [&] { return in_flight_ < max_in_flight_ || abort_; });
  if (abort_) return;
  chunk->seq = submitted_++;
  ++in_flight_;
  todo_.push_back(std::move(chunk));
  work_ready_.notify_one();
}

void Pipeline::read_all() {
  try {
    auto chunk = std::make_unique<Chunk>();
    std::uint64_t records = 0;  // in `chunk`
    reader_.read([&](RawRecord&& r) {
      records += r.count;
      chunk->end_offset = r.end_offset;
      chunk->records.push_back(std::move(r));
      if (records >= kChunkRecords) {
        submit(std::move(chunk));
        chunk = std::make_unique<Chunk>();
        records = 0;
      }
    });
    if (!chunk->records.empty()) submit(std::move(chunk));
  } catch (...) {
    fail(std::current_exception());
  }
  std::lock_guard lock(m_);
  reading_done_ = true;
  work_ready_.notify_all();
  chunk_done_.notify_all();
}

void Pipeline::work() {
  ChunkWorker* worker = nullptr;
  {
    std::lock_guard lock(m_);
    workers_.push_back(std::make_unique<ChunkWorker>(engine_, o_, reader_.kept_columns(), by_ ? &*by_ : nullptr));
    worker = workers_.back().get();
  }
  while (true) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(m_);
      work_ready_.wait(lock, [&] { return !todo_.empty() || reading_done_ || abort_; });
      if (abort_ || todo_.empty()) return;
      chunk = std::move(todo_.front());
      todo_.pop_front();
      if (!spare_.empty()) {
        chunk->text = std::move(spare_.back());
        chunk->text.clear();
        spare_.pop_back();
      }
    }
    try {
      worker->process(*chunk);
    } catch (...) {
      fail(std::current_exception());
      return;
    }
    std::lock_guard lock(m_);
    done_.emplace(chunk->seq, std::move(chunk));
    chunk_done_.notify_all();
  }
}

void Pipeline::write_files(Chunk& c) {
  for (std::size_t i = 0; i < c.outputs.size(); ++i) {
    if (!c.errors[i].empty()) {
      std::fputs(c.errors[i].c_str(), stderr);
      continue;
    }
    const std::string path =
        (fs::path(o_.output_path) / (names_.take(c.names[i]) + std::string(o_.renderer->extension))).string();
    std::error_code ec;
    if (!o_.force && fs::exists(path, ec)) {
      ++report_.errors;
      std::fputs(Error(Location{path, 0, 0, {}}, "the file exists already; not replaced", "use --force to replace it")
                     .render(false)
                     .c_str(),
                 stderr);
      continue;
    }
    write_output(path, c.outputs[i], true);  // existence checked above
  }
}

void Pipeline::write(Chunk& c) {
  report_.records += c.count;
  report_.errors += c.failed;
  for (const CsvWarning& w : c.warnings) {
    if (warned_.emplace(w.file, w.field_column, w.text).second) std::fputs(w.render().c_str(), stderr);
  }
  if (o_.output == BatchOutput::Jsonl || o_.output == BatchOutput::Csv) {
    sink_->write(c.text);
  } else if (o_.output == BatchOutput::Files) {
    write_files(c);
  }
}

BatchReport Pipeline::run() {
  const unsigned jobs = std::max(1u, o_.jobs);
  max_in_flight_ = static_cast<std::size_t>(jobs) * 4;
  Progress progress(o_.progress, o_.progress_terminal, reader_.total_bytes());
  if (o_.output == BatchOutput::Csv && o_.csv_header) sink_->write(csv_header(reader_.kept_columns()));
  std::thread read_thread([this] { read_all(); });
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < jobs; ++w) threads.emplace_back([this] { work(); });

  std::exception_ptr write_failure;
  for (std::uint64_t next = 0;; ++next) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(m_);
      chunk_done_.wait(lock, [&] { return done_.count(next) != 0 || abort_ || (reading_done_ && next == submitted_); });
      if (abort_ || done_.count(next) == 0) break;
      chunk = std::move(done_[next]);
      done_.erase(next);
      --in_flight_;
      space_.notify_one();
    }
    try {
      write(*chunk);
      progress.update(report_.records, report_.errors, chunk->end_offset);
      if (chunk->text.capacity() != 0) {
        std::lock_guard lock(m_);
        spare_.push_back(std::move(chunk->text));
      }
    } catch (...) {
      write_failure = std::current_exception();
      fail(nullptr);
      break;
    }
  }
  read_thread.join();
  for (std::thread& t : threads) t.join();
  if (write_failure) std::rethrow_exception(write_failure);
  if (failure_) std::rethrow_exception(failure_);
  report_.blank_rows = reader_.blank_rows();
  if (o_.output == BatchOutput::Summary) {
    BatchSummary summary(engine_, by_ ? &*by_ : nullptr);
    for (const auto& w : workers_) summary.merge(*w->summary());
    summary.set_blank_rows(report_.blank_rows);
    report_.records = summary.records();
    report_.errors = summary.errors();
    sink_->write(o_.summary_format == SummaryFormat::Json  ? summary.json()
                 : o_.summary_format == SummaryFormat::Csv ? summary.csv()
                                                           : summary.text());
  }
  if (sink_) sink_->commit();
  progress.finish(report_.records, report_.errors, report_.blank_rows);
  return report_;
}

}  // namespace

BatchReport run_batch(const Engine& engine, const BatchOptions& options) {
  Pipeline pipeline(engine, options);
  return pipeline.run();
}

}  // namespace limber
