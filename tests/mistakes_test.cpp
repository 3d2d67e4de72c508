// The README's table of common mistakes: every row is checked here, so the
// table can never drift from what limber really answers.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "support.h"
#include "yaml.h"

namespace limber::testing {
namespace {

struct Row {
  std::string input;
  std::string answer;
};

std::vector<Row> readme_rows() {
  std::ifstream in(source_dir() / "README.md");
  std::string line;
  bool inside = false;
  std::vector<Row> rows;
  const std::regex cell(R"(^\|[^|]*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*$)");
  while (std::getline(in, line)) {
    if (line.find("<!-- mistakes:begin -->") != std::string::npos) inside = true;
    if (line.find("<!-- mistakes:end -->") != std::string::npos) inside = false;
    std::smatch m;
    if (inside && std::regex_match(line, m, cell)) rows.push_back({m[1], m[2]});
  }
  return rows;
}

// What limber prints first for the input, run from the project root.
std::string first_error(const std::string& input) {
  const std::filesystem::path path = source_dir() / input;
  std::string message = error_of([&] {
    if (std::filesystem::is_directory(path)) {
      LoadOptions o;
      (input.find("/catalogue/") != std::string::npos ? o.catalogue_dirs : o.rule_dirs).push_back(input);
      Engine e(load_knowledge(o));
    } else {
      const yaml::Source src(input, yaml::strip_bom(read_file(path)));
      parse_profile(yaml::parse_one(src), yaml::Checker(src), builtin_engine().schema());
    }
  });
  return message.substr(0, message.find('\n'));
}

TEST(Mistakes, TheReadmeTableHasAtLeastTenRows) {
  EXPECT_GE(readme_rows().size(), 10u);
}

TEST(Mistakes, EveryRowOfTheReadmeTableIsWhatLimberAnswers) {
  std::filesystem::current_path(source_dir());
  for (const Row& row : readme_rows()) {
    EXPECT_EQ(first_error(row.input), row.answer) << "README row for " << row.input;
  }
}

}  // namespace
}  // namespace limber::testing
