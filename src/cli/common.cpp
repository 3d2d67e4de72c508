#include "cli/common.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/text.h"
#include "knowledge/knowledge.h"
#include "knowledge/yaml.h"

namespace limber::cli {

std::unique_ptr<Engine> load_engine(const GlobalOptions& global) {
  LoadOptions options;
  for (const auto& d : global.rule_dirs) options.rule_dirs.emplace_back(d);
  for (const auto& d : global.catalogue_dirs) options.catalogue_dirs.emplace_back(d);
  options.builtin = !global.no_builtin;
  return std::make_unique<Engine>(load_knowledge(options));
}

bool use_color(const GlobalOptions& global, std::FILE* stream) {
  if (global.color == "always") return true;
  if (global.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

Profile read_profile(const Engine& engine, const std::string& path, const std::vector<std::string>& sets) {
  Profile profile = default_profile(engine.schema());
  if (!path.empty()) {
    const std::string name = path == "-" ? "<stdin>" : path;
    yaml::Source src(name, yaml::strip_bom(read_file(path)));
    const yaml::Node doc = yaml::parse_one(src);
    yaml::Checker check(src);
    if (doc.is_null()) {
      throw Error(Location{name, 0, 0, {}}, "the profile is empty",
                  "write one field per line, e.g. `pain_areas: [lower_back]`");
    }
    // A test case (a profile with `expect:`) is a profile too; the
    // expectation is ignored here.
    const yaml::Node* expect = nullptr;
    profile = parse_profile(doc, check, engine.schema(), &expect);
  }
  for (const std::string& s : sets) apply_assignment(profile, engine.schema(), s);
  return profile;
}

std::string format_help() {
  std::vector<std::string> names = renderer_names();
  const std::string last = names.back();
  names.pop_back();
  return join(names) + " or " + last + " (default: text; what FILE's extension implies)";
}

}  // namespace limber::cli
