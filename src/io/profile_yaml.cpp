// The answers of `limber ask` as a YAML profile file.
#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"
#include "io/questionnaire.h"

namespace limber {

namespace {

// YAML 1.1 reads these plain scalars as booleans or null: quote them.
bool needs_quotes(std::string_view name) {
  static constexpr std::string_view kSpecial[] = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"};
  return std::find(std::begin(kSpecial), std::end(kSpecial), name) != std::end(kSpecial);
}

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02x}", u);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string name_scalar(const std::string& name) {
  return needs_quotes(name) ? yaml_quoted(name) : name;
}

}  // namespace

std::string profile_yaml(const Profile& profile, const Schema& schema) {
  std::string out = "# Answers from `limber ask`; `limber recommend` reads this file.\n";
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (((profile.given >> i) & 1u) == 0) continue;
    const Field& f = schema.fields[i];
    const int field = static_cast<int>(i);
    std::string value;
    switch (f.type) {
      case FieldType::String: value = yaml_quoted(value_text(profile, schema, field)); break;
      case FieldType::Integer:
      case FieldType::Bool: value = value_text(profile, schema, field); break;
      case FieldType::Enum: value = name_scalar(value_text(profile, schema, field)); break;
      case FieldType::Set: {
        std::vector<std::string> items;
        for (const std::string& n : set_names(f, profile.set_bits(field))) items.push_back(name_scalar(n));
        value = "[" + join(items) + "]";
        break;
      }
    }
    out += f.name + ": " + value + "\n";
  }
  return out;
}

}  // namespace limber
