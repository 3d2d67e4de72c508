#pragma once
// One profile's answer with every name and reason resolved: what the
// renderers (text, JSON, Markdown) print. Built from an Engine Result.
//
// An Answer refers to the knowledge base rather than copying from it: rule
// ids, reason texts, positions and citations are views into the Engine's
// KnowledgeBase, which must outlive the Answer. The few texts composed for
// this profile are owned by the Answer itself, each in its own heap block,
// so moving an Answer never invalidates a view (copying is not allowed).
//
// Each part also says where it comes from, as the indices of the Result's
// provenance (a compiled rule, a form, a stretch): renderers that keep
// per-rule or per-form parts read these rather than search the knowledge
// base. A part made by hand has none (-1).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace limber {

struct Reason {
  std::string_view rule;
  std::string_view text;
  std::span<const Citation> sources;   // the rule's citations
  std::string_view topic = "general";  // cautions: general | frequency
  const Rule* from = nullptr;          // the rule it came from; nullptr for the engine's own notes
  std::int32_t rule_index = -1;        // that rule's compiled index (Engine::rule); -1 with no rule
};

struct StopReason {
  Reason reason;
  Urgency urgency = Urgency::Soon;
};

struct AnswerStep {
  std::int32_t form = -1;  // the Engine's form it is done in (Engine::form); -1 for a hand-made step
  const Stretch* stretch = nullptr;
  const Variant* variant = nullptr;  // nullptr: as catalogued
  std::string_view position;         // one of positions()
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
  bool recommended = false;         // a rule had recommended it for this profile
  std::int32_t stretch_index = -1;  // its index in the knowledge base; -1 for a hand-made exclusion
};

struct Answer {
  Answer() = default;
  Answer(Answer&&) noexcept = default;
  Answer& operator=(Answer&&) noexcept = default;
  Answer(const Answer&) = delete;
  Answer& operator=(const Answer&) = delete;
  ~Answer() = default;

  std::string profile_id;
  Status status = Status::Ok;
  std::vector<StopReason> stop_reasons;
  std::vector<Reason> referrals;
  std::vector<AnswerStep> routine;
  int total_seconds = 0;
  int budget_seconds = 0;
  std::vector<AnswerExclusion> excluded;
  std::vector<Reason> cautions;
  std::vector<const Rule*> fired_rules;     // in evaluation order
  std::vector<std::uint16_t> fired_index;   // the same rules' compiled indices (Engine::rule)
  std::vector<const SourceDoc*> documents;  // every document cited above, in id order
  int pain_days = -1;                       // as given, for the Markdown's "what to expect"

  // Keeps `text` for as long as the Answer lives (moves included) and
  // returns a view of it: for texts composed for this profile.
  std::string_view own(std::string text);

 private:
  friend struct AnswerBuilder;
  std::vector<std::unique_ptr<const std::string>> owned_;
};

// What make_answer looks up in an Engine for every answer, worked out once:
// the stretches each rule recommends, the forms each modify rule applies
// to, and the documents each rule cites, in id order. For batches; the
// Engine must outlive the index, which several threads may share.
class AnswerIndex {
 public:
  explicit AnswerIndex(const Engine& engine);
  AnswerIndex(AnswerIndex&&) noexcept;
  AnswerIndex& operator=(AnswerIndex&&) noexcept;
  ~AnswerIndex();

  const Engine& engine() const { return *engine_; }

  struct Tables;
  const Tables& tables() const { return *tables_; }

 private:
  const Engine* engine_;
  std::unique_ptr<const Tables> tables_;
};

Answer make_answer(const Engine& engine, const Profile& profile, const Result& result);
// The same into `out`, replacing all of it but keeping its storage: reuse
// one Answer across the profiles of a batch and building it allocates
// next to nothing. Without an index, one is built for the call: for many
// answers, build the AnswerIndex once.
void make_answer(const Engine& engine, const Profile& profile, const Result& result, Answer& out);
void make_answer(const AnswerIndex& index, const Profile& profile, const Result& result, Answer& out);

// In plain words: "kneeling" -> "kneeling", "supine" -> "lying on your back"
std::string position_label(std::string_view position, bool on_floor);
// "30 s x 3 each side"
std::string dosage_label(const AnswerStep& step);
// "9 min 30 s"
std::string duration_label(int seconds);

}  // namespace limber
