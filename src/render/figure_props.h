#pragma once
// The props of a figure (catalogue/figures: chair, wall, bar, cushion,
// strap, towel; the mat and the floor are figure.cpp's), placed on the
// posed body.

#include <string_view>

#include "knowledge/figure.h"
#include "render/figure_draw.h"

namespace limber::drawing {

// The form's first prop of this kind, or nullptr.
const Prop* find_prop(const FigureForm& form, std::string_view kind);

// Props that stand on the floor or hang from above, drawn behind the body.
// `top` is raised to the top of a wall.
void draw_props_behind(Canvas& c, const FigureForm& form, const Body& b, double facing, double& top);

// Straps and towels, drawn over the body.
void draw_props_front(Canvas& c, const FigureForm& form, const Body& b);

}  // namespace limber::drawing
