// The routine as plain text for a terminal or a text file. A person in pain
// reads this, so it is short and plain first: the status, then a summary
// table of the steps, then each step in full, then what to watch for and
// what was left out. A reason shared by several steps is said once and
// referred to after that.

#include <fmt/color.h>
#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "base/text.h"
#include "render/render.h"

namespace limber {
namespace {

class Writer {
 public:
  explicit Writer(const TextStyle& style) : style_(style) {}

  // A paragraph wrapped to the width, first line after `lead`, the rest
  // indented to line up with it.
  void para(std::string_view lead, std::string_view text, std::size_t indent) {
    const std::size_t lead_width = display_width(lead);
    const std::size_t first = indent + lead_width;
    const std::size_t avail = style_.width > first + 20 ? style_.width - first : 20;
    const auto lines = wrap(text, avail);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out_ += std::string(indent, ' ');
      out_ += i == 0 ? std::string(lead) : std::string(lead_width, ' ');
      out_ += lines[i];
      out_ += '\n';
    }
  }
  void line(std::string_view text = {}) {
    out_ += text;
    out_ += '\n';
  }
  std::string styled(std::string_view text, fmt::text_style st) const {
    return style_.color ? fmt::format(st, "{}", text) : std::string(text);
  }
  std::string bold(std::string_view text) const { return styled(text, fmt::emphasis::bold); }
  // A heading line, wrapped like a paragraph and styled line by line.
  void heading(std::string_view text, fmt::text_style st) {
    for (const std::string& l : wrap(text, style_.width)) line(styled(l, st));
  }
  std::size_t width() const { return style_.width; }
  std::string take() { return std::move(out_); }

 private:
  const TextStyle& style_;
  std::string out_;
};

std::string cites(const Reason& r) {
  std::vector<std::string> docs;
  for (const Citation& c : r.sources) {
    if (std::find(docs.begin(), docs.end(), c.doc) == docs.end()) docs.push_back(c.doc);
  }
  return docs.empty() ? fmt::format("[{}]", r.rule) : fmt::format("[{}; {}]", r.rule, join(docs));
}

std::string step_name(const AnswerStep& s) {
  return s.variant != nullptr ? s.variant->name : s.stretch->name;
}

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t w = display_width(text);
  if (w < width) out.append(width - w, ' ');
  return out;
}

const auto kRed = fmt::emphasis::bold | fg(fmt::terminal_color::red);
const auto kYellow = fmt::emphasis::bold | fg(fmt::terminal_color::yellow);
const auto kGreen = fmt::emphasis::bold | fg(fmt::terminal_color::green);

void stop_block(Writer& w, const Answer& a, const std::string& who) {
  Urgency worst = Urgency::Soon;
  for (const StopReason& s : a.stop_reasons) worst = std::min(worst, s.urgency);
  w.heading("STOP: do not stretch" + who + ".", kRed);
  w.para("", fmt::format("What to do: {}.", urgency_advice(worst)), 0);
  w.line();
  for (const StopReason& s : a.stop_reasons) {
    w.para("- ", fmt::format("{} ({}) {}", s.reason.text, urgency_name(s.urgency), cites(s.reason)), 0);
  }
}

// The status, the table of steps and the one-line total: what fits on one
// screen, and all a person needs to start.
void summary(Writer& w, const Answer& a, const std::string& who) {
  if (a.status == Status::SeeProfessionalFirst) {
    w.heading("SEE A PROFESSIONAL FIRST" + who + ".", kYellow);
    w.para("", "Show this routine to a physiotherapist or doctor and start it only once they agree:", 0);
    for (const Reason& r : a.referrals) w.para("- ", r.text, 0);
  } else {
    w.heading("Your stretching routine" + who, kGreen);
  }
  w.line();
  if (a.routine.empty()) {
    w.para("", "No stretch is both recommended and safe for you as you answered.", 0);
    return;
  }
  w.line(w.bold(fmt::format("{} {}, {} in all", a.routine.size(), a.routine.size() == 1 ? "stretch" : "stretches",
                            duration_label(a.total_seconds))));
  // The table: number, name, position, dosage, time; the position and then
  // the dosage give way when the width cannot take them.
  std::size_t name_w = 0;
  std::size_t pos_w = 0;
  std::size_t dose_w = 0;
  std::size_t time_w = 0;
  for (const AnswerStep& s : a.routine) {
    name_w = std::max(name_w, display_width(step_name(s)));
    pos_w = std::max(pos_w, display_width(position_label(s.position, s.on_floor)));
    dose_w = std::max(dose_w, display_width(dosage_label(s)));
    time_w = std::max(time_w, display_width(duration_label(s.seconds)));
  }
  const std::size_t base = 4 + name_w + 2 + time_w;
  const bool with_dose = base + dose_w + 2 <= w.width();
  const bool with_pos = with_dose && base + dose_w + 2 + pos_w + 2 <= w.width();
  for (std::size_t i = 0; i < a.routine.size(); ++i) {
    const AnswerStep& s = a.routine[i];
    std::string row = fmt::format("{:>2}. ", i + 1) + pad(step_name(s), name_w) + "  ";
    if (with_pos) row += pad(position_label(s.position, s.on_floor), pos_w) + "  ";
    if (with_dose) row += pad(dosage_label(s), dose_w) + "  ";
    std::string time = duration_label(s.seconds);
    row += std::string(time_w - display_width(time), ' ') + time;
    if (display_width(row) > w.width()) {
      w.para(fmt::format("{:>2}. ", i + 1), step_name(s) + ", " + duration_label(s.seconds), 0);
    } else {
      w.line(row);
    }
  }
  // A long time asked for and a short routine given: say why.
  if (a.budget_seconds - a.total_seconds >= 120) {
    w.line();
    w.para("",
           fmt::format("Why {} and not the {} you have: these are all the stretches that suit you, each at its "
                       "usual number of repetitions. Doing more would not help more; you may repeat the routine "
                       "later in the day instead.",
                       duration_label(a.total_seconds), duration_label(a.budget_seconds)),
           0);
  }
}

}  // namespace

