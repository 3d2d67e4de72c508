#include "render/figure.h"

#include <fmt/format.h>
#include <algorithm>
#include <utility>
#include <vector>

#include "base/text.h"
#include "render/figure_body.h"
#include "render/figure_draw.h"
#include "render/figure_props.h"

namespace limber {

namespace {

using namespace drawing;  // NOLINT(google-build-using-namespace): the figure's parts

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

// The box around every placed body (y0 is not needed: the floor is 0).
struct Extent {
  double x0 = 1e9, x1 = -1e9, ymax = -1e9;
};

Extent extent(const std::vector<Placed>& placed) {
  Extent e;
  for (const Placed& pl : placed) {
    double a = 1e9, b = 1e9, cc = -1e9, d = -1e9;
    pl.body.bounds(a, b, cc, d);
    e.x0 = std::min(e.x0, a);
    e.x1 = std::max(e.x1, cc);
    e.ymax = std::max(e.ymax, d);
  }
  return e;
}

// Every pose posed and placed: an overlay lined up on its anchor, a
// sequence side by side (each panel's extent in `panel_x`).
std::vector<Placed> lay_out(const FigureForm& form, std::string_view position,
                            std::vector<std::pair<double, double>>& panel_x) {
  const double kPanelGap = 16;
  std::vector<Placed> placed;
  for (const Pose& p : form.poses) placed.push_back(place(p, form, position));
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
  return placed;
}

// Ghosts first, then the held pose with its straps and towels.
void draw_bodies(Canvas& bodies, const FigureForm& form, const std::vector<Placed>& placed) {
  for (const Placed& pl : placed) {
    if (pl.pose->ghost) draw_body(bodies, pl.body, true);
  }
  for (const Placed& pl : placed) {
    if (pl.pose->ghost) continue;
    draw_body(bodies, pl.body, false);
    draw_props_front(bodies, form, pl.body);
  }
}

// The form's arrows: a move from the ghost to the held pose, a turn on
// every solid pose; a sequence's arrows between its panels.
void draw_arrows(Canvas& bodies, const FigureForm& form, const std::vector<Placed>& placed,
                 const std::vector<std::pair<double, double>>& panel_x, double ymax) {
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
}

// The floor (and mat) under everything drawn on `c`; widens `c` to hold it.
std::string floor_layer(Canvas& c, const FigureForm& form, const std::vector<Placed>& placed, double top) {
  std::string out;
  const double fx0 = c.x0 - 6, fx1 = c.x1 + 6;
  const bool mat = find_prop(form, "mat") != nullptr;
  if (mat) {
    const Extent e = extent(placed);
    out += fmt::format(
        R"(<rect x="{}" y="0" width="{}" height="2" rx="1" fill="#93c5fd" stroke="#3b82f6" stroke-width="0.6"/>)",
        num(e.x0 - 3), num(e.x1 - e.x0 + 6));
    out += '\n';
  }
  const double floor_y = mat ? 2.0 : 0.0;
  out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6b7280" stroke-width="1.4"/>)", num(fx0),
                     num(floor_y), num(fx1), num(floor_y));
  out += '\n';
  c.take({fx0, -floor_y - 1});
  c.take({fx1, top});
  return out;
}

// The document around the layers, sized to the extent of `c`.
std::string svg_document(const Canvas& c, const FigureForm& form, std::string_view title, const FigureOptions& options,
                         std::string_view layers) {
  const double pad = 3;
  const double vx = c.x0 - pad, vy = -(c.y1 + pad), vw = c.x1 - c.x0 + 2 * pad, vh = c.y1 - c.y0 + 2 * pad;
  std::string svg;
  if (options.xml_declaration) svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg +=
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}" role="img">)",
                  num(vx), num(vy), num(vw), num(vh), num(vw * options.scale), num(vh * options.scale));
  svg += '\n';
  svg += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(title), xml_escape(describe(form, title)));
  svg += layers;
  svg += "</svg>\n";
  return svg;
}

}  // namespace

std::string figure_svg(const FigureForm& form, std::string_view position, std::string_view title,
                       const FigureOptions& options) {
  const double facing = form.facing == "left" ? -1.0 : 1.0;
  std::vector<std::pair<double, double>> panel_x;  // a sequence's panels
  const std::vector<Placed> placed = lay_out(form, position, panel_x);
  const Extent bodies_extent = extent(placed);
  // Props behind the body, for the held (last solid) pose; a sequence gives
  // each panel its own.
  double top = 0;
  Canvas props;
  for (const Placed& pl : placed) {
    if (form.layout != "sequence" && pl.pose->ghost) continue;
    draw_props_behind(props, form, pl.body, facing, top);
  }
  Canvas bodies;
  draw_bodies(bodies, form, placed);
  draw_arrows(bodies, form, placed, panel_x, bodies_extent.ymax);
  // Extent, then the floor (and mat) under everything.
  Canvas c;
  c.take({bodies_extent.x0, 0});
  c.take({bodies_extent.x1, bodies_extent.ymax});
  for (const Canvas* part : {&props, &bodies}) {
    if (part->x0 <= part->x1) {
      c.take({part->x0, part->y0});
      c.take({part->x1, part->y1});
    }
  }
  const std::string floor = floor_layer(c, form, placed, top);
  return svg_document(c, form, title, options, props.body + floor + bodies.body);
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
