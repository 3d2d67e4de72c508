#include "io/csv_profile.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"

namespace limber {

std::string CsvWarning::render() const {
  return fmt::format("{}:{}:{}: warning: {}\n", file, line, column, visible(message));
}

std::string normalise_name(std::string_view text) {
  return join(split(lower(trim(text)), " \t-_"), "_");
}

namespace {

int find_field(const Schema& schema, std::string_view name, bool& exact) {
  exact = true;
  if (const int i = schema.index(name); i >= 0) return i;
  exact = false;
  const std::string key = normalise_name(name);
  return key.empty() ? -1 : schema.index(key);
}

}  // namespace

std::vector<std::string> extra_columns(const CsvRecord& header, const Schema& schema) {
  std::vector<std::string> out;
  for (const CsvField& f : header.fields) {
    bool exact = false;
    if (find_field(schema, trim(f.text), exact) < 0) out.emplace_back(trim(f.text));
  }
  return out;
}

CsvColumns match_header(const CsvRecord& header, const Schema& schema, const std::string& file,
                        const std::vector<std::string>& kept, std::vector<CsvWarning>& warnings) {
  CsvColumns cols;
  const std::vector<std::string> names = schema.names();
  auto fail = [&](const CsvField& f, std::string message, std::string hint = {}) {
    if (!cols.error) {
      cols.error =
          std::make_shared<const Error>(Location{file, header.line, f.column, {}}, std::move(message), std::move(hint));
    }
  };
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const CsvField& f = header.fields[c];
    const std::string name(trim(f.text));
    bool exact = false;
    const int i = find_field(schema, name, exact);
    int keep = -1;
    if (i < 0) {
      const auto k = std::find(kept.begin(), kept.end(), name);
      if (k != kept.end()) {
        keep = static_cast<int>(k - kept.begin());
      } else if (name.empty()) {
        fail(f, "a column without a name", "name every column with a profile field");
      } else {
        fail(f, fmt::format("unknown column '{}'{}", name, did_you_mean(name, names)),
             "columns are profile fields: " + join(names) +
                 "; --keep-columns carries other columns through to the output");
      }
    } else {
      if (std::find(cols.field.begin(), cols.field.end(), i) != cols.field.end()) {
        fail(f, fmt::format("the column '{}' is given twice", schema.fields[static_cast<std::size_t>(i)].name));
      }
      if (!exact) {
        warnings.push_back(
            CsvWarning{file, header.line, f.column, static_cast<int>(c), name,
                       fmt::format("column '{}' read as {}", name, schema.fields[static_cast<std::size_t>(i)].name)});
      }
    }
    cols.field.push_back(i);
    cols.kept.push_back(keep);
  }
  return cols;
}

namespace {

// One value of an enum or set by name or label, in any case; -1 if none.
int value_by_label(const Field& f, std::string_view text) {
  const std::string key = normalise_name(text);
  for (std::size_t i = 0; i < f.values.size(); ++i) {
    if (f.values[i].name == key || normalise_name(f.values[i].label) == key) return static_cast<int>(i);
  }
  return -1;
}

// The cell's values by label, as value names joined by ';' (labels may
// hold commas: a part is split on commas only when it is no label
// itself); nothing when a part is neither a name nor a label.
std::optional<std::string> names_from_labels(const Field& f, std::string_view cell) {
  if (f.type == FieldType::Enum) {
    const int i = value_by_label(f, cell);
    if (i < 0) return std::nullopt;
    return f.values[static_cast<std::size_t>(i)].name;
  }
  std::vector<std::string> out;
  for (const std::string& part : split(cell, ";")) {
    if (is_blank(part)) continue;
    if (const int i = value_by_label(f, part); i >= 0) {
      out.push_back(f.values[static_cast<std::size_t>(i)].name);
      continue;
    }
    for (const std::string& piece : split(part, ",")) {
      if (is_blank(piece)) continue;
      const int i = value_by_label(f, piece);
      if (i < 0) return std::nullopt;
      out.push_back(f.values[static_cast<std::size_t>(i)].name);
    }
  }
  return join(out, ";");
}

}  // namespace

Profile parse_cells(const RawRecord& record, const Schema& schema, std::vector<CsvWarning>& warnings) {
  const CsvColumns& columns = *record.columns;
  if (columns.error) throw *columns.error;
  Profile p = default_profile(schema);
  if (record.cells.size() != columns.field.size()) {
    // At the first cell too many, or just after the last one.
    const std::size_t n = columns.field.size();
    const int column = record.cells.size() > n
                           ? record.cells[n].column
                           : record.cells.back().column + static_cast<int>(record.cells.back().text.size());
    throw Error(
        Location{record.file, record.line, column, {}},
        fmt::format("{} field{} where the header has {}", record.cells.size(), record.cells.size() == 1 ? "" : "s", n),
        "every row needs one field per column; quote a field that contains the delimiter");
  }
  for (std::size_t c = 0; c < columns.field.size(); ++c) {
    const int field = columns.field[c];
    const CsvField& cell = record.cells[c];
    if (field < 0 || is_blank(cell.text)) continue;
    auto problem = assign_text(p, schema, field, cell.text);
    if (!problem) continue;
    const Field& f = schema.fields[static_cast<std::size_t>(field)];
    if (f.type == FieldType::Enum || f.type == FieldType::Set) {
      if (auto names = names_from_labels(f, cell.text)) {
        if (!assign_text(p, schema, field, *names)) {
          warnings.push_back(CsvWarning{record.file, record.line, cell.column, static_cast<int>(c),
                                        std::string(trim(cell.text)),
                                        fmt::format("'{}' read as {} ({})", trim(cell.text), *names, f.name)});
          continue;
        }
      }
    }
    throw Error(Location{record.file, record.line, cell.column, {}}, fmt::format("{}: {}", f.name, problem->message),
                problem->hint);
  }
  if (p.id.empty()) p.id = fmt::format("{}:{}", record.file, record.index);
  return p;
}

}  // namespace limber
