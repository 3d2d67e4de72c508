#pragma once
// The guided session as a state machine over three interfaces: a Clock
// (milliseconds), an Input (keys, with a timeout) and a Screen (what to
// show, and a bell). The terminal implements them for `limber go`; tests
// run whole sessions with a fake clock and scripted keys.
//
// Keys while stretching: space pauses and resumes, n goes to the next step
// (on the last one: to the end and the check-in), b to the previous step,
// q quits (the check-in follows, and the session is logged as partial),
// s says something felt wrong (it asks what, shows the stop advice of the
// rules for it, then the check-in). Ctrl-C ends at once and logs nothing.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "session/plan.h"

namespace limber::session {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() = 0;
};

enum class KeyKind : std::uint8_t {
  Timeout,  // nothing came in time
  Char,     // a printable character in `ch`
  Enter,
  Erase,  // backspace
  Escape,
  Interrupt,  // Ctrl-C, SIGINT, SIGTERM, SIGHUP, or the input ended
  Resize,     // the screen changed size: show again
  Suspend,    // Ctrl-Z: pause; the input stops the program on its next wait
};

struct KeyEvent {
  KeyKind kind = KeyKind::Timeout;
  char ch = 0;
};

class Input {
 public:
  virtual ~Input() = default;
  // Waits at most `timeout_ms` of the clock's time (-1: as long as it
  // takes) for a key.
  virtual KeyEvent wait(std::int64_t timeout_ms) = 0;
};

enum class Mode : std::uint8_t {
  Step,     // following the routine
  AskWhat,  // s: what felt wrong?
  Advice,   // what to do about it
  CheckIn,  // the questions at the end
};

// Everything a screen needs to draw the session at one moment.
struct View {
  Mode mode = Mode::Step;
  const Plan* plan = nullptr;
  std::size_t step = 0;  // Step: the current step and phase
  std::size_t phase = 0;
  int phase_left = 0;    // seconds, rounded up
  int session_left = 0;  // seconds, rounded up
  bool paused = false;
  std::string note;  // a line about the last key ("Back to step 2")
  // AskWhat and CheckIn's last question: the choices and those marked.
  const std::vector<std::string>* choices = nullptr;
  std::uint64_t marked = 0;
  // Advice: paragraphs, one per line ("- " starts a list item).
  std::string advice;
  // CheckIn
  int question = 0;  // 0 pain now, 1 worst pain during, 2 what happened
  int questions = 3;
  std::string typed;
  std::string problem;  // why the last answer was not taken
  std::size_t steps_done = 0;
};

class Screen {
 public:
  virtual ~Screen() = default;
  virtual void show(const View& view) = 0;
  virtual void bell() = 0;
};

enum class End : std::uint8_t {
  Finished,     // the last step ran out, or n on the last step
  Quit,         // q
  Stopped,      // s: something felt wrong
  Interrupted,  // Ctrl-C or a signal: nothing is logged
};

// What is logged: `done` when every step was done, else `partial`.
struct Record {
  bool done = false;
  std::optional<int> pain;              // now, 0..10
  std::optional<int> pain_during;       // the worst while stretching, 0..10
  std::uint64_t during = 0;             // bits over the during_stretch values
  std::vector<std::size_t> steps_done;  // indices into the plan, in order
};

struct Outcome {
  End end = End::Finished;
  Record record;
  bool logged = false;
};

struct Hooks {
  // The during_stretch values' labels, in schema order.
  std::vector<std::string> wrong_labels;
  // The advice for these during_stretch bits: paragraphs, one per line.
  std::function<std::string(std::uint64_t during)> advice;
  // Writes the record (the diary); may throw limber::Error.
  std::function<void(const Record&)> log;
};

class Session {
 public:
  Session(const Plan& plan, Clock& clock, Input& input, Screen& screen, Hooks hooks);
  Outcome run();

 private:
  // Following the routine; returns how it ended.
  End follow();
  void enter(std::size_t step, std::size_t phase);
  void tick();
  bool catch_up();  // false once the last phase of the last step is over
  std::int64_t phase_ms() const;
  std::int64_t wait_ms() const;
  void mark_done_if_held();
  View step_view() const;
  // s: the marked during_stretch bits, or nothing (back to the routine).
  std::optional<std::uint64_t> ask_what(bool& interrupted);
  // Shows the advice until Enter; false on an interrupt.
  bool show_advice(std::uint64_t during, std::string next);
  // The check-in; false on an interrupt.
  bool check_in(Record& record, bool ask_events);
  std::optional<int> ask_number(int question, int questions, bool& finish, bool& interrupted);
  KeyEvent next_key(const View& view);

  const Plan& plan_;
  Clock& clock_;
  Input& input_;
  Screen& screen_;
  Hooks hooks_;

  std::size_t step_ = 0;
  std::size_t phase_ = 0;
  std::int64_t elapsed_ = 0;  // in the current phase, ms
  std::int64_t last_ = 0;     // the clock when elapsed_ was last brought up to date
  bool paused_ = false;
  std::string note_;
  std::vector<bool> done_;
  std::uint64_t during_ = 0;  // s: what felt wrong
};

}  // namespace limber::session
