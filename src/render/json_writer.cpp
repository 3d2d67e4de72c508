#include "render/json_writer.h"

#include <nlohmann/json.hpp>

namespace limber::json {

// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
// nothing past U+10FFFF), which is exactly what nlohmann accepts.
bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t follow = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      follow = 1;
    } else if (c == 0xE0) {
      follow = 2;
      lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      follow = 2;
    } else if (c == 0xED) {
      follow = 2;
      hi = 0x9F;
    } else if (c == 0xF0) {
      follow = 3;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      follow = 3;
    } else if (c == 0xF4) {
      follow = 3;
      hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= follow) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t k = 2; k <= follow; ++k) {
      if ((p[k] & 0xC0u) != 0x80u) return false;
    }
    p += follow + 1;
  }
  return true;
}

void append_replacing(std::string& out, std::string_view text) {
  using Json = nlohmann::ordered_json;
  out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace limber::json
