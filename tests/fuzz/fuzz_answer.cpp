// Fuzz target: the questionnaire's answers. The first line of the input sets
// up the terminal (a width in columns, `c` for colour); every further line is
// one answer, as `limber ask` reads them from a pipe. The interview runs with
// the shipped knowledge base until it ends or the answers run out.
//
// Invariants (a violation traps, so libFuzzer reports it):
// - the interview ends, and reads nothing after the end of the input;
// - it ends Ended exactly when the answers ran out;
// - Stopped means the profile evaluates to a stop; Finished means it does not;
// - each field is asked (and stands) at most once, and only asked fields are
//   given;
// - everything said is complete lines;
// - the answers written as YAML (--save-profile) read back as the same profile,
//   which gives the same routine; when the interview did not end early, there
//   is always something to write (the safety screening).
#include "fuzz_support.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "engine/answer.h"
#include "io/questionnaire.h"
#include "knowledge/yaml.h"
#include "render/render.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

class ScriptIo : public limber::InterviewIo {
 public:
  ScriptIo(std::vector<std::string_view> answers, std::size_t width, bool color)
      : answers_(std::move(answers)), width_(width), color_(color) {}

  std::optional<std::string> read_line(const std::string& /*prompt*/) override {
    check(!ended_);  // nothing is read after the end of the input
    if (next_ >= answers_.size()) {
      ended_ = true;
      return std::nullopt;
    }
    return std::string(answers_[next_++]);
  }
  void say(std::string_view text) override {
    check(!text.empty() && text.back() == '\n');  // complete lines only
    said_ += text.size();
  }
  std::size_t width() override { return width_; }
  bool color() override { return color_; }
  void offer(std::span<const std::string> words) override {
    check(std::find(words.begin(), words.end(), "back") != words.end());
  }

  bool ended() const { return ended_; }

 private:
  std::vector<std::string_view> answers_;
  std::size_t next_ = 0;
  std::size_t width_;
  bool color_;
  bool ended_ = false;
  std::size_t said_ = 0;
};

// "120c" -> width 120, colour; no digits -> 80 columns.
void terminal(std::string_view line, std::size_t& width, bool& color) {
  std::size_t digits = 0;
  width = 0;
  for (const char c : line) {
    if (c >= '0' && c <= '9' && digits < 6) {
      width = width * 10 + static_cast<std::size_t>(c - '0');
      ++digits;
    }
    if (c == 'c') color = true;
  }
  if (digits == 0) width = 80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const limber::Engine& e = limber::fuzz::builtin_engine();
  const limber::Schema& s = e.schema();
  const std::string input = limber::fuzz::text(data, size);

  // Lines as `limber ask` reads them from a pipe (getline, then a '\r' off).
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < input.size() || lines.empty();) {
    const std::size_t end = std::min(input.find('\n', at), input.size());
    std::string_view line = std::string_view(input).substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    at = end + 1;
  }
  std::size_t width = 80;
  bool color = false;
  terminal(lines.front(), width, color);
  lines.erase(lines.begin());

  ScriptIo io(lines, width, color);
  const limber::InterviewOutcome out = limber::Interview(e, io).run();
  check(io.ended() == (out.end == limber::InterviewEnd::Ended));

  limber::Result r;
  e.evaluate(out.profile, r);
  if (out.end == limber::InterviewEnd::Stopped) check(r.status == limber::Status::Stop);
  if (out.end == limber::InterviewEnd::Finished) check(r.status != limber::Status::Stop);

  std::uint64_t asked = 0;
  for (const int f : out.asked) {
    check(f >= 0 && static_cast<std::size_t>(f) < s.fields.size());
    check(((asked >> f) & 1u) == 0);
    asked |= std::uint64_t{1} << f;
  }
  check((out.profile.given & ~asked) == 0);

  // --save-profile (written unless the interview Ended; the screening is
  // always answered by then), then `limber recommend` on the file.
  if (out.end != limber::InterviewEnd::Ended) check(out.profile.given != 0);
  if (out.profile.given == 0) return 0;  // an empty profile is not a file limber reads
  const std::string saved = limber::profile_yaml(out.profile, s);
  limber::Profile back;
  try {
    const limber::yaml::Source src("saved.yaml", saved);
    back = limber::parse_profile(limber::yaml::parse_one(src), limber::yaml::Checker(src), s);
  } catch (const limber::Error&) {
    check(false);  // the saved answers must read back
  }
  check(back.id == out.profile.id);
  check(back.given == out.profile.given);
  check(back.present == out.profile.present);
  for (std::size_t i = 0; i < s.fields.size(); ++i) {
    const int field = static_cast<int>(i);
    check(limber::value_text(back, s, field) == limber::value_text(out.profile, s, field));
  }
  limber::Result rb;
  e.evaluate(back, rb);
  check(rb.status == r.status);
  check(limber::render_json(limber::make_answer(e, back, rb), false) ==
        limber::render_json(limber::make_answer(e, out.profile, r), false));
  return 0;
}
