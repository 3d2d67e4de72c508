// `limber diary` (show, export, import), `limber profile` (the stored
// profile), and what every command needs to use the diary (cli/history.h).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "base/text.h"
#include "cli/history.h"
#include "io/questionnaire.h"
#include "knowledge/knowledge.h"
#include "knowledge/yaml.h"

namespace limber::cli {
namespace {

using history::Day;
using history::Diary;
using history::Entry;
using history::format_day;
using history::History;
using nlohmann::ordered_json;

const char* trend_name(const std::optional<int>& t) {
  if (!t) return nullptr;
  return *t == 0 ? "improving" : *t == 2 ? "worsening" : "steady";
}

std::vector<std::string> during_names(const Engine& engine, std::uint64_t bits) {
  return set_names(engine.schema().at("logged_during"), bits);
}

ordered_json entry_json(const Entry& e) {
  ordered_json j;
  j["date"] = e.date;
  j["session"] = e.session ? ordered_json(std::string(history::session_name(*e.session))) : ordered_json(nullptr);
  j["pain"] = e.pain ? ordered_json(*e.pain) : ordered_json(nullptr);
  j["pain_during"] = e.pain_during ? ordered_json(*e.pain_during) : ordered_json(nullptr);
  j["during_stretch"] = e.during_stretch;
  j["note"] = e.note;
  j["steps"] = e.steps;
  j["logged_at"] = e.logged_at;
  return j;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string opt(const std::optional<int>& v) {
  return v ? std::to_string(*v) : std::string{};
}

// One week of the diary, for the sparklines.
struct Week {
  Day start = 0;
  int sessions = 0;
  double pain_sum = 0;
  int pain_n = 0;
  double mean() const { return pain_n > 0 ? pain_sum / pain_n : -1; }
};

std::vector<Week> weeks_of(const std::vector<Entry>& entries) {
  std::vector<Week> weeks;
  if (entries.empty()) return weeks;
  const Day first = history::week_start(*history::parse_day(entries.front().date));
  for (const Entry& e : entries) {
    const Day d = *history::parse_day(e.date);
    const auto w = static_cast<std::size_t>((history::week_start(d) - first) / 7);
    if (weeks.size() <= w) {
      const std::size_t from = weeks.size();
      weeks.resize(w + 1);
      for (std::size_t i = from; i <= w; ++i) weeks[i].start = first + static_cast<Day>(i) * 7;
    }
    if (e.session && *e.session != history::Session::Skipped) ++weeks[w].sessions;
    if (e.pain) {
      weeks[w].pain_sum += *e.pain;
      ++weeks[w].pain_n;
    }
  }
  return weeks;
}

// The profile the diary's level is judged with: the stored one, else the defaults.
Profile stored_or_default(const Engine& engine, const Diary& diary) {
  if (auto stored = diary.profile()) {
    yaml::Source src(diary.path() + " (stored profile)", stored->text);
    return parse_profile(yaml::parse_one(src), yaml::Checker(src), engine.schema());
  }
  return default_profile(engine.schema());
}

Entry entry_from_json(const nlohmann::json& j, const std::string& where, const Schema& schema) {
  const Location loc{where, 0, 0, {}};
  if (!j.is_object())
    throw UsageError(loc, "an entry must be a JSON object", "as `limber diary --format jsonl` writes");
  static const std::set<std::string> keys = {"date",           "session", "pain",  "pain_during",
                                             "during_stretch", "note",    "steps", "logged_at"};
  Entry e;
  for (const auto& item : j.items()) {
    // Named copies, not a structured binding: lambdas below capture them.
    const std::string& k = item.key();
    const auto& v = item.value();
    if (keys.count(k) == 0) {
      throw UsageError(loc, fmt::format("unknown key '{}'", k),
                       "keys: " + join(std::vector<std::string>(keys.begin(), keys.end())));
    }
    auto want = [&](bool ok, const char* what) {
      if (!ok) throw UsageError(loc, fmt::format("'{}' must be {}", k, what));
    };
    if (v.is_null()) continue;
    if (k == "date") {
      want(v.is_string(), "a date YYYY-MM-DD");
      e.date = v.get<std::string>();
    } else if (k == "session") {
      want(v.is_string(), "done, partial or skipped");
      e.session = history::parse_session(v.get<std::string>());
      want(e.session.has_value(), "done, partial or skipped");
    } else if (k == "pain" || k == "pain_during") {
      want(v.is_number_integer(), "a whole number 0..10");
      (k == "pain" ? e.pain : e.pain_during) = v.get<int>();
    } else if (k == "note" || k == "logged_at") {
      want(v.is_string(), "text");
      (k == "note" ? e.note : e.logged_at) = v.get<std::string>();
    } else {
      want(v.is_array(), "a list of names");
      for (const auto& x : v) {
        want(x.is_string(), "a list of names");
        (k == "steps" ? e.steps : e.during_stretch).push_back(x.get<std::string>());
      }
    }
  }
  const Field& during = schema.at("during_stretch");
  for (const std::string& n : e.during_stretch) {
    if (during.value_index(n) < 0) {
      throw UsageError(loc, fmt::format("unknown during_stretch value '{}'", n),
                       "allowed: " + join(during.value_names()));
    }
  }
  history::validate_entry(e, where);
  return e;
}

std::string key_of(const Entry& e) {
  return entry_json(e).dump();
}

}  // namespace

std::string sparkline(const std::vector<double>& values, double top) {
  static const char* const kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (double v : values) {
    if (v < 0) {
      out += ' ';
      continue;
    }
    const double scaled = top > 0 ? std::clamp(v / top, 0.0, 1.0) : 0.0;
    out += kBars[static_cast<int>(std::lround(scaled * 7))];
  }
  return out;
}

Person read_person(const Engine& engine, const GlobalOptions& global, const std::string& path,
                   const std::vector<std::string>& sets, bool logs) {
  Person person;
  const bool named = logs || history::diary_named(global.diary);
  if (path.empty() && sets.empty()) {
    const std::string file = history::diary_path(global.diary);
    const std::string how =
        "give a PROFILE file or --set FIELD=VALUE (e.g. --set pain_areas=lower_back,hips), answer the "
        "questions with `limber ask` (it stores the profile), or store a file with `limber profile set FILE`";
    if (!Diary::exists(file)) throw UsageError(Location{file, 0, 0, {}}, "no profile given and no diary yet", how);
    const Diary diary = Diary::open(file, Diary::Mode::Read);
    const auto stored = diary.profile();
    if (!stored) throw UsageError(Location{file, 0, 0, {}}, "no profile given and none stored in the diary", how);
    person.profile = stored_or_default(engine, diary);
    person.stored = true;
    person.diary = file;
    person.history = history::summarise(engine, person.profile, diary.entries(), history::today());
  } else {
    person.profile = read_profile(engine, path, sets);
    if (named) {
      person.diary = history::diary_path(global.diary);
      std::vector<Entry> entries;
      if (Diary::exists(person.diary)) entries = Diary::open(person.diary, Diary::Mode::Read).entries();
      person.history = history::summarise(engine, person.profile, entries, history::today());
    }
  }
  if (person.history) history::apply_history(engine.schema(), *person.history, person.profile);
  return person;
}

ordered_json history_json(const Engine& engine, const History& h) {
  const history::Facts& f = h.facts;
  const auto or_null = [](const std::optional<int>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
  ordered_json j;
  j["today"] = format_day(h.today);
  j["entries"] = h.entries;
  j["sessions_7d"] = f.sessions_7d;
  j["weeks_active"] = or_null(f.weeks_active);
  j["days_since_session"] = or_null(f.days_since_session);
  j["regular_weeks"] = f.regular_weeks;
  j["pain_trend"] = trend_name(f.pain_trend) ? ordered_json(trend_name(f.pain_trend)) : ordered_json(nullptr);
  j["pain_change"] = or_null(f.pain_change);
  j["flare"] = f.flare;
  j["logged_during"] = during_names(engine, f.logged_during);
  j["level_min"] = h.level_min;
  j["level_max"] = h.level_max;
  ordered_json changes = ordered_json::array();
  // The last eight weeks' changes: what explains the level now.
  for (const history::LevelChange& c : h.changes) {
    if (c.week < history::week_start(h.today) - 7 * 8) continue;
    const Rule& r = engine.kb().rules[c.rule];
    ordered_json sources = ordered_json::array();
    for (const Citation& s : r.sources) sources.push_back(s.doc);
    changes.push_back(ordered_json{{"week", format_day(c.week)},
                                   {"from", c.from},
                                   {"to", c.to},
                                   {"this_week", c.this_week},
                                   {"rule", r.id},
                                   {"reason", r.because},
                                   {"sources", sources}});
  }
  j["level_changes"] = changes;
  return j;
}

std::string add_history(const std::string& answer_json, const Engine& engine, const History& h) {
  ordered_json j = ordered_json::parse(answer_json);
  j["history"] = history_json(engine, h);
  j["level"] = h.level;
  return j.dump(2) + "\n";
}

std::vector<std::string> history_lines(const Engine& engine, const History& h, bool ids) {
  const history::Facts& f = h.facts;
  std::vector<std::string> lines;
  lines.push_back(fmt::format("Level {} of {}.", h.level, h.level_max));
  for (const history::LevelChange& c : h.changes) {
    if (c.week < history::week_start(h.today) - 7 * 3) continue;
    const Rule& r = engine.kb().rules[c.rule];
    std::vector<std::string> docs;
    for (const Citation& s : r.sources) docs.push_back(s.doc);
    const std::string when = c.this_week ? "this week" : "after the week of " + format_day(c.week);
    if (ids) {
      lines.push_back(fmt::format("{} from {} to {} {} ({}): {} [{}]", c.to > c.from ? "Up" : "Down", c.from, c.to,
                                  when, r.id, r.because, join(docs, ", ")));
    } else {
      lines.push_back(
          fmt::format("{} from {} to {} {}: {}", c.to > c.from ? "Up" : "Down", c.from, c.to, when, r.because));
    }
  }
  lines.push_back(fmt::format("Sessions in the last 7 days: {}; days since the last: {}; weeks since the first: {}.",
                              f.sessions_7d, f.days_since_session ? std::to_string(*f.days_since_session) : "none yet",
                              f.weeks_active ? std::to_string(*f.weeks_active) : "none yet"));
  lines.push_back(fmt::format("Pain trend: {}; change since the first week: {}; flare in the last 7 days: {}.",
                              trend_name(f.pain_trend) ? trend_name(f.pain_trend) : "not enough ratings yet",
                              f.pain_change ? fmt::format("{:+}", *f.pain_change) : "not known yet",
                              f.flare ? "yes" : "no"));
  if (f.logged_during != 0) {
    lines.push_back("Logged while stretching in the last 14 days: " + join(during_names(engine, f.logged_during)) +
                    ".");
  }
  return lines;
}

std::string history_text(const Engine& engine, const History& h, bool markdown, const std::string& changed) {
  std::vector<std::string> lines = history_lines(engine, h);
  if (!changed.empty()) lines.push_back(changed);
  std::string out;
  if (markdown) {
    out += fmt::format("\n## Your diary\n\nAs of {}, from {} entries.\n\n", format_day(h.today), h.entries);
    for (const std::string& l : lines) out += "- " + markdown_escape(l) + "\n";
  } else {
    out += fmt::format("\nYour diary (as of {}, {} entries)\n", format_day(h.today), h.entries);
    for (const std::string& l : lines) {
      const auto wrapped = wrap(l, 76);
      for (std::size_t i = 0; i < wrapped.size(); ++i) out += (i == 0 ? "  " : "    ") + wrapped[i] + "\n";
    }
  }
  return out;
}

std::string left_out_since_last_week(const Engine& engine, const Person& person, const Answer& answer) {
  if (!person.history || answer.status == Status::Stop || answer.routine.empty()) return {};
  const History& h = *person.history;
  // Only when the level stepped up from this week on.
  if (h.changes.empty()) return {};
  const history::LevelChange& c = h.changes.back();
  if (c.this_week || c.to <= c.from || c.week != history::week_start(h.today) - 7) return {};
  History before = h;
  before.level = c.from;
  Profile p = person.profile;
  history::apply_history(engine.schema(), before, p);
  Result result;
  engine.evaluate(p, result);
  const Answer last = make_answer(engine, p, result);
  std::vector<std::string> gone;
  for (const AnswerStep& s : last.routine) {
    const bool kept = std::any_of(answer.routine.begin(), answer.routine.end(), [&](const AnswerStep& n) {
      return n.stretch == s.stretch && n.variant == s.variant;
    });
    if (!kept) gone.emplace_back(s.variant != nullptr ? s.variant->name : s.stretch->name);
  }
  if (gone.empty()) return {};
  return fmt::format(
      "Level {} holds each stretch longer, so to stay within your {} minutes this week's routine leaves out {} of "
      "last week's: {}. To keep {}, give more time: a larger `minutes` in your profile (`limber profile set`).",
      c.to, answer.budget_seconds / 60, gone.size() == 1 ? "one" : std::to_string(gone.size()), join(gone, ", "),
      gone.size() == 1 ? "it" : "them");
}

Rendered render_person(const Engine& engine, const Person& person, const Renderer& renderer, const TextStyle& style) {
  Result result;
  engine.evaluate(person.profile, result);
  Rendered r{make_answer(engine, person.profile, result), {}};
  r.text = renderer.render(r.answer, style);
  if (!person.history) return r;
  if (renderer.name == "json") {
    r.text = add_history(r.text, engine, *person.history);
  } else if (renderer.name == "markdown" || renderer.name == "text") {
    r.text += history_text(engine, *person.history, renderer.name == "markdown",
                           left_out_since_last_week(engine, person, r.answer));
  }
  return r;
}

Command setup_diary(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string format = "text";
    std::string since;
    std::string output;
    bool force = false;
    std::string import_file;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("diary", "Show, export or import the diary");
  sub->add_option("--format", o->format, "text (with sparklines), json, csv or jsonl (the export format)")
      ->check(CLI::IsMember({"text", "json", "csv", "jsonl"}))
      ->capture_default_str();
  sub->add_option("--since", o->since, "Only entries from this day on")->type_name("YYYY-MM-DD");
  sub->add_option("-o,--output", o->output, "Write to FILE instead of stdout (atomically)")->type_name("FILE");
  sub->add_flag("--force", o->force, "Replace FILE if it exists");
  CLI::App* imp =
      sub->add_subcommand("import", "Add the entries of a JSONL export (all or none; exact repeats skipped)");
  imp->add_option("file", o->import_file, "JSONL file, as `limber diary --format jsonl` writes; - reads stdin")
      ->required();
  sub->footer(
      "Examples:\n"
      "  limber diary                           the entries, sessions and pain per week, the level\n"
      "  limber diary --since 2026-03-01 --format csv -o march.csv\n"
      "  limber diary --format jsonl -o backup.jsonl && LIMBER_DIARY=new.sqlite limber diary import backup.jsonl");
  return {sub, [o, imp, &global] {
            auto engine = load_engine(global);
            const std::string path = history::diary_path(global.diary);
            if (imp->parsed()) {
              const std::string name = o->import_file == "-" ? "<stdin>" : o->import_file;
              const std::string text = read_file(o->import_file);
              std::vector<Entry> entries;
              std::istringstream in(text);
              std::string line;
              int n = 0;
              while (std::getline(in, line)) {
                ++n;
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (trim(line).empty()) continue;
                const std::string where = fmt::format("{}:{}", name, n);
                nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
                if (j.is_discarded()) {
                  throw UsageError(Location{name, n, 0, {}}, "not a JSON object", "one entry per line, as exported");
                }
                try {
                  entries.push_back(entry_from_json(j, where, engine->schema()));
                } catch (const Error& e) {
                  throw UsageError(Location{name, n, 0, {}}, e.message(), e.hint());
                }
              }
              Diary diary = Diary::open(path, Diary::Mode::Write);
              std::set<std::string> have;
              for (const Entry& e : diary.entries()) have.insert(key_of(e));
              std::vector<Entry> fresh;
              for (Entry& e : entries) {
                if (e.logged_at.empty()) e.logged_at = history::utc_now();
                if (have.insert(key_of(e)).second) fresh.push_back(std::move(e));
              }
              diary.add_entries(fresh);
              write_output("", fmt::format("Imported {} entries into {} ({} already there).\n", fresh.size(), path,
                                           entries.size() - fresh.size()));
              return kExitOk;
            }
            if (!o->since.empty() && !history::parse_day(o->since)) {
              throw UsageError(Location{"--since " + o->since, 0, 0, {}}, "not a date", "write YYYY-MM-DD");
            }
            const Diary diary = Diary::open(path, Diary::Mode::Read);
            const std::vector<Entry> entries = diary.entries(o->since);
            std::string out;
            if (o->format == "jsonl") {
              for (const Entry& e : entries) out += entry_json(e).dump() + "\n";
            } else if (o->format == "csv") {
              out = "date,session,pain,pain_during,during_stretch,note,steps,logged_at\r\n";
              for (const Entry& e : entries) {
                out += fmt::format("{},{},{},{},{},{},{},{}\r\n", e.date,
                                   e.session ? history::session_name(*e.session) : "", opt(e.pain), opt(e.pain_during),
                                   csv_cell(join(e.during_stretch, ";")), csv_cell(e.note),
                                   csv_cell(join(e.steps, ";")), e.logged_at);
              }
            } else {
              const Profile profile = stored_or_default(*engine, diary);
              const History h = history::summarise(*engine, profile, diary.entries(), history::today());
              const std::vector<Week> weeks = weeks_of(entries);
              if (o->format == "json") {
                ordered_json j;
                j["schema"] = "limber.diary/1";
                j["diary"] = path;
                ordered_json list = ordered_json::array();
                for (const Entry& e : entries) list.push_back(entry_json(e));
                j["entries"] = list;
                ordered_json wk = ordered_json::array();
                for (const Week& w : weeks) {
                  wk.push_back(ordered_json{{"week", format_day(w.start)},
                                            {"sessions", w.sessions},
                                            {"pain_mean", w.pain_n > 0 ? ordered_json(std::round(w.mean() * 10) / 10)
                                                                       : ordered_json(nullptr)}});
                }
                j["weeks"] = wk;
                j["history"] = history_json(*engine, h);
                j["level"] = h.level;
                out = j.dump(2) + "\n";
              } else {
                out = fmt::format("Diary {}: {} entries{}\n\n", path, entries.size(),
                                  o->since.empty() ? "" : " since " + o->since);
                out += "date        session  pain  during  logged while stretching / note\n";
                for (const Entry& e : entries) {
                  std::string what = join(e.during_stretch);
                  if (!e.note.empty()) what += (what.empty() ? "" : "; ") + visible(e.note);
                  out += fmt::format("{}  {:<7}  {:>4}  {:>6}  {}", e.date,
                                     e.session ? history::session_name(*e.session) : "-",
                                     e.pain ? std::to_string(*e.pain) : "-",
                                     e.pain_during ? std::to_string(*e.pain_during) : "-", what);
                  while (out.back() == ' ') out.pop_back();  // no trailing blanks when nothing was noted
                  out += '\n';
                }
                if (!weeks.empty()) {
                  std::vector<double> pain, sessions;
                  int top = 7;
                  for (const Week& w : weeks) top = std::max(top, w.sessions);
                  std::string counts;
                  for (const Week& w : weeks) {
                    pain.push_back(w.mean());
                    sessions.push_back(w.sessions);
                  }
                  out += fmt::format("\nWeeks from {} ({} weeks, one character each):\n",
                                     format_day(weeks.front().start), weeks.size());
                  out += fmt::format("  rest pain (0-10)  {}\n", sparkline(pain, 10));
                  out += fmt::format("  sessions (0-{})    {}\n", top, sparkline(sessions, top));
                  out += "\nweek of       sessions  rest pain (average)\n";
                  for (const Week& w : weeks) {
                    out += fmt::format("{}  {:>8}  {}\n", format_day(w.start), w.sessions,
                                       w.pain_n > 0 ? fmt::format("{:.1f}", w.mean()) : "-");
                  }
                }
                out += history_text(*engine, h, false);
              }
            }
            write_output(o->output, out, o->force || o->output.empty());
            return kExitOk;
          }};
}

Command setup_profile(CLI::App& app, const GlobalOptions& global) {
  auto file = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("profile", "Store a profile in the diary, or show the stored one");
  sub->require_subcommand(1);
  CLI::App* set = sub->add_subcommand("set", "Check a profile file and store it as the diary's current profile");
  set->add_option("file", *file, "Profile (YAML or JSON); - reads stdin")->required();
  CLI::App* show = sub->add_subcommand("show", "Print the stored profile as YAML");
  sub->footer(
      "Examples:\n"
      "  limber profile set me.yaml     then `limber recommend` and `limber plan` use it\n"
      "  limber profile show");
  return {sub, [file, set, show, &global] {
            auto engine = load_engine(global);
            const std::string path = history::diary_path(global.diary);
            if (set->parsed()) {
              const Profile p = read_profile(*engine, *file, {});
              Diary diary = Diary::open(path, Diary::Mode::Write);
              diary.set_profile(profile_yaml(p, engine->schema()), "profile set " + *file);
              write_output("",
                           fmt::format("Stored the profile from {} in {}.\n", *file == "-" ? "stdin" : *file, path));
              return kExitOk;
            }
            (void)show;
            const Diary diary = Diary::open(path, Diary::Mode::Read);
            const auto stored = diary.profile();
            if (!stored) {
              throw UsageError(Location{path, 0, 0, {}}, "no profile is stored in the diary",
                               "`limber ask` stores one, or `limber profile set FILE`");
            }
            write_output("", fmt::format("# stored {} by `{}`\n{}", stored->saved_at, stored->source, stored->text));
            return kExitOk;
          }};
}

}  // namespace limber::cli
