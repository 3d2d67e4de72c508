#pragma once
// The plan (`limber plan --format html`) as one self-contained, printable
// HTML page in the handout's look (render_html): inline CSS and SVG
// figures, no script, nothing loaded from anywhere else.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "history/plan.h"
#include "render/render.h"

namespace limber {

// The handout's style sheet (render_html: phone first, A4 in print), for
// the other pages in its look.
std::string_view handout_style();
// The end of a page in the handout's look: the sources cited, with their
// titles and addresses as text, the disclaimer, and the closing tags.
std::string handout_end(std::span<const SourceDoc* const> documents);

// The status first (a stop or a referral in a box), the weeks ahead as a
// table of each stretch's dosage per week and level, the check-ins, when to
// get help, every stretch once with its figure, the diary's lines when
// there is a diary, the sources and a disclaimer. Rule ids only with
// style.detail (they always show in the check-ins, which name the rule
// that steps the level up).
std::string render_plan_html(const Engine& engine, const history::Plan& plan,
                             const std::vector<std::string>& diary_lines, const TextStyle& style = {});

}  // namespace limber
