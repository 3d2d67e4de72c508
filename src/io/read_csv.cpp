// CSV: the header first (matched to the profile once per file), then one
// record per row; a stray quote costs only its row.

#include "io/readers.h"

#include <cstdio>

namespace limber {

void read_csv(CsvInput input, const std::string& name, StreamStart start, const Schema& schema, const Emit& emit) {
  CsvReader& csv = *input.reader;
  std::uint64_t index = start.record_offset;
  std::shared_ptr<const CsvColumns> columns;
  try {
    std::optional<CsvRecord> header = std::move(input.header);
    if (!header) header = csv.next();
    if (!header) return;
    std::vector<CsvWarning> warnings;
    static const std::vector<std::string> kNone;
    columns = std::make_shared<const CsvColumns>(
        match_header(*header, schema, name, input.kept != nullptr ? *input.kept : kNone, warnings));
    for (const CsvWarning& w : warnings) std::fputs(w.render().c_str(), stderr);
    // A part of a larger file: its header is the file's, its rows come later.
    csv.add_line_offset(start.line_offset);
  } catch (const Error& e) {
    emit(failed_record(name, e.where().line, ++index, e));
    return;
  }
  std::uint64_t blank = 0;
  while (true) {
    std::optional<CsvRecord> rec;
    try {
      rec = csv.next();
    } catch (const Error& e) {
      // The reader goes on at the next line: a stray quote costs only its
      // record. (A quote never closed has run to the end of the file.)
      RawRecord r = failed_record(name, e.where().line, ++index, e);
      r.end_offset = csv.offset();
      emit(std::move(r));
      continue;
    }
    if (!rec) break;
    if (rec->blank()) {
      ++blank;
      continue;
    }
    RawRecord r;
    r.kind = RawRecord::Kind::Cells;
    r.file = name;
    r.line = rec->line;
    r.index = ++index;
    r.end_offset = csv.offset();
    r.cells = std::move(rec->fields);
    r.columns = columns;
    emit(std::move(r));
  }
  if (input.blank_rows != nullptr) *input.blank_rows += blank + csv.empty_lines();
}

}  // namespace limber
