// The guided session (`limber go`) without a terminal: a fake clock in
// milliseconds, scripted keys and a screen that records what it was
// asked to show. Every phase must last exactly its seconds, and a session
// left alone exactly the routine's total_seconds.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "base/text.h"
#include "engine/answer.h"
#include "engine/timeline.h"
#include "session/layout.h"
#include "session/plan.h"
#include "session/script.h"
#include "session/session.h"
#include "session/terminal.h"
#include "support.h"

namespace limber::testing {
namespace {

using session::End;
using session::KeyEvent;
using session::KeyKind;
using session::Mode;
using session::PhaseKind;
using session::View;

class FakeClock : public session::Clock {
 public:
  std::int64_t now_ms() override { return now; }
  std::int64_t now = 0;
};

// Keys at given times of the fake clock. Waiting moves the clock: to the
// next key when it comes in time, else by the whole timeout.
class ScriptedInput : public session::Input {
 public:
  explicit ScriptedInput(FakeClock& clock) : clock_(clock) {}
  void at(std::int64_t ms, KeyEvent k) { keys_.push_back({ms, k}); }
  void at(std::int64_t ms, char c) { at(ms, KeyEvent{KeyKind::Char, c}); }
  void type(std::int64_t ms, std::string_view text) {
    for (const char c : text) at(ms, c == '\n' ? KeyEvent{KeyKind::Enter, 0} : KeyEvent{KeyKind::Char, c});
  }
  KeyEvent wait(std::int64_t timeout_ms) override {
    ++waits;
    EXPECT_TRUE(timeout_ms == -1 || timeout_ms > 0) << timeout_ms;
    if (next_ < keys_.size() && (timeout_ms < 0 || keys_[next_].first <= clock_.now + timeout_ms)) {
      clock_.now = std::max(clock_.now, keys_[next_].first);
      return keys_[next_++].second;
    }
    if (timeout_ms < 0) return {KeyKind::Interrupt, 0};  // would wait for ever: the script ran out
    clock_.now += timeout_ms + late_ms;
    return {KeyKind::Timeout, 0};
  }
  std::size_t unread() const { return keys_.size() - next_; }
  std::size_t waits = 0;
  std::int64_t late_ms = 0;  // every timeout wakes this much too late

 private:
  FakeClock& clock_;
  std::vector<std::pair<std::int64_t, KeyEvent>> keys_;
  std::size_t next_ = 0;
};

struct Shown {
  std::int64_t at;
  View view;
};

class RecordingScreen : public session::Screen {
 public:
  explicit RecordingScreen(FakeClock& clock) : clock_(clock) {}
  void show(const View& v) override {
    const bool changed = shown.empty() || shown.back().view.mode != v.mode || shown.back().view.step != v.step ||
                         shown.back().view.phase != v.phase || shown.back().view.question != v.question;
    shown.push_back({clock_.now, v});
    if (!changed) return;
    // Every new screen must fit the terminals people use.
    for (const std::size_t w : {40, 80, 200}) {
      for (const session::Line& l : session::layout(v, w, 30)) {
        EXPECT_LE(display_width(l.text), w) << l.text;
      }
    }
  }
  void bell() override { bells.push_back(clock_.now); }

  // When each (step, phase) was first shown, in order.
  std::vector<std::tuple<std::size_t, std::size_t, std::int64_t>> phase_starts() const {
    std::vector<std::tuple<std::size_t, std::size_t, std::int64_t>> out;
    for (const Shown& s : shown) {
      if (s.view.mode != Mode::Step) continue;
      if (out.empty() || std::get<0>(out.back()) != s.view.step || std::get<1>(out.back()) != s.view.phase) {
        out.emplace_back(s.view.step, s.view.phase, s.at);
      }
    }
    return out;
  }
  // The first time a screen of `mode` was shown, or -1.
  std::int64_t first(Mode mode) const {
    for (const Shown& s : shown) {
      if (s.view.mode == mode) return s.at;
    }
    return -1;
  }

