// The CSV reader (RFC 4180) and the batch helpers.
#include <gtest/gtest.h>

#include <sstream>

#include "io/batch.h"
#include "io/csv.h"
#include "io/csv_profile.h"
#include "render/render_csv.h"
#include "support.h"

namespace limber::testing {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, char* delimiter = nullptr) {
  std::istringstream in(text);
  CsvReader csv(in);
  std::vector<std::vector<std::string>> out;
  while (auto r = csv.next()) {
    std::vector<std::string> fields;
    for (const CsvField& f : r->fields) fields.push_back(f.text);
    out.push_back(fields);
  }
  if (delimiter != nullptr) *delimiter = csv.delimiter();
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

TEST(Csv, TakesTheDelimiterFromTheHeaderLine) {
  EXPECT_EQ(detect_delimiter("id,age,pain_areas"), ',');
  EXPECT_EQ(detect_delimiter("id;age;pain_areas"), ';');
  EXPECT_EQ(detect_delimiter("id\tage\tpain_areas"), '\t');
  EXPECT_EQ(detect_delimiter("\"a,b,c\";d;e"), ';');  // commas inside quotes do not count
  EXPECT_EQ(detect_delimiter("id"), ',');
  char d = 0;
  const auto rows = read_all("id;pain_areas\r\nx;\"neck;hips\"\r\ny;a,b\r\n", &d);
  EXPECT_EQ(d, ';');
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x", "neck;hips"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"y", "a,b"}));
}

TEST(Csv, IgnoresAByteOrderMarkAndCountsEmptyLines) {
  std::istringstream in("\xEF\xBB\xBFid,age\n\n1,40\n\n\n2,41\n");
  CsvReader csv(in);
  EXPECT_EQ(csv.next()->fields[0].text, "id");
  EXPECT_EQ(csv.next()->line, 3);
  EXPECT_EQ(csv.next()->line, 6);
  EXPECT_FALSE(csv.next());
  EXPECT_EQ(csv.empty_lines(), 3u);
  // Only the first line's mark is one.
  EXPECT_EQ(read_all("a\n\xEF\xBB\xBFx\n")[1][0], "\xEF\xBB\xBFx");
}

TEST(Csv, ABlankRowIsOneOfOnlyEmptyFields) {
  const auto blank = [](const std::string& text) {
    std::istringstream in("a;b;c\n" + text + "\n");
    CsvReader csv(in);
    csv.next();
    return csv.next()->blank();
  };
  EXPECT_TRUE(blank(";;"));
  EXPECT_TRUE(blank(" ; \"\" ;"));
  EXPECT_FALSE(blank(";;x"));
}

TEST(Csv, WritesFieldsAsRfc4180Quotes) {
  std::string out;
  for (const char* f : {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""}) {
    append_csv_field(out, f);
    out += '|';
  }
  EXPECT_EQ(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\" padded\"||");
  // And they read back.
  std::string row;
  for (const char* f : {"a,b", "say \"hi\"", "two\nlines"}) {
    if (!row.empty()) row += ',';
    append_csv_field(row, f);
  }
  EXPECT_EQ(read_all(row + "\n")[0], (std::vector<std::string>{"a,b", "say \"hi\"", "two\nlines"}));
}

TEST(Csv, TextThatASpreadsheetWouldRunIsMadeInert) {
  std::string out;
  append_csv_text(out, "=HYPERLINK(\"http://x\")");
  EXPECT_EQ(out, "\"'=HYPERLINK(\"\"http://x\"\")\"");
  for (const char* f : {"+1", "@SUM(A1)"}) {
    out.clear();
    append_csv_text(out, f);
    EXPECT_EQ(out[0], '\'') << f;
  }
  out.clear();
  append_csv_text(out, "people.csv:3");
  EXPECT_EQ(out, "people.csv:3");
}

CsvRecord header_of(const std::string& line) {
  std::istringstream in(line + "\n");
  CsvReader csv(in);
  return *csv.next();
}

TEST(CsvProfile, HeaderNamesMatchInAnyCaseWithAWarningOncePerColumn) {
  const Schema& schema = builtin_engine().schema();
  std::vector<CsvWarning> warnings;
  const CsvColumns cols =
      match_header(header_of("ID;Pain areas;sitting_hours;Red-Flags"), schema, "x.csv", {}, warnings);
  EXPECT_FALSE(cols.error);
  EXPECT_EQ(cols.field, (std::vector<int>{schema.index("id"), schema.index("pain_areas"), schema.index("sitting_hours"),
                                          schema.index("red_flags")}));
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0].render(), "x.csv:1:1: warning: column 'ID' read as id\n");
  EXPECT_EQ(warnings[1].render(), "x.csv:1:4: warning: column 'Pain areas' read as pain_areas\n");
}

