// Building documents with the form alone: every seed example, errors on the right fields.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SKELETON,
  browserSuite, seeds, formLeaves, fillThroughForm, yamlText, pasteYaml, diagnostics,
  switchView, loadTemplate, setControl, SEED_DIR,
} from './harness.mjs';

const suite = browserSuite();
let examples;

before(async () => {
  examples = await seeds();
});

/** A fresh page of the site, at the default size or `viewport`. */
function fresh(viewport) {
  return suite.fresh(undefined, viewport ? { viewport } : undefined);
}

/** The core's canonical rendering of a seed: paste it, press Format. */
async function canonical(page, text) {
  await pasteYaml(page, text);
  await page.locator('button.format').click();
  return yamlText(page);
}

test('seed example 2 (pg_dump, args testdb) built through the form equals the seed file', async () => {
  const page = await fresh();
  await pasteYaml(page, SKELETON.backup);
  const seed = examples.find((s) => s.file.startsWith('02-'));
  const fields = [
    ['metadata.name', 'sample-postgres-backup'],
    ['metadata.namespace', 'demo'],
    ['spec.target.kind', 'Postgres'],
    ['spec.target.apiGroup', 'kubedb.com'],
    ['spec.target.namespace', 'demo'],
    ['spec.target.name', 'sample-postgres'],
    ['spec.backends[0].name', 'gcs-backend'],
    ['spec.backends[0].storageRef.namespace', 'demo'],
    ['spec.backends[0].storageRef.name', 'gcs-storage'],
    ['spec.backends[0].retentionPolicy.name', 'demo-retention'],
    ['spec.backends[0].retentionPolicy.namespace', 'demo'],
    ['spec.sessions[0].name', 'frequent-backup'],
    ['spec.sessions[0].scheduler.schedule', '*/5 * * * *'],
    ['spec.sessions[0].scheduler.jobTemplate.backoffLimit', '1'],
    ['spec.sessions[0].repositories[0].name', 'gcs-postgres-repo'],
    ['spec.sessions[0].repositories[0].backend', 'gcs-backend'],
    ['spec.sessions[0].repositories[0].directory', '/postgres'],
    ['spec.sessions[0].repositories[0].encryptionSecret.name', 'encrypt-secret'],
    ['spec.sessions[0].repositories[0].encryptionSecret.namespace', 'demo'],
    ['spec.sessions[0].addon.name', 'postgres-addon'],
    ['spec.sessions[0].addon.tasks[0].name', 'logical-backup'],
    ['spec.sessions[0].addon.tasks[0].params.backupCmd', 'pg_dump'],
    ['spec.sessions[0].addon.tasks[0].params.args', 'testdb'],
  ];
  for (const [name, value] of fields) await setControl(page, name, value);
  const built = await yamlText(page);
  // The seed file is canonical already (`stashform fmt --check` passes on it).
  assert.equal(built, await readFile(join(SEED_DIR, seed.file), 'utf8'));
  assert.match(built, /backoffLimit: 1\n/, 'an integer, not a string');
  const errors = (await diagnostics(page)).filter((d) => d.severity === 'error');
  assert.deepEqual(errors, []);
  // backupCmd is a choice of the allowed values, with the Addon's default as the unset label.
  const options = await page
    .locator('[name="spec.sessions[0].addon.tasks[0].params.backupCmd"] option')
    .allTextContents();
  assert.deepEqual(options.slice(1), ['pg_dumpall', 'pg_dump']);
  assert.match(options[0], /pg_dumpall/);
});

test('every seed example can be built through the form alone', async () => {
  const reference = await fresh();
  for (const seed of examples) {
    const expected = await canonical(reference, seed.text);
    const page = await fresh();
    if (seed.view === 'restore') await switchView(page, 'restore');
    await pasteYaml(page, SKELETON[seed.view]);
    for (const [path, value] of formLeaves(seed.doc)) await fillThroughForm(page, path, value);
    assert.equal(await yamlText(page), expected, seed.file);
    await page.context().close();
  }
});