  std::vector<Shown> shown;
  std::vector<std::int64_t> bells;

 private:
  FakeClock& clock_;
};

struct Fixture {
  Fixture(std::initializer_list<std::string> sets)
      : engine(builtin_engine()),
        profile(make_profile(engine, sets)),
        result(run(engine, profile)),
        answer(make_answer(engine, profile, result)),
        plan(session::make_plan(answer)) {}
  const Engine& engine;
  Profile profile;
  Result result;
  Answer answer;
  session::Plan plan;
  FakeClock clock;
  ScriptedInput input{clock};
  RecordingScreen screen{clock};
  std::vector<session::Record> logged;
  std::vector<std::uint64_t> advised;

  session::Outcome go() {
    session::Hooks hooks;
    const Field& f = engine.schema().at("during_stretch");
    for (const FieldValue& v : f.values) hooks.wrong_labels.push_back(v.label);
    hooks.advice = [this](std::uint64_t during) {
      advised.push_back(during);
      return std::string("STOP: do not stretch.\n- because");
    };
    hooks.log = [this](const session::Record& r) { logged.push_back(r); };
    session::Session s(plan, clock, input, screen, hooks);
    return s.run();
  }
  // The check-in answered: pain now, worst pain during, nothing happened.
  void check_in(std::int64_t at, std::string_view pain = "2\n", std::string_view during = "4\n") {
    input.type(at, pain);
    input.type(at, during);
    input.type(at, "\n");
  }
};

// Two steps of a few seconds: for the keys that move between steps.
const std::initializer_list<std::string> kTwoSteps = {"pain_areas=lower_back", "minutes=2"};

std::int64_t ms(int seconds) {
  return std::int64_t{seconds} * 1000;
}

// How often each kind of phase was seen, over all the sessions timed.
std::map<PhaseKind, int> kinds_seen;

// Left alone, every phase of every step lasts exactly its seconds, the
// holds are the dosage's, and the session lasts total_seconds.
void expect_exact_timing(std::initializer_list<std::string> sets) {
  Fixture f(sets);
  SCOPED_TRACE(::testing::Message() << "profile: " << join(std::vector<std::string>(sets)));
  ASSERT_EQ(f.answer.status, Status::Ok);
  ASSERT_FALSE(f.plan.steps.empty());
  EXPECT_EQ(f.plan.total_seconds, f.answer.total_seconds);
  const std::int64_t end = ms(f.answer.total_seconds);
  f.check_in(end + 60'000);
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Finished);
  EXPECT_EQ(f.screen.first(Mode::CheckIn), end) << "the session did not last total_seconds";

  const auto starts = f.screen.phase_starts();
  std::size_t expected_phases = 0;
  for (const auto& ps : f.plan.steps) expected_phases += ps.phases.size();
  ASSERT_EQ(starts.size(), expected_phases) << "a phase was skipped or shown twice";
  std::map<std::size_t, int> holds, rests, switches, setups;  // per step
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const auto [step, phase, at] = starts[i];
    const std::int64_t until = i + 1 < starts.size() ? std::get<2>(starts[i + 1]) : end;
    const session::Phase& p = f.plan.steps[step].phases[phase];
    EXPECT_EQ(until - at, ms(p.seconds)) << "step " << step + 1 << " phase " << phase + 1;
    switch (p.kind) {
      case PhaseKind::Hold:
        EXPECT_EQ(p.seconds, f.plan.steps[step].step->hold_seconds) << "step " << step + 1;
        ++holds[step];
        break;
      case PhaseKind::Rest:
        EXPECT_EQ(p.seconds, timeline::kRestSeconds);
        ++rests[step];
        break;
      case PhaseKind::Switch:
        EXPECT_EQ(p.seconds, timeline::kSwitchSeconds);
        ++switches[step];
        break;
      case PhaseKind::Position:
        EXPECT_EQ(phase, 0u) << "getting into position comes first";
        EXPECT_EQ(p.seconds, timeline::kSetupSeconds);
        ++setups[step];
        break;
    }
    ++kinds_seen[p.kind];
  }
  for (std::size_t k = 0; k < f.plan.steps.size(); ++k) {
    const AnswerStep& s = *f.plan.steps[k].step;
    const int sides = s.per_side ? 2 : 1;
    EXPECT_EQ(holds[k], s.reps * sides) << "step " << k + 1 << ": holds";
    EXPECT_EQ(rests[k], s.hold_seconds >= timeline::kRestFromHold ? (s.reps - 1) * sides : 0) << "step " << k + 1;
    EXPECT_EQ(switches[k], sides - 1) << "step " << k + 1;
    EXPECT_EQ(setups[k], 1) << "step " << k + 1;
    EXPECT_EQ(f.plan.steps[k].seconds, s.seconds) << "step " << k + 1;
  }
  // A bell at every change, and at no other time while stretching.
  std::vector<std::int64_t> change_times;
  for (const auto& s : starts) change_times.push_back(std::get<2>(s));
  EXPECT_EQ(f.screen.bells, change_times);

