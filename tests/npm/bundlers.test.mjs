// The README's bundler recipes, each run for real on the packed tarball: Node programs bundled by
// ncc and by esbuild (CommonJS and ES module output) and run from another folder, where the
// project's node_modules cannot be reached; browser apps built by webpack, esbuild and Vite (its
// dev server and its build, Vite 8 and Vite 5), and a module Web Worker, run in Chromium.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch, serve } from '../web/harness.mjs';
import { editedSeed, freshProject, root, runPage, runProcess } from './helpers.mjs';

// A text with an error (Sunday as 7), so that every build shows the same finding as Node.
const TEXT = editedSeed([['schedule: "*/5 * * * *"', 'schedule: "0 0 * * 7"']]);
const bin = (name) => join(root, 'node_modules/.bin', name);

let expected;
let browser;
before(async () => {
  const project = freshProject(null);
  const stashform = createRequire(join(project, 'x.cjs'))('stashform');
  expected = { version: stashform.version, found: stashform.validate(TEXT) };
  assert.equal(expected.found.diagnostics[0].code, 'KS401');
  browser = await launch();
});
after(() => browser?.close());

/** A folder outside every project, which a bundle is copied to and run from. */
function elsewhere(t) {
  const dir = mkdtempSync(join(tmpdir(), 'stashform-elsewhere-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Proof that nothing can be required from here.
  const probe = runProcess(process.execPath, ['-e', "require.resolve('stashform')"], { cwd: dir });
  assert.notEqual(probe.status, 0, 'stashform must not be reachable from the run folder');
  return dir;
}

/** Copy the bundle folder `out` elsewhere, run `file` there with Node, and parse what it prints. */
function runElsewhere(t, out, file) {
  const dir = elsewhere(t);
  cpSync(out, dir, { recursive: true });
  const run = runProcess(process.execPath, [join(dir, file)], { cwd: dir });
  return { ...run, json: run.status === 0 ? JSON.parse(run.stdout) : undefined };
}

const NODE_CJS = `const { validate, version } = require('stashform');
console.log(JSON.stringify({ version, found: validate(${JSON.stringify(TEXT)}) }));
`;

const NODE_ESM = `import init, { validate, version } from 'stashform';
await init();
console.log(JSON.stringify({ version, found: validate(${JSON.stringify(TEXT)}) }));
`;

test('ncc (a GitHub Action): CommonJS and ES module programs run from another folder', (t) => {
  const dir = freshProject(t);
  writeFileSync(join(dir, 'action.cjs'), NODE_CJS);
  writeFileSync(join(dir, 'action.mjs'), NODE_ESM);
  for (const [entry, out, main] of [
    ['action.cjs', 'dist-cjs', 'index.cjs'],
    ['action.mjs', 'dist-esm', 'index.mjs'],
  ]) {
    const build = runProcess(bin('ncc'), ['build', entry, '-o', out], { cwd: dir });
    assert.equal(build.status, 0, build.stderr);
    // The asset relocator ships the module with the bundle.
    assert.deepEqual(readdirSync(join(dir, out)).sort(), [main, 'stashform_bg.wasm']);
    const run = runElsewhere(t, join(dir, out), main);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.json, expected, entry);
  }
});

test('esbuild --platform=node, CommonJS and ES module output: the module embedded by the binary loader', (t) => {
  const dir = freshProject(t);
  writeFileSync(
    join(dir, 'app.mjs'),
    `import wasm from 'stashform/stashform_bg.wasm';
import { initSync, validate, version } from 'stashform';
initSync({ module: wasm });
console.log(JSON.stringify({ version, found: validate(${JSON.stringify(TEXT)}) }));
`,
  );
  for (const [format, file] of [
    ['cjs', 'app.cjs'],
    ['esm', 'app.mjs'],
  ]) {
    const build = runProcess(
      bin('esbuild'),
      ['app.mjs', '--bundle', '--platform=node', '--target=node18', `--format=${format}`, '--loader:.wasm=binary', `--outfile=out-${format}/${file}`],
      { cwd: dir },
    );
    assert.equal(build.status, 0, build.stderr);
    assert.deepEqual(readdirSync(join(dir, `out-${format}`)), [file]);
    const run = runElsewhere(t, join(dir, `out-${format}`), file);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.json, expected, format);
  }
});

test('esbuild --platform=node without the module: the program starts, and the first call says what to do', (t) => {
  const dir = freshProject(t);
  writeFileSync(join(dir, 'app.cjs'), `console.log('started');\n${NODE_CJS}`);
  writeFileSync(join(dir, 'app.mjs'), `console.log('started');\n${NODE_ESM}`);
  for (const [entry, format] of [
    ['app.cjs', 'cjs'],
    ['app.mjs', 'esm'],
  ]) {
    const out = `out-${format}`;
    const file = `bundle.${format === 'cjs' ? 'cjs' : 'mjs'}`;
    const build = runProcess(
      bin('esbuild'),
      [entry, '--bundle', '--platform=node', `--format=${format}`, `--outfile=${out}/${file}`],
      { cwd: dir },
    );
    assert.equal(build.status, 0, build.stderr);
    const run = runElsewhere(t, join(dir, out), file);
    assert.notEqual(run.status, 0);
    assert.equal(run.stdout, 'started\n');
    assert.match(run.stderr, /stashform: cannot read its WebAssembly module .*initSync\(\{ module: bytes \}\)/);
  }
});

// The browser app of the recipes: init(), then validate, without top-level await (Vite 5's
// default build target has none).
const APP = `import init, { validate, version } from 'stashform';

init()
  .then(() => {
    window.result = { version, found: validate(${JSON.stringify(TEXT)}) };
  })
  .catch((error) => {
    window.result = { error: String(error) };
  })
  .finally(() => {
    document.getElementById('out').textContent = 'done';
  });
`;

