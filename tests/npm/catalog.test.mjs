// A user's addon catalog: `options.catalog` of `validate` and `fix` (one text or an array of
// Addon manifests) adds addons to the vendored catalog and replaces those of the same name; a
// broken manifest throws with its place; the bin's `--catalog` and `--version` print the native
// CLI's bytes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { editedSeed, freshProject, nativeCli, runProcess } from './helpers.mjs';

const project = freshProject(null);
const stashform = createRequire(join(project, 'x.cjs'))('stashform');
const bin = join(project, 'node_modules/.bin/stashform');

const tidb = `apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata:
  name: tidb-addon
spec:
  backupTasks:
  - name: logical-backup
    function: tidb-backup
    driver: Restic
    parameters:
    - name: args
      usage: Arguments of the dump.
    - name: threads
      default: "4"
      usage: Dump threads.
`;

// As \`helm template\` renders the KubeDB catalog chart: comments, a Function beside the Addon.
const postgres = `---
# Source: kubedb-kubestash-catalog/templates/postgres/postgres-addon.yaml
apiVersion: addons.kubestash.com/v1alpha1
kind: Addon
metadata:
  name: 'postgres-addon'
spec:
  backupTasks:
  - name: logical-backup
    function: postgres-backup
    driver: Restic
    parameters:
    - name: args
      usage: Arguments to be passed to the dump command.
    - name: compression
      default: gzip
      usage: Compression of the dump (can only be gzip or zstd)
---
# Source: kubedb-kubestash-catalog/templates/postgres/postgres-backup.yaml
apiVersion: addons.kubestash.com/v1alpha1
kind: Function
metadata:
  name: postgres-backup
spec:
  image: ghcr.io/kubedb/postgres-restic-plugin:v0.20.0
`;

const withTidb = editedSeed([['name: postgres-addon', 'name: tidb-addon']]);
const withCompression = editedSeed([['args: --clean\n', 'args: --clean\n              compression: zstd\n']]);
const rules = (text, options) => stashform.validate(text, options).diagnostics.map((d) => d.rule);

test('options.catalog adds an addon and changes the params of a task', () => {
  assert.deepEqual(rules(withTidb), ['unknown-addon']);
  assert.match(stashform.validate(withTidb).diagnostics[0].message, /vendored catalog \(kubestash\/installer@bc3770b03545/);
  assert.deepEqual(rules(withCompression), ['unknown-param']);
  const catalog = [tidb, postgres];
  assert.deepEqual(rules(withTidb, { catalog }), []);
  assert.deepEqual(rules(withCompression, { catalog }), []);
  // One text is a catalog too; the rest of the vendored catalog stays.
  assert.deepEqual(rules(withCompression, { catalog: postgres }), []);
  assert.deepEqual(rules(withTidb, { catalog: postgres }), ['unknown-addon']);
  // The vendored mysql-addon stays known (no `unknown-addon`), but it is not the Postgres target's.
  assert.deepEqual(rules(editedSeed([['name: postgres-addon', 'name: mysql-addon']]), { catalog: postgres }), ['addon-target-mismatch']);
  // The user's postgres-addon replaces the vendored one: it has no `backupCmd`.
  const cmd = editedSeed([['args: --clean\n', 'args: --clean\n              backupCmd: pg_dumpall\n']]);
  assert.deepEqual(rules(cmd), []);
  const [unknown] = stashform.validate(cmd, { catalog: postgres }).diagnostics;
  assert.equal(unknown.rule, 'unknown-param');
  // With rules too.
  assert.deepEqual(rules(withTidb, { catalog: tidb, rules: { KS601: 'off' } }), []);
});

test('fix() with options.catalog fixes against the user\'s tasks', () => {
  const typo = editedSeed([
    ['name: postgres-addon', 'name: tidb-addon'],
    ['name: logical-backup\n', 'name: logical-backups\n'],
  ]);
  const { text, fixed, diagnostics } = stashform.fix(typo, { catalog: [tidb] });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(fixed.map((f) => f.rule), ['unknown-task']);
  assert.equal(text, withTidb);
  // Without it the addon is unknown, and nothing is certain.
  assert.equal(stashform.fix(typo).text, typo);
});

test('a broken catalog throws an Error with the manifest\'s place; a catalog of the wrong type a TypeError', () => {
  const broken = tidb.replace('    - name: threads\n', '    - nme: threads\n');
  assert.throws(() => stashform.validate(withTidb, { catalog: [postgres, broken] }), {
    name: 'Error',
    message: 'validate: options.catalog[1]:13:7: an entry of `parameters` needs a `name`',
  });
  assert.throws(() => stashform.fix(withTidb, { catalog: 'kind: Addon\nmetadata: {name: [x\n' }), {
    name: 'Error',
    message: /^fix: options\.catalog\[0\]:3:1: /,
  });
  assert.throws(() => stashform.validate(withTidb, { catalog: 42 }), TypeError);
  assert.throws(() => stashform.validate(withTidb, { catalog: [tidb, 42] }), TypeError);
});

test('the bin: --catalog, catalog: in the config and --version print the native CLI\'s bytes', () => {
  const repo = mkdtempSync(join(tmpdir(), 'stashform-catalog-'));
  try {
    mkdirSync(join(repo, 'addons/tidb'), { recursive: true });
    mkdirSync(join(repo, 'deploy/db'), { recursive: true });
    writeFileSync(join(repo, 'addons/tidb/tidb-addon.yaml'), tidb);
    writeFileSync(join(repo, 'addons/postgres.yml'), postgres);
    writeFileSync(join(repo, 'deploy/db/tidb.yaml'), withTidb);
    writeFileSync(join(repo, 'deploy/db/postgres.yaml'), withCompression);
    writeFileSync(join(repo, 'broken.yaml'), tidb.replace('  - name: logical-backup\n', '  - name: [logical-backup\n'));
    const same = (args, cwd = repo) => {
      const ours = runProcess(bin, args, { cwd });
      const native = nativeCli(args, { cwd });
      assert.equal(ours.stdout, native.stdout, args.join(' '));
      assert.equal(ours.stderr, native.stderr, args.join(' '));
      assert.equal(ours.status, native.status, args.join(' '));
      return ours;
    };
    assert.equal(JSON.parse(same(['check', '--format', 'json', 'deploy']).stdout).summary.warnings, 2);
    assert.equal(JSON.parse(same(['check', '--format', 'json', '--catalog', 'addons', 'deploy']).stdout).summary.warnings, 0);
    const broken = same(['check', '--catalog', 'broken.yaml', 'deploy']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^stashform: broken\.yaml:8:13: /);
    writeFileSync(join(repo, '.stashform.yaml'), 'catalog: addons\n');
    assert.equal(JSON.parse(same(['check', '--format', 'json', '.'], join(repo, 'deploy/db')).stdout).summary.warnings, 0);
    const version = same(['--version']);
    assert.match(version.stdout, /^stashform \d+\.\d+\.\d+\naddon catalog: kubestash\/installer@bc3770b03545 of 2026-07-21, kubedb\/installer@0c6e2459d95d of 2026-08-21/);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
