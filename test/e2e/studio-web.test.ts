/**
 * The whole flow a person follows, in Debian's Chromium against the test host (real engine, real
 * ffmpeg, real SQLite): create a project, drop 4 references and a non-image (refused by name),
 * edit the brand kit, draft the canon offline, plan 8 clips, run them on the local renderer while
 * the queue shows progress, review (approve 6, reject 2 with the keyboard), export, check the
 * pack on disk. Screenshots of every main screen go to test-artifacts/screens/. Every wait is on
 * an app-emitted readiness attribute, never a sleep. A canary key set in Settings must not appear
 * in any API answer, the page, the logs, the project files or the export.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildRenderer, startHostProcess, type HostProcess } from './helpers/web-host-process.ts';
import { makeReferenceImages } from './helpers/fixtures.ts';
import type { Browser, Page } from 'playwright';

const CHROMIUM = '/usr/bin/chromium';
const SCREENS = join(ROOT, 'test-artifacts', 'screens');
const CANARY = 'fal-CANARY-7c1e9a2b4d6f8e0a';
const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium); e2e skipped`;

let host: HostProcess | undefined;
let browser: Browser | undefined;
let work = '';

before(async () => {
  if (skip) return;
  buildRenderer();
  work = mkdtempSync(join(tmpdir(), 'continuity-e2e-'));
  mkdirSync(SCREENS, { recursive: true });
  host = await startHostProcess(join(work, 'user-data'));
  const { chromium } = await import('playwright');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: false });
const ready = (page: Page, screen: string, extra = '') => page.waitForSelector(`[data-screen="${screen}"][data-ready="true"]${extra}`, { timeout: 90_000 });
const nav = async (page: Page, label: string, screen: string) => { await page.getByRole('button', { name: label, exact: true }).click(); await ready(page, screen); };

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map((f) => join(dir, String(f))).filter((p) => statSync(p).isFile());
}

test('browser host: project → references → brand kit → canon → matrix → run → review → export', { skip, timeout: 420_000 }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 720 } });
  page.setDefaultTimeout(90_000); // a loaded 2-core machine: generous waits, each on an app event
  const apiBodies: string[] = [];
  page.on('response', (r) => { if (r.url().includes('/api/')) r.text().then((t) => apiBodies.push(t), () => undefined); });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(host!.url);
  await ready(page, 'library');
  await shot(page, '01-library-empty');

  // Project + look
  await page.getByLabel('Project name').fill('E2E Campaign');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByLabel('Look name').fill('Neon Noir');
  await page.getByLabel('Look brief').fill('A courier in a teal raincoat crosses a neon-lit alley at night, rain on the cobbles, holding a cream paper cup.');
  await page.getByRole('button', { name: 'Create look' }).click();
  await ready(page, 'references');

  // Drop 4 images and a text file on the board
  const files = await makeReferenceImages(work);
  const payload = files.map((p) => ({ name: p.split('/').pop()!, mime: p.endsWith('.png') ? 'image/png' : 'text/plain', b64: readFileSync(p).toString('base64') }));
  const dt = await page.evaluateHandle((items) => {
    const d = new DataTransfer();
    for (const f of items) d.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.mime }));
    return d;
  }, payload);
  await page.dispatchEvent('[data-testid="dropzone"]', 'drop', { dataTransfer: dt });
  await ready(page, 'references', '[data-count="4"]');
  const refused = await page.waitForSelector('[data-rejected="notes.txt"]');
  assert.match(await refused.innerText(), /notes\.txt.*not an image/);
  await page.getByLabel('Role of product-cream.png').selectOption('product');
  await page.waitForSelector('[data-reference-id] select[aria-label="Role of product-cream.png"] >> nth=0');
  await shot(page, '02-reference-board');

  // Brand kit
  await nav(page, 'Brand kit', 'brand');
  await page.getByLabel('Colour 1 hex').fill('#12343b');
  await page.getByLabel('Colour 2 hex').fill('#ff2e88');
  await page.getByLabel('Add to Tone words').fill('moody, glossy');
  await page.getByLabel('Add to Tone words').press('Enter');
  await page.getByLabel('Add to Do-not-use list').fill('logos');
  await page.getByLabel('Add to Do-not-use list').press('Enter');
  await page.getByRole('button', { name: 'Save brand kit' }).click();
  await ready(page, 'brand', '[data-saved="1"]');
  await shot(page, '03-brand-kit');

  // Canon (offline)
  await nav(page, 'Brief & canon', 'canon');
  await page.getByRole('button', { name: 'Draft canon offline' }).click();
  await ready(page, 'canon', '[data-canon-version="1"]');
  await shot(page, '04-canon');

  // Small clips keep the run short on a loaded 2-core machine (issue 18 item 5): the batch size
  // is the look's own setting, so the whole flow runs as a person would at a draft size.
  await nav(page, 'Batch settings', 'batch');
  await page.getByLabel('Size').selectOption('320x180');
  await page.getByRole('button', { name: 'Save batch settings' }).click();
  await ready(page, 'batch', '[data-size="320x180"]');
  await shot(page, '05-batch-settings');

  // Matrix: plan 8
  await nav(page, 'Variation matrix', 'matrix');
  await page.getByLabel('Clips to plan').fill('8');
  await page.getByRole('button', { name: 'Plan matrix' }).click();
  await ready(page, 'matrix', '[data-shot-count="8"]');
  await page.locator('.matrix-children .shot-card').first().click();
  await page.waitForSelector('aside[aria-label="Shot editor"] pre[aria-label="Prompt preview"]');
  await shot(page, '06-matrix-shot-editor');

  // Run on the local renderer; the queue shows progress while it works
  const runStarted = Date.now();
  await page.getByRole('button', { name: 'Run all clips' }).click();
  await ready(page, 'jobs');
  // Small clips can all finish before the queue paints: either sight is the queue at work.
  await page.waitForSelector('tr[data-state="running"] [role="progressbar"]:not([aria-valuenow="0"]), [data-screen="jobs"][data-succeeded="8"]', { timeout: 180_000 });
  await shot(page, '07-job-queue-running');
  await page.waitForSelector('[data-screen="jobs"][data-succeeded="8"][data-active="0"]', { timeout: 300_000 })
    .catch((err: Error) => { throw new Error(`${err.message}\n${host!.logs().slice(-3000)}`); });
  console.log(`# e2e: 8 clips (320x180, 4 s, local animatic + grade + gate) in ${((Date.now() - runStarted) / 1000).toFixed(0)} s`);

  await nav(page, 'Variation matrix', 'matrix');
  await page.waitForSelector('[data-screen="matrix"][data-done-count="8"] .shot-card img', { timeout: 30_000 });
  await shot(page, '08-matrix-rendered');

  // Review with the keyboard: A approve, R reject, J next
  await nav(page, 'Review', 'review');
  const verdicts = ['approved', 'approved', 'approved', 'rejected', 'approved', 'approved', 'rejected', 'approved'];
  for (const [i, v] of verdicts.entries()) {
    const current = await page.waitForSelector('[data-screen="review"][data-ready="true"]:not([data-take-id=""])');
    const shotId = await current.getAttribute('data-shot-id');
    await page.keyboard.press(v === 'approved' ? 'a' : 'r');
    await page.waitForSelector(`[data-screen="review"][data-shot-id="${shotId}"][data-verdict="${v}"]`);
    if (i === 3) await shot(page, '09-review');
    if (i < verdicts.length - 1) {
      await page.keyboard.press('j');
      await page.waitForSelector(`[data-screen="review"]:not([data-shot-id="${shotId}"])`);
    }
  }
  await page.waitForSelector('[data-screen="review"][data-approved="6"][data-rejected="2"]');
  assert.match(await page.getByTestId('acceptance').innerText(), /Acceptance rate 75%/);

  // Export approved clips
  const outDir = join(work, 'exports');
  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByLabel('Destination folder').fill(outDir);
  await page.getByRole('dialog').getByRole('button', { name: 'Export', exact: true }).click();
  const done = await page.waitForSelector('[data-export-state="done"]', { timeout: 120_000 });
  const root = (await done.getAttribute('data-export-root'))!;
  await shot(page, '10-export');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  const clips = manifest.files.filter((f) => /^Clips\/[^/]+\.mp4$/.test(f.path));
  assert.equal(clips.length, 6, `6 approved clips in the pack, got ${clips.map((c) => c.path).join(', ')}`);
  for (const ext of ['.fcpxml', '.edl', '.otio', '.mlt']) assert.ok(manifest.files.some((f) => f.path.startsWith('Timelines/') && f.path.endsWith(ext)), `timeline ${ext} in the pack`);
  for (const f of manifest.files) assert.ok(existsSync(join(root, f.path)), `${f.path} exists on disk`);

  // Timeline (sessions) and settings screens, with a canary key
  await nav(page, 'Shot timeline', 'timeline');
  await page.getByLabel('New session name').fill('Alley sequence');
  await page.getByRole('button', { name: 'Create session' }).click();
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Add shot' }).click();
    await page.waitForSelector(`ol.timeline > li:nth-child(${i + 1})`);
  }
  await page.getByRole('button', { name: /^Shot 2:/ }).click();
  await page.waitForSelector('aside[aria-label="Style reference panel"]');
  await page.getByRole('button', { name: 'strict' }).click();
  await page.waitForSelector('aside[aria-label="Style reference panel"] button[aria-pressed="true"]:text("strict")');
  await page.getByRole('button', { name: 'Render session' }).click();
  await page.waitForSelector('ol.timeline > li:nth-child(2) .tl-card img', { timeout: 240_000 });
  await shot(page, '11-timeline-style-panel');

  await nav(page, 'Settings', 'settings');
  await page.getByLabel('fal key', { exact: true }).fill(CANARY);
  await page.locator('tr[data-provider="fal"]').getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('tr[data-provider="fal"][data-key-set="true"]');
  assert.equal(await page.getByTestId('key-hint-fal').textContent(), `set · …${CANARY.slice(-4)}`);
  await shot(page, '12-settings');

  await nav(page, 'Job queue', 'jobs');
  const jobsBefore = await page.getAttribute('[data-screen="jobs"]', 'data-total');
  assert.equal(await page.getAttribute('[data-screen="jobs"]', 'data-succeeded'), '10', '8 matrix clips + 2 session shots');
  await page.reload();
  await ready(page, 'jobs');
  assert.equal(await page.getAttribute('[data-screen="jobs"]', 'data-total'), jobsBefore, 'the job queue survives a reload');

  // The canary never leaves the key store
  assert.ok(!(await page.content()).includes(CANARY), 'canary not in the page');
  assert.ok(apiBodies.length > 20 && apiBodies.every((b) => !b.includes(CANARY)), 'canary not in any API answer');
  await host!.stop();
  assert.ok(!host!.logs().includes(CANARY), 'canary not in the host logs');
  const written = [...filesUnder(join(work, 'user-data')), ...filesUnder(outDir)];
  assert.ok(written.some((p) => p.endsWith('project.sqlite')));
  for (const p of written) assert.ok(!readFileSync(p).includes(CANARY), `canary not in ${p}`);
  assert.deepEqual(pageErrors, []);
});
