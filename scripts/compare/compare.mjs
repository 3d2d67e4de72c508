// Runs limber, json-rules-engine and GoRules ZEN on the same rules and the
// same generated profiles, checks that all three fire exactly the same rules
// for every profile, and prints the throughput of each.
//
//   node compare.mjs [--n N] [--seed S] [--limber PATH] [--rules DIR]
//                    [--catalogue DIR] [--builtin] [--out DIR] [--repeat R]
//                    [--warmup W] [--json FILE] [--zen-in-flight K]
//
// Exit status: 0 all agree, 1 some profile disagrees (or limber failed),
// 2 bad usage. See README.md.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { ZenEngine } from '@gorules/zen-engine';
import { factId, jreOperators, loadRules, repoRoot, toJsonRulesEngine, toZenDecision } from './translate.mjs';
import { makeGenerator } from './profiles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) console.error(`compare: ${message}`);
  console.error(
    'usage: node compare.mjs [--n N] [--seed S] [--limber PATH] [--rules DIR] [--catalogue DIR]\n' +
      '                        [--builtin] [--out DIR] [--repeat R] [--warmup W] [--json FILE]\n' +
      '                        [--zen-in-flight K]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    n: Number(process.env.N || 20000),
    seed: 20240601,
    limber: process.env.LIMBER || path.join(repoRoot, 'build/release/limber'),
    rules: path.join(repoRoot, 'rules'),
    catalogue: path.join(repoRoot, 'catalogue'),
    builtin: false,
    out: path.join(here, 'out'),
    repeat: 3,
    warmup: 2000,
    json: null,
    zenInFlight: 1,
  };
  const num = (v, name) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < 0) usage(`${name} takes a whole number, not '${v}'`);
    return x;
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--n') o.n = num(next(), a);
    else if (a === '--seed') o.seed = num(next(), a);
    else if (a === '--limber') o.limber = next();
    else if (a === '--rules') o.rules = next();
    else if (a === '--catalogue') o.catalogue = next();
    else if (a === '--builtin') o.builtin = true;
    else if (a === '--out') o.out = next();
    else if (a === '--repeat') o.repeat = Math.max(1, num(next(), a));
    else if (a === '--warmup') o.warmup = num(next(), a);
    else if (a === '--json') o.json = next();
    else if (a === '--zen-in-flight') o.zenInFlight = Math.max(1, num(next(), a));
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument '${a}'`);
  }
  if (!Number.isInteger(o.n) || o.n < 1) usage('--n must be at least 1');
  return o;
}

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

// ---- limber ------------------------------------------------------------------

function limberArgs(o) {
  // By default limber reads the very files the translations are made from,
  // not the copy built into the binary (which may be older than rules/).
  return o.builtin ? [] : ['--no-builtin', '--rules', o.rules, '--catalogue', o.catalogue];
}

// CPU seconds used by this process's finished children (Linux: cutime +
// cstime of /proc/self/stat, in 1/100 s), or null elsewhere.
function childCpu() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // fields 16 and 17
  } catch {
    return null;
  }
}

// Runs limber with stdout to `stdoutFile` (default /dev/null); returns the
// wall time of the whole process and its CPU time.
function runLimber(o, args, what, stdoutFile = '/dev/null') {
  const fd = fs.openSync(stdoutFile, 'w');
  try {
    const c0 = childCpu();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(o.limber, [...limberArgs(o), ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    const t = seconds(t0);
    const c1 = childCpu();
    if (r.error) throw new Error(`cannot run ${o.limber}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${what} failed with status ${r.status}:\n${r.stderr}`);
    return { seconds: t, cpu: c0 === null || c1 === null ? null : c1 - c0 };
  } finally {
    fs.closeSync(fd);
  }
}

// The lines of a file, read in chunks (limber's JSONL output can be larger
// than the longest string V8 allows).
function* readLines(file) {
  const fd = fs.openSync(file, 'r');
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      const lines = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = lines.pop();
      yield* lines;
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

// The fastest of `repeat` runs (its wall and CPU time).
function bestOf(repeat, fn) {
  let best = { seconds: Infinity, cpu: null };
  for (let i = 0; i < repeat; ++i) {
    const r = fn();
    if (r.seconds < best.seconds) best = r;
  }
  return best;
}

// ---- json-rules-engine -------------------------------------------------------

function makeJre(loaded) {
  const t = toJsonRulesEngine(loaded);
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const name of t.operators) engine.addOperator(name, jreOperators[name]);
  for (const [id, value] of Object.entries(t.facts)) engine.addFact(id, value);
  for (const rule of t.rules) engine.addRule(rule);
  // A fired rule's derived facts become true for the rest of this run; the
  // rules testing them have a lower priority, so they run afterwards.
  engine.on('success', (event, almanac) => {
    for (const f of event.params.derive) almanac.addFact(factId(f), true);
  });
  return async (profile) => (await engine.run(profile)).results.map((r) => r.name);
}

// ---- ZEN -----------------------------------------------------------------------

function makeZen(engine, content) {
  const decision = engine.createDecision(content);
  return async (profile) => (await decision.evaluate(profile)).result.fired_rules;
}

// The smallest decision (input -> one constant expression -> output): what
// one evaluate() call through the Node binding costs, whatever the rules.
const zenTrivial = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'input', type: 'inputNode', name: 'profile', position: { x: 0, y: 0 } },
    {
      id: 'e',
      type: 'expressionNode',
      name: 'constant',
      position: { x: 250, y: 0 },
      content: {
        expressions: [{ id: 'e1', key: 'fired_rules', value: '[]' }],
        passThrough: false,
        inputField: null,
        outputPath: null,
        executionMode: 'single',
      },
    },
    { id: 'output', type: 'outputNode', name: 'result', position: { x: 500, y: 0 } },
  ],
  edges: [
    { id: 'a', sourceId: 'input', targetId: 'e', type: 'edge' },
    { id: 'b', sourceId: 'e', targetId: 'output', type: 'edge' },
  ],
};

// Evaluates every profile after a warm-up; times the loop only. With
// `inFlight` > 1, that many evaluations are awaited together (the engines'
// promises may then run on several threads).
async function timeLoop(profiles, warmup, evaluate, inFlight = 1) {
  for (let i = 0; i < Math.min(warmup, profiles.length); ++i) await evaluate(profiles[i]);
  const fired = new Array(profiles.length);
  const c0 = process.cpuUsage(); // every thread of this process
  const t0 = process.hrtime.bigint();
  if (inFlight <= 1) {
    for (let i = 0; i < profiles.length; ++i) fired[i] = await evaluate(profiles[i]);
  } else {
    for (let i = 0; i < profiles.length; i += inFlight) {
      const end = Math.min(profiles.length, i + inFlight);
      const batch = await Promise.all(profiles.slice(i, end).map(evaluate));
      for (let k = i; k < end; ++k) fired[k] = batch[k - i];
    }
  }
  const t = seconds(t0);
  const c = process.cpuUsage(c0);
  return { seconds: t, cpu: (c.user + c.system) / 1e6, fired };
}

// ---- main ----------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  fs.mkdirSync(o.out, { recursive: true });
  if (!fs.existsSync(o.limber)) {
    console.error(`compare: no limber binary at ${o.limber} (--limber PATH or LIMBER=PATH)`);
    return 2;
  }

  const loaded = loadRules(o.rules);
  const ids = loaded.rules.map((r) => r.id);
  const orderIndex = new Map(loaded.order.map((i, k) => [loaded.rules[i].id, k]));
  console.log(
    `rules: ${loaded.rules.length} from ${o.rules} (${Math.max(...loaded.levels) + 1} dependency levels); ` +
      `limber: ${o.limber}${o.builtin ? ' (built-in rules)' : ''}`,
  );

  // Profiles.
  const next = makeGenerator(loaded.schema, o.seed);
  const profiles = Array.from({ length: o.n }, next);
  const profilesFile = path.join(o.out, 'profiles.jsonl');
  fs.writeFileSync(profilesFile, profiles.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const oneFile = path.join(o.out, 'one.jsonl');
  fs.writeFileSync(oneFile, JSON.stringify(profiles[0]) + '\n');
  console.log(`profiles: ${o.n} (seed ${o.seed}) -> ${profilesFile}`);

  // limber: the JSONL output gives the fired rules; then the timings.
  const jsonlFile = path.join(o.out, 'limber.jsonl');
  const jsonlArgs = ['batch', profilesFile, '--format', 'jsonl', '--jobs', '1'];
  const summaryArgs = ['batch', profilesFile, '--format', 'summary', '--jobs', '1'];
  const startupArgs = ['batch', oneFile, '--format', 'summary', '--jobs', '1'];
  runLimber(o, jsonlArgs, 'limber batch --format jsonl', jsonlFile);
  const limberFired = [];
  for (const line of readLines(jsonlFile)) {
    if (!line) continue;
    const rec = JSON.parse(line);
    if (!Array.isArray(rec.fired_rules))
      throw new Error(`limber record ${limberFired.length + 1} has no fired_rules: ${line.slice(0, 300)}`);
    limberFired.push(rec.fired_rules);
  }
  if (limberFired.length !== o.n) throw new Error(`limber wrote ${limberFired.length} records for ${o.n} profiles`);
  // The timed runs write to /dev/null.
  const rJsonl = bestOf(o.repeat, () => runLimber(o, jsonlArgs, 'limber batch --format jsonl'));
  const rSummary = bestOf(o.repeat, () => runLimber(o, summaryArgs, 'limber batch --format summary'));
  const rStartup = bestOf(o.repeat, () => runLimber(o, startupArgs, 'limber batch (1 profile)'));
  const [tJsonl, tSummary, tStartup] = [rJsonl.seconds, rSummary.seconds, rStartup.seconds];
  console.log('limber: done');

  // The two JavaScript engines, in process, one profile at a time.
  const jre = await timeLoop(profiles, o.warmup, makeJre(loaded));
  console.log('json-rules-engine: done');
  const zenEngine = new ZenEngine();
  const zenRun = await timeLoop(profiles, o.warmup, makeZen(zenEngine, toZenDecision(loaded)), o.zenInFlight);
  const zenBase = await timeLoop(profiles, o.warmup, makeZen(zenEngine, zenTrivial), o.zenInFlight);
  zenEngine.dispose();
  console.log('ZEN: done');

  // Agreement.
  const canonical = (list) => [...new Set(list)].sort((a, b) => orderIndex.get(a) - orderIndex.get(b));
  const disagreements = [];
  let orderMismatch = null;
  const firedCount = new Map(ids.map((id) => [id, 0]));
  for (let i = 0; i < o.n; ++i) {
    const l = canonical(limberFired[i]);
    const j = canonical(jre.fired[i]);
    const z = canonical(zenRun.fired[i]);
    for (const id of l) firedCount.set(id, (firedCount.get(id) ?? 0) + 1);
    const key = (xs) => xs.join(',');
    if (key(l) !== key(j) || key(l) !== key(z) || l.length !== limberFired[i].length) {
      disagreements.push({ index: i, l, j, z, raw: limberFired[i] });
    } else if (!orderMismatch && key(limberFired[i]) !== key(l)) {
      orderMismatch = { index: i, limber: limberFired[i], translator: l };
    }
  }
  const unknown = [...firedCount.keys()].filter((id) => !orderIndex.has(id));

  // Report.
  const rate = (t) => o.n / t;
  const tNet = Math.max(tSummary - tStartup, 1e-9);
  const netCpu = rSummary.cpu === null || rStartup.cpu === null ? null : rSummary.cpu - rStartup.cpu;
  const zenName = `GoRules ZEN (in process${o.zenInFlight > 1 ? `, ${o.zenInFlight} in flight` : ''})`;
  const rows = [
    ['limber batch --format jsonl --jobs 1', tJsonl, rJsonl.cpu, 'process: read + parse + evaluate + JSON out'],
    ['limber batch --format summary --jobs 1', tSummary, rSummary.cpu, 'process: read + parse + evaluate + count'],
    ['  same, minus start-up (1 profile run)', tNet, netCpu, `start-up ${(tStartup * 1000).toFixed(1)} ms subtracted`],
    [zenName, zenRun.seconds, zenRun.cpu, 'evaluation loop only, profiles pre-parsed'],
    ['json-rules-engine (in process)', jre.seconds, jre.cpu, 'evaluation loop only, profiles pre-parsed'],
  ];
  const baseRow = ['  ZEN, a constant 1-node decision', zenBase.seconds, zenBase.cpu, 'not a result: the cost of evaluate() itself'];
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\n${o.n} profiles, ${loaded.rules.length} rules, ${os.cpus().length} cores, node ${process.version}, ` +
      `load average ${load} (at start: ${loadAtStart})`,
  );
  const pinned = process.env.LIMBER_COMPARE_CPU;
  console.log(
    pinned !== undefined
      ? `every engine pinned to CPU ${pinned} (taskset): one core each, threads included\n`
      : 'not pinned (--all-cores or no taskset): CPU s above the wall time means more than one core\n',
  );
  // CPU seconds: every thread; more than the wall time means several cores.
  console.log(`${'engine'.padEnd(42)} ${'seconds'.padStart(8)} ${'CPU s'.padStart(7)} ${'profiles/s'.padStart(11)}`);
  for (const [name, t, cpu, note] of [...rows, baseRow]) {
    const c = cpu === null ? '-' : cpu.toFixed(2);
    console.log(
      `${name.padEnd(42)} ${t.toFixed(3).padStart(8)} ${c.padStart(7)} ${Math.round(rate(t)).toLocaleString('en').padStart(11)}  ${note}`,
    );
  }
  const ratio = (a, b) => `${(rate(a) / rate(b)).toFixed(1)}x`;
  console.log('\nratios (profiles/s of limber / profiles/s of the other):');
  console.log(`  limber jsonl   / ZEN ${ratio(tJsonl, zenRun.seconds).padStart(8)}   / json-rules-engine ${ratio(tJsonl, jre.seconds).padStart(8)}`);
  console.log(`  limber summary / ZEN ${ratio(tSummary, zenRun.seconds).padStart(8)}   / json-rules-engine ${ratio(tSummary, jre.seconds).padStart(8)}`);
  console.log(`  limber net     / ZEN ${ratio(tNet, zenRun.seconds).padStart(8)}   / json-rules-engine ${ratio(tNet, jre.seconds).padStart(8)}`);

  const never = ids.filter((id) => firedCount.get(id) === 0);
  const always = loaded.rules.filter((r) => r.when && firedCount.get(r.id) === o.n).map((r) => r.id);
  console.log(
    `\nrules fired at least once: ${ids.length - never.length} of ${ids.length}` +
      (never.length ? ` (never: ${never.join(', ')})` : ''),
  );
  if (always.length) console.log(`rules with a condition that fired on every profile: ${always.join(', ')}`);
  if (unknown.length) console.log(`limber fired rules the translator does not know: ${unknown.join(', ')}`);
  if (orderMismatch) {
    console.log(
      `note: limber's fired_rules order differs from the translator's dependency order, first at profile ` +
        `${orderMismatch.index + 1}:\n  limber     ${orderMismatch.limber.join(' ')}\n  translator ${orderMismatch.translator.join(' ')}`,
    );
  }

  if (o.json) {
    const result = {
      n: o.n,
      seed: o.seed,
      rules: loaded.rules.length,
      cores: os.cpus().length,
      pinned_cpu: process.env.LIMBER_COMPARE_CPU === undefined ? null : Number(process.env.LIMBER_COMPARE_CPU),
      node: process.version,
      load_average_at_start: loadAtStart,
      zen_in_flight: o.zenInFlight,
      seconds: {
        limber_jsonl: tJsonl,
        limber_summary: tSummary,
        limber_startup: tStartup,
        zen: zenRun.seconds,
        zen_constant_decision: zenBase.seconds,
        jre: jre.seconds,
      },
      cpu_seconds: {
        limber_jsonl: rJsonl.cpu,
        limber_summary: rSummary.cpu,
        limber_startup: rStartup.cpu,
        zen: zenRun.cpu,
        zen_constant_decision: zenBase.cpu,
        jre: jre.cpu,
      },
      profiles_per_second: {
        limber_jsonl: rate(tJsonl),
        limber_summary: rate(tSummary),
        limber_summary_net: rate(tNet),
        zen: rate(zenRun.seconds),
        zen_constant_decision: rate(zenBase.seconds),
        jre: rate(jre.seconds),
      },
      disagreements: disagreements.length,
      never_fired: never,
      always_fired: always,
    };
    fs.writeFileSync(o.json, JSON.stringify(result, null, 2) + '\n');
  }

  if (disagreements.length || unknown.length) {
    console.log(`\nDISAGREEMENT on ${disagreements.length} of ${o.n} profiles; the first ones:`);
    const diff = (a, b) => a.filter((x) => !b.includes(x));
    for (const d of disagreements.slice(0, 5)) {
      console.log(`\nprofile ${d.index + 1}: ${JSON.stringify(profiles[d.index])}`);
      if (d.raw.length !== d.l.length) console.log(`  limber listed a rule twice: ${d.raw.join(' ')}`);
      for (const [name, other] of [['json-rules-engine', d.j], ['ZEN', d.z]]) {
        const onlyL = diff(d.l, other);
        const onlyO = diff(other, d.l);
        if (onlyL.length || onlyO.length)
          console.log(`  limber vs ${name}: only limber [${onlyL.join(' ')}], only ${name} [${onlyO.join(' ')}]`);
      }
      console.log(`  limber fired: ${d.l.join(' ')}`);
    }
    return 1;
  }
  console.log(`\nall three engines fire exactly the same rules on all ${o.n} profiles`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`compare: ${process.env.DEBUG ? err.stack : err.message ?? err}`);
    process.exit(1);
  },
);
