// Writes N deterministic profiles as JSONL, the same generator the
// comparison uses (profiles.mjs), for scripts/bench.
//   node scripts/compare/generate.mjs --n N --seed S --rules DIR --out FILE
import fs from 'node:fs';
import { makeGenerator } from './profiles.mjs';
import { loadSchema } from './translate.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const n = Number(args.n ?? 1000000);
const seed = Number(args.seed ?? 1);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed) || !args.rules || !args.out) {
  console.error('usage: generate.mjs --n N --seed S --rules DIR --out FILE');
  process.exit(2);
}
const next = makeGenerator(loadSchema(args.rules), seed);
const tmp = `${args.out}.tmp`;
const fd = fs.openSync(tmp, 'w');
let buffer = '';
for (let i = 0; i < n; ++i) {
  buffer += JSON.stringify(next()) + '\n';
  if (buffer.length > 1 << 20) {
    fs.writeSync(fd, buffer);
    buffer = '';
  }
}
fs.writeSync(fd, buffer);
fs.closeSync(fd);
fs.renameSync(tmp, args.out);
