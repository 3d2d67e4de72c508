#pragma once
// Figures of the stretch forms (catalogue/figures/ID.yaml): for each form
// (the stretch as catalogued and each variant) one or more poses as joint
// angles, the props it uses and the arrows that show the movement. The
// kinematic body and the SVG writer are in render/figure.h.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "knowledge/yaml.h"

namespace limber {

// One arm or leg. Angles in degrees (render/figure.h says how each is measured).
struct LimbPose {
  double root = 0;  // shoulder or hip flexion (side view) / abduction (front view)
  double mid = 0;   // elbow or knee flexion
  double end = 0;   // wrist or ankle
  double out = 0;   // how far the limb turns out of the picture plane (0..80), drawn foreshortened
};

struct Pose {
  std::string label;  // "breathe in", for the figure's description
  double trunk = 0;   // lower trunk from vertical: + forward, - back (side view) / to the right (front view)
  double spine = 0;   // upper trunk on lower trunk: + flexion (rounding), - extension
  double neck = 0;    // head and neck on upper trunk: + flexion (chin down)
  LimbPose arm_near, arm_far, leg_near, leg_far;
  bool ghost = false;  // drawn faint: the start of an overlay
  Location where;
};

struct Prop {
  std::string kind;  // floor mat chair wall bar strap towel cushion
  std::string at;    // a body point (chair, wall, bar, cushion) or where a strap starts
  std::string to;    // strap, towel: the point it runs to; chair: the seat reaches under it too
  std::string side;  // wall: behind | front; chair: the side its back is on (behind | front | none)
  Location where;
};

struct Arrow {
  std::string kind;   // move: a point from the ghost pose to the solid one; turn: a rotation about a point
  std::string point;  // a body point
  bool both_ways = false;
  Location where;
};

struct FigureForm {
  std::string form;  // "base" or a variant id
  std::string view = "side";
  std::string facing = "right";
  std::string layout = "single";  // single | overlay | sequence
  std::string anchor = "pelvis";  // overlay: the point that stays put between the poses
  bool repeat = false;            // sequence: the poses alternate (a two-headed arrow between them)
  std::vector<Pose> poses;
  std::vector<Prop> props;
  std::vector<Arrow> arrows;
  Location where;
  Location form_where;  // of the `form:` value
};

struct StretchFigure {
  std::string stretch;
  std::vector<FigureForm> forms;
  std::string file;
  Location where;
  const FigureForm* form(std::string_view id) const;  // "base" or a variant id; nullptr when absent
};

// The closed vocabularies of the figure format.
const std::vector<std::string>& figure_views();
const std::vector<std::string>& figure_layouts();
const std::vector<std::string>& figure_props();
const std::vector<std::string>& figure_points();
const std::vector<std::string>& figure_arrow_kinds();
const std::vector<std::string>& figure_keys();
const std::vector<std::string>& figure_form_keys();
const std::vector<std::string>& figure_pose_keys();
const std::vector<std::string>& figure_limb_keys();
const std::vector<std::string>& figure_prop_keys();
const std::vector<std::string>& figure_arrow_keys();

// The range each angle may take, as the loader checks it.
struct AngleRange {
  const char* key;
  double min;
  double max;
};
AngleRange pose_range(std::string_view key);
AngleRange limb_range(std::string_view limb, std::string_view key);  // limb: arm | leg

StretchFigure parse_figure(const yaml::Node& doc, const yaml::Checker& check);

// Whether a catalogue file is a figure file (it lies in a `figures` folder).
bool is_figure_file(std::string_view path);

}  // namespace limber
