#pragma once
// Renderers: one function per output format, all from an Answer.

#include <string>

#include "answer.h"

namespace limber {

enum class Format : std::uint8_t { Text, Json, Markdown };

struct TextStyle {
  std::size_t width = 80;
  bool color = false;
};

std::string render_json(const Answer& answer, bool pretty = true);
std::string render_text(const Answer& answer, const TextStyle& style = {});
// CommonMark that markdownlint accepts: title, status note, summary table,
// one section per stretch, cautions, what was left out, how often,
// sources and a disclaimer.
std::string render_markdown(const Answer& answer);
// Text safe inside Markdown: it can never open a heading, a link, a table
// cell, emphasis or raw HTML.
std::string markdown_escape(std::string_view text);

}  // namespace limber
