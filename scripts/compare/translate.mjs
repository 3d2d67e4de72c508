// Translates limber's rules (rules/*.yaml, with rules/profile.yaml for the
// field types, values and defaults) into
//   (a) json-rules-engine rules: one engine rule per limber rule, and
//   (b) a GoRules ZEN decision (JDM graph: input -> one expression node per
//       dependency level -> fired-rules node -> output).
// Both keep limber's semantics: a comparison against a field the profile did
// not give is false, an unset set is the empty set, a field with a default
// is always set, and a rule that tests a fact runs after every rule that
// derives it.
//
//   node translate.mjs [--rules DIR] [--out DIR]
// writes DIR/jre-rules.json and DIR/zen-decision.json (default DIR: ./out).
// compare.mjs imports the functions below instead.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

// ---- Loading ---------------------------------------------------------------

function fail(where, message) {
  throw new Error(`${where}: ${message}`);
}

// limber reads yes/no/y/n as booleans too (src/knowledge/yaml.cpp parse_bool);
// js-yaml (YAML 1.2) gives them as strings.
function toBool(v, where) {
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (t === 'true' || t === 'yes' || t === 'y') return true;
  if (t === 'false' || t === 'no' || t === 'n') return false;
  return fail(where, `expected true or false, not ${JSON.stringify(v)}`);
}

function toInt(v, where) {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return fail(where, `expected a whole number, not ${JSON.stringify(v)}`);
}

export function loadSchema(rulesDir) {
  const file = path.join(rulesDir, 'profile.yaml');
  const doc = yaml.load(fs.readFileSync(file, 'utf8'));
  const fields = new Map();
  addFields(fields, doc.fields, file);
  return { file, fields };
}

// Fields declared in a file: profile.yaml's, and the history facts a rule
// file may declare (`history: true`: read from the diary, never in a batch
// profile, so the generator leaves them out and a comparison on one is false).
function addFields(fields, list, file) {
  for (const f of list) {
    const field = { name: f.name, type: f.type, values: (f.values || []).map((v) => String(v.name)), min: f.min, max: f.max };
    if (f.history !== undefined) field.history = toBool(f.history, `${file}: history of ${f.name}`);
    if (f.default !== undefined) {
      const where = `${file}: default of ${f.name}`;
      if (f.type === 'integer') field.default = toInt(f.default, where);
      else if (f.type === 'bool') field.default = toBool(f.default, where);
      else if (f.type === 'enum') field.default = String(f.default);
      else if (f.type === 'set') field.default = [...new Set(f.default.map(String))];
      else fail(where, 'a string field cannot have a default');
    }
    fields.set(f.name, field);
  }
}

// Rule files in limber's load order: *.yaml / *.yml sorted by name, except
// profile.yaml; rules in file order.
export function loadRules(rulesDir) {
  const schema = loadSchema(rulesDir);
  const files = fs
    .readdirSync(rulesDir)
    .filter((n) => (n.endsWith('.yaml') || n.endsWith('.yml')) && n !== 'profile.yaml')
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : a === b ? 0 : 1));
  const rules = [];
  const ids = new Set();
  const docs = files.map((name) => {
    const file = path.join(rulesDir, name);
    const doc = yaml.load(fs.readFileSync(file, 'utf8')) || {};
    if (doc.fields) addFields(schema.fields, doc.fields, file);  // before any rule reads them
    return { name, file, doc };
  });
  for (const { name, file, doc } of docs) {
    for (const r of doc.rules || []) {
      const where = `${file}: rule ${r.id}`;
      if (ids.has(r.id)) fail(where, 'duplicate id');
      ids.add(r.id);
      const derives = r.derive === undefined ? [] : Array.isArray(r.derive) ? r.derive.map(String) : [String(r.derive)];
      const when = r.when === undefined ? null : parseCondition(r.when, schema, where);
      rules.push({ id: r.id, file: name, when, derives });
    }
  }
  checkFacts(rules);
  const order = dependencyOrder(rules);
  return { schema, rules, order, levels: levels(rules, order) };
}

// ---- Conditions (limber's Cond, src/knowledge/condition.cpp + src/engine/engine.cpp) ---------
//   { kind: 'all' | 'any', children }   { kind: 'not', child }
//   { kind: 'fact', name }
//   { kind: 'cmp', field, type, op, value, hasDefault, default }
// Comparison ops after normalisation, as limber compiles them:
//   integer: eq ne lt lte gt gte in        bool: eq ne        enum: eq ne in
//   set: has_any has_all set_eq set_ne     any type: is_set is_unset

