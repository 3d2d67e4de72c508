#pragma once
// `limber lint`: checks beyond what loading already enforces: rules that
// can never fire, stretches no rule can recommend, contradictions, unused
// facts, and (with the documents at hand) that every quote is verbatim.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace limber {

struct LintIssue {
  bool error = true;  // false: a warning
  Location where;
  std::string message;
  std::string hint;
};

std::vector<LintIssue> lint(const Engine& engine, const std::optional<std::filesystem::path>& sources_dir);

// The figures (catalogue/figures): every form has one, and its poses agree
// with the steps. Called by lint().
void lint_figures(const KnowledgeBase& kb, std::vector<LintIssue>& issues);

// Whether `quote` occurs in `document`, runs of white space counting as one space.
bool quote_found(std::string_view quote, std::string_view document);

}  // namespace limber
