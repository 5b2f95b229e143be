/**
 * Issue 10 acceptance: `continuity score --anchor … --delta …` on tiny generated scenes (real
 * ffmpeg). The look reference is its own render (a wider framing of the scene), never a frame of
 * the take being scored.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';
import { main } from '../../../cli/main.ts';

interface Scene { bg: string; mug: string; stripe: string; layout?: 'other'; prop?: string; dark?: boolean; still?: boolean }

let dir = '';
let cleanup = async () => {};
const WARM = { bg: '8a5a3c', mug: 'e8e0d0', stripe: 'c03020' };
const BLUE = { bg: '3c5a8a', mug: 'd0e0e8', stripe: '2030c0' };
const GREEN = { bg: '3c8a4a', mug: 'd8e8c8', stripe: '20a040' };
const BLUE_HEX = `palette:#${BLUE.bg},#${BLUE.mug},#${BLUE.stripe}`;

/** A small scene: a table colour, a "mug" sliding across, a stripe; grain so frames differ. */
async function render(name: string, s: Scene): Promise<string> {
  const out = join(dir, name);
  const other = s.layout === 'other';
  const graph = [
    `color=c=0x${s.bg}:s=160x90:r=12:d=1[bg]`,
    `color=c=0x${s.mug}:s=${other ? '20x70' : '44x36'}:r=12:d=1[mug]`,
    `color=c=0x${s.stripe}:s=${other ? '40x90' : '160x10'}:r=12:d=1[st]`,
    `[bg][st]overlay=${other ? '0:0' : '0:70'}[b1]`,
    `[b1][mug]overlay=x='${other ? '120-10*t' : '40+20*t'}':y=${other ? 10 : 24}[b2]`,
    s.prop ? `color=c=0x${s.prop}:s=10x8:r=12:d=1[p];[b2][p]overlay=118:58[b3]` : '[b2]null[b3]',
    // Clips are tagged BT.709 and encoded with its matrix, as every clip we deliver is.
    `[b3]noise=alls=6:allf=${s.still ? 'u' : 't+u'}${s.dark ? ',lutrgb=r=val*0.03:g=val*0.03:b=val*0.03' : ''}${name.endsWith('.png') ? '' : ',scale=out_color_matrix=bt709:out_range=tv,format=yuv420p'}[v]`,
  ].join(';');
  const still = name.endsWith('.png');
  await runFfmpeg(['-filter_complex', graph, '-map', '[v]', ...(still ? ['-frames:v', '1'] : ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709']), '-y', out], { subject: name, timeoutMs: 60_000 });
  return out;
}

let lookRef = '', anchor = '';
before(async () => {
  ({ dir, cleanup } = await makeTempDir('score-anchor-delta'));
  lookRef = await render('look-reference.png', WARM);
  anchor = await render('anchor.mp4', WARM);
});
after(() => cleanup());

async function score(take: string, ...extra: string[]): Promise<{ pass: boolean; reasons: string[]; checks: { metric: string; value: number; reason: string | null }[]; metrics: Record<string, number | null> }> {
  let out = '', err = '';
  const code = await main(['score', take, '--reference', lookRef, '--anchor', anchor, ...extra, '--json'], { out: (t) => { out += t; }, err: (t) => { err += t; }, isTTY: false });
  assert.equal(code, 0, err);
  return JSON.parse(out);
}

test('a palette swap that reaches its declared palette passes; the same clip on another palette fails', async () => {
  const swap = await score(await render('swap-blue.mp4', BLUE), '--delta', BLUE_HEX);
  assert.equal(swap.pass, true, swap.reasons.join('; '));
  assert.ok(swap.metrics.targetPaletteDeltaE! < 12 && swap.metrics.anchorStructure! > 0.45);
  const wrong = await score(await render('swap-green.mp4', GREEN), '--delta', BLUE_HEX);
  assert.equal(wrong.pass, false);
  assert.match(wrong.reasons[0]!, /declared palette not reached: ΔE [\d.]+ > 12/);
  const check = wrong.checks.find((c) => c.metric === 'targetPaletteDeltaE')!;
  assert.ok(check.value > 12 && check.reason?.includes(check.value.toFixed(1)), 'the value is next to its reason');
});

test('a different subject in the declared palette fails on structure against the anchor', async () => {
  const r = await score(await render('other-subject.mp4', { ...BLUE, layout: 'other' }), '--delta', BLUE_HEX);
  assert.equal(r.pass, false);
  assert.ok(r.reasons.some((x) => /structure vs the anchor/.test(x)), r.reasons.join('; '));
});

test('a small prop added to the anchor passes; a near-black take fails with its reason', async () => {
  const prop = await score(await render('prop.mp4', { ...WARM, prop: '2a2a2a' }), '--delta', 'prop:spoon');
  assert.equal(prop.pass, true, prop.reasons.join('; '));
  const dark = await score(await render('dark.mp4', { ...WARM, dark: true }), '--kind', 'anchor');
  assert.equal(dark.pass, false);
  assert.match(dark.reasons[0]!, /^near-black: mean L\* \d+/);
});

test('bad --delta values are refused naming the value (exit 2)', async () => {
  // The same parser as `continuity remix`: a motif that names no season is refused, never
  // recorded as a "holiday" motif nobody declared; a "#" value that is no colour says so, and with
  // no look there are no named palettes.
  for (const [bad, why] of [['palette:#12345', /"#12345" is not a colour/], ['palette:teal night', /no named palettes/], ['motif:pumpkins', /season must be one of/], ['camera', /camera motion must be one of/]] as const) {
    let err = '';
    const code = await main(['score', anchor, '--reference', lookRef, '--delta', bad], { out: () => {}, err: (t) => { err += t; }, isTTY: false });
    assert.equal(code, 2, bad);
    assert.ok(err.includes(JSON.stringify(bad)), err);
    assert.match(err, why);
  }
});
