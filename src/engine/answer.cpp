#include "engine/answer.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <bit>
#include <optional>

#include "base/text.h"

namespace limber {

// Plain words, not a clinician's: "supine" is "lying on your back".
std::string position_label(std::string_view position, bool on_floor) {
  if (position == "seated") return on_floor ? "sitting on the floor" : "sitting on a chair";
  if (position == "supine") return "lying on your back";
  if (position == "prone") return "lying on your front";
  if (position == "side_lying") return "lying on your side";
  if (position == "all_fours") return "on hands and knees";
  if (position == "squat") return "squatting";
  if (position == "hanging") return "hanging from a bar";
  std::string label(position);
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::string dosage_label(const AnswerStep& s) {
  std::string out = fmt::format("{} s x {}", s.hold_seconds, s.reps);
  if (s.per_side) out += " each side";
  return out;
}

std::string duration_label(int seconds) {
  if (seconds < 60) return fmt::format("{} s", seconds);
  if (seconds % 60 == 0) return fmt::format("{} min", seconds / 60);
  return fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

std::string_view Answer::own(std::string text) {
  owned_.push_back(std::make_unique<const std::string>(std::move(text)));
  return *owned_.back();
}

namespace {

// A text of the rule with compiled index `compiled`.
Reason reason_of(const Rule& rule, std::size_t compiled, std::string_view text) {
  return Reason{rule.id, text, rule.sources, "general", &rule, static_cast<std::int32_t>(compiled)};
}

// The distinct document ids cited, kept sorted; no allocation for the
// first few. Ids are compared by their first eight bytes as one number
// first (the same order as the strings' when those differ).
class DocIds {
 public:
  void insert(const std::string& id) {
    const Entry e{prefix(id), &id};
    Entry* const first = data();
    Entry* const last = first + size_;
    Entry* at = first;
    for (; at != last; ++at) {
      const int c = compare(*at, e);
      if (c == 0) return;
      if (c > 0) break;
    }
    if (size_ == small_.size() && big_.empty()) big_.assign(small_.begin(), small_.end());
    if (!big_.empty()) {
      big_.insert(big_.begin() + (at - first), e);
    } else {
      std::move_backward(at, last, last + 1);
      *at = e;
    }
    ++size_;
  }
  std::size_t size() const { return size_; }
  const std::string& operator[](std::size_t i) const { return big_.empty() ? *small_[i].id : *big_[i].id; }

 private:
  struct Entry {
    std::uint64_t prefix;
    const std::string* id;
  };
  static std::uint64_t prefix(const std::string& s) {
    std::uint64_t p = 0;
    const std::size_t n = std::min<std::size_t>(s.size(), 8);
    for (std::size_t i = 0; i < n; ++i) p |= std::uint64_t{static_cast<unsigned char>(s[i])} << (56 - 8 * i);
    return p;
  }
  static int compare(const Entry& x, const Entry& y) {
    if (x.prefix != y.prefix) return x.prefix < y.prefix ? -1 : 1;
    if (x.id->size() == y.id->size() && x.id->size() <= 8) return 0;
    return x.id->compare(*y.id);
  }
  Entry* data() { return big_.empty() ? small_.data() : big_.data(); }
  std::array<Entry, 32> small_;  // NOLINT: the first size_ are set
  std::vector<Entry> big_;
  std::size_t size_ = 0;
};

std::string area_list(const Field& areas, std::uint64_t bits) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < areas.values.size(); ++i) {
    if ((bits >> i) & 1u) labels.push_back(lower(areas.values[i].label));
  }
  if (labels.size() <= 1) return join(labels);
  const std::string last = labels.back();
  labels.pop_back();
  return join(labels) + " and " + last;
}

// The rule's own text when it has one (a view), else composed and owned by `a`.
std::string_view modification_text(Answer& a, const Rule& rule, const Stretch& stretch, const Variant* variant) {
  const Modify& m = *rule.modify;
  if (!m.text.empty()) return m.text;
  if (m.variant && variant != nullptr && variant->id == m.variant->text) {
    return a.own(variant->name + ": " + variant->text);
  }
  std::string text;
  if (m.hold_seconds != 0 && m.hold_seconds < stretch.dosage.hold_seconds) {
    text = fmt::format("hold for at most {} s", m.hold_seconds);
  }
  if (m.reps != 0) {
    if (!text.empty()) text += " and ";
    text += fmt::format("do at most {} repetitions", m.reps);
  }
  if (text.empty()) return rule.because;
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return a.own(text + ".");
}

}  // namespace

struct AnswerIndex::Tables {
  // A compiled rule, as make_answer uses it: in one small place rather than
  // spread over the (large) Rule.
  struct RuleFacts {
    Reason because;  // the rule's `because` as a reason
    Reason caution;  // its caution, if it has one
    std::optional<Urgency> stop;
  };
  struct RuleBrief {          // what is looked at for every fired rule
    std::int32_t weight = 0;  // of its include
  };
  std::vector<RuleFacts> rules;             // per compiled rule
  std::vector<RuleBrief> briefs;            // per compiled rule
  int pain_days = -1;                       // the field's index
  bool docs_by_mask = false;                // at most 64 documents: the two below are set
  std::vector<std::uint64_t> cites;         // per compiled rule: bits over `documents`
  std::vector<const SourceDoc*> documents;  // every document id once, in id order
};

AnswerIndex::AnswerIndex(const Engine& engine) : engine_(&engine) {
  auto t = std::make_unique<Tables>();
  const KnowledgeBase& kb = engine.kb();
  const std::size_t n = engine.rules().size();
  t->pain_days = kb.schema.index("pain_days");
  for (std::size_t i = 0; i < n; ++i) {
    const Rule& rule = engine.rule(i);
    Tables::RuleFacts& f = t->rules.emplace_back();
    f.because = reason_of(rule, i, rule.because);
    f.caution = Reason{rule.id, rule.caution, rule.sources, rule.caution_topic, &rule, static_cast<std::int32_t>(i)};
    f.stop = rule.stop;
    t->briefs.push_back(Tables::RuleBrief{rule.include ? rule.include->weight : 0});
  }
  // Documents by id, each id once (as KnowledgeBase::source finds it).
  std::vector<const SourceDoc*> docs;
  for (const SourceDoc& d : kb.sources) {
    if (kb.source(d.id) == &d) docs.push_back(&d);
  }
  std::sort(docs.begin(), docs.end(), [](const SourceDoc* x, const SourceDoc* y) { return x->id < y->id; });
  if (docs.size() <= 64) {
    t->docs_by_mask = true;
    t->documents = docs;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t bits = 0;
      for (const Citation& c : engine.rule(i).sources) {
        const SourceDoc* d = kb.source(c.doc);
        const auto at = std::find(docs.begin(), docs.end(), d);
        if (at != docs.end()) bits |= std::uint64_t{1} << (at - docs.begin());
      }
      t->cites.push_back(bits);
    }
  }
  tables_ = std::move(t);
}