function parseCondition(node, schema, where) {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) fail(where, 'a condition must be a mapping');
  const keys = Object.keys(node);
  if (keys.length === 0) fail(where, 'an empty condition');
  const entries = keys.map((k) => parseEntry(k, node[k], schema, where));
  return entries.length === 1 ? entries[0] : { kind: 'all', children: entries };
}

function parseEntry(key, value, schema, where) {
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value) || value.length === 0) fail(where, `'${key}' needs a list of conditions`);
    return { kind: key, children: value.map((c) => parseCondition(c, schema, where)) };
  }
  if (key === 'not') return { kind: 'not', child: parseCondition(value, schema, where) };
  if (key === 'fact') return { kind: 'fact', name: String(value) };
  const field = schema.fields.get(key);
  if (!field) fail(where, `unknown field '${key}'`);
  if (field.type === 'string') fail(where, `the text field '${key}' cannot be used in a condition`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    // Shorthand `field: value`: eq, or has for a set.
    return compare(field, field.type === 'set' ? 'has' : 'eq', value, where);
  }
  const ops = Object.keys(value);
  if (ops.length === 0) fail(where, `no comparison given for '${key}'`);
  const cmps = ops.map((op) => compare(field, op, value[op], where));
  return cmps.length === 1 ? cmps[0] : { kind: 'all', children: cmps };
}

function compare(field, op, value, where) {
  where = `${where}: ${field.name}.${op}`;
  const node = {
    kind: 'cmp',
    field: field.name,
    type: field.type,
    hasDefault: field.default !== undefined,
    default: field.default,
  };
  const name = (v) => {
    const s = String(v);
    if (v === null || typeof v === 'object' || !field.values.includes(s)) fail(where, `unknown value ${JSON.stringify(v)}`);
    return s;
  };
  const names = (v) => {
    if (!Array.isArray(v)) return [name(v)];
    return [...new Set(v.map(name))];
  };
  if (op === 'is_set') return { ...node, op: toBool(value, where) ? 'is_set' : 'is_unset' };
  switch (field.type) {
    case 'integer':
      if (op === 'in') {
        if (!Array.isArray(value)) fail(where, "'in' takes a list");
        return { ...node, op, value: value.map((v) => toInt(v, where)) };
      }
      if (['eq', 'ne', 'lt', 'lte', 'gt', 'gte'].includes(op)) return { ...node, op, value: toInt(value, where) };
      break;
    case 'bool':
      if (op === 'eq' || op === 'ne') return { ...node, op, value: toBool(value, where) };
      break;
    case 'enum':
      if (op === 'eq' || op === 'ne') return { ...node, op, value: name(value) };
      if (op === 'in') {
        if (!Array.isArray(value)) fail(where, "'in' takes a list");
        return { ...node, op, value: names(value) };
      }
      break;
    case 'set':
      if (op === 'has') return { ...node, op: 'has_any', value: [name(value)] };
      if (op === 'has_any' || op === 'has_all') {
        if (!Array.isArray(value)) fail(where, `'${op}' takes a list`);
        return { ...node, op, value: names(value) };
      }
      if (op === 'eq' || op === 'ne') return { ...node, op: op === 'eq' ? 'set_eq' : 'set_ne', value: names(value) };
      break;
    default:
      break;
  }
  return fail(where, `'${op}' does not apply to the ${field.type} field '${field.name}'`);
}

function factsTested(cond, out = new Set()) {
  if (!cond) return out;
  if (cond.kind === 'fact') out.add(cond.name);
  if (cond.children) cond.children.forEach((c) => factsTested(c, out));
  if (cond.child) factsTested(cond.child, out);
  return out;
}

function checkFacts(rules) {
  const derived = new Set(rules.flatMap((r) => r.derives));
  for (const r of rules) {
    for (const f of factsTested(r.when)) if (!derived.has(f)) fail(r.id, `no rule derives the fact '${f}'`);
  }
}

