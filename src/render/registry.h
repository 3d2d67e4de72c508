#pragma once
// The output formats, one entry each: its name (--format NAME), the file
// extensions that imply it (-o routine.md) and the function that renders an
// answer. recommend, ask and batch choose from this list, so a new format
// is one entry here.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "render/render.h"

namespace limber {

struct Renderer {
  std::string_view name;
  std::string_view extension;  // of the files it writes: ".md"
  std::string_view also;       // another extension that implies it ("" for none)
  bool batch_files;            // `batch --format NAME -o DIR` writes one file per profile
  std::string (*render)(const Answer& answer, const TextStyle& style);
};

std::span<const Renderer> renderers();
// The renderer named `name`, or nullptr.
const Renderer* find_renderer(std::string_view name);
// The renderer a file name's extension implies, or nullptr.
const Renderer* renderer_for_file(std::string_view path);
// The renderer for `--format NAME -o PATH`: by name when given, else by
// PATH's extension, else text.
const Renderer& choose_renderer(std::string_view name, std::string_view path);
// Every name, for --format's help and check.
std::vector<std::string> renderer_names();
// The names batch writes one file per profile in.
std::vector<std::string> batch_file_renderer_names();

}  // namespace limber
