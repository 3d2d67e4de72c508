// JSON written directly, byte for byte as nlohmann's ordered_json would
// dump it (ensure_ascii off, invalid UTF-8 replaced): the same key order,
// the same escaping, and for pretty output dump(2)'s layout.

#include <array>
#include <charconv>
#include <cstring>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "render/json_writer.h"
#include "render/render.h"

namespace limber {

namespace {

using namespace json;  // NOLINT(google-build-using-namespace): the writer's parts

bool same(std::string_view x, std::string_view y) {
  return x.data() == y.data() && x.size() == y.size();
}
bool same(std::span<const Citation> x, std::span<const Citation> y) {
  return x.data() == y.data() && x.size() == y.size();
}

// What a knowledge-base rule shows in an answer, in one small place: a
// Reason from make_answer has these very views, which is what tells that
// a cached part is right for it.
struct RuleViews {
  std::string_view id;
  std::string_view because;
  std::string_view caution;
  std::string_view modify_text;  // empty (and no view of anything) without a modify text
  std::span<const Citation> sources;
  std::optional<Urgency> stop;
};

// The cached parts of one layout (compact or pretty), all in one string.
// Array elements start with the comma that goes before all but the first.
struct Fragments {
  struct Piece {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;  // 0: none
  };
  enum Kind : std::uint8_t {
    kStop,           // {rule, reason, urgency, sources}
    kReferral,       // {rule, reason, sources}, a top-level item
    kBecause,        // the same inside a step
    kCaution,        // {rule, text: caution}
    kModifyText,     // {rule, text: the modify's text}
    kModifyBecause,  // {rule, text: because}
    kExcludedTail,   // "rule", "reason" and the closing brace (no comma first)
    kFired,          // the id as a JSON string
    kKinds
  };
  std::string text;
  std::vector<std::array<Piece, kKinds>> rules;  // per knowledge-base rule
  std::vector<Piece> excluded_head;              // per stretch: an exclusion's opening brace and stretch
  std::vector<Piece> step_head;                  // per form slot (see Cache): a step up to "hold_seconds"

  std::string_view operator[](Piece p) const { return {text.data() + p.offset, p.size}; }

  // What `write` writes at nesting `depth`: an array element's value after
  // a comma, or (not `item`) the rest of an object after its first key.
  template <bool P, typename F>
  Piece add(int depth, F&& write, bool item = true) {
    std::string s = item ? "," : "";
    Out<P> o(s, depth, item);
    write(o);
    const Piece p{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(s.size())};
    text += s;
    return p;
  }
};

template <bool P>
Fragments make_fragments(const KnowledgeBase& kb, const std::vector<std::size_t>& first_slot,
                         const std::vector<int>& slot_position) {
  Fragments f;
  f.rules.resize(kb.rules.size());
  for (std::size_t i = 0; i < kb.rules.size(); ++i) {
    const Rule& rule = kb.rules[i];
    std::array<Fragments::Piece, Fragments::kKinds>& p = f.rules[i];
    const Reason because{rule.id, rule.because, rule.sources, "general", &rule};
    if (rule.stop) {
      p[Fragments::kStop] = f.add<P>(kTopItem, [&](Out<P>& o) { write_stop(o, StopReason{because, *rule.stop}); });
    }
    p[Fragments::kReferral] = f.add<P>(kTopItem, [&](Out<P>& o) { write_because(o, because); });
    p[Fragments::kBecause] = f.add<P>(kStepItem, [&](Out<P>& o) { write_because(o, because); });
    p[Fragments::kModifyBecause] = f.add<P>(kStepItem, [&](Out<P>& o) { write_note(o, because); });
    p[Fragments::kExcludedTail] = f.add<P>(
        kTopItem + 1, [&](Out<P>& o) { write_excluded_tail(o, because); }, false);
    p[Fragments::kFired] = f.add<P>(kTopItem, [&](Out<P>& o) { o.str(rule.id); });
    if (!rule.caution.empty()) {
      const Reason caution{rule.id, rule.caution, rule.sources, rule.caution_topic, &rule};
      p[Fragments::kCaution] = f.add<P>(kTopItem, [&](Out<P>& o) { write_note(o, caution); });
    }
    if (rule.modify && !rule.modify->text.empty()) {
      const Reason modify{rule.id, rule.modify->text, rule.sources, "general", &rule};
      p[Fragments::kModifyText] = f.add<P>(kStepItem, [&](Out<P>& o) { write_note(o, modify); });
    }
  }
  f.step_head.resize(slot_position.size());
  for (std::size_t s = 0; s < kb.stretches.size(); ++s) {
    const Stretch& stretch = kb.stretches[s];
    f.excluded_head.push_back(f.add<P>(kTopItem, [&](Out<P>& o) { write_excluded_head(o, stretch); }));
    for (std::size_t v = 0; v <= stretch.variants.size(); ++v) {
      const std::size_t slot = first_slot[s] + v;
      if (slot_position[slot] < 0) continue;
      const Variant* variant = v == 0 ? nullptr : &stretch.variants[v - 1];
      const std::string& position = positions()[static_cast<std::size_t>(slot_position[slot])];
      f.step_head[slot] = f.add<P>(kTopItem, [&](Out<P>& o) { write_step_head(o, stretch, variant, position); });
    }
  }
  f.text.shrink_to_fit();
  return f;
}

}  // namespace

struct JsonRenderer::Cache {
  const KnowledgeBase* kb = nullptr;
  std::vector<RuleViews> rules;         // per knowledge-base rule
  std::vector<std::size_t> first_slot;  // per stretch: its catalogued form's slot; variant v at + 1 + v
  std::vector<int> slot_position;       // per slot: index into positions(), or -1 when no form has it
  Fragments compact;
  Fragments pretty;

