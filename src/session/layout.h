#pragma once
// What the terminal shows for a View: lines of at most `width` columns and
// at most `height` of them, each with a style the screen may colour. Pure,
// so tests read the screens without a terminal.

#include <cstdint>
#include <string>
#include <vector>

#include "session/session.h"

namespace limber::session {

enum class Style : std::uint8_t { Plain, Title, Rule, Position, Hold, Rest, Paused, Alert, Dim, Big };

struct Line {
  std::string text;
  Style style = Style::Plain;
};

// Paragraphs never run wider than this, however wide the terminal: long
// lines are hard to read. Rules, bars and the header use the full width.
constexpr std::size_t kTextWidth = 100;

std::vector<Line> layout(const View& view, std::size_t width, std::size_t height);

// The countdown in large block digits ("0:28"): five lines.
std::vector<std::string> big_clock(int seconds);

// `left` and `right` on one line of `width` columns, `left` cut short (with
// "…") when both do not fit.
std::string spread(std::string_view left, std::string_view right, std::size_t width);

}  // namespace limber::session
