#include "render/figure_body.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>

namespace limber::drawing {

void Body::shift(Vec d) {
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

void Body::bounds(double& x0, double& y0, double& x1, double& y1) const {
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

double Body::lowest() const {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  bounds(x0, y0, x1, y1);
  return y0;
}

namespace {

// The trunk's frame, which the limbs hang from.
struct Frame {
  bool front = false;
  double f = 1;  // the facing the directions turn toward
  double t_lower = 0;
  double t_upper = 0;
  Vec pelvis;
  Vec shoulder_c;  // between the shoulders
  Vec side_u;      // toward the picture's right, square to the upper trunk
  Vec side_l;      // the same for the lower trunk
};

// The trunk, neck and head; returns the frame the limbs hang from.
Frame pose_trunk(Body& b, const Pose& p, bool front, double facing) {
  Frame fr;
  fr.front = front;
  fr.f = front ? 1.0 : facing;
  const double f = fr.f;
  fr.pelvis = Vec{0, 0};
  fr.t_lower = p.trunk;
  fr.t_upper = fr.t_lower + p.spine;
  const double t_neck = fr.t_upper + p.neck;
  const Vec waist = fr.pelvis + dir(fr.t_lower, f) * kLowerTrunk;
  const Vec neck = waist + dir(fr.t_upper, f) * kUpperTrunk;
  b.trunk[0] = fr.pelvis;
  b.trunk[1] = waist;
  b.trunk[2] = neck;
  b.trunk_width = front ? kWTrunkFront : kWTrunkSide;
  b.points["pelvis"] = fr.pelvis;
  b.points["waist"] = waist;
  b.points["neck"] = neck;
  b.head = neck + dir(t_neck, f) * kNeck;
  b.points["head"] = b.head;
  b.strokes.push_back({neck, neck + dir(t_neck, f) * (kNeck - kHeadR + 1), kWNeck, 1});
  if (!front) {
    b.nose_a = b.head + dir(t_neck + 90, f) * (kHeadR - 1.5);
    b.nose_b = b.head + dir(t_neck + 90, f) * (kHeadR + 1.4);
  }
  fr.shoulder_c = waist + dir(fr.t_upper, f) * (kUpperTrunk * kShoulderAt);
  fr.side_u = dir(fr.t_upper + 90, f);
  fr.side_l = dir(fr.t_lower + 90, f);
  return fr;
}

// One segment of a limb: its direction, drawn length and thickness.
struct Segment {
  double angle;
  double length;
  double width;
};

// A limb of three segments from `root`: their strokes, and the points
// NAME_SUFFIX at the root and at each segment's end.
void add_limb(Body& b, const std::array<const char*, 4>& names, const char* suffix, int layer, Vec root,
              const std::array<Segment, 3>& segments, double f) {
  Vec at = root;
  b.points[fmt::format("{}_{}", names[0], suffix)] = at;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Vec end = at + dir(segments[i].angle, f) * segments[i].length;
    b.strokes.push_back({at, end, segments[i].width, layer});
    b.points[fmt::format("{}_{}", names[i + 1], suffix)] = end;
    at = end;
  }
}

// One arm: `s` -1 far, +1 near.
void pose_arm(Body& b, const Frame& fr, const LimbPose& l, double s, const char* suffix, int layer) {
  const bool front = fr.front;
  const double f = fr.f;
  const double k = std::cos(rad(l.out));
  const Vec shoulder = front ? fr.shoulder_c + fr.side_u * (s * kShoulderHalf) : fr.shoulder_c;
  const double ua = front ? fr.t_upper + 180 - s * l.root : fr.t_upper + 180 - l.root;
  const double fa = front ? ua - s * l.mid : ua - l.mid;
  const double ha = front ? fa - s * l.end : fa - l.end;
  add_limb(
      b, {"shoulder", "elbow", "wrist", "hand"}, suffix, layer, shoulder,
      {Segment{ua, kUpperArm * k, kWUpperArm}, Segment{fa, kForearm * k, kWForearm}, Segment{ha, kHand * k, kWHand}},
      f);
}

// One leg: `s` -1 far, +1 near.
void pose_leg(Body& b, const Frame& fr, const LimbPose& l, double s, const char* suffix, int layer) {
  const bool front = fr.front;
  const double f = fr.f;
  const double k = std::cos(rad(l.out));
  const Vec hip = front ? fr.pelvis + fr.side_l * (s * kHipHalf) : fr.pelvis;
  const double th = front ? fr.t_lower + 180 - s * l.root : fr.t_lower + 180 - l.root;
  const double sh = front ? th + s * l.mid : th + l.mid;
  const double ft = front ? sh - s * 70 : sh - 90 - l.end;
  add_limb(b, {"hip", "knee", "ankle", "toe"}, suffix, layer, hip,
           {Segment{th, kThigh * k, kWThigh}, Segment{sh, kShank * k, kWShank},
            Segment{ft, (front ? 4.5 : kFoot) * k, kWFoot}},
           f);
}

// Front view: the outline of the shoulders and hips the trunk is drawn as.
void outline_front(Body& b, const Frame& fr) {
  b.shoulder_l = fr.shoulder_c - fr.side_u * (kShoulderHalf + 1.5);
  b.shoulder_r = fr.shoulder_c + fr.side_u * (kShoulderHalf + 1.5);
  b.hip_l = fr.pelvis - fr.side_l * (kHipHalf + 2.5);
  b.hip_r = fr.pelvis + fr.side_l * (kHipHalf + 2.5);
}

}  // namespace

Body pose_body(const Pose& p, bool front, double facing) {
  Body b;
  b.front = front;
  const Frame fr = pose_trunk(b, p, front, facing);
  // Side view: the far limbs behind the trunk, the near ones in front of it.
  // Front view: both in front of the trunk, the near side on the right.
  pose_arm(b, fr, p.arm_far, -1, "far", front ? 2 : 0);
  pose_leg(b, fr, p.leg_far, -1, "far", front ? 2 : 0);
  pose_leg(b, fr, p.leg_near, 1, "near", 2);
  pose_arm(b, fr, p.arm_near, 1, "near", 2);
  if (front) outline_front(b, fr);
  return b;
}

}  // namespace limber::drawing
