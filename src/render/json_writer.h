#pragma once
// The writer behind render_json: JSON strings escaped as nlohmann's
// ordered_json dumps them, the routine's keys in both layouts, and the
// parts of an answer (a stop reason, a reason, an exclusion, a step) that
// JsonRenderer writes in full or caches. Templates and inline functions, so
// the hot path compiles into render_json.cpp as one piece.

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

#include "engine/answer.h"

namespace limber::json {

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
bool valid_utf8(std::string_view s);
// `text` as nlohmann dumps a string that is not valid UTF-8 (replaced).
void append_replacing(std::string& out, std::string_view text);

// `text` as a JSON string, quotes included, appended to `out`.
inline void append_quoted(std::string& out, std::string_view text) {
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
        append_replacing(out, text);
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
inline void write_sources(Out<P>& o, std::span<const Citation> sources) {
  o.array(sources, [&](const Citation& c) {
    o.item();
    o.str(c.doc);
  });
}

template <bool P>
inline void write_stop(Out<P>& o, const StopReason& s) {
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
inline void write_reason(Out<P>& o, const Reason& r, const Key& text_key, bool with_sources) {
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
inline void write_because(Out<P>& o, const Reason& r) {
  write_reason(o, r, kReason, true);
}
template <bool P>
inline void write_note(Out<P>& o, const Reason& r) {
  write_reason(o, r, kText, false);
}

// An exclusion in two halves: up to its stretch, then from its rule on.
template <bool P>
inline void write_excluded_head(Out<P>& o, const Stretch& stretch) {
  o.open('{');
  o.key(kStretch);
  o.str(stretch.id);
}
template <bool P>
inline void write_excluded_tail(Out<P>& o, const Reason& r) {
  o.key(kRule);
  o.str(r.rule);
  o.key(kReason);
  o.str(r.text);
  o.close('}');
}

// A step up to the key of its hold: what depends only on its form.
template <bool P>
inline void write_step_head(Out<P>& o, const Stretch& stretch, const Variant* variant, std::string_view position) {
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
inline void write_step_numbers(Out<P>& o, const AnswerStep& s) {
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

}  // namespace limber::json
