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

}  // namespace limber
