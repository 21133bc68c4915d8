// Shared by the browser tests and the bench: a static server for dist/web on 127.0.0.1:0,
// Debian's Chromium through playwright-core, and a recorder of console errors and requests.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.STASHFORM_WEB_DIST || join(ROOT, 'dist/web');
export const SEED_DIR = join(ROOT, 'tests/fixtures/valid/seed');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Serve `dir` on 127.0.0.1 with a free port; resolves to { url, close }. */
export async function serve(dir = DIST) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh page (own context: own localStorage) that records console errors, page errors and
 * every request, so tests can assert none left the origin.
 */
export async function open(
  browser,
  url,
  { viewport = { width: 1400, height: 900 }, colorScheme = 'light' } = {},
) {
  const context = await browser.newContext({ viewport, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const record = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') record.errors.push(m.text());
  });
  page.on('pageerror', (e) => record.errors.push(String(e)));
  page.on('request', (r) => record.requests.push(r.url()));
  await page.goto(url);
  await ready(page);
  return { page, context, record };
}

/**
 * Documents with only the shape the form fills in (a fresh visit opens on a complete example):
 * tests that build a document field by field start from these.
 */
export const SKELETON = {
  backup: `apiVersion: core.kubestash.com/v1alpha1
kind: BackupConfiguration
metadata: {}
spec:
  target:
    apiGroup: kubedb.com
    kind: Postgres
  backends:
    - {}
  sessions:
    - scheduler: {}
      repositories:
        - {}
      addon:
        name: postgres-addon
        tasks:
          - name: logical-backup
`,
  restore: `apiVersion: core.kubestash.com/v1alpha1
kind: RestoreSession
metadata: {}
spec:
  target:
    apiGroup: kubedb.com
    kind: Postgres
  dataSource:
    snapshot: latest
  addon:
    name: postgres-addon
    tasks:
      - name: logical-backup-restore
`,
};

/** Wait until the app has mounted. */
export async function ready(page) {
  await page.waitForSelector('#yaml', { timeout: 15000 });
}

/** Set a form control by its `name` (the dotted path), as a user would. */
export async function setControl(page, name, value) {
  const control = page.locator(`[name="${name}"]`);
  const tag = await control.evaluate((el) => el.tagName);
  if (tag === 'SELECT') await control.selectOption(String(value));
  else await control.fill(String(value));
}

export async function yamlText(page) {
  return page.locator('#yaml').inputValue();
}

/** Paste text into the YAML pane (replacing it). */
export async function pasteYaml(page, text) {
  await page.locator('#yaml').fill(text);
}

/** The checks list: [{ path, severity, text }]. */
export async function diagnostics(page) {
  return page.locator('#diagnostics li[data-path]').evaluateAll((items) =>
    items.map((li) => ({
      path: li.dataset.path,
      severity: li.dataset.severity,
      text: li.textContent,
    })),
  );
}

/** Seed examples: [{ file, text, doc, view }]. */
export async function seeds() {
  const { readdir } = await import('node:fs/promises');
  const yaml = (await import('js-yaml')).default;
  const files = (await readdir(SEED_DIR)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(SEED_DIR, file), 'utf8');
      const doc = yaml.load(text);
      return { file, text, doc, view: doc.kind === 'RestoreSession' ? 'restore' : 'backup' };
    }),
  );
}

/** Every scalar of a document as [dotted path, value], in document order. */
export function leaves(value, path = '') {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

/** The form's leaves of a seed: everything but the root apiVersion and kind. */
export function formLeaves(doc) {
  return leaves(doc).filter(([p]) => p !== 'apiVersion' && p !== 'kind');
}

/** Fill one leaf through the form, adding list items first when the control is missing. */
export async function fillThroughForm(page, path, value) {
  const lists = [...path.matchAll(/\[(\d+)\]/g)].map((m) => ({
    list: path.slice(0, m.index),
    index: Number(m[1]),
  }));
  for (const { list, index } of lists) {
    const items = () =>
      page
        .locator('[data-remove]')
        .evaluateAll(
          (els, list) => els.filter((e) => /^\[\d+\]$/.test(e.dataset.remove.slice(list.length)) && e.dataset.remove.startsWith(list)).length,
          list,
        );
    while ((await items()) <= index) {
      await page.locator(`[data-add="${list}"]`).click();
    }
  }
  await setControl(page, path, value);
}

/** Open a view by its button (as a user would). */
export async function switchView(page, view) {
  await page.locator(`button[data-view="${view}"]`).click();
  await page.waitForFunction((v) => location.hash.startsWith(`#/${v}`), view);
}

/** Load seed example `i` (0-based) from the toolbar. */
export async function loadTemplate(page, i) {
  await page.locator('select.templates').selectOption(String(i));
}

/** Everything the page requested stayed on its origin (data: and blob: of it allowed). */
export function foreignRequests(record, url) {
  const origin = new URL(url).origin;
  return record.requests.filter((r) => !r.startsWith('data:') && new URL(r).origin !== origin);
}

/**
 * The hooks every page test file shares: serve `dist/web` and launch Chromium before the tests;
 * after them, assert that no page opened through `fresh` logged an error or sent a request off
 * the origin, then close everything. `fresh(url?, options?)` opens a fresh page (default: the
 * site's root); `server` is there once the tests run.
 */
export function browserSuite() {
  const suite = { server: undefined, browser: undefined };
  const pages = [];
  before(async () => {
    suite.server = await serve();
    suite.browser = await launch();
  });
  after(async () => {
    for (const { record } of pages) {
      assert.deepEqual(record.errors, [], 'no console errors');
      assert.deepEqual(foreignRequests(record, suite.server.url), [], 'no request left the origin');
    }
    await suite.browser.close();
    await suite.server.close();
  });
  suite.fresh = async (url = suite.server.url, options = undefined) => {
    const opened = await open(suite.browser, url, options);
    pages.push(opened);
    return opened.page;
  };
  return suite;
}
