#pragma once
// The parts the JSON Schema generator (json_schema.h) builds each kind's
// schema from: small schemas (text, a whole number, one of a list, an
// object with exactly the loader's keys), the vocabulary of the loaded
// knowledge base, and one function per kind.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace limber::jsonschema {

using J = nlohmann::ordered_json;
using Props = std::map<std::string, J>;

inline constexpr const char* kKebab = "^[a-z][a-z0-9-]*$";       // stretch and variant ids
inline constexpr const char* kRuleId = "^[a-z][a-z0-9_-]*$";     // rule ids
inline constexpr const char* kIdentifier = "^[a-z][a-z0-9_]*$";  // field and value names

// ---- Small schemas (json_schema_parts.cpp) ---------------------------------

J described(J schema, std::string_view description);
J text();
// Text with something other than white space in it.
J non_blank();
J integer(std::int64_t min, std::int64_t max);
J boolean();
J ref(std::string_view name);
// One of a closed list of names; any text when the list is empty (an empty
// knowledge base).
J one_of(const std::vector<std::string>& names);
J array(J items, bool non_empty = false, bool unique = false);
// One item, or a list of them (the loaders accept both).
J one_or_list(const J& item, bool non_empty = false, bool unique = false);
J pattern(const char* regex);
std::vector<std::string> without(const std::vector<std::string>& all, const std::vector<std::string>& drop);
// An object whose keys are exactly `keys`, the list the loader checks, in
// its order; throws Error when `props` describes other keys (see the .cpp).
J object(std::string_view what, const std::vector<std::string>& keys, Props props,
         const std::vector<std::string>& required = {});
// A whole schema document: $schema, title and description, then `body`'s keys and $defs.
J document(std::string_view title, std::string_view description, J body, J defs);

// ---- The loaded knowledge base's names (json_schema_parts.cpp) -------------

struct Vocabulary {
  std::vector<std::string> stretches;
  std::vector<std::string> variants;
  std::vector<std::string> rules;
  std::vector<std::string> documents;
  std::vector<std::string> documents_with_text;
  std::vector<std::string> guidelines;
  std::vector<std::string> areas;
  std::vector<std::string> equipment;
  std::vector<std::string> groups;
  std::vector<std::string> facts;
};

Vocabulary vocabulary(const Engine& engine);
// A citation: its document, quote and section, as the documents require.
J citation_def(const Vocabulary& v);
// A list of at least one citation.
J citations();

// ---- Conditions, from the operator table (json_schema_condition.cpp) -------

J condition_def(const Schema& schema, const std::vector<std::string>& facts);

// ---- One function per kind --------------------------------------------------

J profile_schema(const Engine& engine);         // json_schema_profile.cpp
J profile_schema_schema(const Engine& engine);  // json_schema_profile.cpp
J rule_schema(const Engine& engine);            // json_schema_rule.cpp
J stretch_schema(const Engine& engine);         // json_schema_catalogue.cpp
J sources_schema();                             // json_schema_catalogue.cpp
J figure_schema(const Engine& engine);          // json_schema_figure.cpp

}  // namespace limber::jsonschema
