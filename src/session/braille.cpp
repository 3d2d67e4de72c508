#include "session/braille.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "base/text.h"

namespace limber::session {
namespace {

struct Point {
  double x = 0;
  double y = 0;
};

// The value of attribute `name` in the tag text, or nothing.
std::optional<std::string> attribute(std::string_view tag, std::string_view name) {
  for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    const bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\n' || tag[at - 1] == '\t');
    const std::size_t eq = at + name.size();
    if (!starts || eq + 1 >= tag.size() || tag[eq] != '=' || (tag[eq + 1] != '"' && tag[eq + 1] != '\'')) continue;
    const char quote = tag[eq + 1];
    const std::size_t end = tag.find(quote, eq + 2);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(tag.substr(eq + 2, end - eq - 2));
  }
  return std::nullopt;
}

double number(std::string_view tag, std::string_view name, double fallback = 0) {
  const auto v = attribute(tag, name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  return end == v->c_str() || !std::isfinite(d) ? fallback : d;
}

// How light a colour is, 0 (black) to 1 (white); nothing for "none" or an
// unknown colour.
std::optional<double> lightness(std::string_view colour) {
  if (colour == "none" || colour.empty()) return std::nullopt;
  if (colour == "white") return 1.0;
  if (colour == "black" || colour == "currentColor") return 0.0;
  if (colour.size() == 7 && colour[0] == '#') {
    const long v = std::strtol(std::string(colour.substr(1)).c_str(), nullptr, 16);
    const double r = static_cast<double>((v >> 16) & 0xff) / 255.0;
    const double g = static_cast<double>((v >> 8) & 0xff) / 255.0;
    const double b = static_cast<double>(v & 0xff) / 255.0;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  return 0.0;
}

// Dark enough to be drawn: the faint starting pose and white outlines are not.
bool ink(const std::optional<std::string>& colour) {
  if (!colour) return false;
  const auto l = lightness(*colour);
  return l && *l < 0.78;
}

class Canvas {
 public:
  Canvas(std::size_t w, std::size_t h) : w_(w), h_(h), dots_(w * h) {}

  void set(long x, long y) {
    if (x >= 0 && y >= 0 && static_cast<std::size_t>(x) < w_ && static_cast<std::size_t>(y) < h_) {
      dots_[static_cast<std::size_t>(y) * w_ + static_cast<std::size_t>(x)] = true;
    }
  }
  // Every dot whose centre lies within `r` of the segment a-b.
  void segment(Point a, Point b, double r) {
    const long x0 = static_cast<long>(std::floor(std::min(a.x, b.x) - r));
    const long x1 = static_cast<long>(std::ceil(std::max(a.x, b.x) + r));
    const long y0 = static_cast<long>(std::floor(std::min(a.y, b.y) - r));
    const long y1 = static_cast<long>(std::ceil(std::max(a.y, b.y) + r));
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    for (long y = y0; y <= y1; ++y) {
      for (long x = x0; x <= x1; ++x) {
        const double px = static_cast<double>(x) + 0.5;
        const double py = static_cast<double>(y) + 0.5;
        double t = len2 > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / len2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double ex = a.x + t * dx - px;
        const double ey = a.y + t * dy - py;
        if (ex * ex + ey * ey <= r * r) set(x, y);
      }
    }
  }
  void disc(Point c, double r) { segment(c, c, r); }
  // Every dot inside the polygon (even-odd).
  void fill(const std::vector<Point>& poly) {
    if (poly.size() < 3) return;
    double minx = poly[0].x, maxx = poly[0].x, miny = poly[0].y, maxy = poly[0].y;
    for (const Point& p : poly) {
      minx = std::min(minx, p.x);
      maxx = std::max(maxx, p.x);
      miny = std::min(miny, p.y);
      maxy = std::max(maxy, p.y);
    }
    for (long y = static_cast<long>(std::floor(miny)); y <= static_cast<long>(std::ceil(maxy)); ++y) {
      for (long x = static_cast<long>(std::floor(minx)); x <= static_cast<long>(std::ceil(maxx)); ++x) {
        const double px = static_cast<double>(x) + 0.5;
        const double py = static_cast<double>(y) + 0.5;
        bool inside = false;
        for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
          if ((poly[i].y > py) != (poly[j].y > py) &&
              px < (poly[j].x - poly[i].x) * (py - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x) {
            inside = !inside;
          }
        }
        if (inside) set(x, y);
      }
    }
  }

  std::vector<std::string> cells() const {
    // Dot (x, y) within a cell -> its bit in U+2800..U+28FF.
    static constexpr std::array<std::array<int, 4>, 2> kBit = {{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}};
    std::vector<std::string> rows;
    for (std::size_t cy = 0; cy * 4 < h_; ++cy) {
      std::string row;
      for (std::size_t cx = 0; cx * 2 < w_; ++cx) {
        int bits = 0;
        for (std::size_t dx = 0; dx < 2; ++dx) {
          for (std::size_t dy = 0; dy < 4; ++dy) {
            const std::size_t x = cx * 2 + dx;
            const std::size_t y = cy * 4 + dy;
            if (x < w_ && y < h_ && dots_[y * w_ + x]) bits |= kBit[dx][dy];
          }
        }
        const int cp = 0x2800 + bits;  // three bytes of UTF-8
        row += static_cast<char>(0xE0 | (cp >> 12));
        row += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        row += static_cast<char>(0x80 | (cp & 0x3F));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }
  bool empty() const {
    return std::none_of(dots_.begin(), dots_.end(), [](bool b) { return b; });
  }

 private:
  std::size_t w_;
  std::size_t h_;
  std::vector<bool> dots_;
};

// A path's outline as polylines (each subpath one), curves as segments.
std::vector<std::vector<Point>> path_points(std::string_view d, bool& closed) {
  std::vector<std::vector<Point>> out;
  std::vector<double> nums;
  char cmd = 0;
  Point cur;
  closed = false;
  std::size_t i = 0;
  auto flush = [&] {
    if (cmd == 0) return;
    std::size_t k = 0;
    while (true) {
      if ((cmd == 'M' || cmd == 'L') && k + 2 <= nums.size()) {
        cur = {nums[k], nums[k + 1]};
        if (cmd == 'M' || out.empty()) out.emplace_back();
        out.back().push_back(cur);
        if (cmd == 'M') cmd = 'L';  // further pairs are lines
        k += 2;
      } else if (cmd == 'Q' && k + 4 <= nums.size()) {
        const Point c{nums[k], nums[k + 1]};
        const Point e{nums[k + 2], nums[k + 3]};
        if (out.empty()) out.emplace_back(1, cur);
        for (int s = 1; s <= 12; ++s) {
          const double t = s / 12.0;
          const double u = 1 - t;
          out.back().push_back(
              {u * u * cur.x + 2 * u * t * c.x + t * t * e.x, u * u * cur.y + 2 * u * t * c.y + t * t * e.y});
        }
        cur = e;
        k += 4;
      } else {
        break;
      }
    }
    nums.clear();
  };
  while (i < d.size()) {
    const char c = d[i];
    if (c == 'M' || c == 'L' || c == 'Q' || c == 'Z' || c == 'z') {
      flush();
      cmd = c == 'z' ? 'Z' : c;
      if (cmd == 'Z') {
        closed = true;
        if (!out.empty() && !out.back().empty()) out.back().push_back(out.back().front());
        cmd = 0;
      }
      ++i;
    } else if (c == '-' || c == '.' || (c >= '0' && c <= '9')) {
      const std::string rest(d.substr(i, std::min<std::size_t>(32, d.size() - i)));
      char* end = nullptr;
      nums.push_back(std::strtod(rest.c_str(), &end));
      i += static_cast<std::size_t>(std::max<std::ptrdiff_t>(end - rest.c_str(), 1));
    } else {
      ++i;
    }
  }
  flush();
  return out;
}

std::string unescape(std::string_view s) {
  std::string out(s);
  const std::array<std::pair<std::string_view, std::string_view>, 5> kEntities = {
      {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}};
  for (const auto& [from, to] : kEntities) {
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

}  // namespace

std::string figure_description(std::string_view svg) {
  const std::size_t a = svg.find("<desc>");
  const std::size_t b = svg.find("</desc>");
  if (a == std::string_view::npos || b == std::string_view::npos || b < a) return {};
  return unescape(svg.substr(a + 6, b - a - 6));
}

std::vector<std::string> braille_figure(std::string_view svg, std::size_t cols, std::size_t rows) {
  const std::size_t open = svg.find("<svg");
  if (open == std::string_view::npos || cols == 0 || rows == 0) return {};
  const std::string_view svg_tag = svg.substr(open, svg.find('>', open) - open);
  const auto box = attribute(svg_tag, "viewBox");
  if (!box) return {};
  const std::vector<std::string> parts = split(*box, " ,");
  if (parts.size() != 4) return {};
  const double vx = std::atof(parts[0].c_str());
  const double vy = std::atof(parts[1].c_str());
  const double vw = std::atof(parts[2].c_str());
  const double vh = std::atof(parts[3].c_str());
  if (!(vw > 0) || !(vh > 0)) return {};
  // Dots are about square: a cell is 2 dots wide and 4 tall.
  const double scale = std::min(static_cast<double>(cols * 2) / vw, static_cast<double>(rows * 4) / vh);
  const auto w = static_cast<std::size_t>(std::ceil(vw * scale));
  const auto h = static_cast<std::size_t>(std::ceil(vh * scale));
  Canvas canvas(std::max<std::size_t>(w, 1), std::max<std::size_t>(h, 1));
  const auto at = [&](double x, double y) { return Point{(x - vx) * scale, (y - vy) * scale}; };
  // Lines thin enough to read as a stick figure, never thinner than a dot.
  const auto radius = [&](double stroke_width) { return std::clamp(stroke_width * scale * 0.3, 0.5, 1.6); };

  std::vector<bool> faint;  // per open <g>: drawn with opacity below 1
  for (std::size_t i = svg.find('<', open + 1); i != std::string_view::npos; i = svg.find('<', i + 1)) {
    const std::size_t end = svg.find('>', i);
    if (end == std::string_view::npos) break;
    const std::string_view tag = svg.substr(i, end - i + 1);
    if (tag.starts_with("</g")) {
      if (!faint.empty()) faint.pop_back();
      continue;
    }
    if (tag.starts_with("<g")) {
      const bool inherited = !faint.empty() && faint.back();
      faint.push_back(inherited || number(tag, "opacity", 1.0) < 1.0);
      if (tag.ends_with("/>")) faint.pop_back();
      continue;
    }
    if (!faint.empty() && faint.back()) continue;
    if (number(tag, "opacity", 1.0) < 1.0) continue;
    const auto stroke = attribute(tag, "stroke");
    const auto fill = attribute(tag, "fill");
    const double sw = number(tag, "stroke-width", 1.0);
    if (tag.starts_with("<line")) {
      if (!ink(stroke)) continue;
      canvas.segment(at(number(tag, "x1"), number(tag, "y1")), at(number(tag, "x2"), number(tag, "y2")), radius(sw));
    } else if (tag.starts_with("<circle")) {
      if (!ink(fill) && !ink(stroke)) continue;
      const double r = number(tag, "r") * scale;
      const Point c = at(number(tag, "cx"), number(tag, "cy"));
      if (ink(fill)) {
        canvas.disc(c, std::max(r, 0.5));
      } else {
        for (int s = 0; s < 24; ++s) {
          const double a0 = s * 2 * M_PI / 24;
          const double a1 = (s + 1) * 2 * M_PI / 24;
          canvas.segment({c.x + r * std::cos(a0), c.y + r * std::sin(a0)},
                         {c.x + r * std::cos(a1), c.y + r * std::sin(a1)}, 0.5);
        }
      }
    } else if (tag.starts_with("<rect")) {
      const double x = number(tag, "x");
      const double y = number(tag, "y");
      const double rw = number(tag, "width");
      const double rh = number(tag, "height");
      const std::vector<Point> poly{at(x, y), at(x + rw, y), at(x + rw, y + rh), at(x, y + rh), at(x, y)};
      if (ink(fill)) {
        canvas.fill(poly);
      } else if (ink(stroke)) {
        for (std::size_t k = 1; k < poly.size(); ++k) canvas.segment(poly[k - 1], poly[k], 0.5);
      }
    } else if (tag.starts_with("<path")) {
      const auto d = attribute(tag, "d");
      if (!d) continue;
      bool closed = false;
      std::vector<std::vector<Point>> lines = path_points(*d, closed);
      for (auto& line : lines) {
        for (Point& p : line) p = at(p.x, p.y);
        if (closed && ink(fill)) canvas.fill(line);
        if (ink(stroke)) {
          for (std::size_t k = 1; k < line.size(); ++k) canvas.segment(line[k - 1], line[k], radius(sw));
        }
      }
    }
  }
  if (canvas.empty()) return {};
  std::vector<std::string> out = canvas.cells();
  // No blank rows above or below the drawing.
  const std::string blank_cell = "\u2800";
  const auto blank = [&](const std::string& row) {
    for (std::size_t k = 0; k < row.size(); k += 3) {
      if (row.compare(k, 3, blank_cell) != 0) return false;
    }
    return true;
  };
  while (!out.empty() && blank(out.back())) out.pop_back();
  while (!out.empty() && blank(out.front())) out.erase(out.begin());
  return out;
}

}  // namespace limber::session
