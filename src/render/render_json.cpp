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

#include "render/render.h"

namespace limber {

namespace {

using Json = nlohmann::ordered_json;

// What a byte needs in a JSON string: 0 nothing, 1 an escape, 2 a check
// that the UTF-8 it belongs to is valid.
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (std::size_t c = 0; c < 0x20; ++c) t[c] = 1;
  t['"'] = 1;
  t['\\'] = 1;
  for (std::size_t c = 0x80; c < 0x100; ++c) t[c] = 2;
  return t;
}();

// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
// nothing past U+10FFFF), which is exactly what nlohmann accepts.
bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t follow = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      follow = 1;
    } else if (c == 0xE0) {
      follow = 2;
      lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      follow = 2;
    } else if (c == 0xED) {
      follow = 2;
      hi = 0x9F;
    } else if (c == 0xF0) {
      follow = 3;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      follow = 3;
    } else if (c == 0xF4) {
      follow = 3;
      hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= follow) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t k = 2; k <= follow; ++k) {
      if ((p[k] & 0xC0u) != 0x80u) return false;
    }
    p += follow + 1;
  }
  return true;
}

// `text` as a JSON string, quotes included, appended to `out`.
void append_quoted(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out += '"';
  const char* const s = text.data();
  std::size_t run = 0;  // the first byte not yet copied
  bool checked = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::uint8_t what = kByteClass[c];
    if (what == 0) continue;
    if (what == 2) {
      // Everything before i is ASCII: the rest decides whether it is valid.
      if (!checked && !valid_utf8(text.substr(i))) {
        out.resize(start);
        out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
      }
      checked = true;
      continue;
    }
    out.append(s + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(u, sizeof u);
      }
    }
  }
  out.append(s + run, text.size() - run);
  out += '"';
}

// A key as it follows another in compact output (`,"k":`) and as pretty
// output writes it (`"k": `).
struct Key {
  std::string_view compact;
  std::string_view pretty;
};
constexpr Key kSchema{R"(,"schema":)", R"("schema": )"};
constexpr Key kProfileId{R"(,"profile_id":)", R"("profile_id": )"};
constexpr Key kStatus{R"(,"status":)", R"("status": )"};
constexpr Key kStopReasons{R"(,"stop_reasons":)", R"("stop_reasons": )"};
constexpr Key kRoutine{R"(,"routine":)", R"("routine": )"};
constexpr Key kTotalSeconds{R"(,"total_seconds":)", R"("total_seconds": )"};
constexpr Key kExcluded{R"(,"excluded":)", R"("excluded": )"};
constexpr Key kCautions{R"(,"cautions":)", R"("cautions": )"};
constexpr Key kFiredRules{R"(,"fired_rules":)", R"("fired_rules": )"};
constexpr Key kReferrals{R"(,"referrals":)", R"("referrals": )"};
constexpr Key kBudgetSeconds{R"(,"budget_seconds":)", R"("budget_seconds": )"};
constexpr Key kRule{R"(,"rule":)", R"("rule": )"};
constexpr Key kReason{R"(,"reason":)", R"("reason": )"};
constexpr Key kText{R"(,"text":)", R"("text": )"};
constexpr Key kUrgency{R"(,"urgency":)", R"("urgency": )"};
constexpr Key kSources{R"(,"sources":)", R"("sources": )"};
constexpr Key kStretch{R"(,"stretch":)", R"("stretch": )"};
constexpr Key kName{R"(,"name":)", R"("name": )"};
constexpr Key kPosition{R"(,"position":)", R"("position": )"};
constexpr Key kVariant{R"(,"variant":)", R"("variant": )"};
constexpr Key kHoldSeconds{R"(,"hold_seconds":)", R"("hold_seconds": )"};
constexpr Key kReps{R"(,"reps":)", R"("reps": )"};
constexpr Key kPerSide{R"(,"per_side":)", R"("per_side": )"};
constexpr Key kSeconds{R"(,"seconds":)", R"("seconds": )"};
constexpr Key kModifications{R"(,"modifications":)", R"("modifications": )"};
constexpr Key kBecause{R"(,"because":)", R"("because": )"};

// The writer: separators, indentation and values, as dump() lays them out.
// Containers are opened only when they have an element ("[]" otherwise).
template <bool Pretty>
class Out {
 public:
  explicit Out(std::string& s, int depth = 0, bool first = true) : s_(s), depth_(depth), first_(first) {}

