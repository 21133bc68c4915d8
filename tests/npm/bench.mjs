// Benchmark (run by hand, not a test): `validate()` of the packed npm package on the nine seed
// examples, against what a JavaScript user would otherwise run: js-yaml + ajv on the real CRD
// schema (structure only; the CRD openAPIV3Schema as `jsonSchema(kind)` gives it, made strict
// as the API server's strict field validation is). Same process, same documents, alternating.
// Then one text of N documents against N single calls (linearity), and the cold start. Every
// figure is the median of its rounds with their range: run it several times, and report the
// spread, not the best.
//
//   node tests/npm/bench.mjs   (needs dist/npm/stashform-<version>.tgz, or STASHFORM_TGZ;
//                               BENCH_SECONDS, default 3, and BENCH_ROUNDS, default 5)

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import Ajv from 'ajv';
import yaml from 'js-yaml';

import { freshProject, seedFiles, tarball } from './helpers.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS || 3);

const project = freshProject(null);
const stashform = createRequire(join(project, 'x.cjs'))('stashform');
const require = createRequire(import.meta.url);
const texts = seedFiles().map((file) => readFileSync(file, 'utf8'));

// The competitor, set up once (schema compilation is not timed).
const compileStart = performance.now();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = {};
for (const kind of ['BackupConfiguration', 'RestoreSession']) {
  validators[kind] = ajv.compile(stashform.jsonSchema(kind));
}
const compileMs = performance.now() - compileStart;

function jsYamlAjv(text) {
  let errors = 0;
  for (const doc of yaml.loadAll(text)) {
    const validate = validators[doc?.kind];
    if (validate && !validate(doc)) errors += validate.errors.length;
  }
  return errors;
}

function ours(text) {
  return stashform.validate(text).diagnostics.length;
}

// Both agree that the seed examples are fine (else the comparison would be meaningless).
for (const text of texts) {
  if (ours(text) !== 0) throw new Error('stashform reports something on a seed example');
  if (jsYamlAjv(text) !== 0) throw new Error('ajv reports something on a seed example');
}

