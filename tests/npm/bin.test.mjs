// The package's `stashform` bin as a process, and its parity with the native CLI: same output
// for json, sarif and github (byte for byte), same exit codes; and the API's diagnostics agree
// with the CLI's (same code, path, line; the column in UTF-16 instead of UTF-8 bytes).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import {
  editedSeed,
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
  assert.deepEqual(report.summary, { files: 1, documents: 1, errors: 1, warnings: 0, suppressed: 0 });
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
  // `-V` is the version alone; `--version` names the vendored addon catalog's installers too.
  assert.equal(runProcess(bin, ['-V']).stdout, `stashform ${workspaceVersion()}\n`);
  const version = runProcess(bin, ['--version']);
  assert.match(version.stdout, new RegExp(`^stashform ${workspaceVersion()}\\naddon catalog: kubestash/installer@`));
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

// The bin runs the native CLI's own code (compiled to wasm): every output is byte-identical.
for (const format of ['json', 'sarif', 'github', 'human', 'junit']) {
  test(`--format ${format}: the same bytes as the native CLI`, () => {
    const paths = [seedDir, ...bad];
    const env = { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' };
    const ours = check(['--format', format, ...paths], { env });
    const native = nativeCli(['check', '--format', format, ...paths], { env });
    assert.equal(ours.status, 1);
    assert.equal(ours.status, native.status);
    assert.equal(ours.stdout, native.stdout);
    assert.equal(ours.stderr, native.stderr);
  });
}

test('rules, help <command>, and usage errors: the same bytes as the native CLI', () => {
  for (const args of [['rules'], ['rules', 'KS401'], ['rules', 'nope'], ['help', 'check'], ['check', '--jobs', '0', seedDir]]) {
    const ours = runProcess(bin, args, { cwd: root });
    const native = nativeCli(args);
    assert.equal(ours.status, native.status, args.join(' '));
    assert.equal(ours.stdout, native.stdout, args.join(' '));
    assert.equal(ours.stderr, native.stderr, args.join(' '));
  }
  assert.match(runProcess(bin, ['help', 'check']).stdout, /--max-warnings <N>/);
  assert.match(runProcess(bin, ['rules']).stdout, /^KS001 {2}yaml-syntax/);
});

test('check with no PATH and nothing piped in is a usage error, not a pass', () => {
  for (const stdin of ['ignore', 'pipe']) {
    const ours = runProcess(bin, ['check'], { cwd: root, stdio: [stdin, 'pipe', 'pipe'] });
    assert.equal(ours.status, 2, stdin);
    assert.match(ours.stderr, /nothing to check/);
    assert.equal(ours.stderr, nativeCli(['check'], { stdio: [stdin, 'pipe', 'pipe'] }).stderr);
  }
});

test('a glob the shell did not expand, --quiet and --max-warnings', () => {
  const glob = check(['--format', 'json', 'tests/fixtures/valid/seed/*.yaml']);
  assert.equal(glob.status, 0, glob.stderr);
  assert.equal(JSON.parse(glob.stdout).summary.files, 9);
  assert.equal(check(['tests/fixtures/valid/seed/*.yml']).status, 2);
  // A repository without encryptionSecret: a warning, no error.
  const warned = join(fixtures, 'no-encryption.yaml');
  writeFileSync(
    warned,
    editedSeed([['          encryptionSecret:\n            name: encrypt-secret\n            namespace: demo\n', '']]),
  );
  const plain = JSON.parse(check(['--format', 'json', warned, bad[0]]).stdout);
  assert.deepEqual([plain.summary.errors, plain.summary.warnings], [1, 1]);
  const quiet = JSON.parse(check(['--quiet', '--format', 'json', warned, bad[0]]).stdout);
  assert.equal(quiet.summary.warnings, 0);
  assert.deepEqual(quiet.diagnostics.map((d) => d.severity), ['error']);
  assert.equal(check(['--max-warnings', '1', warned]).status, 0);
  const over = check(['--max-warnings', '0', warned]);
  assert.equal(over.status, 1);
  assert.equal(over.stderr, 'stashform: 1 warning, more than --max-warnings 0\n');
});

test('.stashform.yaml: found from a subfolder; exclude globs; unknown keys are errors with their line', () => {
  const repo = mkdtempSync(join(tmpdir(), 'stashform-config-'));
  try {
    mkdirSync(join(repo, 'deploy/charts'), { recursive: true });
    writeFileSync(join(repo, 'deploy/bad.yaml'), readFileSync(bad[0]));
    writeFileSync(join(repo, 'deploy/charts/also-bad.yaml'), readFileSync(bad[0]));
    writeFileSync(join(repo, '.stashform.yaml'), 'exclude:\n  - deploy/charts\n');
    const ours = runProcess(bin, ['check', '--format', 'json', 'deploy'], { cwd: repo });
    assert.equal(JSON.parse(ours.stdout).summary.files, 1);
    assert.equal(ours.stdout, nativeCli(['check', '--format', 'json', join(repo, 'deploy')]).stdout.replaceAll(`${repo}/`, ''));
    writeFileSync(join(repo, '.stashform.yaml'), 'exclude: []\nrulez: {}\n');
    const broken = runProcess(bin, ['check', 'deploy/bad.yaml'], { cwd: join(repo) });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /\.stashform\.yaml:2:1: unknown key `rulez`/);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

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
