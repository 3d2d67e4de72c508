#include "cli/common.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/text.h"
#include "history/diary.h"
#include "knowledge/knowledge.h"
#include "knowledge/yaml.h"

namespace limber::cli {

std::unique_ptr<Engine> load_engine(const GlobalOptions& global, LoadErrors* errors) {
  LoadOptions options;
  for (const auto& d : global.rule_dirs) options.rule_dirs.emplace_back(d);
  for (const auto& d : global.catalogue_dirs) options.catalogue_dirs.emplace_back(d);
  options.builtin = !global.no_builtin;
  options.errors = errors;
  KnowledgeBase kb = load_knowledge(options);
  if (errors != nullptr && !errors->empty()) return nullptr;
  return std::make_unique<Engine>(std::move(kb));
}

Terminal GlobalOptions::terminal(std::FILE* stream) const {
  return Terminal(stream, parse_color_mode(color).value_or(ColorMode::Auto));
}

CLI::Validator one_of(std::vector<std::string> allowed) {
  const std::string names = join(allowed, "|");
  return CLI::Validator(
      [allowed = std::move(allowed)](std::string& value) -> std::string {
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return {};
        return fmt::format("'{}' is not one of {}{}", value, join(allowed), did_you_mean(value, allowed));
      },
      names);
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app.get_subcommands({})) out.push_back(sub->get_name());
  return out;
}

std::vector<std::string> prepare_arguments(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::vector<std::string> commands = command_names(app);
  auto is_command = [&](const std::string& s) {
    return std::find(commands.begin(), commands.end(), s) != commands.end();
  };
  // The first word that is neither an option nor an option's value.
  std::size_t first = args.size();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a == "--rules" || a == "--catalogue" || a == "--color" || a == "--diary") {
      ++i;
      continue;
    }
    if (a.starts_with("-")) continue;
    first = i;
    break;
  }
  if (first == args.size()) return args;
  if (args[first] == "help") {
    // `limber help`, `limber help COMMAND`: the same as --help.
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(first));
    if (first < args.size() && !is_command(args[first])) {
      throw UsageError(fmt::format("there is no command '{}'{}", args[first], did_you_mean(args[first], commands)),
                       "the commands: " + join(commands));
    }
    if (first < args.size()) {
      args.insert(args.begin() + static_cast<std::ptrdiff_t>(first) + 1, "--help");
      args.resize(first + 2);
    } else {
      args.emplace_back("--help");
    }
    return args;
  }
  if (!is_command(args[first])) {
    throw UsageError(fmt::format("'{}' is not a command{}", args[first], did_you_mean(args[first], commands)),
                     "the commands: " + join(commands) + "; `limber help COMMAND` for one");
  }
  return args;
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

const Renderer& output_renderer(const std::string& format, const std::string& output) {
  if (const Renderer* r = find_renderer(format)) return *r;
  if (!format.empty()) {
    throw UsageError(fmt::format("unknown format '{}'{}", format, did_you_mean(format, renderer_names())),
                     "the formats: " + join(renderer_names()));
  }
  if (output.empty() || output == "-") return *find_renderer("text");
  const std::string ext = lower(std::filesystem::path(output).extension().string());
  if (ext.empty()) return *find_renderer("text");
  if (const Renderer* r = renderer_for_file(std::string(std::filesystem::path(output).stem()) + ext)) return *r;
  std::vector<std::string> possible;
  for (const Renderer& r : renderers()) {
    possible.push_back(fmt::format("{} ({}{}{})", r.name, r.extension, r.also.empty() ? "" : " ", r.also));
  }
  throw UsageError(Location{output, 0, 0, {}}, fmt::format("limber cannot write a '{}' file", ext),
                   fmt::format("name the file for one of the formats: {}; or give --format", join(possible, ", ")));
}

std::string render(const Answer& answer, const Renderer& renderer, const Terminal& terminal, bool to_terminal) {
  // A file gets the usual 80 columns; stdout the terminal's (or COLUMNS).
  return renderer.render(
      answer, to_terminal ? TextStyle{terminal.width(), terminal.color()} : TextStyle{Terminal::kDefaultWidth, false});
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
