#include <unistd.h>

#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "base/text.h"
#include "cli/common.h"
#include "io/batch.h"

namespace limber::cli {
namespace {

// The output format -o FILE's extension implies: .jsonl (or none) is
// JSONL; any other is an error saying what is possible, so no file gets
// a format its name does not promise.
std::string batch_format(const std::string& output) {
  const std::string ext = lower(std::filesystem::path(output).extension().string());
  if (output.empty() || output == "-" || ext.empty() || ext == ".jsonl" || ext == ".ndjson") return "jsonl";
  throw UsageError(Location{output, 0, 0, {}}, fmt::format("limber batch cannot write a '{}' file", ext),
                   "name the file .jsonl for JSON lines, or give --format: jsonl (FILE.jsonl), summary (any FILE) "
                   "or markdown (-o DIR, one file per profile)");
}

}  // namespace

Command setup_batch(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::vector<std::string> inputs;
    std::string format;  // from -o's extension when not given
    std::string input_format = "auto";
    std::string output;
    unsigned jobs = 0;
    bool json = false;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub =
      app.add_subcommand("batch", "Evaluate many profiles from files: one output record per input record, in order");
  sub->add_option("inputs", o->inputs,
                  "YAML (one or more documents), JSON (object or array), JSONL or CSV files, folders of them, or -")
      ->required();
  std::vector<std::string> formats = batch_file_renderer_names();
  const std::string files_help = join(formats) + " (one file per profile, needs -o DIR)";
  formats.insert(formats.begin(), "jsonl");
  formats.emplace_back("summary");
  sub->add_option("--format", o->format,
                  "jsonl, " + files_help + " or summary (default: jsonl, or what -o FILE's extension implies)")
      ->check(one_of(formats));
  sub->add_option("--input-format", o->input_format, "The format of - (stdin); files go by their extension")
      ->check(CLI::IsMember({"auto", "yaml", "json", "jsonl", "csv"}))
      ->capture_default_str();
  sub->add_option("-o,--output", o->output, "Write to FILE (jsonl, summary) or into DIR (markdown)")
      ->type_name("FILE|DIR");
  sub->add_option("-j,--jobs", o->jobs, "Worker threads (default: the number of cores)")->check(CLI::Range(1u, 256u));
  sub->add_flag("--json", o->json, "With --format summary: the summary as JSON");
  sub->add_flag("--force", o->force, "Replace existing output files");
  sub->footer(
      "Examples:\n"
      "  limber batch intake.csv > routines.jsonl\n"
      "  limber batch profiles/ --format summary\n"
      "  limber batch people.yaml --format markdown -o routines/\n"
      "  cat big.jsonl | limber batch - --input-format jsonl --jobs 2");
  return {sub, [o, &global] {
            if (o->format.empty()) o->format = batch_format(o->output);
            auto engine = load_engine(global);
            BatchOptions options;
            options.inputs = o->inputs;
            const std::string& f = o->input_format;
            options.stdin_format = f == "yaml"    ? InputFormat::Yaml
                                   : f == "json"  ? InputFormat::Json
                                   : f == "jsonl" ? InputFormat::Jsonl
                                   : f == "csv"   ? InputFormat::Csv
                                                  : InputFormat::Auto;
            options.renderer = find_renderer(o->format);
            options.output = options.renderer != nullptr ? BatchOutput::Files
                             : o->format == "summary"    ? BatchOutput::Summary
                                                         : BatchOutput::Jsonl;
            options.output_path = o->output;
            options.force = o->force;
            options.summary_json = o->json;
            options.jobs = o->jobs != 0 ? o->jobs : std::max(1u, std::thread::hardware_concurrency());
            options.progress = global.terminal(stderr).smart();
            const BatchReport report = run_batch(*engine, options);
            if (report.errors > 0) {
              std::fprintf(stderr, "limber batch: %llu of %llu records could not be read\n",
                           static_cast<unsigned long long>(report.errors),
                           static_cast<unsigned long long>(report.records));
            }
            return report.errors == 0 ? kExitOk : kExitFailed;
          }};
}

}  // namespace limber::cli
