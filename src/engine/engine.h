#pragma once
// The compiled knowledge base and the evaluation of one profile.
//
// Compilation turns names into indices once: fields into slots, enum and set
// values into bit masks, selectors into masks over "forms" (a stretch as
// catalogued, or one of its variants), rules into dependency order and
// their conditions into one branch-free program. After that, evaluating a
// profile and assembling its routine is a pass over flat arrays and bit
// sets: no allocation, no string comparison (see Result).

#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/program.h"
#include "knowledge/knowledge.h"

namespace limber {

constexpr std::size_t kMaxRules = 1024;
constexpr std::size_t kMaxStretches = 128;
constexpr std::size_t kMaxForms = 512;
constexpr std::size_t kMaxFacts = 64;
constexpr std::size_t kMaxSteps = 12;
// The documents' daily minimum (000: "at least 60 seconds of stretching").
constexpr int kMinimumSeconds = 60;

template <std::size_t N>
struct Bits {
  static constexpr std::size_t kWords = (N + 63) / 64;
  std::array<std::uint64_t, kWords> words{};

  void set(std::size_t i) { words[i >> 6] |= std::uint64_t{1} << (i & 63); }
  bool test(std::size_t i) const { return (words[i >> 6] >> (i & 63)) & 1u; }
  void clear() { words.fill(0); }
  Bits& operator|=(const Bits& o) {
    for (std::size_t i = 0; i < kWords; ++i) words[i] |= o.words[i];
    return *this;
  }
  // Calls f(i) for every set bit, in increasing order.
  template <class F>
  void for_each(F f) const {
    for (std::size_t w = 0; w < kWords; ++w) {
      for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
        f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      }
    }
  }
  // *this |= o on the first `count` words (the rest of o is zero).
  void or_words(const Bits& o, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) words[i] |= o.words[i];
  }
  // Calls f(i) for every bit set in both, in increasing order, within the
  // first `count` words.
  template <class F>
  void for_each_both(const Bits& o, std::size_t count, F f) const {
    for (std::size_t w = 0; w < count; ++w) {
      for (std::uint64_t bits = words[w] & o.words[w]; bits != 0; bits &= bits - 1) {
        f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      }
    }
  }
  // Calls f(i) for every set bit within the first `count` words, in increasing order.
  template <class F>
  void for_each(std::size_t count, F f) const {
    for (std::size_t w = 0; w < count; ++w) {
      for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
        f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      }
    }
  }
  // The set bits within the first `count` words.
  std::size_t count(std::size_t count) const {
    std::size_t n = 0;
    for (std::size_t w = 0; w < count; ++w) n += static_cast<std::size_t>(std::popcount(words[w]));
    return n;
  }
  bool intersects(const Bits& o, std::size_t count) const {
    std::uint64_t any = 0;
    for (std::size_t i = 0; i < count; ++i) any |= words[i] & o.words[i];
    return any != 0;
  }
  bool any() const {
    for (std::uint64_t w : words) {
      if (w != 0) return true;
    }
    return false;
  }
  friend bool operator==(const Bits&, const Bits&) = default;
};
using RuleBits = Bits<kMaxRules>;
using FormBits = Bits<kMaxForms>;

enum class Status : std::uint8_t { Ok, SeeProfessionalFirst, Stop };
const char* status_name(Status s);

// One stretch as it would be done: the catalogued form or a variant.
struct Form {
  std::uint16_t stretch = 0;
  std::int16_t variant = -1;  // -1: as catalogued
  std::uint8_t position = 0;  // index into positions()
  bool on_floor = false;
  bool warm_up = false;
  std::uint8_t intensity = 0;
  std::uint8_t kind = 0;         // index into stretch_kinds()
  std::uint64_t needs = 0;       // equipment bits
  std::uint64_t demands = 0;     // bits over demands()
  std::uint64_t directions = 0;  // bits over directions()
  std::uint64_t areas = 0;       // pain_areas bits
  std::uint16_t group = 0;
  Dosage dosage;
};

struct Step {
  std::uint16_t stretch = 0;
  std::uint16_t form = 0;
  std::uint16_t hold_seconds = 0;
  std::uint16_t reps = 0;
  bool per_side = false;
  std::uint32_t seconds = 0;
  std::int32_t score = 0;
};

