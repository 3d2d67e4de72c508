#include "knowledge/schema.h"

#include <fmt/format.h>
#include <algorithm>
#include <bit>

#include "base/text.h"

namespace limber {

const char* type_name(FieldType type) {
  switch (type) {
    case FieldType::String: return "string";
    case FieldType::Integer: return "integer";
    case FieldType::Bool: return "bool";
    case FieldType::Enum: return "enum";
    case FieldType::Set: return "set";
  }
  return "?";
}

int Field::value_index(std::string_view n) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].name == n) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Field::value_names() const {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const FieldValue& v : values) out.push_back(v.name);
  return out;
}

std::uint64_t Field::all_values_mask() const {
  return values.size() >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << values.size()) - 1;
}

std::string Field::describe_allowed() const {
  switch (type) {
    case FieldType::String: return "any text";
    case FieldType::Integer: return fmt::format("a whole number from {} to {}", min, max);
    case FieldType::Bool: return "true or false";
    case FieldType::Enum: return "one of " + join(value_names());
    case FieldType::Set: return "any of " + join(value_names()) + " (or none)";
  }
  return {};
}

int Schema::index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const Field& Schema::at(std::string_view name) const {
  const int i = index(name);
  if (i < 0) throw Error(fmt::format("the profile schema has no field '{}'", name));
  return fields[static_cast<std::size_t>(i)];
}

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  out.reserve(fields.size());
  for (const Field& f : fields) out.push_back(f.name);
  return out;
}

void Schema::resolve_core_fields() {
  auto need = [&](std::string_view name, FieldType type) {
    const int i = index(name);
    if (i < 0 || fields[static_cast<std::size_t>(i)].type != type) {
      throw Error(fmt::format("the profile schema must define the field '{}' of type {}", name, type_name(type)),
                  "limber's routine assembly reads it; see rules/profile.yaml");
    }
    return i;
  };
  pain_areas = need("pain_areas", FieldType::Set);
  equipment = need("equipment", FieldType::Set);
  minutes = need("minutes", FieldType::Integer);
  id = need("id", FieldType::String);
}

