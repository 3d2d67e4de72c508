#pragma once
// What `batch --format summary` counts: statuses and urgencies, the rules
// that stopped or referred people, routine length, stretches and rules by
// frequency, and the errors with their values and lines; overall and, with
// --by FIELD, per group. Counts merge, so each worker keeps its own and
// the totals are the same however the records were shared out.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "io/grouping.h"

namespace limber {

// The counts of one group of records (or of all of them).
struct Tally {
  std::uint64_t records = 0;                         // read (errors are not in a group)
  std::array<std::uint64_t, 3> by_status{};          // ok, see_professional_first, stop
  std::array<std::uint64_t, 3> by_urgency{};         // stops by their most urgent reason
  std::vector<std::uint64_t> rule_fired;             // per compiled rule
  std::vector<std::uint64_t> recommended;            // per stretch
  std::vector<std::uint64_t> excluded;               // per stretch
  std::vector<std::uint64_t> seconds;                // routines (not stops) by total seconds
  std::array<std::uint64_t, kMaxSteps + 1> steps{};  // routines by their number of stretches

  Tally(std::size_t rules, std::size_t stretches);
  void add(const Result& result, const Engine& engine);
  void merge(const Tally& other);
};

// The value at quantile q (0..1) of a histogram (nearest rank), or -1 when empty.
std::int64_t quantile(const std::vector<std::uint64_t>& histogram, double q);
std::int64_t quantile(const std::uint64_t* histogram, std::size_t size, double q);

// Where an error was: its order in the input (for the first lines), and "FILE:LINE".
struct ErrorPlace {
  std::uint64_t order = 0;
  std::string where;
};

// Errors by kind (the message with names and numbers left out), then by
// message (the values), each with its count and its first lines.
struct ErrorTable {
  static constexpr std::size_t kPlaces = 5;      // first lines kept per message
  static constexpr std::size_t kMessages = 200;  // messages kept per kind; the rest only counted
  struct Message {
    std::uint64_t count = 0;
    std::vector<ErrorPlace> first;  // in input order
  };
  struct Kind {
    std::uint64_t count = 0;
    std::uint64_t other = 0;  // errors of messages beyond kMessages
    std::map<std::string, Message> messages;
  };
  std::map<std::string, Kind> kinds;

  void add(const std::string& message, ErrorPlace place);
  void merge(const ErrorTable& other);
};

// "unknown field 'x' (did you mean 'y'?)" -> "unknown field '…' (did you mean '…'?)"
std::string error_kind(std::string_view message);

class BatchSummary {
 public:
  BatchSummary(const Engine& engine, const GroupBy* by = nullptr);

  // `column`: the text of the kept column grouped by, when --by names one.
  void add(const Profile& profile, const Result& result, std::string_view column = {});
  void add_error(const std::string& message, ErrorPlace place);
  // Merges by group label; a column's groups then come in label order,
  // "not given" last, however the records were shared out.
  void merge(const BatchSummary& other);
  void set_blank_rows(std::uint64_t n) { blank_rows_ = n; }

  std::uint64_t records() const { return all_.records + errors_; }
  std::uint64_t errors() const { return errors_; }
  const Tally& all() const { return all_; }
  const std::vector<Tally>& groups() const { return groups_; }
  const std::vector<std::string>& group_labels() const { return labels_; }
  const ErrorTable& error_table() const { return error_table_; }
  std::uint64_t blank_rows() const { return blank_rows_; }
  const GroupBy* by() const { return by_; }
  const Engine& engine() const { return *engine_; }

  std::string text() const;
  std::string json() const;
  std::string csv() const;

 private:
  const Engine* engine_;
  const GroupBy* by_;
  Tally all_;
  std::vector<Tally> groups_;
  std::vector<std::string> labels_;  // of groups_
  std::uint64_t errors_ = 0;
  std::uint64_t blank_rows_ = 0;
  ErrorTable error_table_;
  std::vector<std::size_t> group_scratch_;

  std::size_t column_group(std::string_view label);
};

}  // namespace limber
