// Shared by the npm package tests: find the packed tarball, install it into a fresh Node
// project, run processes. Not a test file itself (node --test picks only *.test.mjs).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const seedDir = join(root, 'tests/fixtures/valid/seed');

/** The workspace version (`[workspace.package]` of the root Cargo.toml). */
export function workspaceVersion() {
  const manifest = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const section = manifest.split('[workspace.package]')[1] ?? '';
  const match = /^version\s*=\s*"([^"]+)"/m.exec(section);
  if (!match) throw new Error('no version in [workspace.package]');
  return match[1];
}

/** The tarball under test: $STASHFORM_TGZ, or dist/npm/stashform-<version>.tgz. */
export function tarball() {
  const path = process.env.STASHFORM_TGZ || join(root, `dist/npm/stashform-${workspaceVersion()}.tgz`);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build it first (cargo xtask dist, or npm::build)`);
  }
  return path;
}

/** A fresh Node project (in the system temp dir) with the tarball installed; removed after
 * the test `t`, or at exit without one. */
export function freshProject(t, packageJson = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'stashform-npm-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  if (t) t.after(cleanup);
  else process.on('exit', cleanup);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, ...packageJson }, null, 2),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball()], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

/** Run a process; never throws on a non-zero exit. */
export function runProcess(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The native CLI (`cargo run -q -p stashform-cli -- ...`), for parity checks. */
export function nativeCli(args, options = {}) {
  const manifest = join(root, 'Cargo.toml');
  return runProcess('cargo', ['run', '-q', '--manifest-path', manifest, '-p', 'stashform-cli', '--', ...args], {
    cwd: root,
    ...options,
  });
}

export function seedFiles() {
  return readdirSync(seedDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(seedDir, name));
}

/** The seed example 01 with edits: [from, to] replacements that must each apply once. */
export function editedSeed(edits) {
  let text = readFileSync(
    join(seedDir, '01-backup-passing-arguments-to-the-backup-process.yaml'),
    'utf8',
  );
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`seed 01 has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

/** Files with bad values, written into `dir`: the error columns sit after non-ASCII text. */
export function writeBadFixtures(dir) {
  const files = {
    // A bad schedule on a plain line.
    'sunday-as-7.yaml': editedSeed([['schedule: "*/5 * * * *"', 'schedule: "0 0 * * 7"']]),
    // The same schedule after `ü` (2 UTF-8 bytes, 1 UTF-16 unit) on the same line.
    'flow-scheduler.yaml': editedSeed([
      [
        '      scheduler:\n        schedule: "*/5 * * * *"\n        jobTemplate:\n          backoffLimit: 1\n',
        '      scheduler: {timeZone: "Europe/Zürich", schedule: "0 0 * * 7", jobTemplate: {backoffLimit: 1}}\n',
      ],
    ]),
    // A bad param value after `é` and `😀` (4 UTF-8 bytes, 2 UTF-16 units).
    'flow-params.yaml': editedSeed([
      [
        '            params:\n              args: --clean\n',
        '            params: {args: "--clean --comment=sauvegarde-fréquente-😀", backupCmd: pg_dumpp}\n',
      ],
    ]),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files).map((name) => join(dir, name));
}

/** Every value in a tree is a plain object, array or JSON primitive (no Map, no class). */
export function assertPlainJson(value, path = '$') {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`));
    return;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new Error(`${path} is not plain JSON: ${Object.prototype.toString.call(value)}`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) throw new Error(`${path}.${key} is undefined`);
    assertPlainJson(item, `${path}.${key}`);
  }
}

/** Open `url` in a fresh page of `browser` and wait for its `#out` to say `done`; gives the
 * page's `window.result`, its console errors and warnings, and every URL it requested. */
export async function runPage(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('out')?.textContent === 'done', null, {
      timeout: 60_000,
    });
    return { result: await page.evaluate(() => window.result), problems, requests };
  } finally {
    await page.close();
  }
}
