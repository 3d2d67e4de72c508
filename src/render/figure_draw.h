#pragma once
// Drawing a figure as SVG: a canvas that keeps the extent of what is drawn
// on it, the body's strokes, and the arrows of a movement.

#include <fmt/format.h>
#include <algorithm>
#include <limits>
#include <string>
#include <string_view>

#include "render/figure_body.h"

namespace limber::drawing {

inline constexpr const char* kInk = "#1f2d3a";
inline constexpr const char* kFar = "#8c99a6";
inline constexpr const char* kGhost = "#c9d1d9";
inline constexpr const char* kAccent = "#c2410c";

// A coordinate with one decimal at most ("12.5", "3", "0").
std::string num(double v);
// "x,y" as SVG's y runs down.
std::string pt(Vec p);

struct Canvas {
  std::string body;
  double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;  // y up
  void take(Vec p, double r = 0) {
    x0 = std::min(x0, p.x - r);
    x1 = std::max(x1, p.x + r);
    y0 = std::min(y0, p.y - r);
    y1 = std::max(y1, p.y + r);
  }
  void line(Vec a, Vec b, double w, std::string_view color, std::string_view extra = {}) {
    body += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>)", num(a.x),
                        num(-a.y), num(b.x), num(-b.y), color, num(w), extra);
    body += '\n';
  }
};

// The body: far limbs, trunk, head, near limbs (faint when `ghost`).
void draw_body(Canvas& c, const Body& b, bool ghost);
// An arrow's head at `tip`, pointing away from `from`.
void arrow_head(Canvas& c, Vec tip, Vec from);
// A curved arrow from a to b, bulging away from `away` (with two heads when `both`).
void move_arrow(Canvas& c, Vec a, Vec b, Vec away, bool both);
// A rotation about the segment that ends at `p`.
void turn_arrow(Canvas& c, Vec p, Vec axis_from, bool both);
// The body point a segment ending at `point` starts from ("knee_near" -> "hip_near").
std::string parent_point(std::string_view point);

}  // namespace limber::drawing
