#include "io/file_names.h"

#include <fmt/format.h>

#include <cctype>

namespace limber {

std::string safe_file_name(std::string_view id) {
  std::string out;
  for (char c : id) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_') {
      out += l;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "profile" : out;
}

std::string UniqueNames::take(const std::string& stem) {
  const int n = ++used_[stem];
  return n == 1 ? stem : fmt::format("{}-{}", stem, n);
}

}  // namespace limber
