#include <fmt/format.h>

#include <iostream>

#include "cli/common.h"
#include "knowledge/lint.h"

namespace limber::cli {

Command setup_lint(CLI::App& app, const GlobalOptions& global) {
  auto sources = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("lint", "Check the rules and the catalogue");
  sub->add_option("--sources", *sources, "Folder of the source documents: check every quote is verbatim")
      ->type_name("DIR");
  sub->footer("Example:\n  limber lint --sources ../shared/sources");
  return {sub, [sources, &global] {
            const bool color = global.terminal(stderr).color();
            std::unique_ptr<Engine> engine;
            try {
              engine = load_engine(global);
            } catch (const UsageError&) {
              throw;
            } catch (const Error& e) {
              // A knowledge base that does not load is a lint failure, not a usage error.
              std::cerr << e.render(color);
              std::cerr << "lint: 1 error\n";
              return kExitFailed;
            }
            std::optional<std::filesystem::path> dir;
            if (!sources->empty()) dir = *sources;
            const std::vector<LintIssue> issues = lint(*engine, dir);
            std::size_t errors = 0;
            std::size_t warnings = 0;
            for (const LintIssue& issue : issues) {
              if (issue.error) {
                ++errors;
                std::cerr << Error(issue.where, issue.message, issue.hint).render(color);
              } else {
                ++warnings;
                std::string text = Error(issue.where, issue.message, issue.hint).render(false);
                const auto at = text.find("error: ");
                if (at != std::string::npos) text.replace(at, 7, "warning: ");
                std::cerr << text;
              }
            }
            const KnowledgeBase& kb = engine->kb();
            std::cerr << fmt::format("lint: {} rules, {} stretches, {} files: {} error{}, {} warning{}{}\n",
                                     kb.rules.size(), kb.stretches.size(), kb.files.size(), errors,
                                     errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
                                     dir ? "" : " (quotes not checked: no --sources)");
            return errors == 0 ? kExitOk : kExitFailed;
          }};
}

}  // namespace limber::cli
