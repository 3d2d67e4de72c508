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
#include "engine/engine.h"
#include "render/registry.h"

namespace limber::cli {

struct GlobalOptions {
  std::vector<std::string> rule_dirs;
  std::vector<std::string> catalogue_dirs;
  bool no_builtin = false;
  std::string color = "auto";
  std::string diary;  // --diary FILE (history/diary.h: diary_path)
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

std::unique_ptr<Engine> load_engine(const GlobalOptions& global);

// Colour for a stream: --color always/never, or auto = a terminal and no NO_COLOR.
bool use_color(const GlobalOptions& global, std::FILE* stream);

// A profile from a YAML/JSON file ("-" = stdin), or the defaults when
// `path` is empty; then the --set assignments on top.
Profile read_profile(const Engine& engine, const std::string& path, const std::vector<std::string>& sets);

using ::limber::write_output;  // output.h

// Markdown written to FILE.md links its figures in FILE-figures/ (beside it,
// relative links); to stdout it has none. Sets style.figure_dir for `output`
// and, after the document is written, writes the figures there.
void prepare_markdown_figures(const Renderer& renderer, const std::string& output, TextStyle& style);
void write_markdown_figures(const Renderer& renderer, const std::string& output, const Answer& answer);

// The --format given, or else what the output file's name implies (.md, .json).
// "text, json or markdown (default: ...)": the help of --format, from the renderers.
std::string format_help();

}  // namespace limber::cli
