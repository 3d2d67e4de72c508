// `limber ask`: the questionnaire on a terminal (libedit: line editing,
// history, completion of value names) or from a pipe (one answer per line).
// Questions go to stderr (or the terminal), the routine to stdout or -o.

#include <editline/readline.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "base/text.h"
#include "cli/common.h"
#include "cli/history.h"
#include "history/diary.h"
#include "io/questionnaire.h"

namespace limber::cli {
namespace {

constexpr const char* kEndedMessage = "limber ask: interview ended; nothing was saved.\n";

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int) {
  g_interrupted = 1;
}

// Ctrl-C sets a flag and interrupts the read in progress (no SA_RESTART),
// so the interview ends through the normal path: libedit restores the
// terminal as its read returns, and nothing is written. Kept until the
// command returns, so an interrupt cannot cut a file short either.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = 0;
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

void put(std::FILE* out, std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

// A closing note on stderr, wrapped like the questions.
void note(const Terminal& terminal, const std::string& text) {
  std::string out;
  for (const std::string& line : wrap(text, terminal.width())) out += line + "\n";
  put(terminal.stream(), out);
}

// Answers from a pipe or a file: one per line, no prompt, no colour.
class PipeIo : public InterviewIo {
 public:
  std::optional<std::string> read_line(const std::string& /*prompt*/) override {
    if (g_interrupted != 0) return std::nullopt;
    std::string line;
    if (!std::getline(std::cin, line) || g_interrupted != 0) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  void say(std::string_view text) override { put(stderr, text); }
};

// libedit's completion asks for matches one at a time.
std::vector<std::string> g_words;

extern "C" char* complete_word(const char* text, int state) {
  static std::size_t next = 0;
  if (state == 0) next = 0;
  // Words are whole labels ("Tingling or pins and needles"), matched in any case.
  const std::string prefix = lower(trim(text));
  while (next < g_words.size()) {
    const std::string& w = g_words[next++];
    if (lower(w).starts_with(prefix)) return strdup(w.c_str());
  }
  return nullptr;
}

// A read that gives up when Ctrl-C arrives (libedit's own would retry).
extern "C" int read_key(std::FILE* in) {
  for (;;) {
    if (g_interrupted != 0) return EOF;
    unsigned char c = 0;
    const ssize_t n = ::read(fileno(in), &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return EOF;
  }
}

// A terminal: libedit for line editing and history (kept in memory only:
// the answers are health information), prompts and questions on `out`.
class TerminalIo : public InterviewIo {
 public:
  explicit TerminalIo(const Terminal& terminal) : terminal_(terminal), out_(terminal.stream()) {
    std::setlocale(LC_CTYPE, "");  // multibyte input in libedit
    rl_readline_name = "limber";
    rl_instream = stdin;
    rl_outstream = out_;
    rl_catch_signals = 0;  // our handler ends the read; see InterruptGuard
    rl_getc_function = read_key;
    rl_completion_entry_function = complete_word;
    rl_basic_word_break_characters = ",;";  // a label has spaces
    rl_initialize();
    using_history();
    stifle_history(200);
  }
  ~TerminalIo() override { clear_history(); }
  TerminalIo(const TerminalIo&) = delete;
  TerminalIo& operator=(const TerminalIo&) = delete;

  std::optional<std::string> read_line(const std::string& prompt) override {
    if (g_interrupted != 0) return std::nullopt;
    char* raw = readline(prompt.c_str());
    if (raw == nullptr || g_interrupted != 0) {
      std::free(raw);
      return std::nullopt;
    }
    std::string line(raw);
    std::free(raw);
    if (!trim(line).empty()) ::add_history(line.c_str());
    return line;
  }
  void say(std::string_view text) override { put(out_, text); }
  std::size_t width() override { return terminal_.width(); }
  bool color() override { return terminal_.color(); }
  void offer(std::span<const std::string> words) override { g_words.assign(words.begin(), words.end()); }
  bool interactive() override { return true; }

 private:
  Terminal terminal_;
  std::FILE* out_;
};

void refuse_existing(const std::string& path) {
  std::error_code ec;
  if (!path.empty() && path != "-" && std::filesystem::is_regular_file(path, ec)) {
    throw UsageError(Location{path, 0, 0, {}}, "the file exists already",
                     "use --force to replace it, or choose another name");
  }
}

// Before the first question: a file that could not be written at the end
// would waste every answer.
void check_writable(const std::string& path) {
  if (path.empty() || path == "-") return;
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    throw UsageError(Location{path, 0, 0, {}}, fmt::format("the folder {} does not exist", dir.string()),
                     "create it first, or choose another place");
  }
  if (!fs::is_directory(dir, ec)) {
    throw UsageError(Location{path, 0, 0, {}}, fmt::format("{} is not a folder", dir.string()));
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    throw UsageError(Location{path, 0, 0, {}},
                     fmt::format("cannot write in {}: {}", dir.string(), std::strerror(errno)),
                     "choose a folder you can write in");
  }
}

}  // namespace

Command setup_ask(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string format;
    std::string output;
    std::string save_profile;
    bool force = false;
    bool detail = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("ask", "Answer a few questions, then get a routine");
  sub->add_option("--format", o->format, format_help())->check(one_of(renderer_names()));
  sub->add_option("-o,--output", o->output, "Write the routine to FILE instead of stdout (atomically)")
      ->type_name("FILE");
  sub->add_option("--save-profile", o->save_profile, "Also write the answers as a profile for `limber recommend`")
      ->type_name("FILE");
  sub->add_flag("--force", o->force, "Replace FILE (either one) if it exists");
  sub->add_flag("--detail", o->detail, "HTML: add the rule ids and documents behind every reason (for clinicians)");
  sub->footer(
      "Questions go to stderr (or the terminal), the routine to stdout, so `limber ask > routine.md` works.\n"
      "Answer ? for help, back for the previous question, Enter to skip or keep the default; Ctrl-D or\n"
      "Ctrl-C ends without writing anything (exit status 2). When stdin is not a terminal, answers are\n"
      "read one per line.\n"
      "Examples:\n"
      "  limber ask\n"
      "  limber ask -o routine.md --save-profile me.yaml    (then: limber recommend me.yaml)\n"
      "  printf '%s\\n' none none ... | limber ask --format json");
  return {
      sub, [o, &global] {
        auto engine = load_engine(global);
        if (!o->force) {
          refuse_existing(o->output);
          refuse_existing(o->save_profile);
        }
        const bool routine_to_stdout = o->output.empty() || o->output == "-";
        if (o->save_profile == "-" && routine_to_stdout) {
          throw UsageError("--save-profile - would mix the profile with the routine on stdout",
                           "give --save-profile a file name, or send the routine to a file with -o");
        }
        if (!o->save_profile.empty() && o->save_profile == o->output) {
          throw UsageError("-o and --save-profile name the same file", "choose two names");
        }
        check_writable(o->output);
        check_writable(o->save_profile);
        const Renderer& renderer = output_renderer(o->format, o->output);

        const InterruptGuard guard;
        const bool interactive = isatty(STDIN_FILENO) != 0;
        std::FILE* tty = nullptr;
        std::unique_ptr<InterviewIo> io;
        if (interactive) {
          // The questions belong on the terminal even when stderr is redirected.
          std::FILE* out = stderr;
          if (isatty(STDERR_FILENO) == 0) tty = std::fopen("/dev/tty", "w");
          if (tty != nullptr) out = tty;
          io = std::make_unique<TerminalIo>(global.terminal(out));
        } else {
          io = std::make_unique<PipeIo>();
        }
        InterviewOutcome outcome = Interview(*engine, *io).run();
        const bool ended = outcome.end == InterviewEnd::Ended;
        if (ended && interactive) io->say("\n");  // after ^C or the prompt
        io.reset();
        if (tty != nullptr) std::fclose(tty);
        if (ended) {
          std::fputs(kEndedMessage, stderr);
          return kExitUsage;
        }

        const std::string yaml = profile_yaml(outcome.profile, engine->schema());
        if (!o->save_profile.empty()) write_output(o->save_profile, yaml, o->force);
        // The answers are kept as the diary's current profile, so that a
        // bare `limber recommend` gives this routine again; read back from
        // there, the routine follows the diary's history as recommend's does.
        std::string stored_error;
        try {
          history::Diary::open(history::diary_path(global.diary), history::Diary::Mode::Write).set_profile(yaml, "ask");
        } catch (const Error& e) {
          stored_error = e.one_line();
        }
        Person person;
        if (stored_error.empty()) {
          person = read_person(*engine, global, "", {});
        } else {
          person.profile = outcome.profile;
        }
        const Terminal out_terminal = global.terminal(stdout);
        // A file gets the usual 80 columns; stdout the terminal's (or COLUMNS).
        TextStyle style{routine_to_stdout ? out_terminal.width() : Terminal::kDefaultWidth,
                        routine_to_stdout && out_terminal.color(),
                        o->detail,
                        {}};
        prepare_markdown_figures(renderer, o->output, style);
        const Rendered rendered = render_person(*engine, person, renderer, style);
        const Answer& answer = rendered.answer;
        const std::string& out = rendered.text;
        // A stop was said in full by the interview on this terminal: not twice.
        const bool said = interactive && outcome.end == InterviewEnd::Stopped && routine_to_stdout &&
                          out_terminal.is_tty() && renderer.name == "text";
        if (!said) {
          if (routine_to_stdout && interactive) std::fputs("\n", stderr);
          write_output(o->output, out, o->force);
          write_markdown_figures(renderer, o->output, answer);
        }
        if (interactive) {
          const Terminal term = global.terminal(stderr);
          std::string saved;
          if (stored_error.empty()) {
            saved = "Your answers are saved as your profile: `limber recommend` gives this routine again.";
          } else {
            saved = fmt::format("Your answers could not be kept in the diary ({}).", stored_error);
          }
          if (!o->save_profile.empty()) {
            saved += fmt::format(" They are also in {} (`limber recommend {}`).", o->save_profile, o->save_profile);
          } else if (!stored_error.empty()) {
            saved += " Next time, `limber ask --save-profile me.yaml` keeps them in a file.";
          }
          // The end: one screen that repeats the status and says how to see the rest.
          if (!said) {
            put(term.stream(), "\n");
            put(term.stream(), std::string(std::min<std::size_t>(term.width(), 60), '-') + "\n");
            put(term.stream(), render_summary(answer, TextStyle{term.width(), term.color()}));
            put(term.stream(), "\n");
            if (routine_to_stdout && outcome.end != InterviewEnd::Stopped) {
              note(term,
                   "Every step in full is above (scroll up), or again with `limber recommend | less -R`. "
                   "To save it as a file: `limber recommend -o routine.md` (or .txt, .json).");
            } else if (!routine_to_stdout) {
              note(term, fmt::format("The routine is in {}, every step in full.", o->output));
            }
          }
          note(term, saved);
        }
        return kExitOk;
      }};
}

}  // namespace limber::cli
