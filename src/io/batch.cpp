#include "io/batch.h"

#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "base/text.h"
#include "engine/answer.h"
#include "io/json_record.h"
#include "knowledge/knowledge.h"
#include "render/render.h"

namespace limber {

namespace fs = std::filesystem;

InputFormat format_of(const std::string& path) {
  const std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".yaml" || ext == ".yml") return InputFormat::Yaml;
  if (ext == ".json") return InputFormat::Json;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::Jsonl;
  if (ext == ".csv") return InputFormat::Csv;
  return InputFormat::Auto;
}

yaml::Limits record_limits() {
  yaml::Limits l;
  l.max_bytes = 1u << 20;
  l.max_depth = 32;
  l.max_nodes = 10'000;
  return l;
}

namespace {

bool is_document_marker(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line == "---" || line.starts_with("--- ") || line == "...";
}

// "Auto" for stdin: sniff the first non-blank character.
InputFormat sniff(std::istream& in) {
  while (true) {
    const int c = in.peek();
    if (c == EOF) return InputFormat::Yaml;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      in.get();
      continue;
    }
    if (c == '[') return InputFormat::Json;
    if (c == '{') return InputFormat::Jsonl;
    return InputFormat::Yaml;
  }
}

RawRecord failed(const std::string& file, int line, std::uint64_t index, Error error) {
  RawRecord r;
  r.kind = RawRecord::Kind::Failed;
  r.file = file;
  r.line = line;
  r.index = index;
  r.error = std::make_shared<const Error>(std::move(error));
  return r;
}

}  // namespace

RecordReader::RecordReader(const Schema& schema, std::vector<std::string> inputs, InputFormat stdin_format)
    : schema_(schema), stdin_format_(stdin_format) {
  for (const std::string& in : inputs) {
    if (in == "-") {
      files_.push_back(in);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec) && format_of(it->path().string()) != InputFormat::Auto)
          found.push_back(it->path().string());
      }
      if (ec) throw UsageError(Location{in, 0, 0, {}}, fmt::format("cannot list the folder: {}", ec.message()));
      std::sort(found.begin(), found.end());
      files_.insert(files_.end(), found.begin(), found.end());
    } else if (fs::exists(in, ec)) {
      if (format_of(in) == InputFormat::Auto) {
        throw UsageError(Location{in, 0, 0, {}}, "unknown input format",
                         "name the file .yaml, .yml, .json, .jsonl or .csv");
      }
      files_.push_back(in);
    } else {
      throw UsageError(Location{in, 0, 0, {}}, "no such file or folder");
    }
  }
  if (std::count(files_.begin(), files_.end(), "-") > 1) throw UsageError("stdin (-) can be read only once");
}

void RecordReader::read(const std::function<void(RawRecord&&)>& emit) const {
  for (const std::string& f : files_) read_file(f, emit);
}

