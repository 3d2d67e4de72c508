#pragma once
// The guided session on a real terminal: raw keys, the alternate screen,
// a clock that may run faster for tests, and the terminal handed back as
// it was on every way out (the end, q, Ctrl-C, SIGINT, SIGTERM, SIGHUP,
// an exception, and a crash: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT).

#include <termios.h>

#include <chrono>
#include <deque>

#include "session/layout.h"
#include "session/session.h"

namespace limber::session {

// Milliseconds since it was made, `speed` times as fast as real time
// (speed 1 but for tests: LIMBER_GO_SPEED).
class SteadyClock : public Clock {
 public:
  explicit SteadyClock(int speed = 1) : speed_(speed), start_(std::chrono::steady_clock::now()) {}
  std::int64_t now_ms() override;
  int speed() const { return speed_; }

 private:
  int speed_;
  std::chrono::steady_clock::time_point start_;
};

// Owns the terminal while it lives: raw mode (no echo, keys one at a
// time, Ctrl-C as a key), the alternate screen and a hidden cursor.
// Only one may live at a time.
class Terminal {
 public:
  // Throws limber::Error when the file descriptors are not a terminal.
  Terminal(int in_fd, int out_fd);
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  // Hands the terminal back (idempotent); the destructor does it too.
  void restore();
  // Takes it again (after a suspend).
  void take();

  std::size_t width() const;
  std::size_t height() const;
  void write(std::string_view bytes) const;

  int in_fd() const { return in_; }
  int signal_fd() const;

 private:
  int in_;
  int out_;
  bool raw_ = false;
};

class TerminalInput : public Input {
 public:
  TerminalInput(Terminal& terminal, int speed) : terminal_(terminal), speed_(speed) {}
  KeyEvent wait(std::int64_t timeout_ms) override;

 private:
  void parse(std::string_view bytes);
  void suspend();

  Terminal& terminal_;
  int speed_;
  std::deque<KeyEvent> queue_;
  bool suspend_next_ = false;
};

class TerminalScreen : public Screen {
 public:
  TerminalScreen(Terminal& terminal, bool color) : terminal_(terminal), color_(color) {}
  void show(const View& view) override;
  void bell() override;

 private:
  std::string styled(const Line& line) const;

  Terminal& terminal_;
  bool color_;
};

// The bytes for a key press as the session sees them (Ctrl-Z aside):
// exposed for tests.
std::vector<KeyEvent> parse_keys(std::string_view bytes);

}  // namespace limber::session
