#include "render/figure_draw.h"

#include <cmath>
#include <map>

namespace limber::drawing {

std::string num(double v) {
  if (std::abs(v) < 0.05) return "0";
  std::string s = fmt::format("{:.1f}", v);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}
// SVG's y runs down.
std::string pt(Vec p) {
  return num(p.x) + "," + num(-p.y);
}

void draw_body(Canvas& c, const Body& b, bool ghost) {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  b.bounds(x0, y0, x1, y1);
  c.take({x0, y0});
  c.take({x1, y1});
  const std::string_view ink = ghost ? kGhost : kInk;
  const std::string_view far = ghost ? kGhost : kFar;
  c.body += fmt::format(R"(<g fill="none" stroke-linecap="round" stroke-linejoin="round"{}>)",
                        ghost ? R"( opacity="0.9")" : "");
  c.body += '\n';
  // Limbs in front of the trunk get a thin white edge, so a limb across the
  // body stays readable.
  auto strokes = [&](int layer) {
    for (const Stroke& s : b.strokes) {
      if (s.layer == layer && layer == 2 && !ghost) c.line(s.a, s.b, s.width + 1.6, "#ffffff");
      if (s.layer == layer) c.line(s.a, s.b, s.width, layer == 0 ? far : ink);
    }
  };
  strokes(0);
  // The trunk: a quadratic curve through pelvis, waist and neck.
  const Vec ctrl = b.trunk[1] * 2 - (b.trunk[0] + b.trunk[2]) * 0.5;
  if (b.front) {
    const Vec wl = b.trunk[1] + (b.hip_l - b.trunk[0]) * 0.85;
    const Vec wr = b.trunk[1] + (b.hip_r - b.trunk[0]) * 0.85;
    c.body += fmt::format(R"(<path d="M{} Q{} {} L{} Q{} {} Z" fill="{}" stroke="{}" stroke-width="4"/>)", pt(b.hip_l),
                          pt(wl), pt(b.shoulder_l), pt(b.shoulder_r), pt(wr), pt(b.hip_r), ink, ink);
  } else {
    c.body += fmt::format(R"(<path d="M{} Q{} {}" stroke="{}" stroke-width="{}"/>)", pt(b.trunk[0]), pt(ctrl),
                          pt(b.trunk[2]), ink, num(b.trunk_width));
  }
  c.body += '\n';
  strokes(1);
  c.body += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="0.8"/>)", num(b.head.x),
                        num(-b.head.y), num(kHeadR), ink, ghost ? ink : "#ffffff");
  c.body += '\n';
  if (!b.front) c.line(b.nose_a, b.nose_b, 2.6, ink);
  strokes(2);
  c.body += "</g>\n";
}

void arrow_head(Canvas& c, Vec tip, Vec from) {
  Vec d = tip - from;
  const double n = length(d);
  if (n < 1e-6) return;
  d = d * (1.0 / n);
  const Vec side{-d.y, d.x};
  const Vec base = tip - d * 4.2;
  c.body += fmt::format(R"(<path d="M{} L{} L{} Z" fill="{}"/>)", pt(tip), pt(base + side * 2.4), pt(base - side * 2.4),
                        kAccent);
  c.body += '\n';
}

// A curved arrow from a to b, bulging away from `away`.
void move_arrow(Canvas& c, Vec a, Vec b, Vec away, bool both) {
  const Vec d = b - a;
  const double n = length(d);
  if (n < 3) return;
  const Vec u = d * (1.0 / n);
  Vec normal{-u.y, u.x};
  const Vec mid = (a + b) * 0.5;
  if ((mid - away).x * normal.x + (mid - away).y * normal.y < 0) normal = normal * -1;
  const Vec a2 = a + u * std::min(3.0, n * 0.15) + normal * 3;
  const Vec b2 = b - u * std::min(3.0, n * 0.15) + normal * 3;
  const Vec ctrl = mid + normal * (n * 0.3 + 3);
  c.body += fmt::format(R"(<path d="M{} Q{} {}" fill="none" stroke="{}" stroke-width="1.8" stroke-linecap="round"/>)",
                        pt(a2), pt(ctrl), pt(b2), kAccent);
  c.body += '\n';
  arrow_head(c, b2, ctrl);
  if (both) arrow_head(c, a2, ctrl);
  c.take(ctrl, 2);
}

// A rotation about the segment that ends at `p`: three quarters of an
// ellipse across it, with a head.
void turn_arrow(Canvas& c, Vec p, Vec axis_from, bool both) {
  Vec axis = p - axis_from;
  const double n = length(axis);
  axis = n > 1e-6 ? axis * (1.0 / n) : Vec{0, 1};
  const Vec across{axis.y, -axis.x};
  const double rx = 11, ry = 3.6;
  std::string d;
  Vec prev, last, first, second;
  const int steps = 28;
  for (int i = 0; i <= steps; ++i) {
    const double t = rad(200 + 300.0 * i / steps);
    const Vec q = p + across * (rx * std::cos(t)) + axis * (ry * std::sin(t));
    d += (i == 0 ? "M" : " L") + pt(q);
    if (i == 0) first = q;
    if (i == 1) second = q;
    if (i == steps - 1) prev = q;
    if (i == steps) last = q;
    c.take(q, 2);
  }
  c.body +=
      fmt::format(R"(<path d="{}" fill="none" stroke="{}" stroke-width="1.8" stroke-linecap="round"/>)", d, kAccent);
  c.body += '\n';
  arrow_head(c, last, prev);
  if (both) arrow_head(c, first, second);
}

std::string parent_point(std::string_view point) {
  static const std::map<std::string, std::string, std::less<>> parent = {{"pelvis", "waist"},
                                                                         {"waist", "pelvis"},
                                                                         {"neck", "waist"},
                                                                         {"head", "neck"},
                                                                         {"shoulder_near", "waist"},
                                                                         {"shoulder_far", "waist"},
                                                                         {"elbow_near", "shoulder_near"},
                                                                         {"elbow_far", "shoulder_far"},
                                                                         {"wrist_near", "elbow_near"},
                                                                         {"wrist_far", "elbow_far"},
                                                                         {"hand_near", "wrist_near"},
                                                                         {"hand_far", "wrist_far"},
                                                                         {"hip_near", "waist"},
                                                                         {"hip_far", "waist"},
                                                                         {"knee_near", "hip_near"},
                                                                         {"knee_far", "hip_far"},
                                                                         {"ankle_near", "knee_near"},
                                                                         {"ankle_far", "knee_far"},
                                                                         {"toe_near", "ankle_near"},
                                                                         {"toe_far", "ankle_far"}};
  const auto it = parent.find(point);
  return it != parent.end() ? it->second : "pelvis";
}

}  // namespace limber::drawing
