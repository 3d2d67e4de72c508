#pragma once
// The `expect:` block of a test case (`limber test`): what a profile's
// answer must show. Rule authors write these next to the profiles.

#include <optional>
#include <string>
#include <vector>

#include "engine/answer.h"
#include "knowledge/yaml.h"

namespace limber {

struct Expectation {
  std::optional<std::string> status;
  std::optional<std::string> urgency;         // the most urgent stop reason
  std::vector<std::string> includes;          // every one in the routine
  std::vector<std::string> includes_any;      // at least one in the routine
  std::vector<std::string> excludes;          // none in the routine
  std::vector<std::string> excluded;          // each in the answer's excluded list
  std::vector<std::string> cautions_mention;  // each a substring of some caution (any case)
  std::vector<std::string> cautions_omit;     // none a substring of any caution (any case)
  std::optional<int> max_cautions;
  bool one_way = false;                // the height of the positions moves one way only
  std::vector<std::string> fired;      // rules that must fire
  std::vector<std::string> not_fired;  // rules that must not fire
  std::optional<int> min_seconds;
  std::optional<int> max_seconds;
  std::optional<int> min_steps;
  std::optional<int> max_steps;
};

Expectation parse_expectation(const yaml::Node& node, const yaml::Checker& check, const Engine& engine);

// The keys of an `expect:` block, exactly as parse_expectation checks them.
const std::vector<std::string>& expectation_keys();

// What failed, one line each; empty when the answer meets every expectation.
std::vector<std::string> check_expectation(const Expectation& expect, const Answer& answer);

}  // namespace limber
