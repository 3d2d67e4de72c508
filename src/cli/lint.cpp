#include <fmt/format.h>

#include <iostream>

#include "cli/common.h"
#include "knowledge/lint.h"

namespace limber::cli {

Command setup_lint(CLI::App& app, const GlobalOptions& global) {
  auto sources = std::make_shared<std::string>();
  auto limit = std::make_shared<std::size_t>(50);
  CLI::App* sub = app.add_subcommand("lint", "Check the rules and the catalogue");
  sub->add_option("--sources", *sources, "Folder of the source documents: check every quote is verbatim")
      ->type_name("DIR");
  sub->add_option("--max-errors", *limit, "Show at most N errors of files that do not load")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  sub->footer("Example:\n  limber lint --sources ../shared/sources");
  return {
      sub, [sources, limit, &global] {
        const bool color = global.terminal(stderr).color();
        std::unique_ptr<Engine> engine;
        LoadErrors load_errors;
        load_errors.limit = *limit;
        try {
          engine = load_engine(global, &load_errors);
        } catch (const UsageError&) {
          throw;
        } catch (const Error& e) {
          // Rules that read but do not fit together (an unknown stretch id, a cycle).
          load_errors.add(e);
        }
        if (!load_errors.empty()) {
          // A knowledge base that does not load is a lint failure, not a usage error:
          // every file and rule that does not read, in one run.
          for (const Error& e : load_errors.errors) std::cerr << e.render(color);
          const std::size_t n = load_errors.errors.size() + load_errors.more;
          std::cerr << fmt::format(
              "lint: {} error{}{}\n", n, n == 1 ? "" : "s",
              load_errors.more == 0 ? "" : fmt::format(" ({} not shown; --max-errors N shows more)", load_errors.more));
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
                                 kb.rules.size(), kb.stretches.size(), kb.files.size(), errors, errors == 1 ? "" : "s",
                                 warnings, warnings == 1 ? "" : "s", dir ? "" : " (quotes not checked: no --sources)");
        return errors == 0 ? kExitOk : kExitFailed;
      }};
}

}  // namespace limber::cli
