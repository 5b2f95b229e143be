/**
 * How fast hostile inputs are refused (issue 17: a FIFO or /dev/zero as a LOOK.json reference
 * must fail with exit 2 in under 5 s): `continuity plan` on a look whose reference is a FIFO
 * (nothing ever writes to it) and one whose reference is /dev/zero, against the floor of
 * starting Node itself (`node -e 0`), measured in this run. The check itself is one stat call;
 * the rest is start-up. Best of 3; the 5 s bound is absolute, so the note says how the best
 * wall time compares with it.
 */
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { best, rowOf, timed, type BenchRow, type Timing } from './bench-row.ts';

export const name = 'hostile-refusal';

const REPO = join(import.meta.dirname, '..');
const SAMPLE = join(REPO, 'resources', 'sample-look');

function node(args: string[], expectCode: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === expectCode ? resolve() : reject(new Error(`exit ${code}, expected ${expectCode}: ${stderr.slice(-300)}`))));
  });
}

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-hostile-'));
  try {
    const look = JSON.parse(readFileSync(join(SAMPLE, 'look.json'), 'utf8')) as Record<string, unknown> & { references: Array<{ path: string }>; productShots?: Array<{ path: string }> };
    delete look.$schema;
    for (const r of [...look.references, ...(look.productShots ?? [])]) copyFileSync(join(SAMPLE, r.path), join(dir, r.path));
    execFileSync('mkfifo', [join(dir, 'fifo.png')]);
    const withRef = (file: string, ref: string) => {
      const l = structuredClone(look);
      l.references[0]!.path = ref;
      writeFileSync(join(dir, file), JSON.stringify(l));
      return join(dir, file);
    };
    const fifo = withRef('fifo.json', 'fifo.png'), zero = withRef('zero.json', '/dev/zero');
    const bin = join(REPO, 'bin', 'continuity.mjs');
    await node([bin, '--help'], 0); // builds dist/cli-<stamp> if the sources changed: not refusal cost
    const floor: Timing[] = [], byFifo: Timing[] = [], byZero: Timing[] = [];
    for (let i = 0; i < 3; i++) {
      floor.push(await timed(() => node(['-e', '0'], 0)));
      byFifo.push(await timed(() => node([bin, 'plan', fifo], 2)));
      byZero.push(await timed(() => node([bin, 'plan', zero, '--allow-outside'], 2)));
    }
    const row = (operation: string, t: Timing[]) => rowOf({
      operation, floor: '`node -e 0`', note: `best wall ${best(t).wall.toFixed(2)} s ${best(t).wall < 5 ? 'within' : 'OVER'} the 5 s bound`,
    }, t, floor);
    return [row('refuse a FIFO reference (plan, exit 2)', byFifo), row('refuse /dev/zero as reference (plan, exit 2)', byZero)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
