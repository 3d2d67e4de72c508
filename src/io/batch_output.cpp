#include "io/batch_output.h"

#include "base/output.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "render/registry.h"
#include "render/render_csv.h"

namespace limber {

namespace fs = std::filesystem;

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

std::string csv_header(const std::vector<std::string>& kept) {
  std::string out(csv_columns());
  out += ",input";
  for (const std::string& k : kept) {
    out += ',';
    append_csv_text(out, k);
  }
  out += '\n';
  return out;
}

ChunkWorker::ChunkWorker(const Engine& engine, const BatchOptions& options, const std::vector<std::string>& kept,
                         const GroupBy* by)
    : engine_(engine), options_(options), kept_(kept), index_(engine) {
  if (options.output == BatchOutput::Jsonl) json_.emplace(engine);
  if (options.output == BatchOutput::Summary) summary_.emplace(engine, by);
}

// `"key":{"column":"value",...}` of a CSV row's kept columns, or nothing.
void ChunkWorker::kept_json(const RawRecord& rec, std::string_view key, std::string& out) const {
  if (kept_.empty() || rec.kind != RawRecord::Kind::Cells || rec.cells.size() != rec.columns->kept.size()) return;
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (std::size_t c = 0; c < rec.cells.size(); ++c) {
    const int k = rec.columns->kept[c];
    if (k >= 0) j[kept_[static_cast<std::size_t>(k)]] = rec.cells[c].text;
  }
  // Replace the closing "}\n" of the object just written.
  out.resize(out.size() - 2);
  out += fmt::format(",\"{}\":{}}}\n", key, j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

// The cell of the kept column that --by names (empty when none or not a CSV row).
std::string_view ChunkWorker::grouped_cell(const RawRecord& rec) const {
  const GroupBy* by = summary_->by();
  if (by == nullptr || by->column() < 0 || rec.kind != RawRecord::Kind::Cells ||
      rec.cells.size() != rec.columns->kept.size())
    return {};
  for (std::size_t c = 0; c < rec.cells.size(); ++c) {
    if (rec.columns->kept[c] == by->column()) return rec.cells[c].text;
  }
  return {};
}

// The kept columns' cells of a CSV row (empty for other records).
void ChunkWorker::kept_csv(const RawRecord& rec, std::string& out) const {
  if (kept_.empty()) return;
  std::vector<std::string_view> cells(kept_.size());
  if (rec.kind == RawRecord::Kind::Cells && rec.cells.size() == rec.columns->kept.size()) {
    for (std::size_t c = 0; c < rec.cells.size(); ++c) {
      const int k = rec.columns->kept[c];
      if (k >= 0) cells[static_cast<std::size_t>(k)] = rec.cells[c].text;
    }
  }
  for (const std::string_view cell : cells) {
    out += ',';
    append_csv_text(out, cell);
  }
}

void ChunkWorker::routine(Chunk& chunk, const RawRecord& rec, const Profile& p, int line, std::uint64_t index) {
  make_answer(index_, p, result_, answer_);
  switch (options_.output) {
    case BatchOutput::Jsonl:
      json_->render(answer_, false, chunk.text);
      kept_json(rec, "input", chunk.text);
      break;
    case BatchOutput::Csv:
      render_csv_row(answer_, chunk.text);
      chunk.text += ',';
      append_csv_text(chunk.text, fmt::format("{}:{}", rec.file, line));
      kept_csv(rec, chunk.text);
      chunk.text += '\n';
      break;
    case BatchOutput::Files: {
      chunk.outputs.push_back(options_.renderer->render(answer_, TextStyle{}));
      // A record without an id is named after its file's name and number.
      const bool named = ((p.given >> engine_.schema().id) & 1u) != 0;
      chunk.names.push_back(
          safe_file_name(named ? p.id : fmt::format("{}-{}", fs::path(rec.file).filename().string(), index)));
      chunk.errors.emplace_back();
      break;
    }
    case BatchOutput::Summary: break;
  }
}

void ChunkWorker::error(Chunk& chunk, const RawRecord& rec, int line, std::uint64_t index, std::uint64_t order,
                        const Error& e) {
  ++chunk.failed;
  switch (options_.output) {
    case BatchOutput::Summary: {
      const Location& at = e.where();
      std::string where = at.line > 0 ? fmt::format("{}:{}", at.file, at.line) : fmt::format("{}:{}", rec.file, line);
      if (at.line > 0 && at.column > 0) where += fmt::format(":{}", at.column);
      summary_->add_error(e.message(), ErrorPlace{order, std::move(where)});
      break;
    }
    case BatchOutput::Jsonl:
      chunk.text += error_line(rec.file, line, e);
      kept_json(rec, "columns", chunk.text);
      break;
    case BatchOutput::Csv: {
      // A row's id, when its id cell could be read, else FILE:N.
      std::string id = fmt::format("{}:{}", rec.file, index);
      if (rec.kind == RawRecord::Kind::Cells && rec.cells.size() == rec.columns->field.size()) {
        for (std::size_t c = 0; c < rec.cells.size(); ++c) {
          if (rec.columns->field[c] == engine_.schema().id && !is_blank(rec.cells[c].text)) id = rec.cells[c].text;
        }
      }
      render_csv_error_row(id, e.one_line(), chunk.text);
      chunk.text += ',';
      append_csv_text(chunk.text, fmt::format("{}:{}", rec.file, line));
      kept_csv(rec, chunk.text);
      chunk.text += '\n';
      break;
    }
    case BatchOutput::Files:
      chunk.outputs.emplace_back();
      chunk.names.emplace_back();
      chunk.errors.push_back(e.render(false));
      break;
  }
}

template <class Parse>
void ChunkWorker::one(Chunk& chunk, const RawRecord& rec, int line, std::uint64_t index, std::uint64_t order,
                      Parse parse) {
  try {
    const Profile p = parse();
    engine_.evaluate(p, result_);
    if (summary_) {
      summary_->add(p, result_, grouped_cell(rec));
    } else {
      routine(chunk, rec, p, line, index);
    }
  } catch (const Error& e) {
    error(chunk, rec, line, index, order, e);
  }
}

void ChunkWorker::process(Chunk& chunk) {
  const Schema& schema = engine_.schema();
  chunk.count = 0;
  for (const RawRecord& rec : chunk.records) chunk.count += rec.count;
  // A routine line is about 7 KB: one allocation for the chunk's lines.
  if (options_.output == BatchOutput::Jsonl) chunk.text.reserve(chunk.count * 8192);
  if (options_.output == BatchOutput::Csv) chunk.text.reserve(chunk.count * 1024);
  std::uint64_t order = chunk.seq << 20;  // input order, for the summary's first error lines
  for (const RawRecord& rec : chunk.records) {
    if (rec.kind == RawRecord::Kind::Lines) {
      for_each_line(rec, [&](int line, std::uint64_t index, std::string_view text) {
        one(chunk, rec, line, index, order++, [&] { return parse_text_record(text, rec.file, line, index, schema); });
      });
      continue;
    }
    warnings_.clear();
    one(chunk, rec, rec.line, rec.index, order++, [&] { return parse_record(rec, schema, warnings_); });
    for (CsvWarning& w : warnings_) {
      const bool seen = std::any_of(chunk.warnings.begin(), chunk.warnings.end(), [&](const CsvWarning& o) {
        return o.field_column == w.field_column && o.text == w.text && o.file == w.file;
      });
      if (!seen) chunk.warnings.push_back(std::move(w));
    }
  }
  chunk.records.clear();
  chunk.records.shrink_to_fit();
}

Sink::Sink(const std::string& path, bool force) : path_(path) {
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
    if (file_ == nullptr) throw Error(Location{path, 0, 0, {}}, fmt::format("cannot write: {}", std::strerror(errno)));
    return;
  }
  atomic_.emplace(path);
}

Sink::~Sink() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
}

void Sink::write(std::string_view s) {
  if (atomic_) {
    atomic_->write(s);
  } else if (std::fwrite(s.data(), 1, s.size(), file_) != s.size()) {
    fail(errno);
  }
}

void Sink::commit() {
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

void Sink::fail(int error) const {
  if (error == EPIPE && file_ == stdout) throw ClosedPipe{};  // the reader has gone: not a failure
  throw Error(Location{path_.empty() ? "<stdout>" : path_, 0, 0, {}},
              fmt::format("cannot write the output: {}", std::strerror(error)));
}

}  // namespace limber
