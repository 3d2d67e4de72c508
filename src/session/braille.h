#pragma once
// A figure (SVG) drawn in a terminal with braille characters: each cell
// holds 2 x 4 dots, so a 36 x 9 cell box is a 72 x 36 dot picture. It reads
// the subset of SVG the figures use (render/figure.h): <line>, <circle>,
// <rect> and <path> with M, L, Q and Z, in absolute coordinates. The solid
// pose only: light colours (the faint starting pose, white outlines) and
// groups drawn with opacity below 1 are left out.

#include <string>
#include <string_view>
#include <vector>

namespace limber::session {

// At most `cols` x `rows` cells, the drawing's aspect ratio kept (a cell is
// about twice as tall as wide). Empty when the SVG has nothing to draw or
// no viewBox.
std::vector<std::string> braille_figure(std::string_view svg, std::size_t cols, std::size_t rows);

// The SVG's <desc>, unescaped: what the figure shows, for a terminal that
// cannot draw it.
std::string figure_description(std::string_view svg);

}  // namespace limber::session
