#pragma once
// The figure of a stretch form as SVG: a small kinematic body posed from the
// joint angles in catalogue/figures/ID.yaml, set on the floor, a chair or a
// bar, with its props and the arrows of the movement.
//
// The body (units: % of body height H, Winter's and Drillis-Contini's
// segment proportions): thigh 0.245 H, shank 0.246 H, foot 0.11 H, pelvis to
// shoulder 0.288 H in two segments (lower trunk 0.13 H, upper trunk
// 0.158 H: so a long back and a rounded one look different), neck to the
// head's centre 0.118 H, head radius 0.062 H, upper arm 0.186 H, forearm
// 0.146 H, hand 0.09 H; shoulders 0.259 H and hips 0.191 H wide (front view).
//
// Angles, side view, the figure facing `facing` (right by default):
// - trunk: the lower trunk from vertical; + leans forward, - back (-90 lies
//   on the back with the head behind, +90 is horizontal face down or on all fours).
// - spine: the upper trunk on the lower one; + flexion (a rounded back), - extension.
// - neck: the head on the upper trunk; + flexion (chin toward the chest).
// - shoulder: the upper arm from hanging along the trunk; + forward (90 points
//   ahead of the chest, 180 overhead), - behind. elbow: + bends the forearm
//   forward. wrist: + bends the hand the way the elbow bends.
// - hip: the thigh from in line with the lower trunk; + forward (flexion).
//   knee: + bends the shank back. ankle: 0 the foot square to the shank,
//   + toes up, - toes pointed.
// - out: the limb turns out of the picture plane by this much: drawn
//   shortened by its cosine (knees falling to one side, a leg crossed over).
// Front view: the same keys bend in the frontal plane: trunk, spine and neck
// + lean to the picture's right; shoulder and hip + lift the limb out to the
// side (away from the middle); near limbs are on the picture's right.

#include <string>
#include <string_view>

#include "knowledge/catalogue.h"
#include "knowledge/figure.h"

namespace limber {

struct FigureOptions {
  double scale = 2.0;           // pixels per unit (1 unit = 1% of body height)
  bool xml_declaration = true;  // false inside HTML
};

// The form's figure (variant nullptr: the stretch as catalogued). Throws
// Error when the stretch has no figure for that form.
std::string figure_svg(const Stretch& stretch, const Variant* variant, const FigureOptions& options = {});
// The figure of one form with the given title (for tests and --catalogue folders).
std::string figure_svg(const FigureForm& form, std::string_view position, std::string_view title,
                       const FigureOptions& options = {});
bool has_figure(const Stretch& stretch, const Variant* variant);
// "cat-cow" or "cat-cow--seated": a file name stem for the form's figure.
std::string figure_stem(const Stretch& stretch, const Variant* variant);

}  // namespace limber