  ASSERT_EQ(f.logged.size(), 1u);
  const session::Record& r = f.logged[0];
  EXPECT_TRUE(r.done);
  EXPECT_EQ(r.pain, 2);
  EXPECT_EQ(r.pain_during, 4);
  EXPECT_EQ(r.during, 0u);
  EXPECT_EQ(r.steps_done.size(), f.plan.steps.size());
  EXPECT_EQ(f.input.unread(), 0u);
}

TEST(SessionTiming, EveryPhaseLastsExactlyItsSeconds) {
  expect_exact_timing({"pain_areas=lower_back", "minutes=1"});
  expect_exact_timing({"pain_areas=lower_back", "sitting_hours=9"});
  expect_exact_timing({"pain_areas=neck;shoulders", "minutes=15"});
  expect_exact_timing({"pain_areas=hips;buttocks", "symptoms=tight_hips;tight_hamstrings", "minutes=20"});
  expect_exact_timing({"pain_areas=upper_back;lower_back", "goals=flexibility", "minutes=30"});
  // The profiles above have every kind of phase: rests and changes of side too.
  for (const PhaseKind k : {PhaseKind::Position, PhaseKind::Hold, PhaseKind::Rest, PhaseKind::Switch}) {
    EXPECT_GT(kinds_seen[k], 0) << "no phase of kind " << static_cast<int>(k);
  }
}

TEST(SessionTiming, LateWakeUpsDoNotAddUp) {
  // A real clock wakes late; the next phase starts when the last one
  // ended, not when the session noticed, so the lateness never accumulates.
  Fixture f({"pain_areas=lower_back", "sitting_hours=9"});
  f.input.late_ms = 37;
  const std::int64_t total = ms(f.answer.total_seconds);
  f.check_in(total + 60'000);
  f.go();
  const std::int64_t end = f.screen.first(Mode::CheckIn);
  EXPECT_GE(end, total);
  EXPECT_LT(end, total + 37 + 1);
}

TEST(SessionTiming, APauseStopsTheClock) {
  Fixture f(kTwoSteps);
  const std::int64_t total = ms(f.answer.total_seconds);
  f.input.at(3'500, ' ');
  f.input.at(13'500, ' ');  // ten seconds paused
  f.check_in(total + 60'000);
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Finished);
  EXPECT_EQ(f.screen.first(Mode::CheckIn), total + 10'000);
  // While paused the screen said so and showed the same seconds left.
  std::vector<int> left;
  for (const Shown& s : f.screen.shown) {
    if (s.view.mode == Mode::Step && s.view.paused) left.push_back(s.view.phase_left);
  }
  ASSERT_FALSE(left.empty());
  EXPECT_TRUE(std::all_of(left.begin(), left.end(), [&](int l) { return l == left.front(); }));
  const auto& first_phase = f.plan.steps[0].phases[0];
  if (first_phase.seconds > 4) {
    EXPECT_EQ(left.front(), first_phase.seconds - 3);
  }
  EXPECT_TRUE(f.logged.at(0).done);
}

TEST(SessionKeys, NextSkipsAStepThatIsThenNotDone) {
  Fixture f(kTwoSteps);
  ASSERT_GE(f.plan.steps.size(), 2u);
  f.input.at(1'000, 'n');
  const std::int64_t end = 1'000 + ms(f.plan.seconds_from(1));
  f.check_in(end + 1'000);
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Finished);
  EXPECT_EQ(f.screen.first(Mode::CheckIn), end);
  const session::Record& r = f.logged.at(0);
  EXPECT_FALSE(r.done) << "a skipped step makes the session partial";
  std::vector<std::size_t> rest;
  for (std::size_t i = 1; i < f.plan.steps.size(); ++i) rest.push_back(i);
  EXPECT_EQ(r.steps_done, rest);
}

TEST(SessionKeys, NextOnTheLastStepEndsAndBackRestartsTheStepBefore) {
  Fixture f(kTwoSteps);
  ASSERT_EQ(f.plan.steps.size(), 2u);
  const std::int64_t second = ms(f.plan.steps[0].seconds);
  f.input.at(second + 2'000, 'b');                                        // back to step 1, from its start
  f.input.at(second + 2'000 + ms(f.plan.steps[0].seconds) + 1'000, 'n');  // in step 2: the end
  f.check_in(second + 60'000, "\n", "\n");                                // both skipped
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Finished);
  const auto starts = f.screen.phase_starts();
  // Step 1 twice from its first phase, and step 2 twice.
  std::vector<std::size_t> steps_entered;
  for (const auto& [step, phase, at] : starts) {
    if (phase == 0) steps_entered.push_back(step);
  }
  EXPECT_EQ(steps_entered, (std::vector<std::size_t>{0, 1, 0, 1}));
  const session::Record& r = f.logged.at(0);
  EXPECT_FALSE(r.done);
  EXPECT_EQ(r.steps_done, std::vector<std::size_t>{0});
  EXPECT_FALSE(r.pain.has_value());
  EXPECT_FALSE(r.pain_during.has_value());
}

TEST(SessionKeys, QuitIsLoggedAsPartialAfterTheCheckIn) {
  Fixture f(kTwoSteps);
  f.input.at(ms(f.plan.steps[0].seconds) + 500, 'q');
  f.check_in(100'000, "3\n", "5\n");
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Quit);
  ASSERT_EQ(f.logged.size(), 1u);
  EXPECT_FALSE(f.logged[0].done);
  EXPECT_EQ(f.logged[0].pain, 3);
  EXPECT_EQ(f.logged[0].pain_during, 5);
  EXPECT_EQ(f.logged[0].steps_done, std::vector<std::size_t>{0});
}

TEST(SessionKeys, QInTheCheckInLogsAtOnce) {
  Fixture f(kTwoSteps);
  f.input.at(500, 'q');
  f.input.type(1'000, "4\nq");
  f.go();
  ASSERT_EQ(f.logged.size(), 1u);
  EXPECT_EQ(f.logged[0].pain, 4);
  EXPECT_FALSE(f.logged[0].pain_during.has_value());
  EXPECT_TRUE(f.logged[0].steps_done.empty());
}

TEST(SessionKeys, SomethingWrongAsksWhatAdvisesAndLogsIt) {
  Fixture f(kTwoSteps);
  f.input.at(4'000, 's');
  f.input.at(5'000, KeyEvent{KeyKind::Enter, 0});  // nothing marked: asked again
  f.input.at(6'000, '1');                          // tingling
  f.input.at(6'500, '3');                          // sharp pain
  f.input.at(6'700, '3');                          // ...no, not sharp pain
  f.input.at(7'000, KeyEvent{KeyKind::Enter, 0});
  f.input.at(8'000, KeyEvent{KeyKind::Enter, 0});  // read the advice
  f.input.type(9'000, "1\n6\n");                   // two questions: what happened is known
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Stopped);
  EXPECT_EQ(f.advised, std::vector<std::uint64_t>{1});
  ASSERT_EQ(f.logged.size(), 1u);
  EXPECT_EQ(f.logged[0].during, 1u);
  EXPECT_FALSE(f.logged[0].done);
  EXPECT_EQ(f.logged[0].pain_during, 6);
  EXPECT_EQ(f.input.unread(), 0u);
  // The screens: the question with its problem, then the advice, then two questions.
  bool problem = false;
  int questions = 0;
  for (const Shown& s : f.screen.shown) {
    if (s.view.mode == Mode::AskWhat && !s.view.problem.empty()) problem = true;
    if (s.view.mode == Mode::CheckIn) questions = std::max(questions, s.view.questions);
  }
  EXPECT_TRUE(problem);
  EXPECT_EQ(questions, 2);
  EXPECT_GE(f.screen.first(Mode::Advice), 7'000);
}

TEST(SessionKeys, EscapeFromWhatWentWrongGoesBackToTheRoutine) {
  Fixture f(kTwoSteps);
  const std::int64_t total = ms(f.answer.total_seconds);
  f.input.at(2'000, 's');
  f.input.at(12'000, KeyEvent{KeyKind::Escape, 0});  // ten seconds in the question, timer paused
  f.check_in(total + 60'000);
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Finished);
  EXPECT_EQ(f.screen.first(Mode::CheckIn), total + 10'000);
  EXPECT_TRUE(f.advised.empty());
  EXPECT_TRUE(f.logged.at(0).done);
}

TEST(SessionKeys, EventsInTheCheckInShowTheAdvice) {
  Fixture f(kTwoSteps);
  f.input.at(100, 'n');
  f.input.at(200, 'n');
  f.input.type(300, "0\n8\n25\n");  // numbness, and pain that kept getting worse
  f.input.at(400, KeyEvent{KeyKind::Enter, 0});
  const session::Outcome out = f.go();
  EXPECT_EQ(out.end, End::Finished);
  EXPECT_EQ(f.advised, std::vector<std::uint64_t>{0b10010});
  EXPECT_EQ(f.logged.at(0).during, 0b10010u);
}

TEST(SessionKeys, PainOutsideTheScaleIsAskedAgain) {
  Fixture f(kTwoSteps);
  f.input.at(100, 'q');
  f.input.type(200, "11\nx");
  f.input.at(300, KeyEvent{KeyKind::Erase, 0});
  f.input.type(400, "7\n\n\n");
  f.go();
  EXPECT_EQ(f.logged.at(0).pain, 7);
  bool asked_again = false;
  for (const Shown& s : f.screen.shown) {
    if (s.view.mode == Mode::CheckIn && s.view.problem.find("11 is not on the scale") != std::string::npos) {
      asked_again = true;
    }
  }
  EXPECT_TRUE(asked_again);
}

TEST(SessionKeys, AnInterruptLogsNothing) {
  for (const std::int64_t at : {1'000, 200'000}) {  // while stretching, and in the check-in
    Fixture f(kTwoSteps);
    f.input.at(at, KeyEvent{KeyKind::Interrupt, 0});
    const session::Outcome out = f.go();
    EXPECT_EQ(out.end, End::Interrupted);
    EXPECT_FALSE(out.logged);
    EXPECT_TRUE(f.logged.empty());
  }
}

TEST(SessionKeys, ResizeShowsTheSameScreenAgain) {
  Fixture f(kTwoSteps);
  f.input.at(1'500, KeyEvent{KeyKind::Resize, 0});
  f.input.at(200'000, 'q');
  f.input.at(200'000, 'q');
  f.go();
  ASSERT_GE(f.screen.shown.size(), 3u);
  const auto at =
      std::find_if(f.screen.shown.begin(), f.screen.shown.end(), [](const Shown& s) { return s.at == 1'500; });
  ASSERT_NE(at, f.screen.shown.end());
}

TEST(SessionKeys, SuspendPauses) {
  Fixture f(kTwoSteps);
  f.input.at(1'000, KeyEvent{KeyKind::Suspend, 0});
  f.input.at(50'000, ' ');
  f.check_in(200'000);
  f.go();
  EXPECT_EQ(f.screen.first(Mode::CheckIn), ms(f.answer.total_seconds) + 49'000);
}

// Screens

View step_view(const session::Plan& plan, std::size_t step, std::size_t phase) {
  View v;
  v.plan = &plan;
  v.step = step;
  v.phase = phase;
  v.phase_left = plan.steps[step].phases[phase].seconds;
  v.session_left = plan.seconds_from(step);
  return v;
}

std::string rule_of(std::size_t width) {
  std::string out;
  for (std::size_t i = 0; i < width; ++i) out += "─";
  return out;
}

std::string text_of(const std::vector<session::Line>& lines) {
  std::string out;
  for (const auto& l : lines) out += l.text + "\n";
  return out;
}

TEST(SessionScreen, AStepFitsNarrowAndWideTerminals) {
  Fixture f({"pain_areas=lower_back", "sitting_hours=9"});
  for (const std::size_t width : {40, 80, 200}) {
    for (const std::size_t height : {12, 24, 50}) {
      for (std::size_t k = 0; k < f.plan.steps.size(); ++k) {
        const auto lines = session::layout(step_view(f.plan, k, 0), width, height);
        EXPECT_LE(lines.size(), height);
        for (const auto& l : lines) EXPECT_LE(display_width(l.text), width) << l.text;
        const std::string text = text_of(lines);
        EXPECT_NE(text.find(fmt::format("Step {} of {}", k + 1, f.plan.steps.size())), std::string::npos) << text;
        EXPECT_NE(text.find("space pause"), std::string::npos) << text;
        EXPECT_EQ(lines[1].text, rule_of(width)) << "the rule is full width";
      }
    }
  }
}

TEST(SessionScreen, TheCountdownIsLargeWhenThereIsRoom) {
  Fixture f(kTwoSteps);
  View v = step_view(f.plan, 0, 0);
  v.phase_left = 28;
  const std::string tall = text_of(session::layout(v, 80, 50));
  EXPECT_NE(tall.find(session::big_clock(28)[0]), std::string::npos);
  EXPECT_NE(tall.find("0:28"), std::string::npos);
  const std::string small = text_of(session::layout(v, 80, 14));
  EXPECT_EQ(small.find("██████  ██████"), std::string::npos);
}

TEST(SessionScreen, KeysAreParsed) {
  const auto k = session::parse_keys("n \x1b[A\x03\r\x7f\x1bq\x1a");
  std::vector<KeyKind> kinds;
  for (const auto& e : k) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<KeyKind>{KeyKind::Char, KeyKind::Char, KeyKind::Interrupt, KeyKind::Enter,
                                         KeyKind::Erase, KeyKind::Escape, KeyKind::Char, KeyKind::Suspend}));
}

TEST(SessionScript, EveryPhaseWithItsTimeAndTheEndAtTotalSeconds) {
  Fixture f({"pain_areas=lower_back", "sitting_hours=9"});
  const std::string script = session::timed_script(f.plan);
  EXPECT_NE(script.find(session::clock_label(f.answer.total_seconds) + "  End of the session."), std::string::npos)
      << script;
  std::size_t holds = 0;
  for (std::size_t at = script.find("  Hold"); at != std::string::npos; at = script.find("  Hold", at + 1)) ++holds;
  std::size_t expected = 0;
  for (const auto& s : f.answer.routine) expected += static_cast<std::size_t>(s.reps * (s.per_side ? 2 : 1));
  EXPECT_EQ(holds, expected);
  for (const std::string& line : split(script, "\n")) EXPECT_LE(display_width(line), 80u) << line;
}

}  // namespace
}  // namespace limber::testing
