#include "history/diary.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/error.h"
#include "history/date.h"

namespace limber::history {
namespace {

namespace fs = std::filesystem;

// 'LMBR': marks the file as a limber diary (PRAGMA application_id).
constexpr int kApplicationId = 0x4C4D4252;
constexpr int kDefaultTimeoutMs = 5000;

// The migrations: kMigrations[v] takes a database from version v to v + 1.
// Never edit one that has shipped; add the next.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the entries.
    "CREATE TABLE entries ("
    " id INTEGER PRIMARY KEY,"
    " date TEXT NOT NULL,"
    " session TEXT CHECK (session IN ('done', 'partial', 'skipped')),"
    " pain INTEGER CHECK (pain BETWEEN 0 AND 10),"
    " pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),"
    " during_stretch TEXT NOT NULL DEFAULT '[]',"
    " note TEXT NOT NULL DEFAULT '',"
    " logged_at TEXT NOT NULL);"
    "CREATE INDEX entries_by_date ON entries (date, id);",
    // 1 -> 2: the steps of a guided session, and the stored profiles.
    "ALTER TABLE entries ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';"
    "CREATE TABLE profiles ("
    " id INTEGER PRIMARY KEY,"
    " profile TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " saved_at TEXT NOT NULL);",
};
static_assert(std::size(kMigrations) == Diary::kSchemaVersion);

std::string sys_error(int err) {
  return std::strerror(err);
}

int timeout_ms() {
  if (const char* v = std::getenv("LIMBER_DIARY_TIMEOUT_MS"); v != nullptr && v[0] != '\0') {
    char* end = nullptr;
    const long ms = std::strtol(v, &end, 10);
    if (*end == '\0' && ms >= 0 && ms <= 600000) return static_cast<int>(ms);
  }
  return kDefaultTimeoutMs;
}

// What went wrong, said for a person, with what to do about it.
[[noreturn]] void fail(const std::string& path, int code, const std::string& doing, const std::string& detail) {
  const int primary = code & 0xff;
  std::string what;
  std::string hint;
  switch (primary) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      what = "is not a limber diary (not an SQLite database, or a damaged one)";
      hint = "limber leaves it as it is; move it away, or name another file with --diary FILE";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      what = fmt::format("is locked by another program (waited {} ms)", timeout_ms());
      hint = "let the other limber command finish, then try again";
      break;
    case SQLITE_FULL:
      what = "cannot be written: the disk is full";
      hint = "free some space, then try again; nothing was saved";
      break;
    case SQLITE_READONLY:
      what = "cannot be written: the file or its folder is read-only";
      hint = "make the folder and the file writable, or name another file with --diary FILE";
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      what = "cannot be opened (no permission, a read-only folder, or not a file)";
      hint = "the diary and its folder must be readable and writable by you; or name another with --diary FILE";
      break;
    case SQLITE_IOERR:
      what = "cannot be read or written (an input/output error)";
      hint = "check the disk (is it full or failing?), then try again";
      break;
    default:
      what = "cannot be used";
      hint = "name another file with --diary FILE";
      break;
  }
  std::string message = fmt::format("the diary {} while {}", what, doing);
  if (!detail.empty()) message += fmt::format(" ({})", detail);
  throw Error(Location{path, 0, 0, {}}, message, hint);
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& path, const char* sql, const char* doing) : path_(path), doing_(doing) {
    const int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(path_, sqlite3_extended_errcode(db), doing_, sqlite3_errmsg(db));
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  void bind(int i, std::string_view text) {
    // An empty view may have no data(): SQLite would bind NULL.
    check(
        sqlite3_bind_text(stmt_, i, text.empty() ? "" : text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  }
  void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind_null(int i) { check(sqlite3_bind_null(stmt_, i)); }
  void bind(int i, const std::optional<int>& v) {
    if (v) {
      bind(i, static_cast<std::int64_t>(*v));
    } else {
      bind_null(i);
    }
  }

  // True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    fail(path_, sqlite3_extended_errcode(db), doing_, sqlite3_errmsg(db));
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string{}
                        : std::string(reinterpret_cast<const char*>(p),
                                      static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(path_, rc, doing_, sqlite3_errstr(rc));
  }
  sqlite3_stmt* stmt_ = nullptr;
  const std::string& path_;
  const char* doing_;
};

std::string to_json(const std::vector<std::string>& list) {
  return nlohmann::json(list).dump();
}

std::vector<std::string> from_json(const std::string& text, const std::string& path, std::int64_t id) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (!v.is_string()) {
        j = nlohmann::json();
        break;
      }
      out.push_back(v.get<std::string>());
    }
  }
  if (!j.is_array()) {
    throw Error(Location{path, 0, 0, {}}, fmt::format("entry {} holds a list that is not a JSON list of names", id),
                "the file was changed by another program; export what can be read with `limber diary --format jsonl`");
  }
  return out;
}

