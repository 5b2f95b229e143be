// Job state moves are compare-and-swap (issue 13 item 1): a move succeeds only from the state its
// caller saw; a writer with a stale view gets JobMovedError and the row keeps the winner's move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { migrate } from '../../../core/store/migrate.ts';
import { canMove, JOB_STATES, type JobState } from '../../../core/jobs/job-state.ts';
import { createJobsRepo, JobMovedError } from '../../../core/jobs/jobs-repo.ts';

const now = () => new Date().toISOString();
// Every column some state needs, so any legal move yields a readable row.
const COLS = { remote_id: 'r-1', output_url: 'http://x/o.mp4', output_sha256: 'ab', output_bytes: 1, output_path: '/tmp/o.mp4', submit_started_at: now(), error_code: 'download_failed', error_message: 'cut' };
const request = { model: 'm', prompt: 'p', negativePrompt: '', width: 16, height: 16, seconds: 1, fps: 24 };

test('two writers with their own view of a job: only moves from the current state land', () => {
  fc.assert(fc.property(fc.array(fc.record({ who: fc.constantFrom(0, 1), to: fc.constantFrom(...JOB_STATES) }), { maxLength: 30 }), (ops) => {
    const db = new Database(':memory:');
    migrate(db);
    const repo = createJobsRepo(db, now);
    repo.insert({ id: 'j', batchId: null, takeId: 't', provider: 'fal', model: 'm', request, estimatedCostUsd: 1 });
    const seen: JobState[] = ['planned', 'planned'];
    let actual: JobState = 'planned';
    for (const { who, to } of ops) {
      const from = seen[who]!;
      if (!canMove(from, to)) {
        assert.throws(() => repo.move('j', from, to, COLS), (e: Error & { code?: string }) => e.code === 'job_state');
        continue;
      }
      try {
        repo.move('j', from, to, COLS);
        assert.equal(from, actual, `writer ${who} moved ${from} → ${to} while the row was ${actual}`);
        actual = to;
        seen[who] = to;
      } catch (err) {
        assert.ok(err instanceof JobMovedError, String(err));
        assert.notEqual(from, actual);
        assert.equal(err.found, actual);
        seen[who] = actual; // the loser reads the row again (the runner stops driving instead)
      }
      assert.equal(repo.get('j').state, actual);
    }
    db.close();
  }), { numRuns: 300 });
});

test('across two connections to one database file: the second claim of a planned job loses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cas-'));
  try {
    const a = new Database(join(dir, 'p.sqlite'));
    a.pragma('journal_mode = WAL');
    migrate(a);
    const b = new Database(join(dir, 'p.sqlite'));
    const ra = createJobsRepo(a, now);
    const rb = createJobsRepo(b, now);
    ra.insert({ id: 'j', batchId: null, takeId: 't', provider: 'fal', model: 'm', request, estimatedCostUsd: 1 });
    // Both read `planned`; both try to claim the create.
    assert.equal(ra.get('j').state, 'planned');
    assert.equal(rb.get('j').state, 'planned');
    ra.move('j', 'planned', 'submitting', { submit_started_at: now() });
    assert.throws(() => rb.move('j', 'planned', 'submitting', { submit_started_at: now() }), JobMovedError);
    // accept() is CAS too: a job another writer already accepted is not accepted (nor charged) twice
    ra.accept('j', 'r-1', 'test');
    assert.throws(() => rb.accept('j', 'r-2', 'test'), JobMovedError);
    assert.equal(rb.get('j').remoteId, 'r-1');
    assert.equal(ra.costForTake('t'), 1, 'one charge in the ledger');
    a.close(); b.close();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('reopen: only a failed poll/download with a remote id goes back, by its remote id', () => {
  const db = new Database(':memory:');
  migrate(db);
  const repo = createJobsRepo(db, now);
  repo.insert({ id: 'j', batchId: null, takeId: 't', provider: 'fal', model: 'm', request, estimatedCostUsd: 1 });
  repo.move('j', 'planned', 'submitting', { submit_started_at: now() });
  repo.accept('j', 'r-1', 'test');
  repo.move('j', 'submitted', 'downloading', { output_url: 'http://x/o.mp4' });
  repo.move('j', 'downloading', 'failed', { error_code: 'download_failed', error_message: 'cut 8 times' });
  const back = repo.reopen('j');
  assert.equal(back?.state, 'downloading');
  assert.equal(back?.remoteId, 'r-1');
  repo.move('j', 'downloading', 'failed', { error_code: 'provider_http_403', error_message: 'forbidden' });
  assert.equal(repo.reopen('j'), null, 'other failures stay failed');
  db.close();
});
