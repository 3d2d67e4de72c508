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

namespace {
bool figures_beside(const Renderer& renderer, const std::string& output) {
  if (renderer.name != "markdown" || output.empty() || output == "-") return false;
  std::error_code ec;
  return !std::filesystem::exists(output, ec) || std::filesystem::is_regular_file(output, ec);
}
std::filesystem::path figure_folder(const std::string& output) {
  const std::filesystem::path p(output);
  return p.parent_path() / (p.stem().string() + "-figures");
}
}  // namespace

void prepare_markdown_figures(const Renderer& renderer, const std::string& output, TextStyle& style) {
  if (figures_beside(renderer, output)) style.figure_dir = figure_folder(output).filename().string();
}

void write_markdown_figures(const Renderer& renderer, const std::string& output, const Answer& answer) {
  if (!figures_beside(renderer, output)) return;
  const auto figures = answer_figures(answer);
  if (figures.empty()) return;
  const std::filesystem::path dir = figure_folder(output);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw Error(Location{dir.string(), 0, 0, {}}, fmt::format("cannot make the figures folder: {}", ec.message()));
  // The figures belong to the document just written: they are replaced with it.
  for (const auto& [file, svg] : figures) write_output((dir / file).string(), svg, true);
}

}  // namespace limber::cli
