#pragma once
// Small text helpers shared by the loaders and the renderers.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace limber {

// The closest candidate by edit distance, or "" when nothing is close enough.
std::string closest(std::string_view word, std::span<const std::string> candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

// "a, b, c" (quoted when `quote`).
std::string join(std::span<const std::string> items, std::string_view sep = ", ", bool quote = false);

// Greedy word wrap to `width` columns; every line after the first gets `indent`.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

std::vector<std::string> split(std::string_view text, std::string_view separators);
std::string_view trim(std::string_view text);
// At byte i, what must not reach a terminal as it is: a control character
// (C0 other than a tab, and a line feed when `keep_line_feed`; DEL; C1) or
// a byte that is not UTF-8. Returns its length in bytes, or 0 when the
// character at i is fine (utf8_length gives its length).
std::size_t control_length(std::string_view s, std::size_t i, bool keep_line_feed);
// The text with control characters (line ends and tabs kept) and bytes
// that are not UTF-8 written as \xNN: what an error message may show, so
// a hostile file cannot send terminal escape sequences through one.
std::string visible(std::string_view text);
// Only spaces, tabs and line ends: trim(text).empty().
inline bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}
std::string lower(std::string_view text);

// Text for XML and HTML, in element content and in attribute values (either
// quote): & < > " and ' as entities, everything else as it is.
std::string xml_escape(std::string_view text);

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not
// valid UTF-8 (overlong forms, surrogates and code points past U+10FFFF
// included).
std::size_t utf8_length(std::string_view s, std::size_t i);
// Valid UTF-8 without a NUL byte: text a profile file may hold.
bool is_clean_text(std::string_view s);

// Display width in terminal columns (UTF-8 code points; good enough for
// the Latin text limber prints).
std::size_t display_width(std::string_view text);

}  // namespace limber