void make_folders(const fs::path& folder, const std::string& path) {
  if (folder.empty()) return;
  std::error_code ec;
  if (fs::is_directory(folder, ec)) return;
  make_folders(folder.parent_path(), path);
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    const int err = errno;
    throw Error(Location{path, 0, 0, {}},
                fmt::format("cannot create the diary's folder {}: {}", folder.string(), sys_error(err)),
                "make the folder writable, or name another file with --diary FILE");
  }
}

// The file, made 0600 before SQLite sees it (SQLite would make it 0644
// less the umask; its -wal and -shm files copy the database's mode).
void create_file(const std::string& path) {
  const fs::path p(path);
  make_folders(p.parent_path(), path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) return;  // another process made it first
    throw Error(Location{path, 0, 0, {}}, fmt::format("cannot create the diary: {}", sys_error(err)),
                err == ENOSPC ? "free some space, then try again"
                              : "make its folder writable, or name another file with --diary FILE");
  }
  ::fchmod(fd, 0600);  // whatever the umask
  ::close(fd);
  // The new name itself must survive a crash.
  const std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace

std::string_view session_name(Session s) {
  switch (s) {
    case Session::Done: return "done";
    case Session::Partial: return "partial";
    case Session::Skipped: return "skipped";
  }
  return "done";
}

std::optional<Session> parse_session(std::string_view s) {
  if (s == "done") return Session::Done;
  if (s == "partial") return Session::Partial;
  if (s == "skipped") return Session::Skipped;
  return std::nullopt;
}

void validate_entry(const Entry& e, const std::string& where) {
  const Location loc{where, 0, 0, {}};
  if (!parse_day(e.date)) {
    throw Error(loc, fmt::format("'{}' is not a date", e.date), "write it as YYYY-MM-DD, e.g. 2026-03-02");
  }
  auto range = [&](const std::optional<int>& v, const char* name) {
    if (v && (*v < 0 || *v > 10)) {
      throw Error(loc, fmt::format("{} {} is out of range", name, *v), "pain is rated 0 (none) to 10 (the worst)");
    }
  };
  range(e.pain, "pain");
  range(e.pain_during, "pain_during");
  if (!e.session && !e.pain && !e.pain_during && e.during_stretch.empty() && e.note.empty()) {
    throw Error(loc, "the entry says nothing",
                "give at least one of --session done|partial|skipped, --pain N, --pain-during N, --during, --note");
  }
}

struct Diary::Impl {
  std::string path;
  sqlite3* db = nullptr;
  int version = 0;

  ~Impl() {
    if (db != nullptr) sqlite3_close_v2(db);
  }

