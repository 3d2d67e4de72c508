#include "knowledge/json_schema.h"

#include <fmt/format.h>

#include "base/text.h"
#include "knowledge/json_schema_parts.h"

namespace limber {

const std::vector<SchemaKind>& schema_kinds() {
  static const std::vector<SchemaKind> kinds = {
      {"profile", "profiles, tests/cases/*.yaml",
       "a profile (recommend, explain), or a test case: a profile with an `expect:` block (test)"},
      {"profile-schema", "rules/profile.yaml", "the profile schema: the fields a profile may give"},
      {"rule", "rules/*.yaml (not profile.yaml)", "a rule file: a theme and its rules"},
      {"stretch", "catalogue/stretches/*.yaml", "one stretch of the catalogue"},
      {"sources", "catalogue/sources.yaml", "the documents the rules and the catalogue cite"},
      {"figure", "catalogue/figures/*.yaml", "the figures of one stretch's forms: poses as joint angles"},
  };
  return kinds;
}

nlohmann::ordered_json json_schema(const Engine& engine, std::string_view kind) {
  using namespace jsonschema;  // NOLINT(google-build-using-namespace): one function per kind
  if (kind == "profile") return profile_schema(engine);
  if (kind == "profile-schema") return profile_schema_schema(engine);
  if (kind == "rule") return rule_schema(engine);
  if (kind == "stretch") return stretch_schema(engine);
  if (kind == "sources") return sources_schema();
  if (kind == "figure") return figure_schema(engine);
  std::vector<std::string> names;
  for (const SchemaKind& k : schema_kinds()) names.push_back(k.name);
  throw UsageError(fmt::format("unknown schema kind '{}'{}", kind, did_you_mean(kind, names)), "kinds: " + join(names));
}

}  // namespace limber
