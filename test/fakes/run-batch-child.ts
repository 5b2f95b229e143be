/**
 * A runner process for the kill -9 tests: opens the project, resumes whatever is unfinished,
 * (re)submits a batch of N takes (idempotent by take id), waits, prints a JSON summary.
 * Crash points come from CONTINUITY_TEST_CRASH_AT (core/jobs/crash-hook.ts); the parent may
 * also SIGKILL it at random instants.
 *   node --import tsx test/fakes/run-batch-child.ts PROJECT_DIR FAL_PROXY_URL START_IMAGE COUNT
 */
import { openProject } from '../../core/store/open-project.ts';
import { createJobRunner } from '../../core/jobs/job-runner.ts';
import { createFalAdapter } from '../../core/providers/fal/fal-adapter.ts';

const [projectDir, proxyUrl, startImage, countArg] = process.argv.slice(2);
if (!projectDir || !proxyUrl || !startImage) { console.error('usage: run-batch-child PROJECT FAL_PROXY START_IMAGE COUNT'); process.exit(2); }
const count = Number(countArg ?? '12');

const project = openProject(projectDir, { create: true });
const runner = createJobRunner({
  db: project.db, assets: project.assets, concurrency: 3, pollIntervalMs: 15, backoff: { baseMs: 10, capMs: 100 },
  adapters: { fal: createFalAdapter({ env: { FAL_KEY: 'fal-test-key-0000' }, baseUrl: proxyUrl }) },
});
const resumed = runner.resumeAll();
for (let i = 0; i < count; i++) {
  runner.submit({
    takeId: `take-${String(i).padStart(2, '0')}`, provider: 'fal',
    request: { model: 'fal-ai/veo3.1/first-last-frame-to-video', prompt: `shot ${i}: the red scarf, slow push-in`, negativePrompt: '', startImage, seed: 1000 + i, width: 1280, height: 720, seconds: 4, fps: 24 },
  });
}
const jobs = await runner.waitAll();
await runner.close();
project.close();
console.log(JSON.stringify({ resumed, states: Object.fromEntries(jobs.map((j) => [j.takeId, j.state])) }));
