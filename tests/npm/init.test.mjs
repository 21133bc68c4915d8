// Where the WebAssembly module comes from: in Node the package's file on first use, or what
// `init()` / `initSync()` are given first (every form the README names), each in a fresh
// process; in the web build, `init()` first, or a clear error.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { freshProject, runProcess } from './helpers.mjs';

const TEXT = 'apiVersion: v1\nkind: ConfigMap\n';
const EXPECTED = [{ index: 0, apiVersion: 'v1', kind: 'ConfigMap', checked: false, offset: 0 }];

// One project whose package has no stashform_bg.wasm of its own: only what `init` is given can
// work, and the module is given from a copy outside the project.
const project = freshProject(null);
const packageDir = join(project, 'node_modules/stashform');
const away = mkdtempSync(join(tmpdir(), 'stashform-wasm-'));
process.on('exit', () => rmSync(away, { recursive: true, force: true }));
const wasmCopy = join(away, 'copy of stashform_bg.wasm');
copyFileSync(join(packageDir, 'stashform_bg.wasm'), wasmCopy);

/** Run an ES module (`.mjs`) or CommonJS (`.cjs`) program in `dir`; it prints JSON. */
function run(dir, name, source) {
  writeFileSync(join(dir, name), source);
  const result = runProcess(process.execPath, [name], { cwd: dir });
  assert.equal(result.status, 0, `${name}:\n${source}\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

const print = `console.log(JSON.stringify(stashform.validate(${JSON.stringify(TEXT)}).documents));`;

test('Node: no init needed; `import init from "stashform"; await init()` works too', (t) => {
  const dir = freshProject(t);
  assert.deepEqual(run(dir, 'a.cjs', `const stashform = require('stashform');\n${print}`), EXPECTED);
  assert.deepEqual(run(dir, 'b.mjs', `import * as stashform from 'stashform';\n${print}`), EXPECTED);
  assert.deepEqual(
    run(dir, 'c.mjs', `import init from 'stashform';\nawait init();\nawait init();\nconst stashform = init;\n${print}`),
    EXPECTED,
  );
  assert.deepEqual(
    run(dir, 'd.cjs', `const stashform = require('stashform');\nstashform.init().then(() => { ${print} });`),
    EXPECTED,
  );
});

test('Node: init() and initSync() take the module as bytes, a WebAssembly.Module, a path or a URL', () => {
  const bytes = `readFileSync(${JSON.stringify(wasmCopy)})`;
  const forms = {
    'init(bytes)': `await init(${bytes});`,
    'init({ module_or_path: bytes })': `await init({ module_or_path: ${bytes} });`,
    'init(ArrayBuffer)': `const b = ${bytes}; await init(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));`,
    'init(WebAssembly.Module)': `await init(new WebAssembly.Module(${bytes}));`,
    'init(Promise<bytes>)': `await init(Promise.resolve(${bytes}));`,
    'init(path)': `await init(${JSON.stringify(wasmCopy)});`,
    'init(file URL)': `await init(new URL(${JSON.stringify(pathToFileURL(wasmCopy).href)}));`,
    'init(file URL string)': `await init(${JSON.stringify(pathToFileURL(wasmCopy).href)});`,
    'init(data: URL)': `await init('data:application/wasm;base64,' + ${bytes}.toString('base64'));`,
    'init(Response)': `await init(new Response(${bytes}));`,
    'initSync(bytes)': `initSync(${bytes});`,
    'initSync({ module: Module })': `initSync({ module: new WebAssembly.Module(${bytes}) });`,
  };
  rmSync(join(packageDir, 'stashform_bg.wasm'));
  for (const [name, setup] of Object.entries(forms)) {
    const source = `import { readFileSync } from 'node:fs';
import * as stashform from 'stashform';
const { init, initSync } = stashform;
${setup}
${print}`;
    assert.deepEqual(run(project, 'form.mjs', source), EXPECTED, name);
  }
  // Without it: the first call says what to do (the program itself starts).
  writeFileSync(join(project, 'none.cjs'), `console.log('started');\n${`const stashform = require('stashform');\n${print}`}`);
  const none = runProcess(process.execPath, ['none.cjs'], { cwd: project });
  assert.notEqual(none.status, 0);
  assert.equal(none.stdout, 'started\n');
  assert.match(none.stderr, /stashform: cannot read its WebAssembly module \(ENOENT.*initSync\(\{ module: bytes \}\) or await init\(\{ module_or_path \}\)/);
});

test('web build: a call before init() says to call init(); initSync(bytes) and init(bytes) work', (t) => {
  const dir = freshProject(t);
  const source = (setup) => `import stashform, { validate, initSync, init } from 'stashform/web';
import { readFileSync } from 'node:fs';
const bytes = readFileSync(new URL('./node_modules/stashform/stashform_bg.wasm', import.meta.url));
let before;
try { validate('a: 1'); } catch (error) { before = error.message; }
${setup}
console.log(JSON.stringify({ before, documents: validate(${JSON.stringify(TEXT)}).documents, same: stashform.validate === validate }));`;
  for (const setup of ['initSync({ module: bytes });', 'initSync(bytes);', 'await init(bytes);', 'await stashform({ module_or_path: bytes });']) {
    const out = run(dir, 'web.mjs', source(setup));
    assert.equal(
      out.before,
      'stashform: call `await init()` once before validate(): it loads the WebAssembly module (in a worker, initSync({ module: bytes }) also does)',
    );
    assert.deepEqual(out.documents, EXPECTED, setup);
    assert.equal(out.same, true);
  }
});

test('the default export carries the API, in Node and in the web build', (t) => {
  const dir = freshProject(t);
  const out = run(
    dir,
    'default.mjs',
    `import node from 'stashform';
import web from 'stashform/web';
const names = (f) => Object.keys(f).sort();
console.log(JSON.stringify({ node: [typeof node, node.name, names(node)], web: [typeof web, web.name, names(web)] }));`,
  );
  const api = [
    'addons', 'describeSchedule', 'edit', 'fix', 'format', 'init', 'initSync', 'jsonSchema', 'parse', 'render',
    'rules', 'validate', 'validateBytes', 'version',
  ];
  assert.deepEqual(out.node, ['function', 'init', api]);
  assert.deepEqual(out.web, ['function', 'init', api]);
  assert.equal(readFileSync(join(dir, 'node_modules/stashform/web.js'), 'utf8').includes('@VERSION@'), false);
});
