// The plan as one self-contained, printable HTML page in the handout's look.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "render/figure.h"
#include "render/plan_html.h"

namespace limber {

namespace {

using history::format_day;
using history::Plan;
using history::PlanWeek;

// Escaped, with `command` spans as <code>.
std::string esc_code(std::string_view s) {
  std::string out;
  bool open = false;
  std::size_t from = 0;
  while (from <= s.size()) {
    const std::size_t tick = s.find('`', from);
    const std::string_view piece =
        s.substr(from, tick == std::string_view::npos ? std::string_view::npos : tick - from);
    out += xml_escape(piece);
    if (tick == std::string_view::npos) break;
    out += open ? "</code>" : "<code>";
    open = !open;
    from = tick + 1;
  }
  if (open) out += "</code>";
  return out;
}

// The plan's own additions to the handout's style sheet.
constexpr const char* kPlanStyle = R"(
.weeks { overflow-x: auto; margin: .4rem 0 .8rem; }
.weeks table { min-width: 30rem; }
.weeks th.wk, .weeks td.d { text-align: center; }
.weeks th .sub { display: block; font-weight: 400; color: var(--muted); font-size: .85em; white-space: nowrap; }
.weeks tr.total td { font-weight: 600; border-top: 1.5px solid var(--ink); }
.weeks td:first-child { min-width: 7.5rem; }
.weeks td.d.same { color: var(--muted); }
.checkins td:first-child { width: 1%; }
.checkins .nw { display: inline-block; white-space: nowrap; }
code { font-family: ui-monospace, monospace; font-size: .9em; background: #f3f4f6; padding: 0 .2em; border-radius: 3px; }
.help li { margin-bottom: .25rem; }
.help .act { font-weight: 600; }
.help .act.stop { color: var(--stop); }
.help .act.refer { color: var(--refer); }
@media print {
  .weeks { overflow: visible; margin: .5mm 0 1.5mm; }
  .weeks table { min-width: 0; }
  .weeks th, .weeks td { padding: .3mm 1mm; }
  .weeks td.d { white-space: nowrap; font-size: .95em; }
  .weeks tr.total td { white-space: nowrap; }
  .weeks td:first-child { min-width: 0; }
  .checkins th, .checkins td { padding: .3mm 1mm; }
  .checkins td:first-child { white-space: nowrap; }
  .checkins .nw { display: inline; }
  .step .fig svg { max-height: 12mm; }
  .checkins { break-inside: avoid; page-break-inside: avoid; }
  code { background: none; padding: 0; }
}
)";

std::string step_name(const AnswerStep& s) {
  return s.variant != nullptr ? s.variant->name : s.stretch->name;
}

bool same_form(const AnswerStep& a, const AnswerStep& b) {
  return a.stretch == b.stretch && a.variant == b.variant;
}

// "Mon 2 Mar": short, for table heads.
std::string short_day(history::Day d) {
  static constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string ymd = format_day(d);
  const int month = std::stoi(ymd.substr(5, 2));
  const int day = std::stoi(ymd.substr(8, 2));
  return fmt::format("{} {} {}", kWeekdays[history::weekday(d)], day, kMonths[month - 1]);
}

struct Page {
  std::string s;
  void operator()(std::string_view line) {
    s += line;
    s += '\n';
  }
};

}  // namespace

std::string render_plan_html(const Engine& engine, const Plan& plan, const std::vector<std::string>& diary_lines,
                             const TextStyle& style) {
  Page h;
  const Answer* first = plan.weeks.empty() ? nullptr : &plan.weeks.front().answer;
  const bool stop = first == nullptr || first->status == Status::Stop;
  const std::string title = stop ? "Stretching advice" : "Your stretching plan";
  const std::string who = first == nullptr || first->profile_id.empty() ? std::string() : first->profile_id;
  const auto reason = [&](std::string_view text, std::string_view rule, std::span<const Citation> sources) {
    std::string out = esc_code(trim(text));
    if (style.detail) {
      std::vector<std::string> docs;
      for (const Citation& c : sources) {
        if (std::find(docs.begin(), docs.end(), c.doc) == docs.end()) docs.push_back(c.doc);
      }
      out += fmt::format(" <span class=\"rule\">({}{}{})</span>", xml_escape(rule), docs.empty() ? "" : "; ",
                         xml_escape(join(docs)));
    }
    return out;
  };

  h("<!DOCTYPE html>");
  h("<html lang=\"en\">");
  h("<head>");
  h("<meta charset=\"utf-8\">");
  h("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  h(fmt::format("<title>{}{}</title>", xml_escape(title), who.empty() ? "" : " for " + xml_escape(who)));
  h(fmt::format("<style>{}{}</style>", handout_style(), kPlanStyle));
  h("</head>");
  h("<body>");
  h("<header>");
  h(fmt::format("<h1>{}</h1>", xml_escape(title)));
  if (!stop) {
    h(fmt::format("<p class=\"meta\">{}{} weeks from {}, starting at level {} of {}.</p>",
                  who.empty() ? "" : "For " + xml_escape(who) + ": ", plan.weeks.size(),
                  xml_escape(short_day(plan.start)), plan.weeks.front().level, plan.level_max));
  } else if (!who.empty()) {
    h(fmt::format("<p class=\"meta\">For {}.</p>", xml_escape(who)));
  }
  h("</header>");

  // The status first, as on the handout.
  if (stop) {
    const Urgency worst =
        first == nullptr || first->stop_reasons.empty() ? Urgency::Soon : first->stop_reasons.front().urgency;
    const char* what = worst == Urgency::Emergency ? "Get emergency care now: call your local emergency number."
                       : worst == Urgency::Urgent  ? "See a doctor today, before any exercise."
                                                   : "See a doctor or physiotherapist before stretching again.";
    h("<section class=\"status stop\" role=\"alert\">");
    h("<h2>Stop: do not stretch</h2>");
    h(fmt::format("<p><strong>{}</strong> There are no weeks ahead to plan until a professional has seen you.</p>",
                  what));
    if (first != nullptr && !first->stop_reasons.empty()) {
      h("<ul>");
      for (const StopReason& r : first->stop_reasons) {
        h(fmt::format("<li><strong>{}:</strong> {}</li>", xml_escape(urgency_name(r.urgency)),
                      reason(r.reason.text, r.reason.rule, r.reason.sources)));
      }
      h("</ul>");
    }
    h("</section>");
  } else if (first->status == Status::SeeProfessionalFirst) {
    h("<section class=\"status refer\" role=\"alert\">");
    h("<h2>See a professional first</h2>");
    h("<p><strong>Show this plan to a physiotherapist or doctor and start it only once they agree.</strong></p>");
    if (!first->referrals.empty()) {
      h("<ul>");
      for (const Reason& r : first->referrals) h(fmt::format("<li>{}</li>", reason(r.text, r.rule, r.sources)));
      h("</ul>");
    }
    h("</section>");
  } else {
    h("<section class=\"status ok\">");
    h("<h2>Ready to start</h2>");
    h("<p>Nothing you told us needs a professional first. Stop at once if anything hurts sharply, tingles or goes "
      "numb.</p>");
    h("</section>");
  }

  // Every form once, in the order it first appears.
  std::vector<const AnswerStep*> forms;
  for (const PlanWeek& w : plan.weeks) {
    for (const AnswerStep& s : w.answer.routine) {
      if (std::none_of(forms.begin(), forms.end(), [&](const AnswerStep* f) { return same_form(*f, s); })) {
        forms.push_back(&s);
      }
    }
  }

  if (!stop) {
    h("<section>");
    h("<h2>The weeks ahead</h2>");
    h("<p>Each week's dosage if the week before went well; your diary decides (<code>limber recommend</code>: "
      "this week's routine). Grey: as the week before; &#8212;: not that week.</p>");
    // Six weeks to a table, so that it fits a phone's width and a page's.
    constexpr std::size_t kPerTable = 6;
    for (std::size_t from = 0; from < plan.weeks.size(); from += kPerTable) {
      const std::size_t to = std::min(plan.weeks.size(), from + kPerTable);
      h("<div class=\"weeks\">");
      h("<table>");
      std::string head = "<thead><tr><th>Stretch</th>";
      for (std::size_t k = from; k < to; ++k) {
        const PlanWeek& w = plan.weeks[k];
        head +=
            fmt::format("<th class=\"wk\">Week {}<span class=\"sub\">{}</span><span class=\"sub\">level {}</span></th>",
                        w.number, xml_escape(short_day(w.from)), w.level);
      }
      h(head + "</tr></thead>");
      h("<tbody>");
      for (std::size_t i = 0; i < forms.size(); ++i) {
        std::string row = fmt::format("<tr><td>{}. {}</td>", i + 1, xml_escape(step_name(*forms[i])));
        std::string before;
        for (std::size_t k = from; k < to; ++k) {
          const auto& routine = plan.weeks[k].answer.routine;
          const auto it = std::find_if(routine.begin(), routine.end(),
                                       [&](const AnswerStep& s) { return same_form(s, *forms[i]); });
          const std::string cell = it == routine.end() ? "&#8212;" : xml_escape(dosage_label(*it));
          row += fmt::format("<td class=\"d{}\">{}</td>", k > 0 && cell == before ? " same" : "", cell);
          before = cell;
        }
        h(row + "</tr>");
      }
      std::string total = "<tr class=\"total\"><td>Each session</td>";
      for (std::size_t k = from; k < to; ++k) {
        // "4 min 50 s" may break between its two parts only.
        std::string label = xml_escape(duration_label(plan.weeks[k].answer.total_seconds));
        for (const std::string_view unit : {" min", " s"}) {
          for (std::size_t at = label.find(unit); at != std::string::npos; at = label.find(unit, at + 6)) {
            if (at + unit.size() == label.size() || label[at + unit.size()] == ' ') label.replace(at, 1, "&nbsp;");
          }
        }
        total += fmt::format("<td class=\"d\">{}</td>", label);
      }
      h(total + "</tr>");
      h("</tbody>");
      h("</table>");
      h("</div>");
    }
    h("</section>");

    h("<section class=\"checkins\">");
    h("<h2>Check-ins</h2>");
    h("<p>Log each session the day you do it (<code>limber log --session done --pain N</code>, pain at rest 0 "
      "to 10); at the end of each week the diary sets the next week's level.</p>");
    h("<table>");
    h("<thead><tr><th>When</th><th>If the week went well</th></tr></thead>");
    h("<tbody>");
    for (const PlanWeek& w : plan.weeks) {
      std::string what;
      if (w.level < plan.level_max && plan.step_up != nullptr) {
        what = fmt::format("Three sessions without pain getting worse: level {} next week.", w.level + 1);
        if (style.detail) what += fmt::format(" <span class=\"rule\">({})</span>", xml_escape(plan.step_up->id));
      } else {
        what = fmt::format("Level {} is the top: keep to this dosage.", w.level);
      }
      if (plan.review != nullptr && w.number == plan.review_week) {
        what += fmt::format("<br><strong>{}:</strong> {}", history::kReviewLabel,
                            reason(plan.review->because, plan.review->id, plan.review->sources));
      }
      h(fmt::format(
          "<tr><td><span class=\"nw\">End of week {}</span> <span class=\"nw why\">{}</span></td><td>{}</td></tr>",
          w.number, xml_escape(short_day(history::week_start(w.from) + 6)), what));
    }
    h("</tbody>");
    h("</table>");
    h("</section>");
  }

  if (!stop && !plan.get_help.empty()) {
    h("<section class=\"help\">");
    h("<h2>When to get help</h2>");
    h("<ul>");
    for (const Rule* r : plan.get_help) {
      h(fmt::format(
          "<li><span class=\"act {}\">{}</span> {}</li>", r->stop ? "stop" : "refer",
          r->stop ? "Stop the routine:" : "See a professional first:", reason(r->because, r->id, r->sources)));
    }
    h("</ul>");
    h("</section>");
  }

  if (!stop && !forms.empty()) {
    h("<section>");
    h("<h2>The stretches</h2>");
    h("<div class=\"steps\">");
    for (std::size_t i = 0; i < forms.size(); ++i) {
      const AnswerStep& s = *forms[i];
      h("<article class=\"step\">");
      if (has_figure(*s.stretch, s.variant)) {
        FigureOptions fo;
        fo.xml_declaration = false;
        h(fmt::format("<div class=\"fig\">{}</div>", figure_svg(*s.stretch, s.variant, fo)));
      }
      h("<div>");
      h(fmt::format("<h3>{}. {}</h3>", i + 1, xml_escape(step_name(s))));
      std::string position = position_label(s.position, s.on_floor);
      if (!position.empty()) position[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(position[0])));
      h(fmt::format("<p class=\"dose\">{}.</p>", xml_escape(position)));
      h("<ol>");
      for (const std::string& step : s.steps()) h(fmt::format("<li>{}</li>", xml_escape(trim(step))));
      h("</ol>");
      // The changes for this person; those of the diary and the level
      // (a level's dosage cap) change from week to week: the table has them.
      std::vector<const Reason*> always;
      for (const Reason& m : s.modifications) {
        if (m.from == nullptr || !m.from->when || !history::tests_history(*m.from->when, engine.schema())) {
          always.push_back(&m);
        }
      }
      if (!always.empty()) {
        h("<div class=\"foryou\"><strong>For you:</strong>");
        h("<ul>");
        for (const Reason* m : always) h(fmt::format("<li>{}</li>", reason(m->text, m->rule, m->sources)));
        h("</ul>");
        h("</div>");
      }
      if (!s.because.empty()) {
        std::vector<std::string> why;
        for (const Reason& b : s.because) why.push_back(reason(b.text, b.rule, b.sources));
        h(fmt::format("<p class=\"why\"><strong>Why:</strong> {}</p>", join(why, " ")));
      }
      if (!s.stretch->cautions.empty()) {
        std::vector<std::string> care;
        for (const std::string& c : s.stretch->cautions) care.push_back(xml_escape(trim(c)));
        h(fmt::format("<p class=\"care\"><strong>Take care:</strong> {}</p>", join(care, " ")));
      }
      h("</div>");
      h("</article>");
    }
    h("</div>");
    h("</section>");
  }

  if (!diary_lines.empty()) {
    h("<section>");
    h("<h2>Your diary</h2>");
    h("<ul>");
    for (const std::string& l : diary_lines) h(fmt::format("<li>{}</li>", esc_code(l)));
    h("</ul>");
    h("</section>");
  }

  // Every document the weeks and the help cite, once, in id order.
  std::vector<const SourceDoc*> documents;
  const auto add_doc = [&](const SourceDoc* d) {
    if (d != nullptr && std::find(documents.begin(), documents.end(), d) == documents.end()) documents.push_back(d);
  };
  for (const PlanWeek& w : plan.weeks) {
    for (const SourceDoc* d : w.answer.documents) add_doc(d);
  }
  for (const Rule* r : plan.get_help) {
    for (const Citation& c : r->sources) add_doc(engine.kb().source(c.doc));
  }
  std::sort(documents.begin(), documents.end(), [](const SourceDoc* a, const SourceDoc* b) { return a->id < b->id; });
  h.s += handout_end(documents);
  return h.s;
}

}  // namespace limber
