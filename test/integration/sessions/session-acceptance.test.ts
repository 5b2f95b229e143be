/**
 * Issue 4 acceptance: a session of 5 shots mixing frame bridges and a flashback (styleReferenceId
 * to shot 1) runs end to end on the local renderer; bridge SSIM is reported for each bridge;
 * regenerating shot 2 marks the shots that continue from it stale (persisted), and an
 * only-stale run re-renders exactly those. Rendered at 160x90 (sessions take any even size) to keep the suite fast.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addShot } from '../../../core/continuity/session.ts';
import type { PromptPack } from '../../../core/domain/prompt-pack.ts';
import { extractFrame } from '../../../core/media/extract-frame.ts';
import { loadImage } from '../../../core/media/load-image.ts';
import { createLocalShotRenderer } from '../../../core/pipeline/local-shot-renderer.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import { importLookFile, loadProjectLook } from '../../../core/pipeline/project-look.ts';
import { regenerateShot, runSession, type SessionEvent } from '../../../core/pipeline/run-session.ts';
import { currentClipOf } from '../../../core/pipeline/session-sources.ts';
import { createProjectSession, loadSession, saveSession } from '../../../core/pipeline/session-store.ts';
import { openProject, type Project } from '../../../core/store/open-project.ts';
import { getShot } from '../../../core/store/shots-repo.ts';
import { getTake, listTakes } from '../../../core/store/takes-repo.ts';

const SAMPLE = 'resources/sample-look/look.json';
const size = { width: 160, height: 90 };

async function deps(project: Project, lookId: string) {
  const loaded = await loadProjectLook(project, lookId);
  return { loaded, renderer: createLocalShotRenderer(), quality: createLookQualityStep(), size, maxRetries: 0 };
}

test('a 5-shot session with bridges and a flashback runs end to end; regenerating shot 2 stales its dependants', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'session-accept-'));
  let project = openProject(dir, { create: true });
  try {
    const { lookId } = await importLookFile(project, SAMPLE);
    let s = createProjectSession(project, { lookId, name: 'morning pour' });
    const id = (n: number) => `${s.id.slice(0, 8)}-s${n}`;
    // Bridged shots use motions whose first frame is the whole start image (push-in, static):
    // see the report on camera paths that start on a crop.
    s = addShot(s, { id: id(1), label: 'counter', framing: 'wide', motion: 'push-in', mode: 'frame-bridge' });
    s = addShot(s, { id: id(2), label: 'pour', framing: 'wide', motion: 'static', mode: 'frame-bridge' });
    s = addShot(s, { id: id(3), label: 'mug close', framing: 'close', motion: 'pan-left', mode: 'style-match', styleStrength: 0.8 });
    s = addShot(s, { id: id(4), label: 'steam', framing: 'close', motion: 'push-in', mode: 'frame-bridge' });
    s = addShot(s, { id: id(5), label: 'flashback', framing: 'medium', motion: 'drift', mode: 'style-match', styleReferenceId: id(1) });
    saveSession(project, s);

    const d = await deps(project, lookId);
    const stale: string[][] = [];
    const onEvent = (e: SessionEvent) => { if (e.type === 'session-stale') stale.push(e.shotIds); };
    const run = await runSession({ project, sessionId: s.id, ...d, onEvent });
    for (const r of run.shots) t.diagnostic(`shot ${r.position} ${r.mode}: ${r.mechanism} score ${r.score?.toFixed(3)} bridge SSIM ${r.bridgeSsim?.toFixed(4) ?? '—'} (${r.styleSource})`);

    assert.deepEqual(run.shots.map((r) => r.mechanism), ['style-keyframe', 'frame-bridge', 'style-keyframe', 'frame-bridge', 'style-keyframe']);
    assert.deepEqual(run.shots.map((r) => r.bridgeSsim !== null), [false, true, false, true, false], 'bridge SSIM is reported for each bridge, and only there');
    for (const r of run.shots.filter((x) => x.mode === 'frame-bridge' && x.position > 1)) {
      assert.ok(r.bridgeSsim! >= 0.9, `shot ${r.position}: the bridged shot starts on the previous last frame (SSIM ${r.bridgeSsim})`);
    }
    assert.equal(run.shots[2]!.styleSourceShotId, id(2), 'a style match takes its style from the previous shot');
    assert.equal(run.shots[4]!.styleSourceShotId, id(1), 'the flashback takes its style from shot 1');
    assert.equal(run.shots[0]!.styleSourceShotId, null, 'shot 1 is anchored on the primary style reference');
    assert.ok(run.shots.every((r) => r.alsoUsed.includes('seed-persistence')), 'same provider + model: the seed is inherited');
    assert.deepEqual(run.stale, [], 'a full run leaves nothing stale');

    // The mechanism actually used, and the bridge figure, are recorded in each take's prompt pack.
    for (const r of run.shots) {
      const pack = getTake(project.db, r.takeId!)!.pack as PromptPack;
      assert.equal(pack.take?.mechanism, r.mechanism);
      assert.equal(pack.quality?.metrics.bridgeSsim ?? null, r.bridgeSsim);
      assert.equal(pack.shot.kind, 'sequence');
    }
    // The bridge image is the previous take's exact last frame, pixel for pixel.
    const pack2 = getTake(project.db, run.shots[1]!.takeId!)!.pack as PromptPack;
    const bridgeSha = pack2.take!.inputs.find((i) => i.role === 'bridge-frame')!.sha256;
    const last = await extractFrame(currentClipOf(project, id(1))!.path, 'last', join(dir, 'last.png'));
    const [a, b] = await Promise.all([loadImage(project.assets.pathOf(bridgeSha, 'png')), loadImage(last.path)]);
    assert.deepEqual(Buffer.from(a.data), Buffer.from(b.data));

    // Regenerating shot 2 stales shots 3 and 4 (they continue from it), not the flashback.
    const regen = await regenerateShot({ project, sessionId: s.id, shotId: id(2), ...d, onEvent });
    assert.deepEqual(regen.staled, [id(3), id(4)]);
    assert.deepEqual(stale.at(-1), [id(3), id(4)], 'and says so in an event');
    assert.deepEqual(regen.stale.map((x) => x.position), [3, 4]);
    assert.match(regen.stale[0]!.reason, /shot 2 \("pour"\) was regenerated/);
    assert.equal(listTakes(project.db, id(2)).length, 2, 'the earlier take is kept');

    // Stale marks survive closing the project.
    project.close();
    project = openProject(dir);
    const reopened = loadSession(project, s.id).session;
    assert.deepEqual(reopened.shots.map((x) => x.stale), [false, false, true, true, false]);
    assert.match(reopened.shots[2]!.staleReason!, /regenerated/);

    const before = getShot(project.db, id(5))!.currentTakeId;
    const again = await runSession({ project, sessionId: s.id, ...d, onlyStale: true });
    assert.deepEqual(again.shots.map((r) => r.status === 'kept'), [true, true, false, false, true], 'only the stale shots are re-rendered');
    assert.equal(getShot(project.db, id(5))!.currentTakeId, before);
    assert.deepEqual(again.stale, []);
    assert.ok(again.shots[3]!.bridgeSsim! >= 0.9);
    t.diagnostic(`after regenerating shot 2: shot 4 bridge SSIM ${again.shots[3]!.bridgeSsim!.toFixed(4)}`);
  } finally {
    project.close();
    await rm(dir, { recursive: true, force: true });
  }
});
