#include "history/ics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "base/text.h"

namespace limber::history {

namespace {

struct LocalState {
  long offset = 0;
  bool dst = false;
  std::string abbreviation;
};

LocalState local_state(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_gmtoff, tm.tm_isdst > 0, tm.tm_zone != nullptr ? tm.tm_zone : ""};
}

long offset_at(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm.tm_gmtoff;
}

// The first second whose offset differs from lo's, given that hi's does.
std::time_t first_change(std::time_t lo, std::time_t hi) {
  const long before = offset_at(lo);
  while (hi - lo > 1) {
    const std::time_t mid = lo + (hi - lo) / 2;
    if (offset_at(mid) == before) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

std::string local_stamp(std::time_t utc, long offset) {
  const std::time_t local = utc + offset;
  std::tm tm{};
  gmtime_r(&local, &tm);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

struct Change {
  std::time_t at;  // the first second under the new offset
  long from;
  long to;
};

void observance(std::string& out, const std::string& onset, long from, long to, const LocalState& after) {
  const char* kind = after.dst ? "DAYLIGHT" : "STANDARD";
  ics_line(out, fmt::format("BEGIN:{}", kind));
  ics_line(out, "DTSTART:" + onset);
  ics_line(out, "TZOFFSETFROM:" + utc_offset_text(from));
  ics_line(out, "TZOFFSETTO:" + utc_offset_text(to));
  if (!after.abbreviation.empty()) ics_line(out, "TZNAME:" + ics_text(after.abbreviation));
  ics_line(out, fmt::format("END:{}", kind));
}

// Every change of offset in (lo, hi], six hours at a time, then to the second.
std::vector<Change> changes_in(std::time_t lo, std::time_t hi) {
  std::vector<Change> changes;
  long prev = offset_at(lo);
  for (std::time_t t = lo; t < hi;) {
    const std::time_t next = std::min(hi, t + 6 * 3600);
    if (offset_at(next) != prev) {
      const std::time_t at = first_change(t, next);
      changes.push_back({at, prev, offset_at(at)});
      prev = offset_at(at);
      t = at;
    } else {
      t = next;
    }
  }
  return changes;
}

}  // namespace

std::string ics_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

void ics_line(std::string& out, std::string_view line) {
  std::size_t used = 0;
  std::size_t limit = 75;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    len = std::min(len, line.size() - i);
    if (used + len > limit) {
      out += "\r\n ";
      used = 0;
      limit = 74;  // the leading space counts
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  out += "\r\n";
}

namespace {

std::string found_zone_name() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && tz[0] != '\0') {
    std::string z = tz[0] == ':' ? tz + 1 : tz;
    const auto at = z.find("zoneinfo/");
    if (at != std::string::npos) z = z.substr(at + 9);
    if (z == "GMT" || z == "UTC0" || z == "GMT0") return "UTC";
    // A name (Europe/Berlin, EST5EDT) as localtime reads it; a POSIX rule
    // with commas has no name a calendar could know.
    if (z.empty() || z.find_first_of(",;:\"") != std::string::npos) return "";
    return z;
  }
  std::ifstream etc("/etc/timezone");
  std::string z;
  if (etc && std::getline(etc, z) && !trim(z).empty()) return std::string(trim(z));
  std::error_code ec;
  const auto link = std::filesystem::read_symlink("/etc/localtime", ec).string();
  const auto at = link.find("zoneinfo/");
  if (!ec && at != std::string::npos) return link.substr(at + 9);
  if (!std::filesystem::exists("/etc/localtime", ec)) return "UTC";  // what glibc uses then
  return "";
}

}  // namespace

std::string zone_name() {
  std::string z = found_zone_name();
  if (z == "Etc/UTC" || z == "Etc/Universal" || z == "Universal" || z == "Zulu" || z == "Etc/Zulu") return "UTC";
  return z;
}

std::string utc_offset_text(long off) {
  const char sign = off < 0 ? '-' : '+';
  off = off < 0 ? -off : off;
  if (off % 60 != 0) return fmt::format("{}{:02}{:02}{:02}", sign, off / 3600, (off / 60) % 60, off % 60);
  return fmt::format("{}{:02}{:02}", sign, off / 3600, (off / 60) % 60);
}

std::time_t local_to_utc(int year, int month, int day, int hour, int minute, int second, bool later) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t wall = timegm(&tm);  // the wall-clock time read as UTC
  // The offsets a day either side: no zone changes twice within a day.
  const long before = offset_at(wall - 86400);
  const long after = offset_at(wall + 86400);
  std::vector<std::time_t> valid;
  for (long off : {before, after}) {
    if (offset_at(wall - off) == off) valid.push_back(wall - off);
  }
  if (valid.empty()) return wall - before;  // in the gap
  return later ? *std::max_element(valid.begin(), valid.end()) : *std::min_element(valid.begin(), valid.end());
}

void vtimezone(std::string& out, const std::string& tzid, std::time_t from, std::time_t to) {
  ics_line(out, "BEGIN:VTIMEZONE");
  ics_line(out, "TZID:" + ics_text(tzid));
  // The change that brought the offset in force at `from`: back a week at a
  // time (a zone's changes are months apart), then the last change in that week.
  const long at_from = offset_at(from);
  std::optional<Change> brought;
  for (std::time_t probe = from; probe > 0 && !brought;) {
    const std::time_t earlier = std::max<std::time_t>(0, probe - 7 * 86400);
    if (offset_at(earlier) != at_from) brought = changes_in(earlier, probe).back();
    probe = earlier;
  }
  if (brought) {
    observance(out, local_stamp(brought->at, brought->from), brought->from, brought->to, local_state(brought->at));
  } else {
    observance(out, "19700101T000000", at_from, at_from, local_state(from));
  }
  for (const Change& c : changes_in(from, to)) {
    observance(out, local_stamp(c.at, c.from), c.from, c.to, local_state(c.at));
  }
  ics_line(out, "END:VTIMEZONE");
}

}  // namespace limber::history
