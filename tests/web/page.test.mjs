// The page around the form: share links, drafts, copy, download, the embed, the layout.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  browserSuite, ready, yamlText, diagnostics, setControl, loadTemplate, switchView,
  ROOT,
} from './harness.mjs';

const suite = browserSuite();
const { fresh } = suite;
const SHOTS = join(ROOT, 'target/screenshots');

before(async () => {
  await mkdir(SHOTS, { recursive: true });
});

test('a share link carries the document and opens it elsewhere', async () => {
  const page = await fresh();
  await loadTemplate(page, 3);
  await setControl(page, 'metadata.name', 'shared-one');
  const yaml = await yamlText(page);
  await page.locator('button.share').click();
  const link = await page.locator('.share-box input').inputValue();
  assert.match(link, /#\/backup\?y=[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const other = await fresh(link);
  assert.equal(await yamlText(other), yaml);
  assert.equal(await other.evaluate(() => location.hash), '#/backup', 'the link is consumed');
  // A restore link opens the restore view.
  await switchView(page, 'restore');
  await page.locator('button.share').click();
  const restoreLink = await page.locator('.share-box input').inputValue();
  const third = await fresh(restoreLink);
  assert.match(await yamlText(third), /kind: RestoreSession/);
  assert.equal(await third.evaluate(() => location.hash), '#/restore');
});

test('reload keeps the draft of each view', async () => {
  const page = await fresh();
  await setControl(page, 'metadata.name', 'draft-kept');
  await switchView(page, 'restore');
  await setControl(page, 'metadata.name', 'restore-draft');
  await page.reload();
  await ready(page);
  assert.match(await yamlText(page), /name: restore-draft/);
  await switchView(page, 'backup');
  assert.match(await yamlText(page), /name: draft-kept/);
  // Reset asks once more, then starts over.
  await page.locator('button.reset').click();
  assert.match(await page.locator('button.reset').textContent(), /Really/);
  await page.locator('button.reset').click();
  assert.doesNotMatch(await yamlText(page), /draft-kept/);
});

test('copy and download give exactly the YAML pane', async () => {
  const page = await fresh();
  await loadTemplate(page, 1);
  const yaml = await yamlText(page);
  await page.locator('button.copy').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), yaml);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button.download').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'sample-postgres-backup.yaml');
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  assert.equal(Buffer.concat(chunks).toString('utf8'), yaml);
});

test('#/restore opens the restore view directly', async () => {
  const page = await fresh(`${suite.server.url}#/restore`);
  assert.match(await yamlText(page), /kind: RestoreSession/);
  assert.equal(await page.locator('[name="spec.dataSource.snapshot"]').count(), 1);
  await page.evaluate(() => { location.hash = '#/backup'; });
  await page.waitForSelector('[name="spec.sessions[0].scheduler.schedule"]');
});

test('every control has a name that is its path, and a label', async () => {
  const page = await fresh();
  await loadTemplate(page, 4);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
      .map((el) => el.name || el.id),
  );
  assert.deepEqual(unlabelled, []);
  const names = await page.locator('form [name]').evaluateAll((els) => els.map((e) => e.name));
  assert.ok(names.includes('spec.sessions[0].addon.jobTemplate.spec.resources.requests.cpu'));
  assert.ok(names.every((n) => /^(metadata|spec)[.\[]/.test(n)), names.join(' '));
});

test('the embed mounts an editor from one element and one script', async () => {
  const page = await fresh(`${suite.server.url}embed.html`);
  const name = 'spec.sessions[0].addon.tasks[0].params.backupCmd';
  await page.waitForSelector(`stashform-editor [name="${name}"]`);
  assert.equal(await page.locator(`[name="${name}"]`).inputValue(), 'pg_dump');
  assert.match(await yamlText(page), /^apiVersion: core.kubestash.com\/v1alpha1\n/);
  assert.deepEqual((await diagnostics(page)).filter((d) => d.severity === 'error'), []);
  await setControl(page, 'spec.sessions[0].scheduler.schedule', '0 0 * * 7');
  await page.waitForSelector(`[name="spec.sessions[0].scheduler.schedule"][aria-invalid="true"]`);
  assert.equal(await page.evaluate(() => location.hash), '', 'the embed leaves the URL alone');
  await page.screenshot({ path: join(SHOTS, 'embed-1400.png') });
});

test('screenshots at 375 px and 1400 px, light and dark', async () => {
  const center = (page, selector) =>
    page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
  for (const [width, height] of [[375, 812], [1400, 900]]) {
    const page = await fresh(suite.server.url, { viewport: { width, height } });
    await page.screenshot({ path: join(SHOTS, `start-${width}.png`) });
    await loadTemplate(page, 1);
    await setControl(page, 'spec.sessions[0].scheduler.schedule', '0 0 * * 7');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (${overflow}px too wide)`);
    await center(page, '[name="spec.sessions[0].scheduler.schedule"]');
    await page.screenshot({ path: join(SHOTS, `schedule-error-${width}.png`) });
    await center(page, '[name="spec.sessions[0].addon.tasks[0].params.backupCmd"]');
    await page.screenshot({ path: join(SHOTS, `addon-${width}.png`) });
    if (width < 1000) {
      await center(page, '#yaml');
      await page.screenshot({ path: join(SHOTS, `yaml-${width}.png`) });
      await center(page, '#diagnostics');
      await page.screenshot({ path: join(SHOTS, `checks-${width}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await switchView(page, 'restore');
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `restore-dark-${width}.png`) });
  }
});
