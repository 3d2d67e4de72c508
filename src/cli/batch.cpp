#include <fmt/format.h>
#include <unistd.h>
#include <filesystem>

#include <thread>

#include "base/text.h"
#include "cli/common.h"
#include "io/batch.h"
#include "render/registry.h"

namespace limber::cli {

namespace {

struct BatchArgs {
  std::vector<std::string> inputs;
  std::string format;  // "" = from -o's extension, else jsonl
  std::string input_format = "auto";
  std::string summary_format;  // "" = from -o's extension (or --json), else text
  std::string output;
  unsigned jobs = 0;
  bool json = false;
  bool force = false;
  bool keep_columns = false;
  bool no_header = false;
  std::string by;
  std::string bands;
  bool progress = false;
  bool no_progress = false;
  std::string stdin_name = "-";
  int line_offset = 0;
  std::uint64_t record_offset = 0;
};

bool ends_with(const std::string& s, std::string_view tail) {
  return lower(s).ends_with(tail);
}

BatchOptions batch_options(const BatchArgs& a) {
  BatchOptions o;
  o.inputs = a.inputs;
  const std::string& f = a.input_format;
  o.reader.stdin_format = f == "yaml"    ? InputFormat::Yaml
                          : f == "json"  ? InputFormat::Json
                          : f == "jsonl" ? InputFormat::Jsonl
                          : f == "csv"   ? InputFormat::Csv
                                         : InputFormat::Auto;
  o.reader.stdin_name = a.stdin_name;
  o.reader.stdin_start = StreamStart{a.line_offset, a.record_offset};
  o.reader.keep_columns = a.keep_columns;
  if (a.format.empty() && !a.output.empty() && a.output != "-") {
    // No format given: -o's extension decides, and one that names no format is an error.
    const std::string ext = lower(std::filesystem::path(a.output).extension().string());
    if (!ext.empty() && ext != ".csv" && ext != ".jsonl" && ext != ".ndjson") {
      throw UsageError(Location{a.output, 0, 0, {}}, fmt::format("limber batch cannot write a '{}' file", ext),
                       "name the file .jsonl (JSON lines) or .csv, or give --format: jsonl, csv, summary, or a "
                       "per-profile format with -o DIR");
    }
  }
  const std::string format = !a.format.empty() ? a.format : ends_with(a.output, ".csv") ? "csv" : "jsonl";
  const Renderer* files = find_renderer(format);
  o.renderer = files != nullptr && files->batch_files ? files : nullptr;  // one file per profile
  o.output = o.renderer != nullptr ? BatchOutput::Files
             : format == "summary" ? BatchOutput::Summary
             : format == "csv"     ? BatchOutput::Csv
                                   : BatchOutput::Jsonl;
  const std::string summary = !a.summary_format.empty()      ? a.summary_format
                              : a.json                       ? "json"
                              : ends_with(a.output, ".json") ? "json"
                              : ends_with(a.output, ".csv")  ? "csv"
                                                             : "text";
  o.summary_format = summary == "json"  ? SummaryFormat::Json
                     : summary == "csv" ? SummaryFormat::Csv
                                        : SummaryFormat::Text;
  if ((!a.by.empty() || !a.bands.empty()) && o.output != BatchOutput::Summary) {
    throw UsageError("--by and --bands group a summary", "add --format summary");
  }
  if (!a.bands.empty() && a.by.empty()) throw UsageError("--bands needs --by FIELD", "e.g. --by age --bands 18,40,65");
  if (!a.by.empty()) o.by = a.by;
  if (!a.bands.empty()) o.bands = parse_bands(a.bands);
  o.output_path = a.output;
  o.force = a.force;
  o.csv_header = !a.no_header;
  o.jobs = a.jobs != 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  const bool terminal = isatty(fileno(stderr)) != 0;
  o.progress = !a.no_progress && (a.progress || terminal);
  o.progress_terminal = terminal;
  return o;
}

void add_options(CLI::App* sub, BatchArgs& a) {
  sub->add_option("inputs", a.inputs,
                  "YAML (one or more documents), JSON (object or array), JSONL or CSV files, folders of them, or -")
      ->required();
  std::vector<std::string> formats = batch_file_renderer_names();
  const std::string files_help = join(formats) + " (one file per profile, needs -o DIR)";
  formats.insert(formats.begin(), {"jsonl", "csv"});
  formats.emplace_back("summary");
  sub->add_option("--format", a.format,
                  "jsonl (default), csv (one row per record; implied by -o FILE.csv), " + files_help + " or summary")
      ->check(CLI::IsMember(formats));
  sub->add_option("--input-format", a.input_format, "The format of - (stdin); files go by their extension")
      ->check(CLI::IsMember({"auto", "yaml", "json", "jsonl", "csv"}))
      ->capture_default_str();
  sub->add_option("-o,--output", a.output, "Write to FILE (jsonl, csv, summary) or into DIR (markdown)")
      ->type_name("FILE|DIR");
  sub->add_option("-j,--jobs", a.jobs, "Worker threads (default: the number of cores)")->check(CLI::Range(1u, 256u));
  sub->add_option("--summary-format", a.summary_format,
                  "With --format summary: text, json or csv (default: from -o's extension, else text)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  sub->add_flag("--json", a.json, "With --format summary: the summary as JSON (--summary-format json)");
  sub->add_option(
         "--by", a.by,
         "With --format summary: the summary per value of FIELD (or, with --keep-columns, of a kept column) as well")
      ->type_name("FIELD");
  sub->add_option("--bands", a.bands, "With --by and a number field: the lower bound of each band, e.g. 18,40,65")
      ->type_name("N,N,...");
  sub->add_flag("--keep-columns", a.keep_columns,
                "Carry CSV columns that are no profile field into the output (JSONL: \"input\", CSV: columns) "
                "instead of refusing them");
  sub->add_flag("--no-header", a.no_header, "With --format csv: no header row (for a part of a larger table)");
  sub->add_flag("--progress", a.progress, "Show progress on stderr even when it is not a terminal");
  sub->add_flag("--no-progress", a.no_progress, "No progress, not even on a terminal");
  sub->add_flag("--force", a.force, "Replace existing output files");
  sub->add_option("--stdin-name", a.stdin_name,
                  "Name - (stdin) as NAME in ids and messages: for a part of a larger file")
      ->type_name("NAME");
  sub->add_option("--line-offset", a.line_offset, "Number the lines of - (stdin) after N lines: for a part of a file")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--record-offset", a.record_offset,
                  "Number the records of - (stdin) after N records (the N of FILE:N ids): for a part of a file")
      ->check(CLI::NonNegativeNumber);
  sub->footer(
      "Examples:\n"
      "  limber batch intake.csv > routines.jsonl\n"
      "  limber batch intake.csv -o routines.csv --keep-columns\n"
      "  limber batch profiles/ --format summary --by age --bands 18,40,65\n"
      "  limber batch people.yaml --format markdown -o routines/\n"
      "  cat big.jsonl | limber batch - --input-format jsonl --jobs 2");
}

}  // namespace

Command setup_batch(CLI::App& app, const GlobalOptions& global) {
  auto a = std::make_shared<BatchArgs>();
  CLI::App* sub =
      app.add_subcommand("batch", "Evaluate many profiles from files: one output record per input record, in order");
  add_options(sub, *a);
  return {sub, [a, &global] {
            auto engine = load_engine(global);
            const BatchOptions options = batch_options(*a);
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
