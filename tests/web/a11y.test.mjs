// Accessibility: axe-core (the engine behind Lighthouse's audit) finds no violation on any view,
// in light and dark, at desktop width and at 375 px; and keyboard focus goes somewhere sensible
// after adding or removing an item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSuite, switchView, ROOT } from './harness.mjs';

const suite = browserSuite();
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

async function violations(page) {
  await page.addScriptTag({ content: await readFile(AXE, 'utf8') });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1400, 375]) {
    test(`no axe-core violation on any view (${colorScheme}, ${width} px)`, async () => {
      const page = await suite.fresh(undefined, { colorScheme, viewport: { width, height: 900 } });
      for (const view of ['backup', 'restore', 'setup', 'storage', 'retention', 'secret']) {
        await switchView(page, view);
        assert.deepEqual(await violations(page), [], `#/${view}`);
      }
    });
  }
}

test('focus goes to the first field of an added item, and to a neighbour after a removal', async () => {
  const page = await suite.fresh();
  // Focus moves after the render that adds the item: wait for it to leave the button (on a
  // busy machine that can be a few frames later), then say where it went.
  const focusMoved = (from) =>
    page
      .waitForFunction(
        (from) => {
          const el = document.activeElement;
          return el && el !== document.body && el.dataset[from.key] !== from.value;
        },
        from,
        { timeout: 5000 },
      )
      .catch(() => {});
  await page.locator('[data-add="spec.sessions"]').click();
  await focusMoved({ key: 'add', value: 'spec.sessions' });
  const added = await page.evaluate(() => document.activeElement?.getAttribute('name'));
  assert.equal(added, 'spec.sessions[1].name');
  await page.locator('[data-remove="spec.sessions[1]"]').click();
  await focusMoved({ key: 'remove', value: 'spec.sessions[1]' });
  const after = await page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    name: document.activeElement?.getAttribute('name') ?? document.activeElement?.dataset.add,
  }));
  assert.notEqual(after.tag, 'BODY', 'focus did not fall to the page body');
  assert.equal(after.name, 'spec.sessions');
});

test('a skip link leads to the YAML pane', async () => {
  const page = await suite.fresh();
  await page.keyboard.press('Tab');
  const first = page.locator(':focus');
  assert.match(await first.textContent(), /YAML/);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'yaml');
});

test('at 375 px, the caret in the YAML pane stays clear of the line numbers', async () => {
  const page = await suite.fresh(undefined, { viewport: { width: 375, height: 800 } });
  const yaml = page.locator('#yaml');
  await yaml.fill(
    'apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\nmetadata:\n' +
      '  name: a-very-long-name-for-a-backup-configuration-that-goes-on-and-on\n  namespace: demo\n',
  );
  await yaml.focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  // The end of the long line scrolls the pane; the next line's end is near its start.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowDown');
  const { caret, gutter, scrolled } = await page.evaluate(() => {
    const t = document.querySelector('#yaml');
    const style = getComputedStyle(t);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.textContent = 'x'.repeat(100);
    document.body.append(probe);
    const charWidth = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const column = t.selectionStart - t.value.lastIndexOf('\n', t.selectionStart - 1) - 1;
    return {
      caret: t.getBoundingClientRect().left + parseFloat(style.paddingLeft) + column * charWidth,
      gutter: document.querySelector('.gutter').getBoundingClientRect().right,
      scrolled: document.querySelector('.editor').scrollLeft,
    };
  });
  assert.ok(scrolled > 0, 'the long line scrolled the pane');
  assert.ok(caret >= gutter - 1, `the caret at x=${caret} is under the gutter (ends at x=${gutter})`);
});
