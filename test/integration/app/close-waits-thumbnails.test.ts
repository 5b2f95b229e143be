// Closing the studio right after a take list (which starts thumbnails in the background) waits for
// them: nothing goes on writing into the closed project, or into its folder once it is deleted.
// Before, the app harness's close logged "thumbnail failed … No such file" for every take whose
// thumbnail was still being made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { setLogSink } from '../../../core/log/logger.ts';
import { openHarness } from './studio-harness.ts';

test('closing the studio waits for thumbnails being made; none fails after the project is gone', { timeout: 600_000 }, async () => {
  const lines: string[] = [];
  setLogSink((line) => { lines.push(line); });
  try {
    const h = await openHarness();
    const shots = await h.call('shots.list', { lookId: h.lookId });
    const run = await h.call('runs.start', { lookId: h.lookId, shotIds: [shots[0]!.id] });
    await h.until('run-finished', (p) => p.runId === run.runId);
    const takes = await h.call('takes.list', { shotId: shots[0]!.id }); // starts the thumbnails
    assert.ok(takes.length > 0);
    const projectDir = `${h.dir}/project`;
    await h.close(); // studio.close(), then the folder is deleted
    assert.equal(existsSync(projectDir), false);
    await new Promise((r) => setTimeout(r, 1500)); // anything still running would fail by now
    assert.deepEqual(lines.filter((l) => /thumbnail failed/.test(l)), [], 'no thumbnail was left running past close');
  } finally {
    setLogSink((line) => process.stderr.write(line + '\n'));
  }
});
