// limber: safe, justified stretching routines for back and neck pain.
// Thin on purpose: the subcommands live in cli/, the logic in the library.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include "base/error.h"
#include "cli/common.h"
#include "version.h"

int main(int argc, char** argv) {
  using namespace limber;
  using namespace limber::cli;
  // A closed pipe is not a signal death but a write error, which ends the
  // command quietly with exit 0, as cat and grep do (ClosedPipe).
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"limber: safe, justified stretching routines for back and neck pain", "limber"};
  app.set_version_flag("-V,--version", std::string("limber ") + kVersion);
  GlobalOptions global;
  app.add_option("--rules", global.rule_dirs, "Add the rule files in DIR to the built-in rules (same id replaces)")
      ->type_name("DIR");
  app.add_option("--catalogue", global.catalogue_dirs, "Add the stretch files in DIR to the built-in catalogue")
      ->type_name("DIR");
  app.add_flag("--no-builtin", global.no_builtin, "Start from no rules and no catalogue");
  app.add_option("--color", global.color, "Colour: auto (a terminal and no NO_COLOR), always or never")
      ->check(one_of({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--diary", global.diary,
                 "The diary (default: $LIMBER_DIARY, else $XDG_DATA_HOME/limber/diary.sqlite, else "
                 "~/.local/share/limber/diary.sqlite)")
      ->type_name("FILE");
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand
  app.footer(
      "Exit status: 0 done, 1 done but something failed, 2 bad usage or unreadable input.\n"
      "Run `limber help COMMAND` (or `limber COMMAND --help`) for one command, `man limber` for the manual.");

  std::vector<Command> commands = {setup_recommend(app, global), setup_batch(app, global), setup_explain(app, global),
                                   setup_list(app, global),      setup_show(app, global),  setup_lint(app, global),
                                   setup_test(app, global),      setup_ask(app, global),   setup_schema(app, global),
                                   setup_log(app, global),       setup_diary(app, global), setup_profile(app, global),
                                   setup_plan(app, global),      setup_go(app, global),    setup_matrix(app, global)};
  try {
    std::vector<std::string> args = prepare_arguments(app, argc, argv);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    app.parse(args);
  } catch (const Error& e) {
    std::cerr << "limber: " << e.render(global.terminal(stderr).color());
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    for (const Command& c : commands) {
      if (c.app->parsed()) return c.run();
    }
  } catch (const ClosedPipe&) {
    return kExitOk;  // the reader has all it wanted
  } catch (const Error& e) {
    std::fflush(stdout);
    std::cerr << e.render(global.terminal(stderr).color());
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "limber: out of memory\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "limber: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitUsage;
}
