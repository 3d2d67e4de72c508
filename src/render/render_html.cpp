// The routine as one self-contained, printable HTML page: inline CSS and
// SVG figures, no script, nothing loaded from anywhere else.
#include <fmt/format.h>
#include <algorithm>

#include "base/text.h"
#include "render/figure.h"
#include "render/plan_html.h"
#include "render/render.h"

namespace limber {

namespace {

// Phone first; on paper two columns of steps and small type, so a
// ten-minute routine fits on two A4 pages.
constexpr const char* kStyle = R"(
:root { --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --stop: #b91c1c; --refer: #b45309; --ok: #15803d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid var(--line); padding-bottom: .15rem; }
h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
p { margin: .3rem 0; }
ul, ol { margin: .3rem 0; padding-left: 1.3rem; }
.meta { color: var(--muted); margin: 0; }
.status { border: 3px solid var(--ok); border-radius: .5rem; padding: .6rem .8rem; margin: .8rem 0; }
.status h2 { border: 0; margin: 0 0 .2rem; padding: 0; font-size: 1.2rem; }
.status.stop { border-color: var(--stop); background: #fef2f2; }
.status.stop h2 { color: var(--stop); }
.status.refer { border-color: var(--refer); background: #fffbeb; }
.status.refer h2 { color: var(--refer); }
.status.ok h2 { color: var(--ok); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .35rem; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; width: 1%; }
td.t { white-space: nowrap; width: 1%; text-align: right; }
.steps { display: grid; gap: .8rem; }
.step { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .7rem; break-inside: avoid; page-break-inside: avoid; }
.step .fig { text-align: center; margin-bottom: .3rem; }
.step .fig svg { width: 100%; max-width: 22rem; height: auto; max-height: 11rem; }
.dose { font-weight: 600; }
.foryou { background: #eff6ff; border-left: 4px solid #2563eb; padding: .25rem .5rem; margin: .35rem 0; }
.why, .care { color: var(--muted); font-size: .92em; }
.rule { color: var(--muted); font-size: .85em; font-family: ui-monospace, monospace; }
.log { overflow-x: auto; }
.log td, .log th { text-align: center; }
.log td:first-child, .log th:first-child { text-align: left; }
.box { display: inline-block; width: 1.1em; height: 1.1em; border: 1.5px solid var(--ink); border-radius: 2px; }
.blank { display: inline-block; width: 2.2em; border-bottom: 1px solid var(--ink); height: 1.1em; }
.sources li { margin-bottom: .15rem; }
.url { word-break: break-all; color: var(--muted); }
footer { margin-top: 1rem; border-top: 1px solid var(--line); padding-top: .4rem; color: var(--muted); font-size: .9em; }
@media (min-width: 40rem) { .step { display: grid; grid-template-columns: 13rem 1fr; gap: .7rem; } .step .fig { margin: 0; } }
@page { size: A4; margin: 8mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 7.4pt; line-height: 1.17; }
  .box { width: .95em; height: .95em; }
  .log td, .log th { padding: .2mm 1mm; }
  .sources li { margin: 0; break-inside: avoid; }
  section > ul { column-count: 2; column-gap: 5mm; }
  section > ul > li { break-inside: avoid; }
  .sources ul { font-size: .92em; }
  footer { margin-top: 1mm; padding-top: .5mm; }
  .why, .care { font-size: .9em; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10pt; margin: 1.8mm 0 .6mm; }
  h3 { font-size: 9.5pt; }
  .status { padding: 1.5mm 3mm; margin: 2mm 0; }
  .status h2 { font-size: 11pt; }
  .steps { grid-template-columns: 1fr 1fr 1fr; gap: 2mm; }
  .step { display: block; padding: 1.2mm 2mm; break-inside: auto; page-break-inside: auto; }
  .step .fig, .step h3, .step .dose { break-after: avoid; page-break-after: avoid; }
  .step .fig svg { max-height: 16mm; max-width: 100%; }
  .foryou { padding: .5mm 2mm; margin: 1mm 0; }
  .log { break-inside: avoid; page-break-inside: avoid; }
  th, td { padding: .6mm 1.2mm; }
  ul, ol { padding-left: 4.5mm; margin: .5mm 0; }
  p { margin: .5mm 0; }
}
)";

struct Html {
  std::string s;
  bool detail;
  void operator()(std::string_view line) {
    s += line;
    s += '\n';
  }
  // A reason, with its rule and documents for clinicians.
  std::string reason(const Reason& r) const {
    std::string out = xml_escape(trim(r.text));
    if (detail) {
      std::vector<std::string> docs;
      for (const Citation& c : r.sources) {
        if (std::find(docs.begin(), docs.end(), c.doc) == docs.end()) docs.push_back(c.doc);
      }
      out += fmt::format(" <span class=\"rule\">({}{}{})</span>", xml_escape(r.rule), docs.empty() ? "" : "; ",
                         xml_escape(join(docs)));
    }
    return out;
  }
};

std::string step_name(const AnswerStep& s) {
  return s.variant != nullptr ? s.variant->name : s.stretch->name;
}

}  // namespace

std::string render_html(const Answer& a, const TextStyle& style) {
  Html h{{}, style.detail};
  const bool stop = a.status == Status::Stop;
  const std::string title = stop ? "Stretching advice" : "Your stretching routine";
  const std::string who = a.profile_id.empty() ? std::string() : " for " + a.profile_id;
  h("<!DOCTYPE html>");
  h("<html lang=\"en\">");
  h("<head>");
  h("<meta charset=\"utf-8\">");
  h("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  h(fmt::format("<title>{}{}</title>", xml_escape(title), xml_escape(who)));
  h(fmt::format("<style>{}</style>", kStyle));
  h("</head>");
  h("<body>");
  h("<header>");
  h(fmt::format("<h1>{}</h1>", xml_escape(title)));
  if (!stop && !a.routine.empty()) {
    h(fmt::format("<p class=\"meta\">{}{} stretches, {} in all.</p>",
                  a.profile_id.empty() ? "" : "For " + xml_escape(a.profile_id) + ": ", a.routine.size(),
                  duration_label(a.total_seconds)));
  } else if (!a.profile_id.empty()) {
    h(fmt::format("<p class=\"meta\">For {}.</p>", xml_escape(a.profile_id)));
  }
  h("</header>");

  // The status first: a stop or a referral in a box nobody can miss.
  if (stop) {
    const Urgency worst = a.stop_reasons.empty() ? Urgency::Soon : a.stop_reasons.front().urgency;
    const char* what = worst == Urgency::Emergency ? "Get emergency care now: call your local emergency number."
                       : worst == Urgency::Urgent  ? "See a doctor today, before any exercise."
                                                   : "See a doctor or physiotherapist before stretching again.";
    h("<section class=\"status stop\" role=\"alert\">");
    h("<h2>Stop: do not stretch</h2>");
    h(fmt::format("<p><strong>{}</strong></p>", what));
    h("<ul>");
    for (const StopReason& r : a.stop_reasons) {
      h(fmt::format("<li><strong>{}:</strong> {}</li>", xml_escape(urgency_name(r.urgency)), h.reason(r.reason)));
    }
    h("</ul>");
    h("</section>");
  } else if (a.status == Status::SeeProfessionalFirst) {
    h("<section class=\"status refer\" role=\"alert\">");
    h("<h2>See a professional first</h2>");
    h("<p><strong>Show this routine to a physiotherapist or doctor and start it only once they agree.</strong></p>");
    if (!a.referrals.empty()) {
      h("<ul>");
      for (const Reason& r : a.referrals) h(fmt::format("<li>{}</li>", h.reason(r)));
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

  if (!stop) {
    // Modifications by rule and text: those on two or more steps are shared.
    std::vector<std::pair<const Reason*, std::vector<std::size_t>>> shared;
    for (std::size_t i = 0; i < a.routine.size(); ++i) {
      for (const Reason& m : a.routine[i].modifications) {
        auto it = std::find_if(shared.begin(), shared.end(),
                               [&](const auto& e) { return e.first->rule == m.rule && e.first->text == m.text; });
        if (it == shared.end()) {
          shared.push_back({&m, {i}});
        } else {
          it->second.push_back(i);
        }
      }
    }
    std::erase_if(shared, [](const auto& e) { return e.second.size() < 2; });
    auto is_shared = [&](const Reason& m) {
      return std::any_of(shared.begin(), shared.end(),
                         [&](const auto& e) { return e.first->rule == m.rule && e.first->text == m.text; });
    };
    h("<section>");
    h("<h2>Summary</h2>");
    if (a.routine.empty()) {
      h("<p>No stretch is both recommended and safe for you as you answered.</p>");
    } else {
      h("<table class=\"summary\">");
      h("<thead><tr><th class=\"n\">#</th><th>Stretch</th><th>How much</th><th class=\"n\">Time</th></tr></thead>");
      h("<tbody>");
      for (std::size_t i = 0; i < a.routine.size(); ++i) {
        const AnswerStep& s = a.routine[i];
        h(fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>", i + 1,
                      xml_escape(step_name(s)), xml_escape(dosage_label(s)), xml_escape(duration_label(s.seconds))));
      }
      h(
          fmt::format("<tr><td></td><td><strong>Total</strong></td><td>of your {}</td><td "
                      "class=\"t\"><strong>{}</strong></td></tr>",
                      xml_escape(duration_label(a.budget_seconds)), xml_escape(duration_label(a.total_seconds))));
      h("</tbody>");
      h("</table>");
    }
    h("</section>");

    // A change that applies to several steps is said once, here.
    if (!shared.empty()) {
      h("<section class=\"foryou\">");
      h("<strong>For you, in these stretches:</strong>");
      h("<ul>");
      for (const auto& [m, steps] : shared) {
        std::vector<std::string> numbers;
        for (std::size_t i : steps) numbers.push_back(std::to_string(i + 1));
        h(fmt::format("<li>{} <span class=\"why\">(stretches {})</span></li>", h.reason(*m), join(numbers)));
      }
      h("</ul>");
      h("</section>");
    }

    if (!a.routine.empty()) {
      h("<section>");
      h("<h2>The stretches</h2>");
      h("<div class=\"steps\">");
      for (std::size_t i = 0; i < a.routine.size(); ++i) {
        const AnswerStep& s = a.routine[i];
        h("<article class=\"step\">");
        if (has_figure(*s.stretch, s.variant)) {
          FigureOptions fo;
          fo.xml_declaration = false;
          h(fmt::format("<div class=\"fig\">{}</div>", figure_svg(*s.stretch, s.variant, fo)));
        }
        h("<div>");
        h(fmt::format("<h3>{}. {}</h3>", i + 1, xml_escape(step_name(s))));
        h(fmt::format("<p class=\"dose\">{}, {}; {} in all.</p>", xml_escape(position_label(s.position, s.on_floor)),
                      xml_escape(dosage_label(s)), xml_escape(duration_label(s.seconds))));
        h("<ol>");
        for (const std::string& step : s.steps()) h(fmt::format("<li>{}</li>", xml_escape(trim(step))));
        h("</ol>");
        std::vector<const Reason*> own;
        bool has_shared = false;
        for (const Reason& m : s.modifications) {
          if (is_shared(m)) {
            has_shared = true;
          } else {
            own.push_back(&m);
          }
        }
        if (!own.empty() || has_shared) {
          h("<div class=\"foryou\"><strong>For you:</strong>");
          if (!own.empty()) {
            h("<ul>");
            for (const Reason* m : own) h(fmt::format("<li>{}</li>", h.reason(*m)));
            h("</ul>");
          }
          if (has_shared)
            h(own.empty() ? " the changes under the summary." : "<p>And the changes under the summary.</p>");
          h("</div>");
        }
        if (!s.because.empty()) {
          std::vector<std::string> why;
          for (const Reason& b : s.because) why.push_back(h.reason(b));
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

    std::vector<const Reason*> general;
    std::vector<const Reason*> frequency;
    for (const Reason& c : a.cautions) (c.topic == "frequency" ? frequency : general).push_back(&c);
    if (!general.empty()) {
      h("<section>");
      h("<h2>Cautions</h2>");
      h("<ul>");
      for (const Reason* c : general) h(fmt::format("<li>{}</li>", h.reason(*c)));
      h("</ul>");
      h("</section>");
    }
    if (!frequency.empty()) {
      h("<section>");
      h("<h2>How often</h2>");
      h("<ul>");
      for (const Reason* c : frequency) h(fmt::format("<li>{}</li>", h.reason(*c)));
      h("</ul>");
      h("</section>");
    }
    if (!a.excluded.empty()) {
      h("<section>");
      h("<h2>Left out for you</h2>");
      h("<ul>");
      for (const AnswerExclusion& x : a.excluded) {
        h(fmt::format("<li><strong>{}:</strong> {}</li>", xml_escape(x.stretch->name), h.reason(x.reason)));
      }
      h("</ul>");
      h("</section>");
    }

    if (!a.routine.empty()) {
      // A week to fill in by hand.
      h("<section class=\"log\">");
      h("<h2>Your week</h2>");
      h("<p>Tick each stretch you did; write your pain from 0 (none) to 10 (worst). If anything tingles, goes numb or "
        "hurts sharply, stop and see a professional.</p>");
      h("<table>");
      std::string head = "<thead><tr><th>Day</th>";
      for (int d = 1; d <= 7; ++d) head += fmt::format("<th>{}</th>", d);
      h(head + "</tr></thead>");
      h("<tbody>");
      const std::string boxes = [] {
        std::string r;
        for (int d = 0; d < 7; ++d) r += "<td><span class=\"box\"></span></td>";
        return r;
      }();
      const std::string blanks = [] {
        std::string r;
        for (int d = 0; d < 7; ++d) r += "<td><span class=\"blank\"></span></td>";
        return r;
      }();
      for (std::size_t i = 0; i < a.routine.size(); ++i) {
        h(fmt::format("<tr><td>{}. {}</td>{}</tr>", i + 1, xml_escape(step_name(a.routine[i])), boxes));
      }
      h(fmt::format("<tr><td>Pain at rest (0-10)</td>{}</tr>", blanks));
      h(fmt::format("<tr><td>Worst pain while stretching (0-10)</td>{}</tr>", blanks));
      h("</tbody>");
      h("</table>");
      h("</section>");
    }
  }

  h.s += handout_end(a.documents);
  return h.s;
}

std::string handout_end(std::span<const SourceDoc* const> documents) {
  Html h{{}, false};
  if (!documents.empty()) {
    h("<section class=\"sources\">");
    h("<h2>Sources</h2>");
    h("<ul>");
    for (const SourceDoc* d : documents) {
      std::string entry = fmt::format("<li><strong>{}</strong>: {}", xml_escape(d->id), xml_escape(trim(d->title)));
      // Addresses as text: the page links to nothing and loads nothing.
      if (!d->url.empty()) entry += fmt::format(" <span class=\"url\">{}</span>", xml_escape(d->url));
      h(entry + "</li>");
    }
    h("</ul>");
    h("</section>");
  }
  h("<footer>");
  h("<p>limber gives general stretching advice drawn from the sources above. It is not a diagnosis and does not "
    "replace a physiotherapist or doctor: stop at any sharp pain, tingling or numbness.</p>");
  h("</footer>");
  h("</body>");
  h("</html>");
  return h.s;
}

std::string_view handout_style() {
  return kStyle;
}

}  // namespace limber
