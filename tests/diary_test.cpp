// The diary's storage: creation with private modes, entries and profiles,
// migrations, and refusing files that are not ours (never writing them).

#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "base/error.h"
#include "history/date.h"
#include "history/diary.h"
#include "support.h"

namespace limber::history {
namespace {

using limber::testing::TempDir;

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.render();
  }
  return "(no error)";
}

Entry entry(const std::string& date, std::optional<Session> s, std::optional<int> pain) {
  Entry e;
  e.date = date;
  e.session = s;
  e.pain = pain;
  return e;
}

TEST(Date, RoundTripsAndWeekdays) {
  const auto d = parse_day("2026-03-02");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_day(*d), "2026-03-02");
  EXPECT_EQ(weekday(*d), 0);  // a Monday
  EXPECT_EQ(format_day(week_start(*d + 6)), "2026-03-02");
  EXPECT_EQ(format_day(*parse_day("2024-02-29") + 1), "2024-03-01");
  EXPECT_FALSE(parse_day("2026-02-29"));
  EXPECT_FALSE(parse_day("2026-13-01"));
  EXPECT_FALSE(parse_day("2026-1-01"));
  EXPECT_FALSE(parse_day("tomorrow"));
}

TEST(Diary, CreatedPrivateWithItsFolders) {
  TempDir dir;
  const auto path = dir.path() / "a" / "b" / "diary.sqlite";
  {
    Diary d = Diary::open(path.string(), Diary::Mode::Write);
    EXPECT_EQ(d.schema_version(), Diary::kSchemaVersion);
    d.add_entry(entry("2026-03-02", Session::Done, 3));
  }
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(dir.path() / "a"), 0700u);
  EXPECT_EQ(mode_of(dir.path() / "a" / "b"), 0700u);
}

TEST(Diary, ReadingNeverCreates) {
  TempDir dir;
  const auto path = dir.path() / "none" / "diary.sqlite";
  EXPECT_NE(error_of([&] { Diary::open(path.string(), Diary::Mode::Read); }).find("no diary here yet"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "none"));
}

TEST(Diary, EntriesComeBackInDateOrder) {
  TempDir dir;
  const auto path = (dir.path() / "d.sqlite").string();
  Diary d = Diary::open(path, Diary::Mode::Write);
  Entry e = entry("2026-03-04", Session::Partial, 4);
  e.pain_during = 6;
  e.during_stretch = {"tingling", "sharp_pain"};
  e.note = "stopped at the \"figure four\"; ok later";
  e.steps = {"cat-cow", "figure-four"};
  d.add_entry(e);
  d.add_entry(entry("2026-03-02", Session::Done, 3));
  d.add_entry(entry("2026-03-02", std::nullopt, 2));
  const auto all = Diary::open(path, Diary::Mode::Read).entries();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].date, "2026-03-02");
  EXPECT_EQ(all[0].pain, 3);
  EXPECT_FALSE(all[1].session);
  EXPECT_EQ(all[2].during_stretch, (std::vector<std::string>{"tingling", "sharp_pain"}));
  EXPECT_EQ(all[2].steps, (std::vector<std::string>{"cat-cow", "figure-four"}));
  EXPECT_EQ(all[2].note, e.note);
  EXPECT_EQ(all[2].pain_during, 6);
  EXPECT_EQ(all[2].logged_at.size(), 20u);
  EXPECT_EQ(d.entries("2026-03-03").size(), 1u);
  EXPECT_EQ(d.entry_count(), 3);
}

TEST(Diary, BadEntriesAreRefusedAndNothingIsWritten) {
  TempDir dir;
  const auto path = (dir.path() / "d.sqlite").string();
  Diary d = Diary::open(path, Diary::Mode::Write);
  EXPECT_NE(error_of([&] { d.add_entry(entry("2026-02-30", Session::Done, 1)); }).find("not a date"),
            std::string::npos);
  EXPECT_NE(error_of([&] { d.add_entry(entry("2026-03-01", Session::Done, 11)); }).find("pain 11 is out of range"),
            std::string::npos);
  EXPECT_NE(error_of([&] { d.add_entry(entry("2026-03-01", std::nullopt, std::nullopt)); }).find("says nothing"),
            std::string::npos);
  // An import is all or none.
  EXPECT_NE(error_of([&] {
              d.add_entries({entry("2026-03-01", Session::Done, 1), entry("2026-03-02", Session::Done, 12)});
            }).find("out of range"),
            std::string::npos);
  EXPECT_EQ(d.entry_count(), 0);
}

