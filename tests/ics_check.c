/* Parses a .ics file with libical: no parse or restriction errors, every
 * VEVENT has UID, DTSTAMP, DTSTART (with its TZID resolved by the file's
 * VTIMEZONE) and DURATION, and its RRULE expands. Prints every
 * occurrence of a series ("occurrence ...Z") and every single event's start
 * ("event ...Z") in UTC, as the file's own VTIMEZONE places them.
 * Usage: ics_check FILE */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static char* slurp(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* s = malloc((size_t)n + 1);
  if (fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
  s[n] = '\0';
  fclose(f);
  return s;
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  char* text = slurp(argv[1]);
  if (!text) return 2;
  icalcomponent* cal = icalparser_parse_string(text);
  if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
    printf("FAIL: not a VCALENDAR\n");
    return 1;
  }
  icalrestriction_check(cal);
  int errors = icalcomponent_count_errors(cal);
  if (errors) {
    printf("FAIL: %d errors\n%s\n", errors, icalcomponent_as_ical_string(cal));
    return 1;
  }
  int events = 0, alarms = 0, fail = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ++events;
    if (!icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY) ||
        !icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY) ||
        !icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) {
      printf("FAIL: event %d lacks UID, DTSTAMP or DURATION\n", events);
      fail = 1;
    }
    struct icaltimetype start = icalcomponent_get_dtstart(ev);
    if (icaltime_is_null_time(start) || (!icaltime_is_utc(start) && start.zone == NULL)) {
      printf("FAIL: event %d: DTSTART without a resolved time zone\n", events);
      fail = 1;
    }
    icalcomponent* alarm = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
    if (alarm) {
      icalproperty* action = icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY);
      if (action && icalproperty_get_action(action) == ICAL_ACTION_DISPLAY) ++alarms;
    }
    icalproperty* rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (rrule) {
      struct icalrecurrencetype r = icalproperty_get_rrule(rrule);
      icalrecur_iterator* it = icalrecur_iterator_new(r, start);
      int n = 0;
      for (struct icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
           t = icalrecur_iterator_next(it)) {
        struct icaltimetype u = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
        printf("occurrence %s\n", icaltime_as_ical_string(u));
        ++n;
      }
      icalrecur_iterator_free(it);
      printf("rrule: %d occurrences\n", n);
      if (n == 0) fail = 1;
    } else {
      struct icaltimetype u = icaltime_convert_to_zone(start, icaltimezone_get_utc_timezone());
      printf("event %s\n", icaltime_as_ical_string(u));
    }
  }
  printf("libical: %d events, %d display alarms, 0 errors\n", events, alarms);
  if (events < 2 || alarms != events) fail = 1;
  icalcomponent_free(cal);
  free(text);
  return fail;
}
