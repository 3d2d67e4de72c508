#include "knowledge/figure.h"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>

namespace limber {

namespace {

const std::vector<std::string> kFigureKeys = {"stretch", "forms"};
const std::vector<std::string> kFormKeys = {"form",   "view",  "facing", "layout", "anchor",
                                            "repeat", "poses", "props",  "arrows"};
const std::vector<std::string> kPoseKeys = {"label",   "trunk", "spine",    "neck",    "arm",  "arm_near",
                                            "arm_far", "leg",   "leg_near", "leg_far", "ghost"};
const std::vector<std::string> kLimbKeys = {"shoulder", "elbow", "wrist", "hip", "knee", "ankle", "out"};
const std::vector<std::string> kArmKeys = {"shoulder", "elbow", "wrist", "out"};
const std::vector<std::string> kLegKeys = {"hip", "knee", "ankle", "out"};
const std::vector<std::string> kPropKeys = {"kind", "at", "to", "side"};
const std::vector<std::string> kArrowKeys = {"move", "turn", "both_ways"};
const std::vector<std::string> kViews = {"side", "front"};
const std::vector<std::string> kFacings = {"right", "left"};
const std::vector<std::string> kLayouts = {"single", "overlay", "sequence"};
const std::vector<std::string> kProps = {"mat", "chair", "wall", "bar", "strap", "towel", "cushion"};
const std::vector<std::string> kSides = {"behind", "front", "none"};
const std::vector<std::string> kArrowKinds = {"move", "turn"};
const std::vector<std::string> kPoints = {"pelvis",       "waist",      "neck",      "head",       "shoulder_near",
                                          "shoulder_far", "elbow_near", "elbow_far", "wrist_near", "wrist_far",
                                          "hand_near",    "hand_far",   "hip_near",  "hip_far",    "knee_near",
                                          "knee_far",     "ankle_near", "ankle_far", "toe_near",   "toe_far"};

constexpr AngleRange kPoseRanges[] = {{"trunk", -180, 180}, {"spine", -60, 100}, {"neck", -60, 80}};
constexpr AngleRange kArmRanges[] = {{"shoulder", -70, 200}, {"elbow", 0, 160}, {"wrist", -90, 90}, {"out", 0, 80}};
constexpr AngleRange kLegRanges[] = {{"hip", -45, 170}, {"knee", 0, 165}, {"ankle", -90, 45}, {"out", 0, 80}};

double angle(const yaml::Node& node, const yaml::Checker& check, const AngleRange& range) {
  if (!node.is_scalar() || node.quoted) {
    check.fail(node, fmt::format("'{}' must be a number of degrees", range.key),
               fmt::format("e.g. {}: {}", range.key, range.max > 90 ? 90 : range.max));
  }
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(node.value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != node.value.size()) {
    check.fail(node, fmt::format("'{}' is not a number of degrees", node.value),
               fmt::format("write {} as a number from {} to {}", range.key, range.min, range.max));
  }
  if (!(v >= range.min && v <= range.max)) {
    check.fail(node, fmt::format("{} {} is out of range", range.key, node.value),
               fmt::format("{} goes from {} to {} degrees", range.key, range.min, range.max));
  }
  return v;
}

void parse_limb(const yaml::Node& node, const yaml::Checker& check, bool arm, LimbPose& into) {
  const std::string what = arm ? "an arm" : "a leg";
  check.expect_map(node, what);
  check.check_keys(node, arm ? kArmKeys : kLegKeys, what);
  for (std::size_t i = 0; i < node.map_size(); ++i) {
    const std::string& k = node.key(i).value;
    const AngleRange r = limb_range(arm ? "arm" : "leg", k);
    const double v = angle(node.val(i), check, r);
    if (k == "shoulder" || k == "hip") into.root = v;
    if (k == "elbow" || k == "knee") into.mid = v;
    if (k == "wrist" || k == "ankle") into.end = v;
    if (k == "out") into.out = v;
  }
}

Pose parse_pose(const yaml::Node& node, const yaml::Checker& check) {
  check.expect_map(node, "a pose");
  check.check_keys(node, kPoseKeys, "a pose");
  Pose p;
  p.where = check.source().at(node);
  if (const auto* n = node.find("label")) p.label = check.string(*n, "a pose label");
  if (const auto* n = node.find("trunk")) p.trunk = angle(*n, check, pose_range("trunk"));
  if (const auto* n = node.find("spine")) p.spine = angle(*n, check, pose_range("spine"));
  if (const auto* n = node.find("neck")) p.neck = angle(*n, check, pose_range("neck"));
  if (const auto* n = node.find("ghost")) p.ghost = check.boolean(*n, "'ghost'");
  // `arm` and `leg` set both sides; `_near` and `_far` then change the angles they name.
  if (const auto* n = node.find("arm")) {
    parse_limb(*n, check, true, p.arm_near);
    p.arm_far = p.arm_near;
  }
  if (const auto* n = node.find("leg")) {
    parse_limb(*n, check, false, p.leg_near);
    p.leg_far = p.leg_near;
  }
  if (const auto* n = node.find("arm_near")) parse_limb(*n, check, true, p.arm_near);
  if (const auto* n = node.find("arm_far")) parse_limb(*n, check, true, p.arm_far);
  if (const auto* n = node.find("leg_near")) parse_limb(*n, check, false, p.leg_near);
  if (const auto* n = node.find("leg_far")) parse_limb(*n, check, false, p.leg_far);
  return p;
}

bool is_kebab(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

Prop parse_prop(const yaml::Node& node, const yaml::Checker& check) {
  Prop p;
  p.where = check.source().at(node);
  if (node.is_scalar()) {
    p.kind = check.choice(node, kProps, "prop");
  } else {
    check.expect_map(node, "a prop");
    check.check_keys(node, kPropKeys, "a prop");
    check.require(node, "kind", "a prop");
    p.kind = check.choice(*node.find("kind"), kProps, "prop");
    if (const auto* n = node.find("at")) p.at = check.choice(*n, kPoints, "body point");
    if (const auto* n = node.find("to")) p.to = check.choice(*n, kPoints, "body point");
    if (const auto* n = node.find("side")) p.side = check.choice(*n, kSides, "side");
  }
  const bool strap = p.kind == "strap" || p.kind == "towel";
  const bool placed = p.kind == "chair" || p.kind == "bar" || p.kind == "cushion";
  if (strap && (p.at.empty() || p.to.empty())) {
    check.fail(node, fmt::format("a {} needs 'at' and 'to': the points it runs between", p.kind),
               fmt::format("e.g. {{ kind: {}, at: hand_near, to: toe_near }}", p.kind));
  }
  if (placed && p.at.empty()) {
    check.fail(node, fmt::format("a {} needs 'at': the body point it is under or in", p.kind),
               fmt::format("e.g. {{ kind: {}, at: {} }}", p.kind, p.kind == "bar" ? "hand_near" : "pelvis"));
  }
  if (!strap && p.kind != "chair" && !p.to.empty())
    check.fail(*node.find("to"), fmt::format("a {} has no 'to'", p.kind));
  if (p.kind == "mat" && !p.at.empty()) check.fail(*node.find("at"), "a mat lies under the whole body: no 'at'");
  if (p.kind == "wall" && p.side.empty()) p.side = "behind";
  if (p.kind == "chair" && p.side.empty()) p.side = "behind";
  return p;
}

}  // namespace

const FigureForm* StretchFigure::form(std::string_view id) const {
  for (const FigureForm& f : forms) {
    if (f.form == id) return &f;
  }
  return nullptr;
}

const std::vector<std::string>& figure_views() {
  return kViews;
}
const std::vector<std::string>& figure_layouts() {
  return kLayouts;
}
const std::vector<std::string>& figure_props() {
  return kProps;
}
const std::vector<std::string>& figure_points() {
  return kPoints;
}
const std::vector<std::string>& figure_arrow_kinds() {
  return kArrowKinds;
}
const std::vector<std::string>& figure_keys() {
  return kFigureKeys;
}
const std::vector<std::string>& figure_form_keys() {
  return kFormKeys;
}
const std::vector<std::string>& figure_pose_keys() {
  return kPoseKeys;
}
const std::vector<std::string>& figure_limb_keys() {
  return kLimbKeys;
}
const std::vector<std::string>& figure_prop_keys() {
  return kPropKeys;
}
const std::vector<std::string>& figure_arrow_keys() {
  return kArrowKeys;
}

AngleRange pose_range(std::string_view key) {
  for (const AngleRange& r : kPoseRanges) {
    if (key == r.key) return r;
  }
  return {"?", 0, 0};
}

AngleRange limb_range(std::string_view limb, std::string_view key) {
  for (const AngleRange& r : limb == "arm" ? std::span<const AngleRange>(kArmRanges) : std::span(kLegRanges)) {
    if (key == r.key) return r;
  }
  return {"?", 0, 0};
}

bool is_figure_file(std::string_view path) {
  return std::filesystem::path(path).parent_path().filename() == "figures";
}

StretchFigure parse_figure(const yaml::Node& doc, const yaml::Checker& check) {
  check.expect_map(doc, "a figure file");
  check.check_keys(doc, kFigureKeys, "a figure file");
  check.require(doc, "stretch", "a figure file");
  check.require(doc, "forms", "a figure file");
  StretchFigure fig;
  fig.file = check.source().name();
  fig.where = check.source().at(*doc.find("stretch"));
  fig.stretch = check.string(*doc.find("stretch"), "a stretch id");
  if (!is_kebab(fig.stretch)) {
    check.fail(*doc.find("stretch"), fmt::format("'{}' is not a valid stretch id", fig.stretch),
               "use lower-case letters, digits and '-'");
  }
  const yaml::Node& forms = *doc.find("forms");
  check.expect_sequence(forms, "'forms'");
  if (forms.children.empty()) check.fail(forms, "'forms' is empty", "give at least the form `base`");
  for (const yaml::Node& item : forms.children) {
    check.expect_map(item, "a figure form");
    check.check_keys(item, kFormKeys, "a figure form");
    check.require(item, "form", "a figure form");
    check.require(item, "poses", "a figure form");
    FigureForm f;
    f.where = check.source().at(item);
    f.form_where = check.source().at(*item.find("form"));
    f.form = check.string(*item.find("form"), "a form id ('base' or a variant id)");
    if (!is_kebab(f.form)) {
      check.fail(*item.find("form"), fmt::format("'{}' is not a valid form id", f.form),
                 "'base' or a variant id: lower-case letters, digits and '-'");
    }
    if (fig.form(f.form) != nullptr)
      check.fail(*item.find("form"), fmt::format("the form '{}' has two figures", f.form));
    if (const auto* n = item.find("view")) f.view = check.choice(*n, kViews, "view");
    if (const auto* n = item.find("facing")) f.facing = check.choice(*n, kFacings, "facing");
    if (const auto* n = item.find("layout")) f.layout = check.choice(*n, kLayouts, "layout");
    if (const auto* n = item.find("anchor")) f.anchor = check.choice(*n, kPoints, "body point");
    if (const auto* n = item.find("repeat")) f.repeat = check.boolean(*n, "'repeat'");
    const yaml::Node& poses = *item.find("poses");
    check.expect_sequence(poses, "'poses'");
    for (const yaml::Node& p : poses.children) f.poses.push_back(parse_pose(p, check));
    const std::size_t ghosts =
        static_cast<std::size_t>(std::count_if(f.poses.begin(), f.poses.end(), [](const Pose& p) { return p.ghost; }));
    const std::size_t solid = f.poses.size() - ghosts;
    if (f.layout == "single" && (f.poses.size() != 1)) {
      check.fail(poses, fmt::format("a single figure has one pose, not {}", f.poses.size()),
                 "use layout: overlay (a faint start pose and the held one) or sequence (poses side by side)");
    }
    if (f.layout == "overlay" && (solid != 1 || ghosts == 0 || ghosts > 2)) {
      check.fail(poses, "an overlay has one or two poses with `ghost: true` (where the move starts) and one without",
                 "mark the starting pose `ghost: true`");
    }
    if (f.layout == "sequence" && (f.poses.size() < 2 || f.poses.size() > 4 || ghosts != 0)) {
      check.fail(poses, "a sequence has two to four poses, none of them a ghost",
                 "for one pose use layout: single; for a start drawn faint use layout: overlay");
    }
    if (f.repeat && f.layout != "sequence")
      check.fail(*item.find("repeat"), "'repeat' is for a sequence", "set layout: sequence or drop 'repeat'");
    if (const auto* n = item.find("props")) {
      check.expect_sequence(*n, "'props'");
      for (const yaml::Node& p : n->children) f.props.push_back(parse_prop(p, check));
    }
    if (const auto* n = item.find("arrows")) {
      check.expect_sequence(*n, "'arrows'");
      for (const yaml::Node& a : n->children) {
        check.expect_map(a, "an arrow");
        check.check_keys(a, kArrowKeys, "an arrow");
        Arrow arrow;
        arrow.where = check.source().at(a);
        const yaml::Node* move = a.find("move");
        const yaml::Node* turn = a.find("turn");
        if ((move == nullptr) == (turn == nullptr)) {
          check.fail(a, "an arrow has either 'move' or 'turn'",
                     "move: POINT (from the ghost pose to the held one) or turn: POINT (a rotation about it)");
        }
        arrow.kind = move != nullptr ? "move" : "turn";
        arrow.point = check.choice(move != nullptr ? *move : *turn, kPoints, "body point");
        if (const auto* b = a.find("both_ways")) arrow.both_ways = check.boolean(*b, "'both_ways'");
        if (arrow.kind == "move" && f.layout != "overlay") {
          check.fail(a, "a 'move' arrow joins a ghost pose to the held one: it needs layout: overlay",
                     "use turn: POINT, or layout: overlay with a ghost pose");
        }
        f.arrows.push_back(std::move(arrow));
      }
    }
    fig.forms.push_back(std::move(f));
  }
  return fig;
}

}  // namespace limber
