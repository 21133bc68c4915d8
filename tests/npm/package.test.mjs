// The packed tarball installed into a fresh Node project, used through `require` and `import`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  assertPlainJson,
  editedSeed,
  freshProject,
  root,
  seedFiles,
  tarball,
  workspaceVersion,
} from './helpers.mjs';

const project = freshProject(null);
const require = createRequire(join(project, 'consumer.cjs'));
const cjs = require('stashform');
writeFileSync(
  join(project, 'probe.mjs'),
  "export * as named from 'stashform';\nexport { default } from 'stashform';\n",
);
const esm = await import(pathToFileURL(join(project, 'probe.mjs')).href);
const pkg = JSON.parse(readFileSync(join(project, 'node_modules/stashform/package.json'), 'utf8'));

test('package.json: version, engines, exports, bin, no install scripts, no dependencies', () => {
  assert.equal(pkg.name, 'stashform');
  assert.equal(pkg.version, workspaceVersion());
  assert.deepEqual(pkg.engines, { node: '>=18' });
  assert.equal(pkg.bin.stashform, 'bin/stashform.cjs');
  const scripts = pkg.scripts ?? {};
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
    assert.equal(scripts[hook], undefined, `${hook} script`);
  }
  assert.equal(pkg.dependencies, undefined);
  const main = pkg.exports['.'];
  assert.ok(main.node.import.types && main.node.require.types && main.default.types);
  assert.ok(main.browser.default.endsWith('web.js'));
  // No placeholder address is published; the license text ships with the package.
  assert.equal(pkg.repository, undefined);
  assert.equal(pkg.license, 'Apache-2.0');
  const license = readFileSync(join(project, 'node_modules/stashform/LICENSE'), 'utf8');
  assert.match(license, /^\s*Apache License\s+Version 2\.0, January 2004/);
  assert.equal(license, readFileSync(join(root, 'LICENSE'), 'utf8'));
});

test('the tarball ships one .wasm for the API, shared by the Node and web builds, and one for the bin', () => {
  const files = execFileSync('tar', ['tzf', tarball()], { encoding: 'utf8' }).split('\n');
  const wasm = files.filter((f) => f.endsWith('.wasm')).sort();
  // The bin is the native CLI compiled to wasm: only `npx stashform` loads it.
  assert.deepEqual(wasm, ['package/bin/stashform_cli_bg.wasm', 'package/stashform_bg.wasm']);
  const web = readFileSync(join(project, 'node_modules/stashform/stashform.js'), 'utf8');
  const node = readFileSync(join(project, 'node_modules/stashform/stashform_node.cjs'), 'utf8');
  assert.match(web, /new URL\('stashform_bg\.wasm', import\.meta\.url\)/);
  // In Node the module is read by node/wasm.js (CommonJS in a `.js` file, which ncc's asset
  // relocator reads), on first use or not at all: the binding itself reads no file.
  assert.doesNotMatch(node, /__dirname|require\(/);
  const reader = readFileSync(join(project, 'node_modules/stashform/node/wasm.js'), 'utf8');
  assert.match(reader, /fs\.readFileSync\(path\.join\(__dirname, '\.\.', 'stashform_bg\.wasm'\)\)/);
  assert.ok(files.includes('package/LICENSE'));
});

test('require and import give the same API, on one instance', () => {
  const names = [
    'validate',
    'fix',
    'validateBytes',
    'format',
    'edit',
    'render',
    'parse',
    'describeSchedule',
    'jsonSchema',
    'addons',
    'rules',
    'init',
    'initSync',
  ];
  for (const name of names) {
    assert.equal(typeof cjs[name], 'function', `require: ${name}`);
    assert.equal(esm.named[name], cjs[name], `import: ${name}`);
    assert.equal(esm.default[name], cjs[name], `default import: ${name}`);
  }
  // The default export is `init`, carrying the API, as in the web build; `require` gives it too.
  assert.equal(esm.default, cjs);
  assert.equal(esm.default, cjs.init);
  assert.equal(cjs.version, workspaceVersion());
  assert.equal(esm.named.version, cjs.version);
});

test('every seed example validates with no errors (require and import)', () => {
  const files = seedFiles();
  assert.equal(files.length, 9);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const api of [cjs, esm.named]) {
      const result = api.validate(text);
      assert.deepEqual(
        result.diagnostics.filter((d) => d.severity === 'error'),
        [],
        file,
      );
      assert.equal(result.documents.length, 1);
      assert.equal(result.documents[0].checked, true);
      assert.match(result.documents[0].kind, /^(BackupConfiguration|RestoreSession)$/);
    }
  }
});

