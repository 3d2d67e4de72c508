#pragma once
// What the fuzz targets share: the shipped knowledge base, loaded once.

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/engine.h"
#include "knowledge/knowledge.h"

namespace limber::fuzz {

inline const KnowledgeBase& builtin_knowledge() {
  static const KnowledgeBase kb = load_knowledge(LoadOptions{});
  return kb;
}

inline const Engine& builtin_engine() {
  static const Engine engine(builtin_knowledge());
  return engine;
}

inline std::string text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace limber::fuzz
