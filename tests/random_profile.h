#pragma once
// Random valid profiles over the whole range of every field, for the
// property tests and the benchmarks. Deterministic for a given generator.

#include <random>

#include "knowledge/schema.h"

namespace limber::testing {

// A random valid profile: each field given or not, values across their
// whole range; the safety fields are rarely set, so both sides are common.
inline Profile random_profile(const Schema& schema, std::mt19937_64& rng) {
  Profile p = default_profile(schema);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    const Field& f = schema.fields[i];
    // History facts come from the diary, never from a profile (history_test.cpp covers them).
    if (f.type == FieldType::String || f.history || coin(rng) < 0.3) continue;
    std::int64_t v = 0;
    switch (f.type) {
      case FieldType::Integer: {
        // Mostly realistic values, sometimes the extremes.
        const std::int64_t hi = f.name == "pain_days" && coin(rng) < 0.9 ? 400 : f.max;
        v = std::uniform_int_distribution<std::int64_t>(f.min, hi)(rng);
        break;
      }
      case FieldType::Bool: v = coin(rng) < 0.5; break;
      case FieldType::Enum:
        v = std::uniform_int_distribution<std::int64_t>(0, static_cast<std::int64_t>(f.values.size()) - 1)(rng);
        break;
      case FieldType::Set: {
        const double density = f.safety ? 0.04 : 0.3;
        std::uint64_t bits = 0;
        for (std::size_t b = 0; b < f.values.size(); ++b) {
          if (coin(rng) < density) bits |= std::uint64_t{1} << b;
        }
        v = static_cast<std::int64_t>(bits);
        break;
      }
      case FieldType::String: break;
    }
    p.values[i] = v;
    p.present |= std::uint64_t{1} << i;
    p.given |= std::uint64_t{1} << i;
  }
  return p;
}

}  // namespace limber::testing