test('results are plain JSON objects, never Maps', () => {
  const text = readFileSync(seedFiles()[0], 'utf8');
  const bad = editedSeed([['schedule: "*/5 * * * *"', 'schedule: "0 0 * * 7"']]);
  const values = [
    cjs.validate(text),
    cjs.validate(bad),
    cjs.parse(text),
    cjs.describeSchedule('0 2 * * *', { count: 3, from: '2026-01-01T00:00:00Z' }),
    cjs.jsonSchema('BackupConfiguration'),
    cjs.addons(),
    cjs.rules(),
  ];
  for (const value of values) {
    assertPlainJson(value);
    assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
  }
});

test('a bad value: code, path, help, and UTF-16 columns', () => {
  const bad = editedSeed([['schedule: "*/5 * * * *"', 'schedule: "0 0 * * 7"']]);
  const [d] = cjs.validate(bad).diagnostics;
  assert.equal(d.code, 'KS401');
  assert.equal(d.rule, 'invalid-schedule');
  assert.equal(d.severity, 'error');
  assert.equal(d.path, 'spec.sessions[0].scheduler.schedule');
  const lines = bad.split('\n');
  assert.equal(lines[d.line - 1].slice(d.column - 1, d.endColumn - 1), '"0 0 * * 7"');
  assert.ok(d.help);

  // After `é` and an emoji on the same line, the column counts UTF-16 code units.
  const text = editedSeed([
    [
      '            params:\n              args: --clean\n',
      '            params: {args: "--comment=très-😀", backupCmd: pg_dumpp}\n',
    ],
  ]);
  const found = cjs.validate(text).diagnostics.find((x) => x.code === 'KS505');
  assert.ok(found, 'invalid-param-value reported');
  const line = text.split('\n')[found.line - 1];
  assert.equal(found.column, line.indexOf('pg_dumpp') + 1);
  assert.equal(line.slice(found.column - 1, found.endColumn - 1), 'pg_dumpp');
  assert.equal(found.path, 'spec.sessions[0].addon.tasks[0].params.backupCmd');
});

test('document offsets are UTF-16 offsets', () => {
  const text = `# é😀\n${readFileSync(seedFiles()[0], 'utf8')}---\n${readFileSync(seedFiles()[5], 'utf8')}`;
  const { documents } = cjs.validate(text);
  assert.equal(documents.length, 2);
  assert.ok(text.slice(documents[0].offset).startsWith('apiVersion:'));
  assert.ok(text.slice(documents[1].offset).startsWith('apiVersion:'));
  assert.equal(documents[1].index, 1);
});

test('validateBytes reports text that is not UTF-8, as the CLI does', () => {
  const bytes = new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0x0a]);
  const [d] = cjs.validateBytes(bytes).diagnostics;
  assert.equal(d.code, 'KS007');
  assert.equal(d.line, 1);
  assert.equal(d.column, 4);
  const ok = cjs.validateBytes(readFileSync(seedFiles()[0]));
  assert.equal(ok.diagnostics.length, 0);
});

test('format: canonical and stable; throws an Error with diagnostics when it cannot load', () => {
  for (const file of seedFiles()) {
    const text = readFileSync(file, 'utf8');
    const once = cjs.format(text);
    assert.equal(cjs.format(once), once, file);
    assert.deepEqual(cjs.parse(once).documents, cjs.parse(text).documents, file);
  }
  assert.throws(
    () => cjs.format('a: [\n'),
    (error) => {
      assert.ok(error instanceof Error);
      assert.ok(error.message.length > 0);
      assert.equal(error.message, error.diagnostics[0].message);
      assert.equal(error.diagnostics[0].code, 'KS001');
      return true;
    },
  );
});

