// Assembling the routine from the fired rules: exclude, score, choose forms,
// select within the time budget, order by position.
#include <algorithm>
#include <bit>

#include "engine/engine.h"
#include "engine/timeline.h"

namespace limber {

void Engine::assemble(const Profile& profile, Result& out) const {
  out.step_count = 0;
  out.excluded_count = 0;
  out.uncovered_no_safe = 0;
  out.uncovered_no_time = 0;
  out.total_seconds = 0;
  out.held_seconds = 0;
  const int minutes = kb_.schema.minutes;
  out.budget_seconds =
      static_cast<std::int32_t>(profile.has(minutes) ? profile.values[static_cast<std::size_t>(minutes)] * 60 : 600);

  const RuleBits& fired = out.fired;
  out.rule_words = static_cast<std::uint8_t>(rule_words_);
  for (std::size_t w = 0; w < rule_words_; ++w) {
    out.stops.words[w] = fired.words[w] & stop_rules_.words[w];
    out.refers.words[w] = fired.words[w] & refer_rules_.words[w];
    out.cautions.words[w] = fired.words[w] & caution_rules_.words[w];
  }
  // A stop rule fired: no routine at all, whatever else fired.
  if (fired.intersects(stop_rules_, rule_words_)) {
    out.status = Status::Stop;
    return;
  }
  out.status = fired.intersects(refer_rules_, rule_words_) ? Status::SeeProfessionalFirst : Status::Ok;
  // The forms the fired exclude rules rule out, and for each, the first
  // rule (in evaluation order) that did: the one an exclusion names.
  FormBits excluded;
  std::array<std::uint16_t, kMaxForms> blocker;  // NOLINT: read only where `excluded` is set
  fired.for_each_both(exclude_rules_, rule_words_, [&](std::size_t i) {
    const FormBits& rule_out = exclusions_[static_cast<std::size_t>(rules_[i].exclude)];
    for (std::size_t w = 0; w < form_words_; ++w) {
      const std::uint64_t fresh = rule_out.words[w] & ~excluded.words[w];
      excluded.words[w] |= fresh;
      for (std::uint64_t bits = fresh; bits != 0; bits &= bits - 1) {
        blocker[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))] = static_cast<std::uint16_t>(i);
      }
    }
  });
  // Include weights are at least 1: a stretch some fired rule includes has a score.
  const std::size_t stretch_count = kb_.stretches.size();
  std::array<std::int32_t, kMaxStretches> score;  // NOLINT: the first stretch_count are zeroed below
  std::fill_n(score.begin(), stretch_count, 0);
  Bits<kMaxStretches> scored;
  fired.for_each_both(include_rules_, rule_words_, [&](std::size_t i) {
    const CompiledRule& r = rules_[i];
    for (std::uint32_t k = r.include_begin; k < r.include_end; ++k) {
      score[includes_[k].first] += includes_[k].second;
      scored.set(includes_[k].first);
    }
  });

  // The form each stretch would be done in: the variant the first fired
  // modify rule offers that is not excluded, else the stretch as
  // catalogued.
  // `offered`: the first variant offered at all, to name what blocked it.
  std::array<std::int16_t, kMaxStretches> chosen;   // NOLINT: the first stretch_count are set below
  std::array<std::int16_t, kMaxStretches> offered;  // NOLINT: likewise
  std::fill_n(chosen.begin(), stretch_count, std::int16_t{-1});
  std::fill_n(offered.begin(), stretch_count, std::int16_t{-1});
  Bits<kMaxStretches> has_chosen;
  fired.for_each_both(offer_rules_, rule_words_, [&](std::size_t i) {
    for (const auto& [st, form] : modifies_[static_cast<std::size_t>(rules_[i].modify)].offers) {
      if (offered[st] < 0) offered[st] = static_cast<std::int16_t>(form);
      if (chosen[st] < 0 && !excluded.test(form)) {
        chosen[st] = static_cast<std::int16_t>(form);
        has_chosen.set(st);
      }
    }
  });
  // Blocked: no variant to do instead, and excluded as catalogued.
  Bits<kMaxStretches> blocked;
  excluded.for_each_both(base_forms_, form_words_, [&](std::size_t form) { blocked.set(forms_[form].stretch); });
  for (std::size_t w = 0; w < Bits<kMaxStretches>::kWords; ++w) blocked.words[w] &= ~has_chosen.words[w];
  // Name the rule that blocked the last way out: the variant a modify rule
  // offered, if any, else the stretch as catalogued.
  blocked.for_each([&](std::size_t s) {
    const std::size_t form = offered[s] >= 0 ? static_cast<std::size_t>(offered[s]) : first_form_[s];
    out.excluded[out.excluded_count++] = Exclusion{static_cast<std::uint16_t>(s), blocker[form], scored.test(s)};
  });

  struct Candidate {
    std::uint16_t stretch;
    std::uint16_t form;
    std::int32_t score;
    std::uint16_t hold;
    std::uint16_t reps;
    std::uint16_t max_reps;
    bool per_side;
  };
  std::array<Candidate, kMaxStretches> candidates;  // NOLINT: the first `count` are filled below
  std::size_t count = 0;
  scored.for_each([&](std::size_t s) {
    if (blocked.test(s)) return;
    const std::size_t form = chosen[s] >= 0 ? static_cast<std::size_t>(chosen[s]) : first_form_[s];
    const Form& f = forms_[form];
    Candidate c{static_cast<std::uint16_t>(s),
                static_cast<std::uint16_t>(form),
                score[s],
                static_cast<std::uint16_t>(f.dosage.hold_seconds),
                static_cast<std::uint16_t>(f.dosage.reps),
                static_cast<std::uint16_t>(f.dosage.max_reps),
                f.dosage.per_side};
    for (std::uint32_t k = form_caps_begin_[form]; k < form_caps_begin_[form + 1]; ++k) {
      const Cap& cap = form_caps_[k];
      if (!fired.test(cap.rule)) continue;
      if (cap.hold != 0) c.hold = std::min(c.hold, cap.hold);
      if (cap.reps != 0) {
        c.reps = std::min(c.reps, cap.reps);
        c.max_reps = std::min(c.max_reps, cap.reps);
      }
    }
    candidates[count++] = c;
  });
  // Highest score first; ties by catalogue order, so output is deterministic.
  // The keys (-score, stretch, index) are sorted: a score is positive, so
  // -score is 0x7FFFFFFF - score, 31 bits; stretch and index, a byte each.
  static_assert(kMaxStretches <= 256, "a stretch or candidate index fits in a byte");
  {
    std::array<std::uint64_t, kMaxStretches> keys;  // NOLINT: the first `count` are filled below
    for (std::size_t i = 0; i < count; ++i) {
      const Candidate& c = candidates[i];
      keys[i] = (static_cast<std::uint64_t>(0x7FFFFFFF - c.score) << 16) | (std::uint64_t{c.stretch} << 8) | i;
    }
    std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count));
    std::array<Candidate, kMaxStretches> unsorted;  // NOLINT: the first `count` are copied below
    std::copy_n(candidates.begin(), count, unsorted.begin());
    for (std::size_t i = 0; i < count; ++i) candidates[i] = unsorted[keys[i] & 0xFF];
  }

  Bits<kMaxStretches> taken;                    // by candidate
  std::array<std::uint8_t, kMaxSteps> step_of;  // NOLINT: per step, its candidate; set with the step
  Bits<kMaxStretches> groups_used;
  std::int32_t remaining = out.budget_seconds;
  // A step's time is its timeline's (getting into position, holds, rests,
  // changing sides): timeline.h is the one place step time is defined.
  auto seconds = [](const Candidate& c, int reps) {
    return static_cast<std::int32_t>(timeline::seconds(timeline::Shape{c.hold, reps, c.per_side}));
  };
  auto held = [](const Candidate& c, int reps) {
    return static_cast<std::int32_t>(timeline::held_seconds(timeline::Shape{c.hold, reps, c.per_side}));
  };
  std::int32_t held_total = 0;
  auto take = [&](std::size_t i, int reps) {
    const Candidate& c = candidates[i];
    taken.set(i);
    step_of[out.step_count] = static_cast<std::uint8_t>(i);
    groups_used.set(forms_[c.form].group);
    const std::int32_t secs = seconds(c, reps);
    remaining -= secs;
    out.total_seconds += secs;
    held_total += held(c, reps);
    out.steps[out.step_count++] =
        Step{c.stretch, c.form, c.hold, static_cast<std::uint16_t>(reps), c.per_side, static_cast<std::uint32_t>(secs),
             c.score};
  };
  auto usable = [&](std::size_t i) { return !taken.test(i) && !groups_used.test(forms_[candidates[i].form].group); };

  // 1. Cover every painful area with its best candidate, at one repetition
  //    for now, so a short budget still reaches as many areas as it can.
  const std::uint64_t pain = profile.set_bits(kb_.schema.pain_areas);
  std::uint64_t covered = 0;
  for (std::uint64_t left = pain; left != 0; left &= left - 1) {
    const std::uint64_t area = left & (~left + 1);
    if ((covered & area) != 0) continue;
    bool any_candidate = false;
    for (std::size_t i = 0; i < count && out.step_count < kMaxSteps; ++i) {
      if ((forms_[candidates[i].form].areas & area) == 0) continue;
      any_candidate = true;
      if (!usable(i) || seconds(candidates[i], 1) > remaining) continue;
      take(i, 1);
      covered |= forms_[candidates[i].form].areas;
      break;
    }
    if ((covered & area) == 0) (any_candidate ? out.uncovered_no_time : out.uncovered_no_safe) |= area;
  }
  // ... then give them back their repetitions, best first, as time allows.
  // One more repetition of a step: its added time and added stretching.
  auto one_more = [&](const Step& st) {
    const Candidate& c = candidates[step_of[static_cast<std::size_t>(&st - out.steps.data())]];
    return seconds(c, st.reps + 1) - seconds(c, st.reps);
  };
  auto add_rep = [&](Step& st) {
    const Candidate& c = candidates[step_of[static_cast<std::size_t>(&st - out.steps.data())]];
    const std::int32_t one = one_more(st);
    held_total += held(c, st.reps + 1) - held(c, st.reps);
    ++st.reps;
    st.seconds += static_cast<std::uint32_t>(one);
    remaining -= one;
    out.total_seconds += one;
  };
  for (std::size_t k = 0; k < out.step_count; ++k) {
    Step& st = out.steps[k];
    const Candidate* c = &candidates[step_of[k]];
    while (st.reps < c->reps && one_more(st) <= remaining) add_rep(st);
  }
  // 2. Fill the time with the best of the rest at full dosage.
  for (std::size_t i = 0; i < count && out.step_count < kMaxSteps; ++i) {
    if (usable(i) && seconds(candidates[i], candidates[i].reps) <= remaining) take(i, candidates[i].reps);
  }
  //    Still under the daily minimum: take more stretches at fewer reps.
  for (std::size_t i = 0; i < count && out.step_count < kMaxSteps && held_total < kMinimumSeconds; ++i) {
    if (!usable(i)) continue;
    int reps = candidates[i].reps;
    while (reps > 1 && seconds(candidates[i], reps) > remaining) --reps;
    if (seconds(candidates[i], reps) <= remaining) take(i, reps);
  }
  // 3. Reach the daily minimum with extra repetitions where the stretch allows.
  for (bool progress = true; progress && held_total < kMinimumSeconds;) {
    progress = false;
    for (std::size_t k = 0; k < out.step_count && held_total < kMinimumSeconds; ++k) {
      Step& st = out.steps[k];
      const Candidate* c = &candidates[step_of[k]];
      if (st.reps < c->max_reps && out.total_seconds + one_more(st) <= out.budget_seconds) {
        add_rep(st);
        progress = true;
      }
    }
  }
  out.held_seconds = held_total;
  // Nothing both recommended and safe: that is a question for a professional.
  if (out.step_count == 0) out.status = Status::SeeProfessionalFirst;
  // 4. Order, so nobody goes down to the floor and up again: the upright
  //    positions (standing to seated on a chair) first, then the floor ones
  //    down to lying; each position one block. A gentle warm-up leads: an
  //    upright one when there are upright steps, else a floor one, whose
  //    level and position then come first.
  auto upright = [&](const Form& f) { return !f.on_floor; };
  bool any_upright = false;
  for (std::size_t k = 0; k < out.step_count; ++k) any_upright = any_upright || upright(forms_[out.steps[k].form]);
  int warm = -1;
  for (std::size_t k = 0; k < out.step_count; ++k) {
    const Step& st = out.steps[k];
    const Form& f = forms_[st.form];
    if (!f.warm_up || (any_upright && !upright(f))) continue;
    if (warm < 0 || st.score > out.steps[static_cast<std::size_t>(warm)].score) warm = static_cast<int>(k);
  }
  if (warm < 0) {
    for (std::size_t k = 0; k < out.step_count; ++k) {
      const Step& st = out.steps[k];
      if (forms_[st.form].warm_up && (warm < 0 || st.score > out.steps[static_cast<std::size_t>(warm)].score))
        warm = static_cast<int>(k);
    }
  }
  const Form* warm_form = warm < 0 ? nullptr : &forms_[out.steps[static_cast<std::size_t>(warm)].form];
  const int warm_stretch = warm < 0 ? -1 : out.steps[static_cast<std::size_t>(warm)].stretch;
  const bool warm_level = warm_form != nullptr ? upright(*warm_form) : true;
  // One integer per step, compared as the tuple (not first level, not first
  // block, on the floor, position, not the warm-up, -score, stretch), with
  // the step's index in the low bits.
  static_assert(kMaxStretches <= 128 && kMaxSteps <= 16, "stretch and step indices fit in 7 and 4 bits");
  auto key = [&](const Step& st, std::size_t k) {
    const Form& f = forms_[st.form];
    const bool first_level = upright(f) == warm_level;
    const bool first_block =
        warm_form != nullptr && f.position == warm_form->position && f.on_floor == warm_form->on_floor;
    // A step's score is positive: -score as 0x7FFFFFFF - score, 31 bits.
    const auto neg_score = static_cast<std::uint64_t>(0x7FFFFFFF - st.score);
    return (std::uint64_t{!first_level} << 63) | (std::uint64_t{!first_block} << 62) |
           (std::uint64_t{f.on_floor} << 61) | (std::uint64_t{f.position} << 53) |
           (std::uint64_t{st.stretch != warm_stretch} << 52) | (neg_score << 21) | (std::uint64_t{st.stretch} << 4) | k;
  };
  std::array<std::uint64_t, kMaxSteps> keys;  // NOLINT: the first step_count are filled below
  for (std::size_t k = 0; k < out.step_count; ++k) keys[k] = key(out.steps[k], k);
  std::sort(keys.begin(), keys.begin() + out.step_count);
  const std::array<Step, kMaxSteps> unordered = out.steps;
  for (std::size_t k = 0; k < out.step_count; ++k) out.steps[k] = unordered[keys[k] & 0xF];

  // Provenance: per step, the fired rules that recommended its stretch and
  // the fired modify rules that apply to its form.
  for (std::size_t k = 0; k < out.step_count; ++k) {
    const std::uint64_t* by = &includer_words_[out.steps[k].stretch * rule_words_];
    const std::uint64_t* mod = &modifier_words_[out.steps[k].form * rule_words_];
    for (std::size_t w = 0; w < rule_words_; ++w) {
      out.included_words[k * rule_words_ + w] = fired.words[w] & by[w];
      out.modified_words[k * rule_words_ + w] = fired.words[w] & mod[w];
    }
  }
}

}  // namespace limber
