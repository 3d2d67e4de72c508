#pragma once
// RFC 5545 pieces for `limber plan --ics`: escaped TEXT values, content
// lines folded at 75 octets with CRLF, and the local time zone as a
// VTIMEZONE that is right for every instant of a span.

#include <ctime>
#include <string>
#include <string_view>

namespace limber::history {

// A TEXT value: backslash, semicolon, comma and newlines escaped (3.3.11).
std::string ics_text(std::string_view s);
// Appends one content line, folded at 75 octets (never inside a UTF-8
// sequence), each physical line ending in CRLF (3.1).
void ics_line(std::string& out, std::string_view line);

// The local zone's IANA name: $TZ, /etc/timezone, or /etc/localtime's
// link; "UTC" for UTC; "" when none of them names it.
std::string zone_name();

// "+0100", "-0330", "+005328" (seconds only when there are some).
std::string utc_offset_text(long seconds);

// The instant of a local wall-clock time: of two (the clock went back),
// the first, or the second when `later`; a time the clock skips counts in
// the offset before the gap (RFC 5545 3.3.5).
std::time_t local_to_utc(int year, int month, int day, int hour, int minute, int second, bool later = false);

// A VTIMEZONE named `tzid` for the process's local zone, correct for every
// instant from `from` to `to`: one observance for the offset in force at
// `from` (onset: the change that brought it, or 1970 when there was none),
// then one per change of UTC offset up to `to`, each with its onset in
// local time, TZOFFSETFROM, TZOFFSETTO and TZNAME. Explicit onsets rather
// than yearly rules: they stay right when a zone changes its rules (a
// country dropping daylight saving time) and in either hemisphere.
void vtimezone(std::string& out, const std::string& tzid, std::time_t from, std::time_t to);

}  // namespace limber::history
