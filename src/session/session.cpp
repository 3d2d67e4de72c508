#include "session/session.h"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>

namespace limber::session {

Session::Session(const Plan& plan, Clock& clock, Input& input, Screen& screen, Hooks hooks)
    : plan_(plan), clock_(clock), input_(input), screen_(screen), hooks_(std::move(hooks)), done_(plan.steps.size()) {}

std::int64_t Session::phase_ms() const {
  return std::int64_t{plan_.steps[step_].phases[phase_].seconds} * 1000;
}

void Session::enter(std::size_t step, std::size_t phase) {
  step_ = step;
  phase_ = phase;
  while (step_ < plan_.steps.size() && phase_ >= plan_.steps[step_].phases.size()) {
    ++step_;
    phase_ = 0;
  }
  elapsed_ = 0;
  last_ = clock_.now_ms();
  paused_ = false;
  note_.clear();
  if (step_ < plan_.steps.size()) screen_.bell();
}

void Session::tick() {
  const std::int64_t now = clock_.now_ms();
  if (!paused_) elapsed_ += now - last_;
  last_ = now;
}

void Session::mark_done_if_held() {
  const std::vector<Phase>& phases = plan_.steps[step_].phases;
  const auto is_hold = [](const Phase& p) { return p.kind == PhaseKind::Hold; };
  const bool hold_later = std::any_of(phases.begin() + static_cast<std::ptrdiff_t>(phase_) + 1, phases.end(), is_hold);
  if (!hold_later && (is_hold(phases[phase_]) || phase_ + 1 == phases.size())) done_[step_] = true;
}

bool Session::catch_up() {
  tick();
  while (step_ < plan_.steps.size() && !paused_ && elapsed_ >= phase_ms()) {
    const std::int64_t over = elapsed_ - phase_ms();
    mark_done_if_held();
    ++phase_;
    while (step_ < plan_.steps.size() && phase_ >= plan_.steps[step_].phases.size()) {
      ++step_;
      phase_ = 0;
    }
    // The next phase started when this one ended, however late we woke.
    elapsed_ = over;
    note_.clear();
    if (step_ < plan_.steps.size()) screen_.bell();
  }
  return step_ < plan_.steps.size();
}

std::int64_t Session::wait_ms() const {
  if (paused_) return -1;
  // Until the seconds shown change.
  const std::int64_t left = phase_ms() - elapsed_;
  const std::int64_t shown = (left + 999) / 1000;
  return std::max<std::int64_t>(left - (shown - 1) * 1000, 1);
}

View Session::step_view() const {
  View v;
  v.mode = Mode::Step;
  v.plan = &plan_;
  v.step = step_;
  v.phase = phase_;
  v.paused = paused_;
  v.note = note_;
  const std::int64_t left = phase_ms() - elapsed_;
  std::int64_t rest = 0;
  const std::vector<Phase>& phases = plan_.steps[step_].phases;
  for (std::size_t p = phase_ + 1; p < phases.size(); ++p) rest += phases[p].seconds;
  rest += plan_.seconds_from(step_ + 1);
  v.phase_left = static_cast<int>((left + 999) / 1000);
  v.session_left = static_cast<int>((left + rest * 1000 + 999) / 1000);
  v.steps_done = static_cast<std::size_t>(std::count(done_.begin(), done_.end(), true));
  return v;
}

KeyEvent Session::next_key(const View& view) {
  screen_.show(view);
  for (;;) {
    const KeyEvent ev = input_.wait(-1);
    if (ev.kind == KeyKind::Resize) {
      screen_.show(view);
      continue;
    }
    if (ev.kind != KeyKind::Timeout) return ev;
  }
}

End Session::follow() {
  enter(0, 0);
  for (;;) {
    if (!catch_up()) return End::Finished;
    screen_.show(step_view());
    const KeyEvent ev = input_.wait(wait_ms());
    if (ev.kind == KeyKind::Interrupt) return End::Interrupted;
    if (!catch_up()) return End::Finished;
    if (ev.kind == KeyKind::Suspend) {
      paused_ = true;
      note_ = "Paused while limber was in the background";
    }
    if (ev.kind != KeyKind::Char) continue;
    switch (std::tolower(static_cast<unsigned char>(ev.ch))) {
      case ' ':
        paused_ = !paused_;
        note_.clear();
        break;
      case 'n':
        if (step_ + 1 >= plan_.steps.size()) return End::Finished;
        enter(step_ + 1, 0);
        break;
      case 'b':
        if (step_ == 0) {
          enter(0, 0);
          note_ = "Step 1 again, from the start";
        } else {
          enter(step_ - 1, 0);
        }
        break;
      case 'q': return End::Quit;
      case 's': {
        const bool was_paused = paused_;
        paused_ = true;
        bool interrupted = false;
        const std::optional<std::uint64_t> what = ask_what(interrupted);
        if (interrupted) return End::Interrupted;
        if (what) {
          during_ = *what;
          return End::Stopped;
        }
        paused_ = was_paused;
        last_ = clock_.now_ms();
        note_ = "Back to the routine";
        break;
      }
      default: break;
    }
  }
}

std::optional<std::uint64_t> Session::ask_what(bool& interrupted) {
  View v;
  v.mode = Mode::AskWhat;
  v.plan = &plan_;
  v.step = step_;
  v.choices = &hooks_.wrong_labels;
  const std::size_t n = hooks_.wrong_labels.size();
  for (;;) {
    const KeyEvent ev = next_key(v);
    switch (ev.kind) {
      case KeyKind::Interrupt: interrupted = true; return std::nullopt;
      case KeyKind::Escape: return std::nullopt;
      case KeyKind::Enter:
        if (v.marked != 0) return v.marked;
        v.problem = fmt::format("Press 1 to {} to mark what you felt, or Esc to go back.", n);
        break;
      case KeyKind::Char: {
        if (ev.ch == 'b' || ev.ch == 'B') return std::nullopt;
        const int k = ev.ch - '1';
        if (k >= 0 && static_cast<std::size_t>(k) < n && k < 64) {
          v.marked ^= std::uint64_t{1} << k;
          v.problem.clear();
        }
        break;
      }
      default: break;
    }
  }
}

bool Session::show_advice(std::uint64_t during, std::string next) {
  View v;
  v.mode = Mode::Advice;
  v.plan = &plan_;
  v.step = step_ < plan_.steps.size() ? step_ : 0;
  v.advice = hooks_.advice ? hooks_.advice(during) : std::string();
  v.note = std::move(next);
  screen_.bell();
  for (;;) {
    const KeyEvent ev = next_key(v);
    if (ev.kind == KeyKind::Interrupt) return false;
    if (ev.kind == KeyKind::Enter) return true;
  }
}

std::optional<int> Session::ask_number(int question, int questions, bool& finish, bool& interrupted) {
  View v;
  v.mode = Mode::CheckIn;
  v.plan = &plan_;
  v.question = question;
  v.questions = questions;
  v.steps_done = static_cast<std::size_t>(std::count(done_.begin(), done_.end(), true));
  for (;;) {
    const KeyEvent ev = next_key(v);
    switch (ev.kind) {
      case KeyKind::Interrupt: interrupted = true; return std::nullopt;
      case KeyKind::Escape: return std::nullopt;
      case KeyKind::Erase:
        if (!v.typed.empty()) v.typed.pop_back();
        v.problem.clear();
        break;
      case KeyKind::Enter:
        if (v.typed.empty()) return std::nullopt;
        if (const int n = std::stoi(v.typed); n <= 10) return n;
        v.problem = fmt::format("{} is not on the scale: a whole number from 0 to 10, please.", v.typed);
        v.typed.clear();
        break;
      case KeyKind::Char:
        if (ev.ch == 'q' || ev.ch == 'Q') {
          finish = true;
          return std::nullopt;
        }
        if (std::isdigit(static_cast<unsigned char>(ev.ch)) != 0 && v.typed.size() < 2) {
          v.typed += ev.ch;
          v.problem.clear();
        } else if (std::isdigit(static_cast<unsigned char>(ev.ch)) == 0) {
          v.problem = "Type a whole number from 0 to 10, then Enter.";
        }
        break;
      default: break;
    }
  }
}

bool Session::check_in(Record& record, bool ask_events) {
  const int questions = ask_events ? 3 : 2;
  bool finish = false;
  bool interrupted = false;
  record.pain = ask_number(0, questions, finish, interrupted);
  if (interrupted) return false;
  if (!finish) record.pain_during = ask_number(1, questions, finish, interrupted);
  if (interrupted) return false;
  if (!finish && ask_events) {
    View v;
    v.mode = Mode::CheckIn;
    v.plan = &plan_;
    v.question = 2;
    v.questions = questions;
    v.choices = &hooks_.wrong_labels;
    v.steps_done = static_cast<std::size_t>(std::count(done_.begin(), done_.end(), true));
    for (bool asking = true; asking;) {
      const KeyEvent ev = next_key(v);
      switch (ev.kind) {
        case KeyKind::Interrupt: return false;
        case KeyKind::Enter: asking = false; break;
        case KeyKind::Escape:
          v.marked = 0;
          asking = false;
          break;
        case KeyKind::Char: {
          if (ev.ch == 'q' || ev.ch == 'Q') {
            asking = false;
            break;
          }
          const int k = ev.ch - '1';
          if (ev.ch == '0') v.marked = 0;
          if (k >= 0 && static_cast<std::size_t>(k) < hooks_.wrong_labels.size() && k < 64) {
            v.marked ^= std::uint64_t{1} << k;
          }
          break;
        }
        default: break;
      }
    }
    record.during = v.marked;
    if (record.during != 0 && !show_advice(record.during, "Enter: log this session")) return false;
  }
  return true;
}

Outcome Session::run() {
  Outcome out;
  during_ = 0;
  out.end = plan_.steps.empty() ? End::Finished : follow();
  if (out.end == End::Interrupted) return out;
  Record& r = out.record;
  bool completed = true;
  if (out.end == End::Stopped) {
    r.during = during_;
    completed = show_advice(during_, "Enter: go on to the check-in") && check_in(r, false);
  } else {
    completed = check_in(r, true);
  }
  if (!completed) {
    out.end = End::Interrupted;
    out.record = Record{};
    return out;
  }
  for (std::size_t i = 0; i < done_.size(); ++i) {
    if (done_[i]) r.steps_done.push_back(i);
  }
  r.done = out.end == End::Finished && r.steps_done.size() == plan_.steps.size();
  if (hooks_.log) hooks_.log(r);
  out.logged = true;
  return out;
}

}  // namespace limber::session
