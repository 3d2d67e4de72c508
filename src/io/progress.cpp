#include "io/progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace limber {

namespace {

std::string duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

}  // namespace

Progress::Progress(bool enabled, bool terminal, std::uint64_t total_bytes, std::FILE* out)
    : enabled_(enabled),
      terminal_(terminal),
      total_(total_bytes),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(std::uint64_t records, std::uint64_t errors, std::uint64_t bytes_done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // A terminal line from the first half second, redrawn 4 times a second;
  // a log line every 5 seconds.
  const auto first = terminal_ ? std::chrono::milliseconds(500) : std::chrono::milliseconds(5000);
  const auto every = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
  if (now - start_ < first || now - last_ < every) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  std::string line = fmt::format("limber batch: {} records, {} errors, {:.0f}/s", records, errors,
                                 static_cast<double>(records) / secs);
  if (total_ > 0 && bytes_done > 0) {
    const double done = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_));
    line += fmt::format(", {:.0f}% of {:.1f} MB, about {} left", 100 * done, static_cast<double>(total_) / 1e6,
                        duration(secs * (1 - done) / done));
  }
  if (terminal_) {
    std::fputs(("\r" + line + "\x1b[K").c_str(), out_);
  } else {
    std::fputs((line + "\n").c_str(), out_);
  }
  std::fflush(out_);
  shown_ = true;
}

void Progress::finish(std::uint64_t records, std::uint64_t errors, std::uint64_t blank_rows) {
  if (!enabled_) return;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = fmt::format("limber batch: {} records, {} errors", records, errors);
  if (blank_rows > 0) line += fmt::format(", {} blank rows skipped", blank_rows);
  line += fmt::format(", {}", duration(secs));
  if (secs > 0 && records > 0) line += fmt::format(" ({:.0f}/s)", static_cast<double>(records) / secs);
  if (terminal_ && shown_) std::fputs("\r\x1b[K", out_);
  std::fputs((line + "\n").c_str(), out_);
  std::fflush(out_);
}

}  // namespace limber
