#pragma once
// The weeks ahead (`limber plan`): from the current level, each week's
// routine and dosage if all goes well, when to check in and when to get
// help. The renderers (cli/plan.cpp for text, Markdown, JSON and .ics;
// render/plan_html.h for HTML) print it.

#include <optional>
#include <string>
#include <vector>

#include "engine/answer.h"
#include "history/date.h"
#include "history/facts.h"

namespace limber::history {

struct PlanWeek {
  int number = 0;  // 1-based
  Day from = 0;    // the plan's first day, then each week's Monday
  int level = 1;
  Answer answer;
};

// How the review rule's reason is introduced at its week: the reason says
// what would be true then, so it is said as a condition.
inline constexpr const char* kReviewLabel = "Review, if your pain is no better by then";

struct Plan {
  Day start = 0;
  int level_max = 1;
  std::vector<PlanWeek> weeks;        // none after a stop
  std::vector<const Rule*> get_help;  // stop and refer rules over history facts
  const Rule* step_up = nullptr;      // the rule deriving step_up
  const Rule* review = nullptr;       // a refer rule testing weeks_active
  int review_week = 6;                // the week whose check-in is the review
};

// `weeks` weeks from today (or the diary's today) and the current level
// (or the lowest without a diary), one level up a week, each without a
// flare; `profile` holds the history facts when `history` is given.
Plan make_plan(const Engine& engine, const Profile& profile, const std::optional<History>& history, int weeks);

// Whether a condition tests a history fact (only `only`, when given).
bool tests_history(const Cond& c, const Schema& schema, const char* only = nullptr);

// What to do at the end of week `w`: log, and what steps the level up.
std::string check_in_text(const Plan& plan, const PlanWeek& w);

// "Cat-cow (30 s x 3)": a step with its dosage.
std::string step_line(const AnswerStep& s);

}  // namespace limber::history
