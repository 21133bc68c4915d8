// Browser benchmark (not a test): keystroke → updated YAML and diagnostics with a
// 20-session BackupConfiguration and in the setup view's five-document bundle, and the gzip
// size of the page.
//
//   node tests/web/bench.mjs          (after the site is built into dist/web)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch, open, pasteYaml, yamlText, DIST, SEED_DIR } from './harness.mjs';

const SESSIONS = 20;
const KEYSTROKES = Number(process.env.KEYSTROKES || 200);

/** Seed example 2 with its session repeated 20 times (distinct names and directories). */
async function bigConfiguration() {
  const seed = await readFile(
    join(SEED_DIR, '02-backup-passing-a-target-database-to-the-backup-process.yaml'),
    'utf8',
  );
  const [head, rest] = seed.split('  sessions:\n');
  const session = rest;
  let out = `${head}  sessions:\n`;
  for (let i = 0; i < SESSIONS; i++) {
    out += session
      .replace('name: frequent-backup', `name: session-${i}`)
      .replace('name: gcs-postgres-repo', `name: repo-${i}`)
      .replace('directory: /postgres', `directory: /postgres-${i}`);
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/**
 * In the page: for each keystroke, set the control's value and fire `input` (what a key press
 * does), then wait until the YAML pane shows the new text and the checks list is re-rendered
 * (Yew renders in a microtask after the event). Returns the times in ms.
 */
async function keystrokes(page, selector, mutate, done, count) {
  return page.evaluate(
    async ({ selector, mutate, done, count }) => {
      const edit = new Function('value', 'i', `return (${mutate})(value, i);`);
      const finished = new Function('next', 'before', `return (${done})(next, before);`);
      const el = document.querySelector(selector);
      const yaml = document.getElementById('yaml');
      const times = [];
      const frames = [];
      for (let i = 0; i < count; i++) {
        const next = edit(el.value, i);
        const before = yaml.value;
        const t0 = performance.now();
        el.value = next;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        let spins = 0;
        while (!finished(next, before) && spins < 1000) {
          await Promise.resolve();
          spins++;
        }
        times.push(performance.now() - t0);
        // Input to the next frame (includes style, layout; paint happens right after).
        await new Promise((r) => requestAnimationFrame(r));
        frames.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 0));
      }
      return { times, frames };
    },
    { selector, mutate: mutate.toString(), done: done.toString(), count },
  );
}

const server = await serve();
const browser = await launch();
try {
  const { page, record } = await open(browser, server.url);
  const big = await bigConfiguration();
  await pasteYaml(page, big);
  const lines = (await yamlText(page)).split('\n').length;
  const controls = await page.locator('form [name]').count();

  // Typing a session name in the middle of the form.
  const field = await keystrokes(
    page,
    '[name="spec.sessions[10].name"]',
    (value, i) => value + 'abcdefghij'[i % 10],
    // Done when the pane shows the new text and the checks were re-rendered with it.
    (next, before) => document.getElementById('yaml').value !== before,
    KEYSTROKES,
  );
  // Typing in the YAML pane (re-parse, form follows).
  const pane = await keystrokes(
    page,
    '#yaml',
    (value, i) => value.replace(/name: session-10[a-z]*/, (m) => m + 'klmnopqrst'[i % 10]),
    // Done when the form shows the new name.
    (next) =>
      document.querySelector('[name="spec.sessions[10].name"]').value ===
      next.match(/name: (session-10[a-z]*)/)[1],
    KEYSTROKES,
  );
  // The setup view: a keystroke in the BackupConfiguration's name re-checks all five
  // documents together (references, namespaces) and re-renders the bundle's form.
  await page.locator('button[data-view="setup"]').click();
  await page.waitForSelector('[name="documents[4].metadata.name"]');
  const documents = (await yamlText(page)).split(/^---$/m).length;
  const bundle = await keystrokes(
    page,
    '[name="documents[4].metadata.name"]',
    (value, i) => value + 'abcdefghij'[i % 10],
    (next, before) =>
      document.getElementById('yaml').value !== before &&
      document.querySelector('#diagnostics .summary') !== null,
    KEYSTROKES,
  );
  if (record.errors.length) console.log('console errors:', record.errors);

  let total = 0;
  const sizes = [];
  for (const file of ['index.html', 'style.css', 'stashform_web.js', 'stashform_web_bg.wasm']) {
    const bytes = await readFile(join(DIST, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    total += gz;
    sizes.push(`${file} ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
  }
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(`configuration: ${SESSIONS} sessions, ${lines} lines of YAML, ${controls} form controls`);
  console.log(`form field keystroke → YAML + checks: median ${ms(median(field.times))}, p95 ${ms(percentile(field.times, 0.95))} (n=${KEYSTROKES})`);
  console.log(`  … to next animation frame:           median ${ms(median(field.frames))}`);
  console.log(`YAML pane keystroke → form + checks:   median ${ms(median(pane.times))}, p95 ${ms(percentile(pane.times, 0.95))}`);
  console.log(`  … to next animation frame:           median ${ms(median(pane.frames))}`);
  console.log(`setup bundle (${documents} documents) keystroke → YAML + checks: median ${ms(median(bundle.times))}, p95 ${ms(percentile(bundle.times, 0.95))}`);
  console.log(`  … to next animation frame:           median ${ms(median(bundle.frames))}`);
  console.log(`page size (index.html + css + js + wasm): ${(total / 1024).toFixed(1)} KB gzip`);
  for (const s of sizes) console.log(`  ${s}`);
} finally {
  await browser.close();
  await server.close();
}
