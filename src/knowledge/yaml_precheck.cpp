// The checks that run before yaml-cpp sees a text: its size, NUL bytes,
// invalid UTF-8 and how deep it nests (yaml-cpp recurses per level and can
// overflow the stack on deeply nested input).
#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"
#include "knowledge/yaml.h"

namespace limber::yaml {

namespace {

void check_size(const Source& source, const Limits& limits) {
  const std::string& t = source.text();
  if (t.size() > limits.max_bytes) {
    throw Error(Location{source.name(), 0, 0, {}},
                fmt::format("input is {} bytes; the limit is {} bytes", t.size(), limits.max_bytes),
                "split it into several files, or for batch input use JSONL or CSV, one record per line");
  }
}

// The length of the UTF-8 character at i; throws on a NUL byte or bytes
// that are not UTF-8.
std::size_t checked_length(const Source& source, std::size_t i, int line, int column) {
  const std::string& t = source.text();
  if (t[i] == '\0') {
    throw Error(source.at(line, column), "the input contains a NUL byte", "save the file as plain UTF-8 text");
  }
  const std::size_t len = utf8_length(t, i);
  if (len == 0) throw Error(source.at(line, column), "the input is not valid UTF-8", "save the file as UTF-8 text");
  return len;
}

// The nesting a text opens, counted as it is read: flow brackets, and the
// "- " and "? " that open nested block collections on one line; quoted
// scalars and comments are skipped. Multi-line quoted scalars are legal, so
// the quote state carries over line ends.
class NestingScan {
 public:
  NestingScan(const Source& source, const Limits& limits) : source_(source), limits_(limits) {}

  void line_end() {
    comment_ = false;
    at_line_start_ = true;
    line_indicators_ = 0;
  }

  // Reads the character at i (not a line end). True when it is a backslash
  // escape in a double-quoted scalar, which takes the next byte with it.
  // Throws when the nesting is deeper than the limit.
  bool read(std::size_t i, int line, int column) {
    if (comment_) return false;
    const std::string& t = source_.text();
    const char c = t[i];
    if (quote_ != 0) {
      if (c == '\\' && quote_ == '"') return true;
      if (c == quote_) quote_ = 0;
    } else if (c == '#' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n')) {
      comment_ = true;
    } else if (c == '"' || c == '\'') {
      // A quote opens a scalar only where a scalar can start.
      const char prev = i == 0 ? ' ' : t[i - 1];
      if (prev == ' ' || prev == '\t' || prev == '\n' || prev == '[' || prev == '{' || prev == ',' || prev == ':') {
        quote_ = c;
      }
    } else if (c == '[' || c == '{') {
      max_flow_depth_ = std::max(max_flow_depth_, ++flow_depth_);
    } else if (c == ']' || c == '}') {
      flow_depth_ = std::max(0, flow_depth_ - 1);
    } else if ((c == '-' || c == '?') && (at_line_start_ || t[i - 1] == ' ') &&
               (i + 1 == t.size() || t[i + 1] == ' ')) {
      ++line_indicators_;
    }
    if (c != ' ' && c != '-' && c != '?') at_line_start_ = false;
    if (line_indicators_ + max_flow_depth_ > limits_.max_depth || max_flow_depth_ > limits_.max_depth) {
      throw Error(source_.at(line, column), fmt::format("nesting is deeper than {} levels", limits_.max_depth),
                  "a profile, rule or stretch needs only a few levels; flatten the structure");
    }
    return false;
  }

 private:
  const Source& source_;
  const Limits& limits_;
  int flow_depth_ = 0;
  int max_flow_depth_ = 0;
  int line_indicators_ = 0;  // "- " and "? " opening nested block collections on one line
  bool at_line_start_ = true;
  char quote_ = 0;
  bool comment_ = false;
};

}  // namespace

void precheck(const Source& source, const Limits& limits) {
  check_size(source, limits);
  const std::string& t = source.text();
  NestingScan scan(source, limits);
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t len = checked_length(source, i, line, column);
    if (t[i] == '\n') {
      ++line;
      column = 1;
      scan.line_end();
      ++i;
      continue;
    }
    if (scan.read(i, line, column)) {
      i += 2;
      column += 2;
      continue;
    }
    i += len;
    ++column;
  }
}

}  // namespace limber::yaml
