#include <fmt/format.h>

#include "base/text.h"
#include "cli/common.h"
#include "cli/history.h"
#include "engine/describe.h"

namespace limber::cli {

Command setup_explain(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string profile;
    std::vector<std::string> sets;
    bool fired_only = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("explain", "Show every rule: fired, or the first condition that failed");
  sub->add_option("profile", o->profile, "Profile file (YAML or JSON); - reads stdin; omit to use only --set");
  sub->add_option("--set", o->sets, kSetHelp)->type_name("FIELD=VALUE");
  sub->add_flag("--fired", o->fired_only, "List only the rules that fired");
  sub->footer("Example:\n  limber explain --set pain_areas=neck --set sitting_hours=8");
  return {sub, [o, &global] {
            auto engine = load_engine(global);
            const Profile profile = read_person(*engine, global, o->profile, o->sets).profile;
            const std::vector<Trace> traces = engine->explain(profile);
            const Terminal terminal = global.terminal(stdout);
            const bool color = terminal.color();
            std::string out;
            std::size_t fired = 0;
            for (std::size_t i = 0; i < traces.size(); ++i) {
              const Rule& r = engine->rule(i);
              fired += traces[i].fired;
              if (o->fired_only && !traces[i].fired) continue;
              const std::string mark = traces[i].fired ? (color ? "\x1b[32mfired\x1b[0m " : "fired ") : "  -   ";
              out += fmt::format("{} {} ({}:{})\n", mark, r.id, r.file, r.where.line);
              if (!traces[i].fired) {
                for (const std::string& line :
                     wrap("failed: " + describe_failure(*engine, profile, traces[i]), terminal.width() - 9))
                  out += "         " + line + "\n";
              }
            }
            out += fmt::format("\n{} of {} rules fired.\n", fired, traces.size());
            write_output("", out);
            return kExitOk;
          }};
}

}  // namespace limber::cli