void RecordReader::read_file(const std::string& path, const std::function<void(RawRecord&&)>& emit) const {
  const bool is_stdin = path == "-";
  const std::string name = path;  // "-" for stdin, as the contract names it
  std::ifstream file;
  if (!is_stdin) {
    file.open(path, std::ios::binary);
    if (!file) {
      emit(failed(name, 0, 1, Error(Location{name, 0, 0, {}}, fmt::format("cannot read: {}", std::strerror(errno)))));
      return;
    }
  }
  std::istream& in = is_stdin ? std::cin : file;
  InputFormat format = is_stdin ? stdin_format_ : format_of(path);
  if (format == InputFormat::Auto) format = sniff(in);
  std::uint64_t index = 0;

  switch (format) {
    case InputFormat::Jsonl: {
      // Blocks of kBlockRecords records (non-blank lines): the workers cut
      // them into records, so reading allocates nothing per record.
      constexpr std::size_t kRead = 64 * 1024;
      int number = 0;             // lines before buf
      std::string buf;            // read, not yet emitted: whole lines, then perhaps the start of one
      std::size_t scanned = 0;    // the length of the whole lines at the start of buf
      int lines = 0;              // lines in buf[0, scanned)
      std::uint64_t records = 0;  // of which not blank
      bool at_end = false;
      auto flush = [&] {
        if (records > 0) {
          RawRecord r;
          r.kind = RawRecord::Kind::Lines;
          r.file = name;
          r.line = number + 1;
          r.index = index + 1;
          r.count = records;
          r.text.assign(buf, 0, scanned);
          emit(std::move(r));
        }
        number += lines;
        index += records;
        buf.erase(0, scanned);
        scanned = 0;
        lines = 0;
        records = 0;
      };
      while (true) {
        std::size_t end = buf.find('\n', scanned);
        if (end == std::string::npos) {
          if (!at_end) {
            const std::size_t old = buf.size();
            buf.resize(old + kRead);
            in.read(buf.data() + old, static_cast<std::streamsize>(kRead));
            buf.resize(old + static_cast<std::size_t>(in.gcount()));
            at_end = !in;
            continue;
          }
          if (scanned == buf.size()) break;
          // The last line has no line end: give it one.
          end = buf.size();
          buf.push_back('\n');
        }
        ++lines;
        if (!is_blank(std::string_view(buf).substr(scanned, end - scanned))) ++records;
        scanned = end + 1;
        if (records == kBlockRecords) flush();
      }
      flush();
      break;
    }
    case InputFormat::Yaml: {
      // Documents are split on their markers so a broken one costs only
      // itself, and a large file streams.
      std::string line;
      std::string doc;
      int number = 0;
      int start = 1;
      bool content = false;
      auto flush = [&] {
        if (content) {
          RawRecord r;
          r.file = name;
          r.line = start;
          r.index = ++index;
          r.text = std::move(doc);
          emit(std::move(r));
        }
        doc.clear();
        content = false;
      };
      while (std::getline(in, line)) {
        ++number;
        if (number == 1) line = yaml::strip_bom(std::move(line));
        if (is_document_marker(line)) {
          flush();
          start = number + 1;
          continue;
        }
        const std::string_view t = trim(line);
        if (!content && (t.empty() || t.front() == '#' || t.front() == '%')) {
          // Leading blank lines and comments: keep line numbers right.
          doc += '\n';
          continue;
        }
        if (!content) {
          // Record the first line with content as the record's line.
          start = number - static_cast<int>(std::count(doc.begin(), doc.end(), '\n'));
        }
        content = true;
        doc += line;
        doc += '\n';
      }
      flush();
      break;
    }
    case InputFormat::Json: {
      std::string text;
      {
        std::ostringstream ss;
        ss << in.rdbuf();
        text = yaml::strip_bom(std::move(ss).str());
      }
      // Plain JSON whose every profile takes the fast path is cut into
      // records without building the YAML tree (a tenth of the memory);
      // anything else, and every error, takes the general path below.
      if (text.size() <= yaml::Limits{}.max_bytes) {
        if (auto records = split_json_profiles(text, schema_)) {
          for (std::string& record : *records) {
            RawRecord r;
            r.file = name;
            r.line = 1;  // shown only with an error, and these records have none
            r.index = ++index;
            r.text = std::move(record);
            emit(std::move(r));
          }
          break;
        }
      }
      auto source = std::make_shared<yaml::Source>(name, std::move(text));
      std::shared_ptr<std::vector<yaml::Node>> docs;
      try {
        yaml::Limits limits;
        limits.max_nodes = 50'000'000;
        docs = std::make_shared<std::vector<yaml::Node>>(yaml::parse_all(*source, limits));
      } catch (const Error& e) {
        emit(failed(name, e.where().line, 1, e));
        break;
      }
      if (docs->empty()) break;
      const yaml::Node& root = docs->front();
      auto one = [&](const yaml::Node& node) {
        RawRecord r;
        r.kind = RawRecord::Kind::Node;
        r.file = name;
        r.line = node.line;
        r.index = ++index;
        r.source = source;
        r.node = &node;
        r.owner = docs;
        emit(std::move(r));
      };
      if (root.is_sequence()) {
        for (const yaml::Node& item : root.children) one(item);
      } else {
        one(root);
      }
      break;
    }
    case InputFormat::Csv: {
      CsvReader csv(in);
      csv.set_name(name);
      std::shared_ptr<const std::vector<int>> columns;
      std::shared_ptr<const Error> header_error;
      try {
        const auto header = csv.next();
        if (!header) break;
        auto cols = std::make_shared<std::vector<int>>();
        const std::vector<std::string> names = schema_.names();
        for (const CsvField& f : header->fields) {
          const std::string field(trim(f.text));
          const int i = schema_.index(field);
          if (i < 0 && !header_error) {
            header_error =
                std::make_shared<const Error>(Location{name, header->line, f.column, {}},
                                              fmt::format("unknown column '{}'{}", field, did_you_mean(field, names)),
                                              "columns are profile fields: " + join(names));
          }
          if (i >= 0 && schema_.fields[static_cast<std::size_t>(i)].history && !header_error) {
            header_error = std::make_shared<const Error>(
                Location{name, header->line, f.column, {}},
                fmt::format("'{}' is a history fact, computed from the diary; a profile cannot give it", field),
                "batch never reads a diary; drop the column");
          }
          if (i >= 0 && std::find(cols->begin(), cols->end(), i) != cols->end() && !header_error) {
            header_error = std::make_shared<const Error>(Location{name, header->line, f.column, {}},
                                                         fmt::format("the column '{}' is given twice", field));
          }
          cols->push_back(i);
        }
        columns = std::move(cols);
      } catch (const Error& e) {
        emit(failed(name, e.where().line, ++index, e));
        break;
      }
      while (true) {
        std::optional<CsvRecord> rec;
        try {
          rec = csv.next();
        } catch (const Error& e) {
          // The reader goes on at the next line: a stray quote costs only
          // its record. (A quote never closed has run to the end of the file.)
          emit(failed(name, e.where().line, ++index, e));
          continue;
        }
        if (!rec) break;
        RawRecord r;
        r.kind = RawRecord::Kind::Cells;
        r.file = name;
        r.line = rec->line;
        r.index = ++index;
        r.cells = std::move(rec->fields);
        r.columns = columns;
        r.header_error = header_error;
        emit(std::move(r));
      }
      break;
    }
    case InputFormat::Auto: break;
  }
  if (in.bad()) emit(failed(name, 0, ++index, Error(Location{name, 0, 0, {}}, "read error")));
}

