#include "render/figure.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

#include "base/text.h"

namespace limber {

namespace {

// ---- the body ---------------------------------------------------------------

// Segment lengths and drawn thicknesses in % of body height (see figure.h).
constexpr double kThigh = 24.5, kShank = 24.6, kFoot = 11.0;
constexpr double kLowerTrunk = 13.0, kUpperTrunk = 15.8, kNeck = 11.8, kHeadR = 5.8;
constexpr double kUpperArm = 18.6, kForearm = 14.6, kHand = 9.0;
constexpr double kShoulderHalf = 12.95 * 0.8, kHipHalf = 9.55 * 0.6;  // joint centres, front view
constexpr double kShoulderAt = 0.88;                                  // the shoulder joint, this far up the upper trunk

constexpr double kWThigh = 7.0, kWShank = 5.4, kWFoot = 3.4, kWUpperArm = 5.0, kWForearm = 4.2, kWHand = 3.4;
constexpr double kWTrunkSide = 10.0, kWTrunkFront = 15.0, kWNeck = 4.6;

struct Vec {
  double x = 0;
  double y = 0;  // up
  Vec operator+(Vec o) const { return {x + o.x, y + o.y}; }
  Vec operator-(Vec o) const { return {x - o.x, y - o.y}; }
  Vec operator*(double k) const { return {x * k, y * k}; }
};
double length(Vec v) {
  return std::hypot(v.x, v.y);
}

double rad(double deg) {
  return deg * std::numbers::pi / 180.0;
}

// A direction `deg` degrees from straight up, turning toward `facing` (+1 right).
Vec dir(double deg, double facing) {
  return {facing * std::sin(rad(deg)), std::cos(rad(deg))};
}

struct Stroke {
  Vec a, b;
  double width;
  int layer;  // 0 far limbs, 1 trunk and head, 2 near limbs
};

struct Body {
  std::map<std::string, Vec, std::less<>> points;
  std::vector<Stroke> strokes;
  Vec trunk[3];  // pelvis, waist, neck: drawn as one curve
  double trunk_width = kWTrunkSide;
  Vec head;
  Vec nose_a, nose_b;
  bool front = false;
  Vec shoulder_l, shoulder_r, hip_l, hip_r;  // front view outline

