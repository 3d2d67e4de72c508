#include "session/layout.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "base/text.h"

namespace limber::session {
namespace {

// `text` cut to `width` columns, ending in "…" when cut.
std::string cut(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < text.size() && cols + 1 < width;) {
    const std::size_t n = std::max<std::size_t>(utf8_length(text, i), 1);
    out.append(text.substr(i, n));
    i += n;
    ++cols;
  }
  return out + "…";
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

class Builder {
 public:
  Builder(std::size_t width) : width_(std::max<std::size_t>(width, 10)) {}

  void add(std::string_view text, Style style = Style::Plain) { lines_.push_back(Line{cut(text, width_), style}); }
  void blank() { lines_.push_back(Line{}); }
  void rule() { lines_.push_back(Line{repeat("─", width_), Style::Rule}); }
  // A paragraph wrapped to the text width: `lead` before its first line,
  // the others indented to line up after it.
  void para(std::string_view lead, std::string_view text, Style style = Style::Plain, std::size_t indent = 0) {
    const std::size_t text_width = std::min(width_, kTextWidth);
    const std::size_t lead_width = display_width(lead);
    const std::size_t first = indent + lead_width;
    const std::size_t avail = text_width > first + 10 ? text_width - first : 10;
    const auto wrapped = wrap(text, avail);
    for (std::size_t i = 0; i < wrapped.size(); ++i) {
      add(std::string(indent, ' ') + (i == 0 ? std::string(lead) : std::string(lead_width, ' ')) + wrapped[i], style);
    }
  }
  std::vector<Line> take() { return std::move(lines_); }
  std::size_t width() const { return width_; }