test('format keeps every comment next to its node', () => {
  const text = '# owned by team db\nkind: X # the kind\napiVersion: v1\nmetadata:\n  # why\n  name: a\n';
  assert.equal(
    cjs.format(text),
    '# owned by team db\napiVersion: v1\nkind: X # the kind\nmetadata:\n  # why\n  name: a\n',
  );
});

test('edit: changes only the edited values, reports findings, throws when it cannot', () => {
  const seed = readFileSync(seedFiles()[0], 'utf8');
  const source = seed.replace('  namespace: demo\n', '  namespace: demo # team db\n');
  const { text, diagnostics } = cjs.edit(source, [
    { op: 'set', path: 'spec.sessions[0].scheduler.schedule', value: '0 0 * * 7' },
    { op: 'set', path: 'metadata.labels.team', value: 'db' },
  ]);
  assert.equal(
    text,
    source
      .replace('"*/5 * * * *"', '"0 0 * * 7"')
      .replace('# team db\n', '# team db\n  labels:\n    team: db\n'),
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.path]),
    [['KS401', 'spec.sessions[0].scheduler.schedule']],
  );
  assertPlainJson({ text, diagnostics });
  const esmResult = esm.named.edit(source, [{ op: 'remove', path: 'metadata.namespace' }], { document: 0 });
  assert.ok(!esmResult.text.includes('team db'));
  assert.equal(cjs.edit('a: [1, 2]\n', [{ op: 'move', path: 'a', from: 0, to: 1 }]).text, 'a: [2, 1]\n');
  assert.equal(cjs.edit('', [{ op: 'set', path: 'kind', value: 'X' }]).text, 'kind: X\n');
  assert.throws(() => cjs.edit('a: [\n', [{ op: 'set', path: 'a', value: 1 }]), /does not load/);
  assert.throws(() => cjs.edit('a: &x {b: 1}\nc: *x\n', [{ op: 'set', path: 'c.b', value: 2 }]), /alias/);
  assert.throws(() => cjs.edit('a: 1\n', [{ op: 'rename', path: 'a' }]), TypeError);
  assert.throws(() => cjs.edit('a: 1\n', { op: 'set' }), TypeError);
  assert.throws(() => cjs.edit(1, []), TypeError);
  assert.throws(() => cjs.edit('a: 1\n', [], { documnet: 1 }), TypeError);
});

test('render: a JS object, or an array of them, to canonical YAML', () => {
  for (const file of seedFiles()) {
    const text = readFileSync(file, 'utf8');
    const [doc] = cjs.parse(text).documents;
    assert.equal(cjs.render(doc), cjs.format(text), file);
  }
  const two = cjs.render([{ kind: 'A', apiVersion: 'v1' }, { apiVersion: 'v1', kind: 'B' }]);
  assert.equal(two, 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n');
  assert.equal(cjs.render({ n: 1, f: 1.5, skip: undefined }), '"n": 1\nf: 1.5\n');
  assert.throws(() => cjs.render(undefined), Error);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => cjs.render(cyclic), Error);
});

test('parse: documents as JSON, loader diagnostics', () => {
  const result = cjs.parse('a: 1\nb: [x, "y"]\n---\nc: 9007199254740993\n');
  assert.deepEqual(result.documents, [{ a: 1, b: ['x', 'y'] }, { c: 9007199254740992 }]);
  assert.deepEqual(result.diagnostics, []);
  const broken = cjs.parse('a: 1\na: 2\n');
  assert.equal(broken.diagnostics[0].rule, 'duplicate-key');
});

