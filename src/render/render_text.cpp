#include <fmt/color.h>
#include <fmt/format.h>
#include <algorithm>

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

}  // namespace

std::string render_text(const Answer& a, const TextStyle& style) {
  Writer w(style);
  const auto red = fmt::emphasis::bold | fg(fmt::terminal_color::red);
  const auto yellow = fmt::emphasis::bold | fg(fmt::terminal_color::yellow);
  const auto green = fmt::emphasis::bold | fg(fmt::terminal_color::green);
  const std::string who = a.profile_id.empty() ? std::string() : " for " + a.profile_id;

  if (a.status == Status::Stop) {
    const Urgency worst = a.stop_reasons.empty() ? Urgency::Soon : a.stop_reasons.front().urgency;
    const char* what = urgency_advice(worst);
    w.line(w.styled("STOP: do not stretch" + who + ".", red));
    w.para("", fmt::format("What to do: {}.", what), 0);
    w.line();
    for (const StopReason& s : a.stop_reasons) {
      w.para("- ", fmt::format("{} ({}) {}", s.reason.text, urgency_name(s.urgency), cites(s.reason)), 0);
    }
    return w.take();
  }

  if (a.status == Status::SeeProfessionalFirst) {
    w.line(w.styled("SEE A PROFESSIONAL FIRST" + who + ":", yellow));
    w.para("", "Show this routine to a physiotherapist or doctor and start it only once they agree.", 0);
    for (const Reason& r : a.referrals) w.para("- ", fmt::format("{} {}", r.text, cites(r)), 0);
  } else {
    w.line(w.styled("Your stretching routine" + who, green));
  }
  w.line();
  w.line(w.bold(fmt::format("{} {}, {} of your {}", a.routine.size(), a.routine.size() == 1 ? "stretch" : "stretches",
                            duration_label(a.total_seconds), duration_label(a.budget_seconds))));
  for (std::size_t i = 0; i < a.routine.size(); ++i) {
    const AnswerStep& s = a.routine[i];
    const std::string name = s.variant != nullptr ? s.variant->name : s.stretch->name;
    const std::string number = fmt::format("{:>2}. ", i + 1);
    const std::string detail =
        fmt::format("{} | {} | {}", position_label(s.position, s.on_floor), dosage_label(s), duration_label(s.seconds));
    w.line();
    w.para(number, w.bold(name) + " (" + s.stretch->id + ")", 0);
    w.para("", detail, 4);
    for (const Reason& b : s.because) w.para("Why: ", fmt::format("{} {}", b.text, cites(b)), 4);
    for (const Reason& m : s.modifications) w.para("For you: ", fmt::format("{} {}", m.text, cites(m)), 4);
    for (std::size_t k = 0; k < s.steps().size(); ++k) w.para(fmt::format("{}) ", k + 1), s.steps()[k], 6);
  }
  if (!a.cautions.empty()) {
    w.line();
    w.line(w.bold("Cautions"));
    for (const Reason& c : a.cautions) w.para("- ", fmt::format("{} {}", c.text, cites(c)), 0);
  }
  std::size_t others = 0;
  bool header = false;
  for (const AnswerExclusion& x : a.excluded) {
    if (!x.recommended) {
      ++others;
      continue;
    }
    if (!header) {
      w.line();
      w.line(w.bold("Left out for you"));
      header = true;
    }
    w.para("- ", fmt::format("{}: {} {}", x.stretch->name, x.reason.text, cites(x.reason)), 0);
  }
  if (others > 0) {
    if (!header) w.line();
    w.para("",
           fmt::format("{} other {} also unsuitable for you (see --format json).", others,
                       others == 1 ? "stretch is" : "stretches are"),
           0);
  }
  if (!a.documents.empty()) {
    w.line();
    w.line(w.bold("Sources"));
    for (const SourceDoc* d : a.documents) w.para(fmt::format("{}: ", d->id), d->title, 2);
  }
  return w.take();
}

}  // namespace limber
