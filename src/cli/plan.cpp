// `limber plan`: the weeks ahead from the current level, with check-ins and
// when to get help; `--ics` writes the reminders as an RFC 5545 calendar.

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>

#include "base/text.h"
#include "cli/history.h"
#include "history/ics.h"
#include "history/plan.h"
#include "render/plan_html.h"

namespace limber::cli {
namespace {

using history::check_in_text;
using history::Day;
using history::format_day;
using history::ics_line;
using history::ics_text;
using history::Plan;
using history::PlanWeek;
using history::step_line;
using history::zone_name;
using nlohmann::ordered_json;

constexpr const char* kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kIcsDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::vector<int> parse_days(const std::string& text) {
  std::vector<int> days;
  for (const std::string& part : split(text, ",")) {
    const std::string d(trim(part));
    const auto* it = std::find_if(std::begin(kDayNames), std::end(kDayNames), [&](const char* n) { return d == n; });
    if (it == std::end(kDayNames)) {
      throw UsageError(Location{"--days " + text, 0, 0, {}}, fmt::format("'{}' is not a day", d),
                       "write three-letter days separated by commas, e.g. mon,wed,fri");
    }
    const int i = static_cast<int>(it - std::begin(kDayNames));
    if (std::find(days.begin(), days.end(), i) == days.end()) days.push_back(i);
  }
  std::sort(days.begin(), days.end());
  if (days.empty()) throw UsageError(Location{"--days", 0, 0, {}}, "no days given", "e.g. --days mon,wed,fri");
  return days;
}

std::pair<int, int> parse_time(const std::string& t) {
  if (t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
      std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
      std::isdigit(static_cast<unsigned char>(t[4]))) {
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h < 24 && m < 60) return {h, m};
  }
  throw UsageError(Location{"--time " + t, 0, 0, {}}, "not a time of day",
                   "write HH:MM on the 24-hour clock, e.g. 07:30");
}

std::string render_plan_text(const Engine& engine, const Plan& plan, const Person& person, bool markdown) {
  std::string out;
  const auto para = [&](const std::string& s, std::size_t indent) {
    if (markdown) {
      out += markdown_escape(s) + "\n";
      return;
    }
    for (const std::string& l : wrap(s, 78 - indent)) out += std::string(indent, ' ') + l + "\n";
  };
  const std::string title = fmt::format("Your plan for the next {} week{}, from {} (level {} of {})", plan.weeks.size(),
                                        plan.weeks.size() == 1 ? "" : "s", format_day(plan.start),
                                        plan.weeks.empty() ? 1 : plan.weeks.front().level, plan.level_max);
  out += markdown ? "# " + markdown_escape(title) + "\n\n" : title + "\n\n";
  if (!plan.weeks.empty() && plan.weeks.front().answer.status == Status::Stop) {
    out += markdown ? "## Stop: do not stretch\n\n" : "STOP: do not stretch now.\n";
    for (const StopReason& s : plan.weeks.front().answer.stop_reasons) {
      para(fmt::format("{} [{}]", s.reason.text, s.reason.rule), 2);
    }
    return out;
  }
  if (!plan.weeks.empty() && plan.weeks.front().answer.status == Status::SeeProfessionalFirst) {
    para("See a professional first: show them this plan before you start.", 0);
    for (const Reason& r : plan.weeks.front().answer.referrals) para(fmt::format("- {} [{}]", r.text, r.rule), 2);
    out += "\n";
  }
  para(
      "Each week's dosage assumes the week before went well; your diary decides (`limber recommend` shows this "
      "week's routine).",
      0);
  out += "\n";
  for (const PlanWeek& w : plan.weeks) {
    const std::string head = fmt::format("Week {} (from {}), level {}: about {}", w.number, format_day(w.from), w.level,
                                         duration_label(w.answer.total_seconds));
    out += markdown ? "## " + markdown_escape(head) + "\n\n" : head + "\n";
    for (const AnswerStep& s : w.answer.routine)
      out += (markdown ? "- " + markdown_escape(step_line(s)) : "  - " + step_line(s)) + "\n";
    out += markdown ? "\n" : "";
    para("Check-in: " + check_in_text(plan, w), markdown ? 0 : 2);
    if (plan.review != nullptr && w.number == plan.review_week)
      para(std::string(history::kReviewLabel) + ": " + std::string(plan.review->because) + " [" + plan.review->id + "]",
           markdown ? 0 : 2);
    out += "\n";
  }
  out += markdown ? "## When to get help\n\n" : "When to get help\n";
  for (const Rule* r : plan.get_help) {
    std::string text = (r->stop ? "Would stop the routine: " : "Would send you to a professional first: ") + r->because;
    if (markdown) {
      out += "- " + markdown_escape(fmt::format("{} [{}]", text, r->id)) + "\n";
    } else {
      const auto lines = wrap(fmt::format("{} [{}]", text, r->id), 74);
      for (std::size_t i = 0; i < lines.size(); ++i) out += (i == 0 ? "  - " : "    ") + lines[i] + "\n";
    }
  }
  if (person.history) out += history_text(engine, *person.history, markdown);
  return out;
}

ordered_json render_plan_json(const Engine& engine, const Plan& plan, const Person& person) {
  ordered_json j;
  j["schema"] = "limber.plan/1";
  j["start"] = format_day(plan.start);
  j["level_max"] = plan.level_max;
  ordered_json weeks = ordered_json::array();
  for (const PlanWeek& w : plan.weeks) {
    ordered_json routine = ordered_json::array();
    for (const AnswerStep& s : w.answer.routine) {
      routine.push_back(ordered_json{{"stretch", s.stretch->id},
                                     {"name", s.variant != nullptr ? s.variant->name : s.stretch->name},
                                     {"hold_seconds", s.hold_seconds},
                                     {"reps", s.reps},
                                     {"per_side", s.per_side},
                                     {"seconds", s.seconds}});
    }
    ordered_json stops = ordered_json::array();
    for (const StopReason& s : w.answer.stop_reasons) {
      stops.push_back(
          ordered_json{{"rule", s.reason.rule}, {"reason", s.reason.text}, {"urgency", urgency_name(s.urgency)}});
    }
    ordered_json week{{"week", w.number},
                      {"from", format_day(w.from)},
                      {"level", w.level},
                      {"status", status_name(w.answer.status)},
                      {"routine", routine},
                      {"total_seconds", w.answer.total_seconds},
                      {"check_in", check_in_text(plan, w)}};
    if (!stops.empty()) week["stop_reasons"] = stops;
    if (plan.review != nullptr && w.number == plan.review_week)
      week["review"] = {{"rule", plan.review->id}, {"reason", plan.review->because}};
    weeks.push_back(week);
  }
  j["weeks"] = weeks;
  ordered_json help = ordered_json::array();
  for (const Rule* r : plan.get_help) {
    ordered_json sources = ordered_json::array();
    for (const Citation& c : r->sources) sources.push_back(c.doc);
    help.push_back(ordered_json{{"rule", r->id},
                                {"action", r->stop ? "stop" : "see_professional"},
                                {"reason", r->because},
                                {"sources", sources}});
  }
  j["get_help"] = help;
  if (person.history) {
    j["history"] = history_json(engine, *person.history);
    j["level"] = person.history->level;
  }
  return j;
}

// --- RFC 5545 -------------------------------------------------------------

std::string ics_date(Day d) {
  std::string s = format_day(d);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

std::string utc_stamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

// The UTC instant of a local time on day d.
std::time_t local_instant(Day d, int hour, int minute, int second, bool later = false) {
  const std::string ymd = format_day(d);
  return history::local_to_utc(std::stoi(ymd.substr(0, 4)), std::stoi(ymd.substr(5, 2)), std::stoi(ymd.substr(8, 2)),
                               hour, minute, second, later);
}

std::string render_ics(const Plan& plan, const std::vector<int>& days, std::pair<int, int> time) {
  // The sessions: one weekly series over the plan's weeks.
  Day first = plan.start;
  while (std::find(days.begin(), days.end(), history::weekday(first)) == days.end()) ++first;
  const Day end = history::week_start(plan.start) + 7 * static_cast<Day>(plan.weeks.size()) - 1;
  // The span of every event, and a year more: the VTIMEZONE holds every
  // change of offset in it, so each occurrence of the series, past new
  // year and its changes, falls at the right instant.
  const std::time_t span_from = local_instant(plan.start, 0, 0, 0);
  const std::time_t span_to = local_instant(end + 1, 0, 0, 0) + 366L * 86400;
  std::string tzid = zone_name();
  if (tzid.empty()) {
    // A zone with no name a calendar could know: UTC if it is, else ours.
    bool zero = true;
    for (std::time_t t = span_from; t <= span_to && zero; t += 6 * 3600) {
      std::tm tm{};
      localtime_r(&t, &tm);
      zero = tm.tm_gmtoff == 0;
    }
    tzid = zero ? "UTC" : "limber-local-time";
  }
  const bool utc = tzid == "UTC";
  const std::string stamp = utc_stamp();
  const std::size_t uid_seed = std::hash<std::string>{}(
      fmt::format("{}|{}|{:02}{:02}", plan.start, fmt::join(days, ","), time.first, time.second));
  std::string out;
  ics_line(out, "BEGIN:VCALENDAR");
  ics_line(out, "VERSION:2.0");
  ics_line(out, "PRODID:-//limber//limber plan//EN");
  ics_line(out, "CALSCALE:GREGORIAN");
  // No METHOD: a file to import, not an iTIP message (which needs an ORGANIZER).
  if (!utc) history::vtimezone(out, tzid, span_from, span_to);
  const auto dtstart = [&](Day d) {
    const std::string when = fmt::format("{}T{:02}{:02}00", ics_date(d), time.first, time.second);
    return utc ? "DTSTART:" + when + "Z" : "DTSTART;TZID=" + tzid + ":" + when;
  };
  const auto alarm = [&](const std::string& text) {
    ics_line(out, "BEGIN:VALARM");
    ics_line(out, "ACTION:DISPLAY");
    ics_line(out, "TRIGGER:-PT10M");
    ics_line(out, "DESCRIPTION:" + ics_text(text));
    ics_line(out, "END:VALARM");
  };
  int minutes = 5;
  for (const PlanWeek& w : plan.weeks) minutes = std::max(minutes, (w.answer.total_seconds + 59) / 60);
  std::string description =
      "Your limber stretching session. This week's routine: `limber recommend`; "
      "afterwards `limber log --session done --pain N`.";
  for (const PlanWeek& w : plan.weeks) {
    std::vector<std::string> steps;
    for (const AnswerStep& s : w.answer.routine) steps.push_back(step_line(s));
    description += fmt::format("\nWeek {} (level {}): {}.", w.number, w.level, join(steps, "; "));
  }
  // (none when the plan is one week and its session days are past)
  if (first <= end) {
    ics_line(out, "BEGIN:VEVENT");
    ics_line(out, fmt::format("UID:limber-plan-{:016x}-sessions@limber.invalid", uid_seed));
    ics_line(out, "DTSTAMP:" + stamp);
    ics_line(out, dtstart(first));
    ics_line(out, fmt::format("DURATION:PT{}M", minutes));
    std::vector<std::string> byday;
    for (int d : days) byday.emplace_back(kIcsDays[d]);
    // UNTIL: the end of the last day, local time, as UTC (5545 3.3.10 wants
    // UTC with a TZID start); west of Greenwich that is the next UTC day.
    const std::time_t until = local_instant(end, 23, 59, 59, true);
    std::tm u{};
    gmtime_r(&until, &u);
    ics_line(out, fmt::format("RRULE:FREQ=WEEKLY;BYDAY={};UNTIL={:04}{:02}{:02}T{:02}{:02}{:02}Z", join(byday, ","),
                              u.tm_year + 1900, u.tm_mon + 1, u.tm_mday, u.tm_hour, u.tm_min, u.tm_sec));
    ics_line(out, "SUMMARY:" + ics_text("Stretching session (limber)"));
    ics_line(out, "DESCRIPTION:" + ics_text(description));
    alarm("Stretching session in 10 minutes");
    ics_line(out, "END:VEVENT");
  }
  // The weekly check-ins, on the last session day of each week.
  for (const PlanWeek& w : plan.weeks) {
    const Day day = history::week_start(w.from) + days.back();
    if (day < plan.start) continue;
    std::string text = "Check-in: " + check_in_text(plan, w);
    if (plan.review != nullptr && w.number == plan.review_week)
      text += "\n" + std::string(history::kReviewLabel) + ": " + plan.review->because;
    ics_line(out, "BEGIN:VEVENT");
    ics_line(out, fmt::format("UID:limber-plan-{:016x}-check-in-{}@limber.invalid", uid_seed, w.number));
    ics_line(out, "DTSTAMP:" + stamp);
    ics_line(out, dtstart(day));
    ics_line(out, "DURATION:PT5M");
    ics_line(out, "SUMMARY:" + ics_text(fmt::format("limber check-in, week {}", w.number)));
    ics_line(out, "DESCRIPTION:" + ics_text(text));
    alarm(fmt::format("limber check-in, week {}", w.number));
    ics_line(out, "END:VEVENT");
  }
  ics_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace

Command setup_plan(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string profile;
    std::vector<std::string> sets;
    int weeks = 6;
    std::string format;
    std::string output;
    bool force = false;
    bool detail = false;
    std::string ics;
    std::string days = "mon,wed,fri";
    std::string time = "18:00";
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("plan", "The weeks ahead: each week's routine, check-ins, when to get help");
  sub->add_option("profile", o->profile, "Profile file (YAML or JSON); - reads stdin; omit for the stored profile");
  sub->add_option("--set", o->sets, "FIELD=VALUE on top of the profile (repeatable)")->type_name("FIELD=VALUE");
  sub->add_option("--weeks", o->weeks, "How many weeks ahead")->check(CLI::Range(1, 52))->capture_default_str();
  sub->add_option("--format", o->format, "text, markdown, html or json (default: text; what FILE's extension implies)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}));
  sub->add_flag("--detail", o->detail, "HTML: add the rule ids and documents behind every reason (for clinicians)");
  sub->add_option("-o,--output", o->output, "Write to FILE instead of stdout (atomically)")->type_name("FILE");
  sub->add_flag("--force", o->force, "Replace FILE (and the --ics file) if it exists");
  sub->add_option("--ics", o->ics, "Also write calendar reminders (RFC 5545) to FILE")->type_name("FILE");
  sub->add_option("--days", o->days, "Session days for --ics")->type_name("mon,wed,fri")->capture_default_str();
  sub->add_option("--time", o->time, "Session time for --ics, local time")->type_name("HH:MM")->capture_default_str();
  sub->footer(
      "Examples:\n"
      "  limber plan                                   from the stored profile and the diary\n"
      "  limber plan me.yaml --weeks 8 -o plan.md\n"
      "  limber plan -o plan.html                      a printable handout of the weeks ahead\n"
      "  limber plan --ics stretch.ics --days mon,wed,fri --time 07:30");
  return {sub, [o, &global] {
            const std::vector<int> days = parse_days(o->days);
            const auto time = parse_time(o->time);
            auto engine = load_engine(global);
            const Person person = read_person(*engine, global, o->profile, o->sets);
            const Plan plan = history::make_plan(*engine, person.profile, person.history, o->weeks);
            // The format by name, else by the output file's extension (the renderer registry).
            const std::string_view format = choose_renderer(o->format, o->output).name;
            if (format != "text" && format != "json" && format != "markdown" && format != "html") {
              throw UsageError(Location{o->output, 0, 0, {}}, fmt::format("a plan is not written as {}", format),
                               "name a .txt, .md, .html or .json file, or give --format");
            }
            std::string out;
            if (format == "json") {
              out = render_plan_json(*engine, plan, person).dump(2) + "\n";
            } else if (format == "html") {
              TextStyle style;
              style.detail = o->detail;
              std::vector<std::string> diary;
              if (person.history) {
                diary.push_back(fmt::format("As of {}, from {} entries.", format_day(person.history->today),
                                            person.history->entries));
                for (std::string& l : history_lines(*engine, *person.history, o->detail)) diary.push_back(std::move(l));
              }
              out = render_plan_html(*engine, plan, diary, style);
            } else {
              out = render_plan_text(*engine, plan, person, format == "markdown");
            }
            if (!o->ics.empty()) {
              if (plan.weeks.empty() || plan.weeks.front().answer.status == Status::Stop) {
                throw UsageError(Location{o->ics, 0, 0, {}}, "no reminders written: the plan says stop",
                                 "see the plan's stop reasons first");
              }
              write_output(o->ics, render_ics(plan, days, time), o->force);
            }
            write_output(o->output, out, o->force);
            return kExitOk;
          }};
}

}  // namespace limber::cli
