#pragma once
// One profile's answer with every name and reason resolved: what the
// renderers (text, JSON, Markdown) print. Built from an Engine Result.

#include <string>
#include <vector>

#include "engine.h"

namespace limber {

struct Reason {
  std::string rule;
  std::string text;
  std::vector<const Citation*> sources;
  std::string topic = "general";  // cautions: general | frequency
};

struct StopReason {
  Reason reason;
  Urgency urgency = Urgency::Soon;
};

struct AnswerStep {
  const Stretch* stretch = nullptr;
  const Variant* variant = nullptr;  // nullptr: as catalogued
  std::string position;
  bool on_floor = false;
  int hold_seconds = 0;
  int reps = 0;
  bool per_side = false;
  int seconds = 0;
  std::vector<Reason> modifications;
  std::vector<Reason> because;
  const std::vector<std::string>& steps() const {
    return variant != nullptr && !variant->steps.empty() ? variant->steps : stretch->steps;
  }
};

struct AnswerExclusion {
  const Stretch* stretch = nullptr;
  Reason reason;
  bool recommended = false;  // a rule had recommended it for this profile
};

struct Answer {
  std::string profile_id;
  Status status = Status::Ok;
  std::vector<StopReason> stop_reasons;
  std::vector<Reason> referrals;
  std::vector<AnswerStep> routine;
  int total_seconds = 0;
  int budget_seconds = 0;
  std::vector<AnswerExclusion> excluded;
  std::vector<Reason> cautions;
  std::vector<std::string> fired_rules;
  std::vector<const SourceDoc*> documents;  // every document cited above, in id order
  int pain_days = -1;                       // as given, for the Markdown's "what to expect"
};

Answer make_answer(const Engine& engine, const Profile& profile, const Result& result);

// "kneeling" -> "kneeling", "all_fours" -> "all fours"
std::string position_label(std::string_view position, bool on_floor);
// "30 s x 3 each side"
std::string dosage_label(const AnswerStep& step);
// "9 min 30 s"
std::string duration_label(int seconds);

}  // namespace limber
