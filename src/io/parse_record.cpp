#include "io/parse_record.h"

#include <fmt/format.h>

#include <filesystem>

#include "io/json_record.h"

namespace limber {

namespace fs = std::filesystem;

InputFormat format_of(const std::string& path) {
  const std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".yaml" || ext == ".yml") return InputFormat::Yaml;
  if (ext == ".json") return InputFormat::Json;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::Jsonl;
  if (ext == ".csv" || ext == ".tsv") return InputFormat::Csv;
  return InputFormat::Auto;
}

yaml::Limits record_limits() {
  yaml::Limits l;
  l.max_bytes = 1u << 20;
  l.max_depth = 32;
  l.max_nodes = 10'000;
  return l;
}

RawRecord failed_record(const std::string& file, int line, std::uint64_t index, Error error) {
  RawRecord r;
  r.kind = RawRecord::Kind::Failed;
  r.file = file;
  r.line = line;
  r.index = index;
  r.error = std::make_shared<const Error>(std::move(error));
  return r;
}

Profile parse_record(const RawRecord& record, const Schema& schema, std::vector<CsvWarning>& warnings) {
  switch (record.kind) {
    case RawRecord::Kind::Failed: throw *record.error;
    case RawRecord::Kind::Text: return parse_text_record(record.text, record.file, record.line, record.index, schema);
    case RawRecord::Kind::Lines:
      throw Error(Location{record.file, record.line, 0, {}}, "a block of lines is not one record");
    case RawRecord::Kind::Cells: return parse_cells(record, schema, warnings);
    case RawRecord::Kind::Node: break;
  }
  Profile p = parse_profile(*record.node, yaml::Checker(*record.source), schema);
  if (p.id.empty()) p.id = fmt::format("{}:{}", record.file, record.index);
  return p;
}

Profile parse_record(const RawRecord& record, const Schema& schema) {
  std::vector<CsvWarning> ignored;
  return parse_record(record, schema, ignored);
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

}  // namespace limber