  Vec at(std::string_view name) const {
    const auto it = points.find(name);
    return it != points.end() ? it->second : Vec{};
  }
  void shift(Vec d) {
    for (auto& [name, p] : points) p = p + d;
    for (Stroke& s : strokes) {
      s.a = s.a + d;
      s.b = s.b + d;
    }
    for (Vec& p : trunk) p = p + d;
    head = head + d;
    nose_a = nose_a + d;
    nose_b = nose_b + d;
    shoulder_l = shoulder_l + d;
    shoulder_r = shoulder_r + d;
    hip_l = hip_l + d;
    hip_r = hip_r + d;
  }
  // Extent of everything drawn, thicknesses included.
  void bounds(double& x0, double& y0, double& x1, double& y1) const {
    auto take = [&](Vec p, double r) {
      x0 = std::min(x0, p.x - r);
      x1 = std::max(x1, p.x + r);
      y0 = std::min(y0, p.y - r);
      y1 = std::max(y1, p.y + r);
    };
    for (const Stroke& s : strokes) {
      take(s.a, s.width / 2);
      take(s.b, s.width / 2);
    }
    for (const Vec& p : trunk) take(p, trunk_width / 2);
    take(head, kHeadR + 0.8);
  }
  double lowest() const {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    bounds(x0, y0, x1, y1);
    return y0;
  }
};

// Forward kinematics: the body with its pelvis at the origin.
Body pose_body(const Pose& p, bool front, double facing) {
  Body b;
  b.front = front;
  const double f = front ? 1.0 : facing;
  const Vec pelvis{0, 0};
  const double t_lower = p.trunk;
  const double t_upper = t_lower + p.spine;
  const double t_neck = t_upper + p.neck;
  const Vec waist = pelvis + dir(t_lower, f) * kLowerTrunk;
  const Vec neck = waist + dir(t_upper, f) * kUpperTrunk;
  b.trunk[0] = pelvis;
  b.trunk[1] = waist;
  b.trunk[2] = neck;
  b.trunk_width = front ? kWTrunkFront : kWTrunkSide;
  b.points["pelvis"] = pelvis;
  b.points["waist"] = waist;
  b.points["neck"] = neck;
  b.head = neck + dir(t_neck, f) * kNeck;
  b.points["head"] = b.head;
  b.strokes.push_back({neck, neck + dir(t_neck, f) * (kNeck - kHeadR + 1), kWNeck, 1});
  if (!front) {
    b.nose_a = b.head + dir(t_neck + 90, f) * (kHeadR - 1.5);
    b.nose_b = b.head + dir(t_neck + 90, f) * (kHeadR + 1.4);
  }
  const Vec shoulder_c = waist + dir(t_upper, f) * (kUpperTrunk * kShoulderAt);
  const Vec side_u = dir(t_upper + 90, f);  // toward the picture's right, square to the upper trunk
  const Vec side_l = dir(t_lower + 90, f);

  auto arm = [&](const LimbPose& l, double s, const char* suffix, int layer) {
    const double k = std::cos(rad(l.out));
    const Vec shoulder = front ? shoulder_c + side_u * (s * kShoulderHalf) : shoulder_c;
    const double ua = front ? t_upper + 180 - s * l.root : t_upper + 180 - l.root;
    const double fa = front ? ua - s * l.mid : ua - l.mid;
    const double ha = front ? fa - s * l.end : fa - l.end;
    const Vec elbow = shoulder + dir(ua, f) * (kUpperArm * k);
    const Vec wrist = elbow + dir(fa, f) * (kForearm * k);
    const Vec hand = wrist + dir(ha, f) * (kHand * k);
    b.strokes.push_back({shoulder, elbow, kWUpperArm, layer});
    b.strokes.push_back({elbow, wrist, kWForearm, layer});
    b.strokes.push_back({wrist, hand, kWHand, layer});
    b.points[fmt::format("shoulder_{}", suffix)] = shoulder;
    b.points[fmt::format("elbow_{}", suffix)] = elbow;
    b.points[fmt::format("wrist_{}", suffix)] = wrist;
    b.points[fmt::format("hand_{}", suffix)] = hand;
  };
  auto leg = [&](const LimbPose& l, double s, const char* suffix, int layer) {
    const double k = std::cos(rad(l.out));
    const Vec hip = front ? pelvis + side_l * (s * kHipHalf) : pelvis;
    const double th = front ? t_lower + 180 - s * l.root : t_lower + 180 - l.root;
    const double sh = front ? th + s * l.mid : th + l.mid;
    const double ft = front ? sh - s * 70 : sh - 90 - l.end;
    const Vec knee = hip + dir(th, f) * (kThigh * k);
    const Vec ankle = knee + dir(sh, f) * (kShank * k);
    const Vec toe = ankle + dir(ft, f) * ((front ? 4.5 : kFoot) * k);
    b.strokes.push_back({hip, knee, kWThigh, layer});
    b.strokes.push_back({knee, ankle, kWShank, layer});
    b.strokes.push_back({ankle, toe, kWFoot, layer});
    b.points[fmt::format("hip_{}", suffix)] = hip;
    b.points[fmt::format("knee_{}", suffix)] = knee;
    b.points[fmt::format("ankle_{}", suffix)] = ankle;
    b.points[fmt::format("toe_{}", suffix)] = toe;
  };
  // Side view: the far limbs behind the trunk, the near ones in front of it.
  // Front view: both in front of the trunk, the near side on the right.
  arm(p.arm_far, -1, "far", front ? 2 : 0);
  leg(p.leg_far, -1, "far", front ? 2 : 0);
  leg(p.leg_near, 1, "near", 2);
  arm(p.arm_near, 1, "near", 2);
  if (front) {
    b.shoulder_l = shoulder_c - side_u * (kShoulderHalf + 1.5);
    b.shoulder_r = shoulder_c + side_u * (kShoulderHalf + 1.5);
    b.hip_l = pelvis - side_l * (kHipHalf + 2.5);
    b.hip_r = pelvis + side_l * (kHipHalf + 2.5);
  }
  return b;
}

// ---- drawing ----------------------------------------------------------------

const char* const kInk = "#1f2d3a";
const char* const kFar = "#8c99a6";
const char* const kGhost = "#c9d1d9";
const char* const kAccent = "#c2410c";

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

const Prop* find_prop(const FigureForm& form, std::string_view kind) {
  for (const Prop& p : form.props) {
    if (p.kind == kind) return &p;
  }
  return nullptr;
}

// Props that stand on the floor or hang from above, drawn behind the body.
void draw_props_behind(Canvas& c, const FigureForm& form, const Body& b, double facing, double x0, double x1,
                       double& top) {
  for (const Prop& p : form.props) {
    if (p.kind == "chair") {
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
    } else if (p.kind == "wall") {
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
      c.body += fmt::format(R"(<rect x="{}" y="{}" width="4" height="{}" fill="#d6d3d1"/>)", num(left ? x - 4 : x),
                            num(-h), num(h));
      c.body += '\n';
      c.line({x, 0}, {x, h}, 1.4, "#78716c");
      c.take({x + out * 4, h});
      top = std::max(top, h);
    } else if (p.kind == "bar") {
      const Vec at = b.at(p.at);
      const Vec bar{at.x, at.y + 1.0};
      const bool overhead = at.y > b.at("neck").y;
      if (overhead) {
        c.body += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#57534e" stroke-width="1.6"/>)",
                              num(bar.x - 14), num(-bar.y - 12), num(bar.x + 14), num(-bar.y - 12));
        c.body += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#57534e" stroke-width="1.6"/>)",
                              num(bar.x), num(-bar.y - 12), num(bar.x), num(-bar.y));
        c.body += '\n';
        c.take({bar.x - 14, bar.y + 12});
        c.take({bar.x + 14, bar.y + 12});
      } else {
        c.line({bar.x, 0}, {bar.x, bar.y}, 2.0, "#57534e");
      }
      c.body += fmt::format(R"(<circle cx="{}" cy="{}" r="2.6" fill="#57534e"/>)", num(bar.x), num(-bar.y));
      c.body += '\n';
      c.take(bar, 3);
    } else if (p.kind == "cushion") {
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
  }
  (void)x0;
  (void)x1;
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

struct Placed {
  Body body;
  const Pose* pose;
};

Placed place(const Pose& pose, const FigureForm& form, std::string_view position) {
  const bool front = form.view == "front";
  const double facing = form.facing == "left" ? -1.0 : 1.0;
  Placed out{pose_body(pose, front, facing), &pose};
  const double gap = position == "hanging" ? 9.0 : 0.0;
  out.body.shift({0, gap - out.body.lowest()});
  return out;
}

std::string describe(const FigureForm& form, std::string_view title) {
  std::string d = fmt::format("{}, seen from the {}.", title, form.view == "front" ? "front" : "side");
  std::vector<std::string> labels;
  for (const Pose& p : form.poses) {
    if (!p.label.empty()) labels.push_back(p.label);
  }
  if (form.layout == "overlay") {
    d += " The held position, with the starting position drawn faint and an arrow for the movement";
    d += labels.empty() ? "." : fmt::format(" ({}).", join(labels, ", then "));
  } else if (form.layout == "sequence") {
    d += fmt::format(" {} positions side by side{}", form.poses.size(),
                     form.repeat ? ", moving back and forth between them" : ", one after the other");
    d += labels.empty() ? "." : fmt::format(": {}.", join(labels, "; "));
  } else if (!labels.empty()) {
    d += fmt::format(" {}.", labels.front());
  }
  std::vector<std::string> props;
  for (const Prop& p : form.props) {
    const std::string name = p.kind == "bar" ? "a bar" : "a " + p.kind;
    if (std::find(props.begin(), props.end(), name) == props.end()) props.push_back(name);
  }
  if (!props.empty()) d += fmt::format(" With {}.", join(props, ", "));
  return d;
}

}  // namespace

std::string figure_svg(const FigureForm& form, std::string_view position, std::string_view title,
                       const FigureOptions& options) {
  const double facing = form.facing == "left" ? -1.0 : 1.0;
  const double kPanelGap = 16;
  Canvas c;
  std::string floor_layer;
  std::vector<Placed> placed;
  for (const Pose& p : form.poses) placed.push_back(place(p, form, position));

  // Overlay: line the poses up on the anchor. Sequence: side by side.
  std::vector<std::pair<double, double>> panel_x;  // each panel's extent
  if (form.layout == "overlay") {
    const double x = placed.back().body.at(form.anchor).x;
    for (Placed& pl : placed) pl.body.shift({x - pl.body.at(form.anchor).x, 0});
  }
  if (form.layout == "sequence") {
    double x = 0;
    for (Placed& pl : placed) {
      double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
      pl.body.bounds(x0, y0, x1, y1);
      pl.body.shift({x - x0, 0});
      panel_x.emplace_back(x, x + (x1 - x0));
      x += (x1 - x0) + kPanelGap;
    }
  }
  double top = 0;
  double x0 = 1e9, x1 = -1e9, ymax = -1e9;
  for (const Placed& pl : placed) {
    double a = 1e9, b = 1e9, cc = -1e9, d = -1e9;
    pl.body.bounds(a, b, cc, d);
    x0 = std::min(x0, a);
    x1 = std::max(x1, cc);
    ymax = std::max(ymax, d);
  }
  // Props behind the body, for the held (last solid) pose; a sequence gives
  // each panel its own.
  Canvas props;
  for (const Placed& pl : placed) {
    if (form.layout != "sequence" && pl.pose->ghost) continue;
    draw_props_behind(props, form, pl.body, facing, x0, x1, top);
  }
  // Ghosts first, then the held pose.
  Canvas bodies;
  for (const Placed& pl : placed) {
    if (pl.pose->ghost) draw_body(bodies, pl.body, true);
  }
  for (const Placed& pl : placed) {
    if (pl.pose->ghost) continue;
    draw_body(bodies, pl.body, false);
    draw_props_front(bodies, form, pl.body);
  }
  // Arrows.
  const Placed* held = nullptr;
  const Placed* start = nullptr;
  for (const Placed& pl : placed) (pl.pose->ghost ? start : held) = &pl;
  for (const Arrow& a : form.arrows) {
    if (a.kind == "move" && start != nullptr && held != nullptr) {
      move_arrow(bodies, start->body.at(a.point), held->body.at(a.point), held->body.at(parent_point(a.point)),
                 a.both_ways);
    } else if (a.kind == "turn") {
      for (const Placed& pl : placed) {
        if (pl.pose->ghost) continue;
        turn_arrow(bodies, pl.body.at(a.point), pl.body.at(parent_point(a.point)), a.both_ways);
      }
    }
  }
  if (form.layout == "sequence") {
    for (std::size_t i = 0; i + 1 < panel_x.size(); ++i) {
      const double y = std::max(12.0, ymax * 0.45);
      const Vec a{panel_x[i].second + 3, y};
      const Vec b{panel_x[i + 1].first - 3, y};
      bodies.line(a, b, 1.8, kAccent, R"( stroke-linecap="round")");
      arrow_head(bodies, b, a);
      if (form.repeat) arrow_head(bodies, a, b);
    }
  }

  // Extent, then the floor (and mat) under everything.
  c.take({x0, 0});
  c.take({x1, ymax});
  for (const Canvas* part : {&props, &bodies}) {
    if (part->x0 <= part->x1) {
      c.take({part->x0, part->y0});
      c.take({part->x1, part->y1});
    }
  }
  const double fx0 = c.x0 - 6, fx1 = c.x1 + 6;
  const bool mat = find_prop(form, "mat") != nullptr;
  if (mat) {
    double mx0 = 1e9, mx1 = -1e9;
    for (const Placed& pl : placed) {
      double a = 1e9, b = 1e9, cc = -1e9, d = -1e9;
      pl.body.bounds(a, b, cc, d);
      mx0 = std::min(mx0, a);
      mx1 = std::max(mx1, cc);
    }
    floor_layer += fmt::format(
        R"(<rect x="{}" y="0" width="{}" height="2" rx="1" fill="#93c5fd" stroke="#3b82f6" stroke-width="0.6"/>)",
        num(mx0 - 3), num(mx1 - mx0 + 6));
    floor_layer += '\n';
  }
  const double floor_y = mat ? 2.0 : 0.0;
  floor_layer += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6b7280" stroke-width="1.4"/>)", num(fx0),
                             num(floor_y), num(fx1), num(floor_y));
  floor_layer += '\n';
  c.take({fx0, -floor_y - 1});
  c.take({fx1, top});

