#pragma once
// CSV rows as profiles: the header's names matched to the profile fields
// (in any case, spaces for underscores), cells read by value name or by
// the label `limber ask` shows, other columns kept or refused. Wherever a
// name was not exact, a warning says how it was read, so a researcher can
// see what the spreadsheet's words became.

#include <string>
#include <vector>

#include "io/record.h"
#include "knowledge/schema.h"

namespace limber {

// A note on how a name or value was read (printed once per column/value).
struct CsvWarning {
  std::string file;
  int line = 0;
  int column = 0;
  int field_column = 0;  // 0-based column of the cell: the key with `text`
  std::string text;      // as written
  std::string message;   // "'Lower back' read as lower_back (pain_areas)"
  std::string render() const;
};

// Normalised for matching: "Lower  back" -> "lower_back".
std::string normalise_name(std::string_view text);

// Maps a header to the profile. Columns that are no profile field are
// kept (when their name is in `kept`, the output's kept columns) or make
// every row fail with an error naming the column. Warnings for names
// matched only after normalising go to `warnings`.
CsvColumns match_header(const CsvRecord& header, const Schema& schema, const std::string& file,
                        const std::vector<std::string>& kept, std::vector<CsvWarning>& warnings);

// The names in a header that are no profile field (for --keep-columns).
std::vector<std::string> extra_columns(const CsvRecord& header, const Schema& schema);

// Reads one row (RawRecord::Kind::Cells) into a profile. Values read by
// label or in another case add a warning. Throws Error at the cell.
Profile parse_cells(const RawRecord& record, const Schema& schema, std::vector<CsvWarning>& warnings);

}  // namespace limber
