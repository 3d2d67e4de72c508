#include "session/terminal.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/color.h>
#include <fmt/format.h>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "base/error.h"

namespace limber::session {

std::int64_t SteadyClock::now_ms() {
  const auto since = std::chrono::steady_clock::now() - start_;
  return std::chrono::duration_cast<std::chrono::milliseconds>(since).count() * speed_;
}

namespace {

// What the signal handlers need, in plain globals: one Terminal at a time.
struct termios g_saved {};
volatile std::sig_atomic_t g_active = 0;  // the terminal is ours to restore
int g_out = -1;
int g_in = -1;
std::array<int, 2> g_pipe = {-1, -1};  // the self-pipe: signals to the input

constexpr std::string_view kEnter = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J";  // alternate screen, cursor hidden
constexpr std::string_view kLeave = "\x1b[0m\x1b[?25h\x1b[?1049l";        // back to the main screen, cursor shown

constexpr std::array kQuitSignals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr std::array kCrashSignals = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
std::array<struct sigaction, kQuitSignals.size()> g_old_quit{};
std::array<struct sigaction, kCrashSignals.size()> g_old_crash{};
struct sigaction g_old_winch {};
struct sigaction g_old_cont {};

// Async-signal-safe: tcsetattr and write only.
void restore_now() {
  if (g_active == 0) return;
  g_active = 0;
  ::tcsetattr(g_in, TCSAFLUSH, &g_saved);
  [[maybe_unused]] const ssize_t n = ::write(g_out, kLeave.data(), kLeave.size());
}

void notify(char c) {
  const int saved = errno;
  if (g_pipe[1] >= 0) [[maybe_unused]]
    const ssize_t n = ::write(g_pipe[1], &c, 1);
  errno = saved;
}

extern "C" void on_quit(int) {
  notify('i');
}
extern "C" void on_winch(int) {
  notify('w');
}
extern "C" void on_cont(int) {
  notify('c');
}

// A crash: hand the terminal back, then let the signal do what it would
// have done (the old handler, e.g. a sanitizer's report, or the default).
extern "C" void on_crash(int sig, siginfo_t* info, void*) {
  restore_now();
  for (std::size_t i = 0; i < kCrashSignals.size(); ++i) {
    if (kCrashSignals[i] == sig) ::sigaction(sig, &g_old_crash[i], nullptr);
  }
  // A fault raised by an instruction happens again on return; one sent
  // (kill, raise, abort) must be sent again.
  if (info == nullptr || info->si_code <= 0) ::raise(sig);
}

void set_raw(int fd) {
  struct termios raw = g_saved;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL | INLCR);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  ::tcsetattr(fd, TCSAFLUSH, &raw);
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // the terminal went away: nothing more to show
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

Terminal::Terminal(int in_fd, int out_fd) : in_(in_fd), out_(out_fd) {
  if (g_active != 0 || g_pipe[0] >= 0) throw Error("limber go: the terminal is already in use");
  if (::isatty(in_fd) == 0 || ::isatty(out_fd) == 0 || ::tcgetattr(in_fd, &g_saved) != 0) {
    throw Error("limber go: the guided session needs a terminal", "use --plain for the session as a timed script");
  }
  if (::pipe(g_pipe.data()) != 0) throw Error(fmt::format("limber go: cannot make a pipe: {}", std::strerror(errno)));
  for (const int fd : g_pipe) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  ::fcntl(g_pipe[1], F_SETFL, O_NONBLOCK);
  g_in = in_fd;
  g_out = out_fd;

  struct sigaction sa {};
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = on_quit;
  for (std::size_t i = 0; i < kQuitSignals.size(); ++i) ::sigaction(kQuitSignals[i], &sa, &g_old_quit[i]);
  sa.sa_handler = on_winch;
  ::sigaction(SIGWINCH, &sa, &g_old_winch);
  sa.sa_handler = on_cont;
  ::sigaction(SIGCONT, &sa, &g_old_cont);
  struct sigaction crash {};
  sigemptyset(&crash.sa_mask);
  crash.sa_sigaction = on_crash;
  crash.sa_flags = SA_SIGINFO | SA_NODEFER;
  for (std::size_t i = 0; i < kCrashSignals.size(); ++i) ::sigaction(kCrashSignals[i], &crash, &g_old_crash[i]);
  take();
}

void Terminal::take() {
  set_raw(in_);
  write(kEnter);
  raw_ = true;
  g_active = 1;
}

void Terminal::restore() {
  if (!raw_) return;
  raw_ = false;
  restore_now();
}

Terminal::~Terminal() {
  restore();
  for (std::size_t i = 0; i < kQuitSignals.size(); ++i) ::sigaction(kQuitSignals[i], &g_old_quit[i], nullptr);
  for (std::size_t i = 0; i < kCrashSignals.size(); ++i) ::sigaction(kCrashSignals[i], &g_old_crash[i], nullptr);
  ::sigaction(SIGWINCH, &g_old_winch, nullptr);
  ::sigaction(SIGCONT, &g_old_cont, nullptr);
  for (int& fd : g_pipe) {
    ::close(fd);
    fd = -1;
  }
}

std::size_t Terminal::width() const {
  winsize ws{};
  if (::ioctl(out_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::size_t Terminal::height() const {
  winsize ws{};
  if (::ioctl(out_, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
  return 24;
}

void Terminal::write(std::string_view bytes) const {
  write_all(out_, bytes);
}

int Terminal::signal_fd() const {
  return g_pipe[0];
}

std::vector<KeyEvent> parse_keys(std::string_view b) {
  std::vector<KeyEvent> out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const auto c = static_cast<unsigned char>(b[i]);
    if (c == 0x03) {
      out.push_back({KeyKind::Interrupt, 0});
    } else if (c == 0x1a) {
      out.push_back({KeyKind::Suspend, 0});
    } else if (c == '\r' || c == '\n') {
      out.push_back({KeyKind::Enter, 0});
    } else if (c == 0x7f || c == 0x08) {
      out.push_back({KeyKind::Erase, 0});
    } else if (c == 0x1b) {
      // An escape sequence (arrows, function keys) is read whole and
      // ignored; ESC on its own is Escape.
      if (i + 1 < b.size() && (b[i + 1] == '[' || b[i + 1] == 'O')) {
        i += 2;
        while (i < b.size() && !(b[i] >= 0x40 && b[i] <= 0x7e)) ++i;
      } else {
        out.push_back({KeyKind::Escape, 0});
      }
    } else if (c >= 0x20 && c < 0x7f) {
      out.push_back({KeyKind::Char, static_cast<char>(c)});
    }
  }
  return out;
}

void TerminalInput::parse(std::string_view bytes) {
  for (const KeyEvent& k : parse_keys(bytes)) queue_.push_back(k);
}

void TerminalInput::suspend() {
  terminal_.restore();
  ::raise(SIGTSTP);  // stops here until continued (fg)
  terminal_.take();
}

KeyEvent TerminalInput::wait(std::int64_t timeout_ms) {
  if (suspend_next_) {
    suspend_next_ = false;
    suspend();
    return {KeyKind::Resize, 0};
  }
  if (queue_.empty()) {
    std::array<pollfd, 2> fds{pollfd{terminal_.in_fd(), POLLIN, 0}, pollfd{terminal_.signal_fd(), POLLIN, 0}};
    const int real = timeout_ms < 0 ? -1 : static_cast<int>((timeout_ms + speed_ - 1) / speed_);
    const int n = ::poll(fds.data(), fds.size(), real);
    if (n < 0) return {errno == EINTR ? KeyKind::Timeout : KeyKind::Interrupt, 0};
    if (n == 0) return {KeyKind::Timeout, 0};
    if ((fds[1].revents & POLLIN) != 0) {
      std::array<char, 32> buf{};
      const ssize_t got = ::read(terminal_.signal_fd(), buf.data(), buf.size());
      for (ssize_t i = 0; i < got; ++i) {
        if (buf[static_cast<std::size_t>(i)] == 'i') return {KeyKind::Interrupt, 0};
      }
      for (ssize_t i = 0; i < got; ++i) {
        // Continued after a stop from outside: the shell may have reset the modes.
        if (buf[static_cast<std::size_t>(i)] == 'c') terminal_.take();
      }
      return {KeyKind::Resize, 0};
    }
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      std::array<char, 64> buf{};
      const ssize_t got = ::read(terminal_.in_fd(), buf.data(), buf.size());
      if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) return {KeyKind::Interrupt, 0};
      if (got > 0) parse(std::string_view(buf.data(), static_cast<std::size_t>(got)));
    }
    if (queue_.empty()) return {KeyKind::Timeout, 0};
  }
  const KeyEvent k = queue_.front();
  queue_.pop_front();
  if (k.kind == KeyKind::Suspend) suspend_next_ = true;
  return k;
}

std::string TerminalScreen::styled(const Line& line) const {
  if (!color_ || line.text.empty()) return line.text;
  using fmt::terminal_color;
  fmt::text_style st;
  switch (line.style) {
    case Style::Plain: return line.text;
    case Style::Title: st = fmt::emphasis::bold; break;
    case Style::Rule:
    case Style::Dim: st = fmt::emphasis::faint; break;
    case Style::Position: st = fmt::emphasis::bold | fg(terminal_color::yellow); break;
    case Style::Hold:
    case Style::Big: st = fmt::emphasis::bold | fg(terminal_color::green); break;
    case Style::Rest: st = fmt::emphasis::bold | fg(terminal_color::cyan); break;
    case Style::Paused: st = fmt::emphasis::bold | fg(terminal_color::magenta); break;
    case Style::Alert: st = fmt::emphasis::bold | fg(terminal_color::red); break;
  }
  return fmt::format(st, "{}", line.text);
}

void TerminalScreen::show(const View& view) {
  const std::size_t height = terminal_.height();
  const std::vector<Line> lines = layout(view, terminal_.width(), height);
  // One write per screen, drawn over the last one: no flicker.
  std::string out = "\x1b[H";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += styled(lines[i]);
    out += "\x1b[K";
    if (i + 1 < lines.size()) out += "\r\n";
  }
  out += "\x1b[J";
  terminal_.write(out);
}

void TerminalScreen::bell() {
  terminal_.write("\a");
}

}  // namespace limber::session