function measure(run) {
  // Warm up (JIT, wasm tiering), then run whole rounds over the nine documents for SECONDS.
  for (let i = 0; i < 50; i++) for (const text of texts) run(text);
  let docs = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    for (const text of texts) run(text);
    docs += texts.length;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { docs, ms, cpuMs: (used.user + used.system) / 1000 };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const rounds = { stashform: [], 'js-yaml + ajv': [] };
for (let round = 0; round < ROUNDS; round++) {
  rounds.stashform.push(measure(ours));
  rounds['js-yaml + ajv'].push(measure(jsYamlAjv));
}

/** Median and range of a list of numbers. */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
const range = ({ median, min, max }, digits = 1) =>
  `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(`stashform ${stashform.version} (${tarball()})`);
console.log(
  `node ${process.version}, ${texts.length} seed examples (${bytes} bytes), ${SECONDS}s x ${ROUNDS} rounds each, alternating; median (min–max) of the rounds`,
);
console.log(`ajv schema compilation (once, not timed below): ${compileMs.toFixed(0)} ms`);
const wasmPath = join(project, 'node_modules/stashform/stashform_bg.wasm');
const wasm = readFileSync(wasmPath);
// The budget is measured with GNU gzip -9 (Node's zlib at level 9 gives about 1 KB more).
let wasmGzip;
try {
  wasmGzip = `${execFileSync('gzip', ['-9', '-c', wasmPath], { maxBuffer: 16 << 20 }).length.toLocaleString('en-US')} bytes gzip -9`;
} catch {
  wasmGzip = `${gzipSync(wasm, { level: 9 }).length.toLocaleString('en-US')} bytes zlib level 9 (no gzip here)`;
}
console.log(`package .wasm: ${wasm.length.toLocaleString('en-US')} bytes, ${wasmGzip} (the budget was 250,000 before fixes, suppressions, rule levels, related places, the user's catalog and five more CRDs joined the API: see the README)`);
console.log('');
console.log('| validator | docs/s | time per doc (µs) | CPU time per doc (µs) |');
console.log('|---|---:|---:|---:|');
const perDoc = {};
for (const [name, list] of Object.entries(rounds)) {
  const time = spread(list.map((r) => (r.ms / r.docs) * 1000));
  const cpu = spread(list.map((r) => (r.cpuMs / r.docs) * 1000));
  perDoc[name] = time.median;
  console.log(
    `| ${name} | ${Math.round(1e6 / time.median).toLocaleString('en-US')} | ${range(time)} | ${range(cpu)} |`,
  );
}
const ratio = perDoc.stashform / perDoc['js-yaml + ajv'];
console.log('');
console.log(`stashform takes ${(ratio * 100).toFixed(0)}% of the time of js-yaml + ajv per document (medians)`);

// One text of N documents against the same N documents one call each: validate() must stay
// linear in the number of documents of a text. The nine seeds, repeated; alternating, CPU time
// of this process (less disturbed by other processes than wall time), median of the rounds.
console.log('');
console.log('| N documents | one text of N (ms CPU) | N single calls (ms CPU) | ratio (medians) |');
console.log('|---:|---:|---:|---:|');
for (const n of [10, 100, 1000, 4000, 10000]) {
  const docs = Array.from({ length: n }, (_, i) => texts[i % texts.length]);
  const text = docs.join('---\n');
  if (stashform.validate(text).documents.length !== n) throw new Error(`${n} documents expected`);
  const reps = Math.max(1, Math.round(2000 / n)); // small N: repeat, to measure more than noise
  const cpu = (run) => {
    const start = process.cpuUsage();
    for (let i = 0; i < reps; i++) run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / reps;
  };
  const whole = [];
  const single = [];
  for (let round = 0; round < ROUNDS; round++) {
    whole.push(cpu(() => stashform.validate(text)));
    single.push(cpu(() => {
      for (const doc of docs) stashform.validate(doc);
    }));
  }
  const [w, s] = [spread(whole), spread(single)];
  const digits = n < 1000 ? 2 : 0;
  console.log(
    `| ${n.toLocaleString('en-US')} | ${range(w, digits)} | ${range(s, digits)} | ${(w.median / s.median).toFixed(2)} |`,
  );
}

// Cold start, as a one-shot CI run sees it: a fresh process loads the library (and compiles the
// schemas, for ajv) and checks the first seed example.
const cold = {
  stashform: `
    const t0 = performance.now();
    const s = require('stashform');
    const text = require('fs').readFileSync(${JSON.stringify(seedFiles()[0])}, 'utf8');
    s.validate(text);
    console.log(performance.now() - t0);`,
  'js-yaml + ajv': `
    const t0 = performance.now();
    const Ajv = require(${JSON.stringify(require.resolve('ajv'))});
    const yaml = require(${JSON.stringify(require.resolve('js-yaml'))});
    const s = require('stashform');
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const v = { BackupConfiguration: ajv.compile(s.jsonSchema('BackupConfiguration')),
                RestoreSession: ajv.compile(s.jsonSchema('RestoreSession')) };
    const text = require('fs').readFileSync(${JSON.stringify(seedFiles()[0])}, 'utf8');
    for (const doc of yaml.loadAll(text)) v[doc.kind](doc);
    console.log(performance.now() - t0);`,
};
const PROCESSES = 9;
console.log('');
console.log(`| cold start: load, first document, in ${PROCESSES} fresh processes | ms, median (min–max) |`);
console.log('|---|---:|');
for (const [name, script] of Object.entries(cold)) {
  const times = [];
  for (let i = 0; i < PROCESSES; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    times.push(Number(out.trim()));
  }
  console.log(`| ${name} | ${range(spread(times), 0)} |`);
}