  void exec(const char* sql, const char* doing) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      const std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      fail(path, sqlite3_extended_errcode(db), doing, detail);
    }
  }

  int pragma_int(const char* sql) {
    Statement s(db, path, sql, "reading its header");
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
  }

  std::string pragma_text(const char* sql) {
    Statement s(db, path, sql, "setting up its journal");
    return s.step() ? s.text(0) : std::string{};
  }

  // Runs `body` in one IMMEDIATE transaction; rolls back if it throws.
  template <class F>
  void transaction(const char* doing, F&& body) {
    exec("BEGIN IMMEDIATE", doing);
    try {
      body();
      exec("COMMIT", doing);
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  void check_version(int v, int app) {
    if (v > kSchemaVersion) {
      throw Error(Location{path, 0, 0, {}},
                  fmt::format("the diary was written by a newer limber (schema version {}; this one knows up to {})", v,
                              kSchemaVersion),
                  "update limber to read it; the file was left as it is");
    }
    if (v > 0 && app != kApplicationId) {
      throw Error(Location{path, 0, 0, {}}, "is an SQLite database but not a limber diary",
                  "limber leaves it as it is; name another file with --diary FILE");
    }
  }

  void open(Mode mode) {
    const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr);
    if (rc != SQLITE_OK) fail(path, db != nullptr ? sqlite3_extended_errcode(db) : rc, "opening it", "");
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, timeout_ms());
    // Read-only checks first: a file that is not ours is never written.
    version = pragma_int("PRAGMA user_version");
    const int app = pragma_int("PRAGMA application_id");
    check_version(version, app);
    if (version == 0 && pragma_int("SELECT count(*) FROM sqlite_master") > 0) {
      throw Error(Location{path, 0, 0, {}}, "is an SQLite database but not a limber diary",
                  "limber leaves it as it is; name another file with --diary FILE");
    }
    if (version == 0 && mode == Mode::Read) return;  // empty: nothing to read
    if (pragma_text("PRAGMA journal_mode") != "wal" && pragma_text("PRAGMA journal_mode=WAL") != "wal") {
      fail(path, SQLITE_BUSY, "switching it to write-ahead logging", "");
    }
    exec("PRAGMA synchronous=FULL", "setting it up");
    exec("PRAGMA foreign_keys=ON", "setting it up");
    if (version < kSchemaVersion) migrate();
  }

  void migrate() {
    transaction("updating its schema", [&] {
      // Another process may have migrated it while we waited for the lock.
      int v = pragma_int("PRAGMA user_version");
      check_version(v, pragma_int("PRAGMA application_id"));
      if (v == 0) exec(fmt::format("PRAGMA application_id={}", kApplicationId).c_str(), "updating its schema");
      for (; v < kSchemaVersion; ++v) exec(kMigrations[v], "updating its schema");
      exec(fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str(), "updating its schema");
    });
    version = kSchemaVersion;
  }

  void insert(Statement& s, const Entry& e) {
    validate_entry(e, path);
    s.reset();
    s.bind(1, e.date);
    if (e.session) {
      s.bind(2, session_name(*e.session));
    } else {
      s.bind_null(2);
    }
    s.bind(3, e.pain);
    s.bind(4, e.pain_during);
    s.bind(5, to_json(e.during_stretch));
    s.bind(6, e.note);
    s.bind(7, to_json(e.steps));
    s.bind(8, e.logged_at.empty() ? utc_now() : e.logged_at);
    s.step();
  }
};

static constexpr const char* kInsert =
    "INSERT INTO entries (date, session, pain, pain_during, during_stretch, note, steps, logged_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

Diary::Diary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Diary::Diary(Diary&&) noexcept = default;
Diary& Diary::operator=(Diary&&) noexcept = default;
Diary::~Diary() = default;

bool Diary::exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