// limber's Engine::order_rules: Kahn's algorithm, always taking the
// earliest-loaded ready rule. Returns indices into `rules`.
export function dependencyOrder(rules) {
  const n = rules.length;
  const tests = rules.map((r) => factsTested(r.when));
  const after = rules.map(() => []);
  const waiting = new Array(n).fill(0);
  for (let c = 0; c < n; ++c) {
    for (let p = 0; p < n; ++p) {
      if (p !== c && rules[p].derives.some((f) => tests[c].has(f))) {
        after[p].push(c);
        ++waiting[c];
      }
    }
    if (rules[c].derives.some((f) => tests[c].has(f))) fail(rules[c].id, 'tests a fact it derives itself');
  }
  const done = new Array(n).fill(false);
  const order = [];
  while (order.length < n) {
    const next = waiting.findIndex((w, i) => !done[i] && w === 0);
    if (next < 0) fail('rules', 'derived facts depend on each other in a cycle');
    done[next] = true;
    order.push(next);
    for (const c of after[next]) --waiting[c];
  }
  return order;
}

// Level of each rule: 0 if it tests no fact, else 1 + the highest level of
// a rule deriving a fact it tests. Rules of one level never depend on each
// other, so each level can be one evaluation round.
function levels(rules, order) {
  const level = new Array(rules.length).fill(0);
  const producers = new Map();
  rules.forEach((r, i) => r.derives.forEach((f) => producers.set(f, [...(producers.get(f) || []), i])));
  for (const i of order) {
    for (const f of factsTested(rules[i].when)) {
      for (const p of producers.get(f)) level[i] = Math.max(level[i], level[p] + 1);
    }
  }
  return level;
}

// ---- (a) json-rules-engine ---------------------------------------------------

export const factId = (name) => `fact:${name}`;

// Operators that json-rules-engine lacks, with limber's meaning. Built-in
// operators are used where they already mean the same thing (see jreCondition).
export const jreOperators = {
  // is_set / is_unset: `value` is true or false. A field with a default is
  // an engine fact, so it is always set.
  isSet: (fact, expected) => (fact !== undefined && fact !== null) === expected,
  // ne on a field that is not given is false (the built-in notEqual says true).
  givenNotEqual: (fact, value) => fact !== undefined && fact !== null && fact !== value,
  // eq / ne on a whole set, order and duplicates ignored; unset = empty.
  setEqual: (fact, value) => sameSet(fact || [], value),
  setNotEqual: (fact, value) => !sameSet(fact || [], value),
};

function sameSet(a, b) {
  const sa = new Set(a);
  return sa.size === b.length && b.every((v) => sa.has(v));
}

function jreCondition(c) {
  switch (c.kind) {
    case 'all':
      return { all: c.children.map(jreCondition) };
    case 'any':
      return { any: c.children.map(jreCondition) };
    case 'not':
      return { not: jreCondition(c.child) };
    case 'fact':
      // Every derived fact is an engine fact `false`; a fired rule that
      // derives it replaces it with `true` in the run's almanac.
      return { fact: factId(c.name), operator: 'equal', value: true };
    default:
      break;
  }
  const f = c.field;
  switch (c.op) {
    case 'is_set':
    case 'is_unset':
      return { fact: f, operator: 'isSet', value: c.op === 'is_set' };
    // A missing fact is `undefined` (allowUndefinedFacts): undefined === x is
    // false, and the numeric operators reject a non-number, so these
    // built-ins are already false for a field that is not given.
    case 'eq':
      return { fact: f, operator: 'equal', value: c.value };
    case 'lt':
      return { fact: f, operator: 'lessThan', value: c.value };
    case 'lte':
      return { fact: f, operator: 'lessThanInclusive', value: c.value };
    case 'gt':
      return { fact: f, operator: 'greaterThan', value: c.value };
    case 'gte':
      return { fact: f, operator: 'greaterThanInclusive', value: c.value };
    case 'in':
      return { fact: f, operator: 'in', value: c.value };
    case 'ne':
      return { fact: f, operator: 'givenNotEqual', value: c.value };
    // Sets: `contains` and the someFact decorator reject a non-array, so an
    // unset set behaves as the empty set.
    case 'has_any':
      return c.value.length === 1
        ? { fact: f, operator: 'contains', value: c.value[0] }
        : { fact: f, operator: 'someFact:in', value: c.value };
    case 'has_all':
      return { fact: f, operator: 'everyValue:contains', value: c.value };
    case 'set_eq':
      return { fact: f, operator: 'setEqual', value: c.value };
    case 'set_ne':
      return { fact: f, operator: 'setNotEqual', value: c.value };
    default:
      return fail(f, `no translation for ${c.op}`);
  }
}

