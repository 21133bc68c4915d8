// The package's TypeScript types (generated from Rust by wasm-bindgen + tsify) under a strict
// `tsc --noEmit`, through `import` (ESM), `require` (CJS) and the web build; and proof that they
// are real types, not `any`: deliberately wrong uses must fail to type-check, each on its line.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { freshProject, root, runProcess } from './helpers.mjs';

const tsc = join(root, 'node_modules/typescript/bin/tsc');

const compilerOptions = {
  strict: true,
  noEmit: true,
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2022',
  lib: ['es2022', 'dom'],
  types: [],
  skipLibCheck: false,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitReturns: true,
};

const GOOD_ESM = `
import {
  addons, describeSchedule, edit, format, jsonSchema, parse, render, rules, validate, validateBytes, version,
} from 'stashform';
import type {
  Addon, Diagnostic, DocumentInfo, EditOp, EditResult, JsonObject, JsonValue, Parameter, ParseResult, Rule,
  ScheduleInfo, ScheduleOptions, Severity, Task, ValidateResult,
} from 'stashform';

const result: ValidateResult = validate('kind: BackupConfiguration');
const first: Diagnostic | undefined = result.diagnostics[0];
if (first) {
  const where: [number, number, number, number] = [first.line, first.column, first.endLine, first.endColumn];
  const help: string | undefined = first.help;
  const text: string = first.code + first.rule + first.message + first.path + where.join(':') + (help ?? '');
  console.log(text, first.document.toFixed(0), first.upstream?.length);
}
const docs: DocumentInfo[] = result.documents;
const kind: string | undefined = docs[0]?.kind;
const checked: boolean | undefined = docs[0]?.checked;
const fromBytes: ValidateResult = validateBytes(new Uint8Array([0x61]));

function label(severity: Severity): string {
  switch (severity) {
    case 'error': return 'E';
    case 'warning': return 'W';
    case 'info': return 'I';
  }
}

const yaml: string = format('a: 1');
const ops: EditOp[] = [
  { op: 'set', path: 'metadata.name', value: { nested: [1, null] } },
  { op: 'insert', path: 'spec.backends', value: 'x' },
  { op: 'insert', path: 'spec.backends', index: 0, value: 'y' },
  { op: 'move', path: 'spec.backends', from: 0, to: 1 },
  { op: 'remove', path: 'spec' },
];
const edited: EditResult = edit('a: 1', ops, { document: 0 });
const editedText: string = edit('a: 1', []).text + edited.diagnostics.length;
const one: string = render({ apiVersion: 'v1', kind: 'X' });
const many: string = render([{ a: 1 }, { b: [1, 'two', null] }]);
const parsed: ParseResult = parse('a: 1');
const value: JsonValue | undefined = parsed.documents[0];
const options: ScheduleOptions = { count: 3, from: '2026-01-01T00:00:00Z' };
const info: ScheduleInfo = describeSchedule('*/5 * * * *', options);
const runs: string[] = info.nextRuns;
const error: string | undefined = describeSchedule('@daily').error;
const schema: JsonObject = jsonSchema('BackupConfiguration');
const list: Addon[] = addons();
const tasks: Task[] = list.flatMap((addon) => addon.backupTasks.concat(addon.restoreTasks));
const params: Parameter[] = tasks.flatMap((task) => task.parameters);
const allowed: string[] = params.flatMap((param) => param.allowed);
const registry: Rule[] = rules();
const v: string = version;
console.log(kind, checked, fromBytes, label('error'), yaml, editedText, one, many, value, runs, error, schema, allowed, registry, v);
`;

// The default export (init, carrying the API) and the loader, through nodenext.
const GOOD_ESM_INIT = `
import init, { initSync, validate, type InitInput } from 'stashform';
import stashform from 'stashform';
await init();
await init({ module_or_path: new Uint8Array() });
await init(new URL('file:///x/stashform_bg.wasm'));
await init('./stashform_bg.wasm');
await stashform(Promise.resolve(new ArrayBuffer(8)));
initSync(new Uint8Array());
initSync({ module: new WebAssembly.Module(new Uint8Array()) });
const input: InitInput = new Uint8Array();
const same: typeof validate = init.validate;
const version: string = stashform.version;
console.log(input, same, version, stashform.validate('a: 1').diagnostics.length, init.initSync === initSync);
`;

