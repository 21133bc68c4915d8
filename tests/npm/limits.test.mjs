// Inputs over the loader's limit (32 MiB of UTF-8) are answered in JavaScript, before anything
// is copied into wasm memory (which grows but never shrinks), with exactly what the core says.
// Each check runs in a fresh Node process, which captures the module's memory as it is
// instantiated.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { freshProject, runProcess } from './helpers.mjs';

const project = freshProject(null);

/** Run `body` (CommonJS) with `stashform`, the raw wasm-bindgen functions `core` (what the core
 * answers: no check in JavaScript) and `memory` (the module's); it prints JSON. */
function run(name, body) {
  const source = `let memory;
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  memory = instance.exports.memory;
  return instance;
};
const stashform = require('stashform');
stashform.validate('a: 1\\n');
const core = require('./node_modules/stashform/stashform_node.cjs');
const LIMIT = 32 * 1024 * 1024;
const outcome = (f) => { try { return { value: f() }; } catch (error) { return { error: error.constructor.name, message: error.message, diagnostics: error.diagnostics }; } };
${body}`;
  writeFileSync(join(project, name), source);
  const result = runProcess(process.execPath, ['--max-old-space-size=4096', name], { cwd: project });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('a 300 MB string is rejected without growing wasm memory', (t) => {
  const out = run(
    'memory.cjs',
    `const before = memory.buffer.byteLength;
const big = 'é'.repeat(300 * 1024 * 1024);
const results = [stashform.validate(big), stashform.parse(big)];
const errors = [outcome(() => stashform.format(big)), outcome(() => stashform.edit(big, []))];
const bytes = Buffer.alloc(300 * 1024 * 1024, 0x61);
results.push(stashform.validateBytes(bytes));
const after = memory.buffer.byteLength;
// Not UTF-8 at byte 70,000: the core is given the bytes up to the end of that 64 KiB chunk.
bytes[70000] = 0xff;
results.push(stashform.validateBytes(bytes));
console.log(JSON.stringify({ before, after, afterBad: memory.buffer.byteLength, results, errors }));`,
  );
  const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
  t.diagnostic(
    `wasm memory before ${mib(out.before)}, after four 300 MB inputs ${mib(out.after)}, ` +
      `after 300 MB of bytes that are not UTF-8 ${mib(out.afterBad)}`,
  );
  assert.equal(out.after, out.before);
  assert.ok(out.afterBad - out.before <= 1024 * 1024, mib(out.afterBad));
  const tooLarge = (bytes) => ({
    documents: [],
    diagnostics: [
      {
        code: 'KS003',
        rule: 'input-too-large',
        severity: 'error',
        message: `the input is ${bytes} bytes; the limit is 33554432 bytes (32 MiB)`,
        path: '',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        document: 0,
      },
    ],
  });
  assert.deepEqual(out.results[0], tooLarge(629145600));
  assert.deepEqual(out.results[1], tooLarge(629145600));
  assert.deepEqual(out.results[2], tooLarge(314572800));
  assert.equal(out.results[3].diagnostics[0].message, 'the input is not valid UTF-8 at byte 70000');
  assert.equal(out.errors[0].message, tooLarge(629145600).diagnostics[0].message);
  assert.match(out.errors[1].message, /^edit: the text does not load: the input is 629145600 bytes/);
});

test('over the limit and at it: the same answers as the core, for strings and bytes', () => {
  // Strings whose UTF-8 length is the limit plus one, and the limit: ASCII, then 2-, 3- and
  // 4-byte characters and a lone surrogate (which becomes U+FFFD, 3 bytes).
  const out = run(
    'same.cjs',
    `const tail = 'é€😀\\ud800';
const text = (bytes) => '#' + 'a'.repeat(bytes - 1 - 12 - 4 * 1000) + '😀'.repeat(1000) + tail;
const check = (input) => [
  [stashform.validate(input), core.validate(input)],
  [stashform.parse(input), core.parse(input)],
  [outcome(() => stashform.format(input)), outcome(() => core.format(input))],
  [outcome(() => stashform.edit(input, [{ op: 'set', path: 'a', value: 1 }])), outcome(() => core.edit(input, [{ op: 'set', path: 'a', value: 1 }]))],
  [outcome(() => stashform.edit(input, [{ op: 'rename' }])), outcome(() => core.edit(input, [{ op: 'rename' }]))],
];
const pairs = [];
for (const bytes of [LIMIT + 1, LIMIT]) {
  const input = text(bytes);
  if (Buffer.byteLength(input) !== bytes) throw new Error('bad length');
  pairs.push(...check(input));
  pairs.push([stashform.validateBytes(Buffer.from(input)), core.validateBytes(Buffer.from(input))]);
}
pairs.push(...check('#'.repeat(LIMIT + 1)));
// Bytes that are not UTF-8, over the limit: early (a UTF-16 file), in the middle after some
// lines, cut short at the very end.
const bad = Buffer.alloc(LIMIT + 100, 0x61);
bad.fill(0x0a, 1000, 1010);
const variants = [];
let b = Buffer.from(bad); b[0] = 0xff; b[1] = 0xfe; variants.push(b);
b = Buffer.from(bad); b[5 * 1024 * 1024 + 7] = 0xc3; b[5 * 1024 * 1024 + 8] = 0x28; variants.push(b);
b = Buffer.from(bad); b[1024 * 1024 - 1] = 0xe2; b[1024 * 1024] = 0x82; variants.push(b);
b = Buffer.from(bad); b[b.length - 1] = 0xe2; variants.push(b);
for (const v of variants) pairs.push([stashform.validateBytes(v), core.validateBytes(v)]);
// Compared here (a formatted 32 MiB text is too much to print): equal, and what it was.
const { isDeepStrictEqual } = require('node:util');
const summary = (x) => (x.value ?? x).diagnostics?.[0]?.code ?? x.error ?? typeof x.value;
console.log(JSON.stringify(pairs.map(([ours, theirs]) => [isDeepStrictEqual(ours, theirs), summary(ours)])));`,
  );
  assert.equal(out.length, 6 * 2 + 5 + 4);
  out.forEach(([same, what], i) => assert.ok(same, `pair ${i} (${what}) differs from the core`));
  // What was compared: KS003 over the limit, never at it; KS007 where the bytes go wrong.
  const codes = out.map(([, what]) => what);
  assert.deepEqual(codes.slice(0, 6), ['KS003', 'KS003', 'KS003', 'Error', 'TypeError', 'KS003']);
  assert.ok(!codes.slice(6, 12).includes('KS003'), codes.slice(6, 12).join());
  assert.deepEqual(codes.slice(12, 17), ['KS003', 'KS003', 'KS003', 'Error', 'TypeError']);
  assert.deepEqual(codes.slice(17), ['KS007', 'KS007', 'KS007', 'KS007']);
});