// The rules (engine.addRule arguments), the constant engine facts (field
// defaults, and every derived fact as false) and the operators to add.
export function toJsonRulesEngine(loaded) {
  const { schema, rules, levels: level } = loaded;
  const maxLevel = Math.max(0, ...level);
  const jreRules = rules.map((r, i) => {
    let conditions = r.when ? jreCondition(r.when) : { all: [] }; // no `when`: always fires
    if (!('all' in conditions) && !('any' in conditions) && !('not' in conditions)) conditions = { all: [conditions] };
    return {
      name: r.id,
      // Higher priority runs first; one priority set per dependency level.
      priority: maxLevel - level[i] + 1,
      conditions,
      event: { type: r.id, params: { derive: r.derives } },
    };
  });
  const facts = {};
  for (const f of schema.fields.values()) if (f.default !== undefined) facts[f.name] = f.default;
  for (const r of rules) for (const d of r.derives) facts[factId(d)] = false;
  return { rules: jreRules, facts, operators: Object.keys(jreOperators) };
}

// ---- (b) GoRules ZEN ---------------------------------------------------------

const zenKeywords = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'rule', 'fact']);
const zenKey = (id) => id.replace(/[^A-Za-z0-9_]/g, '_');
export const zenRuleKey = (id) => `rule_${zenKey(id)}`;
export const zenFactKey = (name) => `fact_${zenKey(name)}`;
const zenString = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const zenList = (vs) => `[${vs.map((v) => (typeof v === 'string' ? zenString(v) : String(v))).join(', ')}]`;

function zenExpression(c) {
  switch (c.kind) {
    case 'all':
      return `(${c.children.map(zenExpression).join(' and ')})`;
    case 'any':
      return `(${c.children.map(zenExpression).join(' or ')})`;
    case 'not':
      return `(not ${zenExpression(c.child)})`;
    case 'fact':
      return zenFactKey(c.name); // computed by an earlier node, passed through
    default:
      break;
  }
  const f = c.field;
  if (zenKeywords.has(f) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(f)) fail(f, 'field name is not a ZEN identifier');
  // A given field, or its default. ZEN fails on comparisons with null, so a
  // field without a default is tested for null first (`and` short-circuits).
  const lit = (v) => (typeof v === 'string' ? zenString(v) : Array.isArray(v) ? zenList(v) : String(v));
  const value = c.hasDefault ? `(${f} ?? ${lit(c.default)})` : f;
  const given = (expr) => (c.hasDefault ? `(${expr})` : `(${f} != null and ${expr})`);
  // An unset set is the empty set (or the default).
  const set = c.hasDefault ? value : `(${f} ?? [])`;
  switch (c.op) {
    case 'is_set':
      return c.hasDefault ? 'true' : `(${f} != null)`;
    case 'is_unset':
      return c.hasDefault ? 'false' : `(${f} == null)`;
    case 'eq':
      return given(`${value} == ${lit(c.value)}`);
    case 'ne':
      return given(`${value} != ${lit(c.value)}`);
    case 'lt':
      return given(`${value} < ${c.value}`);
    case 'lte':
      return given(`${value} <= ${c.value}`);
    case 'gt':
      return given(`${value} > ${c.value}`);
    case 'gte':
      return given(`${value} >= ${c.value}`);
    case 'in':
      return given(`${value} in ${zenList(c.value)}`);
    case 'has_any':
      return c.value.length === 1
        ? `(${zenString(c.value[0])} in ${set})`
        : `some(${zenList(c.value)}, # in ${set})`;
    case 'has_all':
      return `all(${zenList(c.value)}, # in ${set})`;
    case 'set_eq':
    case 'set_ne': {
      const eq = `(all(${zenList(c.value)}, # in ${set}) and all(${set}, # in ${zenList(c.value)}))`;
      return c.op === 'set_eq' ? eq : `(not ${eq})`;
    }
    default:
      return fail(f, `no translation for ${c.op}`);
  }
}