  void open(char c) {
    s_ += c;
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if constexpr (Pretty) newline();
    s_ += c;
    first_ = false;
  }
  void item() {
    if (!first_) s_ += ',';
    first_ = false;
    if constexpr (Pretty) newline();
  }
  void key(const Key& k) {
    if constexpr (Pretty) {
      item();
      s_ += k.pretty;
    } else {
      s_ += first_ ? k.compact.substr(1) : k.compact;
      first_ = false;
    }
  }
  void str(std::string_view text) { append_quoted(s_, text); }
  void raw(std::string_view json) { s_ += json; }
  // A cached array element, stored with the comma that goes before it
  // when it is not the first.
  void cached_item(std::string_view comma_json) {
    if constexpr (Pretty) {
      item();
      s_ += comma_json.substr(1);
    } else {
      s_ += first_ ? comma_json.substr(1) : comma_json;
      first_ = false;
    }
  }
  // The same, for an element that opens an object and stays inside it.
  void cached_item_open(std::string_view comma_json) {
    cached_item(comma_json);
    ++depth_;
  }
  // A cached fragment that finishes an object.
  void cached_close(std::string_view json) {
    s_ += json;
    --depth_;
    first_ = false;
  }
  void number(std::int64_t v) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    s_.append(buf, static_cast<std::size_t>(end - buf));
  }
  void boolean(bool b) { s_ += b ? std::string_view("true") : std::string_view("false"); }
  void null() { s_ += "null"; }
  template <typename Range, typename F>
  void array(const Range& items, F&& each) {
    if (std::empty(items)) {
      s_ += "[]";
      return;
    }
    open('[');
    for (const auto& x : items) each(x);
    close(']');
  }

 private:
  void newline() {
    s_ += '\n';
    s_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  std::string& s_;
  int depth_;
  bool first_;
};

// Nesting depths of the parts that are cached (the depth their array is at).
constexpr int kTopItem = 2;   // an element of a top-level array
constexpr int kStepItem = 4;  // an element of an array inside a routine step

// The parts, written in full: values, after the separator (item()) or key.

template <bool P>
void write_sources(Out<P>& o, std::span<const Citation> sources) {
  o.array(sources, [&](const Citation& c) {
    o.item();
    o.str(c.doc);
  });
}

template <bool P>
void write_stop(Out<P>& o, const StopReason& s) {
  o.open('{');
  o.key(kRule);
  o.str(s.reason.rule);
  o.key(kReason);
  o.str(s.reason.text);
  o.key(kUrgency);
  o.str(urgency_name(s.urgency));
  o.key(kSources);
  write_sources(o, s.reason.sources);
  o.close('}');
}

template <bool P>
void write_reason(Out<P>& o, const Reason& r, const Key& text_key, bool with_sources) {
  o.open('{');
  o.key(kRule);
  o.str(r.rule);
  o.key(text_key);
  o.str(r.text);
  if (with_sources) {
    o.key(kSources);
    write_sources(o, r.sources);
  }
  o.close('}');
}
template <bool P>
void write_because(Out<P>& o, const Reason& r) {
  write_reason(o, r, kReason, true);
}
template <bool P>
void write_note(Out<P>& o, const Reason& r) {
  write_reason(o, r, kText, false);
}

// An exclusion in two halves: up to its stretch, then from its rule on.
template <bool P>
void write_excluded_head(Out<P>& o, const Stretch& stretch) {
  o.open('{');
  o.key(kStretch);
  o.str(stretch.id);
}
template <bool P>
void write_excluded_tail(Out<P>& o, const Reason& r) {
  o.key(kRule);
  o.str(r.rule);
  o.key(kReason);
  o.str(r.text);
  o.close('}');
}

// A step up to the key of its hold: what depends only on its form.
template <bool P>
void write_step_head(Out<P>& o, const Stretch& stretch, const Variant* variant, std::string_view position) {
  o.open('{');
  o.key(kStretch);
  o.str(stretch.id);
  o.key(kName);
  o.str(variant != nullptr ? variant->name : stretch.name);
  o.key(kPosition);
  o.str(position);
  o.key(kVariant);
  if (variant != nullptr) {
    o.str(variant->id);
  } else {
    o.null();
  }
  o.key(kHoldSeconds);
}

// A step's numbers, from its hold to the key of its modifications.
template <bool P>
void write_step_numbers(Out<P>& o, const AnswerStep& s) {
  if constexpr (P) {
    o.number(s.hold_seconds);
    o.key(kReps);
    o.number(s.reps);
    o.key(kPerSide);
    o.boolean(s.per_side);
    o.key(kSeconds);
    o.number(s.seconds);
    o.key(kModifications);
  } else {
    // Compact, the same bytes in one piece: three numbers of at most 11
    // characters and 53 of keys and a boolean.
    constexpr std::size_t kNumber = 11;
    char buf[128];
    std::size_t n = 0;
    auto text = [&](std::string_view t) {
      if (n + t.size() > sizeof buf) return;  // never: the sizes are fixed
      std::memcpy(buf + n, t.data(), t.size());
      n += t.size();
    };
    auto number = [&](int v) {
      if (n + kNumber > sizeof buf) return;  // never
      n = static_cast<std::size_t>(std::to_chars(buf + n, buf + n + kNumber, v).ptr - buf);
    };
    number(s.hold_seconds);
    text(kReps.compact);
    number(s.reps);
    text(kPerSide.compact);
    text(s.per_side ? std::string_view("true") : std::string_view("false"));
    text(kSeconds.compact);
    number(s.seconds);
    text(kModifications.compact);
    o.raw(std::string_view(buf, n));
  }
}

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
