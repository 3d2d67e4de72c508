#include "history/date.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>

#include "base/error.h"

namespace limber::history {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
Day days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

struct Civil {
  long y;
  unsigned m;
  unsigned d;
};

Civil civil_from_days(Day z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

unsigned number(std::string_view s) {
  unsigned n = 0;
  for (char c : s) n = n * 10 + static_cast<unsigned>(c - '0');
  return n;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view ys = text.substr(0, 4), ms = text.substr(5, 2), ds = text.substr(8, 2);
  if (!digits(ys) || !digits(ms) || !digits(ds)) return std::nullopt;
  const unsigned y = number(ys), m = number(ms), d = number(ds);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const Day day = days_from_civil(static_cast<long>(y), m, d);
  const Civil back = civil_from_days(day);
  if (back.m != m || back.d != d) return std::nullopt;  // 2026-02-30
  return day;
}

std::string format_day(Day day) {
  const Civil c = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

int weekday(Day day) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const long w = (day + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Day week_start(Day day) {
  return day - weekday(day);
}

Day today() {
  if (const char* pinned = std::getenv("LIMBER_TODAY"); pinned != nullptr && pinned[0] != '\0') {
    if (auto day = parse_day(pinned)) return *day;
    throw UsageError(Location{"$LIMBER_TODAY", 0, 0, {}}, fmt::format("'{}' is not a date", pinned),
                     "write it as YYYY-MM-DD, e.g. 2026-03-02, or unset it");
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return days_from_civil(local.tm_year + 1900L, static_cast<unsigned>(local.tm_mon + 1),
                         static_cast<unsigned>(local.tm_mday));
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace limber::history
