#include "base/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string_view>

namespace limber {
namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && v[0] != '\0';
}

std::size_t env_columns() {
  const char* v = std::getenv("COLUMNS");
  if (v == nullptr) return 0;
  const std::string_view s(v);
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc{} && ptr == s.data() + s.size() && n > 0 && n < 10000 ? n : 0;
}

}  // namespace

std::optional<ColorMode> parse_color_mode(std::string_view text) {
  if (text == "auto") return ColorMode::Auto;
  if (text == "always") return ColorMode::Always;
  if (text == "never") return ColorMode::Never;
  return std::nullopt;
}

Terminal::Terminal(std::FILE* stream, ColorMode mode) : stream_(stream) {
  tty_ = stream != nullptr && isatty(fileno(stream)) != 0;
  const char* term = std::getenv("TERM");
  smart_ = tty_ && term != nullptr && term[0] != '\0' && std::string_view(term) != "dumb";
  switch (mode) {
    case ColorMode::Always: color_ = true; break;
    case ColorMode::Never: color_ = false; break;
    case ColorMode::Auto: color_ = tty_ && !env_set("NO_COLOR"); break;
  }
}

std::size_t Terminal::columns() const {
  if (const std::size_t n = env_columns(); n > 0) return n;
  if (tty_) {
    winsize ws{};
    if (::ioctl(fileno(stream_), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  }
  return kDefaultWidth;
}

std::size_t Terminal::width() const {
  return std::clamp(columns(), kMinWidth, kReadableWidth);
}

}  // namespace limber
