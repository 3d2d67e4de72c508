#pragma once
// The body a figure draws (see figure.h for the proportions and the angle
// conventions): points and strokes in units of 1% of body height, y up,
// posed from one Pose's joint angles by forward kinematics.

#include <cmath>
#include <functional>
#include <map>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/figure.h"

namespace limber::drawing {

// Segment lengths and drawn thicknesses in % of body height (see figure.h).
inline constexpr double kThigh = 24.5, kShank = 24.6, kFoot = 11.0;
inline constexpr double kLowerTrunk = 13.0, kUpperTrunk = 15.8, kNeck = 11.8, kHeadR = 5.8;
inline constexpr double kUpperArm = 18.6, kForearm = 14.6, kHand = 9.0;
inline constexpr double kShoulderHalf = 12.95 * 0.8, kHipHalf = 9.55 * 0.6;  // joint centres, front view
inline constexpr double kShoulderAt = 0.88;  // the shoulder joint, this far up the upper trunk

inline constexpr double kWThigh = 7.0, kWShank = 5.4, kWFoot = 3.4, kWUpperArm = 5.0, kWForearm = 4.2, kWHand = 3.4;
inline constexpr double kWTrunkSide = 10.0, kWTrunkFront = 15.0, kWNeck = 4.6;

struct Vec {
  double x = 0;
  double y = 0;  // up
  Vec operator+(Vec o) const { return {x + o.x, y + o.y}; }
  Vec operator-(Vec o) const { return {x - o.x, y - o.y}; }
  Vec operator*(double k) const { return {x * k, y * k}; }
};
inline double length(Vec v) {
  return std::hypot(v.x, v.y);
}

inline double rad(double deg) {
  return deg * std::numbers::pi / 180.0;
}

// A direction `deg` degrees from straight up, turning toward `facing` (+1 right).
inline Vec dir(double deg, double facing) {
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

  // A named point (figure_points()), or the origin for an unknown name.
  Vec at(std::string_view name) const {
    const auto it = points.find(name);
    return it != points.end() ? it->second : Vec{};
  }
  void shift(Vec d);
  // Extent of everything drawn, thicknesses included: widens the box given.
  void bounds(double& x0, double& y0, double& x1, double& y1) const;
  double lowest() const;
};

// Forward kinematics: the body with its pelvis at the origin.
Body pose_body(const Pose& p, bool front, double facing);

}  // namespace limber::drawing
