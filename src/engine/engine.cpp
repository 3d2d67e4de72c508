#include "engine/engine.h"

#include <algorithm>

namespace limber {

const char* status_name(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::SeeProfessionalFirst: return "see_professional_first";
    case Status::Stop: return "stop";
  }
  return "?";
}

bool Engine::modifies(std::size_t compiled_rule, std::size_t stretch, std::size_t form) const {
  const CompiledRule& r = rules_[compiled_rule];
  if (r.modify < 0) return false;
  const Modify& m = modifies_[static_cast<std::size_t>(r.modify)];
  return m.has_variant ? m.variant_form[stretch] == static_cast<std::int16_t>(form) : m.select.test(form);
}

bool Engine::includes(std::size_t compiled_rule, std::size_t stretch) const {
  const CompiledRule& r = rules_[compiled_rule];
  for (std::uint32_t k = r.include_begin; k < r.include_end; ++k) {
    if (includes_[k].first == stretch) return true;
  }
  return false;
}

int height_level(const Form& f) {
  static const std::array<int, 16> levels = [] {
    std::array<int, 16> out{};
    const std::pair<const char*, int> table[] = {{"supine", 0},   {"prone", 0},     {"side_lying", 0},
                                                 {"kneeling", 1}, {"all_fours", 1}, {"seated", 2},
                                                 {"squat", 4},    {"standing", 5},  {"hanging", 5}};
    for (const auto& [name, level] : table) {
      const auto it = std::find(positions().begin(), positions().end(), name);
      out[static_cast<std::size_t>(it - positions().begin())] = level;
    }
    return out;
  }();
  const int level = levels[f.position];
  return level == 2 && !f.on_floor ? 3 : level;
}

bool is_stretch(const Form& f) {
  static const std::uint8_t stretch = static_cast<std::uint8_t>(
      std::find(stretch_kinds().begin(), stretch_kinds().end(), "stretch") - stretch_kinds().begin());
  static const std::uint8_t mobility = static_cast<std::uint8_t>(
      std::find(stretch_kinds().begin(), stretch_kinds().end(), "mobility") - stretch_kinds().begin());
  return f.kind == stretch || f.kind == mobility;
}

bool Engine::caution_about(std::size_t compiled_rule, std::size_t form) const {
  const CompiledRule& r = rules_[compiled_rule];
  return r.caution_about < 0 || abouts_[static_cast<std::size_t>(r.caution_about)].test(form);
}

bool Engine::excludes(std::size_t compiled_rule, std::size_t form) const {
  const CompiledRule& r = rules_[compiled_rule];
  return r.exclude >= 0 && exclusions_[static_cast<std::size_t>(r.exclude)].test(form);
}

bool Engine::should_ask(int field, const Profile& profile) const {
  const std::uint32_t node = ask_if_[static_cast<std::size_t>(field)];
  return node == kAlways || eval(node, profile, 0);
}

}  // namespace limber
