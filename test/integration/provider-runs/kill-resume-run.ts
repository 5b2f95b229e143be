/**
 * The acceptance run shared by the Runway, Luma and Veo tests: `continuity run` on the sample look
 * (12 clips) against a loopback fake, killed with SIGKILL while a paid job is in flight, then run
 * again with `--resume`. Returns what the tests assert on: both runs, the pack's clips and the
 * project's jobs and takes.
 */
import assert from 'node:assert/strict';
import { writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openProject } from '../../../core/store/open-project.ts';
import type { FakeCore, FakeJob } from '../../fakes/fake-core.ts';
import { clipFacts, mp4s, packRoot, runCli, writeSmallLook, type CliRun } from '../remote-run/remote-run-helpers.ts';

export interface KillResumeResult {
  first: CliRun;
  second: CliRun;
  clips: Awaited<ReturnType<typeof clipFacts>>;
  jobs: Array<{ take_id: string; state: string; request_json: string }>;
  unfinishedAtKill: string[];
  takesBefore: number;
  packDir: string;
}

/**
 * The fake's pace and clip for the acceptance runs. The clip is 160x90 (4-5 s as asked): the
 * smallest the assertions allow, since every take is conformed up to the 320x180 batch size anyway
 * and a take's cost in these runs is its media work (fake clip, conform, grade, score, export). Two
 * polls and 1.5 s per job leave a moment with a paid job in flight to kill the run at.
 */
export function paceForAcceptance(fake: FakeCore): void {
  fake.behaviour.pollsBeforeDone = 2;
  fake.behaviour.minDurationMs = 1500;
  fake.behaviour.clipSize = { width: 160, height: 90 };
}

/**
 * Make each fake clip from the image the client sent (image-to-video behaviour), so the quality
 * gate judges on-look content. `imageOf` returns the bytes the create carried for a job.
 */
export function clipsFromSentImage(fake: FakeCore, dir: string, imageOf: (job: FakeJob) => Buffer | undefined): void {
  fake.behaviour.clipImage = (job) => {
    const buf = imageOf(job);
    if (!buf) return null;
    const path = join(dir, `sent-${job.id}.${buf[0] === 0x89 ? 'png' : 'jpg'}`);
    if (!existsSync(path)) writeFileSync(path, buf);
    return path;
  };
}

/** Decode a `data:image/...;base64,...` URI. */
export function dataUriBytes(uri: unknown): Buffer | undefined {
  if (typeof uri !== 'string') return undefined;
  const m = /^data:image\/[a-z]+;base64,(.*)$/s.exec(uri);
  return m ? Buffer.from(m[1]!, 'base64') : undefined;
}

/** The take record of every prompt pack the pack delivered (what a reader of the pack sees). */
export function deliveredTakes(packDir: string): Array<{ file: string; seedSent: number | null; parameters: Record<string, unknown> }> {
  const dir = join(packDir, 'PromptPacks');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((file) => {
    const take = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { take?: { seedSent: number | null; parameters: Record<string, unknown> } }).take;
    assert.ok(take, `${file}: the prompt pack records its take`);
    return { file, ...take };
  });
}

/** Every delivered take says no seed was sent, and why (Luma, Gemini-API Veo). */
export function assertNoSeedRecorded(packDir: string, clips: number, why: RegExp): void {
  const takes = deliveredTakes(packDir);
  assert.equal(takes.length, clips);
  for (const t of takes) {
    assert.equal(t.seedSent, null, `${t.file}: no seed sent`);
    assert.match(String(t.parameters.seedNotSent), why, `${t.file}: the take says why no seed was sent`);
  }
}

function readProject(projectDir: string) {
  const p = openProject(projectDir);
  try {
    const jobs = p.db.prepare('SELECT take_id, state, request_json FROM jobs ORDER BY take_id').all() as KillResumeResult['jobs'];
    const takes = (p.db.prepare('SELECT COUNT(*) AS n FROM takes').get() as { n: number }).n;
    return { jobs, takes };
  } finally { p.close(); }
}

/** Run, SIGKILL mid-batch with a job in flight, resume. */
export async function killAndResume(o: { dir: string; fake: FakeCore; provider: string; model: string; env: Record<string, string>; clips?: number; all?: boolean }): Promise<KillResumeResult> {
  const out = join(o.dir, 'out');
  const args = ['run', writeSmallLook(o.dir, { clips: o.clips ?? 12 }), '--out', out, '--provider', o.provider, '--model', o.model,
    '--max-retries', '0', '--concurrency', '2', '--budget', '200',
    // These runs are about delivery under faults, not the gate: the fakes' test patterns are off-look
    // and go to review (gate v2), so every take is exported unless a test asks otherwise.
    ...(o.all === false ? [] : ['--all'])];
  const inFlight = () => [...o.fake.jobs.values()].some((j) => j.state === 'queued' || j.state === 'running');
  // Kill while a paid job runs at the provider with its remote id saved, and no create is between
  // "payload recorded" and "remote id saved": Runway and Gemini have no list to reconcile such a
  // create with, so it would (rightly) wait for a person — runner-faults.test.ts covers that case.
  const dbPath = join(out, '.continuity-project', 'project.sqlite');
  const safeMoment = () => {
    if (!existsSync(dbPath)) return false;
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const q = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return q("SELECT COUNT(*) AS n FROM jobs WHERE state = 'submitting' AND payload_json IS NOT NULL") === 0
        && q("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('submitted', 'running')") > 0;
    } catch { return false; } finally { db.close(); }
  };
  const env = { CONTINUITY_POLL_INTERVAL_MS: '40', ...o.env };
  const first = await runCli(args, env, (stderr) => /\[2\/\d+\]/.test(stderr) && inFlight() && safeMoment());
  const before = readProject(join(out, '.continuity-project'));
  const unfinishedAtKill = before.jobs.filter((j) => j.state !== 'succeeded').map((j) => j.take_id);
  const second = await runCli([...args, '--resume'], env);
  const after = readProject(join(out, '.continuity-project'));
  const packDir = second.code === 0 ? packRoot(out) : out;
  const clips = second.code === 0 ? await clipFacts(mp4s(join(packDir, 'Clips'))) : [];
  return { first, second, clips, jobs: after.jobs, unfinishedAtKill, takesBefore: before.takes, packDir };
}

/**
 * The acceptance facts every provider shares: killed mid-batch with a job in flight, resumed to
 * exit 0, `clips` clips of exactly 320x180 × 96 frames, one create per take, and every take that
 * was in flight at the kill finished under its own id.
 */
export function assertKilledAndDelivered(r: KillResumeResult, fake: FakeCore, clips: number): void {
  assert.equal(r.first.signal, 'SIGKILL', `killed mid-batch (exit ${r.first.code}): ${r.first.stderr.slice(-1500)}`);
  assert.ok(r.unfinishedAtKill.length >= 1, 'a paid job was in flight at the kill');
  assert.equal(r.second.code, 0, r.second.stderr.slice(-2000));
  assert.equal(r.clips.length, clips);
  for (const c of r.clips) assert.deepEqual([c.width, c.height, c.frames], [320, 180, 96], c.file);
  const counts = fake.createCounts();
  assert.equal(Object.keys(counts).length, clips, 'one take per clip reached the provider');
  for (const [key, n] of Object.entries(counts)) assert.equal(n, 1, `${key} was created ${n} times`);
  for (const id of r.unfinishedAtKill) assert.ok(r.jobs.some((j) => j.take_id === id && j.state === 'succeeded'), `in-flight take ${id} finished after resume`);
}
