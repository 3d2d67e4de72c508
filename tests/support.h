#pragma once
// Helpers for the unit tests: a throwaway folder, and an engine built from
// the small fixture knowledge base plus rules written inline by a test.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <string>

#include "engine/engine.h"
#include "knowledge/knowledge.h"
#include "knowledge/schema.h"

namespace limber::testing {

inline std::filesystem::path source_dir() {
  return LIMBER_SOURCE_DIR;
}
inline std::filesystem::path fixture(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / name;
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("limber-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path path_;
};

// The mini fixture (tests/fixtures/mini) with `rules` as one more rule file.
inline Engine mini_engine(const std::string& rules) {
  TempDir dir;
  dir.write("test.yaml", rules);
  LoadOptions o;
  o.builtin = false;
  o.rule_dirs = {fixture("mini") / "rules", dir.path()};
  o.catalogue_dirs = {fixture("mini") / "catalogue"};
  return Engine(load_knowledge(o));
}

// The shipped knowledge base.
inline const Engine& builtin_engine() {
  static const Engine engine(load_knowledge(LoadOptions{}));
  return engine;
}

inline Profile make_profile(const Engine& engine, std::initializer_list<std::string> assignments) {
  Profile p = default_profile(engine.schema());
  for (const std::string& a : assignments) apply_assignment(p, engine.schema(), a);
  return p;
}

inline Result run(const Engine& engine, const Profile& p) {
  Result r;
  engine.evaluate(p, r);
  return r;
}

inline bool fired(const Engine& engine, const Result& r, std::string_view rule_id) {
  for (std::size_t i = 0; i < engine.rules().size(); ++i) {
    if (engine.rule(i).id == rule_id) return r.fired.test(i);
  }
  ADD_FAILURE() << "no rule " << rule_id;
  return false;
}

inline std::vector<std::string> routine_ids(const Engine& engine, const Result& r) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.step_count; ++i) out.push_back(engine.kb().stretches[r.steps[i].stretch].id);
  return out;
}

// The message of the Error `f` throws, or "" when it throws none.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.render(false);
  }
  return {};
}

}  // namespace limber::testing
