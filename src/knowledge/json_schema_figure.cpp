#include "knowledge/json_schema_parts.h"

#include "knowledge/figure.h"

namespace limber::jsonschema {

namespace {

J degrees(const AngleRange& r, std::string_view description) {
  return described(J{{"type", "number"}, {"minimum", r.min}, {"maximum", r.max}}, description);
}

// An arm's or a leg's joint angles.
J limb_def(std::string_view which) {
  const bool arm = which == "arm";
  const std::vector<std::string> keys = arm ? std::vector<std::string>{"shoulder", "elbow", "wrist", "out"}
                                            : std::vector<std::string>{"hip", "knee", "ankle", "out"};
  Props props;
  for (const std::string& k : keys) {
    const char* what = k == "shoulder" ? "the upper arm from hanging along the trunk; + forward"
                       : k == "elbow"  ? "+ bends the forearm forward"
                       : k == "wrist"  ? "+ bends the hand the way the elbow bends"
                       : k == "hip"    ? "the thigh from in line with the lower trunk; + forward (flexion)"
                       : k == "knee"   ? "+ bends the shank back"
                       : k == "ankle"  ? "0 the foot square to the shank; + toes up, - toes pointed"
                                       : "the limb turns out of the picture plane by this much (drawn shortened)";
    props[k] = degrees(limb_range(which, k), what);
  }
  return object(arm ? "an arm" : "a leg", keys, std::move(props));
}

J pose_def() {
  return object(
      "a pose", figure_pose_keys(),
      {{"label", described(text(), "what the pose shows, for the figure's description")},
       {"trunk", degrees(pose_range("trunk"), "the lower trunk from vertical; + forward (side view) or right (front)")},
       {"spine", degrees(pose_range("spine"), "the upper trunk on the lower; + flexion (rounded), - extension")},
       {"neck", degrees(pose_range("neck"), "the head on the upper trunk; + flexion (chin down)")},
       {"arm", described(ref("arm"), "both arms")},
       {"arm_near", described(ref("arm"), "the near arm: changes the angles it names")},
       {"arm_far", described(ref("arm"), "the far arm: changes the angles it names")},
       {"leg", described(ref("leg"), "both legs")},
       {"leg_near", described(ref("leg"), "the near leg: changes the angles it names")},
       {"leg_far", described(ref("leg"), "the far leg: changes the angles it names")},
       {"ghost", described(boolean(), "overlay: the starting pose, drawn faint")}});
}

J prop_def() {
  const J point = one_of(figure_points());
  return object("a prop", figure_prop_keys(),
                {{"kind", one_of(figure_props())},
                 {"at", described(point, "the body point it is under, in or starts from")},
                 {"to", described(point, "strap, towel: where it runs to; chair: the seat reaches under it")},
                 {"side", described(one_of({"behind", "front", "none"}), "wall: which side; chair: its back")}},
                {"kind"});
}

J arrow_def() {
  const J point = one_of(figure_points());
  J arrow = object("an arrow", figure_arrow_keys(),
                   {{"move", described(point, "from the ghost pose to the held one")},
                    {"turn", described(point, "a rotation about the segment ending here")},
                    {"both_ways", boolean()}});
  arrow["oneOf"] = J::array({J{{"required", {"move"}}}, J{{"required", {"turn"}}}});
  return arrow;
}

J form_def() {
  const J point = one_of(figure_points());
  return object("a figure form", figure_form_keys(),
                {{"form", described(pattern(kKebab), "base (the stretch as catalogued) or a variant id")},
                 {"view", one_of(figure_views())},
                 {"facing", one_of({"right", "left"})},
                 {"layout", described(one_of(figure_layouts()),
                                      "single: one pose; overlay: a faint start and the held pose; sequence: "
                                      "poses side by side")},
                 {"anchor", described(point, "overlay: the point that stays put (default pelvis)")},
                 {"repeat", described(boolean(), "sequence: the poses alternate")},
                 {"poses", array(ref("pose"), true)},
                 {"props", array(J{{"anyOf", J::array({one_of(figure_props()), ref("prop")})}})},
                 {"arrows", array(ref("arrow"))}},
                {"form", "poses"});
}

}  // namespace

J figure_schema(const Engine& engine) {
  std::vector<std::string> stretches;
  for (const Stretch& s : engine.kb().stretches) stretches.push_back(s.id);
  J body = object("a figure file", figure_keys(),
                  {{"stretch", described(one_of(stretches), "the stretch id; equals the file name")},
                   {"forms", array(ref("form"), true)}},
                  {"stretch", "forms"});
  J defs{{"form", form_def()},     {"pose", pose_def()}, {"arm", limb_def("arm")},
         {"leg", limb_def("leg")}, {"prop", prop_def()}, {"arrow", arrow_def()}};
  return document("limber figure",
                  "The figures of one stretch's forms (catalogue/figures/ID.yaml, see catalogue/README.md): poses "
                  "as joint angles, props and arrows. Generated by `limber schema figure`.",
                  std::move(body), std::move(defs));
}

}  // namespace limber::jsonschema
