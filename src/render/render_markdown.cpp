#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <set>

#include "base/text.h"
#include "render/figure.h"
#include "render/render.h"

namespace limber {

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // GitHub-flavoured renderers turn bare "scheme://" and "www." into links.
    if ((c == ':' && text.substr(i + 1, 2) == "//") || (c == '.' && i >= 3 && lower(text.substr(i - 3, 3)) == "www")) {
      out += '\\';
      out += c;
      continue;
    }
    switch (c) {
      case '\n':
      case '\r':
      case '\t': out += ' '; break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '#':
      case '&':
      case '~':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string cite(const Reason& r) {
  std::vector<std::string> docs;
  for (const Citation& c : r.sources) {
    if (std::find(docs.begin(), docs.end(), c.doc) == docs.end()) docs.push_back(c.doc);
  }
  std::string out = fmt::format("(rule `{}`", r.rule);
  if (!docs.empty()) out += "; " + join(docs);
  return out + ")";
}

std::string sentence(std::string_view text) {
  return markdown_escape(trim(text));
}

}  // namespace

std::vector<std::pair<std::string, std::string>> answer_figures(const Answer& a) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const AnswerStep& s : a.routine) {
    if (!has_figure(*s.stretch, s.variant)) continue;
    std::string file = figure_stem(*s.stretch, s.variant) + ".svg";
    if (std::any_of(out.begin(), out.end(), [&](const auto& f) { return f.first == file; })) continue;
    out.emplace_back(std::move(file), figure_svg(*s.stretch, s.variant));
  }
  return out;
}

std::string render_markdown(const Answer& a, const TextStyle& style) {
  std::string md;
  auto line = [&](std::string_view s = {}) {
    md += s;
    md += '\n';
  };
  const std::string who = a.profile_id.empty() ? std::string() : " for " + markdown_escape(a.profile_id);

  if (a.status == Status::Stop) {
    line("# Stretching advice" + who);
    line();
    const Urgency worst = a.stop_reasons.empty() ? Urgency::Soon : a.stop_reasons.front().urgency;
    std::string what = urgency_advice(worst);
    what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
    line(fmt::format("> **Stop: do not stretch.** {}.", what));
    line(">");
    for (const StopReason& s : a.stop_reasons) {
      line(fmt::format("> - **{}:** {} {}", urgency_name(s.urgency), sentence(s.reason.text), cite(s.reason)));
    }
    line();
  } else {
    line("# Stretching routine" + who);
    line();
    if (a.status == Status::SeeProfessionalFirst) {
      line(
          "> **See a professional first.** Show this routine to a physiotherapist or doctor and start it only "
          "once they agree.");
      line(">");
      for (const Reason& r : a.referrals) line(fmt::format("> - {} {}", sentence(r.text), cite(r)));
      line();
    }
    line("## Summary");
    line();
    if (a.routine.empty()) {
      line("No stretch is both recommended and safe for you as you answered.");
      line();
    } else {
      line("| # | Stretch | Position | Hold x reps | Per side | Time |");
      line("| ---: | --- | --- | --- | --- | ---: |");
      for (std::size_t i = 0; i < a.routine.size(); ++i) {
        const AnswerStep& s = a.routine[i];
        const std::string name = s.variant != nullptr ? s.variant->name : s.stretch->name;
        line(fmt::format("| {} | {} | {} | {} s x {} | {} | {} |", i + 1, markdown_escape(name),
                         position_label(s.position, s.on_floor), s.hold_seconds, s.reps, s.per_side ? "yes" : "no",
                         duration_label(s.seconds)));
      }
      line(fmt::format("| | **Total** | | | | **{}** |", duration_label(a.total_seconds)));
      line();
      line(fmt::format("The whole routine takes {} of your {}.", duration_label(a.total_seconds),
                       duration_label(a.budget_seconds)));
      line();
    }
    for (std::size_t i = 0; i < a.routine.size(); ++i) {
      const AnswerStep& s = a.routine[i];
      const std::string name = s.variant != nullptr ? s.variant->name : s.stretch->name;
      line(fmt::format("## {}. {}", i + 1, markdown_escape(name)));
      line();
      if (!style.figure_dir.empty() && has_figure(*s.stretch, s.variant)) {
        // A link target in <...> may hold spaces; it cannot hold <, > or a line end.
        std::string target = style.figure_dir + "/" + figure_stem(*s.stretch, s.variant) + ".svg";
        std::erase_if(target, [](char c) { return c == '<' || c == '>' || c == '\n' || c == '\r'; });
        line(fmt::format("![Figure: {}](<{}>)", markdown_escape(name), target));
        line();
      }
      line(fmt::format("**Position:** {}. **Dosage:** {}, {} in all.", position_label(s.position, s.on_floor),
                       dosage_label(s), duration_label(s.seconds)));
      line();
      for (std::size_t k = 0; k < s.steps().size(); ++k) line(fmt::format("{}. {}", k + 1, sentence(s.steps()[k])));
      line();
      if (!s.modifications.empty()) {
        line("**For you:**");
        line();
        for (const Reason& m : s.modifications) line(fmt::format("- {} {}", sentence(m.text), cite(m)));
        line();
      }
      line("**Why:**");
      line();
      for (const Reason& b : s.because) line(fmt::format("- {} {}", sentence(b.text), cite(b)));
      line();
      if (!s.stretch->cautions.empty()) {
        line("**Take care:**");
        line();
        for (const std::string& c : s.stretch->cautions) line("- " + sentence(c));
        line();
      }
    }
    std::vector<const Reason*> general;
    std::vector<const Reason*> frequency;
    for (const Reason& c : a.cautions) (c.topic == "frequency" ? frequency : general).push_back(&c);
    if (!general.empty()) {
      line("## Cautions");
      line();
      for (const Reason* c : general) line(fmt::format("- {} {}", sentence(c->text), cite(*c)));
      line();
    }
    if (!a.excluded.empty()) {
      line("## Left out for you");
      line();
      for (const AnswerExclusion& x : a.excluded) {
        line(fmt::format("- **{}:** {} {}", markdown_escape(x.stretch->name), sentence(x.reason.text), cite(x.reason)));
      }
      line();
    }
    if (!frequency.empty()) {
      line("## How often");
      line();
      for (const Reason* c : frequency) line(fmt::format("- {} {}", sentence(c->text), cite(*c)));
      line();
    }
  }
  if (!a.documents.empty()) {
    line("## Sources");
    line();
    for (const SourceDoc* d : a.documents) {
      std::string entry = fmt::format("- **{}**: {}", markdown_escape(d->id), sentence(d->title));
      if (!d->url.empty()) entry += fmt::format(", <{}>", d->url);
      if (!d->file.empty()) entry += fmt::format(" (`{}`)", d->file);
      line(entry);
    }
    line();
  }
  line("---");
  line();
  line(
      "*limber gives general stretching advice drawn from the sources above. It is not a diagnosis and does "
      "not replace a physiotherapist or doctor: stop at any sharp pain, tingling or numbness.*");
  return md;
}

}  // namespace limber
