/**
 * `npm run studio:web`: the browser test host. Builds nothing itself (the npm script runs
 * scripts/build-app.mjs --renderer-only first); serves dist/ and routes the contract to a real
 * createStudio() on 127.0.0.1 with a fresh per-run token, printed with the URL.
 *
 *   tsx web-host/main.ts [--port N] [--user-data DIR]
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudio } from '../core/api/create-studio.ts';
import { createMemoryKeyStore } from '../core/api/key-store.ts';
import { resolveFfmpeg } from '../core/media/ffmpeg-path.ts';
import type { EventName, EventPayload } from '../core/api/events.ts';
import { startWebHost, type WebHost } from './server.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { port: { type: 'string' }, 'user-data': { type: 'string' } }, strict: true });
const tempData = values['user-data'] ? null : mkdtempSync(join(tmpdir(), 'continuity-web-'));
const userDataDir = values['user-data'] ?? tempData!;

let host: WebHost | null = null;
const studio = createStudio({
  userDataDir,
  keyStore: createMemoryKeyStore(),
  onEvent: <N extends EventName>(name: N, payload: EventPayload<N>) => host?.broadcast(name, payload),
  // The server-side stand-in for main's file picker: the browser never names the program; the
  // host offers the ffmpeg this machine resolves (FFMPEG_PATH, bundled, or PATH).
  host: { pickExecutable: async () => { try { return resolveFfmpeg().ffmpeg; } catch { return null; } } },
});
host = await startWebHost({
  studio,
  staticDir: join(root, 'dist', 'renderer'),
  shimFile: join(root, 'dist', 'web-host', 'studio-shim.js'),
  uploadDir: join(userDataDir, 'uploads'),
  port: values.port ? Number(values.port) : 0,
});
process.stdout.write(`Continuity Studio test host (user data: ${userDataDir})\nopen: ${host.url}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await studio.close().catch(() => undefined);
  await host?.close();
  if (tempData) rmSync(tempData, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
