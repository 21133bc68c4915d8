// The YAML pane as a code editor: colours from the loader's tokens on a <pre> that always holds
// exactly the textarea's text, squiggles on the exact span of each finding, the finding under
// the caret read out and under the mouse as a tooltip, line markers as keyboard-reachable
// buttons, and Enter that keeps the indentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, yamlText, pasteYaml, setControl } from './harness.mjs';

const suite = browserSuite();
const SCHEDULE = 'spec.sessions[0].scheduler.schedule';

const shown = (page) => page.locator('.yaml-pane .highlight').evaluate((pre) => pre.textContent);

test('the coloured text is the YAML, character for character, also while it does not load', async () => {
  const page = await suite.fresh();
  assert.equal(await shown(page), `${await yamlText(page)}\n`);
  assert.equal(await page.locator('.highlight .t-k').first().textContent(), 'apiVersion');
  assert.ok((await page.locator('.highlight .t-n').allTextContents()).includes('1'), 'backoffLimit: 1 is a number');
  for (const text of ['a: [\n', 'é: "ü" # ß <b>&amp;\n', '']) {
    await pasteYaml(page, text);
    assert.equal(await shown(page), `${text}\n`, JSON.stringify(text));
  }
});

test('a finding is a squiggle on its exact span, read out at the caret and shown on hover', async () => {
  const page = await suite.fresh();
  await setControl(page, SCHEDULE, '0 0 * * 7');
  const squiggle = page.locator('.highlight .sq.error');
  assert.equal(await squiggle.textContent(), '"0 0 * * 7"');
  // The caret inside the value: the message is read out below the pane.
  const text = await yamlText(page);
  const at = text.indexOf('"0 0 * * 7"') + 3;
  await page.locator('#yaml').focus();
  await page.evaluate((at) => document.querySelector('#yaml').setSelectionRange(at, at), at);
  await page.keyboard.press('ArrowRight');
  const hint = page.locator('.yaml-hint');
  assert.match(await hint.textContent(), /^error: invalid schedule: .*day-of-week/);
  assert.equal(await hint.getAttribute('role'), 'status');
  // The mouse over it: the textarea's tooltip says the same.
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  assert.match(await page.locator('#yaml').getAttribute('title'), /^error: invalid schedule/);
  await page.mouse.move(box.x + box.width / 2, box.y - 60);
  assert.equal(await page.locator('#yaml').getAttribute('title'), '');
});

test('line markers are focusable buttons: Enter selects their finding in the pane', async () => {
  const page = await suite.fresh();
  await setControl(page, SCHEDULE, '0 0 * * 7');
  const marker = page.locator('.gutter button.marker[data-severity="error"]');
  assert.match(await marker.getAttribute('aria-label'), /^Line \d+: error: invalid schedule/);
  await marker.focus();
  await page.keyboard.press('Enter');
  const selected = await page.evaluate(() => {
    const t = document.activeElement;
    return t.id === 'yaml' ? t.value.slice(t.selectionStart, t.selectionEnd) : null;
  });
  assert.equal(selected, '"0 0 * * 7"');
});

test('Enter keeps the indentation, deeper after a key that opens a block', async () => {
  const page = await suite.fresh();
  await pasteYaml(page, '');
  const yaml = page.locator('#yaml');
  await yaml.focus();
  await page.keyboard.type('spec:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('sessions:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- name: nightly');
  await page.keyboard.press('Enter');
  await page.keyboard.type('scheduler: {}');
  assert.equal(await yamlText(page), 'spec:\n  sessions:\n    - name: nightly\n      scheduler: {}');
  // One undo step of the page per burst of typing; the browser's own undo works inside.
  await page.keyboard.press('Control+z');
  assert.notEqual(await yamlText(page), 'spec:\n  sessions:\n    - name: nightly\n      scheduler: {}');
});

test('completion offers the keys and values of the place being typed, from the CRD and the catalog', async () => {
  const page = await suite.fresh();
  const yaml = page.locator('#yaml');
  const start = 'apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\nmetadata:\n  name: a\nspec:\n  sessions:\n    - name: s\n      ';
  await page.locator('#yaml').fill(start);
  await yaml.focus();
  await page.evaluate(() => { const t = document.querySelector('#yaml'); t.setSelectionRange(t.value.length, t.value.length); });
  await page.keyboard.type('sch');
  const list = page.locator('.completions[role="listbox"]:not([hidden])');
  // The list follows each keystroke (rendered on the next frame).
  await page.waitForFunction(() => document.querySelectorAll('.completions .label').length === 1, undefined, { timeout: 3000 });
  assert.deepEqual(await list.locator('[role="option"] .label').allTextContents(), ['scheduler']);
  assert.equal(await yaml.getAttribute('aria-activedescendant'), await list.locator('[role="option"]').first().getAttribute('id'));
  await page.keyboard.press('Enter');
  assert.equal(await list.count(), 0);
  assert.equal(await yamlText(page), `${start}scheduler: `);
  // A value from the addon catalog, chosen with the arrow keys.
  await page.keyboard.type('{}');
  await page.keyboard.press('Enter');
  await page.keyboard.type('addon:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('name: postgres-addon');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.type('tasks:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- name: log');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.completions .label')].every((e) => e.textContent.includes('log')),
    undefined,
    { timeout: 3000 },
  );
  const tasks = await list.locator('[role="option"] .label').allTextContents();
  assert.ok(tasks.includes('logical-backup'), tasks.join());
  const index = tasks.indexOf('logical-backup');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.match(await yamlText(page), /\n {8}tasks:\n {10}- name: logical-backup$/);
  // Ctrl+Space asks for the list on an empty word; Escape closes it.
  await page.keyboard.press('Enter');
  await page.keyboard.type('params:');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await list.waitFor();
  assert.ok((await list.locator('[role="option"] .label').allTextContents()).includes('backupCmd'));
  await page.keyboard.press('Escape');
  assert.equal(await list.count(), 0);
});

test('a finding with a certain fix has an Apply button: one undoable step, nothing else changes', async () => {
  const page = await suite.fresh();
  await setControl(page, SCHEDULE, '0 0 * * 7');
  const before = await yamlText(page);
  const item = page.locator(`#diagnostics li[data-path="${SCHEDULE}"]`);
  const apply = item.locator('[data-action="fix"]');
  assert.match(await apply.getAttribute('aria-label'), /^Apply: write Sunday as 0/);
  await apply.click();
  assert.equal(await yamlText(page), before.replace('0 0 * * 7', '0 0 * * 0'));
  assert.equal(await page.locator('#diagnostics li[data-path]').count(), 0);
  await page.locator('[data-action="undo"]').click();
  assert.equal(await yamlText(page), before);
});
