#pragma once
// One place that decides what an output stream can take, as ninja's
// LinePrinter does: whether it is a smart terminal (a tty whose TERM is not
// "dumb"), how wide it is, and whether colour is wanted. Every command asks
// a Terminal instead of calling isatty() or reading NO_COLOR itself, and
// every renderer is given the width it should wrap to.

#include <cstdio>
#include <optional>
#include <string_view>

namespace limber {

enum class ColorMode : unsigned char { Auto, Always, Never };

// "auto", "always", "never"; nothing for anything else.
std::optional<ColorMode> parse_color_mode(std::string_view text);

class Terminal {
 public:
  // Text is easier to read in lines no longer than this, however wide the terminal.
  static constexpr std::size_t kReadableWidth = 100;
  // Without a terminal or COLUMNS.
  static constexpr std::size_t kDefaultWidth = 80;
  // Narrower than this, wrapping breaks more than it helps.
  static constexpr std::size_t kMinWidth = 40;

  Terminal(std::FILE* stream, ColorMode mode);

  std::FILE* stream() const { return stream_; }
  // A tty (line editing, prompts, a pager and progress make sense).
  bool is_tty() const { return tty_; }
  // A tty that understands cursor movement (TERM is set and not "dumb").
  bool smart() const { return smart_; }
  // --color always, or auto on a tty with NO_COLOR unset or empty.
  bool color() const { return color_; }
  // Columns: COLUMNS when set to a number, else the tty's own width (asked
  // each time: the window may have been resized), else 80.
  std::size_t columns() const;
  // What text should wrap to: columns(), at most kReadableWidth and at
  // least kMinWidth.
  std::size_t width() const;

 private:
  std::FILE* stream_;
  bool tty_;
  bool smart_;
  bool color_;
};

}  // namespace limber
