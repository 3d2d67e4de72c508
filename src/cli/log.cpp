// `limber log`: one entry in the diary.

#include <fmt/format.h>

#include "base/text.h"
#include "cli/history.h"
#include "knowledge/knowledge.h"

namespace limber::cli {

Command setup_log(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string date;
    std::string session;
    std::optional<int> pain;
    std::optional<int> pain_during;
    std::vector<std::string> during;
    std::string note;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("log", "Add an entry to the diary: a session, pain, what happened");
  sub->add_option("--date", o->date, "The day it is about (default: today)")->type_name("YYYY-MM-DD");
  sub->add_option("--session", o->session, "How the session went")
      ->check(CLI::IsMember({"done", "partial", "skipped"}))
      ->type_name("done|partial|skipped");
  sub->add_option("--pain", o->pain, "Pain at rest today, 0 (none) to 10 (the worst)")
      ->check(CLI::Range(0, 10))
      ->type_name("N");
  sub->add_option("--pain-during", o->pain_during, "The worst pain while stretching, 0 to 10")
      ->check(CLI::Range(0, 10))
      ->type_name("N");
  sub->add_option("--during", o->during, "What happened while stretching (during_stretch names, comma-separated)")
      ->delimiter(',')
      ->type_name("VALUE,...");
  sub->add_option("--note", o->note, "Anything else, in your words")->type_name("TEXT");
  sub->footer(
      "Examples:\n"
      "  limber log --session done --pain 3 --pain-during 4\n"
      "  limber log --date 2026-03-02 --session partial --during tingling --note \"stopped at figure four\"\n"
      "  limber log --pain 2                    (pain only, no session)");
  return {sub, [o, &global] {
            history::Entry e;
            e.date = o->date.empty() ? history::format_day(history::today()) : o->date;
            if (!history::parse_day(e.date)) {
              throw UsageError(Location{"--date " + e.date, 0, 0, {}}, "not a date",
                               "write it as YYYY-MM-DD, e.g. 2026-03-02");
            }
            if (!o->session.empty()) e.session = history::parse_session(o->session);
            e.pain = o->pain;
            e.pain_during = o->pain_during;
            if (!is_clean_text(o->note)) throw UsageError("the note is not valid UTF-8 text");
            e.note = o->note;
            if (!o->during.empty()) {
              // Checked against the profile schema's during_stretch values.
              auto engine = load_engine(global);
              const Field& during = engine->schema().at("during_stretch");
              for (const std::string& raw : o->during) {
                const std::string name(trim(raw));
                if (name.empty() || name == "none") continue;
                if (during.value_index(name) < 0) {
                  throw UsageError(Location{"--during " + raw, 0, 0, {}},
                                   fmt::format("unknown value '{}'{}", name, did_you_mean(name, during.value_names())),
                                   "allowed: " + join(during.value_names()));
                }
                e.during_stretch.push_back(name);
              }
            }
            history::validate_entry(e, "limber log");
            const std::string path = history::diary_path(global.diary);
            history::Diary diary = history::Diary::open(path, history::Diary::Mode::Write);
            diary.add_entry(e);
            std::string said = fmt::format("Logged {} in {}", e.date, path);
            if (!e.during_stretch.empty()) {
              said +=
                  ".\nWhat you felt while stretching means stopping: `limber recommend` now says what to do and whom "
                  "to see";
            }
            write_output("", said + ".\n");
            return kExitOk;
          }};
}

}  // namespace limber::cli
