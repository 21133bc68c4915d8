// The web build in a plain HTML page (no bundler), in headless Debian Chromium: `init()`, then
// the same results as in Node, byte for byte; the .wasm served as application/wasm; nothing
// requested outside the page's origin; no console errors.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { test } from 'node:test';

import { chromium } from 'playwright-core';

import { editedSeed, freshProject, seedFiles } from './helpers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>stashform in a plain page</title>
</head>
<body>
  <pre id="out">loading</pre>
  <script type="module">
    import init, { validate, describeSchedule, render, jsonSchema, version } from './node_modules/stashform/web.js';
    await init();
    const text = async (path) => (await fetch(path)).text();
    const seed = await text('./seed.yaml');
    const bad = await text('./bad.yaml');
    window.result = {
      version,
      seed: validate(seed),
      bad: validate(bad),
      schedule: describeSchedule('*/5 * * * *', { count: 2, from: '2026-01-01T00:00:00Z' }),
      rendered: render({ kind: 'RetentionPolicy', apiVersion: 'storage.kubestash.com/v1alpha1' }),
      schemaKind: jsonSchema('restore').properties.kind,
      isMap: validate(bad) instanceof Map,
    };
    document.getElementById('out').textContent = 'done';
  </script>
</body>
</html>
`;

function serve(dir) {
  const served = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(path);
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      served.push({ path: url.pathname, type });
      response.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      served.push({ path: url.pathname, status: 404 });
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, served, port: server.address().port }));
  });
}

test('the web build works in a plain HTML page in headless Chromium', async (t) => {
  const dir = freshProject(t);
  const seed = readFileSync(seedFiles()[0], 'utf8');
  const bad = editedSeed([
    [
      '      scheduler:\n        schedule: "*/5 * * * *"\n        jobTemplate:\n          backoffLimit: 1\n',
      '      scheduler: {timeZone: "Europe/Zürich 😀", schedule: "0 0 * * 7", jobTemplate: {backoffLimit: 1}}\n',
    ],
  ]);
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'seed.yaml'), seed);
  writeFileSync(join(dir, 'bad.yaml'), bad);

  const { server, served, port } = await serve(dir);
  t.after(() => server.close());
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  t.after(() => browser.close());
  const page = await browser.newPage();
  const origin = `http://127.0.0.1:${port}`;
  const problems = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));

  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => document.getElementById('out').textContent === 'done', null, {
    timeout: 30_000,
  });
  const result = await page.evaluate(() => window.result);

  assert.deepEqual(problems, []);
  for (const url of requests) assert.ok(url.startsWith(`${origin}/`), url);
  const wasm = served.filter((s) => s.path.endsWith('.wasm'));
  assert.deepEqual(wasm, [{ path: '/node_modules/stashform/stashform_bg.wasm', type: 'application/wasm' }]);

  // The same answers as the Node build gives.
  const node = createRequire(join(dir, 'x.cjs'))('stashform');
  assert.equal(result.version, node.version);
  assert.deepEqual(result.seed, node.validate(seed));
  assert.deepEqual(result.seed.diagnostics, []);
  assert.deepEqual(result.bad, node.validate(bad));
  assert.equal(result.isMap, false);
  const schedule = result.bad.diagnostics.find((d) => d.code === 'KS401');
  const line = bad.split('\n')[schedule.line - 1];
  assert.equal(schedule.column, line.indexOf('"0 0 * * 7"') + 1); // UTF-16, after `ü` and `😀`
  assert.deepEqual(result.schedule.nextRuns, ['2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z']);
  assert.equal(result.rendered, 'apiVersion: storage.kubestash.com/v1alpha1\nkind: RetentionPolicy\n');
  assert.deepEqual(result.schemaKind, { const: 'RestoreSession' });
});
