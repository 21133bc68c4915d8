// SARIF from both CLIs (native and the npm bin) is valid against the SARIF 2.1.0 schema
// (the OASIS schema as @microsoft/jest-sarif ships it, draft-04, checked by its ajv 6 with
// formats on, so an artifact URI that is not an RFC 3986 reference fails), also for file names
// with a space, `%`, `#` and non-ASCII letters.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { freshProject, nativeCli, root, runProcess, writeBadFixtures } from './helpers.mjs';

const sarifRequire = createRequire(join(root, 'node_modules/@microsoft/jest-sarif/lib/index.js'));
const Ajv = sarifRequire('ajv'); // ajv 6: the one that reads draft-04 schemas
const ajv = new Ajv({ schemaId: 'auto', allErrors: true, format: 'full' });
ajv.addMetaSchema(sarifRequire('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(sarifRequire('./schemas/sarif-2.1.0-rtm.5.json'));

const project = freshProject(null);
const bin = join(project, 'node_modules/.bin/stashform');

test('SARIF of both CLIs is valid SARIF 2.1.0, with odd file names percent-encoded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stashform-sarif-'));
  try {
    const bad = writeBadFixtures(dir);
    const odd = ['with space.yaml', '100% sure.yaml', 'issue #7.yaml', 'sauvegarde-été.yaml'];
    odd.forEach((name, i) => copyFileSync(bad[i % bad.length], join(dir, name)));
    const args = ['check', '--format', 'sarif', '.'];
    const ours = runProcess(bin, args, { cwd: dir });
    const native = nativeCli(args, { cwd: dir });
    assert.equal(ours.stdout, native.stdout);
    const log = JSON.parse(ours.stdout);
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    for (const expected of ['with%20space.yaml', '100%25%20sure.yaml', 'issue%20%237.yaml', 'sauvegarde-%C3%A9t%C3%A9.yaml']) {
      assert.ok(uris.includes(expected), `${expected} in ${uris}`);
    }
    for (const uri of uris) assert.equal(decodeURIComponent(uri).normalize(), decodeURIComponent(uri));
    for (const result of log.runs[0].results) {
      const region = result.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1, JSON.stringify(result));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
