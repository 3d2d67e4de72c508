#pragma once
// What every subcommand shares: the global options, loading the engine,
// reading profiles and writing output safely.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/output.h"
#include "base/terminal.h"
#include "engine/engine.h"
#include "knowledge/knowledge.h"
#include "render/registry.h"

namespace limber::cli {

struct GlobalOptions {
  std::vector<std::string> rule_dirs;
  std::vector<std::string> catalogue_dirs;
  bool no_builtin = false;
  std::string color = "auto";
  std::string diary;  // --diary FILE (history/diary.h: diary_path)

  // What `stream` can take: a terminal or not, its width, colour (from
  // --color and NO_COLOR). The one place commands ask.
  Terminal terminal(std::FILE* stream) const;
};

using Runner = std::function<int()>;
struct Command {
  CLI::App* app;
  Runner run;
};

Command setup_recommend(CLI::App& app, const GlobalOptions& global);
Command setup_batch(CLI::App& app, const GlobalOptions& global);
Command setup_explain(CLI::App& app, const GlobalOptions& global);
Command setup_list(CLI::App& app, const GlobalOptions& global);
Command setup_show(CLI::App& app, const GlobalOptions& global);
Command setup_lint(CLI::App& app, const GlobalOptions& global);
Command setup_test(CLI::App& app, const GlobalOptions& global);
Command setup_ask(CLI::App& app, const GlobalOptions& global);
Command setup_schema(CLI::App& app, const GlobalOptions& global);
Command setup_log(CLI::App& app, const GlobalOptions& global);
Command setup_diary(CLI::App& app, const GlobalOptions& global);
Command setup_profile(CLI::App& app, const GlobalOptions& global);
Command setup_plan(CLI::App& app, const GlobalOptions& global);
Command setup_go(CLI::App& app, const GlobalOptions& global);
Command setup_matrix(CLI::App& app, const GlobalOptions& global);

// Exit codes (CONTRACT.md).
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// With `errors` (lint), files and rules that do not load are gathered there
// and nullptr is returned when there are any.
std::unique_ptr<Engine> load_engine(const GlobalOptions& global, LoadErrors* errors = nullptr);

// A CLI11 check that `value` is one of `allowed`, saying which and with a
// did-you-mean when not ("stretch" -> "did you mean 'stretches'?").
CLI::Validator one_of(std::vector<std::string> allowed);

// The names of the subcommands, for suggestions.
std::vector<std::string> command_names(const CLI::App& app);

// Before CLI11 parses: `limber help [COMMAND]` becomes `[COMMAND] --help`,
// and a first word that is no command is an error naming the closest one.
// Returns the arguments to parse, or throws UsageError.
std::vector<std::string> prepare_arguments(const CLI::App& app, int argc, char** argv);

// A profile from a YAML/JSON file ("-" = stdin), or the defaults when
// `path` is empty; then the --set assignments on top.
Profile read_profile(const Engine& engine, const std::string& path, const std::vector<std::string>& sets);

// How --set is documented everywhere: sets are separated by commas.
inline constexpr const char* kSetHelp =
    "FIELD=VALUE on top of the profile (repeatable; several values with commas: pain_areas=lower_back,hips)";

using ::limber::write_output;  // output.h

// Markdown written to FILE.md links its figures in FILE-figures/ (beside it,
// relative links); to stdout it has none. Sets style.figure_dir for `output`
// and, after the document is written, writes the figures there.
void prepare_markdown_figures(const Renderer& renderer, const std::string& output, TextStyle& style);
void write_markdown_figures(const Renderer& renderer, const std::string& output, const Answer& answer);

// The renderer for --format NAME, or else the one the output file's name
// implies (.md, .json, .txt; the registry's extensions). A name with another
// extension is a UsageError listing the formats and their extensions; a
// name without one is text.
const Renderer& output_renderer(const std::string& format, const std::string& output);

// "text, json or markdown (default: ...)": the help of --format, from the renderers.
std::string format_help();

// Renders an answer; text wraps to `terminal`'s width and is coloured when
// it is the terminal's stream that gets it (else 80 columns, no colour).
std::string render(const Answer& answer, const Renderer& renderer, const Terminal& terminal, bool to_terminal);

}  // namespace limber::cli
