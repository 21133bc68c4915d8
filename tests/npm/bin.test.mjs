// The package's `stashform` bin as a process, and its parity with the native CLI: same output
// for json, sarif and github (byte for byte), same exit codes; and the API's diagnostics agree
// with the CLI's (same code, path, line; the column in UTF-16 instead of UTF-8 bytes).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import {
  freshProject,
  nativeCli,
  root,
  runProcess,
  seedDir,
  seedFiles,
  workspaceVersion,
  writeBadFixtures,
} from './helpers.mjs';

const project = freshProject(null);
const bin = join(project, 'node_modules/.bin/stashform');
const stashform = createRequire(join(project, 'x.cjs'))('stashform');
const fixtures = mkdtempSync(join(tmpdir(), 'stashform-bad-'));
process.on('exit', () => rmSync(fixtures, { recursive: true, force: true }));
const bad = writeBadFixtures(fixtures);

const check = (args, options) => runProcess(bin, ['check', ...args], { cwd: root, ...options });

before(() => {
  // Build the native CLI once, outside the timed assertions.
  const built = nativeCli(['--version']);
  assert.equal(built.status, 0, built.stderr);
});

test('npx stashform check on the seed examples: exit 0', () => {
  const result = runProcess('npx', ['--no-install', 'stashform', 'check', seedDir], { cwd: project });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /checked 9 files, 9 documents: 0 errors, 0 warnings/);
});

test('an invalid file: exit 1, json output', () => {
  const result = check(['--format', 'json', bad[0]]);
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.version, 1);
  assert.deepEqual(report.summary, { files: 1, documents: 1, errors: 1, warnings: 0 });
  const [d] = report.diagnostics;
  assert.equal(d.code, 'KS401');
  assert.equal(d.path, 'spec.sessions[0].scheduler.schedule');
  assert.equal(d.file, bad[0]);
  assert.equal(d.document, 0);
});

test('human output names file:line:col, severity, code, message and help', () => {
  const result = check([bad[0]]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /error\[KS401\]: invalid schedule: .* \[invalid-schedule\]/);
  assert.match(result.stdout, new RegExp(`--> ${bad[0]}:23:19`));
  assert.match(result.stdout, /help: day-of-week runs 0-6/);
  assert.match(result.stdout, /checked 1 file, 1 document: 1 error, 0 warnings/);
});

test('exit codes: 2 for usage and I/O trouble', () => {
  assert.equal(check(['/no/such/file.yaml']).status, 2);
  const usage = check(['--format', 'xml', seedDir]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /possible values/);
  assert.equal(runProcess(bin, ['frobnicate']).status, 2);
  const version = runProcess(bin, ['--version']);
  assert.equal(version.stdout, `stashform ${workspaceVersion()}\n`);
});

test('stdin (`-`, and no PATH at all)', () => {
  const input = readFileSync(bad[0]);
  for (const args of [['--format', 'json', '-'], ['--format', 'json']]) {
    const result = check(args, { input });
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.diagnostics[0].file, '-');
  }
});

for (const format of ['json', 'sarif', 'github', 'human']) {
  test(`--format ${format}: the same output as the native CLI`, () => {
    const paths = [seedDir, ...bad];
    const ours = check(['--format', format, ...paths], { env: { ...process.env, NO_COLOR: '1' } });
    const native = nativeCli(['check', '--format', format, ...paths]);
    assert.equal(ours.status, native.status);
    assert.equal(ours.status, 1);
    if (format === 'json' || format === 'sarif') {
      assert.deepEqual(JSON.parse(ours.stdout), JSON.parse(native.stdout));
      assert.equal(ours.stdout, native.stdout);
    } else if (format === 'github') {
      assert.equal(ours.stdout, native.stdout);
    } else {
      // The human format is simpler than the native snippets, but points at the same places.
      const locations = (text) => [...text.matchAll(/--> (\S+:\d+:\d+)/g)].map((m) => m[1]);
      assert.deepEqual(locations(ours.stdout), locations(native.stdout));
      const summary = (text) => text.trim().split('\n').at(-1);
      assert.equal(summary(ours.stdout), summary(native.stdout));
    }
  });
}

test('a bad value: the API reports the CLI code, path and line, with UTF-16 columns', () => {
  const native = JSON.parse(nativeCli(['check', '--format', 'json', ...bad]).stdout);
  assert.equal(native.diagnostics.length, 4);
  let nonAscii = 0;
  for (const file of bad) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const ours = stashform.validate(text).diagnostics;
    const theirs = native.diagnostics.filter((d) => d.file === file);
    assert.equal(ours.length, theirs.length, file);
    ours.forEach((d, i) => {
      const n = theirs[i];
      assert.equal(d.code, n.code);
      assert.equal(d.rule, n.rule);
      assert.equal(d.path, n.path);
      assert.equal(d.line, n.line);
      assert.equal(d.endLine, n.endLine);
      assert.equal(d.message, n.message);
      // The CLI counts UTF-8 bytes; the API counts UTF-16 code units of the same line.
      const line = lines[d.line - 1];
      const utf16 = (byteColumn) =>
        Buffer.from(line).subarray(0, byteColumn - 1).toString('utf8').length + 1;
      assert.equal(d.column, utf16(n.column));
      assert.equal(d.endColumn, utf16(n.endColumn));
      if (d.column !== n.column) nonAscii++;
    });
  }
  // The schedule after `ü` and the param after `é😀` moved: UTF-16 is really in use.
  assert.ok(nonAscii >= 2, `${nonAscii} diagnostics after non-ASCII text`);
  const schedule = stashform
    .validate(readFileSync(bad[1], 'utf8'))
    .diagnostics.find((d) => d.code === 'KS401');
  const cli = native.diagnostics.find((d) => d.file === bad[1] && d.code === 'KS401');
  assert.equal(cli.column - schedule.column, 1); // `ü`: 2 bytes, 1 code unit
});

test('fmt, schedule and schema commands', () => {
  const fmt = runProcess(bin, ['fmt', seedFiles()[0]], { cwd: root });
  assert.equal(fmt.status, 0);
  assert.equal(fmt.stdout, nativeCli(['fmt', seedFiles()[0]]).stdout);
  const notCanonical = join(fixtures, 'messy.yml');
  writeFileSync(notCanonical, 'kind: RetentionPolicy\napiVersion: storage.kubestash.com/v1alpha1\n');
  assert.equal(runProcess(bin, ['fmt', '--check', notCanonical]).status, 1);
  const args = ['schedule', '0 0 * * 7', '--json'];
  const ours = runProcess(bin, args);
  const native = nativeCli(args);
  assert.equal(ours.status, 1);
  assert.equal(ours.status, native.status);
  assert.deepEqual(JSON.parse(ours.stdout), JSON.parse(native.stdout));
  const from = ['schedule', '*/15 * * * *', '--next', '3', '--from', '2026-01-01T00:00:00Z'];
  assert.equal(runProcess(bin, from).stdout, nativeCli(from).stdout);
  const schema = runProcess(bin, ['schema', 'BackupConfiguration']);
  assert.equal(schema.status, 0);
  assert.deepEqual(JSON.parse(schema.stdout), JSON.parse(nativeCli(['schema', 'BackupConfiguration']).stdout));
  assert.equal(runProcess(bin, ['schema', 'Pod']).status, 2);
});
