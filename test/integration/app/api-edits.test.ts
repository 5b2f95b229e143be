/**
 * The app's editing commands through the real facade (no renders): canon versions viewed and
 * restored; a matrix shot edited in the shot editor and kept through a re-plan of the same plan;
 * a session shot's own settings; a stuck paid job abandoned from the queue; a LOOK.json whose
 * image lies outside its folder refused with a code the app answers by asking (issues 12 and 16).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openHarness } from './studio-harness.ts';

test('app edits: canon restore, shot editor, session shot settings, stuck jobs, outside-folder import', { timeout: 300_000 }, async () => {
  const h = await openHarness();
  try {
    // Canon: draft (v1), edit (v2), restore v1 → v3, a copy that says what it restores.
    const v1 = (await h.call('canon.versions', { lookId: h.lookId }))[0]!;
    await h.call('canon.update', { lookId: h.lookId, canon: { ...v1.canon, style: { ...v1.canon.style, era: 'the 1970s' } } });
    const restored = await h.call('canon.restore', { lookId: h.lookId, version: v1.version });
    assert.deepEqual([restored.version, restored.source, restored.restoredFrom], [v1.version + 2, 'restored', v1.version]);
    assert.deepEqual(restored.canon, v1.canon);
    assert.deepEqual((await h.call('canon.versions', { lookId: h.lookId })).map((v) => v.version), [3, 2, 1], 'every version kept, newest first');
    const missing = await h.studio.invoke('canon.restore', { lookId: h.lookId, version: 99 });
    assert.ok(!missing.ok && /no canon version 99/.test(missing.error.message));

    // Shot editor: a variant's framing and change edited; the same plan keeps the edit.
    await h.call('plan.create', { lookId: h.lookId, clips: 8, seed: 1 });
    const shots = await h.call('shots.list', { lookId: h.lookId });
    const variant = shots.find((s) => s.kind === 'variant')!;
    const edited = await h.call('shots.update', { shotId: variant.id, framing: 'detail', deltas: [{ kind: 'scene', value: 'rain streaks on the window' }] });
    assert.equal(edited.shot.framing, 'detail');
    assert.deepEqual(edited.shot.deltas.map((d) => d.kind), ['scene']);
    assert.equal(edited.shot.editedBy, 'person (shot editor)');
    assert.match(edited.prompt, /rain streaks on the window/, 'the prompt is compiled from the edit');
    await h.call('plan.create', { lookId: h.lookId, clips: 8, seed: 1 });
    const kept = (await h.call('shots.list', { lookId: h.lookId })).find((s) => s.id === variant.id)!;
    assert.deepEqual([kept.framing, kept.deltas[0]?.kind], ['detail', 'scene'], 'a re-plan of the same plan keeps the edit');
    // The person's own prompt: sent instead of the canon's, the canon-built one kept for reference.
    assert.equal(edited.promptBy, 'canon');
    const own = await h.call('shots.update', { shotId: variant.id, prompt: '  A slow push towards the rain-streaked window at dusk.  ' });
    assert.equal(own.prompt, 'A slow push towards the rain-streaked window at dusk.');
    assert.equal(own.promptBy, 'person');
    assert.match(own.canonPrompt ?? '', /rain streaks on the window/, 'the canon-built prompt is kept beside it');
    const planned = await h.call('plan.create', { lookId: h.lookId, clips: 8, seed: 1 });
    assert.ok(planned.shots.some((s) => s.id === variant.id && s.editedBy), 'a re-plan of the same plan keeps the prompt edit');
    assert.deepEqual([planned.estimateUsd, planned.costBasis], [0, 'free'], 'the local renderer\'s plan is free, not "est. $0.00"');
    assert.equal((await h.call('shots.get', { shotId: variant.id })).prompt, 'A slow push towards the rain-streaked window at dusk.');
    const back = await h.call('shots.update', { shotId: variant.id, prompt: '' });
    assert.deepEqual([back.promptBy, back.canonPrompt], ['canon', undefined]);
    assert.match(back.prompt, /rain streaks on the window/, 'an empty prompt gives the shot back to the canon');
    const anchor = shots.find((s) => s.kind === 'anchor')!;
    const refused = await h.studio.invoke('shots.update', { shotId: anchor.id, deltas: [{ kind: 'prop', value: 'a brass tray' }] });
    assert.ok(!refused.ok && /An anchor declares no changes/.test(refused.error.message), 'an anchor takes no changes, said in words');
    const badHex = await h.studio.invoke('shots.update', { shotId: variant.id, deltas: [{ kind: 'palette', value: 'not a colour' }] });
    assert.ok(!badHex.ok && !badHex.error.message.includes('--delta'), `no CLI flag in the message: ${badHex.ok ? '' : badHex.error.message}`);
    await h.call('plan.create', { lookId: h.lookId, clips: 8, seed: 2 });
    assert.ok((await h.call('shots.list', { lookId: h.lookId })).every((s) => !s.editedBy), 'a different plan starts from the planner again');

    // A session shot's own settings.
    const session = await h.call('sessions.create', { lookId: h.lookId, name: 'settings' });
    const added = await h.call('sessions.addShot', { sessionId: session.id, label: 'opening' });
    const shotId = added.shots[0]!.id;
    const updated = await h.call('sessions.updateShot', { sessionId: session.id, shotId, label: 'the door', framing: 'close', motion: 'pan-left', action: 'she turns the sign to OPEN' });
    assert.deepEqual([updated.shots[0]!.label, updated.shots[0]!.framing, updated.shots[0]!.motion, updated.shots[0]!.action], ['the door', 'close', 'pan-left', 'she turns the sign to OPEN']);
    assert.equal((await h.studio.invoke('sessions.updateShot', { sessionId: session.id, shotId })).ok, false, 'an empty edit is refused');

    // A stuck paid job, shown with its shot's name and abandoned by a person in the app.
    const row = (await h.call('shots.list', { lookId: h.lookId }))[1]!;
    const db = new Database(join(h.dir, 'project', 'project.sqlite'));
    const t = '2026-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO jobs (id, take_id, provider, model, state, request_json, error_code, error_message, submit_started_at, created_at, updated_at)
      VALUES ('j1', ?, 'fal', 'fal-ai/veo3.1/image-to-video', 'needs_user_decision', '{}', 'create_outcome_unknown', 'the outcome of the create is unknown', ?, ?, ?)`).run(`${row.id}-t1-0123456789`, t, t, t);
    db.close();
    const [stuck] = await h.call('jobs.stuck', {});
    assert.equal(stuck?.shotId, row.id);
    assert.equal(stuck?.shotLabel, `#${row.index + 1} ${row.label}`);
    const decided = await h.call('jobs.decide', { jobId: 'j1', decision: 'abandon' });
    assert.match(decided.reason, /abandoned by a person \(app job queue: Abandon\)/);
    assert.deepEqual(await h.call('jobs.stuck', {}), []);

    // A LOOK.json naming an image outside its folder: refused with a code the app answers by asking.
    const lookDir = join(h.dir, 'outside');
    mkdirSync(lookDir);
    const sample = resolve('resources/sample-look');
    const look = JSON.parse(readFileSync(join(sample, 'look.json'), 'utf8')) as { name: string; references: { path: string }[]; productShots: { path: string }[] };
    look.name = 'Outside';
    look.references = look.references.map((r) => ({ ...r, path: join(sample, r.path) }));
    look.productShots = look.productShots.map((r) => ({ ...r, path: join(sample, r.path) }));
    writeFileSync(join(lookDir, 'look.json'), JSON.stringify(look));
    const outside = await h.studio.invoke('looks.importFile', { path: join(lookDir, 'look.json') });
    assert.ok(!outside.ok && outside.error.code === 'outside_folder', `refused as outside the folder: ${JSON.stringify(outside)}`);
    assert.ok(!outside.error.message.includes('--allow-outside'), outside.error.message);
    const allowed = await h.call('looks.importFile', { path: join(lookDir, 'look.json'), allowOutside: true });
    assert.equal(allowed.name, 'Outside');
  } finally { await h.close(); }
});