namespace {

const std::vector<std::string> kFieldKeys = {"name",     "type", "min",    "max",    "values", "default",
                                             "question", "help", "safety", "ask_if", "history"};
const std::vector<std::string> kTypes = {"string", "integer", "bool", "enum", "set"};
const std::vector<std::string> kValueKeys = {"name", "label"};
const std::vector<std::string> kSchemaFileKeys = {"fields"};

bool is_identifier(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// A default or a profile value from a YAML node, for one field.
// Returns false for null (no value).
bool node_value(const yaml::Node& node, const yaml::Checker& check, const Field& f, std::int64_t& out,
                std::string* text_out) {
  if (node.is_null()) return false;
  const std::string what = fmt::format("'{}'", f.name);
  switch (f.type) {
    case FieldType::String:
      if (!node.is_scalar()) check.fail(node, fmt::format("{} must be text, not {}", what, node.kind_name()));
      if (text_out != nullptr) *text_out = node.value;
      out = 0;
      return true;
    case FieldType::Integer: out = check.integer(node, f.min, f.max, what); return true;
    case FieldType::Bool: out = check.boolean(node, what) ? 1 : 0; return true;
    case FieldType::Enum: {
      if (!node.is_scalar()) {
        check.fail(node, fmt::format("{} must be one value, not {}", what, node.kind_name()),
                   "allowed: " + join(f.value_names()));
      }
      const int i = f.value_index(node.value);
      if (i < 0) {
        check.fail(
            node,
            fmt::format("unknown value '{}' for {}{}", node.value, what, did_you_mean(node.value, f.value_names())),
            "allowed: " + join(f.value_names()));
      }
      out = i;
      return true;
    }
    case FieldType::Set: {
      std::uint64_t bits = 0;
      auto add = [&](const yaml::Node& at, std::string_view name) {
        const std::string n(trim(name));
        if (n.empty() || n == "none") return;
        const int i = f.value_index(n);
        if (i < 0) {
          check.fail(at, fmt::format("unknown value '{}' for {}{}", n, what, did_you_mean(n, f.value_names())),
                     "allowed: " + join(f.value_names()));
        }
        bits |= std::uint64_t{1} << i;
      };
      if (node.is_scalar()) {
        for (const std::string& part : split(node.value, ";,")) add(node, part);
      } else if (node.is_sequence()) {
        for (const yaml::Node& item : node.children) {
          if (!item.is_scalar())
            check.fail(item, fmt::format("an item of {} must be a name, not {}", what, item.kind_name()));
          add(item, item.value);
        }
      } else {
        check.fail(node, fmt::format("{} must be a list of names, not {}", what, node.kind_name()),
                   "allowed: " + join(f.value_names()));
      }
      out = static_cast<std::int64_t>(bits);
      return true;
    }
  }
  return false;
}

FieldValue parse_value(const yaml::Node& node, const yaml::Checker& check) {
  FieldValue v;
  if (node.is_scalar()) {
    v.name = node.value;
  } else {
    check.expect_map(node, "a value");
    check.check_keys(node, kValueKeys, "a value");
    check.require(node, "name", "a value");
    v.name = check.string(*node.find("name"), "a value name");
    if (const auto* label = node.find("label")) v.label = check.string(*label, "a label");
  }
  if (!is_identifier(v.name)) {
    check.fail(node, fmt::format("'{}' is not a valid value name", v.name), "use lower-case letters, digits and '_'");
  }
  if (v.label.empty()) v.label = v.name;
  return v;
}

Field parse_field(const yaml::Node& node, const yaml::Checker& check) {
  check.expect_map(node, "a field");
  check.check_keys(node, kFieldKeys, "a field");
  check.require(node, "name", "a field");
  check.require(node, "type", "a field");
  Field f;
  f.where = check.source().at(node);
  f.name = check.string(*node.find("name"), "a field name");
  if (!is_identifier(f.name))
    check.fail(*node.find("name"), fmt::format("'{}' is not a valid field name", f.name),
               "use lower-case letters, digits and '_'");
  const std::string type = check.choice(*node.find("type"), kTypes, "field type");
  f.type = static_cast<FieldType>(std::find(kTypes.begin(), kTypes.end(), type) - kTypes.begin());
  const bool numeric = f.type == FieldType::Integer;
  const bool valued = f.type == FieldType::Enum || f.type == FieldType::Set;
  for (const char* key : {"min", "max"}) {
    if (const auto* n = node.find(key); n != nullptr && !numeric)
      check.fail(*n, fmt::format("'{}' applies only to integer fields", key));
  }
  if (numeric) {
    check.require(node, "min", "an integer field");
    check.require(node, "max", "an integer field");
    constexpr std::int64_t kLimit = 1'000'000'000'000;
    f.min = check.integer(*node.find("min"), -kLimit, kLimit, "'min'");
    f.max = check.integer(*node.find("max"), f.min, kLimit, "'max'");
  }
  if (const auto* values = node.find("values")) {
    if (!valued) check.fail(*values, "'values' applies only to enum and set fields");
    check.expect_sequence(*values, "'values'");
    for (const yaml::Node& item : values->children) {
      FieldValue v = parse_value(item, check);
      if (f.value_index(v.name) >= 0) check.fail(item, fmt::format("the value '{}' is listed twice", v.name));
      f.values.push_back(std::move(v));
    }
    if (f.values.size() > kMaxValues) check.fail(*values, fmt::format("at most {} values are allowed", kMaxValues));
  } else if (valued) {
    check.fail(node, fmt::format("the {} field '{}' needs 'values'", type, f.name));
  }
  if (valued && f.values.empty()) check.fail(*node.find("values"), "'values' must not be empty");
  if (const auto* def = node.find("default")) {
    std::string ignored;
    f.has_default = node_value(*def, check, f, f.default_value, &ignored);
    if (f.type == FieldType::String && f.has_default) check.fail(*def, "a string field cannot have a default");
  }
  if (const auto* q = node.find("question")) f.question = check.string(*q, "a question");
  if (const auto* h = node.find("help")) f.help = check.string(*h, "a help text");
  if (const auto* s = node.find("safety")) f.safety = check.boolean(*s, "'safety'");
  if (const auto* a = node.find("ask_if")) f.ask_if = parse_condition(*a, check);
  if (const auto* h = node.find("history")) f.history = check.boolean(*h, "'history'");
  if (f.history && f.safety)
    check.fail(*node.find("history"), "a history fact is never asked, so it cannot be 'safety'");
  if (f.question.empty())
    check.fail(node, fmt::format("the field '{}' needs a question", f.name),
               "add `question: ...` (shown by `limber ask`)");
  return f;
}

}  // namespace

const std::vector<std::string>& schema_file_keys() {
  return kSchemaFileKeys;
}
const std::vector<std::string>& field_keys() {
  return kFieldKeys;
}
const std::vector<std::string>& field_types() {
  return kTypes;
}
const std::vector<std::string>& field_value_keys() {
  return kValueKeys;
}

void load_schema(const yaml::Node& doc, const yaml::Checker& check, Schema& schema) {
  check.expect_map(doc, "a profile schema");
  check.check_keys(doc, kSchemaFileKeys, "a profile schema");
  check.require(doc, "fields", "a profile schema");
  const yaml::Node& fields = *doc.find("fields");
  check.expect_sequence(fields, "'fields'");
  std::vector<std::string> seen;
  for (const yaml::Node& item : fields.children) {
    Field f = parse_field(item, check);
    if (std::find(seen.begin(), seen.end(), f.name) != seen.end()) {
      check.fail(item, fmt::format("the field '{}' is defined twice in this file", f.name));
    }
    seen.push_back(f.name);
    const int existing = schema.index(f.name);
    if (existing >= 0) {
      schema.fields[static_cast<std::size_t>(existing)] = std::move(f);
    } else {
      if (schema.fields.size() == kMaxFields)
        check.fail(item, fmt::format("at most {} profile fields are allowed", kMaxFields));
      schema.fields.push_back(std::move(f));
    }
  }
}

Profile default_profile(const Schema& schema) {
  Profile p;
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (schema.fields[i].has_default) {
      p.values[i] = schema.fields[i].default_value;
      p.present |= std::uint64_t{1} << i;
    }
  }
  return p;
}

