#pragma once
// A raw record to a profile: what a batch worker does with each record.

#include <string>
#include <string_view>
#include <vector>

#include "io/csv_profile.h"
#include "io/record.h"
#include "knowledge/schema.h"

namespace limber {

// Parses a raw record (not Lines) into a profile (the id defaults to
// FILE:N). CSV values read by label add to `warnings`. Throws Error.
Profile parse_record(const RawRecord& record, const Schema& schema, std::vector<CsvWarning>& warnings);
Profile parse_record(const RawRecord& record, const Schema& schema);

// Parses one JSON or YAML document, record `index` of `file` starting at
// `line`. Throws Error.
Profile parse_text_record(std::string_view text, const std::string& file, int line, std::uint64_t index,
                          const Schema& schema);

}  // namespace limber
