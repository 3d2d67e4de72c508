// The CSV reader (RFC 4180) and the batch helpers.
#include <gtest/gtest.h>

#include <sstream>

#include "io/batch.h"
#include "io/csv.h"
#include "support.h"

namespace limber::testing {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader csv(in);
  std::vector<std::vector<std::string>> out;
  while (auto r = csv.next()) {
    std::vector<std::string> fields;
    for (const CsvField& f : r->fields) fields.push_back(f.text);
    out.push_back(fields);
  }
  return out;
}

TEST(Csv, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  const auto rows = read_all("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "two\nlines", ""}));
}

TEST(Csv, KeepsLinesAndColumns) {
  std::istringstream in("h1,h2\n\nx,\"multi\nline\"\nlast,col\n");
  CsvReader csv(in);
  const auto first = csv.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->line, 1);
  const auto second = csv.next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->line, 3);
  ASSERT_EQ(second->fields.size(), 2u);
  EXPECT_EQ(second->fields[0].column, 1);
  EXPECT_EQ(second->fields[1].column, 3);
  EXPECT_EQ(second->fields[1].text, "multi\nline");
  const auto third = csv.next();
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->line, 5);
  EXPECT_FALSE(csv.next().has_value()) << "no record after the last line";
}

TEST(Csv, ReportsBrokenQuotes) {
  EXPECT_NE(error_of([] { read_all("a\n\"never closed\n"); }).find("-:2:1: error: a quoted field is never closed"),
            std::string::npos);
  EXPECT_NE(error_of([] { read_all("a\nx\"y\n"); }).find("-:2:2: error: a quote inside an unquoted field"),
            std::string::npos);
  EXPECT_NE(error_of([] { read_all("a\n\"x\"y\n"); }).find("text after a closing quote"), std::string::npos);
}

TEST(Batch, ErrorKindsGroupMessagesThatDifferOnlyInNamesAndNumbers) {
  EXPECT_EQ(error_kind("unknown field 'agee' (did you mean 'age'?)"), "unknown field '…' (did you mean '…'?)");
  EXPECT_EQ(error_kind("'age' must be from 10 to 120, not 200"), "'…' must be from N to N, not N");
}

TEST(Batch, SafeFileNames) {
  EXPECT_EQ(safe_file_name("Jo Smith"), "jo-smith");
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "etc-passwd");
  EXPECT_EQ(safe_file_name("<script>"), "script");
  EXPECT_EQ(safe_file_name("???"), "profile");
  EXPECT_EQ(safe_file_name("intake.csv:12"), "intake-csv-12");
}

}  // namespace
}  // namespace limber::testing