struct Exclusion {
  std::uint16_t stretch = 0;
  std::uint16_t rule = 0;    // compiled rule index: the rule that blocked it
  bool recommended = false;  // a fired rule had recommended it
};

// Everything about one profile's answer, in flat storage. Reuse one Result
// across profiles in a batch: evaluate() overwrites all of it.
struct Result {
  RuleBits fired;
  std::uint64_t facts = 0;
  Status status = Status::Ok;
  std::uint8_t step_count = 0;
  std::array<Step, kMaxSteps> steps{};
  std::uint16_t excluded_count = 0;
  std::array<Exclusion, kMaxStretches> excluded{};
  std::uint64_t uncovered_no_safe = 0;  // pain areas no safe, recommended stretch covers
  std::uint64_t uncovered_no_time = 0;  // pain areas left out for lack of time
  std::int32_t budget_seconds = 0;
  std::int32_t total_seconds = 0;  // the steps' timelines (timeline.h), set-up and rests included
  std::int32_t held_seconds = 0;   // of which holding or moving in the stretches
  // Provenance: the fired rules behind each part of the answer, as bits over
  // the compiled rules (evaluation order), so "why" is an AND, not a search.
  // Only the engine's words in use are written: rule_words of them.
  std::uint8_t rule_words = 0;
  RuleBits stops;     // the fired stop rules
  RuleBits refers;    // the fired refer rules
  RuleBits cautions;  // the fired rules with a caution
  // Per step k, words [k * rule_words, (k + 1) * rule_words): the fired rules
  // that recommended its stretch, and the fired modify rules that apply to
  // its form. Packed, so a routine's provenance is a few cache lines.
  std::array<std::uint64_t, kMaxSteps * RuleBits::kWords> included_words{};
  std::array<std::uint64_t, kMaxSteps * RuleBits::kWords> modified_words{};

  bool included(std::size_t step, std::size_t rule) const { return test(included_words, step, rule); }
  bool modified(std::size_t step, std::size_t rule) const { return test(modified_words, step, rule); }
  // Calls f(rule) for each rule of step k's set, in evaluation order.
  template <class F>
  void for_each_included(std::size_t step, F f) const {
    for_each(included_words, step, f);
  }
  template <class F>
  void for_each_modifier(std::size_t step, F f) const {
    for_each(modified_words, step, f);
  }

 private:
  using StepWords = std::array<std::uint64_t, kMaxSteps * RuleBits::kWords>;
  bool test(const StepWords& w, std::size_t step, std::size_t rule) const {
    return (rule >> 6) < rule_words && ((w[step * rule_words + (rule >> 6)] >> (rule & 63)) & 1u) != 0;
  }
  template <class F>
  void for_each(const StepWords& w, std::size_t step, F f) const {
    for (std::size_t k = 0; k < rule_words; ++k) {
      for (std::uint64_t bits = w[step * rule_words + k]; bits != 0; bits &= bits - 1) {
        f(k * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      }
    }
  }
};

struct CompiledRule {
  std::uint32_t rule = 0;           // index into KnowledgeBase::rules
  std::uint32_t condition = 0;      // node index; kAlways when no `when`
  std::uint64_t derives = 0;        // fact bits
  std::uint32_t include_begin = 0;  // into Engine::includes_
  std::uint32_t include_end = 0;
  std::int32_t exclude = -1;  // into Engine::exclusions_
  std::int32_t modify = -1;   // into Engine::modifies_
  bool caution = false;
  bool refer = false;
  std::int8_t stop = -1;  // Urgency, or -1
};

// One rule for `explain`: whether it fired and, if not, the node of its
// condition that failed first (engine/describe.h puts it in words).
struct Trace {
  bool fired = false;
  std::uint32_t failed = 0xFFFFFFFF;  // a node of Engine::conditions(); none when fired
};

class Engine {
 public:
  // Throws Error (with the file position) for unknown references and cycles.
  explicit Engine(KnowledgeBase kb);

  const KnowledgeBase& kb() const { return kb_; }
  const Schema& schema() const { return kb_.schema; }

  void evaluate(const Profile& profile, Result& out) const;
  // The rules' firing alone (no routine); used by `explain` and tests.
  void fire(const Profile& profile, Result& out) const;
  // Whether fire() runs the branch-free program (else, for conditions too
  // large for it, the tree walk explain() uses).
  bool branch_free() const { return branch_free_; }