 private:
  std::size_t width_;
  std::vector<Line> lines_;
};

// Joins top, middle and bottom into `height` lines, the bottom at the foot:
// the middle is cut (ending in "…") when all three do not fit.
std::vector<Line> frame(std::vector<Line> top, std::vector<Line> middle, std::vector<Line> bottom, std::size_t height) {
  std::vector<Line> out = std::move(top);
  const std::size_t fixed = out.size() + bottom.size();
  if (fixed + middle.size() > height) {
    const std::size_t room = height > fixed ? height - fixed : 0;
    if (room < middle.size()) {
      middle.resize(room);
      if (!middle.empty()) middle.back() = Line{"…", Style::Dim};
    }
  }
  out.insert(out.end(), middle.begin(), middle.end());
  // The keys at the foot of the screen, where they always are.
  if (out.size() + bottom.size() < height) out.resize(height - bottom.size());
  out.insert(out.end(), bottom.begin(), bottom.end());
  if (out.size() > height) out.resize(height);
  return out;
}

std::string step_name(const AnswerStep& s) {
  return s.variant != nullptr ? s.variant->name : s.stretch->name;
}

Style phase_style(PhaseKind k) {
  switch (k) {
    case PhaseKind::Position: return Style::Position;
    case PhaseKind::Hold: return Style::Hold;
    case PhaseKind::Rest:
    case PhaseKind::Switch: return Style::Rest;
  }
  return Style::Plain;
}

std::string next_label(const View& v) {
  const PlanStep& ps = v.plan->steps[v.step];
  if (v.phase + 1 < ps.phases.size()) {
    const Phase& n = ps.phases[v.phase + 1];
    return fmt::format("Next: {} ({} s)", lower(phase_title(n)), n.seconds);
  }
  if (v.step + 1 < v.plan->steps.size()) {
    return fmt::format("Next: step {}, {}", v.step + 2, step_name(*v.plan->steps[v.step + 1].step));
  }
  return "Next: the end, and a short check-in";
}

std::vector<Line> keys(Builder& b, std::string_view text) {
  Builder k(b.width());
  k.rule();
  k.para("", text, Style::Dim);
  return k.take();
}

std::vector<Line> step_screen(const View& v, std::size_t width, std::size_t height) {
  const PlanStep& ps = v.plan->steps[v.step];
  const AnswerStep& s = *ps.step;
  const Phase& ph = ps.phases[v.phase];
  Builder top(width);
  top.add(spread(fmt::format("Step {} of {}: {}", v.step + 1, v.plan->steps.size(), step_name(s)),
                 clock_label(v.session_left) + " left", top.width()),
          Style::Title);
  top.rule();
  const std::string title = v.paused ? "PAUSED: " + phase_title(ph) : phase_title(ph);
  top.add(spread(title, clock_label(v.phase_left), top.width()), v.paused ? Style::Paused : phase_style(ph.kind));
  const std::size_t bar = top.width();
  const int done = std::clamp(ph.seconds - v.phase_left, 0, std::max(ph.seconds, 0));
  const std::size_t filled =
      ph.seconds <= 0 ? bar : bar * static_cast<std::size_t>(done) / static_cast<std::size_t>(ph.seconds);
  top.add(repeat("█", filled) + repeat("░", bar - filled), v.paused ? Style::Paused : phase_style(ph.kind));
  const std::string lead = phase_lead(ph);
  top.add(v.paused       ? "Press space to go on."
          : lead.empty() ? next_label(v)
                         : "Then: " + lead.substr(5) + ".",
          Style::Dim);
  if (!v.note.empty()) top.add(v.note, Style::Dim);

  Builder mid(width);
  mid.blank();
  mid.para("Position: ", fmt::format("{} | {} | {} in all", position_label(s.position, s.on_floor), dosage_label(s),
                                     duration_label(ps.seconds)));
  for (const Reason& m : s.modifications) mid.para("For you: ", m.text);
  const auto& steps = s.steps();
  for (std::size_t k = 0; k < steps.size(); ++k) mid.para(fmt::format("{}) ", k + 1), steps[k], Style::Plain, 1);

  std::vector<Line> bottom = keys(top, v.paused ? "space go on · n next · b back · q quit · s something felt wrong"
                                                : "space pause · n next · b back · q quit · s something felt wrong");
  std::vector<Line> upper = top.take();
  std::vector<Line> middle = mid.take();
  // The countdown in large digits, to read from the floor, when there is room.
  if (upper.size() + middle.size() + bottom.size() + 6 <= height && width >= 30) {
    std::vector<Line> big{Line{}};
    for (std::string& l : big_clock(v.phase_left)) {
      big.push_back(Line{cut(l, width), v.paused ? Style::Paused : phase_style(ph.kind)});
    }
    middle.insert(middle.begin(), big.begin(), big.end());
  }
  return frame(std::move(upper), std::move(middle), std::move(bottom), height);
}

std::vector<Line> choices(const View& v, std::size_t width) {
  Builder b(width);
  for (std::size_t i = 0; i < v.choices->size(); ++i) {
    const bool on = ((v.marked >> i) & 1u) != 0;
    b.para(fmt::format(" [{}] {}  ", on ? "x" : " ", i + 1), (*v.choices)[i], on ? Style::Alert : Style::Plain);
  }
  return b.take();
}

std::vector<Line> ask_screen(const View& v, std::size_t width, std::size_t height) {
  Builder top(width);
  const std::string where =
      v.plan != nullptr && v.step < v.plan->steps.size() ? " (" + step_name(*v.plan->steps[v.step].step) + ")" : "";
  top.add("Something felt wrong" + where, Style::Alert);
  top.rule();
  top.para("", "Stop the stretch and ease out of it slowly. What did you feel? Mark all that fit:");
  std::vector<Line> mid = choices(v, width);
  if (!v.problem.empty()) {
    Builder p(width);
    p.blank();
    p.para("", v.problem, Style::Alert);
    for (Line& l : p.take()) mid.push_back(std::move(l));
  }
  return frame(top.take(), std::move(mid),
               keys(top, fmt::format("1-{} mark · Enter done · Esc back to the routine", v.choices->size())), height);
}

std::vector<Line> advice_screen(const View& v, std::size_t width, std::size_t height) {
  Builder top(width);
  top.add("Stop stretching for today", Style::Alert);
  top.rule();
  Builder mid(width);
  for (const std::string& p : split(v.advice, "\n")) {
    if (is_blank(p)) continue;
    if (p.rfind("- ", 0) == 0) {
      mid.para("- ", p.substr(2));
    } else {
      mid.para("", p, p.rfind("STOP", 0) == 0 ? Style::Alert : Style::Plain);
    }
  }
  return frame(top.take(), mid.take(), keys(top, v.note.empty() ? "Enter: go on" : v.note), height);
}

std::vector<Line> checkin_screen(const View& v, std::size_t width, std::size_t height) {
  Builder top(width);
  const std::size_t n = v.plan != nullptr ? v.plan->steps.size() : 0;
  top.add(spread("Check-in", fmt::format("{} of {} {} done", v.steps_done, n, n == 1 ? "stretch" : "stretches"),
                 top.width()),
          Style::Title);
  top.rule();
  Builder mid(width);
  mid.add(fmt::format("Question {} of {}", v.question + 1, v.questions), Style::Dim);
  std::string hint;
  if (v.question < 2) {
    mid.para("", v.question == 0 ? "How strong is your pain now, at rest? 0 is no pain, 10 the worst imaginable."
                                 : "What was the worst pain while stretching? 0 is no pain, 10 the worst imaginable.");
    mid.blank();
    mid.add("> " + v.typed + "_", Style::Title);
    hint = "0-10 then Enter · Enter alone skips · q log now";
  } else {
    mid.para("", "Did any of these happen while stretching? Mark all that fit; nothing marked means none.");
    for (Line& l : choices(v, width)) {
      mid.add(l.text, l.style);
    }
    hint = fmt::format("1-{} mark · Enter done · q log now", v.choices != nullptr ? v.choices->size() : 0);
  }
  if (!v.problem.empty()) {
    mid.blank();
    mid.para("", v.problem, Style::Alert);
  }
  return frame(top.take(), mid.take(), keys(top, hint), height);
}

}  // namespace

std::string spread(std::string_view left, std::string_view right, std::size_t width) {
  const std::size_t rw = display_width(right);
  if (rw + 2 >= width) return cut(left, width);
  const std::string l = cut(left, width - rw - 2);
  return l + std::string(width - display_width(l) - rw, ' ') + std::string(right);
}

std::vector<std::string> big_clock(int seconds) {
  static constexpr std::array<std::array<const char*, 5>, 11> kGlyphs = {{
      {"███", "█ █", "█ █", "█ █", "███"},  // 0
      {" █ ", "██ ", " █ ", " █ ", "███"},  // 1
      {"███", "  █", "███", "█  ", "███"},  // 2
      {"███", "  █", "███", "  █", "███"},  // 3
      {"█ █", "█ █", "███", "  █", "  █"},  // 4
      {"███", "█  ", "███", "  █", "███"},  // 5
      {"███", "█  ", "███", "█ █", "███"},  // 6
      {"███", "  █", "  █", "  █", "  █"},  // 7
      {"███", "█ █", "███", "█ █", "███"},  // 8
      {"███", "█ █", "███", "  █", "███"},  // 9
      {" ", "█", " ", "█", " "},            // :
  }};
  const std::string text = clock_label(seconds);
  std::vector<std::string> rows(5, "  ");
  for (const char c : text) {
    const std::size_t g = c == ':' ? 10 : static_cast<std::size_t>(c - '0');
    for (std::size_t r = 0; r < 5; ++r) {
      // Each cell twice as wide, so the digits are about as wide as tall.
      for (std::size_t i = 0; kGlyphs[g][r][i] != '\0';) {
        const bool block = kGlyphs[g][r][i] != ' ';
        rows[r] += block ? "██" : "  ";
        i += block ? 3 : 1;  // "█" is three bytes
      }
      rows[r] += "  ";
    }
  }
  return rows;
}

std::vector<Line> layout(const View& v, std::size_t width, std::size_t height) {
  switch (v.mode) {
    case Mode::Step: return step_screen(v, width, height);
    case Mode::AskWhat: return ask_screen(v, width, height);
    case Mode::Advice: return advice_screen(v, width, height);
    case Mode::CheckIn: return checkin_screen(v, width, height);
  }
  return {};
}

}  // namespace limber::session
