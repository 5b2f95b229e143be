// Issue 11 acceptance against the loopback OpenAI-protocol fake: variants and seasonal swaps are
// made through POST /v1/videos/{anchor id}/remix of their own anchor's video, one call per take,
// and a kill -9 while a remix is in flight followed by --resume sends no second call.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromptPack } from '../../../core/domain/prompt-pack.ts';
import type { PlannedShot } from '../../../core/domain/shot.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { startFakeOpenAI } from '../../fakes/fake-openai.ts';
import { REPO, runCli, writeSmallLook } from './remote-run-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'remix-openai-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Row { id: string; plan: PlannedShot; take: { id: string; mechanism: string | null; pack: PromptPack } | null }

function shotsWithTakes(projectDir: string): Row[] {
  const p = openProject(projectDir);
  try {
    const shots = p.db.prepare('SELECT id, plan_json, current_take_id FROM shots').all() as Array<{ id: string; plan_json: string; current_take_id: string | null }>;
    return shots.map((s) => {
      const t = s.current_take_id ? p.db.prepare('SELECT id, mechanism, pack_json FROM takes WHERE id = ?').get(s.current_take_id) as { id: string; mechanism: string | null; pack_json: string } : undefined;
      return { id: s.id, plan: JSON.parse(s.plan_json) as PlannedShot, take: t ? { id: t.id, mechanism: t.mechanism, pack: JSON.parse(t.pack_json) as PromptPack } : null };
    });
  } finally { p.close(); }
}

test('variants are remixes of their own anchor\'s video: one call per take, none re-sent after kill -9 + --resume', { timeout: 30 * 60_000 }, async () => {
  const fake = await startFakeOpenAI();
  try {
    fake.behaviour.pollsBeforeDone = 2;
    fake.behaviour.clipImage = join(REPO, 'resources/sample-look/set.png');
    fake.behaviour.minDurationMs = 1500;
    const env = { OPENAI_API_KEY: 'sk-test-remix-0000', OPENAI_BASE_URL: fake.baseUrl, CONTINUITY_POLL_INTERVAL_MS: '40' };
    const out = join(dir, 'out');
    const args = ['run', writeSmallLook(dir), '--out', out, '--provider', 'openai', '--model', 'sora-2', '--max-retries', '0', '--concurrency', '2', '--all']; // --all: about remix calls, not the gate
    const remixInFlight = () => [...fake.jobs.values()].some((j) => fake.remixedFrom.has(j.id) && (j.state === 'queued' || j.state === 'running'));
    const first = await runCli(args, env, () => remixInFlight());
    assert.equal(first.signal, 'SIGKILL', `killed while a remix was in flight (exit ${first.code}): ${first.stderr.slice(-1500)}`);

    const second = await runCli([...args, '--resume'], env);
    assert.ok(second.code === 0, `resume exit ${second.code}: ${second.stderr.slice(-2000)}`);

    const rows = shotsWithTakes(join(out, '.continuity-project'));
    const anchors = new Map(rows.filter((r) => r.plan.kind === 'anchor').map((r) => [r.plan.id, r]));
    const variants = rows.filter((r) => r.plan.kind === 'variant' || r.plan.kind === 'seasonal');
    assert.ok(variants.length >= 4, `${variants.length} variants and seasonal swaps`);
    const expectedPerSource = new Map<string, number>();
    for (const v of variants) {
      const anchor = anchors.get(v.plan.parentId!)!;
      const anchorRemote = anchor.take?.pack.take?.remoteId;
      assert.ok(anchorRemote, `anchor ${anchor.plan.id} has a remote video`);
      assert.ok(v.take, `${v.plan.id} has a take`);
      const t = v.take.pack.take!;
      assert.equal(v.take.mechanism, 'remix', `${v.plan.id} mechanism`);
      assert.equal(t.remix?.via, 'provider-edit', `${v.plan.id} made by the provider's edit`);
      assert.equal(t.remix?.anchorTakeId, anchor.take!.id, `${v.plan.id} names its anchor's take`);
      assert.match(t.remix?.instruction ?? '', /change only this/);
      // The remote video of this take was remixed from ITS anchor's video.
      assert.equal(fake.remixedFrom.get(t.remoteId!), anchorRemote, `${v.plan.id} remixed from its own anchor`);
      expectedPerSource.set(anchorRemote, (expectedPerSource.get(anchorRemote) ?? 0) + 1);
    }
    // One remix call per take, none repeated by the resumed run.
    assert.deepEqual(Object.fromEntries(fake.remixCalls), Object.fromEntries(expectedPerSource));
    for (const [key, n] of Object.entries(fake.createCounts())) assert.equal(n, 1, `${key} was created ${n} times`);
  } finally { await fake.close(); }
});
