#include "render/figure_props.h"

#include <algorithm>

namespace limber::drawing {

const Prop* find_prop(const FigureForm& form, std::string_view kind) {
  for (const Prop& p : form.props) {
    if (p.kind == kind) return &p;
  }
  return nullptr;
}

namespace {

// A chair under the point it is `at` (and `to`), its back on `side`.
void draw_chair(Canvas& c, const Prop& p, const Body& b, double facing) {
  const Vec at = b.at(p.at);
  double seat = at.y - (p.at == "pelvis" ? 4.5 : 3.0);
  double lo = at.x, hi = at.x;
  if (!p.to.empty()) {
    const Vec to = b.at(p.to);
    lo = std::min(lo, to.x) - 4;
    hi = std::max(hi, to.x) + 4;
    seat = std::min(seat, to.y - 3.0);
  } else if (b.front) {
    lo -= 15;
    hi += 15;
  } else if (facing > 0) {
    lo -= 7;
    hi += 17;
  } else {
    lo -= 17;
    hi += 7;
  }
  const std::string_view wood = "#9a6b3f";
  c.body += fmt::format(R"(<g stroke="{}" stroke-linecap="round" fill="none">)", wood);
  c.body += '\n';
  c.line({lo, seat - 1.2}, {hi, seat - 1.2}, 2.6, wood);
  const double legs_in = 2.0;
  c.line({lo + legs_in, seat - 1.2}, {lo + legs_in, 0}, 1.8, wood);
  c.line({hi - legs_in, seat - 1.2}, {hi - legs_in, 0}, 1.8, wood);
  if (p.side != "none" && !b.front) {
    const bool back_left = (p.side == "behind") == (facing > 0);
    const double bx = back_left ? lo : hi;
    c.line({bx, seat - 1.2}, {bx, seat + 30}, 2.2, wood);
    c.take({bx, seat + 31});
  }
  c.body += "</g>\n";
  c.take({lo, 0});
  c.take({hi, seat});
}

// A wall behind or in front of the body, or just past the point it is `at`.
void draw_wall(Canvas& c, const Prop& p, const Body& b, double facing, double& top) {
  double x0b = 1e9, y0b = 1e9, x1b = -1e9, y1b = -1e9;
  b.bounds(x0b, y0b, x1b, y1b);
  double x;
  const bool left = (p.side == "behind") == (facing > 0);
  if (!p.at.empty()) {
    x = b.at(p.at).x + (left ? -4 : 4);
  } else {
    x = left ? x0b : x1b;
  }
  const double h = std::max(y1b + 10, 60.0);
  const double out = left ? -1 : 1;
  c.body += fmt::format(R"(<rect x="{}" y="{}" width="4" height="{}" fill="#d6d3d1"/>)", num(left ? x - 4 : x), num(-h),
                        num(h));
  c.body += '\n';
  c.line({x, 0}, {x, h}, 1.4, "#78716c");
  c.take({x + out * 4, h});
  top = std::max(top, h);
}

// A bar held overhead (hung from above) or low (on a post).
void draw_bar(Canvas& c, const Prop& p, const Body& b) {
  const Vec at = b.at(p.at);
  const Vec bar{at.x, at.y + 1.0};
  const bool overhead = at.y > b.at("neck").y;
  if (overhead) {
    c.body += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#57534e" stroke-width="1.6"/>)",
                          num(bar.x - 14), num(-bar.y - 12), num(bar.x + 14), num(-bar.y - 12));
    c.body += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#57534e" stroke-width="1.6"/>)", num(bar.x),
                          num(-bar.y - 12), num(bar.x), num(-bar.y));
    c.body += '\n';
    c.take({bar.x - 14, bar.y + 12});
    c.take({bar.x + 14, bar.y + 12});
  } else {
    c.line({bar.x, 0}, {bar.x, bar.y}, 2.0, "#57534e");
  }
  c.body += fmt::format(R"(<circle cx="{}" cy="{}" r="2.6" fill="#57534e"/>)", num(bar.x), num(-bar.y));
  c.body += '\n';
  c.take(bar, 3);
}

// A cushion under the point it is `at`.
void draw_cushion(Canvas& c, const Prop& p, const Body& b) {
  const Vec at = b.at(p.at);
  const double r = p.at.starts_with("knee") ? kWThigh / 2 : p.at == "head" ? kHeadR : 4.5;
  const double h = std::max(3.2, at.y - r + 1.0);
  c.body += fmt::format(
      R"(<rect x="{}" y="{}" width="16" height="{}" rx="2.5" fill="#fcd9a8" stroke="#b7791f" stroke-width="1"/>)",
      num(at.x - 8), num(-h), num(h));
  c.body += '\n';
  c.take({at.x - 8, 0});
  c.take({at.x + 8, h});
}

}  // namespace

void draw_props_behind(Canvas& c, const FigureForm& form, const Body& b, double facing, double& top) {
  for (const Prop& p : form.props) {
    if (p.kind == "chair") {
      draw_chair(c, p, b, facing);
    } else if (p.kind == "wall") {
      draw_wall(c, p, b, facing, top);
    } else if (p.kind == "bar") {
      draw_bar(c, p, b);
    } else if (p.kind == "cushion") {
      draw_cushion(c, p, b);
    }
  }
}

// Straps and towels, drawn over the body.
void draw_props_front(Canvas& c, const FigureForm& form, const Body& b) {
  for (const Prop& p : form.props) {
    if (p.kind != "strap" && p.kind != "towel") continue;
    const Vec a = b.at(p.at);
    Vec z = b.at(p.to);
    // Around the sole: just past the foot's far end.
    if (p.to.starts_with("toe")) {
      const Vec ankle = b.at(p.to == "toe_near" ? "ankle_near" : "ankle_far");
      const Vec along = z - ankle;
      const double n = length(along);
      if (n > 1e-6) z = z + along * (1.5 / n);
    }
    const bool towel = p.kind == "towel";
    c.line(a, z, towel ? 3.2 : 1.6, towel ? "#0f766e" : "#2563eb", R"( stroke-linecap="round")");
  }
}

}  // namespace limber::drawing
