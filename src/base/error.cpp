#include "base/error.h"

#include <fmt/color.h>
#include <fmt/format.h>
#include <algorithm>
#include <string_view>

#include "base/text.h"

namespace limber {
namespace {

std::string prefix(const Location& where) {
  if (where.file.empty()) return {};
  const std::string file = visible(where.file);
  if (where.line == 0) return file + ": ";
  if (where.column == 0) return fmt::format("{}:{}: ", file, where.line);
  return fmt::format("{}:{}:{}: ", file, where.line, where.column);
}

// Tabs would shift the caret; show them as one space each.
std::string untab(std::string line) {
  for (char& c : line) {
    if (c == '\t') c = ' ';
  }
  return line;
}

}  // namespace

// Messages quote what the user wrote: shown through visible(), so no
// control character reaches a terminal.
Error::Error(Location where, std::string message, std::string hint)
    : std::runtime_error(prefix(where) + visible(message)),
      where_(std::move(where)),
      message_(visible(message)),
      hint_(visible(hint)) {}

Error::Error(std::string message, std::string hint) : Error(Location{}, std::move(message), std::move(hint)) {}

std::string Error::render(bool color) const {
  std::string out = prefix(where_);
  if (color) {
    out += fmt::format(fmt::emphasis::bold | fg(fmt::terminal_color::red), "error: ");
  } else {
    out += "error: ";
  }
  out += message_;
  out += '\n';
  if (!where_.text.empty() && where_.line > 0) {
    constexpr std::size_t kMaxShown = 200;
    std::string shown = untab(where_.text.substr(0, kMaxShown));
    out += fmt::format(" {:>5} | {}\n", where_.line, shown);
    if (where_.column > 0 && static_cast<std::size_t>(where_.column) <= shown.size() + 1) {
      // Under the whole offending token, not only its first character.
      const auto start = static_cast<std::size_t>(where_.column - 1);
      std::size_t end = start;
      while (end < shown.size() && std::string_view(" \t,:]}#\"'").find(shown[end]) == std::string_view::npos) ++end;
      const std::size_t len = std::max<std::size_t>(1, std::min<std::size_t>(end - start, 60));
      out += fmt::format(" {:>5} | {}{}\n", "", std::string(start, ' '), std::string(len, '^'));
    }
  }
  if (!hint_.empty()) out += fmt::format("  = help: {}\n", hint_);
  return out;
}

std::string Error::one_line() const {
  std::string out = message_;
  if (!hint_.empty()) out += " (" + hint_ + ")";
  return out;
}

}  // namespace limber
