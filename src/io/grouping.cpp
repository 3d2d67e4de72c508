#include "io/grouping.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>

#include "base/error.h"
#include "base/text.h"

namespace limber {

namespace {
constexpr std::int64_t kMostValues = 25;  // an integer field with more needs --bands
}

std::vector<std::int64_t> parse_bands(std::string_view text) {
  std::vector<std::int64_t> out;
  for (const std::string& part : split(text, ",")) {
    const std::string_view t = trim(part);
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size()) {
      throw UsageError(Location{"--bands", 0, 0, {}}, fmt::format("'{}' is not a whole number", visible(t)),
                       "give the lower bound of each band, rising: --bands 18,40,65");
    }
    if (!out.empty() && v <= out.back()) {
      throw UsageError(Location{"--bands", 0, 0, {}}, fmt::format("{} does not come after {}", v, out.back()),
                       "give the lower bound of each band, rising: --bands 18,40,65");
    }
    out.push_back(v);
  }
  return out;
}

GroupBy::GroupBy(const Schema& schema, std::string_view field, std::vector<std::int64_t> bands,
                 const std::vector<std::string>& kept)
    : field_(schema.index(field)), name_(field) {
  if (field_ < 0) {
    for (std::size_t k = 0; k < kept.size(); ++k) {
      if (lower(kept[k]) == lower(field)) column_ = static_cast<int>(k);
    }
    if (column_ >= 0 && !bands.empty()) {
      throw UsageError(Location{"--bands", 0, 0, {}}, fmt::format("'{}' is a kept column of text", visible(field)),
                       "--bands groups a number field such as age or pain_intensity");
    }
    if (column_ >= 0) return;
    // The fields a batch profile can give and a group can be made of.
    std::vector<std::string> fields;
    for (const Field& f : schema.fields) {
      if (!f.history && f.type != FieldType::String) fields.push_back(f.name);
    }
    std::vector<std::string> names = fields;
    names.insert(names.end(), kept.begin(), kept.end());
    throw UsageError(
        Location{"--by", 0, 0, {}}, fmt::format("unknown field '{}'{}", visible(field), did_you_mean(field, names)),
        kept.empty() ? "group by a profile field (" + join(fields) +
                           "), or, with --keep-columns, by another column of a CSV input"
                     : "group by a profile field (" + join(fields) + ") or a kept column (" + join(kept) + ")");
  }
  const Field& f = schema.fields[static_cast<std::size_t>(field_)];
  if (f.history) {
    throw UsageError(Location{"--by", 0, 0, {}},
                     fmt::format("'{}' is read from a diary, not given in a profile", f.name),
                     "group by a field the profiles give, such as pain_areas or age");
  }
  type_ = f.type;
  min_ = f.min;
  if (!bands.empty() && f.type != FieldType::Integer) {
    throw UsageError(Location{"--bands", 0, 0, {}}, fmt::format("'{}' is not a number field", f.name),
                     "--bands groups a number field such as age or pain_intensity");
  }
  switch (f.type) {
    case FieldType::String:
      throw UsageError(Location{"--by", 0, 0, {}}, fmt::format("'{}' is free text, not a field to group by", f.name),
                       "group by a set, choice, yes/no or number field, such as pain_areas or age");
    case FieldType::Bool: labels_ = {"false", "true"}; break;
    case FieldType::Enum:
    case FieldType::Set:
      for (const FieldValue& v : f.values) labels_.push_back(v.name);
      if (f.type == FieldType::Set) labels_.emplace_back("none");
      break;
    case FieldType::Integer: {
      if (bands.empty()) {
        if (f.max - f.min + 1 > kMostValues) {
          throw UsageError(
              Location{"--by", 0, 0, {}}, fmt::format("'{}' has {} values: give bands", f.name, f.max - f.min + 1),
              fmt::format("the lower bound of each band, e.g. --by {} --bands {},{},{}", f.name,
                          f.min + (f.max - f.min) / 4, f.min + (f.max - f.min) / 2, f.min + 3 * (f.max - f.min) / 4));
        }
        for (std::int64_t v = f.min; v <= f.max; ++v) bands.push_back(v);
        bands_ = bands;
        for (const std::int64_t v : bands_) labels_.push_back(std::to_string(v));
        break;
      }
      const bool under = bands.front() > f.min;  // a band below the first bound given
      if (under) bands.insert(bands.begin(), f.min);
      bands_ = bands;
      for (std::size_t i = 0; i < bands_.size(); ++i) {
        if (i == 0 && under) {
          labels_.push_back(fmt::format("under {}", bands_[1]));
        } else if (i + 1 == bands_.size()) {
          labels_.push_back(fmt::format("{}+", bands_[i]));
        } else if (bands_[i + 1] - 1 == bands_[i]) {
          labels_.push_back(std::to_string(bands_[i]));
        } else {
          labels_.push_back(fmt::format("{}-{}", bands_[i], bands_[i + 1] - 1));
        }
      }
      break;
    }
  }
  labels_.emplace_back("not given");
}

void GroupBy::groups_of(const Profile& p, std::vector<std::size_t>& out) const {
  out.clear();
  if (column_ >= 0) return;  // BatchSummary groups a column by its text
  if (!p.has(field_)) {
    out.push_back(labels_.size() - 1);
    return;
  }
  const std::int64_t v = p.values[static_cast<std::size_t>(field_)];
  switch (type_) {
    case FieldType::String: break;
    case FieldType::Bool: out.push_back(v != 0 ? 1 : 0); break;
    case FieldType::Enum: out.push_back(static_cast<std::size_t>(v)); break;
    case FieldType::Set: {
      auto bits = static_cast<std::uint64_t>(v);
      if (bits == 0) out.push_back(labels_.size() - 2);
      for (; bits != 0; bits &= bits - 1) out.push_back(static_cast<std::size_t>(std::countr_zero(bits)));
      break;
    }
    case FieldType::Integer: {
      // The last band whose lower bound is at most v (values below the
      // first bound cannot be: the first band starts at the field's minimum).
      const auto it = std::upper_bound(bands_.begin(), bands_.end(), v);
      out.push_back(it == bands_.begin() ? 0 : static_cast<std::size_t>(it - bands_.begin() - 1));
      break;
    }
  }
}

}  // namespace limber