std::string render_text(const Answer& a, const TextStyle& style) {
  Writer w(style);
  const std::string who = a.profile_id.empty() ? std::string() : " for " + a.profile_id;
  if (a.status == Status::Stop) {
    stop_block(w, a, who);
    return w.take();
  }
  summary(w, a, who);
  if (!a.routine.empty()) {
    w.line();
    w.para("", "Each step in full follows, then what to watch for. Stop at any sharp pain, tingling or numbness.", 0);
  }

  // Each step in full. A reason is given in full the first time; a later
  // step that shares it refers back to that step.
  std::map<std::string_view, std::size_t> said;  // rule -> step number
  for (std::size_t i = 0; i < a.routine.size(); ++i) {
    const AnswerStep& s = a.routine[i];
    w.line();
    w.para(fmt::format("{:>2}. ", i + 1), w.bold(step_name(s)) + " (" + s.stretch->id + ")", 0);
    w.para(
        "",
        fmt::format("{} | {} | {}", position_label(s.position, s.on_floor), dosage_label(s), duration_label(s.seconds)),
        4);
    for (const Reason& b : s.because) {
      const auto [at, first] = said.emplace(b.rule, i + 1);
      if (first) {
        w.para("Why: ", fmt::format("{} {}", b.text, cites(b)), 4);
      } else {
        w.para("Why: ", fmt::format("the same reason as step {} [{}]", at->second, b.rule), 4);
      }
    }
    for (const Reason& m : s.modifications) w.para("For you: ", fmt::format("{} {}", m.text, cites(m)), 4);
    for (std::size_t k = 0; k < s.steps().size(); ++k) w.para(fmt::format("{}) ", k + 1), s.steps()[k], 6);
    for (const std::string& c : s.stretch->cautions) w.para("Take care: ", c, 4);
  }

  if (!a.cautions.empty()) {
    w.line();
    w.line(w.bold("Before and while you stretch"));
    for (const Reason& c : a.cautions) w.para("- ", fmt::format("{} {}", c.text, cites(c)), 0);
  }
  if (!a.excluded.empty()) {
    // Every stretch left out, those a rule had recommended for you first;
    // stretches left out for the same reason share one line.
    w.line();
    w.line(w.bold("Left out for you"));
    for (const bool recommended : {true, false}) {
      std::vector<std::pair<const Reason*, std::vector<std::string>>> groups;
      for (const AnswerExclusion& x : a.excluded) {
        if (x.recommended != recommended) continue;
        auto g =
            std::find_if(groups.begin(), groups.end(), [&](const auto& p) { return p.first->rule == x.reason.rule; });
        if (g == groups.end()) {
          groups.push_back({&x.reason, {}});
          g = groups.end() - 1;
        }
        g->second.push_back(x.stretch->name);
      }
      for (const auto& [reason, names] : groups) {
        w.para("- ", fmt::format("{}: {} {}", join(names), reason->text, cites(*reason)), 0);
      }
    }
  }
  if (!a.documents.empty()) {
    w.line();
    w.line(w.bold("Sources"));
    for (const SourceDoc* d : a.documents) w.para(fmt::format("{}: ", d->id), d->title, 2);
  }
  return w.take();
}

std::string render_summary(const Answer& a, const TextStyle& style) {
  Writer w(style);
  const std::string who = a.profile_id.empty() ? std::string() : " for " + a.profile_id;
  if (a.status == Status::Stop) {
    stop_block(w, a, who);
  } else {
    summary(w, a, who);
  }
  return w.take();
}

}  // namespace limber