// The JDM graph: input -> level 0 -> level 1 -> ... -> fired -> output.
// Each level node (passThrough) adds `rule_<id>` for its rules, then
// `fact_<name>` for every fact whose last deriving rule is at that level
// (the fact holds if any deriving rule fired). The last node lists the
// fired rule ids in limber's evaluation order.
export function toZenDecision(loaded) {
  const { schema, rules, order, levels: level } = loaded;
  for (const f of schema.fields.keys()) {
    if (/^(rule|fact)_/.test(f)) fail(f, 'a profile field named rule_* or fact_* would clash with the ZEN keys');
  }
  const keys = new Set();
  for (const r of rules) {
    const k = zenRuleKey(r.id);
    if (keys.has(k)) fail(r.id, `two rules map to the ZEN key ${k}`);
    keys.add(k);
  }
  const producers = new Map();
  for (const i of order) for (const f of rules[i].derives) producers.set(f, [...(producers.get(f) || []), i]);
  const maxLevel = Math.max(0, ...level);
  const pos = (x, y) => ({ x, y });
  const nodes = [{ id: 'input', type: 'inputNode', name: 'profile', position: pos(0, 0) }];
  const edges = [];
  let prev = 'input';
  let n = 0;
  for (let L = 0; L <= maxLevel; ++L) {
    const expressions = [];
    for (const i of order) {
      if (level[i] !== L) continue;
      const r = rules[i];
      expressions.push({ id: `e${++n}`, key: zenRuleKey(r.id), value: r.when ? zenExpression(r.when) : 'true' });
    }
    for (const [fact, ps] of producers) {
      if (Math.max(...ps.map((p) => level[p])) !== L) continue;
      // Same node: `$.key` (this node's output so far); earlier: the key itself.
      const refs = ps.map((p) => (level[p] === L ? `$.${zenRuleKey(rules[p].id)}` : zenRuleKey(rules[p].id)));
      expressions.push({ id: `e${++n}`, key: zenFactKey(fact), value: refs.join(' or ') });
    }
    const id = `level${L}`;
    nodes.push({
      id,
      type: 'expressionNode',
      name: `rules of dependency level ${L}`,
      position: pos(250 * (L + 1), 0),
      content: { expressions, passThrough: true, inputField: null, outputPath: null, executionMode: 'single' },
    });
    edges.push({ id: `edge${edges.length + 1}`, sourceId: prev, targetId: id, type: 'edge' });
    prev = id;
  }
  const fired = order.map((i) => `${zenRuleKey(rules[i].id)} ? ${zenString(rules[i].id)} : null`).join(', ');
  nodes.push({
    id: 'fired',
    type: 'expressionNode',
    name: 'fired rules',
    position: pos(250 * (maxLevel + 2), 0),
    content: {
      expressions: [{ id: `e${++n}`, key: 'fired_rules', value: `filter([${fired}], # != null)` }],
      passThrough: false,
      inputField: null,
      outputPath: null,
      executionMode: 'single',
    },
  });
  nodes.push({ id: 'output', type: 'outputNode', name: 'result', position: pos(250 * (maxLevel + 3), 0) });
  edges.push({ id: `edge${edges.length + 1}`, sourceId: prev, targetId: 'fired', type: 'edge' });
  edges.push({ id: `edge${edges.length + 1}`, sourceId: 'fired', targetId: 'output', type: 'edge' });
  return { contentType: 'application/vnd.gorules.decision', nodes, edges };
}

// ---- CLI -----------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let rulesDir = path.join(repoRoot, 'rules');
  let outDir = path.join(here, 'out');
  for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--rules') rulesDir = args[++i];
    else if (args[i] === '--out') outDir = args[++i];
    else {
      console.error('usage: node translate.mjs [--rules DIR] [--out DIR]');
      process.exit(2);
    }
  }
  const loaded = loadRules(rulesDir);
  fs.mkdirSync(outDir, { recursive: true });
  const jre = toJsonRulesEngine(loaded);
  fs.writeFileSync(path.join(outDir, 'jre-rules.json'), JSON.stringify(jre, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'zen-decision.json'), JSON.stringify(toZenDecision(loaded), null, 2) + '\n');
  console.log(
    `${loaded.rules.length} rules, ${Math.max(...loaded.levels) + 1} dependency levels -> ` +
      `${path.join(outDir, 'jre-rules.json')}, ${path.join(outDir, 'zen-decision.json')}`,
  );
}
