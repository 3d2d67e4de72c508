// The batch pipeline: one reader thread cuts the input into chunks, N
// workers evaluate them, and the calling thread writes them back in input
// order. At most a few chunks per worker are in flight, so memory stays
// flat however large the input is.

#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "base/atomic_file.h"
#include "base/output.h"
#include "engine/answer.h"
#include "io/batch.h"
#include "render/registry.h"

namespace limber {

namespace fs = std::filesystem;

namespace {

// Records per chunk (a JSONL block is one chunk).
constexpr std::uint64_t kChunkRecords = kBlockRecords;

struct Chunk {
  std::uint64_t seq = 0;
  std::vector<RawRecord> records;
  std::uint64_t count = 0;           // records in the chunk
  std::string jsonl;                 // JSONL: every record's line, in order
  std::vector<std::string> outputs;  // Files: per record, the document
  std::vector<std::string> names;    // Markdown: the file stem; "" for a failed record
  std::vector<std::string> errors;   // Markdown: the error to report, per record
  std::optional<BatchSummary> summary;
  std::uint64_t failed = 0;
};

std::string error_line(const std::string& file, int line, const Error& e) {
  nlohmann::ordered_json j;
  j["schema"] = "limber.error/1";
  // `input` names the record (where it starts); line and column, the spot.
  j["input"] = fmt::format("{}:{}", file, line);
  j["error"] = e.one_line();
  if (e.where().line > 0 && e.where().file == file) j["line"] = e.where().line;
  if (e.where().column > 0) j["column"] = e.where().column;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

// What a worker reuses from record to record besides its Result.
struct WorkerState {
  explicit WorkerState(const Engine& engine) : index(engine) {}
  AnswerIndex index;
  Answer answer;
  std::optional<JsonRenderer> json;  // JSONL: the knowledge base's texts, escaped once
};

void process(const Engine& engine, const BatchOptions& o, Chunk& chunk, Result& scratch, WorkerState& w) {
  const Schema& schema = engine.schema();
  if (o.output == BatchOutput::Summary) chunk.summary.emplace(engine.rules().size(), engine.kb().stretches.size());
  chunk.count = 0;
  for (const RawRecord& rec : chunk.records) chunk.count += rec.count;
  // A routine line is about 7 KB: one allocation for the chunk's lines.
  if (o.output == BatchOutput::Jsonl) chunk.jsonl.reserve(chunk.count * 8192);
  // One record: `parse` gives its profile or throws.
  auto handle = [&](const std::string& file, int line, std::uint64_t index, auto&& parse) {
    try {
      const Profile p = parse();
      engine.evaluate(p, scratch);
      if (o.output == BatchOutput::Summary) {
        chunk.summary->add(scratch);
        return;
      }
      make_answer(w.index, p, scratch, w.answer);
      const Answer& a = w.answer;
      if (o.output == BatchOutput::Jsonl) {
        w.json->render(a, false, chunk.jsonl);
      } else {
        chunk.outputs.push_back(o.renderer->render(a, TextStyle{}));
        // A record without an id is named after its file's name and number.
        const bool named = ((p.given >> schema.id) & 1u) != 0;
        chunk.names.push_back(
            safe_file_name(named ? p.id : fmt::format("{}-{}", fs::path(file).filename().string(), index)));
        chunk.errors.emplace_back();
      }
    } catch (const Error& e) {
      ++chunk.failed;
      if (o.output == BatchOutput::Summary) {
        chunk.summary->add_error(e);
      } else if (o.output == BatchOutput::Jsonl) {
        chunk.jsonl += error_line(file, line, e);
      } else {
        chunk.outputs.emplace_back();
        chunk.names.emplace_back();
        chunk.errors.push_back(e.render(false));
      }
    }
  };
  for (const RawRecord& rec : chunk.records) {
    if (rec.kind == RawRecord::Kind::Lines) {
      for_each_line(rec, [&](int line, std::uint64_t index, std::string_view text) {
        handle(rec.file, line, index, [&] { return parse_text_record(text, rec.file, line, index, schema); });
      });
    } else {
      handle(rec.file, rec.line, rec.index, [&] { return parse_record(rec, schema); });
    }
  }
  chunk.records.clear();
  chunk.records.shrink_to_fit();
}

// Where JSONL or a summary goes: stdout, a special file (/dev/null, a pipe)
// written in place, or an AtomicFile committed at the end, so a failed run
// leaves nothing.
class Sink {
 public:
  Sink(const std::string& path, bool force) : path_(path) {
    if (path.empty() || path == "-") {
      file_ = stdout;
      return;
    }
    std::error_code ec;
    if (!force && fs::is_regular_file(path, ec)) {
      throw UsageError(Location{path, 0, 0, {}}, "the file exists already", "use --force to replace it");
    }
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
      file_ = std::fopen(path.c_str(), "w");  // /dev/null, a pipe
      if (file_ == nullptr)
        throw Error(Location{path, 0, 0, {}}, fmt::format("cannot write: {}", std::strerror(errno)));
      return;
    }
    atomic_.emplace(path);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() {
    if (file_ != nullptr && file_ != stdout) std::fclose(file_);
  }
  void write(std::string_view s) {
    if (atomic_) {
      atomic_->write(s);
    } else if (std::fwrite(s.data(), 1, s.size(), file_) != s.size()) {
      fail(errno);
    }
  }
  void commit() {
    if (atomic_) {
      atomic_->commit();
      return;
    }
    if (std::fflush(file_) != 0) fail(errno);
    if (file_ != stdout) {
      const int closed = std::fclose(file_);
      file_ = nullptr;
      if (closed != 0) fail(errno);
    }
  }

 private:
  [[noreturn]] void fail(int error) const {
    if (error == EPIPE && file_ == stdout) throw ClosedPipe{};  // the reader has gone: not a failure
    throw Error(Location{path_.empty() ? "<stdout>" : path_, 0, 0, {}},
                fmt::format("cannot write the output: {}", std::strerror(error)));
  }
  std::string path_;
  std::optional<AtomicFile> atomic_;
  std::FILE* file_ = nullptr;
};

}  // namespace

BatchReport run_batch(const Engine& engine, const BatchOptions& o) {
  const RecordReader reader(engine.schema(), o.inputs, o.stdin_format);
  std::optional<Sink> sink;
  if (o.output == BatchOutput::Files) {
    if (o.output_path.empty())
      throw UsageError(fmt::format("--format {} needs -o DIR", o.renderer->name),
                       "e.g. limber batch people.csv --format markdown -o routines/");
    std::error_code ec;
    fs::create_directories(o.output_path, ec);
    if (!fs::is_directory(o.output_path)) {
      throw UsageError(Location{o.output_path, 0, 0, {}}, fmt::format("cannot create the folder: {}", ec.message()));
    }
  } else {
    sink.emplace(o.output_path, o.force);
  }

  const unsigned jobs = std::max(1u, o.jobs);
  const std::size_t max_in_flight = static_cast<std::size_t>(jobs) * 4;
  std::mutex m;
  std::condition_variable work_ready;
  std::condition_variable chunk_done;
  std::condition_variable space;
  std::deque<std::unique_ptr<Chunk>> todo;
  // JSONL buffers of chunks already written, reused: no chunk-sized
  // allocation (and page faults) per chunk. At most one per chunk in flight.
  std::vector<std::string> spare;
  std::map<std::uint64_t, std::unique_ptr<Chunk>> done;
  std::size_t in_flight = 0;
  std::uint64_t submitted = 0;
  bool reading_done = false;
  bool abort = false;
  std::exception_ptr failure;

  auto submit = [&](std::unique_ptr<Chunk> chunk) {
    std::unique_lock lock(m);
    space.wait(lock, [&] { return in_flight < max_in_flight || abort; });
    if (abort) return;
    chunk->seq = submitted++;
    ++in_flight;
    todo.push_back(std::move(chunk));
    work_ready.notify_one();
  };
  std::thread read_thread([&] {
    try {
      auto chunk = std::make_unique<Chunk>();
      std::uint64_t records = 0;  // in `chunk`
      reader.read([&](RawRecord&& r) {
        records += r.count;
        chunk->records.push_back(std::move(r));
        if (records >= kChunkRecords) {
          submit(std::move(chunk));
          chunk = std::make_unique<Chunk>();
          records = 0;
        }
      });
      if (!chunk->records.empty()) submit(std::move(chunk));
    } catch (...) {
      std::lock_guard lock(m);
      if (!failure) failure = std::current_exception();
    }
    std::lock_guard lock(m);
    reading_done = true;
    work_ready.notify_all();
    chunk_done.notify_all();
  });
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      Result scratch;
      WorkerState state(engine);
      if (o.output == BatchOutput::Jsonl) state.json.emplace(engine);
      while (true) {
        std::unique_ptr<Chunk> chunk;
        {
          std::unique_lock lock(m);
          work_ready.wait(lock, [&] { return !todo.empty() || reading_done || abort; });
          if (abort || todo.empty()) return;
          chunk = std::move(todo.front());
          todo.pop_front();
          if (!spare.empty()) {
            chunk->jsonl = std::move(spare.back());
            chunk->jsonl.clear();
            spare.pop_back();
          }
        }
        try {
          process(engine, o, *chunk, scratch, state);
        } catch (...) {
          std::lock_guard lock(m);
          if (!failure) failure = std::current_exception();
          abort = true;
          chunk_done.notify_all();
          space.notify_all();
          return;
        }
        std::lock_guard lock(m);
        done.emplace(chunk->seq, std::move(chunk));
        chunk_done.notify_all();
      }
    });
  }

  BatchReport report;
  BatchSummary summary(engine.rules().size(), engine.kb().stretches.size());
  std::map<std::string, int> names_used;
  const auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  auto write_chunk = [&](Chunk& c) {
    if (c.summary) {
      summary.merge(*c.summary);
      report.records += c.summary->records;
    } else {
      report.records += c.count;
    }
    report.errors += c.failed;
    if (o.output == BatchOutput::Jsonl) {
      sink->write(c.jsonl);
    } else if (o.output == BatchOutput::Files) {
      for (std::size_t i = 0; i < c.outputs.size(); ++i) {
        if (!c.errors[i].empty()) {
          std::fputs(c.errors[i].c_str(), stderr);
          continue;
        }
        // Unique within the run: a second "jo" becomes "jo-2".
        const int n = ++names_used[c.names[i]];
        const std::string stem = n == 1 ? c.names[i] : fmt::format("{}-{}", c.names[i], n);
        const std::string path = (fs::path(o.output_path) / (stem + std::string(o.renderer->extension))).string();
        std::error_code ec;
        if (!o.force && fs::exists(path, ec)) {
          ++report.errors;
          std::fputs(
              Error(Location{path, 0, 0, {}}, "the file exists already; not replaced", "use --force to replace it")
                  .render(false)
                  .c_str(),
              stderr);
          continue;
        }
        write_output(path, c.outputs[i], true);  // existence checked above
      }
    }
    if (o.progress) {
      const auto now = std::chrono::steady_clock::now();
      if (now - start > std::chrono::seconds(1) && now - last_progress > std::chrono::milliseconds(250)) {
        last_progress = now;
        const double secs = std::chrono::duration<double>(now - start).count();
        std::fprintf(stderr, "\rlimber batch: %llu records, %.0f/s ", static_cast<unsigned long long>(report.records),
                     static_cast<double>(report.records) / secs);
      }
    }
  };

  std::exception_ptr write_failure;
  for (std::uint64_t next = 0;; ++next) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock lock(m);
      chunk_done.wait(lock, [&] { return done.count(next) != 0 || abort || (reading_done && next == submitted); });
      if (abort || done.count(next) == 0) break;
      chunk = std::move(done[next]);
      done.erase(next);
      --in_flight;
      space.notify_one();
    }
    try {
      write_chunk(*chunk);
      if (chunk->jsonl.capacity() != 0) {
        std::lock_guard lock(m);
        spare.push_back(std::move(chunk->jsonl));
      }
    } catch (...) {
      write_failure = std::current_exception();
      std::lock_guard lock(m);
      abort = true;
      work_ready.notify_all();
      space.notify_all();
      break;
    }
  }
  read_thread.join();
  for (std::thread& t : workers) t.join();
  if (o.progress && std::chrono::steady_clock::now() - start > std::chrono::seconds(1)) std::fputs("\r\x1b[K", stderr);
  if (write_failure) std::rethrow_exception(write_failure);
  if (failure) std::rethrow_exception(failure);
  if (o.output == BatchOutput::Summary) sink->write(o.summary_json ? summary.json(engine) : summary.text(engine));
  if (sink) sink->commit();
  return report;
}

}  // namespace limber
