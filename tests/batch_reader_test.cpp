// The JSONL reader of `limber batch`: blocks of lines cut into records must
// give exactly the records, line numbers and FILE:N indices a line-by-line
// reading gives, whatever the bytes, the line lengths and where the reads
// and blocks end.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <tuple>

#include "io/batch.h"
#include "support.h"

namespace limber::testing {
namespace {

using Line = std::tuple<int, std::uint64_t, std::string>;  // line number, index, text

// The reference: std::getline, a record per line that is not blank.
std::vector<Line> by_getline(const std::string& text) {
  std::vector<Line> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::uint64_t index = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!trim(line).empty()) out.emplace_back(number, ++index, line);
  }
  return out;
}

std::vector<Line> by_reader(const std::filesystem::path& file) {
  RecordReader reader(builtin_engine().schema(), {file.string()}, InputFormat::Auto);
  std::vector<Line> out;
  std::vector<std::uint64_t> block_sizes;
  reader.read([&](RawRecord&& r) {
    ASSERT_EQ(r.kind, RawRecord::Kind::Lines);
    ASSERT_EQ(r.file, file.string());
    std::uint64_t n = 0;
    for_each_line(r, [&](int line, std::uint64_t index, std::string_view text) {
      out.emplace_back(line, index, std::string(text));
      ++n;
    });
    EXPECT_EQ(n, r.count);
    block_sizes.push_back(n);
  });
  // Every block but the last holds exactly kBlockRecords records.
  for (std::size_t b = 0; b + 1 < block_sizes.size(); ++b) EXPECT_EQ(block_sizes[b], kBlockRecords) << "block " << b;
  return out;
}

TEST(BatchReader, JsonlBlocksGiveTheRecordsOfALineByLineReading) {
  std::mt19937_64 rng(2026);
  const std::string alphabet = "\n\n\r \t{}\"ab:,";
  TempDir dir;
  for (int round = 0; round < 60; ++round) {
    // Short and long lines, blank runs, sometimes a line longer than a read.
    std::string text = "{";
    const std::size_t size = std::uniform_int_distribution<std::size_t>(0, 300'000)(rng);
    const bool long_lines = round % 5 == 0;
    while (text.size() < size) {
      const char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
      if (long_lines && c == '\n' && std::uniform_int_distribution<int>(0, 999)(rng) != 0) continue;
      text += c;
    }
    if (round % 2 == 0) text += '\n';
    const auto file = dir.write("r" + std::to_string(round) + ".jsonl", text);
    const std::vector<Line> want = by_getline(text);
    const std::vector<Line> got = by_reader(file);
    ASSERT_EQ(got.size(), want.size()) << "round " << round;
    for (std::size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "round " << round << ", record " << i;
  }
}

TEST(BatchReader, AFileOfBlankLinesHasNoRecords) {
  TempDir dir;
  EXPECT_TRUE(by_reader(dir.write("blank.jsonl", "\n  \n\t\r\n\n")).empty());
  EXPECT_TRUE(by_reader(dir.write("empty.jsonl", "")).empty());
}

// A JSON file is one value: text after it is an error, not silently dropped.
TEST(BatchReader, TextAfterTheJsonValueIsAnError) {
  TempDir dir;
  for (const std::string text : {"[{\"age\": 40}] trailing\n", "{\"age\": 40}\n{\"age\": 41}\n"}) {
    RecordReader reader(builtin_engine().schema(), {dir.write("people.json", text).string()}, InputFormat::Auto);
    std::vector<RawRecord> records;
    reader.read([&](RawRecord&& r) { records.push_back(std::move(r)); });
    ASSERT_EQ(records.size(), 1u) << text;
    ASSERT_EQ(records[0].kind, RawRecord::Kind::Failed) << text;
    ASSERT_NE(records[0].error, nullptr);
    EXPECT_NE(records[0].error->message().find("more after the JSON value"), std::string::npos)
        << records[0].error->message();
  }
}

}  // namespace
}  // namespace limber::testing
