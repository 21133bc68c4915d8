// The CI distribution: `action.yml` (its script run as GitHub would, with `npx` resolving to the
// packed package's bin) and `.pre-commit-hooks.yaml` (each hook's entry run on files), both
// naming the workspace's version.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import yaml from 'js-yaml';

import { freshProject, root, runProcess, seedFiles, workspaceVersion, writeBadFixtures } from './helpers.mjs';

const project = freshProject(null);
const bin = join(project, 'node_modules/.bin/stashform');

/** Run the action's script with `inputs`, as a composite action step would. */
function runAction(inputs, cwd) {
  const action = yaml.load(readFileSync(join(root, 'action.yml'), 'utf8'));
  const [step] = action.runs.steps;
  assert.equal(action.runs.using, 'composite');
  assert.equal(step.shell, 'bash');
  const fakeBin = mkdtempSync(join(tmpdir(), 'stashform-npx-'));
  // `npx --yes stashform@<version> ARGS` runs the packed bin with ARGS.
  writeFileSync(
    join(fakeBin, 'npx'),
    `#!/bin/sh\n[ "$1" = --yes ] && [ "$2" = "stashform@${workspaceVersion()}" ] || { echo "npx $*" >&2; exit 9; }\nshift 2\nexec ${JSON.stringify(bin)} "$@"\n`,
  );
  chmodSync(join(fakeBin, 'npx'), 0o755);
  const env = { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, NO_COLOR: '1' };
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = inputs[name] ?? input.default ?? '';
    // GitHub substitutes `${{ inputs.x }}` in `env:`; the script reads only those variables.
    for (const [key, template] of Object.entries(step.env)) {
      if (template === `\${{ inputs.${name} }}`) env[key] = value;
    }
  }
  try {
    return runProcess('bash', ['-c', step.run], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(fakeBin, { recursive: true, force: true });
  }
}

test('action.yml: defaults check the whole folder with GitHub annotations; its version is ours', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stashform-action-'));
  try {
    const bad = writeBadFixtures(dir);
    const result = runAction({}, dir);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^::error file=flow-params\.yaml,line=\d+/m);
    const sarif = runAction({ paths: bad[0], format: 'sarif', output: 'out.sarif' }, dir);
    assert.equal(sarif.status, 1, sarif.stderr);
    assert.equal(sarif.stdout, '');
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results.length, 1);
    const globbed = runAction({ paths: `${seedFiles()[0]} ${join(root, 'tests/fixtures/valid/seed')}/0[23]*.yaml`, format: 'json' }, dir);
    assert.equal(globbed.status, 0, globbed.stderr);
    assert.equal(JSON.parse(globbed.stdout).summary.files, 3);
    // `catalog` reaches `--catalog`.
    const catalog = runAction({ paths: bad[0], catalog: 'no-such-addons' }, dir);
    assert.equal(catalog.status, 2);
    assert.equal(catalog.stderr, 'stashform: no-such-addons: No such file or directory\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('.pre-commit-hooks.yaml: each entry runs on files as pre-commit passes them', () => {
  const hooks = yaml.load(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.deepEqual(hooks.map((h) => h.id), ['stashform-check', 'stashform-fmt']);
  const dir = mkdtempSync(join(tmpdir(), 'stashform-hooks-'));
  try {
    const bad = writeBadFixtures(dir);
    const messy = join(dir, 'messy.yaml');
    writeFileSync(messy, 'kind: RetentionPolicy # keep\napiVersion: storage.kubestash.com/v1alpha1\nmetadata: {name: r, namespace: demo}\n');
    for (const hook of hooks) {
      assert.equal(hook.language, 'node');
      assert.deepEqual(hook.additional_dependencies, [`stashform@${workspaceVersion()}`]);
      assert.ok(new RegExp(hook.files).test('deploy/a.yml'));
      const [command, ...args] = hook.entry.split(' ');
      assert.equal(command, 'stashform');
      const result = runProcess(bin, [...args, bad[0], messy], { cwd: dir });
      if (hook.id === 'stashform-check') assert.equal(result.status, 1);
      else {
        assert.equal(result.status, 0, result.stderr);
        assert.match(readFileSync(messy, 'utf8'), /^apiVersion: storage\.kubestash\.com\/v1alpha1\nkind: RetentionPolicy # keep\n/);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