void clear_field(Profile& profile, const Schema& schema, int field) {
  const auto i = static_cast<std::size_t>(field);
  const std::uint64_t bit = std::uint64_t{1} << i;
  profile.given &= ~bit;
  if (schema.fields[i].has_default) {
    profile.values[i] = schema.fields[i].default_value;
    profile.present |= bit;
  } else {
    profile.values[i] = 0;
    profile.present &= ~bit;
  }
  if (field == schema.id) profile.id.clear();
}

void store_value(Profile& profile, const Schema& schema, int field, std::int64_t value, std::string text) {
  const auto i = static_cast<std::size_t>(field);
  const std::uint64_t bit = std::uint64_t{1} << i;
  if (schema.fields[i].type == FieldType::String) {
    if (field == schema.id) {
      profile.id = std::move(text);
      value = 0;
    } else {
      value = static_cast<std::int64_t>(profile.texts.size());
      profile.texts.push_back(std::move(text));
    }
  }
  profile.values[i] = value;
  profile.present |= bit;
  profile.given |= bit;
}

std::optional<TextProblem> assign_text(Profile& profile, const Schema& schema, int field, std::string_view raw) {
  const Field& f = schema.fields[static_cast<std::size_t>(field)];
  const std::string_view text = trim(raw);
  switch (f.type) {
    case FieldType::String:
      // What a profile file may hold, so a --set value or a CSV cell never
      // carries bytes a saved profile could not read back.
      if (!is_clean_text(raw)) {
        return TextProblem{fmt::format("the text for '{}' is not valid UTF-8 (or holds a NUL byte)", f.name),
                           "save the file as UTF-8 text"};
      }
      store_value(profile, schema, field, 0, std::string(raw));
      return std::nullopt;
    case FieldType::Integer: {
      std::int64_t v = 0;
      if (!yaml::parse_int(text, v)) {
        return TextProblem{fmt::format("'{}' is not a whole number", text), "write " + f.describe_allowed()};
      }
      if (v < f.min || v > f.max)
        return TextProblem{fmt::format("{} is out of range", v), "write " + f.describe_allowed()};
      store_value(profile, schema, field, v, {});
      return std::nullopt;
    }
    case FieldType::Bool: {
      bool v = false;
      if (!yaml::parse_bool(text, v))
        return TextProblem{fmt::format("'{}' is not yes or no", text), "write true or false (or yes, no)"};
      store_value(profile, schema, field, v ? 1 : 0, {});
      return std::nullopt;
    }
    case FieldType::Enum: {
      const int i = f.value_index(text);
      if (i < 0) {
        return TextProblem{
            fmt::format("unknown value '{}' for '{}'{}", text, f.name, did_you_mean(text, f.value_names())),
            "allowed: " + join(f.value_names())};
      }
      store_value(profile, schema, field, i, {});
      return std::nullopt;
    }
    case FieldType::Set: {
      std::uint64_t bits = 0;
      for (const std::string& part : split(text, ";,")) {
        const std::string name(trim(part));
        if (name.empty() || name == "none") continue;
        const int i = f.value_index(name);
        if (i < 0) {
          return TextProblem{
              fmt::format("unknown value '{}' for '{}'{}", name, f.name, did_you_mean(name, f.value_names())),
              "allowed: " + join(f.value_names()) + "; separate several with ';'"};
        }
        bits |= std::uint64_t{1} << i;
      }
      store_value(profile, schema, field, static_cast<std::int64_t>(bits), {});
      return std::nullopt;
    }
  }
  return std::nullopt;
}

