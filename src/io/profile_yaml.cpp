// The answers of `limber ask` as a YAML profile file.
#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emittermanip.h>
#include <yaml-cpp/stlemitter.h>

#include "base/text.h"
#include "io/questionnaire.h"

namespace limber {

std::string profile_yaml(const Profile& profile, const Schema& schema) {
  // yaml-cpp's emitter quotes what YAML would read as another type
  // ("yes", "null"), escapes control characters, and keeps sets in flow.
  YAML::Emitter out;
  out << YAML::BeginMap;
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (((profile.given >> i) & 1u) == 0) continue;
    const Field& f = schema.fields[i];
    const int field = static_cast<int>(i);
    out << YAML::Key << f.name << YAML::Value;
    switch (f.type) {
      case FieldType::String: out << YAML::DoubleQuoted << value_text(profile, schema, field); break;
      case FieldType::Integer: out << profile.values[i]; break;
      case FieldType::Bool: out << (profile.values[i] != 0); break;
      case FieldType::Enum: out << value_text(profile, schema, field); break;
      case FieldType::Set: out << YAML::Flow << set_names(f, profile.set_bits(field)); break;
    }
  }
  out << YAML::EndMap;
  return "# Answers from `limber ask`; `limber recommend` reads this file.\n" + std::string(out.c_str()) + "\n";
}

}  // namespace limber