Diary Diary::open(const std::string& path, Mode mode) {
  if (path.empty()) {
    throw UsageError("no diary file: the path is empty", "name one with --diary FILE or $LIMBER_DIARY");
  }
  if (!exists(path)) {
    if (mode == Mode::Read) {
      throw Error(Location{path, 0, 0, {}}, "there is no diary here yet",
                  "`limber log` starts one (e.g. limber log --session done --pain 3)");
    }
    create_file(path);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    throw Error(Location{path, 0, 0, {}}, "the diary is not a regular file", "name a file with --diary FILE");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->open(mode);
  return Diary(std::move(impl));
}

const std::string& Diary::path() const {
  return impl_->path;
}
int Diary::schema_version() const {
  return impl_->version;
}

std::int64_t Diary::add_entry(const Entry& entry) {
  validate_entry(entry, impl_->path);
  if (impl_->version < kSchemaVersion) impl_->migrate();
  std::int64_t id = 0;
  impl_->transaction("adding an entry", [&] {
    Statement s(impl_->db, impl_->path, kInsert, "adding an entry");
    impl_->insert(s, entry);
    id = sqlite3_last_insert_rowid(impl_->db);
  });
  return id;
}

void Diary::add_entries(const std::vector<Entry>& entries) {
  for (const Entry& e : entries) validate_entry(e, impl_->path);
  if (impl_->version < kSchemaVersion) impl_->migrate();
  impl_->transaction("importing entries", [&] {
    Statement s(impl_->db, impl_->path, kInsert, "importing entries");
    for (const Entry& e : entries) impl_->insert(s, e);
  });
}

std::vector<Entry> Diary::entries(std::string_view since) const {
  std::vector<Entry> out;
  if (impl_->version == 0) return out;
  Statement s(impl_->db, impl_->path,
              "SELECT id, date, session, pain, pain_during, during_stretch, note, steps, logged_at FROM entries"
              " WHERE date >= ?1 ORDER BY date, id",
              "reading the entries");
  s.bind(1, since);
  while (s.step()) {
    Entry e;
    e.id = s.integer(0);
    e.date = s.text(1);
    if (!s.is_null(2)) e.session = parse_session(s.text(2));
    if (!s.is_null(3)) e.pain = static_cast<int>(s.integer(3));
    if (!s.is_null(4)) e.pain_during = static_cast<int>(s.integer(4));
    e.during_stretch = from_json(s.text(5), impl_->path, e.id);
    e.note = s.text(6);
    e.steps = from_json(s.text(7), impl_->path, e.id);
    e.logged_at = s.text(8);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t Diary::entry_count() const {
  if (impl_->version == 0) return 0;
  Statement s(impl_->db, impl_->path, "SELECT count(*) FROM entries", "counting the entries");
  return s.step() ? s.integer(0) : 0;
}

void Diary::set_profile(std::string_view yaml_text, std::string_view source) {
  if (impl_->version < kSchemaVersion) impl_->migrate();
  impl_->transaction("storing the profile", [&] {
    Statement s(impl_->db, impl_->path, "INSERT INTO profiles (profile, source, saved_at) VALUES (?1, ?2, ?3)",
                "storing the profile");
    s.bind(1, yaml_text);
    s.bind(2, source);
    s.bind(3, utc_now());
    s.step();
  });
}

std::optional<StoredProfile> Diary::profile() const {
  if (impl_->version < 2) return std::nullopt;
  Statement s(impl_->db, impl_->path, "SELECT profile, source, saved_at FROM profiles ORDER BY id DESC LIMIT 1",
              "reading the profile");
  if (!s.step()) return std::nullopt;
  return StoredProfile{s.text(0), s.text(1), s.text(2)};
}

std::string diary_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* v = std::getenv("LIMBER_DIARY"); v != nullptr && v[0] != '\0') return v;
  if (const char* v = std::getenv("XDG_DATA_HOME"); v != nullptr && v[0] == '/') {
    return std::string(v) + "/limber/diary.sqlite";
  }
  if (const char* v = std::getenv("HOME"); v != nullptr && v[0] != '\0') {
    return std::string(v) + "/.local/share/limber/diary.sqlite";
  }
  throw UsageError("cannot find the diary: neither $HOME nor $XDG_DATA_HOME is set",
                   "name it with --diary FILE or $LIMBER_DIARY");
}

bool diary_named(const std::string& flag) {
  if (!flag.empty()) return true;
  const char* v = std::getenv("LIMBER_DIARY");
  return v != nullptr && v[0] != '\0';
}

}  // namespace limber::history
