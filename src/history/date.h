#pragma once
// Calendar days for the diary: a day is a count of days since 1970-01-01
// (proleptic Gregorian), so weeks and windows are plain arithmetic.

#include <optional>
#include <string>
#include <string_view>

namespace limber::history {

using Day = long;  // days since 1970-01-01

// "YYYY-MM-DD" (a real date, years 1900..9999) or nullopt.
std::optional<Day> parse_day(std::string_view text);
std::string format_day(Day day);
// 0 = Monday ... 6 = Sunday.
int weekday(Day day);
// The Monday of the week holding `day`.
Day week_start(Day day);

// Today in local time, or $LIMBER_TODAY (YYYY-MM-DD) when set: tests and
// walkthroughs pin the date with it. Throws Error if LIMBER_TODAY is bad.
Day today();

// Now in UTC as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now();

}  // namespace limber::history
