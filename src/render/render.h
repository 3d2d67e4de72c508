#pragma once
// Renderers: one function per output format, all from an Answer
// (registry.h lists them for the commands).

#include <memory>
#include <string>

#include "engine/answer.h"

namespace limber {

struct TextStyle {
  std::size_t width = 80;
  bool color = false;
  bool detail = false;  // html: rule ids and documents after every reason, for clinicians
  // markdown: each step links its figure as FIGURE_DIR/STEM.svg (a path
  // relative to the document; answer_figures gives the files); empty: no figures.
  std::string figure_dir{};
};

// The routine as JSON (schema limber.routine/1), with a final newline:
// pretty as `dump(2)` of nlohmann's ordered_json prints it, or compact on
// one line. For one answer; JsonRenderer is the fast way for many.
std::string render_json(const Answer& answer, bool pretty = true);

// render_json for many answers of one Engine, byte for byte the same: every
// text of the knowledge base is escaped once, up front, and the parts that
// never vary (a rule's reason with its sources, a stretch's name, position
// and variant) are copied in whole. Answers from make_answer with this
// Engine use those; anything else (a hand-made Reason, another engine's
// answer) is written as render_json writes it. The Engine must outlive the
// renderer; one renderer may be shared by several threads.
class JsonRenderer {
 public:
  explicit JsonRenderer(const Engine& engine);
  JsonRenderer(JsonRenderer&&) noexcept;
  JsonRenderer& operator=(JsonRenderer&&) noexcept;
  ~JsonRenderer();

  // Appends the answer's JSON and a newline to `out` (reuse one buffer).
  void render(const Answer& answer, bool pretty, std::string& out) const;
  std::string render(const Answer& answer, bool pretty) const;

  struct Cache;

 private:
  std::unique_ptr<const Cache> cache_;
};
// Plain text, wrapped to style.width: the status, a summary table of the
// steps (and why the routine is shorter than the time given), each step in
// full (a reason shared by several steps said once), the cautions, every
// stretch left out and why, and the sources.
std::string render_text(const Answer& answer, const TextStyle& style = {});
// Only the status and the summary table: one screen, for the end of `ask`.
std::string render_summary(const Answer& answer, const TextStyle& style = {});
// CommonMark that markdownlint accepts: title, status note, summary table,
// one section per stretch, cautions, what was left out, how often,
// sources and a disclaimer.
std::string render_markdown(const Answer& answer, const TextStyle& style = {});
// The figure of every step that has one, as {file name (STEM.svg), SVG}, once each.
std::vector<std::pair<std::string, std::string>> answer_figures(const Answer& answer);
// One self-contained, printable HTML page (inline CSS and SVG figures, no
// script, nothing loaded from elsewhere): the status first, a summary, each
// step with its figure, cautions, what was left out, a week's log to fill
// in, sources and a disclaimer. Rule ids only with style.detail.
std::string render_html(const Answer& answer, const TextStyle& style = {});
// Text safe inside Markdown: it can never open a heading, a link, a table
// cell, emphasis or raw HTML.
std::string markdown_escape(std::string_view text);

}  // namespace limber
