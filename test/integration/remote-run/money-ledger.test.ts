/**
 * Issue 12 item 4 against the loopback fake fal, in process, with the real job runner and SQLite:
 * estimates are recorded as estimates, and a create that never reached the provider costs nothing
 * and holds no budget.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createBudget } from '../../../core/pipeline/budget.ts';
import { runShot, type AttemptRecord } from '../../../core/pipeline/run-shot.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { startFakeFal } from '../../fakes/fake-fal.ts';
import { falRenderer, makeRig, shotContext, shotJob, type FalShotRig } from './fal-shot-rig.ts';

let rig: FalShotRig;
before(async () => { rig = await makeRig('records-remote'); });
after(() => rig.dispose());

/** A port with nothing listening: connection refused before any response. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

test('a create refused before any response costs nothing and holds no budget', async () => {
  const project = openProject(join(rig.dir, 'refused'), { create: true });
  const r = falRenderer(project, `http://127.0.0.1:${await closedPort()}`, 'refused');
  const budget = createBudget(10);
  try {
    await assert.rejects(runShot(shotJob, shotContext(rig, r, budget, [])), /ECONNREFUSED|failed before a response/);
    assert.equal(budget.spentUsd(), 0, 'the reservation is released: nothing reached the provider');
    const rows = project.db.prepare('SELECT state, remote_id FROM jobs').all() as { state: string; remote_id: string | null }[];
    assert.deepEqual(rows.map((x) => [x.state, x.remote_id]), [['failed', null]]);
    assert.equal((project.db.prepare('SELECT COUNT(*) AS n FROM cost_ledger').get() as { n: number }).n, 0, 'no ledger entry');
  } finally { await r.close?.(); project.close(); }
});

test('an accepted create is an estimate at list price in the ledger and on the take, never a charge', async () => {
  const fake = await startFakeFal();
  fake.behaviour.clipSize = { width: 160, height: 90 };
  fake.behaviour.pollsBeforeDone = 1;
  const project = openProject(join(rig.dir, 'estimate'), { create: true });
  const r = falRenderer(project, fake.proxyUrl, 'estimate');
  const attempts: AttemptRecord[] = [];
  try {
    await runShot(shotJob, shotContext(rig, r, createBudget(null), attempts));
    const ledger = project.db.prepare('SELECT kind, amount_usd, note FROM cost_ledger').all() as { kind: string; amount_usd: number; note: string }[];
    assert.equal(ledger.length, 1);
    assert.equal(ledger[0]!.kind, 'estimate');
    assert.match(ledger[0]!.note, /^estimated at list price for fal-ai\/veo3\.1\/image-to-video \(fal reported no charge\)$/);
    assert.equal(attempts[0]!.render.costEstimated, true);
    assert.equal(attempts[0]!.render.costUsd, ledger[0]!.amount_usd);
  } finally { await r.close?.(); project.close(); await fake.close(); }
});
