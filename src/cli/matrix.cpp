// `limber matrix`: the contraindication matrix, generated from the rules and
// the catalogue through the engine (engine/matrix.h).
#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "cli/common.h"
#include "engine/matrix.h"

namespace limber::cli {

namespace {

std::string cell_text(const Engine& engine, const MatrixRow& row, std::size_t f) {
  if (row.cells[f] == Cell::Allowed) return "allowed";
  return fmt::format("{} ({})", cell_name(row.cells[f]), engine.rule(row.rules[f]).id);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string as_csv(const Engine& engine, const Matrix& m) {
  std::string out = "condition";
  for (const std::string& c : m.columns) out += "," + csv_field(c);
  out += "\n";
  for (const MatrixRow& row : m.rows) {
    out += csv_field(row.condition);
    for (std::size_t f = 0; f < m.columns.size(); ++f) out += "," + csv_field(cell_text(engine, row, f));
    out += "\n";
  }
  return out;
}

std::string as_markdown(const Engine& engine, const Matrix& m) {
  std::string out =
      "# Contraindication matrix\n\nEach row is a profile with that one condition (and every item of equipment), "
      "evaluated by the rules; each column a stretch as catalogued or one of its variants (`stretch/variant`).\n\n";
  out += "| condition |";
  for (const std::string& c : m.columns) out += " " + c + " |";
  out += "\n|---|";
  for (std::size_t i = 0; i < m.columns.size(); ++i) out += "---|";
  out += "\n";
  for (const MatrixRow& row : m.rows) {
    out += "| " + row.condition + " |";
    for (std::size_t f = 0; f < m.columns.size(); ++f) {
      if (row.cells[f] == Cell::Allowed) {
        out += " |";
      } else {
        out += fmt::format(" {} `{}` |", row.cells[f] == Cell::Excluded ? "**excluded**" : "modified",
                           engine.rule(row.rules[f]).id);
      }
    }
    out += "\n";
  }
  out += "\nAn empty cell: allowed as it is.\n";
  return out;
}

// A grid of one letter per cell (X excluded, m modified, . allowed), the
// columns numbered, then for each row which rule decided which cells.
std::string as_text(const Engine& engine, const Matrix& m) {
  std::size_t width = 9;
  for (const MatrixRow& row : m.rows) width = std::max(width, row.condition.size());
  std::string out =
      "Contraindication matrix: X excluded, m modified, . allowed. Rows: single-condition profiles\n"
      "(every item of equipment); columns: the stretch forms numbered below.\n\n";
  auto header = [&](std::size_t digit) {
    out += std::string(width + 1, ' ');
    for (std::size_t f = 0; f < m.columns.size(); ++f) {
      const std::string n = std::to_string(f + 1);
      out += n.size() > digit ? n.substr(n.size() - 1 - digit, 1) : " ";
    }
    out += "\n";
  };
  header(1);
  header(0);
  for (const MatrixRow& row : m.rows) {
    out += fmt::format("{:<{}} ", row.condition, width);
    for (std::size_t f = 0; f < m.columns.size(); ++f)
      out += row.cells[f] == Cell::Excluded ? 'X' : row.cells[f] == Cell::Modified ? 'm' : '.';
    out += "\n";
  }
  out += "\nColumns:\n";
  for (std::size_t f = 0; f < m.columns.size(); ++f) out += fmt::format("{:>4} {}\n", f + 1, m.columns[f]);
  out += "\nBy rule:\n";
  for (const MatrixRow& row : m.rows) {
    std::vector<std::size_t> rules;
    for (std::size_t f = 0; f < m.columns.size(); ++f) {
      if (row.cells[f] != Cell::Allowed && std::find(rules.begin(), rules.end(), row.rules[f]) == rules.end())
        rules.push_back(row.rules[f]);
    }
    if (rules.empty()) continue;
    out += row.condition + "\n";
    for (std::size_t rule : rules) {
      std::vector<std::string> cols;
      Cell kind = Cell::Allowed;
      for (std::size_t f = 0; f < m.columns.size(); ++f) {
        if (row.cells[f] != Cell::Allowed && row.rules[f] == rule) {
          cols.push_back(m.columns[f]);
          kind = row.cells[f];
        }
      }
      const std::string line = fmt::format("{} by {}: {}", cell_name(kind), engine.rule(rule).id, join(cols, ", "));
      for (const std::string& l : wrap(line, 96)) out += "    " + l + "\n";
    }
  }
  return out;
}

}  // namespace

Command setup_matrix(CLI::App& app, const GlobalOptions& global) {
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("matrix", "The contraindication matrix: conditions by stretch forms");
  sub->add_option("--format", *format, "text, csv or markdown")->check(CLI::IsMember({"text", "csv", "markdown"}));
  sub->add_option("-o,--output", *output, "Write to FILE instead of standard output");
  sub->footer(
      "Each row is a profile with one condition (and every item of equipment) evaluated by the rules;\n"
      "each cell says whether that stretch form is excluded, modified or allowed, and by which rule.\n\n"
      "Example:\n  limber matrix --format csv -o matrix.csv");
  return {sub, [format, output, &global] {
            auto engine = load_engine(global);
            const Matrix m = build_matrix(*engine);
            const std::string text = *format == "csv"        ? as_csv(*engine, m)
                                     : *format == "markdown" ? as_markdown(*engine, m)
                                                             : as_text(*engine, m);
            write_output(*output, text);
            return kExitOk;
          }};
}

}  // namespace limber::cli