function page(script) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>stashform</title></head>
<body><pre id="out">loading</pre>${script}</body>
</html>
`;
}

/** Serve `dir` statically, open its index.html in Chromium, and check that it worked: the
 * same findings as in Node, no console error, nothing requested off the origin. */
async function checkServed(t, dir, what) {
  const server = await serve(dir);
  t.after(() => server.close());
  return checkPage(server.url, what);
}

async function checkPage(url, what) {
  const { result, problems, requests } = await runPage(browser, url);
  assert.deepEqual(result, expected, what);
  assert.deepEqual(problems, [], what);
  const origin = new URL(url).origin;
  for (const request of requests) assert.equal(new URL(request).origin, origin, request);
  return requests;
}

test('webpack 5: the module is emitted as an asset and fetched from the bundle', async (t) => {
  const dir = freshProject(t);
  writeFileSync(join(dir, 'main.js'), APP);
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: dir,
      entry: './main.js',
      output: { path: join(dir, 'dist'), filename: 'main.js' },
      performance: { hints: false },
    }).run((error, result) => (error ? reject(error) : resolve(result)));
  });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(dir, 'dist/index.html'), page('<script src="./main.js"></script>'));
  assert.ok(readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.wasm')));
  const requests = await checkServed(t, join(dir, 'dist'), 'webpack');
  assert.equal(requests.filter((r) => r.endsWith('.wasm')).length, 1);
});

test('esbuild for browsers: the file loader ships the module, init() is given its URL', async (t) => {
  const dir = freshProject(t);
  writeFileSync(
    join(dir, 'main.js'),
    APP.replace("import init, { validate, version } from 'stashform';", `import init, { validate, version } from 'stashform';
import wasmUrl from 'stashform/stashform_bg.wasm';`).replace('init()\n', 'init(new URL(wasmUrl, import.meta.url))\n'),
  );
  const build = runProcess(
    bin('esbuild'),
    ['main.js', '--bundle', '--format=esm', '--loader:.wasm=file', '--outdir=dist'],
    { cwd: dir },
  );
  assert.equal(build.status, 0, build.stderr);
  writeFileSync(join(dir, 'dist/index.html'), page('<script type="module" src="./main.js"></script>'));
  await checkServed(t, join(dir, 'dist'), 'esbuild');
});

async function viteApp(t) {
  const dir = freshProject(t, { type: 'module' });
  writeFileSync(join(dir, 'main.js'), APP);
  writeFileSync(join(dir, 'index.html'), page('<script type="module" src="/main.js"></script>'));
  return dir;
}

/** Vite's dev server on `dir` (with `config`), the app opened in Chromium. */
async function viteDev(t, vite, dir, config = {}) {
  const server = await vite.createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    ...config,
  });
  t.after(() => server.close());
  await server.listen();
  return runPage(browser, server.resolvedUrls.local[0]);
}

async function viteBuild(vite, dir) {
  await vite.build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: 'dist' } });
  return join(dir, 'dist');
}

test('Vite 8: the dev server with no configuration, and the build', async (t) => {
  const vite = await import('vite');
  assert.match(vite.version, /^8\./);
  const dir = await viteApp(t);
  const dev = await viteDev(t, vite, dir);
  assert.deepEqual(dev.result, expected);
  assert.deepEqual(dev.problems, []);
  await checkServed(t, await viteBuild(vite, dir), 'vite 8 build');
});

test('Vite 5: the dev server with optimizeDeps.exclude (without it, a clear error), and the build', async (t) => {
  const vite = await import('vite5');
  assert.match(vite.version, /^5\./);
  const dir = await viteApp(t);
  const dev = await viteDev(t, vite, dir, { optimizeDeps: { exclude: ['stashform'] } });
  assert.deepEqual(dev.result, expected);
  assert.deepEqual(dev.problems, []);
  // Pre-bundled, the module's URL points into .vite/deps, where the server answers with a page.
  rmSync(join(dir, 'node_modules/.vite'), { recursive: true, force: true });
  const bare = await viteDev(t, vite, dir);
  assert.match(bare.result.error, /optimizeDeps: \{ exclude: \['stashform'\] \}/);
  await checkServed(t, await viteBuild(vite, dir), 'vite 5 build');
});

test('a module Web Worker, with init() and with initSync(bytes), in a page without a bundler', async (t) => {
  const dir = freshProject(t);
  writeFileSync(
    join(dir, 'worker.js'),
    `import init, { initSync, validate, version } from './node_modules/stashform/web.js';

const ready = new URL(import.meta.url).search === '?sync'
  ? fetch('./node_modules/stashform/stashform_bg.wasm')
      .then((response) => response.arrayBuffer())
      .then((bytes) => initSync({ module: bytes }))
  : init();
self.onmessage = async (event) => {
  try {
    await ready;
    self.postMessage({ version, found: validate(event.data) });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
`,
  );
  mkdirSync(join(dir, 'sync'));
  for (const [file, worker] of [
    ['index.html', './worker.js'],
    ['sync/index.html', '../worker.js?sync'],
  ]) {
    writeFileSync(
      join(dir, file),
      page(`<script type="module">
  const worker = new Worker(new URL(${JSON.stringify(worker)}, location.href), { type: 'module' });
  worker.onmessage = (event) => {
    window.result = event.data;
    document.getElementById('out').textContent = 'done';
  };
  worker.postMessage(${JSON.stringify(TEXT)});
</script>`),
    );
  }
  const server = await serve(dir);
  t.after(() => server.close());
  await checkPage(server.url, 'worker, init()');
  await checkPage(`${server.url}sync/`, 'worker, initSync(bytes)');
});