test('parse keeps null as null: JSON.stringify and render(parse(x)) keep the keys', () => {
  const text = 'apiVersion: v1\nkind: X\nmetadata:\n  labels: null\n  annotations: ~\nspec:\n  a:\n  b: [1, null, ~]\n';
  const [doc] = cjs.parse(text).documents;
  assert.deepEqual(doc.metadata, { labels: null, annotations: null });
  assert.deepEqual(doc.spec, { a: null, b: [1, null, null] });
  assertPlainJson(doc);
  assert.equal(
    JSON.stringify(doc),
    '{"apiVersion":"v1","kind":"X","metadata":{"labels":null,"annotations":null},"spec":{"a":null,"b":[1,null,null]}}',
  );
  // The round trip keeps every key, and gives the text format() gives.
  const rendered = cjs.render(doc);
  assert.equal(rendered, cjs.format(text));
  assert.deepEqual(cjs.parse(rendered).documents, [doc]);
  assert.deepEqual(esm.named.parse(text).documents, [doc]);
  // Elsewhere too: JSON's null in a schema stays null.
  assertPlainJson(cjs.jsonSchema('BackupConfiguration'));
});

test('parse reports values JSON cannot hold (.inf, .nan) where they are, and gives null', () => {
  const text = 'a: 1\nb: .inf\nc: [-.Inf, &n .NaN]\nd: *n\ne: &x {f: .inf}\ng: *x\n---\nh: .nan\n';
  const { documents, diagnostics } = cjs.parse(text);
  assert.deepEqual(documents, [
    { a: 1, b: null, c: [null, null], d: null, e: { f: null }, g: { f: null } },
    { h: null },
  ]);
  const lines = text.split('\n');
  // One report per place in the text (an alias of a collection repeats none), in text order.
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.rule, d.severity, d.document, lines[d.line - 1].slice(d.column - 1, d.endColumn - 1)]),
    [
      ['KS008', 'unsupported-yaml', 'error', 0, '.inf'],
      ['KS008', 'unsupported-yaml', 'error', 0, '-.Inf'],
      ['KS008', 'unsupported-yaml', 'error', 0, '&n .NaN'], // an anchored node starts at its anchor
      ['KS008', 'unsupported-yaml', 'error', 0, '*n'],
      ['KS008', 'unsupported-yaml', 'error', 0, '.inf'],
      ['KS008', 'unsupported-yaml', 'error', 1, '.nan'],
    ],
  );
  assert.match(diagnostics[0].message, /no JSON form/);
  // Merged in text order with the loader's own findings.
  const mixed = cjs.parse('a: .inf\nb: 1\nb: 2\nc: .nan\n').diagnostics;
  assert.deepEqual(mixed.map((d) => [d.rule, d.line]), [
    ['unsupported-yaml', 1],
    ['duplicate-key', 3],
    ['unsupported-yaml', 4],
  ]);
});

test('describeSchedule: valid, invalid, next runs from a given time', () => {
  const from = '2026-11-25T18:40:00Z';
  const every = cjs.describeSchedule('*/5 * * * *', { count: 2, from });
  assert.deepEqual(every, {
    valid: true,
    description: 'every 5 minutes',
    nextRuns: ['2026-11-25T18:45:00Z', '2026-11-25T18:50:00Z'],
  });
  const bad = cjs.describeSchedule('0 0 * * 7');
  assert.equal(bad.valid, false);
  assert.match(bad.error, /above maximum/);
  assert.deepEqual(bad.nextRuns, []);
  assert.equal(cjs.describeSchedule('@daily').nextRuns.length, 5);
  const now = Date.now();
  const [next] = cjs.describeSchedule('* * * * *', { count: 1 }).nextRuns;
  assert.ok(Math.abs(Date.parse(next) - now) <= 61_000, next);
  assert.throws(() => cjs.describeSchedule('* * * * *', { from: 'yesterday' }), /RFC 3339/);
  assert.throws(() => cjs.describeSchedule('* * * * *', { count: -1 }), Error);
});

