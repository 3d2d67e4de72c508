#pragma once
// The diary: a person's own record of sessions and pain, and the profile
// they last gave, in one SQLite database.
//
// - Created on the first write: the file 0600, any folder made for it 0700
//   (it holds health data). Reading never creates anything.
// - WAL journal, synchronous=FULL, every write one IMMEDIATE transaction,
//   a busy timeout, so an entry whose add_entry() returned survives a
//   kill -9 and two processes can log at once.
// - A schema version (PRAGMA user_version) and migrations from every older
//   version; a database from a newer limber is refused, never written.
// - Every failure (unreadable, not a database, locked too long, disk full,
//   read-only folder) throws limber::Error naming the file; the file is
//   never replaced or truncated.
//
// Used by `limber log`, `limber diary`, `limber ask` (stores the profile)
// and `limber go` (logs the session).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace limber::history {

// How a logged session went. An entry without one records pain only.
enum class Session { Done, Partial, Skipped };
std::string_view session_name(Session s);                  // "done" ...
std::optional<Session> parse_session(std::string_view s);  // nullopt if unknown

struct Entry {
  std::int64_t id = 0;                      // set by the diary
  std::string date;                         // YYYY-MM-DD, the day it is about
  std::optional<Session> session;           // none: pain only
  std::optional<int> pain;                  // 0..10 at rest that day
  std::optional<int> pain_during;           // 0..10, the worst while stretching
  std::vector<std::string> during_stretch;  // the profile's during_stretch names
  std::string note;
  std::vector<std::string> steps;  // stretch ids done in the session (`limber go`)
  std::string logged_at;           // UTC, "YYYY-MM-DDTHH:MM:SSZ"; set by add_entry when empty
};

struct StoredProfile {
  std::string text;      // the profile as YAML, as `profile_yaml()` writes it
  std::string source;    // who stored it: "ask", "profile set FILE", ...
  std::string saved_at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
};

class Diary {
 public:
  // The schema version this build writes; older ones are migrated on open.
  static constexpr int kSchemaVersion = 2;

  enum class Mode {
    Read,   // must exist; nothing is created or migrated on disk
    Write,  // created (with its folders) if missing; migrated if older
  };
  // Throws Error naming `path` on any failure.
  static Diary open(const std::string& path, Mode mode);
  // True if a file (of any kind) is at `path`.
  static bool exists(const std::string& path);

  Diary(Diary&&) noexcept;
  Diary& operator=(Diary&&) noexcept;
  ~Diary();

  const std::string& path() const;
  // The schema version of the file (after any migration).
  int schema_version() const;

  // Validates (date, ranges) and appends one entry in one transaction;
  // returns its id. Durable when it returns.
  std::int64_t add_entry(const Entry& entry);
  // Several entries in one transaction (import): all or none.
  void add_entries(const std::vector<Entry>& entries);
  // Entries with date >= since (YYYY-MM-DD; empty = all), by date, then in
  // the order they were logged.
  std::vector<Entry> entries(std::string_view since = {}) const;
  std::int64_t entry_count() const;

  // The current profile: the one stored last (earlier ones are kept).
  void set_profile(std::string_view yaml_text, std::string_view source);
  std::optional<StoredProfile> profile() const;

 private:
  struct Impl;
  explicit Diary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where the diary is: `flag` if given, else $LIMBER_DIARY, else
// $XDG_DATA_HOME/limber/diary.sqlite, else ~/.local/share/limber/diary.sqlite.
std::string diary_path(const std::string& flag);
// True if the diary was named explicitly (--diary or $LIMBER_DIARY): then
// history applies to recommend/plan/explain even with a profile given.
bool diary_named(const std::string& flag);

// Checks an entry (date a real day, pain 0..10, session known); throws
// Error with `where` as the file. The during_stretch names are the
// caller's to check against the profile schema.
void validate_entry(const Entry& entry, const std::string& where);

}  // namespace limber::history
