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

// What a compiled rule shows in an answer, in one small place: a Reason
// from make_answer has these very views, which is what tells that a cached
// part is right for it.
struct RuleViews {
  const Rule* rule = nullptr;
  std::string_view id;
  std::string_view because;
  std::string_view caution;
  std::string_view modify_text;  // empty (and no view of anything) without a modify text
  std::span<const Citation> sources;
  std::optional<Urgency> stop;
};

// What a form shows in a step: make_answer's step in that form has these.
struct FormViews {
  const Stretch* stretch = nullptr;
  const Variant* variant = nullptr;
  std::string_view position;  // a view of positions()
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
  std::vector<std::array<Piece, kKinds>> rules;  // per compiled rule
  std::vector<Piece> excluded_head;              // per stretch: an exclusion's opening brace and stretch
  std::vector<Piece> step_head;                  // per form: a step up to "hold_seconds"

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

// The parts of one rule: its reasons as each list of an answer shows them.
template <bool P>
std::array<Fragments::Piece, Fragments::kKinds> rule_fragments(Fragments& f, const Rule& rule) {
  std::array<Fragments::Piece, Fragments::kKinds> p{};
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
  return p;
}

template <bool P>
Fragments make_fragments(const Engine& engine) {
  Fragments f;
  for (std::size_t i = 0; i < engine.rules().size(); ++i) f.rules.push_back(rule_fragments<P>(f, engine.rule(i)));
  for (const Stretch& stretch : engine.kb().stretches) {
    f.excluded_head.push_back(f.add<P>(kTopItem, [&](Out<P>& o) { write_excluded_head(o, stretch); }));
  }
  for (const Form& form : engine.forms()) {
    const Stretch& stretch = engine.kb().stretches[form.stretch];
    const Variant* variant = form.variant >= 0 ? &stretch.variants[static_cast<std::size_t>(form.variant)] : nullptr;
    const std::string& position = positions()[form.position];
    f.step_head.push_back(f.add<P>(kTopItem, [&](Out<P>& o) { write_step_head(o, stretch, variant, position); }));
  }
  f.text.shrink_to_fit();
  return f;
}

}  // namespace

// Looked up by the indices an answer carries (its provenance), and used
// only when the part still shows exactly what the cached one was made from.
struct JsonRenderer::Cache {
  std::vector<RuleViews> rules;           // per compiled rule
  std::vector<FormViews> forms;           // per form
  std::vector<const Stretch*> stretches;  // per stretch
  Fragments compact;
  Fragments pretty;

  // The compiled rule a Reason comes from, when it shows that rule's id,
  // `text` and citations unchanged; -1 otherwise.
  long rule_index(const Reason& r, std::string_view RuleViews::*text) const {
    if (r.rule_index < 0 || static_cast<std::size_t>(r.rule_index) >= rules.size()) return -1;
    const RuleViews& v = rules[static_cast<std::size_t>(r.rule_index)];
    if (!same(r.rule, v.id) || !same(r.text, v.*text) || !same(r.sources, v.sources)) return -1;
    return r.rule_index;
  }
  // The fired rule at `k`, when the answer's indices name it; -1 otherwise.
  // `indexed`: the answer has an index for every fired rule.
  long fired_index(const Answer& a, std::size_t k, bool indexed) const {
    if (!indexed) return -1;
    const std::size_t i = a.fired_index[k];
    return i < rules.size() && rules[i].rule == a.fired_rules[k] ? static_cast<long>(i) : -1;
  }
  // The step's form, when its head is cached and the step shows that form; -1 otherwise.
  long form(const AnswerStep& s) const {
    if (s.form < 0 || static_cast<std::size_t>(s.form) >= forms.size()) return -1;
    const FormViews& v = forms[static_cast<std::size_t>(s.form)];
    if (s.stretch != v.stretch || s.variant != v.variant) return -1;
    // make_answer's position is a view of positions(); anything else is compared.
    if (!same(s.position, v.position) && s.position != v.position) return -1;
    return s.form;
  }
  long stretch(const AnswerExclusion& x) const {
    if (x.stretch_index < 0 || static_cast<std::size_t>(x.stretch_index) >= stretches.size()) return -1;
    return stretches[static_cast<std::size_t>(x.stretch_index)] == x.stretch ? x.stretch_index : -1;
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
    if (!frag.empty() && c->rules[static_cast<std::size_t>(x.reason.rule_index)].stop == x.urgency) {
      o.cached_item(frag);
    } else {
      o.item();
      write_stop(o, x);
    }
  });
  o.key(kRoutine);
  o.array(a.routine, [&](const AnswerStep& x) {
    const long form = c != nullptr ? c->form(x) : -1;
    if (form >= 0) {
      o.cached_item_open((*f)[f->step_head[static_cast<std::size_t>(form)]]);
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
    const long st = c != nullptr ? c->stretch(x) : -1;
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
  std::size_t k = 0;
  const bool indexed = a.fired_index.size() == a.fired_rules.size();
  o.array(a.fired_rules, [&](const Rule* r) {
    // A rule of this engine's knowledge base has its id escaped already.
    const long i = c != nullptr ? c->fired_index(a, k, indexed) : -1;
    ++k;
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
  for (std::size_t i = 0; i < engine.rules().size(); ++i) {
    const Rule& r = engine.rule(i);
    c->rules.push_back(RuleViews{&r, r.id, r.because, r.caution,
                                 r.modify ? std::string_view(r.modify->text) : std::string_view(), r.sources, r.stop});
  }
  for (const Form& form : engine.forms()) {
    const Stretch& stretch = engine.kb().stretches[form.stretch];
    c->forms.push_back(
        FormViews{&stretch, form.variant >= 0 ? &stretch.variants[static_cast<std::size_t>(form.variant)] : nullptr,
                  positions()[form.position]});
  }
  for (const Stretch& s : engine.kb().stretches) c->stretches.push_back(&s);
  c->compact = make_fragments<false>(engine);
  c->pretty = make_fragments<true>(engine);
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
