#include <fmt/format.h>

#include "cli/common.h"
#include "knowledge/json_schema.h"

namespace limber::cli {

Command setup_schema(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string kind;
    std::string output;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  std::vector<std::string> kinds;
  for (const SchemaKind& k : schema_kinds()) kinds.push_back(k.name);
  CLI::App* sub = app.add_subcommand("schema", "Print the JSON Schema (draft 2020-12) of a YAML file kind");
  sub->add_option("kind", o->kind, "profile, profile-schema, rule, stretch or sources; omit to list them")
      ->check(CLI::IsMember(kinds));
  sub->add_option("-o,--output", o->output, "Write to FILE instead of stdout (atomically)")->type_name("FILE");
  sub->add_flag("--force", o->force, "Replace FILE if it exists");
  sub->footer(
      "The schemas follow the loaded knowledge base: with --rules or --catalogue, your fields,\n"
      "stretch ids and documents are in them too. Editors read the first line of a YAML file:\n"
      "  # yaml-language-server: $schema=PATH/rule.schema.json\n"
      "Examples:\n"
      "  limber schema rule > rule.schema.json\n"
      "  limber --catalogue my-stretches schema stretch -o stretch.schema.json");
  return {sub, [o, &global] {
            if (o->kind.empty()) {
              std::string out;
              for (const SchemaKind& k : schema_kinds())
                out += fmt::format("{:<15} {:<34} {}\n", k.name, k.files, k.description);
              out += "\n`limber schema KIND` prints one.\n";
              write_output("", out);
              return kExitOk;
            }
            auto engine = load_engine(global);
            write_output(o->output, json_schema(*engine, o->kind).dump(2) + "\n", o->force);
            return kExitOk;
          }};
}

}  // namespace limber::cli
