#include "answer.h"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "text.h"

namespace limber {

std::string position_label(std::string_view position, bool on_floor) {
  std::string label(position);
  std::replace(label.begin(), label.end(), '_', ' ');
  if (position == "seated") label = on_floor ? "seated on the floor" : "seated on a chair";
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

namespace {

Reason reason_of(const Rule& rule, std::string text) {
  Reason r;
  r.rule = rule.id;
  r.text = std::move(text);
  for (const Citation& c : rule.sources) r.sources.push_back(&c);
  return r;
}

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

std::string modification_text(const Rule& rule, const Stretch& stretch, const Variant* variant) {
  const Modify& m = *rule.modify;
  if (!m.text.empty()) return m.text;
  if (m.variant && variant != nullptr && variant->id == m.variant->text) return variant->name + ": " + variant->text;
  std::vector<std::string> parts;
  if (m.hold_seconds != 0 && m.hold_seconds < stretch.dosage.hold_seconds)
    parts.push_back(fmt::format("hold for at most {} s", m.hold_seconds));
  if (m.reps != 0) parts.push_back(fmt::format("do at most {} repetitions", m.reps));
  std::string text = join(parts, " and ");
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text.empty() ? rule.because : text + ".";
}

}  // namespace

Answer make_answer(const Engine& engine, const Profile& profile, const Result& result) {
  const KnowledgeBase& kb = engine.kb();
  Answer a;
  a.profile_id = profile.id;
  a.status = result.status;
  a.budget_seconds = result.budget_seconds;
  if (const int days = kb.schema.index("pain_days"); days >= 0 && profile.has(days)) {
    a.pain_days = static_cast<int>(profile.values[static_cast<std::size_t>(days)]);
  }
  std::set<std::string> cited;
  auto cite = [&](const Reason& r) {
    for (const Citation* c : r.sources) cited.insert(c->doc);
  };

  for (std::size_t i = 0; i < engine.rules().size(); ++i) {
    if (result.fired.test(i)) a.fired_rules.push_back(engine.rule(i).id);
  }

  if (result.status == Status::Stop) {
    for (std::size_t i = 0; i < engine.rules().size(); ++i) {
      const Rule& rule = engine.rule(i);
      if (!result.fired.test(i) || !rule.stop) continue;
      a.stop_reasons.push_back(StopReason{reason_of(rule, rule.because), *rule.stop});
      cite(a.stop_reasons.back().reason);
    }
    std::stable_sort(a.stop_reasons.begin(), a.stop_reasons.end(),
                     [](const StopReason& x, const StopReason& y) { return x.urgency < y.urgency; });
  } else {
    for (std::size_t i = 0; i < engine.rules().size(); ++i) {
      const Rule& rule = engine.rule(i);
      if (!result.fired.test(i)) continue;
      if (rule.refer) {
        a.referrals.push_back(reason_of(rule, rule.because));
        cite(a.referrals.back());
      }
      if (!rule.caution.empty()) {
        a.cautions.push_back(reason_of(rule, rule.caution));
        a.cautions.back().topic = rule.caution_topic;
        cite(a.cautions.back());
      }
    }
    for (std::size_t k = 0; k < result.step_count; ++k) {
      const Step& st = result.steps[k];
      const Form& form = engine.form(st.form);
      AnswerStep s;
      s.stretch = &kb.stretches[st.stretch];
      s.variant = form.variant >= 0 ? &s.stretch->variants[static_cast<std::size_t>(form.variant)] : nullptr;
      s.position = positions()[form.position];
      s.on_floor = form.on_floor;
      s.hold_seconds = st.hold_seconds;
      s.reps = st.reps;
      s.per_side = st.per_side;
      s.seconds = static_cast<int>(st.seconds);
      for (std::size_t rule : engine.modifications(result, st)) {
        const Rule& r = engine.rule(rule);
        // A cap alone that did not lower this stretch's dose changed nothing.
        const Modify& m = *r.modify;
        const bool capped = (m.hold_seconds != 0 && m.hold_seconds < form.dosage.hold_seconds) ||
                            (m.reps != 0 && m.reps < form.dosage.reps);
        if (m.text.empty() && !m.variant && !capped) continue;
        s.modifications.push_back(reason_of(r, modification_text(r, *s.stretch, s.variant)));
        cite(s.modifications.back());
      }
      for (std::size_t rule : engine.reasons(result, st)) {
        s.because.push_back(reason_of(engine.rule(rule), engine.rule(rule).because));
        cite(s.because.back());
      }
      a.routine.push_back(std::move(s));
    }
    a.total_seconds = result.total_seconds;
    std::vector<bool> recommended(kb.stretches.size(), false);
    for (std::size_t i = 0; i < engine.rules().size(); ++i) {
      if (!result.fired.test(i)) continue;
      for (std::size_t s = 0; s < kb.stretches.size(); ++s) {
        if (engine.includes(i, s)) recommended[s] = true;
      }
    }
    for (std::size_t k = 0; k < result.excluded_count; ++k) {
      const Exclusion& e = result.excluded[k];
      const Rule& r = engine.rule(e.rule);
      a.excluded.push_back(AnswerExclusion{&kb.stretches[e.stretch], reason_of(r, r.because), recommended[e.stretch]});
      cite(a.excluded.back().reason);
    }
    // The engine's own notes: areas left uncovered, a routine below the minimum.
    const Field& areas = kb.schema.fields[static_cast<std::size_t>(kb.schema.pain_areas)];
    if (result.uncovered_no_safe != 0) {
      a.cautions.push_back(
          Reason{"routine:no-safe-stretch",
                 fmt::format("No recommended stretch for your {} is safe for you as you answered; ask a "
                             "physiotherapist for one that is.",
                             area_list(areas, result.uncovered_no_safe)),
                 {}});
    }
    if (result.uncovered_no_time != 0) {
      a.cautions.push_back(
          Reason{"routine:out-of-time",
                 fmt::format("Your {} did not leave room for a stretch for your {}; allow more minutes "
                             "to cover it.",
                             duration_label(result.budget_seconds), area_list(areas, result.uncovered_no_time)),
                 {}});
    }
    if (a.routine.empty()) {
      a.cautions.push_back(Reason{"routine:empty",
                                  "No stretch is both recommended and safe for you as you answered; a physiotherapist "
                                  "can suggest what to do instead.",
                                  {}});
    } else if (result.total_seconds < kMinimumSeconds) {
      a.cautions.push_back(Reason{"routine:below-minimum",
                                  "This routine is shorter than a minute; aim for at least 60 seconds of stretching a "
                                  "day, so do it twice.",
                                  {}});
    }
  }
  for (const std::string& id : cited) {
    if (const SourceDoc* d = kb.source(id)) a.documents.push_back(d);
  }
  return a;
}

}  // namespace limber
