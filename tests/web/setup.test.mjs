// The whole setup in one page: the companion kinds' forms, the five-document bundle checked
// together, names that follow, provider switches, secrets that stay in the page, and
// "restore from this backup".
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SKELETON, ROOT, SEED_DIR,
  browserSuite, seeds, formLeaves, yamlText, pasteYaml, diagnostics, switchView, setControl,
} from './harness.mjs';

const suite = browserSuite();
const EXAMPLES = join(ROOT, '../shared/reference/examples');
let yaml;
let examples;

before(async () => {
  yaml = (await import('js-yaml')).default;
  examples = await seeds();
});

/** The five documents of the setup with only the shape the form fills in. */
const SETUP_SKELETON = [
  'apiVersion: storage.kubestash.com/v1alpha1\nkind: BackupStorage\nmetadata: {}\nspec:\n  storage: {}\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {}\n',
  'apiVersion: storage.kubestash.com/v1alpha1\nkind: RetentionPolicy\nmetadata: {}\nspec: {}\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {}\n',
  SKELETON.backup,
].join('---\n');

const SECRETS = {
  GOOGLE_PROJECT_ID: 'my-gcp-project-4711',
  GOOGLE_SERVICE_ACCOUNT_JSON_KEY: '{"type":"service_account","private_key_id":"pk-0815"}',
  RESTIC_PASSWORD: 'correct horse battery staple',
};

async function example(file) {
  return yaml.load(await readFile(join(EXAMPLES, file), 'utf8'));
}

/** Fill a document's leaves through the form (`documents[i].`-prefixed in a bundle). */
async function fill(page, doc, prefix = '') {
  // The provider and the volume source first: they make their fields appear.
  const leaves = formLeaves(doc).sort(([a], [b]) => order(a) - order(b));
  for (const [path, value] of leaves) {
    const volume = path.match(/^spec\.storage\.local\.(\w+)\./);
    if (volume && !['mountPath', 'subPath'].includes(volume[1])) {
      const picker = page.locator(`select[data-switch="${prefix}spec.storage.local"]`);
      if ((await picker.inputValue()) !== volume[1]) await picker.selectOption(volume[1]);
    }
    await setControl(page, prefix + path, value);
  }
}

function order(path) {
  return path === 'spec.storage.provider' ? 0 : 1;
}

function errorsAndWarnings(list) {
  return list.filter((d) => d.severity !== 'info');
}

/** The warnings that the starter's Secrets, written without values, give until they are typed. */
const BLANK_SECRET = /has no value for/;

function apartFromBlankSecrets(list) {
  return errorsAndWarnings(list).filter((d) => !BLANK_SECRET.test(d.text));
}

test('the setup view opens on a complete bundle, every name and path documents[i].-prefixed', async () => {
  const page = await suite.fresh();
  await switchView(page, 'setup');
  const docs = yaml.loadAll(await yamlText(page));
  assert.deepEqual(
    docs.map((d) => `${d.kind}/${d.metadata.name}`),
    ['BackupStorage/gcs-storage', 'Secret/gcs-secret', 'RetentionPolicy/demo-retention',
      'Secret/encrypt-secret', 'BackupConfiguration/sample-postgres-backup'],
  );
  // Complete but for the secret values, which the user types: the checks say where.
  const fresh = errorsAndWarnings(await diagnostics(page));
  assert.deepEqual(fresh.map((d) => d.path), ['documents[1].stringData', 'documents[3].stringData']);
  assert.ok(fresh.every((d) => BLANK_SECRET.test(d.text)), JSON.stringify(fresh));
  for (const [doc, key] of [[1, 'GOOGLE_PROJECT_ID'], [1, 'GOOGLE_SERVICE_ACCOUNT_JSON_KEY'], [3, 'RESTIC_PASSWORD']]) {
    await setControl(page, `documents[${doc}].stringData.${key}`, SECRETS[key]);
  }
  assert.deepEqual(errorsAndWarnings(await diagnostics(page)), []);
  const names = await page.locator('form.form [name]').evaluateAll((els) => els.map((e) => e.name));
  assert.ok(names.length > 40, `${names.length} controls`);
  for (const name of names) assert.match(name, /^documents\[[0-4]\]\./);
  // A dangling reference is reported on the referring field, with the bundle prefix.
  await setControl(page, 'documents[4].spec.backends[0].storageRef.name', 'nowhere');
  const found = (await diagnostics(page)).filter((d) => d.path.includes('storageRef'));
  assert.deepEqual(found.map((d) => d.path), ['documents[4].spec.backends[0].storageRef.name']);
  const shown = page.locator('form.form li[data-path="documents[4].spec.backends[0].storageRef.name"]');
  assert.equal(await shown.count(), 1);
  for (const d of await diagnostics(page)) assert.match(d.path, /^documents\[\d\]\./);
  assert.equal(await page.locator('[data-action="share"]').count(), 1);
});

