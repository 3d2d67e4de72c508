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

#include <string_view>

#include "schema.h"

namespace limber {

// Fills `out` and returns true, or returns false (out is then unspecified)
// when the record must take the general path.
bool read_json_profile(std::string_view text, const Schema& schema, Profile& out);

}  // namespace limber
