// `fix()`: every certain fix made through the lossless edit layer (only the fixed values'
// bytes change), what was fixed, what remains; `options.rules` for `validate` and `fix`; the
// bin's --fix and --diff print the native CLI's bytes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { editedSeed, freshProject, nativeCli, runProcess } from './helpers.mjs';

const project = freshProject(null);
const stashform = createRequire(join(project, 'x.cjs'))('stashform');
const bin = join(project, 'node_modules/.bin/stashform');

// Seed example 01 with three certain mistakes and comments beside them.
const broken = editedSeed([
  ['schedule: "*/5 * * * *"', 'schedule: "0 0 * * 7" # Sundays'],
  ['backoffLimit: 1', 'backofLimit: 1'],
  ['name: logical-backup\n', 'name: logical-backup-restore # which task?\n'],
]);

test('fix() makes the certain fixes and changes nothing else', () => {
  const before = stashform.validate(broken).diagnostics;
  assert.ok(before.every((d) => d.fix && d.fix.replacements.length > 0), JSON.stringify(before, null, 1));
  const { text, fixed, diagnostics } = stashform.fix(broken);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(fixed.map((f) => f.code).sort(), before.map((d) => d.code).sort());
  assert.ok(fixed.every((f) => f.title && f.path && typeof f.document === 'number'));
  const changed = broken.split('\n').map((line, i) => [line, text.split('\n')[i]]).filter(([a, b]) => a !== b);
  assert.deepEqual(changed, [
    ['        schedule: "0 0 * * 7" # Sundays', '        schedule: "0 0 * * 0" # Sundays'],
    ['          backofLimit: 1', '          backoffLimit: 1'],
    ['          - name: logical-backup-restore # which task?', '          - name: logical-backup # which task?'],
  ]);
  // Applying a diagnostic's own replacements gives the same edit.
  const schedule = before.find((d) => d.code === 'KS401');
  const [r] = schedule.fix.replacements;
  const lines = broken.split('\n');
  const line = lines[r.line - 1];
  lines[r.line - 1] = line.slice(0, r.column - 1) + r.text + line.slice(r.endColumn - 1);
  assert.match(lines.join('\n'), /schedule: "0 0 \* \* 0" # Sundays/);
  // Nothing to fix: the same text back.
  assert.equal(stashform.fix(text).text, text);
  assert.deepEqual(stashform.fix(text).fixed, []);
});

test('options.rules sets levels for validate and fix; mistakes in them are TypeErrors', () => {
  const noSecret = editedSeed([['          encryptionSecret:\n            name: encrypt-secret\n            namespace: demo\n', '']]);
  assert.deepEqual(stashform.validate(noSecret).diagnostics.map((d) => d.severity), ['warning']);
  assert.deepEqual(stashform.validate(noSecret, { rules: { KS601: 'off' } }).diagnostics, []);
  const raised = stashform.validate(noSecret, { rules: { 'missing-encryption-secret': 'error' } });
  assert.deepEqual(raised.diagnostics.map((d) => d.severity), ['error']);
  assert.deepEqual(stashform.fix(noSecret, { rules: { KS601: 'off' } }).diagnostics, []);
  assert.throws(() => stashform.validate(noSecret, { rules: { KS9999: 'off' } }), TypeError);
  assert.throws(() => stashform.validate(noSecret, { rules: { KS601: 'loud' } }), TypeError);
  assert.throws(() => stashform.validate(noSecret, { rulez: {} }), TypeError);
  assert.throws(() => stashform.fix(42), TypeError);
});

test('the bin: --diff and --fix print the native CLI bytes, and --fix rewrites in place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stashform-fix-'));
  try {
    writeFileSync(join(dir, 'a.yaml'), broken);
    for (const args of [['check', '--diff', 'a.yaml'], ['check', '--format', 'json', 'a.yaml']]) {
      const ours = runProcess(bin, args, { cwd: dir });
      const native = nativeCli(args, { cwd: dir });
      assert.equal(ours.status, 1);
      assert.equal(ours.stdout, native.stdout);
      assert.equal(ours.stderr, native.stderr);
    }
    const fixed = runProcess(bin, ['check', '--fix', 'a.yaml'], { cwd: dir });
    assert.equal(fixed.status, 0, fixed.stdout);
    assert.equal(fixed.stderr, 'stashform: fixed 3 findings in 1 file\n');
    assert.equal(readFileSync(join(dir, 'a.yaml'), 'utf8'), stashform.fix(broken).text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