  template <typename T>
  static bool in(const T* p, const std::vector<T>& v) {
    return !std::less<>()(p, v.data()) && std::less<>()(p, v.data() + v.size());
  }
  long rule_index(const Rule* r) const { return r != nullptr && in(r, kb->rules) ? r - kb->rules.data() : -1; }
  // The knowledge-base index of the rule a Reason comes from, when it shows
  // that rule's id, `text` and citations unchanged; -1 otherwise.
  long rule_index(const Reason& r, std::string_view RuleViews::*text) const {
    const long i = rule_index(r.from);
    if (i < 0) return -1;
    const RuleViews& v = rules[static_cast<std::size_t>(i)];
    if (!same(r.rule, v.id) || !same(r.text, v.*text) || !same(r.sources, v.sources)) return -1;
    return i;
  }
  long stretch_index(const Stretch* s) const {
    return s != nullptr && in(s, kb->stretches) ? s - kb->stretches.data() : -1;
  }
  // The slot of a step's form, when its head is cached; -1 otherwise.
  long slot(const AnswerStep& s) const {
    const long st = stretch_index(s.stretch);
    if (st < 0) return -1;
    std::size_t v = 0;
    if (s.variant != nullptr) {
      if (!in(s.variant, s.stretch->variants)) return -1;
      v = static_cast<std::size_t>(s.variant - s.stretch->variants.data()) + 1;
    }
    const std::size_t slot = first_slot[static_cast<std::size_t>(st)] + v;
    const int pos = slot_position[slot];
    if (pos < 0) return -1;
    // make_answer's position is a view of positions(); anything else is compared.
    const std::string& want = positions()[static_cast<std::size_t>(pos)];
    if (!same(s.position, want) && s.position != want) return -1;
    return static_cast<long>(slot);
  }
};

namespace {

// Writes one answer; with a cache, the cached parts are copied in.
template <bool P>
void write_answer(const Answer& a, const JsonRenderer::Cache* c, std::string& s) {
  const Fragments* f = nullptr;
  if (c != nullptr) {
    if constexpr (P) {
      f = &c->pretty;
    } else {
      f = &c->compact;
    }
  }
  // The cached element of `kind` for `r` showing `text`, or "".
  auto cached = [&](const Reason& r, Fragments::Kind kind, std::string_view RuleViews::*text) -> std::string_view {
    if (c == nullptr) return {};
    const long i = c->rule_index(r, text);
    if (i < 0) return {};
    return (*f)[f->rules[static_cast<std::size_t>(i)][kind]];
  };

  Out<P> o(s);
  o.open('{');
  o.key(kSchema);
  o.raw(R"("limber.routine/1")");
  o.key(kProfileId);
  if (a.profile_id.empty()) {
    o.null();
  } else {
    o.str(a.profile_id);
  }
  o.key(kStatus);
  o.str(status_name(a.status));
  o.key(kStopReasons);
  o.array(a.stop_reasons, [&](const StopReason& x) {
    const std::string_view frag = cached(x.reason, Fragments::kStop, &RuleViews::because);
    if (!frag.empty() && c->rules[static_cast<std::size_t>(x.reason.from - c->kb->rules.data())].stop == x.urgency) {
      o.cached_item(frag);
    } else {
      o.item();
      write_stop(o, x);
    }
  });
  o.key(kRoutine);
  o.array(a.routine, [&](const AnswerStep& x) {
    const long slot = c != nullptr ? c->slot(x) : -1;
    if (slot >= 0) {
      o.cached_item_open((*f)[f->step_head[static_cast<std::size_t>(slot)]]);
    } else {
      o.item();
      write_step_head(o, *x.stretch, x.variant, x.position);
    }
    write_step_numbers(o, x);
    o.array(x.modifications, [&](const Reason& m) {
      std::string_view frag = cached(m, Fragments::kModifyText, &RuleViews::modify_text);
      if (frag.empty()) frag = cached(m, Fragments::kModifyBecause, &RuleViews::because);
      if (!frag.empty()) {
        o.cached_item(frag);
      } else {
        o.item();
        write_note(o, m);
      }
    });
    o.key(kBecause);
    o.array(x.because, [&](const Reason& b) {
      const std::string_view frag = cached(b, Fragments::kBecause, &RuleViews::because);
      if (!frag.empty()) {
        o.cached_item(frag);
      } else {
        o.item();
        write_because(o, b);
      }
    });
    o.close('}');
  });
  o.key(kTotalSeconds);
  o.number(a.total_seconds);
  o.key(kExcluded);
  o.array(a.excluded, [&](const AnswerExclusion& x) {
    const long st = c != nullptr ? c->stretch_index(x.stretch) : -1;
    if (st >= 0) {
      o.cached_item_open((*f)[f->excluded_head[static_cast<std::size_t>(st)]]);
    } else {
      o.item();
      write_excluded_head(o, *x.stretch);
    }
    const std::string_view frag = cached(x.reason, Fragments::kExcludedTail, &RuleViews::because);
    if (!frag.empty()) {
      o.cached_close(frag);
    } else {
      write_excluded_tail(o, x.reason);
    }
  });
  o.key(kCautions);
  o.array(a.cautions, [&](const Reason& r) {
    const std::string_view frag = cached(r, Fragments::kCaution, &RuleViews::caution);
    if (!frag.empty()) {
      o.cached_item(frag);
    } else {
      o.item();
      write_note(o, r);
    }
  });
  o.key(kFiredRules);
  o.array(a.fired_rules, [&](const Rule* r) {
    // A rule of this engine's knowledge base has its id escaped already.
    const long i = c != nullptr ? c->rule_index(r) : -1;
    if (i >= 0) {
      o.cached_item((*f)[f->rules[static_cast<std::size_t>(i)][Fragments::kFired]]);
    } else {
      o.item();
      o.str(r->id);
    }
  });
  // Additions beyond the contract's minimum: referral reasons and the budget.
  o.key(kReferrals);
  o.array(a.referrals, [&](const Reason& r) {
    const std::string_view frag = cached(r, Fragments::kReferral, &RuleViews::because);
    if (!frag.empty()) {
      o.cached_item(frag);
    } else {
      o.item();
      write_because(o, r);
    }
  });
  o.key(kBudgetSeconds);
  o.number(a.budget_seconds);
  o.close('}');
  s += '\n';
}

}  // namespace

std::string render_json(const Answer& a, bool pretty) {
  std::string s;
  if (pretty) {
    write_answer<true>(a, nullptr, s);
  } else {
    write_answer<false>(a, nullptr, s);
  }
  return s;
}

JsonRenderer::JsonRenderer(const Engine& engine) {
  auto c = std::make_unique<Cache>();
  const KnowledgeBase& kb = engine.kb();
  c->kb = &kb;
  for (const Rule& r : kb.rules) {
    RuleViews& v = c->rules.emplace_back();
    v.id = r.id;
    v.because = r.because;
    v.caution = r.caution;
    if (r.modify) v.modify_text = r.modify->text;
    v.sources = r.sources;
    v.stop = r.stop;
  }
  std::size_t slots = 0;
  for (const Stretch& s : kb.stretches) {
    c->first_slot.push_back(slots);
    slots += 1 + s.variants.size();
  }
  c->slot_position.assign(slots, -1);
  for (const Form& form : engine.forms()) {
    const std::size_t slot = c->first_slot[form.stretch] + static_cast<std::size_t>(form.variant + 1);
    c->slot_position[slot] = form.position;
  }
  c->compact = make_fragments<false>(kb, c->first_slot, c->slot_position);
  c->pretty = make_fragments<true>(kb, c->first_slot, c->slot_position);
  cache_ = std::move(c);
}

JsonRenderer::JsonRenderer(JsonRenderer&&) noexcept = default;
JsonRenderer& JsonRenderer::operator=(JsonRenderer&&) noexcept = default;
JsonRenderer::~JsonRenderer() = default;

void JsonRenderer::render(const Answer& a, bool pretty, std::string& out) const {
  if (pretty) {
    write_answer<true>(a, cache_.get(), out);
  } else {
    write_answer<false>(a, cache_.get(), out);
  }
}

std::string JsonRenderer::render(const Answer& a, bool pretty) const {
  std::string s;
  render(a, pretty, s);
  return s;
}

}  // namespace limber
