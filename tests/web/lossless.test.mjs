// Nothing the user wrote is lost: form edits change only their values' lines, Format keeps
// comments, undo and redo walk every change, and the form waits while the YAML is broken.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSuite, yamlText, pasteYaml, setControl, ROOT } from './harness.mjs';

const { fresh } = browserSuite();
let commented;

before(async () => {
  commented = await readFile(join(ROOT, 'tests/fixtures/comments/migrated.yaml'), 'utf8');
});

/** The numbers (1-based) of the lines that differ; the texts must have as many lines. */
function changedLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'no line was added or removed');
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

const EDITS = [
  ['metadata.name', 'nightly-postgres-backup'],
  ['spec.sessions[0].scheduler.schedule', '0 2 * * *'],
  ['spec.sessions[0].repositories[0].directory', '/pg-nightly'],
];

test('three form edits change exactly three lines; three undos and redos walk them', async () => {
  const page = await fresh();
  await pasteYaml(page, commented);
  assert.equal(await yamlText(page), commented);
  for (const [path, value] of EDITS) await setControl(page, path, value);
  const edited = await yamlText(page);
  const lines = changedLines(commented, edited);
  assert.equal(lines.length, 3, `changed lines: ${lines}`);
  const after = edited.split('\n');
  assert.match(after[lines[0] - 1], /^ {2}name: nightly-postgres-backup # owned by team db$/);
  assert.match(after[lines[1] - 1], /^ {8}schedule: "0 2 \* \* \*"$/);
  assert.match(after[lines[2] - 1], /^ {10}directory: \/pg-nightly # review: was \/stash\/postgres$/);

  const undo = page.locator('button[data-action="undo"]');
  const redo = page.locator('button[data-action="redo"]');
  for (let i = 0; i < 3; i += 1) await undo.click();
  assert.equal(await yamlText(page), commented, 'three undos give back the paste byte for byte');
  assert.equal(await page.locator('[name="metadata.name"]').inputValue(), 'sample-postgres-backup');
  for (let i = 0; i < 3; i += 1) await redo.click();
  assert.equal(await yamlText(page), edited, 'three redos give back the edited text');
  assert.equal(await redo.isDisabled(), true);

  // The keyboard, outside text controls: Ctrl+Z and Ctrl+Shift+Z.
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  assert.equal(changedLines(commented, await yamlText(page)).length, 2);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await yamlText(page), edited);
});

test('Format keeps every comment; a template load over a draft is one undoable step', async () => {
  const page = await fresh();
  await pasteYaml(page, commented);
  await page.locator('button.format').click();
  const formatted = await yamlText(page);
  for (const comment of commented.match(/#.*$/gm)) {
    assert.ok(formatted.includes(comment), `kept: ${comment}`);
  }
  await page.locator('select.templates').selectOption('0');
  assert.notEqual(await yamlText(page), formatted);
  await page.locator('button[data-action="undo"]').click();
  assert.equal(await yamlText(page), formatted);
});

test('while the YAML does not load, the form is read-only and the text is kept', async () => {
  const page = await fresh();
  await pasteYaml(page, commented);
  const broken = commented.replace('namespace: demo\nspec:', 'namespace: [demo\nspec:');
  await pasteYaml(page, broken);
  assert.notEqual(await page.locator('fieldset.form-body').getAttribute('disabled'), null);
  assert.equal(await page.locator('[name="metadata.name"]').isDisabled(), true);
  assert.equal(await yamlText(page), broken, 'the typed text stays');
  await page.locator('button[data-action="undo"]').click();
  assert.equal(await yamlText(page), commented);
  assert.equal(await page.locator('[name="metadata.name"]').isDisabled(), false);
});