Profile parse_profile(const yaml::Node& doc, const yaml::Checker& check, const Schema& schema,
                      const yaml::Node** expect) {
  if (!doc.is_map()) {
    check.fail(doc, fmt::format("a profile must be a mapping of field names to values, not {}", doc.kind_name()),
               "e.g. `pain_areas: [lower_back]` and `sitting_hours: 9`, one per line");
  }
  check.check_unique_keys(doc);
  Profile p = default_profile(schema);
  const yaml::Node* history_key = nullptr;
  for (std::size_t k = 0; k < doc.map_size(); ++k) {
    const yaml::Node& key = doc.key(k);
    if (expect != nullptr && key.value == "expect") {
      *expect = &doc.val(k);
      continue;
    }
    const int field = schema.index(key.value);
    if (field < 0) {
      check.fail(key, fmt::format("unknown field '{}'{}", key.value, did_you_mean(key.value, schema.names())),
                 "profile fields: " + join(schema.names()));
    }
    const Field& f = schema.fields[static_cast<std::size_t>(field)];
    if (f.history && history_key == nullptr) history_key = &key;
    std::int64_t value = 0;
    std::string text;
    if (node_value(doc.val(k), check, f, value, &text)) store_value(p, schema, field, value, std::move(text));
  }
  // A test case (with an `expect:` block) may pin history facts; a profile may not.
  if (history_key != nullptr && (expect == nullptr || *expect == nullptr)) {
    check.fail(
        *history_key,
        fmt::format("'{}' is a history fact, computed from the diary; a profile cannot give it", history_key->value),
        "log sessions with `limber log`; rules read it from the diary");
  }
  return p;
}

void apply_assignment(Profile& profile, const Schema& schema, std::string_view assignment) {
  const Location where{fmt::format("--set {}", assignment), 0, 0, {}};
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    throw UsageError(where, "expected FIELD=VALUE", "e.g. --set sitting_hours=9 or --set pain_areas=lower_back;hips");
  }
  const std::string name(trim(assignment.substr(0, eq)));
  const int field = schema.index(name);
  if (field < 0) {
    throw UsageError(where, fmt::format("unknown field '{}'{}", name, did_you_mean(name, schema.names())),
                     "profile fields: " + join(schema.names()));
  }
  if (schema.fields[static_cast<std::size_t>(field)].history) {
    throw UsageError(where, fmt::format("'{}' is a history fact, computed from the diary; --set cannot give it", name),
                     "log sessions with `limber log`; rules read it from the diary");
  }
  if (auto problem = assign_text(profile, schema, field, assignment.substr(eq + 1))) {
    throw UsageError(where, problem->message, problem->hint);
  }
}

std::vector<std::string> set_names(const Field& field, std::uint64_t bits) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < field.values.size(); ++i) {
    if ((bits >> i) & 1u) out.push_back(field.values[i].name);
  }
  return out;
}

std::string value_text(const Profile& profile, const Schema& schema, int field) {
  const auto i = static_cast<std::size_t>(field);
  const Field& f = schema.fields[i];
  if (!profile.has(field)) return {};
  const std::int64_t v = profile.values[i];
  switch (f.type) {
    case FieldType::String: return field == schema.id ? profile.id : profile.texts[static_cast<std::size_t>(v)];
    case FieldType::Integer: return std::to_string(v);
    case FieldType::Bool: return v != 0 ? "true" : "false";
    case FieldType::Enum: return f.values[static_cast<std::size_t>(v)].name;
    case FieldType::Set: {
      auto names = set_names(f, static_cast<std::uint64_t>(v));
      return names.empty() ? "none" : join(names, ";");
    }
  }
  return {};
}

}  // namespace limber
