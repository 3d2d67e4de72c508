// The README's table of common mistakes: every row is checked here, so the
// table can never drift from what limber really answers.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "knowledge/yaml.h"
#include "support.h"

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
  // A row: | mistake | `input` | `answer` |
  auto code = [](const std::string& s, std::size_t& at) {
    const auto open = s.find('`', at);
    const auto close = open == std::string::npos ? open : s.find('`', open + 1);
    if (close == std::string::npos) return std::string();
    at = close + 1;
    return s.substr(open + 1, close - open - 1);
  };
  while (std::getline(in, line)) {
    if (line.find("<!-- mistakes:begin -->") != std::string::npos) inside = true;
    if (line.find("<!-- mistakes:end -->") != std::string::npos) inside = false;
    if (!inside || !line.starts_with("| ") || line.starts_with("| mistake")) continue;
    std::size_t at = 0;
    Row row{code(line, at), code(line, at)};
    if (!row.input.empty() && !row.answer.empty()) rows.push_back(row);
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
