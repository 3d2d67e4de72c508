#include "render/registry.h"

#include "render/render_csv.h"

#include <array>
#include <filesystem>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/transform.hpp>

namespace limber {

namespace {

constexpr std::array kRenderers = {
    Renderer{"text", ".txt", "", false, [](const Answer& a, const TextStyle& style) { return render_text(a, style); }},
    Renderer{"json", ".json", "", false, [](const Answer& a, const TextStyle&) { return render_json(a); }},
    Renderer{"markdown", ".md", ".markdown", true,
             [](const Answer& a, const TextStyle&) { return render_markdown(a); }},
    // One row of the table `batch --format csv` writes, under its header.
    Renderer{"csv", ".csv", "", false, [](const Answer& a, const TextStyle&) { return render_csv(a); }},
};

}  // namespace

std::span<const Renderer> renderers() {
  return kRenderers;
}

const Renderer* find_renderer(std::string_view name) {
  for (const Renderer& r : kRenderers) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const Renderer* renderer_for_file(std::string_view path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext.empty()) return nullptr;
  for (const Renderer& r : kRenderers) {
    if (r.extension == ext || (!r.also.empty() && r.also == ext)) return &r;
  }
  return nullptr;
}

const Renderer& choose_renderer(std::string_view name, std::string_view path) {
  if (const Renderer* r = find_renderer(name)) return *r;
  if (name.empty()) {
    if (const Renderer* r = renderer_for_file(path)) return *r;
  }
  return *find_renderer("text");
}

std::vector<std::string> renderer_names() {
  return kRenderers | ranges::views::transform([](const Renderer& r) { return std::string(r.name); }) |
         ranges::to<std::vector>();
}

std::vector<std::string> batch_file_renderer_names() {
  std::vector<std::string> out;
  for (const Renderer& r : kRenderers) {
    if (r.batch_files) out.emplace_back(r.name);
  }
  return out;
}

}  // namespace limber
