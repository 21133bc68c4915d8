// Benchmark (run by hand, not a test): `validate()` of the packed npm package on the nine seed
// examples, against what a JavaScript user would otherwise run: js-yaml + ajv on the real CRD
// schema (structure only; the CRD openAPIV3Schema as `jsonSchema(kind)` gives it, made strict
// as the API server's strict field validation is). Same process, same documents, alternating.
//
//   node tests/npm/bench.mjs            (needs dist/npm/stashform-<version>.tgz, or STASHFORM_TGZ)

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

const rounds = { stashform: [], 'js-yaml + ajv': [] };
for (let round = 0; round < 3; round++) {
  rounds.stashform.push(measure(ours));
  rounds['js-yaml + ajv'].push(measure(jsYamlAjv));
}

const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(`stashform ${stashform.version} (${tarball()})`);
console.log(
  `node ${process.version}, ${texts.length} seed examples (${bytes} bytes), ${SECONDS}s x 3 rounds each, best round shown`,
);
console.log(`ajv schema compilation (once, not timed below): ${compileMs.toFixed(0)} ms`);
const wasm = readFileSync(join(project, 'node_modules/stashform/stashform_bg.wasm'));
const wasmGzip = gzipSync(wasm, { level: 9 }).length;
console.log(
  `package .wasm: ${wasm.length.toLocaleString('en-US')} bytes, ${wasmGzip.toLocaleString('en-US')} bytes gzip -9 (limit 250,000)`,
);
console.log('');
console.log('| validator | docs/s | mean time per doc | mean CPU time per doc |');
console.log('|---|---:|---:|---:|');
const best = {};
for (const [name, list] of Object.entries(rounds)) {
  const top = list.reduce((a, b) => (a.docs / a.ms > b.docs / b.ms ? a : b));
  best[name] = top.ms / top.docs;
  console.log(
    `| ${name} | ${Math.round((top.docs / top.ms) * 1000).toLocaleString('en-US')} | ${(best[name] * 1000).toFixed(1)} µs | ${((top.cpuMs / top.docs) * 1000).toFixed(1)} µs |`,
  );
}
const ratio = best.stashform / best['js-yaml + ajv'];
console.log('');
console.log(`stashform takes ${(ratio * 100).toFixed(0)}% of the time of js-yaml + ajv per document`);

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
console.log('');
console.log('| cold start: load, first document (median of 5 fresh processes) | ms |');
console.log('|---|---:|');
for (const [name, script] of Object.entries(cold)) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    times.push(Number(out.trim()));
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${times[2].toFixed(0)} |`);
}
