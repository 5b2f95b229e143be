/**
 * The whole matrix flow a person follows, in Debian's Chromium against the test host (real engine,
 * real ffmpeg, real SQLite), at 1280x720 with clips at the 320x180 draft size: create a project,
 * drop 4 references and a non-image (refused by name), edit the brand kit, draft the canon
 * offline, plan 8 clips, run them on the local renderer while the queue shows progress; one row's
 * Cancel stops that clip while the others carry on, and its Retry renders it alone; Re-plan with a
 * new seed asks first and, cancelled, loses nothing; review (approve 6, reject 2 with the
 * keyboard), Regenerate a rejected take (a new take, the old one kept); export and check the pack
 * on disk. The session flow is in studio-web-session.test.ts. Screenshots of every screen go to
 * test-artifacts/screens/. Every wait is on an app-emitted readiness attribute, never a sleep. A
 * canary key set in Settings must not appear in any API answer, the page, the logs, the project
 * files or the export.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, startHostProcess, type HostProcess } from './helpers/web-host-process.ts';
import { RENDER_WAIT, draftSize, launchChromium, nav, newPage, openProjectWithReferences, ready, shot, skipWithoutChromium as skip } from './helpers/studio-page.ts';
import type { Browser } from 'playwright';

const CANARY = 'fal-CANARY-7c1e9a2b4d6f8e0a';

let host: HostProcess | undefined;
let browser: Browser | undefined;
let work = '';

before(async () => {
  if (skip) return;
  buildRenderer();
  work = mkdtempSync(join(tmpdir(), 'continuity-e2e-'));
  host = await startHostProcess(join(work, 'user-data'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map((f) => join(dir, String(f))).filter((p) => statSync(p).isFile());
}

test('browser host: project → references → brand kit → canon → matrix → run → review → export', { skip, timeout: 1_500_000 }, async () => {
  const page = await newPage(browser!);
  const apiBodies: string[] = [];
  page.on('response', (r) => { if (r.url().includes('/api/')) r.text().then((t) => apiBodies.push(t), () => undefined); });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await openProjectWithReferences(page, host!.url, work, 'E2E Campaign', '01-library-empty');
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
  // Palette anchors take colours as people type them, and refuse anything else in words.
  await page.getByLabel('Add to Palette anchors').fill('ABC');
  await page.getByLabel('Add to Palette anchors').press('Enter');
  await page.getByRole('button', { name: 'Remove #aabbcc from Palette anchors' }).waitFor();
  await page.getByLabel('Add to Palette anchors').fill('brick red');
  await page.getByLabel('Add to Palette anchors').press('Enter');
  assert.match(await page.getByRole('group', { name: 'Palette anchors' }).getByRole('alert').innerText(), /"brick red" is not a colour; type a hex colour such as #c65d3b/);
  await page.getByLabel('Add to Palette anchors').fill('');
  await page.getByRole('button', { name: 'Remove #aabbcc from Palette anchors' }).click();

  await draftSize(page);
  await shot(page, '05-batch-settings');

  // Matrix: plan 8
  await nav(page, 'Variation matrix', 'matrix');
  await page.getByLabel('Clips to plan').fill('8');
  await page.getByRole('button', { name: 'Plan matrix' }).click();
  await ready(page, 'matrix', '[data-shot-count="8"]');
  await page.locator('.matrix-children .shot-card').first().click();
  const editor = page.locator('aside[aria-label="Shot editor"]');
  await editor.locator('textarea[aria-label="Prompt"]').waitFor();
  assert.equal(await page.getByTestId('estimate').innerText(), 'Cost: free (local renderer)');
  assert.doesNotMatch(await page.locator('.matrix').innerText(), /(prop|palette|scene|camera|motif): \1:/, 'no delta chip repeats its kind');
  // The shot's own prompt: saved with the shot and shown as the person's, the canon's kept beside it.
  await editor.getByLabel('Prompt', { exact: true }).fill('A slow push across the counter as steam rises from the cup.');
  await editor.getByRole('button', { name: 'Save shot' }).click();
  await editor.locator('pre[aria-label="Canon-built prompt"]').waitFor();
  assert.match(await editor.getByTestId('prompt-by').innerText(), /^Your prompt/);
  await shot(page, '06-matrix-shot-editor');

  // Run on the local renderer; the queue shows progress while it works. One queued row's Cancel
  // stops that clip only: the other rows carry on to the end.
  const runStarted = Date.now();
  await page.getByRole('button', { name: 'Run all clips' }).click();
  await ready(page, 'jobs', '[data-total="8"]');
  const lastRow = page.locator('tr[data-job-id]').last();
  const lastShotId = (await lastRow.getAttribute('data-shot-id'))!;
  await lastRow.getByRole('button', { name: /^Cancel / }).click();
  await page.waitForSelector(`tr[data-shot-id="${lastShotId}"][data-state="canceled"]`);
  await page.waitForSelector('tr[data-state="running"] [role="progressbar"]:not([aria-valuenow="0"]), [data-screen="jobs"][data-active="0"]', { timeout: RENDER_WAIT });
  await shot(page, '07-job-queue-running');
  assert.equal(await page.getByTestId('job-cost').first().innerText(), 'free (local)');
  await page.waitForSelector('[data-screen="jobs"][data-succeeded="7"][data-active="0"]', { timeout: RENDER_WAIT })
    .catch((err: Error) => { throw new Error(`${err.message}\n${host!.logs().slice(-3000)}`); });
  assert.equal(await page.getAttribute(`tr[data-shot-id="${lastShotId}"]`, 'data-state'), 'canceled', 'the canceled row stays canceled while the others rendered');
  // Retry on that row renders that clip alone.
  await page.locator(`tr[data-shot-id="${lastShotId}"]`).getByRole('button', { name: /^Retry / }).click();
  await page.waitForSelector(`tr[data-shot-id="${lastShotId}"][data-state="succeeded"]`, { timeout: RENDER_WAIT });
  await page.waitForSelector('[data-screen="jobs"][data-active="0"]', { timeout: RENDER_WAIT });
  console.log(`# e2e: 8 clips (320x180, 4 s, local animatic + grade + gate; one canceled and retried) in ${((Date.now() - runStarted) / 1000).toFixed(0)} s`);

  // Re-plan with a new seed asks first; cancelled, nothing is lost.
  await nav(page, 'Variation matrix', 'matrix');
  await page.waitForSelector('[data-screen="matrix"][data-done-count="8"] .shot-card img', { timeout: 90_000 });
  await page.getByLabel('Plan seed').fill('2');
  await page.getByRole('button', { name: 'Re-plan' }).click();
  const confirm = await page.waitForSelector('[data-testid="confirm"]');
  assert.match(await confirm.innerText(), /8 rendered takes/);
  await shot(page, '08a-replan-confirm');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  await page.waitForSelector('[data-testid="confirm"]', { state: 'detached' });
  await ready(page, 'matrix', '[data-shot-count="8"][data-done-count="8"]');
  await shot(page, '08-matrix-rendered');

  // Review with the keyboard: A approve, R reject, J next
  await nav(page, 'Review', 'review');
  const verdicts = ['approved', 'approved', 'approved', 'rejected', 'approved', 'approved', 'rejected', 'approved'];
  for (const [i, v] of verdicts.entries()) {
    const current = await page.waitForSelector('[data-screen="review"][data-ready="true"]:not([data-take-id=""])').catch(async (err: Error) => {
      await shot(page, 'failed-review');
      throw new Error(`${err.message}\npage errors: ${pageErrors.join(' | ')}\n${(await page.locator('main').innerText()).slice(0, 1500)}`);
    });
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
  assert.match(await page.getByTestId('acceptance').innerText(), /acceptance rate 75%/);
  assert.match(await page.getByTestId('score').innerText(), /Limit/, 'the score shows its legend with thresholds');

  // Regenerate the rejected clip 7: a new take, the rejected one kept in the history. The gate may
  // retry the new take, so the history grows by one or more takes (never an exact count).
  await page.keyboard.press('k');
  const rejected = await page.waitForSelector('[data-screen="review"][data-ready="true"][data-verdict="rejected"]');
  const before = Number(await rejected.getAttribute('data-take-count'));
  const rejectedTake = (await rejected.getAttribute('data-take-id'))!;
  const rejectedShot = (await rejected.getAttribute('data-shot-id'))!;
  await page.getByRole('button', { name: 'Regenerate' }).click();
  await page.waitForFunction(([shotId, takeId, n]) => {
    const el = document.querySelector('[data-screen="review"][data-ready="true"]');
    return el?.getAttribute('data-shot-id') === shotId && el.getAttribute('data-take-id') !== takeId && Number(el.getAttribute('data-take-count')) > Number(n);
  }, [rejectedShot, rejectedTake, String(before)] as const, { timeout: RENDER_WAIT, polling: 500 })
    .catch((err: Error) => { throw new Error(`${err.message}\n${host!.logs().slice(-3000)}`); });
  const history = await page.getByRole('list', { name: 'Take history' }).innerText();
  assert.match(history, /rejected/i, 'the rejected take stays in the history');
  assert.match(history, /current/i);
  await shot(page, '09b-review-regenerated');

  // Export approved clips
  const outDir = join(work, 'exports');
  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByLabel('Destination folder').fill(outDir);
  await page.getByRole('dialog').getByRole('button', { name: 'Export', exact: true }).click();
  const done = await page.waitForSelector('[data-export-state="done"]', { timeout: RENDER_WAIT });
  const root = (await done.getAttribute('data-export-root'))!;
  await shot(page, '10-export');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  const clips = manifest.files.filter((f) => /^Clips\/[^/]+\.mp4$/.test(f.path));
  assert.equal(clips.length, 6, `6 approved clips in the pack, got ${clips.map((c) => c.path).join(', ')}`);
  for (const ext of ['.fcpxml', '.edl', '.otio', '.mlt']) assert.ok(manifest.files.some((f) => f.path.startsWith('Timelines/') && f.path.endsWith(ext)), `timeline ${ext} in the pack`);
  for (const f of manifest.files) assert.ok(existsSync(join(root, f.path)), `${f.path} exists on disk`);

  // Settings, with a canary key
  await nav(page, 'Settings', 'settings');
  await page.getByLabel('fal key', { exact: true }).fill(CANARY);
  await page.locator('tr[data-provider="fal"]').getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('tr[data-provider="fal"][data-key-set="true"]');
  assert.equal(await page.getByTestId('key-hint-fal').textContent(), `set · …${CANARY.slice(-4)}`);
  await shot(page, '12-settings');

  await nav(page, 'Job queue', 'jobs');
  const jobsBefore = await page.getAttribute('[data-screen="jobs"]', 'data-total');
  assert.equal(await page.getAttribute('[data-screen="jobs"]', 'data-succeeded'), '8', '7 clips of the run, the retried one and the regenerated one (rows replaced per clip)');
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
