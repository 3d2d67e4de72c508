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

bool Engine::excludes(std::size_t compiled_rule, std::size_t form) const {
  const CompiledRule& r = rules_[compiled_rule];
  return r.exclude >= 0 && exclusions_[static_cast<std::size_t>(r.exclude)].test(form);
}

bool Engine::should_ask(int field, const Profile& profile) const {
  const std::uint32_t node = ask_if_[static_cast<std::size_t>(field)];
  return node == kAlways || eval(node, profile, 0);
}

}  // namespace limber
