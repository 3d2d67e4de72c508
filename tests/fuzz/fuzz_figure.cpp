// Fuzz target: a figure file (catalogue/figures), as the loader reads it,
// then drawn: whatever parses must render to SVG without crashing.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "knowledge/figure.h"
#include "knowledge/yaml.h"
#include "render/figure.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const limber::yaml::Source src("fuzz.yaml", limber::fuzz::text(data, size));
    const limber::yaml::Node doc = limber::yaml::parse_one(src);
    if (doc.is_null()) return 0;
    const limber::StretchFigure fig = limber::parse_figure(doc, limber::yaml::Checker(src));
    for (const limber::FigureForm& form : fig.forms) {
      const std::string svg = limber::figure_svg(form, "supine", "fuzz");
      if (svg.find("</svg>") == std::string::npos) __builtin_trap();
    }
  } catch (const limber::Error&) {
  }
  return 0;
}
