/** `continuity palette` end to end (in-process main, real files, real ffmpeg and sharp). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../cli/main.ts';
import { makeClip, makeDeclaredHugePng, makeImage, makeTempDir, makeTextFile } from '../../helpers/make-clips.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(['palette', ...argv], { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, isTTY: false });
  return { code, out, err };
}

test('palette of an image as JSON: hex, weights summing to 1, Lab', async (t) => {
  const { dir, cleanup } = await makeTempDir('color-cli');
  t.after(cleanup);
  const img = await makeImage(dir, { width: 48, height: 48, color: '#ff0000' });
  const { code, out } = await run(img, '--json', '--k', '3');
  assert.equal(code, 0);
  const json = JSON.parse(out) as { kind: string; colors: { hex: string; weight: number; lab: { L: number; a: number; b: number } }[] };
  assert.equal(json.kind, 'image');
  assert.deepEqual(json.colors.map((c) => c.hex), ['#ff0000']);
  assert.equal(json.colors[0]!.weight, 1);
  assert.ok(Math.abs(json.colors[0]!.lab.a - 80.0925) < 1e-3);
});

test('palette of a clip pools frames and prints a table; same seed, same answer', async (t) => {
  const { dir, cleanup } = await makeTempDir('color-cli');
  t.after(cleanup);
  const clip = await makeClip(dir, { width: 160, height: 90, fps: 12, seconds: 1 });
  const first = await run(clip, '--k', '4', '--seed', '3');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /12 frames pooled, k=4, seed 3/);
  const rows = first.out.trim().split('\n').slice(2);
  assert.equal(rows.length, 4);
  for (const row of rows) assert.match(row, /^\s*\d+\s+#[0-9a-f]{6}\s+[\d.]+%(\s+-?[\d.]+){3}$/);
  assert.equal((await run(clip, '--k', '4', '--seed', '3')).out, first.out);
});

test('bad input exits 2 and names the file or the option', async (t) => {
  const { dir, cleanup } = await makeTempDir('color-cli');
  t.after(cleanup);
  const text = await makeTextFile(dir, 'notes.mp4');
  const fakePng = await makeTextFile(dir, 'fake.png');
  const bomb = await makeDeclaredHugePng(dir);
  for (const [argv, pattern] of [
    [[text], /notes\.mp4/],
    [[fakePng], /fake\.png/],
    [[bomb], /bomb\.png/],
    [[`${dir}/missing.jpg`], /missing\.jpg/],
    [[text, '--k', '0'], /--k .*"0"/],
    [[text, '--frames', 'many'], /--frames .*"many"/],
    [[], /exactly one IMAGE or VIDEO/],
  ] as const) {
    const { code, err } = await run(...argv);
    assert.equal(code, 2, `${argv.join(' ')} → ${code}: ${err}`);
    assert.match(err, pattern);
  }
});
