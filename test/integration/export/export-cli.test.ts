/**
 * `continuity export PROJECT --look NAME --out DIR`: a real project (SQLite + asset store) with
 * real clips, takes and review verdicts, exported through the CLI command.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeClip, makeImage, makeTempDir } from '../../helpers/make-clips.ts';
import { command, parseFormats } from '../../../cli/commands/export.ts';
import type { CliIO } from '../../../cli/command.ts';
import { InputError } from '../../../core/domain/errors.ts';
import { LookFileSchema } from '../../../core/domain/look.ts';
import { PlannedShotSchema } from '../../../core/domain/shot.ts';
import { verifyClipPack } from '../../../core/export/index.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { saveLook } from '../../../core/store/looks-repo.ts';
import { insertShot } from '../../../core/store/shots-repo.ts';
import { insertTake, setCurrentTake, setTakeReview, updateTake, type TakeReview } from '../../../core/store/takes-repo.ts';
import { makePack, PALETTE_DELTA } from '../../unit/export/make-pack.ts';
import { warmCube } from './pack-fixture.ts';

let dir: string;
let cleanup: () => Promise<void>;
let projectDir: string;
const LOOK = 'Sample Look';

before(async () => {
  ({ dir, cleanup } = await makeTempDir('export-cli'));
  projectDir = join(dir, 'project');
  const project = openProject(projectDir, { create: true });
  try {
    const look = saveLook(project.db, { look: LookFileSchema.parse({
      name: LOOK,
      brandKit: { palette: [{ hex: '#aa5522' }], lighting: 'soft window light', camera: '35mm' },
      references: [{ path: 'ref.png', role: 'style' }],
      brief: 'A warm café.',
      batch: { size: '1280x720', seconds: 4, fps: 24 },
    }) });
    const cube = join(dir, 'grade.cube');
    await writeFile(cube, warmCube());
    const lut = await project.assets.putFile(cube, { ext: 'cube' });
    const still = await project.assets.putFile(await makeImage(dir, { width: 1280, height: 720, color: '#aa5522' }));
    const reviews: TakeReview[] = ['approved', 'approved', 'rejected'];
    for (const [i, review] of reviews.entries()) {
      const kind = i < 2 ? 'anchor' : 'variant';
      const deltas = kind === 'variant' ? [PALETTE_DELTA] : [];
      const plan = PlannedShotSchema.parse({ id: `shot-${i}`, index: i, kind, parentId: kind === 'anchor' ? null : 'shot-0', framing: 'wide', motion: 'drift', deltas, label: `shot ${i}` });
      insertShot(project.db, look.id, { plan });
      const graded = await project.assets.putFile(await makeClip(dir, { width: 1280, height: 720, seconds: 0.5, name: `g${i}.mp4`, pattern: i === 1 ? 'smptebars' : 'testsrc2' }));
      const original = await project.assets.putFile(await makeClip(dir, { width: 1280, height: 720, seconds: 0.5, name: `o${i}.mp4`, colorCast: 'warm' }));
      const pack = makePack({ index: i, kind, deltas, label: `shot ${i}`, lookName: LOOK, width: 1280, height: 720, seconds: 4 });
      pack.take!.inputs = [{ role: 'keyframe', sha256: still.sha256 }];
      const take = insertTake(project.db, { shotId: plan.id, state: 'succeeded', pack });
      updateTake(project.db, take.id, { pack: { ...pack, take: { ...pack.take!, id: take.id } }, outputSha256: original.sha256, gradedSha256: graded.sha256, lutSha256: lut.sha256 });
      setTakeReview(project.db, take.id, review, { by: 'person', action: 'test fixture' });
      setCurrentTake(project.db, plan.id, take.id);
    }
  } finally {
    project.close();
  }
});
after(() => cleanup());

function captureIO(): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [], err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, signal: new AbortController().signal }, out, err };
}

test('export CLI: approved takes into DIR/<Look>, rejected take listed, pack verifies', async () => {
  const outDir = join(dir, 'out');
  const { io, out } = captureIO();
  const code = await command.run([projectDir, '--look', LOOK, '--out', outDir, '--formats', 'edl,fcpxml'], io);
  assert.equal(code, 0);
  const text = out.join('\n');
  assert.match(text, new RegExp(`Clip pack: .*${LOOK}`));
  assert.match(text, /2 clips/);
  assert.match(text, /Left out 1 take:\n {2}- shot-2 \(shot 2\): rejected in review/);
  const v = await verifyClipPack(join(outDir, LOOK));
  assert.deepEqual(v.problems, []);
  assert.deepEqual(v.manifest!.timelines, ['Timelines/Sample-Look.edl', 'Timelines/Sample-Look.fcpxml']);
  assert.equal(v.manifest!.clips.length, 2);
  assert.equal(v.manifest!.clips[0]!.frames, 12);
  assert.ok(v.manifest!.files.some((f) => f.path.startsWith('Stills/') && f.path.endsWith('_keyframe.png')));
});

test('export CLI --all --json includes the rejected take, marked', async () => {
  const { io, out } = captureIO();
  assert.equal(await command.run([projectDir, '--look', LOOK, '--out', join(dir, 'out-all'), '--all', '--json'], io), 0);
  const r = JSON.parse(out.join('\n'));
  assert.deepEqual(r.clips.map((c: { review: string }) => c.review), ['approved', 'approved', 'rejected']);
  assert.deepEqual(r.skipped, []);
});

test('export CLI: bad input names the option and the value', async () => {
  const { io } = captureIO();
  await assert.rejects(command.run([projectDir, '--look', 'Nope', '--out', join(dir, 'x')], io), (e: unknown) => e instanceof InputError && /no look named "Nope".*"Sample Look"/.test(e.message));
  await assert.rejects(command.run([projectDir, '--out', join(dir, 'x')], io), /--look NAME is required/);
  await assert.rejects(command.run([join(dir, 'missing'), '--look', LOOK, '--out', join(dir, 'x')], io), /project folder not found/);
  assert.throws(() => parseFormats('edl,aaf'), /--formats: unknown format "aaf"/);
  assert.deepEqual(parseFormats(' EDL , otio,edl'), ['edl', 'otio']);
});