  const double pad = 3;
  const double vx = c.x0 - pad, vy = -(c.y1 + pad), vw = c.x1 - c.x0 + 2 * pad, vh = c.y1 - c.y0 + 2 * pad;
  std::string svg;
  if (options.xml_declaration) svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg +=
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}" role="img">)",
                  num(vx), num(vy), num(vw), num(vh), num(vw * options.scale), num(vh * options.scale));
  svg += '\n';
  svg += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(title), xml_escape(describe(form, title)));
  svg += props.body;
  svg += floor_layer;
  svg += bodies.body;
  svg += "</svg>\n";
  return svg;
}

bool has_figure(const Stretch& stretch, const Variant* variant) {
  return stretch.figure != nullptr && stretch.figure->form(variant != nullptr ? variant->id : "base") != nullptr;
}

std::string figure_stem(const Stretch& stretch, const Variant* variant) {
  return variant != nullptr ? stretch.id + "--" + variant->id : stretch.id;
}

std::string figure_svg(const Stretch& stretch, const Variant* variant, const FigureOptions& options) {
  const std::string form_id = variant != nullptr ? variant->id : "base";
  const FigureForm* form = stretch.figure != nullptr ? stretch.figure->form(form_id) : nullptr;
  if (form == nullptr) {
    throw Error(stretch.where,
                variant != nullptr ? fmt::format("the variant '{}' of '{}' has no figure", variant->id, stretch.id)
                                   : fmt::format("'{}' has no figure", stretch.id),
                fmt::format("add `form: {}` to catalogue/figures/{}.yaml", form_id, stretch.id));
  }
  const std::string position = variant != nullptr && variant->position ? *variant->position : stretch.position;
  return figure_svg(*form, position, variant != nullptr ? variant->name : stretch.name, options);
}

}  // namespace limber
