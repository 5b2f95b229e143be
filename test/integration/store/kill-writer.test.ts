import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openProject } from '../../../core/store/open-project.ts';
import { makeTempDir } from '../../helpers/make-clips.ts';
import { childNodeArgs } from '../../support/child-node-args.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await makeTempDir('killwriter')));
after(() => cleanup());

const child = fileURLToPath(new URL('./kill-writer-child.ts', import.meta.url));

/** Run the writer until it has acknowledged `minAcks` + a random few commits, SIGKILL it, return the last ack. */
function runAndKill(project: string, start: number, minAcks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...childNodeArgs(child, { switches: false }), project, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = -1, buf = '', err = '';
    const killAt = minAcks + Math.floor(Math.random() * 200);
    let acks = 0;
    p.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) { last = Number(l); acks++; }
      // Kill at a random instant after enough acks, often mid-transaction.
      if (acks >= killAt && p.exitCode === null) setTimeout(() => p.kill('SIGKILL'), Math.floor(Math.random() * 5));
    });
    p.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    p.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited without being killed: ${err}`));
      else resolve(last);
    });
  });
}

test('kill -9 a writer at random instants: integrity_check ok and no acknowledged commit lost', { timeout: 120_000 }, async () => {
  const project = join(dir, 'p');
  let next = 0;
  for (let round = 0; round < 3; round++) {
    const lastAck = await runAndKill(project, next, 20);
    assert.ok(lastAck >= next, `round ${round}: the writer acknowledged commits`);
    const db = new Database(join(project, 'project.sqlite'));
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const maxRow = db.prepare("SELECT MAX(CAST(substr(key, 2) AS INTEGER)) AS m FROM settings WHERE key LIKE 'k%'").get() as { m: number };
    const lastSetting = JSON.parse((db.prepare("SELECT value_json FROM settings WHERE key = 'last'").get() as { value_json: string }).value_json) as number;
    assert.ok(maxRow.m >= lastAck, `round ${round}: acknowledged ${lastAck}, found up to ${maxRow.m}`);
    assert.equal(lastSetting, maxRow.m, 'both rows of a transaction are there, or neither');
    const count = (db.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }).n;
    assert.equal(count, maxRow.m + 1, 'no gaps');
    db.close();
    next = maxRow.m + 1;
  }
  openProject(project).close(); // and the project still opens normally
});
