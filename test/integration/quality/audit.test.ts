import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeClip, makeTempDir, makeTextFile } from '../../helpers/make-clips.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import { auditClips } from '../../../core/quality/audit.ts';
import { escapeHtml } from '../../../core/quality/audit-html.ts';
import { parseCube } from '../../../core/color/cube-format.ts';
import { InputError } from '../../../core/domain/errors.ts';

let dir = '';
let cleanup = async () => {};
let clips = '', ref = '', reportDir = '';

before(async () => {
  ({ dir, cleanup } = await makeTempDir('quality-audit'));
  clips = join(dir, 'clips');
  reportDir = join(dir, 'report');
  await mkdir(clips);
  await mkdir(reportDir);
  const clean = await makeClip(clips, { width: 160, height: 90, fps: 12, seconds: 1, name: 'a-clean.mp4' });
  await makeClip(clips, { width: 160, height: 90, fps: 12, seconds: 1, colorCast: 'green', name: 'b-green <cast>.mp4' });
  await makeTextFile(clips, 'c-broken.mp4');
  await makeTextFile(clips, 'notes.txt', 'not a clip');
  ref = join(dir, 'ref.png');
  await extractFrame(clean, 0.5, ref);
});
after(() => cleanup());

test('audit scores every clip worst first, writes a self-contained HTML report, JSON and a LUT per clip', async () => {
  const out = join(reportDir, 'audit.html');
  const report = await auditClips({ dir: clips, referenceImages: [ref], out, json: join(reportDir, 'audit.json') });
  assert.deepEqual(report.clips.map((c) => c.name), ['c-broken.mp4', 'b-green <cast>.mp4', 'a-clean.mp4']);
  assert.deepEqual(report.summary, { clips: 3, passed: 1, failed: 1, unreadable: 1 });
  const [broken, green, clean] = report.clips;
  assert.match(broken!.error!, /not a readable video/);
  assert.equal(green!.pass, false);
  assert.match(green!.reasons.join(), /palette drift ΔE|histogram/);
  console.log(`green clip: palette ΔE ${green!.metrics!.paletteDeltaE!.toFixed(2)}, with suggested LUT ${green!.paletteDeltaEAfterLut!.toFixed(2)} (${green!.lutMethod}); clean ${clean!.metrics!.paletteDeltaE!.toFixed(2)}`);
  assert.ok(green!.paletteDeltaEAfterLut! < green!.metrics!.paletteDeltaE! * 0.6, 'the suggested LUT should remove most of the cast');
  assert.equal(clean!.pass, true);

  const files = await readdir(reportDir);
  assert.ok(files.includes('a-clean.suggested.cube') && files.includes('b-green_cast_.suggested.cube'), files.join());
  assert.equal(parseCube(await readFile(join(reportDir, green!.lut!), 'utf8')).size, 33);

  const html = await readFile(out, 'utf8');
  assert.ok(!/<script|src="http|href="http|<link/i.test(html), 'no scripts or external assets');
  assert.equal((html.match(/src="data:image\/png;base64,/g) ?? []).length, 3, 'two clip thumbnails + one reference');
  assert.ok(html.includes('b-green &lt;cast&gt;.mp4') && !html.includes('<cast>'), 'file names are escaped');
  // Each judged figure is shown with its limit, the failing ones marked, the reason as tooltip.
  const failing = green!.checks.find((k) => !k.pass)!;
  assert.ok(failing && failing.reason && green!.reasons.includes(failing.reason), 'a failing check carries the reason the clip lists');
  assert.ok(html.includes(`<td class="bad" title="${escapeHtml(failing.reason!)}">${failing.value.toFixed(failing.metric === 'paletteDeltaE' || failing.metric === 'drift' ? 1 : 2)}<br><small>`), 'the failing value sits next to its reason');
  assert.ok(html.indexOf('c-broken.mp4') < html.indexOf('b-green') && html.indexOf('b-green') < html.indexOf('a-clean.mp4'), 'worst first');
  const json = JSON.parse(await readFile(join(reportDir, 'audit.json'), 'utf8'));
  assert.equal(json.clips.length, 3);
});

test('audit refuses a missing folder, an empty folder and a non-HTML report path', async () => {
  await assert.rejects(auditClips({ dir: join(dir, 'nope'), referenceImages: [ref], out: join(reportDir, 'x.html') }), (e: unknown) => e instanceof InputError && /nope/.test(e.message));
  await assert.rejects(auditClips({ dir: reportDir, referenceImages: [ref], out: join(reportDir, 'y.html') }), /no video clips/);
  await assert.rejects(auditClips({ dir: clips, referenceImages: [ref], out: join(reportDir, 'r.pdf') }), /\.html/);
});
