#include "knowledge/json_schema_parts.h"

#include <fmt/format.h>
#include <algorithm>

namespace limber::jsonschema {

constexpr const char* kDraft = "https://json-schema.org/draft/2020-12/schema";

J described(J schema, std::string_view description) {
  schema["description"] = std::string(description);
  return schema;
}

J text() {
  return J{{"type", "string"}};
}

// Text with something other than white space in it.
J non_blank() {
  J j = text();
  j["pattern"] = "\\S";
  return j;
}

J integer(std::int64_t min, std::int64_t max) {
  return J{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
}

J boolean() {
  return J{{"type", "boolean"}};
}

J ref(std::string_view name) {
  return J{{"$ref", fmt::format("#/$defs/{}", name)}};
}

// One of a closed list of names; any text when the list is empty (an empty
// knowledge base).
J one_of(const std::vector<std::string>& names) {
  J j = text();
  if (!names.empty()) j["enum"] = names;
  return j;
}

J array(J items, bool non_empty, bool unique) {
  J j{{"type", "array"}, {"items", std::move(items)}};
  if (non_empty) j["minItems"] = 1;
  if (unique) j["uniqueItems"] = true;
  return j;
}

// One item, or a list of them (the loaders accept both).
J one_or_list(const J& item, bool non_empty, bool unique) {
  return J{{"anyOf", J::array({item, array(item, non_empty, unique)})}};
}

J pattern(const char* regex) {
  J j = text();
  j["pattern"] = regex;
  return j;
}

std::vector<std::string> without(const std::vector<std::string>& all, const std::vector<std::string>& drop) {
  std::vector<std::string> out;
  for (const std::string& s : all) {
    if (std::find(drop.begin(), drop.end(), s) == drop.end()) out.push_back(s);
  }
  return out;
}

// An object whose keys are exactly `keys`, the list the loader checks, in
// its order. A key the generator does not describe, or a description of a
// key the loader does not know, is a mistake here, not in a user's file:
// it fails `limber schema` (and so its test) instead of drifting silently.
J object(std::string_view what, const std::vector<std::string>& keys, Props props,
         const std::vector<std::string>& required) {
  J properties = J::object();
  for (const std::string& key : keys) {
    auto it = props.find(key);
    if (it == props.end()) {
      throw Error(fmt::format("the schema generator does not know the key '{}' of {}", key, what),
                  "describe it in src/json_schema.cpp");
    }
    properties[key] = std::move(it->second);
    props.erase(it);
  }
  if (!props.empty()) {
    throw Error(
        fmt::format("the schema generator describes '{}', which is not a key of {}", props.begin()->first, what),
        "remove it from src/json_schema.cpp");
  }
  for (const std::string& key : required) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      throw Error(fmt::format("the schema generator requires '{}', which is not a key of {}", key, what));
  }
  J j{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) j["required"] = required;
  j["additionalProperties"] = false;
  return j;
}

Vocabulary vocabulary(const Engine& engine) {
  const KnowledgeBase& kb = engine.kb();
  Vocabulary v;
  for (const Stretch& s : kb.stretches) {
    v.stretches.push_back(s.id);
    for (const Variant& var : s.variants) {
      if (std::find(v.variants.begin(), v.variants.end(), var.id) == v.variants.end()) v.variants.push_back(var.id);
    }
  }
  std::sort(v.variants.begin(), v.variants.end());
  for (const Rule& r : kb.rules) v.rules.push_back(r.id);
  for (const SourceDoc& d : kb.sources) {
    v.documents.push_back(d.id);
    if (!d.file.empty()) v.documents_with_text.push_back(d.id);
    if (d.kind == "guideline") v.guidelines.push_back(d.id);
  }
  v.areas = kb.schema.fields[static_cast<std::size_t>(kb.schema.pain_areas)].value_names();
  v.equipment = kb.schema.fields[static_cast<std::size_t>(kb.schema.equipment)].value_names();
  v.groups = engine.groups();
  v.facts = engine.facts();
  return v;
}

J citation_def(const Vocabulary& v) {
  J c = object("a citation", citation_keys(),
               {{"doc", described(one_of(v.documents), "a document id of catalogue/sources.yaml")},
                {"quote", described(non_blank(),
                                    "a short excerpt, verbatim in the document's text "
                                    "(`limber lint --sources DIR` checks it)")},
                {"section", described(non_blank(), "the recommendation or section of a guideline (required for one)")}},
               {"doc"});
  // A document with a text must be quoted; a guideline cited with its section.
  J rules = J::array();
  auto must = [&](const std::vector<std::string>& docs, const char* key) {
    if (docs.empty()) return;
    rules.push_back(J{{"if", J{{"properties", {{"doc", {{"enum", docs}}}}}, {"required", J::array({"doc"})}}},
                      {"then", J{{"required", J::array({key})}}}});
  };
  must(v.documents_with_text, "quote");
  must(v.guidelines, "section");
  if (!rules.empty()) c["allOf"] = std::move(rules);
  return c;
}

J citations() {
  return described(array(ref("citation"), true), "the documents this is drawn from (at least one)");
}

J document(std::string_view title, std::string_view description, J body, J defs) {
  J j;
  j["$schema"] = kDraft;
  j["title"] = std::string(title);
  j["description"] = std::string(description);
  for (auto& [key, value] : body.items()) j[key] = std::move(value);
  if (!defs.empty()) j["$defs"] = std::move(defs);
  return j;
}

}  // namespace limber::jsonschema
