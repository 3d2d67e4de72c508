#include "session/script.h"

#include <fmt/format.h>

#include "base/text.h"

namespace limber::session {
namespace {

void para(std::string& out, std::string_view lead, std::string_view text, std::size_t indent, std::size_t width) {
  const std::size_t first = indent + display_width(lead);
  const auto lines = wrap(text, width > first + 20 ? width - first : 20);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += std::string(indent, ' ');
    out += i == 0 ? std::string(lead) : std::string(display_width(lead), ' ');
    out += lines[i];
    out += '\n';
  }
}

}  // namespace

std::string timed_script(const Plan& plan, std::size_t width) {
  std::string out;
  const std::size_t n = plan.steps.size();
  para(out, "",
       fmt::format("Guided session: {} {}, {}. Start a timer at 0:00 and follow the times on the left; "
                   "each line says what to do from that time on.",
                   n, n == 1 ? "stretch" : "stretches", duration_label(plan.total_seconds)),
       0, width);
  int at = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const PlanStep& ps = plan.steps[k];
    const AnswerStep& s = *ps.step;
    out += '\n';
    out += fmt::format("{}  Step {} of {}: {}\n", clock_label(at), k + 1, n,
                       s.variant != nullptr ? s.variant->name : s.stretch->name);
    para(out, "Position: ",
         fmt::format("{} | {} | {} in all", position_label(s.position, s.on_floor), dosage_label(s),
                     duration_label(ps.seconds)),
         6, width);
    for (const Reason& m : s.modifications) para(out, "For you: ", m.text, 6, width);
    for (std::size_t i = 0; i < s.steps().size(); ++i) para(out, fmt::format("{}) ", i + 1), s.steps()[i], 6, width);
    for (const Phase& p : ps.phases) {
      out += fmt::format("{}  {} ({} s)\n", clock_label(at), phase_title(p), p.seconds);
      at += p.seconds;
    }
  }
  out += '\n';
  out += fmt::format("{}  End of the session.\n", clock_label(at));
  out += '\n';
  para(out, "",
       "Stop at once if you feel tingling, numbness, sharp pain, pain spreading down a leg, or pain that keeps "
       "getting worse, and log it with --during.",
       0, width);
  para(out, "", "Then log how it went (done, or partial if you stopped early):", 0, width);
  out += "  limber log --session done --pain N --pain-during N [--during tingling,...]\n";
  return out;
}

}  // namespace limber::session