Profile parse_record(const RawRecord& record, const Schema& schema) {
  Profile p;
  switch (record.kind) {
    case RawRecord::Kind::Failed: throw *record.error;
    case RawRecord::Kind::Text: return parse_text_record(record.text, record.file, record.line, record.index, schema);
    case RawRecord::Kind::Lines:
      throw Error(Location{record.file, record.line, 0, {}}, "a block of lines is not one record");
    case RawRecord::Kind::Node: p = parse_profile(*record.node, yaml::Checker(*record.source), schema); break;
    case RawRecord::Kind::Cells: {
      if (record.header_error) throw *record.header_error;
      p = default_profile(schema);
      const std::vector<int>& columns = *record.columns;
      if (record.cells.size() != columns.size()) {
        throw Error(Location{record.file, record.line, 0, {}},
                    fmt::format("{} fields where the header has {}", record.cells.size(), columns.size()),
                    "every row needs one field per column; quote a field that contains a comma");
      }
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string_view cell = trim(record.cells[i].text);
        if (cell.empty()) continue;
        if (auto problem = assign_text(p, schema, columns[i], record.cells[i].text)) {
          throw Error(Location{record.file, record.line, record.cells[i].column, {}},
                      fmt::format("{}: {}", schema.fields[static_cast<std::size_t>(columns[i])].name, problem->message),
                      problem->hint);
        }
      }
      break;
    }
  }
  if (p.id.empty()) p.id = fmt::format("{}:{}", record.file, record.index);
  return p;
}

Profile parse_text_record(std::string_view text, const std::string& file, int line, std::uint64_t index,
                          const Schema& schema) {
  Profile p;
  // Plain JSON (nearly every JSONL line) takes the fast path; anything
  // else, and every error, the general one.
  if (!text.starts_with('{') || !read_json_profile(text, schema, p)) {
    yaml::Source src(file, std::string(text));
    src.set_line_offset(line - 1);
    const yaml::Node doc = yaml::parse_one(src, record_limits());
    if (doc.is_null()) throw Error(Location{file, line, 0, {}}, "the record is empty");
    p = parse_profile(doc, yaml::Checker(src), schema);
  }
  if (p.id.empty()) p.id = fmt::format("{}:{}", file, index);
  return p;
}

// ---- summary ------------------------------------------------------------------

std::string error_kind(std::string_view message) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\'') {
      if (!quoted) out += "'…";
      quoted = !quoted;
      if (!quoted) out += '\'';
      continue;
    }
    if (quoted) continue;
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != 'N') out += 'N';
      continue;
    }
    out += c;
  }
  return out;
}

BatchSummary::BatchSummary(std::size_t rules, std::size_t stretches)
    : rule_fired(rules, 0), recommended(stretches, 0), excluded(stretches, 0) {}

