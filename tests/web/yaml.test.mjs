// The YAML pane drives the form: paste each seed example, see no errors and the form filled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, launch, open, seeds, formLeaves, yamlText, pasteYaml, diagnostics, foreignRequests,
  setControl,
} from './harness.mjs';

let server;
let browser;
let opened;

before(async () => {
  server = await serve();
  browser = await launch();
  opened = await open(browser, server.url);
});

after(async () => {
  assert.deepEqual(opened.record.errors, [], 'no console errors');
  assert.deepEqual(foreignRequests(opened.record, server.url), [], 'no request left the origin');
  await browser.close();
  await server.close();
});

test('each pasted seed example has no errors and fills the form', async () => {
  const { page } = opened;
  for (const seed of await seeds()) {
    await pasteYaml(page, seed.text);
    assert.equal(await yamlText(page), seed.text, `${seed.file}: the pane keeps the text`);
    await page.waitForFunction((v) => location.hash === `#/${v}`, seed.view);
    const errors = (await diagnostics(page)).filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], seed.file);
    for (const [path, value] of formLeaves(seed.doc)) {
      const control = page.locator(`[name="${path}"]`);
      assert.equal(await control.count(), 1, `${seed.file}: a control named ${path}`);
      assert.equal(await control.inputValue(), String(value), `${seed.file}: ${path}`);
    }
  }
});

test('fields the form does not show survive form edits', async () => {
  const { page } = opened;
  const text = [
    'apiVersion: core.kubestash.com/v1alpha1',
    'kind: BackupConfiguration',
    'metadata:',
    '  name: keep-me',
    '  namespace: demo',
    '  labels:',
    '    team: databases',
    'spec:',
    '  target:',
    '    apiGroup: kubedb.com',
    '    kind: Postgres',
    '    namespace: demo',
    '    name: pg',
    '  sessions:',
    '    - name: s',
    '      sessionHistoryLimit: 3',
    '',
  ].join('\n');
  await pasteYaml(page, text);
  await setControl(page, 'metadata.name', 'renamed');
  const yaml = await yamlText(page);
  assert.match(yaml, /name: renamed/);
  assert.match(yaml, /labels:\n {4}team: databases/);
  assert.match(yaml, /sessionHistoryLimit: 3/);
});

test('a YAML syntax error is reported and the form keeps the last good version', async () => {
  const { page } = opened;
  const seed = (await seeds())[0];
  await pasteYaml(page, seed.text);
  await pasteYaml(page, `${seed.text}  broken: [\n`);
  const list = await diagnostics(page);
  assert.ok(list.some((d) => d.severity === 'error'), 'a syntax error is listed');
  assert.equal(await page.locator('[name="metadata.name"]').inputValue(), 'sample-postgres-backup');
  assert.match(await page.locator('.notice').first().textContent(), /syntax error/);
});
