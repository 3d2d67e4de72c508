#pragma once
// The fast path for a JSON profile record (a JSONL line, a `{...}` record).
//
// simdjson reads the record straight into a Profile. It takes only records
// that the general path (our YAML tree, then parse_profile) is certain to
// read the same way: a JSON object of known fields, each value of the
// field's own JSON type, no escapes, no duplicates, well within the record
// limits. Anything else (including every error) returns false, and the
// caller takes the general path, which gives the exact message and
// position. tests/json_record_test.cpp and the fuzz_profile target check
// that both paths agree.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/schema.h"

namespace limber {

// Fills `out` and returns true, or returns false (out is then unspecified)
// when the record must take the general path.
bool read_json_profile(std::string_view text, const Schema& schema, Profile& out);

// The fast path for a whole JSON file of profiles (`limber batch
// people.json`): an array of objects, or one object. When the file is laid
// out so the general path reads it as JSON (line breaks only after `,` `[`
// `{` or before `]` `}`; no tabs, CRs or escapes) and every profile in it
// takes the fast path, returns each profile as compact JSON text, which
// read_json_profile reads back to that profile. Otherwise nullopt: the
// caller reads the file by the general path, with exact error positions.
std::optional<std::vector<std::string>> split_json_profiles(std::string_view text, const Schema& schema);

}  // namespace limber
