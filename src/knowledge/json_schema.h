#pragma once
// JSON Schemas (draft 2020-12) of the YAML files limber reads, for editors
// (yaml-language-server) and validators. They are generated from what the
// loaders check: their key lists, the vocabularies of the catalogue format,
// the condition operators, and the loaded knowledge base (profile fields and
// values, stretch ids, rule ids, documents), so they cannot drift from them.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace limber {

struct SchemaKind {
  std::string name;         // profile, profile-schema, rule, stretch, sources
  std::string files;        // the files it describes
  std::string description;  // one line
};

// Every kind, in the order `limber schema` lists them.
const std::vector<SchemaKind>& schema_kinds();

// The schema of one kind. Throws UsageError for an unknown kind, and Error
// when a loader accepts a key the generator does not know (so a new key in
// the format cannot go unnoticed).
nlohmann::ordered_json json_schema(const Engine& engine, std::string_view kind);

}  // namespace limber