test('a bad schedule shows on its field and in the list, and clears when fixed', async () => {
  const page = await fresh();
  await loadTemplate(page, 1);
  const name = 'spec.sessions[0].scheduler.schedule';
  const field = page.locator(`[name="${name}"]`);
  await field.fill('0 0 * * 7');
  await assert.doesNotReject(
    page.waitForSelector(`[name="${name}"][aria-invalid="true"]`, { timeout: 3000 }),
  );
  const item = page.locator(`#diagnostics li[data-path="${name}"][data-severity="error"]`);
  assert.equal(await item.count(), 1);
  const message = await page.locator(`#${CSS_ESCAPE(`f-${name}-messages`)} li`).first().textContent();
  assert.match(message, /7|day/i, 'the message is shown next to the field');
  assert.match(await yamlText(page), /schedule: "0 0 \* \* 7"/);
  // The list takes you to the field (click and keyboard).
  await page.locator('#yaml').focus();
  await item.click();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), name);
  // ... and selects the exact span in the YAML pane.
  const selected = await page.evaluate(() => {
    const t = document.querySelector('#yaml');
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.equal(selected, '"0 0 * * 7"');
  await page.locator('#yaml').focus();
  await item.locator('button.go').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), name);
  // Fixed: the error leaves the field and the list.
  await field.fill('0 0 * * 6');
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator(`#diagnostics li[data-path="${name}"]`).count(), 0);
  // The schedule helper explains it, with the next runs, and its presets work.
  assert.match(await page.locator('.schedule-help .describe').textContent(), /\S/);
  assert.equal((await page.locator('.schedule-help .next').textContent()).split(',').length, 3);
  await page.locator('.schedule-help .preset', { hasText: 'Hourly' }).click();
  assert.equal(await field.inputValue(), '0 * * * *');
});

test('a diagnostic no field shows selects its YAML line', async () => {
  const page = await fresh();
  await loadTemplate(page, 0);
  const text = (await yamlText(page)).replace('spec:\n', 'spec:\n  surprise: 1\n');
  await pasteYaml(page, text);
  const item = page.locator('#diagnostics li[data-path="spec.surprise"]');
  assert.equal(await item.count(), 1);
  await item.click();
  const selected = await page.evaluate(() => {
    const t = document.activeElement;
    return t.id === 'yaml' ? t.value.slice(t.selectionStart, t.selectionEnd) : null;
  });
  assert.match(selected, /surprise/);
});

test('the restore view builds a RestoreSession', async () => {
  const page = await fresh();
  await switchView(page, 'restore');
  assert.match(await yamlText(page), /kind: RestoreSession/);
  await setControl(page, 'metadata.name', 'sample-postgres-restore');
  await setControl(page, 'spec.dataSource.repository', 'gcs-postgres-repo');
  await setControl(page, 'spec.addon.tasks[0].params.args', '--dbname=testdb');
  const yaml = await yamlText(page);
  assert.match(yaml, /args: --dbname=testdb/);
  assert.match(yaml, /snapshot: latest/);
  // Restore tasks only in the task picker.
  const tasks = await page.locator('[name="spec.addon.tasks[0].name"] option').allTextContents();
  assert.ok(tasks.includes('logical-backup-restore'));
  assert.ok(!tasks.includes('logical-backup'));
  // Integer and boolean fields write YAML integers and booleans; quantities write strings.
  await setControl(page, 'spec.addon.jobTemplate.spec.securityContext.runAsUser', '0');
  await setControl(page, 'spec.addon.jobTemplate.spec.securityContext.runAsNonRoot', 'false');
  await setControl(page, 'spec.addon.jobTemplate.spec.resources.limits.cpu', '1');
  const after = await yamlText(page);
  assert.match(after, /runAsUser: 0\n/);
  assert.match(after, /runAsNonRoot: false\n/);
  assert.match(after, /cpu: "1"\n/);
  // Switching views keeps each document.
  await switchView(page, 'backup');
  assert.match(await yamlText(page), /kind: BackupConfiguration/);
  await switchView(page, 'restore');
  assert.match(await yamlText(page), /args: --dbname=testdb/);
});

function CSS_ESCAPE(id) {
  return id.replace(/([^a-zA-Z0-9_-])/g, '\\$1');
}