TEST(CsvProfile, AnExtraColumnIsRefusedOrKept) {
  const Schema& schema = builtin_engine().schema();
  std::vector<CsvWarning> warnings;
  const CsvColumns refused = match_header(header_of("id,site,age"), schema, "x.csv", {}, warnings);
  ASSERT_TRUE(refused.error);
  EXPECT_NE(refused.error->render().find("x.csv:1:4: error: unknown column 'site'"), std::string::npos);
  EXPECT_NE(refused.error->hint().find("--keep-columns"), std::string::npos);
  const CsvColumns kept = match_header(header_of("id,site,age"), schema, "x.csv", {"clinic", "site"}, warnings);
  EXPECT_FALSE(kept.error);
  EXPECT_EQ(kept.field[1], -1);
  EXPECT_EQ(kept.kept, (std::vector<int>{-1, 1, -1}));
  EXPECT_EQ(extra_columns(header_of("ID,site,Age,note"), schema), (std::vector<std::string>{"site", "note"}));
}

Profile row(const std::string& csv, std::vector<CsvWarning>& warnings) {
  std::istringstream in(csv);
  CsvReader reader(in);
  RawRecord r;
  std::vector<CsvWarning> header_warnings;
  r.columns = std::make_shared<const CsvColumns>(
      match_header(*reader.next(), builtin_engine().schema(), "x.csv", {}, header_warnings));
  const CsvRecord rec = *reader.next();
  r.kind = RawRecord::Kind::Cells;
  r.file = "x.csv";
  r.line = rec.line;
  r.index = 1;
  r.cells = rec.fields;
  return parse_cells(r, builtin_engine().schema(), warnings);
}

TEST(CsvProfile, ValuesReadByNameOrLabelInAnyCase) {
  const Schema& schema = builtin_engine().schema();
  std::vector<CsvWarning> warnings;
  // A label with a comma in it, and labels separated by ';' or ','.
  const Profile p =
      row("pain_areas;red_flags;toe_touch;improving\n"
          "Lower back, HIPS;\"Numbness around the groin, buttocks or inner thighs;fever\";Knees;Yes\n",
          warnings);
  EXPECT_EQ(value_text(p, schema, schema.index("pain_areas")), "lower_back;hips");
  EXPECT_EQ(value_text(p, schema, schema.index("red_flags")), "saddle_numbness;fever");
  EXPECT_EQ(value_text(p, schema, schema.index("toe_touch")), "knees");
  EXPECT_EQ(value_text(p, schema, schema.index("improving")), "true");
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0].render(), "x.csv:2:1: warning: 'Lower back, HIPS' read as lower_back;hips (pain_areas)\n");
  // Exact names need no warning; an unknown value is still an error at its cell.
  warnings.clear();
  row("id,pain_areas\nx,neck;hips\n", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_NE(error_of([&] { row("id,pain_areas\nx,Lower bak\n", warnings); })
                .find("x.csv:2:3: error: pain_areas: unknown value 'Lower bak' for 'pain_areas' (did you mean "
                      "'lower_back'?)"),
            std::string::npos);
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