test("the seed's full setup built through the form alone checks clean and restores", async () => {
  const page = await suite.fresh();
  await switchView(page, 'setup');
  await pasteYaml(page, SETUP_SKELETON);
  const storage = await example('kubedb-docs_postgres_logical_backupstorage-gcs.yaml');
  const retention = await example('kubedb-docs_postgres_logical_retentionpolicy.yaml');
  const backup = examples.find((s) => s.file.startsWith('01-')).doc;
  const credentials = {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'gcs-secret', namespace: 'demo' },
    stringData: {
      GOOGLE_PROJECT_ID: SECRETS.GOOGLE_PROJECT_ID,
      GOOGLE_SERVICE_ACCOUNT_JSON_KEY: SECRETS.GOOGLE_SERVICE_ACCOUNT_JSON_KEY,
    },
  };
  const encryption = {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'encrypt-secret', namespace: 'demo' },
    stringData: { RESTIC_PASSWORD: SECRETS.RESTIC_PASSWORD },
  };
  await fill(page, storage, 'documents[0].');
  // The credentials' keys are offered from the storage's provider; the restic password's
  // once the BackupConfiguration names the Secret.
  await fill(page, credentials, 'documents[1].');
  await fill(page, retention, 'documents[2].');
  await fill(page, backup, 'documents[4].');
  await fill(page, encryption, 'documents[3].');
  const text = await yamlText(page);
  assert.deepEqual(yaml.loadAll(text), [storage, credentials, retention, encryption, backup]);
  const notes = await diagnostics(page);
  assert.deepEqual(errorsAndWarnings(notes), []);
  assert.deepEqual(notes.map((d) => d.text), [], 'the Secrets are checked too: no note');

  // The download is what the pane shows, and the CLI finds no error in it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button.download').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'sample-postgres-backup-setup.yaml');
  assert.match(await page.locator('.apply-hint').textContent(), /kubectl apply -f sample-postgres-backup-setup\.yaml/);
  const dir = await mkdtemp(join(tmpdir(), 'stashform-setup-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    assert.equal(await readFile(file, 'utf8'), text);
    const out = execFileSync(
      process.env.CARGO || 'cargo',
      ['run', '--quiet', '-p', 'stashform-cli', '--', 'check', '--format', 'json', file],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const report = JSON.parse(out);
    assert.equal(report.summary.documents, 5);
    assert.equal(report.summary.errors, 0);
    assert.equal(report.summary.warnings, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // Restore from this backup: the seed's restore example, up to the snapshot name (and the
  // target to restore into, which the user then picks).
  await page.locator('[data-action="restore-from-backup"]').click();
  await page.waitForFunction(() => location.hash.startsWith('#/restore'));
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the restore view opens at its top');
  await setControl(page, 'spec.target.name', 'restored-postgres');
  const seed = await readFile(join(SEED_DIR, '07-restore-restore-specific-snapshot.yaml'), 'utf8');
  assert.equal(
    await yamlText(page),
    seed.replace(/snapshot: .*/, 'snapshot: latest'),
  );
  assert.deepEqual(errorsAndWarnings(await diagnostics(page)), []);
  // The restore view opened as a new history entry: Back returns to the setup.
  await page.goBack();
  await page.waitForFunction(() => location.hash.startsWith('#/setup'));
  assert.equal(await page.locator('[name="documents[0].metadata.name"]').inputValue(), 'gcs-storage');
});

for (const file of [
  'kubestash-docs_backends_s3_backupstorage-s3.yaml',
  'kubedb-docs_postgres_logical_backupstorage-gcs.yaml',
  'kubestash-docs_backends_azure_backupstorage-azure.yaml',
  'kubestash-docs_backends_local_backupstorage-nfs.yaml',
  'kubedb-docs_postgres_customization_common_s3-backupstorage.yaml',
]) {
  test(`the storage example ${file} is built through the form and checks clean`, async () => {
    const page = await suite.fresh();
    await switchView(page, 'storage');
    await pasteYaml(page, 'apiVersion: storage.kubestash.com/v1alpha1\nkind: BackupStorage\nmetadata: {}\nspec:\n  storage: {}\n');
    const doc = await example(file);
    await fill(page, doc);
    assert.deepEqual(yaml.load(await yamlText(page)), doc);
    assert.deepEqual(await diagnostics(page), []);
  });
}

test('every provider of the CRD has its own fields', async () => {
  const page = await suite.fresh();
  await switchView(page, 'storage');
  const providers = await page.locator('[name="spec.storage.provider"] option').allTextContents();
  assert.deepEqual(providers.slice(1), ['azure', 'gcs', 'local', 's3']);
  const fields = {};
  for (const provider of providers.slice(1)) {
    await setControl(page, 'spec.storage.provider', provider);
    fields[provider] = await page
      .locator(`[name^="spec.storage.${provider}."]`)
      .evaluateAll((els) => els.map((e) => e.name.split('.').pop()));
    const text = await yamlText(page);
    for (const other of providers.slice(1)) {
      if (other !== provider) assert.doesNotMatch(text, new RegExp(`^    ${other}:`, 'm'), `${provider}: ${other} left`);
    }
  }
  assert.ok(fields.s3.includes('endpoint') && fields.s3.includes('region'), fields.s3.join());
  assert.ok(fields.azure.includes('storageAccount') && fields.azure.includes('container'));
  assert.ok(fields.gcs.includes('bucket'));
  assert.ok(fields.local.includes('mountPath'));
});

test('renaming follows every reference; a provider switch is one undoable step', async () => {
  const page = await suite.fresh();
  await switchView(page, 'setup');
  const value = (name) => page.locator(`[name="${name}"]`).inputValue();
  await setControl(page, 'documents[0].metadata.name', 'my-storage');
  assert.equal(await value('documents[4].spec.backends[0].storageRef.name'), 'my-storage');
  await setControl(page, 'documents[2].metadata.name', 'keep-a-month');
  assert.equal(await value('documents[4].spec.backends[0].retentionPolicy.name'), 'keep-a-month');
  await setControl(page, 'documents[3].metadata.name', 'restic-password');
  assert.equal(await value('documents[4].spec.sessions[0].repositories[0].encryptionSecret.name'), 'restic-password');
  await setControl(page, 'documents[1].metadata.name', 'cloud-credentials');
  assert.equal(await value('documents[0].spec.storage.gcs.secretName'), 'cloud-credentials');
  await setControl(page, 'documents[4].spec.backends[0].name', 'primary');
  assert.equal(await value('documents[4].spec.sessions[0].repositories[0].backend'), 'primary');
  // The namespace of the BackupConfiguration moves the whole bundle.
  await setControl(page, 'documents[4].metadata.namespace', 'prod');
  let text = await yamlText(page);
  assert.doesNotMatch(text, /namespace: demo/);
  assert.deepEqual(apartFromBlankSecrets(await diagnostics(page)), []);

  const before = await yamlText(page);
  await setControl(page, 'documents[0].spec.storage.provider', 's3');
  text = await yamlText(page);
  assert.doesNotMatch(text, /gcs:|bucket: kubestash-qa|GOOGLE_/);
  assert.match(text, /    s3:\n      secretName: cloud-credentials\n/);
  assert.equal(await page.locator('[name="documents[1].stringData.AWS_ACCESS_KEY_ID"]').count(), 1);
  await page.locator('[data-action="undo"]').click();
  assert.equal(await yamlText(page), before);
});

test('a typed secret is in the YAML pane but not in a share link, a draft or the URL', async () => {
  const page = await suite.fresh();
  await switchView(page, 'setup');
  const secret = 'hunter2-do-not-share';
  await setControl(page, 'documents[3].stringData.RESTIC_PASSWORD', secret);
  assert.equal(await page.locator('[name="documents[3].stringData.RESTIC_PASSWORD"]').getAttribute('type'), 'password');
  assert.match(await yamlText(page), new RegExp(secret));
  assert.match(await page.locator('pre.command').nth(1).textContent(), /--from-literal=RESTIC_PASSWORD=hunter2-do-not-share/);
  await page.locator('[data-action="share"]').click();
  const link = await page.locator('.share-box input').inputValue();
  const shared = Buffer.from(new URL(link).hash.split('y=')[1], 'base64url').toString('utf8');
  assert.doesNotMatch(shared, new RegExp(secret));
  assert.match(shared, /RESTIC_PASSWORD: "<not shared: type the secret again>"/);
  assert.match(await page.locator('.toolbar .status').textContent(), /placeholder/);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.doesNotMatch(stored, new RegExp(secret));
  assert.match(stored, /not shared: type the secret again/);
  assert.doesNotMatch(page.url(), new RegExp(secret));
  // The shared link opens with the placeholder, and the page says so.
  const other = await suite.fresh(link);
  assert.match(await yamlText(other), /<not shared: type the secret again>/);
  assert.match(await other.locator('form.form').textContent(), /type the secret again/);
});

test('the embed takes kind="setup" and the companion kinds', async () => {
  const page = await suite.fresh(`${suite.server.url}embed.html`);
  await page.waitForSelector('stashform-editor [name]');
  const before = await page.locator('stashform-editor').count();
  const s3 = await readFile(join(EXAMPLES, 'kubestash-docs_backends_s3_backupstorage-s3.yaml'), 'utf8');
  await page.evaluate((s3) => {
    const add = (kind, text) => {
      const el = document.createElement('stashform-editor');
      el.setAttribute('kind', kind);
      el.textContent = text;
      document.body.append(el);
    };
    add('setup', '');
    add('storage', s3);
    add('retention', '');
    add('secret', '');
  }, s3);
  const editors = page.locator('stashform-editor');
  const setup = editors.nth(before);
  await setup.locator('[name="documents[4].metadata.name"]').waitFor();
  assert.equal(await setup.locator('[name="documents[0].spec.storage.provider"]').inputValue(), 'gcs');
  const storage = editors.nth(before + 1);
  await storage.locator('[name="spec.storage.s3.bucket"]').waitFor();
  assert.equal(await storage.locator('[name="spec.storage.s3.bucket"]').inputValue(), 'kubestash-demo');
  await editors.nth(before + 2).locator('[name="spec.maxRetentionPeriod"]').waitFor();
  assert.match(await editors.nth(before + 2).locator('.period').textContent(), /2 months/);
  await editors.nth(before + 3).locator('[name="stringData.RESTIC_PASSWORD"]').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '', 'the embeds leave the URL alone');
});

test('a Secret key that is no dotted path (ca.crt) stays in the YAML pane', async () => {
  const page = await suite.fresh();
  await switchView(page, 'secret');
  await pasteYaml(page, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\nstringData:\n  ca.crt: abc\n  KEY: v\n');
  assert.equal(await page.locator('[name="stringData.KEY"]').count(), 1);
  assert.equal(await page.locator('[name^="stringData.ca"]').count(), 0);
  assert.match(await page.locator('pre.command').textContent(), /--from-literal=ca\.crt=abc/);
});
