#pragma once
// Rules as written in rules/*.yaml (see rules/README.md for the format).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "knowledge/catalogue.h"
#include "knowledge/condition.h"
#include "knowledge/yaml.h"

namespace limber {

struct Name {
  std::string text;
  Location where;
};

// Picks stretches by id or attribute; keys AND, values OR.
struct Selector {
  std::vector<Name> stretches;
  std::vector<Name> positions;
  std::vector<Name> directions;
  std::vector<Name> areas;
  std::vector<Name> groups;
  std::vector<Name> demands;
  std::vector<Name> intensities;
  std::vector<Name> needs;
  std::vector<Name> kinds;
  std::optional<bool> on_floor;
  Location where;
};

enum class Urgency : std::uint8_t { Emergency, Urgent, Soon };
const char* urgency_name(Urgency u);
// The words every text of a stop with this urgency uses (lint checks them).
const char* urgency_phrase(Urgency u);
// What to do, in lower case without a full stop: "get emergency care now,
// today (call your local emergency number)". Every renderer says this.
const char* urgency_advice(Urgency u);

// Cautions are shown most important first; a routine shows the high ones
// all, and the others up to kCautionLimit in all.
enum class CautionImportance : std::uint8_t { High, Normal, Low };
constexpr std::size_t kCautionLimit = 5;

struct Include {
  std::vector<Name> stretches;
  int weight = 1;
};

struct Modify {
  Selector select;
  std::optional<Name> variant;
  std::string text;
  int hold_seconds = 0;  // 0 = no cap
  int reps = 0;
};

struct Rule {
  std::string id;
  std::string file;
  std::string theme;
  Location where;
  std::optional<Cond> when;
  std::vector<Name> derive;
  std::optional<Include> include;
  std::optional<Selector> exclude;
  std::optional<Modify> modify;
  std::string caution;
  std::string caution_topic = "general";  // general | frequency (how often, what to expect)
  // Shown only when some step of the routine matches (a caution about a
  // position, a stretch or equipment the routine uses).
  std::optional<Selector> caution_about;
  CautionImportance caution_importance = CautionImportance::Normal;
  std::uint8_t caution_statuses = 0b11;  // bit 0: ok, bit 1: see_professional_first
  bool refer = false;
  std::optional<Urgency> stop;
  std::string because;
  std::vector<Citation> sources;
};

// Parses a rule file (`theme`, `description`, `rules`).
// With `on_error`, a rule that does not parse is reported there and the
// others are still read (lint shows every error in one run); without, the
// first error is thrown.
std::vector<Rule> parse_rule_file(const yaml::Node& doc, const yaml::Checker& check,
                                  const std::function<void(const Error&)>& on_error = {});

// The keys and words of the rule format, exactly as the loader checks them
// (`limber schema rule` is generated from these).
const std::vector<std::string>& rule_file_keys();
const std::vector<std::string>& rule_keys();
const std::vector<std::string>& selector_keys();
const std::vector<std::string>& include_keys();
const std::vector<std::string>& modify_keys();  // besides the selector keys
const std::vector<std::string>& stop_keys();
const std::vector<std::string>& caution_keys();
const std::vector<std::string>& caution_topics();
const std::vector<std::string>& caution_importances();  // in CautionImportance order
const std::vector<std::string>& caution_statuses();     // ok, see_professional_first
const std::vector<std::string>& urgency_names();        // in Urgency order

}  // namespace limber
