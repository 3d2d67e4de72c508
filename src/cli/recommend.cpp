#include <fmt/format.h>

#include "cli/common.h"

namespace limber::cli {

Command setup_recommend(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string profile;
    std::vector<std::string> sets;
    std::string format;
    std::string output;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("recommend", "Turn one profile into a routine");
  sub->add_option("profile", o->profile, "Profile file (YAML or JSON); - reads stdin; omit to use only --set");
  sub->add_option("--set", o->sets, kSetHelp)->type_name("FIELD=VALUE");
  sub->add_option("--format", o->format, format_help())->check(one_of(renderer_names()));
  sub->add_option("-o,--output", o->output, "Write to FILE instead of stdout (atomically)")->type_name("FILE");
  sub->add_flag("--force", o->force, "Replace FILE if it exists");
  sub->footer(
      "Examples:\n"
      "  limber recommend --set pain_areas=lower_back,hips --set sitting_hours=9\n"
      "  limber recommend me.yaml --format json -o routine.json\n"
      "  limber recommend me.yaml -o routine.md    (Markdown, to print or send to a physiotherapist)");
  return {sub, [o, &global] {
            const Renderer& renderer = output_renderer(o->format, o->output);  // before any work
            auto engine = load_engine(global);
            const Profile profile = require_profile(*engine, o->profile, o->sets, "recommend");
            Result result;
            engine->evaluate(profile, result);
            const Answer answer = make_answer(*engine, profile, result);
            const bool to_terminal = o->output.empty() || o->output == "-";
            const std::string out = render(answer, renderer, global.terminal(stdout), to_terminal);
            write_output(o->output, out, o->force);
            return kExitOk;
          }};
}

}  // namespace limber::cli
