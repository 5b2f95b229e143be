// `continuity run LOOK.json --provider fal --model fal-ai/veo3.1/image-to-video` against the
// loopback fake fal (issue 7 acceptance): the same clip pack layout as a local run, every clip
// exactly the batch's size × seconds × fps, one create per take. Two shots get an OFF-LOOK clip on
// their first take: the gate fails it, the run retries, both takes are kept and the pack
// delivers the passing one (issue 4 auto-retry acceptance).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../../../core/store/open-project.ts';
import type { FakeFal } from '../../fakes/fake-fal.ts';
import { clipFacts, clipsFromStartImage, falEnv, mp4s, packRoot, runCli, startFake, writeSmallLook, type CliRun } from './remote-run-helpers.ts';

const OFF_LOOK_SHOTS = ['a1', 'a3-v1'];
let dir: string;
let fake: FakeFal;
let run: CliRun;
let out: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'remote-run-fal-'));
  fake = await startFake();
  clipsFromStartImage(fake, dir);
  // Take ids are `<look8>-<shot>-t<attempt>-<hash>`: the first attempt of these shots is off-look.
  fake.behaviour.offLookIf = (key) => OFF_LOOK_SHOTS.some((s) => new RegExp(`^[0-9a-f]{8}-${s}-t1-`).test(key));
  out = join(dir, 'out');
  run = await runCli(['run', writeSmallLook(dir), '--out', out, '--provider', 'fal', '--model', 'fal-ai/veo3.1/image-to-video',
    '--max-retries', '1', '--concurrency', '2', '--budget', '100', '--json'], falEnv(fake));
});
after(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the run succeeds and writes the clip pack layout (Clips, Originals, PromptPacks, LUTs, Stills, Timelines, manifest)', () => {
  assert.equal(run.code, 0, run.stderr.slice(-2000));
  const root = packRoot(out);
  for (const sub of ['Clips', 'Clips/Original', 'PromptPacks', 'LUTs', 'Stills', 'Timelines']) assert.ok(existsSync(join(root, sub)), `${sub}/ exists`);
  assert.ok(existsSync(join(root, 'manifest.json')));
  // Only takes the gate passed are delivered; the fake's clips (a pan over the start image) do not
  // all pass gate v2, and those held for review are listed in the summary, not exported.
  const result = JSON.parse(run.stdout) as { shots: Array<{ status: string }>; pack: { skipped: unknown[] } };
  const n = result.shots.filter((x) => x.status === 'passed').length;
  assert.ok(n >= 1, 'some clips pass');
  assert.equal(n + result.pack.skipped.length, 8, 'every clip is delivered or listed');
  assert.equal(mp4s(join(root, 'Clips')).length, n);
  assert.equal(mp4s(join(root, 'Clips/Original')).length, n);
  assert.equal(readdirSync(join(root, 'PromptPacks')).filter((f) => f.endsWith('.json')).length, n);
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
  assert.ok(manifest.files.filter((f) => f.path.startsWith('Clips/') && f.path.endsWith('.mp4')).length >= 2 * n);
});

test('every delivered clip (graded and original) is exactly 320x180 (a draft size), 4 s × 24 fps = 96 frames', async () => {
  const root = packRoot(out);
  for (const c of await clipFacts([...mp4s(join(root, 'Clips')), ...mp4s(join(root, 'Clips/Original'))])) {
    assert.deepEqual([c.width, c.height, c.frames, c.fps], [320, 180, 96, 24], c.file);
  }
});

test('the fake saw exactly one create per take, and every take in the project is one of them', () => {
  const counts = fake.createCounts();
  for (const [key, n] of Object.entries(counts)) assert.equal(n, 1, `${key} was created ${n} times`);
  const p = openProject(join(out, '.continuity-project'));
  try {
    const takes = (p.db.prepare('SELECT id FROM takes').all() as Array<{ id: string }>).map((t) => t.id).sort();
    assert.deepEqual(takes, Object.keys(counts).sort());
  } finally { p.close(); }
});

test('off-look first takes are retried; both takes are kept; the pack holds the passing take', () => {
  const p = openProject(join(out, '.continuity-project'));
  try {
    const root = packRoot(out);
    const packs = readdirSync(join(root, 'PromptPacks')).filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(root, 'PromptPacks', f), 'utf8')) as { shot: { id: string }; take: { id: string; attempt: number; previz: boolean; remoteId: string; renderNote?: string }; quality: { pass: boolean } });
    for (const shotId of OFF_LOOK_SHOTS) {
      const shot = p.db.prepare("SELECT id, current_take_id FROM shots WHERE id LIKE ?").get(`%-${shotId}`) as { id: string; current_take_id: string };
      const takes = p.db.prepare('SELECT id, attempt, pass FROM takes WHERE shot_id = ? ORDER BY attempt').all(shot.id) as Array<{ id: string; attempt: number; pass: number }>;
      assert.equal(takes.length, 2, `${shotId}: both takes kept`);
      assert.equal(takes[0]!.pass, 0, `${shotId}: the off-look first take failed the gate`);
      assert.equal(shot.current_take_id, takes[1]!.id);
      const pack = packs.find((k) => k.shot.id === shotId);
      // Gate v2 may hold the retry for review too (the fake's clip is a pan over the start image):
      // then it is not delivered. When it passed, the pack holds it.
      if (takes[1]!.pass !== 1) { assert.equal(pack, undefined, `${shotId}: a take held for review is not delivered`); continue; }
      assert.ok(pack, `${shotId} is in the pack`);
      assert.equal(pack.take.id, takes[1]!.id, `${shotId}: the pack holds the passing take`);
      assert.equal(pack.quality.pass, true);
      assert.equal(pack.take.previz, false);
      assert.match(pack.take.remoteId, /@fal-ai\/veo3\.1\/image-to-video$/);
      // The renderer's account names the job that made the clip (and how it was conformed).
      assert.match(pack.take.renderNote ?? '', /generated by fal:/, `${shotId}: the pack says which provider made the clip`);
      assert.ok(pack.take.renderNote!.includes(`(${pack.take.remoteId})`), `${shotId}: and which job: ${pack.take.renderNote}`);
    }
  } finally { p.close(); }
});
