#include <fmt/format.h>

#include "cli/common.h"
#include "cli/history.h"

namespace limber::cli {

Command setup_recommend(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string profile;
    std::vector<std::string> sets;
    std::string format;
    std::string output;
    bool force = false;
    bool detail = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("recommend", "Turn one profile into a routine");
  sub->add_option(
      "profile", o->profile,
      "Profile file (YAML or JSON); - reads stdin; omit (and no --set) for the profile stored in the diary");
  sub->add_option("--set", o->sets, kSetHelp)->type_name("FIELD=VALUE");
  sub->add_option("--format", o->format, format_help())->check(one_of(renderer_names()));
  sub->add_option("-o,--output", o->output, "Write to FILE instead of stdout (atomically)")->type_name("FILE");
  sub->add_flag("--force", o->force, "Replace FILE if it exists");
  sub->add_flag("--detail", o->detail, "HTML: add the rule ids and documents behind every reason (for clinicians)");
  sub->footer(
      "Examples:\n"
      "  limber recommend --set pain_areas=lower_back,hips --set sitting_hours=9\n"
      "  limber recommend me.yaml --format json -o routine.json\n"
      "  limber recommend me.yaml -o routine.md    (Markdown; its figures go in routine-figures/)\n"
      "  limber recommend me.yaml -o routine.html  (one page with figures, to print or open on a phone)");
  return {
      sub, [o, &global] {
        const Renderer& renderer = output_renderer(o->format, o->output);  // before any work
        auto engine = load_engine(global);
        // No PROFILE and no --set: the diary's stored profile; history
        // when a diary applies (cli/history.h).
        const Person person = read_person(*engine, global, o->profile, o->sets);
        const bool to_terminal = o->output.empty() || o->output == "-";
        const Terminal terminal = global.terminal(stdout);
        // A file gets the usual 80 columns; stdout the terminal's (or COLUMNS).
        TextStyle style{
            to_terminal ? terminal.width() : Terminal::kDefaultWidth, to_terminal && terminal.color(), o->detail, {}};
        prepare_markdown_figures(renderer, o->output, style);
        const Rendered rendered = render_person(*engine, person, renderer, style);
        write_output(o->output, rendered.text, o->force);
        write_markdown_figures(renderer, o->output, rendered.answer);
        return kExitOk;
      }};
}

}  // namespace limber::cli
