#pragma once
// The diary as the commands use it: whose profile (a file, --set, or the one
// stored in the diary), whether history applies, and the history shown with
// an answer (JSON "history" and "level", a text or Markdown section).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.h"
#include "history/diary.h"
#include "history/facts.h"
#include "render/registry.h"

namespace limber::cli {

struct Person {
  Profile profile;  // with the history facts in it when history applies
  std::optional<history::History> history;
  std::string diary;    // the diary's path when history applies
  bool stored = false;  // the profile came from the diary
};

// PROFILE and --set as read_profile reads them; with neither, the profile
// stored in the diary (none stored: UsageError saying how to store one).
// History applies when the diary is named (--diary, $LIMBER_DIARY) or the
// profile came from it; a named diary that does not exist yet is empty.
// `logs`: the command logs into the diary (`go`), so its history applies
// whatever the profile: the diary a session is logged in is the one whose
// stop signs and level it follows.
Person read_person(const Engine& engine, const GlobalOptions& global, const std::string& path,
                   const std::vector<std::string>& sets, bool logs = false);

// The facts and the level as JSON, and an answer's JSON with "history" and
// "level" added (the same layout as render_json's).
nlohmann::ordered_json history_json(const Engine& engine, const history::History& history);
std::string add_history(const std::string& answer_json, const Engine& engine, const history::History& history);
// The level, its recent changes and the facts, one sentence each
// (each change of level with its rule and documents when `ids`).
std::vector<std::string> history_lines(const Engine& engine, const history::History& history, bool ids = true);
// The section printed under a text or Markdown routine: those lines and
// `changed`, a line saying what changed in the routine since last week, or empty.
std::string history_text(const Engine& engine, const history::History& history, bool markdown,
                         const std::string& changed = {});
// When the level stepped up this week and its longer holds left some of
// last week's stretches out of the time: a line that says which, and how
// to keep them; else empty.
std::string left_out_since_last_week(const Engine& engine, const Person& person, const Answer& answer);

// The person's answer and its rendering.
struct Rendered {
  Answer answer;
  std::string text;
};
// Evaluates once, renders in `format` and adds the history when there is one
// (json, markdown and text get the history; other formats print the answer alone).
Rendered render_person(const Engine& engine, const Person& person, const Renderer& renderer, const TextStyle& style);

// "▁▃▅" for values 0..top; a missing value (negative) is a space.
std::string sparkline(const std::vector<double>& values, double top);

}  // namespace limber::cli
