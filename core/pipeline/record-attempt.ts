/**
 * Persist one attempt: its files go into the content-addressed asset store, its row into `takes`
 * with the full prompt pack. The work files can then be deleted: the project holds everything.
 */
import type { PromptPack } from '../domain/prompt-pack.ts';
import { rememberProbeOfCopy } from '../media/probe.ts';
import { recordAsset, type AssetKind } from '../store/assets-repo.ts';
import type { Project } from '../store/open-project.ts';
import { getTake, insertTake, setTakeScores, updateTake } from '../store/takes-repo.ts';
import type { AttemptRecord } from './run-shot.ts';
import { takePack } from './take-pack.ts';

async function put(project: Project, path: string, ext: string, kind: AssetKind) {
  const ref = await project.assets.putFile(path, { ext });
  if (kind === 'video') await rememberProbeOfCopy(path, ref.path);
  recordAsset(project.db, ref, kind);
  return ref;
}

export async function recordAttempt(project: Project, shotRowId: string, planned: PromptPack, a: AttemptRecord): Promise<PromptPack> {
  const output = await put(project, a.render.path, 'mp4', 'video');
  const graded = await put(project, a.grade.path, 'mp4', 'video');
  const lut = await put(project, a.grade.lutPath, 'cube', 'lut');
  const start = await put(project, a.start.path, 'png', 'image');
  const pack = takePack(planned, a, { output: { sha256: output.sha256, bytes: output.bytes }, start: start.sha256, lut: lut.sha256 }, a.render.provider, a.render.model);
  const db = project.db;
  db.transaction(() => {
    // A resumed run re-records an attempt whose (deterministic, take-id.ts) take is already stored.
    if (getTake(db, a.takeId)) updateTake(db, a.takeId, { state: 'succeeded', pack, mechanism: a.mechanism });
    else insertTake(db, { id: a.takeId, shotId: shotRowId, state: 'succeeded', pack, mechanism: a.mechanism });
    updateTake(db, a.takeId, { outputSha256: output.sha256, gradedSha256: graded.sha256, lutSha256: lut.sha256 });
    setTakeScores(db, a.takeId, { score: a.quality.score, pass: a.quality.pass, reasons: a.quality.reasons });
  }).immediate();
  return pack;
}
