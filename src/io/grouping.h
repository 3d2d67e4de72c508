#pragma once
// `--by FIELD`: the groups a profile falls into. A set field counts each of
// its values (a person with two pain areas is in both groups, one with none
// in "none"); an enum or bool field, its value; an integer field, its band
// (`--bands 18,40,65`: under 18, 18-39, 40-64, 65 and over), or each value
// when the field has few. A field the profile does not give: "not given".
// With --keep-columns, a kept CSV column (such as `site`) groups by its
// text: one group per value met, "not given" for an empty cell.

#include <cstdint>
#include <string>
#include <vector>

#include "knowledge/schema.h"

namespace limber {

class GroupBy {
 public:
  // Throws UsageError for an unknown or text field, or bad bands. `kept`:
  // the kept columns, which `field` may name instead of a profile field.
  GroupBy(const Schema& schema, std::string_view field, std::vector<std::int64_t> bands = {},
          const std::vector<std::string>& kept = {});

  const std::string& field_name() const { return name_; }
  const std::vector<std::int64_t>& bands() const { return bands_; }
  // Every group's label, in order; "not given" last. Empty for a column,
  // whose groups are the values met.
  const std::vector<std::string>& labels() const { return labels_; }
  // The kept column grouped by (its index among the kept columns), or -1.
  int column() const { return column_; }
  // Appends the groups of a profile to `out` (cleared first).
  void groups_of(const Profile& profile, std::vector<std::size_t>& out) const;

 private:
  int field_ = -1;
  int column_ = -1;
  FieldType type_ = FieldType::String;
  std::string name_;
  std::int64_t min_ = 0;
  std::vector<std::int64_t> bands_;  // integer: the lower bound of each band
  std::vector<std::string> labels_;
};

// "18,40,65" -> {18, 40, 65}; throws UsageError unless whole numbers, rising.
std::vector<std::int64_t> parse_bands(std::string_view text);

}  // namespace limber
