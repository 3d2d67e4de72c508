#pragma once
// `limber ask`: the symptom questionnaire, without a terminal.
//
// Every question comes from the profile schema (rules/profile.yaml): its
// text, help, type, allowed values, default and ask_if condition. Safety
// fields are asked first; an answer that makes the routine a `stop` ends
// the interview at once. The interview reads answers and says things
// through an InterviewIo, so tests drive it with a script and the command
// line with libedit or plain stdin.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "knowledge/schema.h"

namespace limber {

class InterviewIo {
 public:
  virtual ~InterviewIo() = default;
  // One answer, without its line ending; nothing at the end of the input
  // (Ctrl-D) or when interrupted (Ctrl-C).
  virtual std::optional<std::string> read_line(const std::string& prompt) = 0;
  // Text for the person, complete lines (each ends with '\n').
  virtual void say(std::string_view text) = 0;
  // Columns to wrap to, asked before each question (the terminal may resize).
  virtual std::size_t width() { return 80; }
  virtual bool color() { return false; }
  // The words that make sense for the next answer (value names, `none`,
  // `back`), for completion; called before read_line.
  virtual void offer(std::span<const std::string> /*words*/) {}
  // A person at a terminal: a stop answer is confirmed once, and every
  // answer is shown for review before the routine. A script is not asked.
  virtual bool interactive() { return false; }
};

enum class InterviewEnd : std::uint8_t {
  Finished,  // every question asked
  Stopped,   // an answer made the routine a stop; no further questions
  Ended,     // end of input or interrupted: no answer to use
};

struct InterviewOutcome {
  InterviewEnd end = InterviewEnd::Finished;
  Profile profile;
  std::vector<int> asked;  // fields whose answers stand, in the order asked
};

class Interview {
 public:
  Interview(const Engine& engine, InterviewIo& io);
  InterviewOutcome run();

  // Safety fields first, then the others, each group in schema order.
  static std::vector<int> question_order(const Schema& schema);

 private:
  enum class Reply : std::uint8_t { Answered, Back, Ended };
  enum class Tone : std::uint8_t { Plain, Question, Safety, Hint, Good, Problem, Stop };
  void introduce();
  // Every question that applies, in order, with `back`; the fields whose
  // answers stand are appended to `asked`.
  InterviewEnd ask_in_order(Profile& profile, std::vector<int>& asked);
  Reply ask(int field, std::size_t number, std::size_t total, Profile& profile);
  // `?`: the question's help and choices again.
  void show_help(const Field& f, std::size_t indent);
  // Enter: the person's own earlier answer, or none (a safety set), or the default.
  void keep_or_skip(int field, const std::string& own_label, std::size_t indent, Profile& profile);
  // After an answer that makes the routine a stop: is it right? Yes (or
  // not interactive) is true; no is false; nothing is the end of input.
  std::optional<bool> confirm_stop(int field, const Profile& profile);
  // Every answer, numbered; a number changes that answer (and asks what
  // the change makes relevant). Returns the end, or nothing to go on.
  std::optional<InterviewEnd> review(Profile& profile, std::vector<int>& asked);
  // Applies one answer. Returns a problem to explain, or nothing.
  std::optional<TextProblem> apply(int field, std::string_view text, Profile& profile) const;
  void show_question(const Field& f, std::size_t number, bool full);
  void show_stop(const Profile& profile);
  std::string human_value(const Profile& profile, int field) const;
  std::string default_text(const Field& f) const;

  // A paragraph wrapped to the width: `lead` before the first line, the
  // others indented to line up with it, all `indent` columns in.
  void para(std::string_view lead, std::string_view text, std::size_t indent, Tone tone);
  std::string styled(std::string_view text, Tone tone);

  // The person's own answer to each field (as a profile writes it), kept
  // across `back` so that Enter keeps it rather than the default.
  struct Own {
    bool answered = false;
    bool skipped = false;  // Enter: the default, or nothing
    std::string text;
  };
  std::vector<Own> own_;

  const Engine& engine_;
  InterviewIo& io_;
  Result result_;
};

// Words for an answer: "3 weeks", "2 months", "1 year", "10 days" or a
// bare number, in days (a week is 7, a month 30, a year 365); nothing
// when it is none of these.
std::optional<std::int64_t> parse_days(std::string_view text);

// The answers as a YAML profile (only the fields given), which
// `limber recommend FILE` reads back into the same profile.
std::string profile_yaml(const Profile& profile, const Schema& schema);

}  // namespace limber