const GOOD_CJS = `
import stashform = require('stashform');
const result: stashform.ValidateResult = stashform.validate('a: 1');
const severities: stashform.Severity[] = result.diagnostics.map((d) => d.severity);
const v: string = stashform.version;
console.log(severities, v, stashform.format('a: 1').length);
stashform.initSync(new Uint8Array());
void stashform.init({ module_or_path: '/opt/stashform_bg.wasm' });
`;

const GOOD_WEB = `
import init, { initSync, validate, version, type Diagnostic } from 'stashform/web';
await init();
await init(new URL('https://example.invalid/stashform_bg.wasm'));
await init({ module_or_path: fetch('/stashform_bg.wasm') });
initSync(new Uint8Array());
initSync({ module: new Uint8Array() });
const sameApi: typeof validate = init.validate;
console.log(sameApi, init.version);
const diagnostics: Diagnostic[] = validate('a: 1').diagnostics;
const v: string = version;
console.log(diagnostics, v);
`;

// Each line after the import must fail to type-check.
const BAD = `import { describeSchedule, edit, jsonSchema, render, validate, version } from 'stashform';
edit('a: 1', [{ op: 'set', path: 'a' }]);
edit('a: 1', [{ op: 'move', path: 'a', from: '0', to: 1 }]);
const notANumber: number = validate('x');
validate(42);
const severity: 'fatal' | undefined = validate('x').diagnostics[0]?.severity;
console.log(validate('x').diagnostics[0]?.colum);
describeSchedule('* * * * *', { count: '3' });
describeSchedule('* * * * *', { cuont: 3 });
render('not an object');
const schemaText: string = jsonSchema('BackupConfiguration');
const versionNumber: number = version;
const runs: number[] = describeSchedule('@daily').nextRuns;
const help: string = validate('x').diagnostics[0]!.help;
import('stashform').then(async (m) => { const loaded: number = await m.init(); });
import('stashform').then((m) => m.init(new Uint8Array(), 'extra'));
import('stashform').then((m) => m.default.validate(42));
`;
// (`init(42)` cannot be refused: TypeScript's lib declares WebAssembly.Module as an empty
// interface, so every value is one, in the web build's generated types as in ours.)

function typeCheck(dir, files, overrides = {}) {
  const options = { ...compilerOptions, ...overrides };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files }, null, 2));
  return runProcess(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
}

test('strict tsc --noEmit accepts real use through import (default export included), require and the web build', (t) => {
  const dir = freshProject(t);
  writeFileSync(join(dir, 'good.mts'), GOOD_ESM);
  writeFileSync(join(dir, 'init.mts'), GOOD_ESM_INIT);
  writeFileSync(join(dir, 'good.cts'), GOOD_CJS);
  writeFileSync(join(dir, 'web.mts'), GOOD_WEB);
  const result = typeCheck(dir, ['good.mts', 'init.mts', 'good.cts', 'web.mts']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('the types are not `any`: every deliberately wrong line fails to type-check', (t) => {
  const dir = freshProject(t);
  writeFileSync(join(dir, 'bad.mts'), BAD);
  const result = typeCheck(dir, ['bad.mts']);
  assert.notEqual(result.status, 0);
  const lines = new Set(
    [...result.stdout.matchAll(/^bad\.mts\((\d+),\d+\): error TS\d+/gm)].map((m) => Number(m[1])),
  );
  const expected = BAD.trim().split('\n').map((_, i) => i + 1).slice(1);
  assert.deepEqual([...lines].sort((a, b) => a - b), expected, result.stdout);
});

test('with bundler resolution, `stashform` has the web build types (with init)', (t) => {
  const dir = freshProject(t);
  writeFileSync(join(dir, 'app.ts'), GOOD_WEB.replace("'stashform/web'", "'stashform'"));
  const ok = typeCheck(dir, ['app.ts'], { module: 'esnext', moduleResolution: 'bundler' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
});
