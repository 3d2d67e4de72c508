#pragma once
// The profile schema (rules/profile.yaml) and the profile it describes.
// A profile is flat: one 64-bit slot per field (sets and enums as bit masks
// and indices), so rules evaluate without allocation or string comparison.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "knowledge/condition.h"
#include "knowledge/yaml.h"

namespace limber {

enum class FieldType : std::uint8_t { String, Integer, Bool, Enum, Set };
const char* type_name(FieldType type);

constexpr std::size_t kMaxFields = 64;
constexpr std::size_t kMaxValues = 64;

struct FieldValue {
  std::string name;
  std::string label;
};

struct Field {
  std::string name;
  FieldType type = FieldType::String;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::vector<FieldValue> values;  // enum and set
  bool has_default = false;
  std::int64_t default_value = 0;
  std::string question;
  std::string help;
  bool safety = false;
  // A history fact: computed from the diary (history/facts.h), never given
  // in a profile, never asked; rules test it like any field.
  bool history = false;
  std::optional<Cond> ask_if;
  Location where;

  int value_index(std::string_view name) const;  // -1 when unknown
  std::vector<std::string> value_names() const;
  std::uint64_t all_values_mask() const;
  // "one of lower_back, upper_back, ..." / "a whole number from 0 to 24"
  std::string describe_allowed() const;
};

class Schema {
 public:
  std::vector<Field> fields;

  int index(std::string_view name) const;        // -1 when unknown
  const Field& at(std::string_view name) const;  // throws when missing
  std::vector<std::string> names() const;
  // Fields the engine itself reads; checked once after loading.
  int pain_areas = -1;
  int equipment = -1;
  int minutes = -1;
  int id = -1;
  void resolve_core_fields();
};

// Loads `fields:` from a profile schema document, merging into `schema`
// (a field with an existing name replaces it).
void load_schema(const yaml::Node& doc, const yaml::Checker& check, Schema& schema);

// The keys of the profile schema format, exactly as load_schema checks them
// (`limber schema profile-schema` is generated from these).
const std::vector<std::string>& schema_file_keys();
const std::vector<std::string>& field_keys();
const std::vector<std::string>& field_types();  // in FieldType order
const std::vector<std::string>& field_value_keys();

struct Profile {
  std::string id;
  std::array<std::int64_t, kMaxFields> values{};
  std::uint64_t present = 0;       // the field has a value (given, or its default)
  std::uint64_t given = 0;         // the profile itself gave the field
  std::vector<std::string> texts;  // string fields other than id: values[i] indexes here

  bool has(int field) const { return (present >> field) & 1u; }
  std::uint64_t set_bits(int field) const {
    return has(field) ? static_cast<std::uint64_t>(values[static_cast<std::size_t>(field)]) : 0;
  }
  // Slots of absent fields are 0 (default_profile, clear_field), so two
  // profiles read from equal answers compare equal.
  friend bool operator==(const Profile&, const Profile&) = default;
};

// A fresh profile with every default applied.
Profile default_profile(const Schema& schema);

// Assigns a field from text (a --set value, a CSV cell, an answer).
// Sets take "a;b" or "a,b"; "none" or "" is the empty set.
// Returns an error message (what is wrong and what is allowed) or nothing.
struct TextProblem {
  std::string message;
  std::string hint;
};
std::optional<TextProblem> assign_text(Profile& profile, const Schema& schema, int field, std::string_view text);
void clear_field(Profile& profile, const Schema& schema, int field);
// Sets a field to an already checked value: an enum index, set bits, an
// integer, 0/1, or (String fields) `text`. Marks it present and given.
void store_value(Profile& profile, const Schema& schema, int field, std::int64_t value, std::string text);

// Reads a profile from a YAML/JSON mapping. When `expect` is given, an
// `expect:` key is allowed and returned there (for `limber test`).
Profile parse_profile(const yaml::Node& doc, const yaml::Checker& check, const Schema& schema,
                      const yaml::Node** expect = nullptr);

// "FIELD=VALUE" from the command line onto a profile. Throws UsageError.
void apply_assignment(Profile& profile, const Schema& schema, std::string_view assignment);

// Text of a field's value as a profile would write it ("lower_back;hips").
std::string value_text(const Profile& profile, const Schema& schema, int field);
std::vector<std::string> set_names(const Field& field, std::uint64_t bits);

}  // namespace limber