TEST(Diary, TheLastStoredProfileIsCurrent) {
  TempDir dir;
  const auto path = (dir.path() / "d.sqlite").string();
  Diary d = Diary::open(path, Diary::Mode::Write);
  EXPECT_FALSE(d.profile());
  d.set_profile("pain_areas: [neck]\n", "ask");
  d.set_profile("pain_areas: [lower_back]\n", "profile set me.yaml");
  const auto p = Diary::open(path, Diary::Mode::Read).profile();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->text, "pain_areas: [lower_back]\n");
  EXPECT_EQ(p->source, "profile set me.yaml");
}

TEST(Diary, AVersionOneDiaryIsMigrated) {
  TempDir dir;
  const auto path = (dir.path() / "v1.sqlite").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* v1 =
      "PRAGMA application_id=1280131666;"
      "CREATE TABLE entries (id INTEGER PRIMARY KEY, date TEXT NOT NULL,"
      " session TEXT CHECK (session IN ('done', 'partial', 'skipped')),"
      " pain INTEGER CHECK (pain BETWEEN 0 AND 10), pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),"
      " during_stretch TEXT NOT NULL DEFAULT '[]', note TEXT NOT NULL DEFAULT '', logged_at TEXT NOT NULL);"
      "CREATE INDEX entries_by_date ON entries (date, id);"
      "INSERT INTO entries (date, session, pain, logged_at) VALUES ('2025-01-06', 'done', 4, '2025-01-06T08:00:00Z');"
      "PRAGMA user_version=1;";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Diary d = Diary::open(path, Diary::Mode::Write);
  EXPECT_EQ(d.schema_version(), 2);
  const auto all = d.entries();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].pain, 4);
  EXPECT_TRUE(all[0].steps.empty());
  d.set_profile("age: 40\n", "test");
  EXPECT_TRUE(d.profile());
}

// Files that are not ours: a clear error naming the file, and the bytes untouched.
void expect_refused(const std::filesystem::path& path, const std::string& words) {
  const std::string before = slurp(path);
  for (auto mode : {Diary::Mode::Read, Diary::Mode::Write}) {
    const std::string err = error_of([&] {
      Diary d = Diary::open(path.string(), mode);
      d.add_entry(entry("2026-03-02", Session::Done, 1));
    });
    EXPECT_EQ(err.rfind(path.string() + ": error: ", 0), 0u) << err;
    EXPECT_NE(err.find(words), std::string::npos) << err;
  }
  EXPECT_EQ(slurp(path), before);
}

TEST(Diary, NotADatabaseIsLeftAlone) {
  TempDir dir;
  expect_refused(dir.write("notes.sqlite", std::string(8192, 'x')), "not a limber diary");
}

TEST(Diary, SomeoneElsesDatabaseIsLeftAlone) {
  TempDir dir;
  const auto path = dir.path() / "other.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  expect_refused(path, "not a limber diary");
}

TEST(Diary, ANewerSchemaIsLeftAlone) {
  TempDir dir;
  const auto path = dir.path() / "new.sqlite";
  { Diary::open(path.string(), Diary::Mode::Write).add_entry(entry("2026-03-02", Session::Done, 1)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=9", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  expect_refused(path, "newer limber (schema version 9");
}

TEST(Diary, DefaultPath) {
  EXPECT_EQ(diary_path("x.sqlite"), "x.sqlite");
  ::setenv("LIMBER_DIARY", "/tmp/e.sqlite", 1);
  EXPECT_EQ(diary_path(""), "/tmp/e.sqlite");
  EXPECT_TRUE(diary_named(""));
  ::unsetenv("LIMBER_DIARY");
  ::setenv("XDG_DATA_HOME", "/xdg", 1);
  EXPECT_EQ(diary_path(""), "/xdg/limber/diary.sqlite");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/p", 1);
  EXPECT_EQ(diary_path(""), "/home/p/.local/share/limber/diary.sqlite");
  EXPECT_FALSE(diary_named(""));
}

}  // namespace
}  // namespace limber::history
