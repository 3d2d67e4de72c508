// `limber go`: the routine followed step by step with a timer, ending with
// a check-in that is logged in the diary. On a terminal: one screen per
// step (see session/session.h for the keys); with --plain, or when stdin or
// stdout is not a terminal: the session as a timed script.

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "base/text.h"
#include "cli/common.h"
#include "cli/history.h"
#include "history/date.h"
#include "history/diary.h"
#include "session/plan.h"
#include "session/script.h"
#include "session/session.h"
#include "session/terminal.h"

namespace limber::cli {
namespace {

// LIMBER_GO_SPEED: a testing aid. The session's clock runs that many times
// as fast as real time (1 to 1000), so a terminal test of a one-minute
// routine takes a second or two.
int session_speed() {
  const char* text = std::getenv("LIMBER_GO_SPEED");
  if (text == nullptr || text[0] == '\0') return 1;
  char* end = nullptr;
  const long speed = std::strtol(text, &end, 10);
  if (*end != '\0' || speed < 1 || speed > 1000) {
    throw UsageError(fmt::format("LIMBER_GO_SPEED={} is not a whole number from 1 to 1000", visible(text)),
                     "it is a testing aid: leave it unset to follow the routine in real time");
  }
  return static_cast<int>(speed);
}

// The terminal's width for the lines printed after the session (at most 100).
std::size_t screen_width() {
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return std::min<std::size_t>(ws.ws_col, 100);
  return 80;
}

// The during_stretch values, as the rules know them.
const Field& during_field(const Engine& engine) {
  return engine.schema().at("during_stretch");
}

// The profile with what happened while stretching added, run through the
// rules as `recommend` runs it.
Answer answer_with(const Engine& engine, Profile& p, std::uint64_t during) {
  const int field = engine.schema().index("during_stretch");
  store_value(p, engine.schema(), field, static_cast<std::int64_t>(p.set_bits(field) | during), {});
  Result result;
  engine.evaluate(p, result);
  return make_answer(engine, p, result);
}

// That answer as text paragraphs, one a line, for the advice screen.
std::string advice_for(const Engine& engine, const Profile& profile, std::uint64_t during) {
  Profile p = profile;
  const Answer answer = answer_with(engine, p, during);
  if (answer.status == Status::Stop) return render_text(answer, TextStyle{100000, false});
  return "Stop this stretch and rest. If it comes back, stop stretching and see a doctor or physiotherapist.";
}

std::string names_of(const Field& field, std::uint64_t bits) {
  return join(set_names(field, bits));
}

// What was logged, for the main screen after the session.
std::string summary(const session::Outcome& out, const session::Plan& plan, const Field& during) {
  const session::Record& r = out.record;
  std::string text =
      fmt::format("Session logged: {}, {} of {} {} done", r.done ? "done" : "partial", r.steps_done.size(),
                  plan.steps.size(), plan.steps.size() == 1 ? "stretch" : "stretches");
  if (r.pain) text += fmt::format(", pain now {}/10", *r.pain);
  if (r.pain_during) text += fmt::format(", worst while stretching {}/10", *r.pain_during);
  if (r.during != 0) text += ", " + names_of(during, r.during);
  return text + ".";
}

history::Entry diary_entry(const session::Record& r, const session::Plan& plan, const Field& during) {
  history::Entry e;
  e.date = history::format_day(history::today());
  e.session = r.done ? history::Session::Done : history::Session::Partial;
  e.pain = r.pain;
  e.pain_during = r.pain_during;
  e.during_stretch = set_names(during, r.during);
  for (const std::size_t i : r.steps_done) e.steps.push_back(plan.steps[i].step->stretch->id);
  return e;
}

// The `limber log` command that logs the same entry.
std::string log_command(const history::Entry& e) {
  std::string out = fmt::format("limber log --date {} --session {}", e.date, history::session_name(*e.session));
  if (e.pain) out += fmt::format(" --pain {}", *e.pain);
  if (e.pain_during) out += fmt::format(" --pain-during {}", *e.pain_during);
  if (!e.during_stretch.empty()) out += " --during " + join(e.during_stretch, ",");
  return out;
}

}  // namespace

Command setup_go(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string profile;
    std::vector<std::string> sets;
    bool plain = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("go", "Follow the routine with a timer, then log how it went");
  sub->add_option(
      "profile", o->profile,
      "Profile file (YAML or JSON); - reads stdin; omit (and no --set) for the profile stored in the diary");
  sub->add_option("--set", o->sets, kSetHelp)->type_name("FIELD=VALUE");
  sub->add_flag("--plain", o->plain, "No timers: print the session as a timed script");
  sub->footer(
      "Keys: space pause/resume, n next step (on the last: the end), b previous step, q quit (logged as\n"
      "partial), s something felt wrong (asks what, shows what to do, logs it). Ctrl-C ends and logs nothing.\n"
      "At the end: pain now (0-10), the worst pain while stretching (0-10), anything that happened.\n"
      "With --plain, or when stdin or stdout is not a terminal, the session is printed as a timed script.\n"
      "Examples:\n"
      "  limber go --set pain_areas=lower_back --set minutes=5\n"
      "  limber go me.yaml --plain > session.txt");
  return {sub, [o, &global] {
            const int speed = session_speed();
            auto engine = load_engine(global);
            // The routine `limber recommend` gives: the stored profile when
            // none is given; and, since the session is logged in the diary,
            // that diary's level and stop signs whatever the profile.
            const Person person = read_person(*engine, global, o->profile, o->sets, /*logs=*/true);
            const Profile& profile = person.profile;
            const bool color = global.terminal(stdout).color();
            const Rendered rendered = render_person(*engine, person, *find_renderer("text"), TextStyle{80, color});
            const Answer& answer = rendered.answer;
            if (answer.status == Status::Stop || answer.routine.empty()) {
              // No session: the rules' answer says why.
              write_output("", rendered.text, false);
              return kExitOk;
            }
            const session::Plan plan = session::make_plan(answer);
            const char* term = std::getenv("TERM");
            const bool terminal = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 &&
                                  !(term != nullptr && std::string_view(term) == "dumb");
            std::string before;
            if (answer.status == Status::SeeProfessionalFirst) {
              before =
                  "See a professional first: show this routine to a physiotherapist or doctor and start it only "
                  "once they agree.\n";
              for (const Reason& r : answer.referrals) before += "- " + std::string(r.text) + "\n";
            }
            if (o->plain || !terminal) {
              std::string out;
              for (const std::string& line : split(before, "\n")) {
                for (const std::string& w : wrap(line, 80)) out += w + "\n";
              }
              if (!out.empty()) out += "\n";
              write_output("", out + session::timed_script(plan, 80), false);
              return kExitOk;
            }
            if (!before.empty()) {
              std::string text;
              for (const std::string& line : split(before, "\n")) {
                for (const std::string& w : wrap(line, screen_width())) text += w + "\n";
              }
              std::cout << text << "\nPress Enter to start, Ctrl-C to stop here." << std::flush;
              std::string line;
              if (!std::getline(std::cin, line)) return kExitUsage;
            }

            const Field& during = during_field(*engine);
            session::Hooks hooks;
            for (const FieldValue& v : during.values) hooks.wrong_labels.push_back(v.label);
            hooks.advice = [&](std::uint64_t bits) { return advice_for(*engine, profile, bits); };
            session::Outcome outcome;
            {
              session::Terminal tty(STDIN_FILENO, STDOUT_FILENO);
              session::SteadyClock clock(speed);
              session::TerminalInput input(tty, speed);
              session::TerminalScreen screen(tty, color, session::utf8_locale());
              outcome = session::Session(plan, clock, input, screen, hooks).run();
            }
            if (outcome.end == session::End::Interrupted) {
              std::fputs("limber go: session ended; nothing was logged.\n", stderr);
              return kExitUsage;
            }
            const std::size_t width = screen_width();
            if (outcome.record.during != 0) {
              // What to do stays on the screen after the session, logged or not.
              Profile p = profile;
              const Answer advice = answer_with(*engine, p, outcome.record.during);
              write_output("", render_text(advice, TextStyle{width, color}) + "\n", false);
            }
            const history::Entry entry = diary_entry(outcome.record, plan, during);
            const std::string path = history::diary_path(global.diary);
            try {
              history::Diary::open(path, history::Diary::Mode::Write).add_entry(entry);
            } catch (const Error&) {
              // The answers are not lost: say how to log them once the diary can be written.
              std::fputs(
                  fmt::format("limber go: the session was not logged; to log it later:\n  {}\n", log_command(entry))
                      .c_str(),
                  stderr);
              throw;
            }
            std::string out;
            for (const std::string& w : wrap(summary(outcome, plan, during), width)) out += w + "\n";
            out += fmt::format("Diary: {}\n", path);
            write_output("", out, false);
            return kExitOk;
          }};
}

}  // namespace limber::cli