  // Rules in evaluation order.
  const std::vector<CompiledRule>& rules() const { return rules_; }
  const Rule& rule(std::size_t compiled) const { return kb_.rules[rules_[compiled].rule]; }
  const std::vector<Form>& forms() const { return forms_; }
  const Form& form(std::size_t i) const { return forms_[i]; }
  std::uint16_t base_form(std::size_t stretch) const { return first_form_[stretch]; }
  const std::vector<std::string>& groups() const { return groups_; }
  const std::vector<std::string>& facts() const { return facts_; }

  bool excludes(std::size_t compiled_rule, std::size_t form) const;
  // Whether a modify rule applies to a stretch done in a form (whether fired or not).
  bool modifies(std::size_t compiled_rule, std::size_t stretch, std::size_t form) const;
  bool includes(std::size_t compiled_rule, std::size_t stretch) const;

  // `explain`: for every rule in evaluation order, fired or the first failed condition.
  std::vector<Trace> explain(const Profile& profile) const;
  // `ask`: whether a field's ask_if holds for the answers so far.
  bool should_ask(int field, const Profile& profile) const;
  // Every compiled condition (CompiledRule::condition indexes its nodes).
  const program::ConditionTree& conditions() const { return conds_; }

  static constexpr std::uint32_t kAlways = 0xFFFFFFFF;

 private:
  using Op = program::Op;
  using Node = program::Node;
  struct Modify {
    FormBits select;
    std::vector<std::int16_t> variant_form;                       // per stretch: the offered variant's form, or -1
    std::vector<std::pair<std::uint16_t, std::uint16_t>> offers;  // (stretch, form) where variant_form >= 0
    std::uint16_t hold_cap = 0;
    std::uint16_t reps_cap = 0;
    bool has_variant = false;
  };

  void build_program();
  program::Literal lower(std::uint32_t node, program::Builder& b) const;
  void fire_tree(const Profile& profile, Result& out) const;

  std::uint32_t compile(const Cond& cond);
  std::uint32_t add_node(Node n);
  bool eval(std::uint32_t node, const Profile& p, std::uint64_t facts) const;
  std::uint32_t first_failure(std::uint32_t node, const Profile& p, std::uint64_t facts) const;
  FormBits compile_selector(const Selector& s) const;
  void build_forms();
  void order_rules(const std::vector<std::uint64_t>& tests);
  void assemble(const Profile& profile, Result& out) const;

  KnowledgeBase kb_;
  program::ConditionTree conds_;
  std::vector<CompiledRule> rules_;
  std::vector<std::pair<std::uint16_t, std::uint16_t>> includes_;  // (stretch, weight)
  std::vector<FormBits> exclusions_;
  std::vector<Modify> modifies_;
  // Per form, the caps of the modify rules that apply to it, in evaluation
  // order: form_caps_[form_caps_begin_[f] .. form_caps_begin_[f + 1]).
  struct Cap {
    std::uint16_t rule = 0;  // compiled index
    std::uint16_t hold = 0;  // 0: no cap
    std::uint16_t reps = 0;  // 0: no cap
  };
  std::vector<std::uint32_t> form_caps_begin_;
  std::vector<Cap> form_caps_;
  // The fired rules assemble() looks at, by what they do.
  RuleBits stop_rules_;
  RuleBits refer_rules_;
  RuleBits exclude_rules_;
  RuleBits include_rules_;
  RuleBits offer_rules_;  // modify rules that offer a variant
  RuleBits caution_rules_;
  // Packed, rule_words_ words each: per stretch, the include rules that
  // recommend it; per form, the modify rules that apply to it.
  std::vector<std::uint64_t> includer_words_;
  std::vector<std::uint64_t> modifier_words_;
  FormBits base_forms_;         // the stretches as catalogued
  std::size_t rule_words_ = 0;  // words of a RuleBits in use
  std::size_t form_words_ = 0;  // words of a FormBits in use
  std::vector<Form> forms_;
  std::vector<std::uint16_t> first_form_;  // per stretch, plus one past the end
  std::vector<std::string> groups_;
  std::vector<std::string> facts_;
  std::vector<std::uint32_t> ask_if_;  // per field: node, or kAlways
  // fire()'s program (build_program). `branch_free_` is false when the
  // conditions would need more than program::kMaxSlots slots; fire() then
  // walks the trees instead.
  bool branch_free_ = false;
  program::Program program_;
};

}  // namespace limber