AnswerIndex::AnswerIndex(AnswerIndex&&) noexcept = default;
AnswerIndex& AnswerIndex::operator=(AnswerIndex&&) noexcept = default;
AnswerIndex::~AnswerIndex() = default;

// make_answer, from the index's tables.
struct AnswerBuilder {
  const Engine& engine;
  const AnswerIndex::Tables& t;

  void build(const Profile& profile, const Result& result, Answer& a) const;
};

void AnswerBuilder::build(const Profile& profile, const Result& result, Answer& a) const {
  const KnowledgeBase& kb = engine.kb();
  a.profile_id.assign(profile.id);
  a.status = result.status;
  a.stop_reasons.clear();
  a.referrals.clear();
  a.total_seconds = 0;
  a.budget_seconds = result.budget_seconds;
  a.excluded.clear();
  a.cautions.clear();
  a.fired_rules.clear();
  a.fired_index.clear();
  a.documents.clear();
  a.pain_days = -1;
  a.owned_.clear();
  const int days = t.pain_days;
  if (days >= 0 && profile.has(days)) a.pain_days = static_cast<int>(profile.values[static_cast<std::size_t>(days)]);
  // The documents the answer cites, listed once each at the end: as bits
  // over the index's documents, or the rules citing them (by compiled
  // index: the reason's provenance).
  const bool by_mask = t.docs_by_mask;
  std::uint64_t cited_docs = 0;
  RuleBits cited;
  auto cite = [&](const Reason& r) {
    if (r.rule_index < 0 || r.sources.empty()) return;
    const auto i = static_cast<std::size_t>(r.rule_index);
    if (by_mask) {
      cited_docs |= t.cites[i];
    } else {
      cited.set(i);
    }
  };

  // A rule's `because` as a reason.
  const auto because_of = [&](std::size_t rule) { return t.rules[rule].because; };

  // What each part of the answer comes from is the Result's provenance:
  // bits over the compiled rules, in evaluation order.
  const std::size_t words = (engine.rules().size() + 63) / 64;
  const std::size_t fired = result.fired.count(words);
  a.fired_rules.reserve(fired);
  a.fired_index.reserve(fired);
  result.fired.for_each(words, [&](std::size_t i) {
    a.fired_rules.push_back(&engine.rule(i));
    a.fired_index.push_back(static_cast<std::uint16_t>(i));
  });

  std::array<CautionImportance, kMaxRules + 4> importance;  // NOLINT: per caution, set with it
  if (result.status == Status::Stop) {
    a.routine.clear();
    result.stops.for_each(words, [&](std::size_t i) {
      a.stop_reasons.push_back(StopReason{t.rules[i].because, *t.rules[i].stop});
      cite(a.stop_reasons.back().reason);
    });
    std::stable_sort(a.stop_reasons.begin(), a.stop_reasons.end(),
                     [](const StopReason& x, const StopReason& y) { return x.urgency < y.urgency; });
  } else {
    a.referrals.reserve(result.refers.count(words));
    result.refers.for_each(words, [&](std::size_t i) {
      a.referrals.push_back(because_of(i));
      cite(a.referrals.back());
    });
    // Cautions: those that hold under this status and are about the routine
    // actually given (a caution with `about` needs a step it is about), each
    // text once. Sorted by importance and cut to the limit at the end.
    a.cautions.reserve(result.cautions.count(words) + 2);
    const unsigned status_bit = result.status == Status::Ok ? 1u : 2u;
    result.cautions.for_each(words, [&](std::size_t i) {
      const Rule& rule = engine.rule(i);
      if ((rule.caution_statuses & status_bit) == 0) return;
      if (engine.caution_has_about(i)) {
        bool about = false;
        for (std::size_t st = 0; st < result.step_count && !about; ++st)
          about = engine.caution_about(i, result.steps[st].form);
        if (!about) return;
      }
      const Reason& c = t.rules[i].caution;
      if (std::any_of(a.cautions.begin(), a.cautions.end(), [&](const Reason& r) { return r.text == c.text; })) return;
      importance[a.cautions.size()] = rule.caution_importance;
      a.cautions.push_back(c);
    });
    auto add_modification = [&](AnswerStep& s, const Form& form, std::size_t rule) {
      const Rule& r = engine.rule(rule);
      // A cap alone that did not lower this stretch's dose changed nothing.
      const Modify& m = *r.modify;
      const bool capped = (m.hold_seconds != 0 && m.hold_seconds < form.dosage.hold_seconds) ||
                          (m.reps != 0 && m.reps < form.dosage.reps);
      if (m.text.empty() && !m.variant && !capped) return;
      s.modifications.push_back(reason_of(r, rule, modification_text(a, r, *s.stretch, s.variant)));
      cite(s.modifications.back());
    };

    a.routine.resize(result.step_count);
    for (std::size_t k = 0; k < result.step_count; ++k) {
      const Step& st = result.steps[k];
      const Form& form = engine.form(st.form);
      AnswerStep& s = a.routine[k];
      s.form = st.form;
      s.stretch = &kb.stretches[st.stretch];
      s.variant = form.variant >= 0 ? &s.stretch->variants[static_cast<std::size_t>(form.variant)] : nullptr;
      s.position = positions()[form.position];
      s.on_floor = form.on_floor;
      s.hold_seconds = st.hold_seconds;
      s.reps = st.reps;
      s.per_side = st.per_side;
      s.seconds = static_cast<int>(st.seconds);
      s.modifications.clear();
      s.because.clear();
      result.for_each_modifier(k, [&](std::size_t i) { add_modification(s, form, i); });
      // Why: the fired rules that recommended this stretch, strongest first
      // (ties in evaluation order: a stable insertion sort, no buffer to allocate).
      std::array<std::uint16_t, kMaxRules> why;  // NOLINT: the first why_count are filled below
      std::size_t why_count = 0;
      result.for_each_included(k, [&](std::size_t i) {
        const std::int32_t weight = t.briefs[i].weight;
        std::size_t j = why_count++;
        for (; j > 0 && t.briefs[why[j - 1]].weight < weight; --j) why[j] = why[j - 1];
        why[j] = static_cast<std::uint16_t>(i);
      });
      s.because.reserve(why_count);
      for (std::size_t w = 0; w < why_count; ++w) {
        s.because.push_back(because_of(why[w]));
        cite(s.because.back());
      }
    }
    a.total_seconds = result.total_seconds;
    a.excluded.reserve(result.excluded_count);
    for (std::size_t k = 0; k < result.excluded_count; ++k) {
      const Exclusion& e = result.excluded[k];
      a.excluded.push_back(AnswerExclusion{&kb.stretches[e.stretch], because_of(e.rule), e.recommended, e.stretch});
      cite(a.excluded.back().reason);
    }
    // The engine's own notes: areas left uncovered, a routine below the minimum.
    const Field& areas = kb.schema.fields[static_cast<std::size_t>(kb.schema.pain_areas)];
    if (result.uncovered_no_safe != 0) {
      importance[a.cautions.size()] = CautionImportance::High;
      a.cautions.push_back(
          Reason{"routine:no-safe-stretch",
                 a.own(fmt::format("No recommended stretch for your {} is safe for you as you answered; ask a "
                                   "physiotherapist for one that is.",
                                   area_list(areas, result.uncovered_no_safe))),
                 {}});
    }
    if (result.uncovered_no_time != 0) {
      importance[a.cautions.size()] = CautionImportance::Normal;
      a.cautions.push_back(
          Reason{"routine:out-of-time",
                 a.own(fmt::format("Your {} did not leave room for a stretch for your {}; allow more minutes "
                                   "to cover it.",
                                   duration_label(result.budget_seconds), area_list(areas, result.uncovered_no_time))),
                 {}});
    }
    if (a.routine.empty()) {
      importance[a.cautions.size()] = CautionImportance::High;
      a.cautions.push_back(Reason{"routine:empty",
                                  "No stretch is both recommended and safe for you as you answered; a physiotherapist "
                                  "can suggest what to do instead.",
                                  {}});
    } else if (result.held_seconds < kMinimumSeconds) {
      importance[a.cautions.size()] = CautionImportance::Normal;
      a.cautions.push_back(Reason{"routine:below-minimum",
                                  "This routine holds its stretches for less than a minute in all; aim for at least 60 "
                                  "seconds of stretching a day, so do it twice.",
                                  {}});
    }
  }
  // Most important first (stable: evaluation order within a level); every
  // high one is kept, the rest only up to kCautionLimit in all.
  {
    const std::size_t n = a.cautions.size();
    std::array<std::uint16_t, kMaxRules + 4> order;  // NOLINT: the first n are set below
    for (std::size_t k = 0; k < n; ++k) order[k] = static_cast<std::uint16_t>(k);
    std::stable_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n),
                     [&](std::uint16_t x, std::uint16_t y) { return importance[x] < importance[y]; });
    static thread_local std::vector<Reason> kept;  // reused: no allocation per answer
    kept.clear();
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t c = order[k];
      if (importance[c] != CautionImportance::High && kept.size() >= kCautionLimit) break;
      kept.push_back(a.cautions[c]);
    }
    a.cautions.assign(kept.begin(), kept.end());
    for (const Reason& c : a.cautions) cite(c);
  }
  if (by_mask) {
    a.documents.reserve(static_cast<std::size_t>(std::popcount(cited_docs)));
    for (std::uint64_t bits = cited_docs; bits != 0; bits &= bits - 1) {
      a.documents.push_back(t.documents[static_cast<std::size_t>(std::countr_zero(bits))]);
    }
    return;
  }
  DocIds docs;
  cited.for_each(words, [&](std::size_t i) {
    for (const Citation& c : engine.rule(i).sources) docs.insert(c.doc);
  });
  a.documents.reserve(docs.size());
  for (std::size_t k = 0; k < docs.size(); ++k) {
    if (const SourceDoc* d = kb.source(docs[k])) a.documents.push_back(d);
  }
}

Answer make_answer(const Engine& engine, const Profile& profile, const Result& result) {
  Answer a;
  make_answer(engine, profile, result, a);
  return a;
}

void make_answer(const Engine& engine, const Profile& profile, const Result& result, Answer& out) {
  const AnswerIndex index(engine);
  make_answer(index, profile, result, out);
}

void make_answer(const AnswerIndex& index, const Profile& profile, const Result& result, Answer& out) {
  AnswerBuilder{index.engine(), index.tables()}.build(profile, result, out);
}

}  // namespace limber