void BatchSummary::add(const Result& r) {
  ++records;
  ++by_status[static_cast<std::size_t>(r.status)];
  for (std::size_t i = 0; i < rule_fired.size(); ++i) rule_fired[i] += r.fired.test(i);
  for (std::size_t k = 0; k < r.step_count; ++k) ++recommended[r.steps[k].stretch];
  for (std::size_t k = 0; k < r.excluded_count; ++k) ++excluded[r.excluded[k].stretch];
}

void BatchSummary::add_error(const Error& e) {
  ++records;
  ++errors;
  ++error_kinds[error_kind(e.message())];
}

void BatchSummary::merge(const BatchSummary& o) {
  records += o.records;
  errors += o.errors;
  for (std::size_t i = 0; i < by_status.size(); ++i) by_status[i] += o.by_status[i];
  for (std::size_t i = 0; i < rule_fired.size(); ++i) rule_fired[i] += o.rule_fired[i];
  for (std::size_t i = 0; i < recommended.size(); ++i) {
    recommended[i] += o.recommended[i];
    excluded[i] += o.excluded[i];
  }
  for (const auto& [kind, n] : o.error_kinds) error_kinds[kind] += n;
}

namespace {
std::string percent(std::uint64_t n, std::uint64_t of) {
  return of == 0 ? std::string("-") : fmt::format("{:.1f}%", 100.0 * static_cast<double>(n) / static_cast<double>(of));
}
}  // namespace

std::string BatchSummary::text(const Engine& engine) const {
  std::string out;
  const std::uint64_t read = records - errors;
  out += fmt::format("{} records: {} read, {} could not be read\n\n", records, read, errors);
  out += "By status\n";
  for (std::size_t i = 0; i < by_status.size(); ++i) {
    out += fmt::format("  {:<24} {:>9}  {:>6}\n", status_name(static_cast<Status>(i)), by_status[i],
                       percent(by_status[i], read));
  }
  out += "\nRules fired (share of the records read)\n";
  std::vector<std::string> never;
  for (std::size_t i = 0; i < rule_fired.size(); ++i) {
    if (rule_fired[i] == 0) {
      never.push_back(engine.rule(i).id);
      continue;
    }
    out += fmt::format("  {:<40} {:>9}  {:>6}\n", engine.rule(i).id, rule_fired[i], percent(rule_fired[i], read));
  }
  out += fmt::format("\nRules that never fired ({})\n", never.size());
  for (const std::string& id : never) out += "  " + id + "\n";
  out += fmt::format("\nStretches{:>33} {:>10}\n", "recommended", "excluded");
  for (std::size_t s = 0; s < recommended.size(); ++s) {
    out += fmt::format("  {:<30} {:>10} {:>10}\n", engine.kb().stretches[s].id, recommended[s], excluded[s]);
  }
  if (!error_kinds.empty()) {
    out += "\nErrors by kind\n";
    std::vector<std::pair<std::uint64_t, std::string>> kinds;
    for (const auto& [kind, n] : error_kinds) kinds.emplace_back(n, kind);
    std::sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [n, kind] : kinds) out += fmt::format("  {:>9}  {}\n", n, kind);
  }
  return out;
}

std::string BatchSummary::json(const Engine& engine) const {
  using Json = nlohmann::ordered_json;
  Json j;
  j["schema"] = "limber.summary/1";
  j["records"] = records;
  j["errors"] = errors;
  Json status;
  for (std::size_t i = 0; i < by_status.size(); ++i) status[status_name(static_cast<Status>(i))] = by_status[i];
  j["by_status"] = status;
  Json rules = Json::object();
  Json never = Json::array();
  for (std::size_t i = 0; i < rule_fired.size(); ++i) {
    rules[engine.rule(i).id] = rule_fired[i];
    if (rule_fired[i] == 0) never.push_back(engine.rule(i).id);
  }
  j["rules_fired"] = rules;
  j["rules_never_fired"] = never;
  Json stretches = Json::object();
  for (std::size_t s = 0; s < recommended.size(); ++s) {
    stretches[engine.kb().stretches[s].id] = {{"recommended", recommended[s]}, {"excluded", excluded[s]}};
  }
  j["stretches"] = stretches;
  j["errors_by_kind"] = error_kinds;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string safe_file_name(std::string_view id) {
  std::string out;
  for (char c : id) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_') {
      out += l;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "profile" : out;
}

}  // namespace limber