test('jsonSchema, addons, rules', () => {
  const schema = cjs.jsonSchema('BackupConfiguration');
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(schema.properties.kind, { const: 'BackupConfiguration' });
  assert.deepEqual(cjs.jsonSchema('restore').properties.kind, { const: 'RestoreSession' });
  assert.throws(() => cjs.jsonSchema('Pod'), /unknown kind/);
  const postgres = cjs.addons().find((a) => a.name === 'postgres-addon');
  const task = postgres.backupTasks.find((t) => t.name === 'logical-backup');
  assert.deepEqual(task.parameters.find((p) => p.name === 'backupCmd').allowed, [
    'pg_dumpall',
    'pg_dump',
  ]);
  const rule = cjs.rules().find((r) => r.code === 'KS401');
  assert.equal(rule.name, 'invalid-schedule');
  assert.equal(rule.severity, 'error');
});

test("addons()[].source is the upstream manifest's address, at the commit SOURCES.md records", () => {
  // ../shared/reference/SOURCES.md: where each vendored file comes from.
  const sources = readFileSync(join(root, '../shared/reference/SOURCES.md'), 'utf8');
  const commits = new Map();
  const files = new Map();
  for (const line of sources.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.length === 3 && /^[0-9a-f]{40}$/.test(cells[1])) commits.set(cells[0], cells[1]);
    if (cells.length === 4 && /^[0-9a-f]{12}$/.test(cells[3])) files.set(cells[0], cells);
  }
  const list = cjs.addons();
  assert.equal(list.length, 20);
  for (const addon of list) {
    const match = /^https:\/\/github\.com\/([^/]+\/[^/]+)\/blob\/([0-9a-f]{40})\/(.+)$/.exec(addon.source);
    assert.ok(match, `${addon.name}: ${addon.source}`);
    const [, repository, commit, path] = match;
    assert.equal(commits.get(repository), commit, addon.name);
    const vendored = [...files.values()].find(([, repo, source]) => repo === repository && source === path);
    assert.ok(vendored, `${addon.name}: ${repository} ${path} is not in SOURCES.md`);
    assert.ok(commit.startsWith(vendored[3]), addon.name);
    assert.match(vendored[0], /^addons\//);
  }
});

test('bad input never crashes the module', () => {
  const inputs = [
    '',
    '\0',
    '\uFEFF',
    'a: b: c',
    '[[[[[[[[[[',
    '-'.repeat(10_000),
    '['.repeat(10_000),
    '{a: '.repeat(5000),
    'a: &a [x, x]\n' + Array.from({ length: 30 }, (_, i) => `b${i}: &b${i} [*${i ? `b${i - 1}` : 'a'}, *${i ? `b${i - 1}` : 'a'}]`).join('\n'),
    '\ud800 lone surrogate',
    '? [a, b]\n: c\n',
    '!!binary x',
    'kind: BackupConfiguration\nspec: 7',
    '---\n---\n---\n',
  ];
  for (const input of inputs) {
    for (const run of [cjs.validate, cjs.parse, cjs.validateBytes]) {
      const result = run(run === cjs.validateBytes ? Buffer.from(input) : input);
      assert.ok(Array.isArray(result.diagnostics));
    }
    try {
      cjs.format(input);
    } catch (error) {
      assert.ok(error instanceof Error && !(error instanceof WebAssembly.RuntimeError), String(error));
    }
  }
  // Arguments of the wrong type throw TypeErrors (and never reach wasm memory).
  for (const value of [undefined, null, 42, {}, ['a'], Symbol('s')]) {
    for (const run of [cjs.validate, cjs.parse, cjs.format, cjs.jsonSchema, cjs.describeSchedule, cjs.validateBytes]) {
      assert.throws(() => run(value), TypeError);
    }
  }
  assert.throws(() => cjs.validateBytes('text'), TypeError);
  assert.throws(() => cjs.describeSchedule('@daily', 'often'), Error);
  assert.deepEqual(cjs.validate('').documents, []);
  assert.equal(cjs.describeSchedule('').valid, false);
  assert.equal(cjs.describeSchedule('TZ=UTC').valid, false);
  // The module still works afterwards.
  assert.deepEqual(cjs.validate(readFileSync(seedFiles()[0], 'utf8')).diagnostics, []);
});
