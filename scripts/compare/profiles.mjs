// Deterministic, realistic profiles for the comparison: every field of
// rules/profile.yaml, driven by the schema (a field added there is generated
// too, by its type), with hand-tuned frequencies for the known fields.
// Red flags and warning signs while stretching are rare; a few profiles
// ignore the questionnaire's ask_if (e.g. pain_days without a pain area),
// as a hand-written profile may.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeGenerator(schema, seed) {
  const rng = mulberry32(seed);
  const chance = (p) => rng() < p;
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = (items) => items[Math.floor(rng() * items.length)];
  const weighted = (pairs) => {
    let x = rng() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const fields = schema.fields;
  const valuesOf = (name) => fields.get(name)?.values ?? [];
  // Each known value with its own probability; values the schema gained
  // since these tables were written get `rest`.
  const subset = (name, probs, rest = 0.1) => valuesOf(name).filter((v) => chance(probs[v] ?? rest));

  const known = {
    red_flags: () => {
      if (!chance(0.7)) return undefined; // not answered
      if (!chance(0.015)) return [];
      const vs = valuesOf('red_flags');
      const out = new Set([pick(vs)]);
      if (chance(0.1)) out.add(pick(vs));
      return [...out];
    },
    during_stretch: () => {
      if (!chance(0.6)) return undefined;
      if (!chance(0.02)) return [];
      return [pick(valuesOf('during_stretch'))];
    },
    age: () => {
      if (chance(0.08)) return undefined;
      return weighted([
        [() => int(10, 19), 6],
        [() => int(20, 50), 58],
        [() => int(51, 75), 30],
        [() => int(76, 100), 6],
      ])();
    },
    pain_areas: () => {
      if (chance(0.05)) return undefined;
      if (chance(0.12)) return [];
      const probs = { lower_back: 0.6, neck: 0.3, upper_back: 0.25, shoulders: 0.2, hips: 0.15, buttocks: 0.1 };
      const out = subset('pain_areas', probs);
      return out.length ? out : [pick(valuesOf('pain_areas'))];
    },
    pain_days: (p, asked) => {
      if (!asked('pain_days') || !chance(0.85)) return undefined;
      return weighted([
        [() => int(0, 14), 40],
        [() => int(15, 60), 25],
        [() => int(61, 365), 20],
        [() => int(366, 3650), 15],
      ])();
    },
    improving: (p, asked) => {
      if (!asked('improving') || !chance(0.7)) return undefined;
      return !chance(0.35);
    },
    pain_intensity: (p, asked) => {
      if (!asked('pain_intensity') || !chance(0.9)) return undefined;
      return weighted([
        [() => int(0, 3), 30],
        [() => int(4, 6), 50],
        [() => int(7, 8), 15],
        [() => int(9, 10), 5],
      ])();
    },
    symptoms: () => {
      if (chance(0.2)) return undefined;
      return subset('symptoms', {
        stiffness: 0.35,
        tight_hips: 0.2,
        tight_hamstrings: 0.25,
        tight_buttocks: 0.1,
        radiating_leg_pain: 0.12,
        tingling: 0.05,
        numbness: 0.04,
        sharp_pain: 0.06,
      });
    },
    worse_with: (p, asked) => {
      if (!asked('worse_with') || chance(0.15)) return undefined;
      return subset('worse_with', {
        bending_forward: 0.3,
        returning_upright: 0.2,
        sitting: 0.35,
        standing: 0.15,
        coughing_sneezing: 0.05,
        lifting: 0.2,
      });
    },
    sitting_hours: () => {
      if (chance(0.1)) return undefined;
      return chance(0.03) ? int(16, 24) : Math.min(24, Math.max(0, Math.round(7 + 3 * (rng() + rng() + rng() - 1.5))));
    },
    history: (p) => {
      if (chance(0.3)) return undefined;
      const old = (p.age ?? 40) > 65;
      return subset('history', {
        disc_herniation: 0.06,
        back_injury: 0.08,
        back_surgery: 0.03,
        spondylosis: old ? 0.12 : 0.03,
        osteoporosis: old ? 0.15 : 0.02,
        knee_problems: old ? 0.2 : 0.08,
        wrist_problems: 0.05,
        balance_problems: old ? 0.12 : 0.02,
      }, 0.05);
    },
    can_get_to_floor: (p) => {
      if (!chance(0.6)) return undefined; // the default: true
      return !chance((p.age ?? 40) > 70 ? 0.35 : 0.08);
    },
    equipment: () => {
      if (chance(0.4)) return undefined; // the default set
      return subset('equipment', { mat: 0.5, strap: 0.15, towel: 0.7, cushion: 0.6, chair: 0.85, wall: 0.8, pullup_bar: 0.1 });
    },
    minutes: () => {
      if (chance(0.3)) return undefined; // the default: 10
      return chance(0.8) ? pick([5, 10, 15, 20, 30, 45, 60]) : int(1, 60);
    },
    toe_touch: (p, asked) => {
      if (!asked('toe_touch') || !chance(0.8)) return undefined;
      return weighted([
        ['floor', 20],
        ['toes', 35],
        ['shins', 30],
        ['knees', 15],
      ]);
    },
    goals: (p) => {
      if (chance(0.2)) return undefined;
      const inPain = (p.pain_areas ?? []).length > 0;
      return subset('goals', { relief: inPain ? 0.7 : 0.05, prevention: 0.4, flexibility: 0.3, posture: 0.3 });
    },
  };

  // Any field without a tuned generator: by its type.
  const generic = (f) => {
    if (chance(0.3)) return undefined;
    switch (f.type) {
      case 'integer':
        return int(f.min ?? 0, f.max ?? 100);
      case 'bool':
        return chance(0.5);
      case 'enum':
        return pick(f.values);
      case 'set':
        return f.values.filter(() => chance(0.25));
      default:
        return undefined;
    }
  };

  // The questionnaire's ask_if, simplified; 5% of profiles answer anyway.
  const asks = {
    pain_days: (p) => (p.pain_areas ?? []).length > 0,
    pain_intensity: (p) => (p.pain_areas ?? []).length > 0,
    worse_with: (p) => (p.pain_areas ?? []).length > 0,
    improving: (p) => p.pain_days !== undefined && p.pain_days > 0,
    toe_touch: (p) =>
      (p.pain_areas ?? []).some((a) => a === 'lower_back' || a === 'hips') || (p.symptoms ?? []).includes('tight_hamstrings'),
  };

  let n = 0;
  return () => {
    const p = {};
    const noisy = chance(0.05);
    const asked = (name) => noisy || (asks[name] ? asks[name](p) : true);
    for (const f of fields.values()) {
      if (f.history) continue;  // a diary's fact, never in a profile
      let v;
      if (f.name === 'id') v = `p${String(++n).padStart(6, '0')}`;
      else if (known[f.name]) v = known[f.name](p, asked);
      else v = generic(f);
      if (v !== undefined) p[f.name] = v;
    }
    return p;
  };
}
