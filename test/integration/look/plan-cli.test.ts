// The real `continuity` CLI (bin/continuity.mjs) on the sample look, on malformed looks, and on a
// fresh `init` folder. Fixtures are tiny images made with sharp in a temp dir.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PlannedShot } from '../../../core/domain/shot.ts';
import type { PromptPack } from '../../../core/domain/prompt-pack.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'continuity.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'look-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CONTINUITY_LOG_LEVEL: 'error' } });
const png = (path: string, color: string) => sharp({ create: { width: 160, height: 90, channels: 3, background: color } }).png().toFile(path);

test('plan on the sample look: 12 clips, 3 anchors, typed deltas, one size and duration, a cost', () => {
  const r = cli('plan', 'resources/sample-look/look.json', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { shots: PlannedShot[]; packs: PromptPack[]; cost: { totalUsd: number; perClipUsd: number; known: boolean }; canon: { lighting: { paletteAnchors: string[] } } };
  assert.equal(out.shots.length, 12);
  assert.equal(out.shots.filter((s) => s.kind === 'anchor').length, 3);
  for (const s of out.shots.filter((x) => x.kind === 'variant')) assert.ok(s.deltas.length >= 1 && s.deltas.length <= 2);
  const seasonal = out.shots.filter((x) => x.kind === 'seasonal');
  assert.ok(seasonal.length >= 1);
  for (const s of seasonal) assert.ok(s.deltas.every((d) => d.kind === 'motif' || d.kind === 'prop'));
  assert.equal(new Set(out.packs.map((p) => `${p.size.width}x${p.size.height}/${p.seconds}/${p.fps}`)).size, 1);
  assert.deepEqual(out.packs[0]!.size, { width: 1280, height: 720 });
  assert.equal(out.packs[0]!.seconds, 4);
  assert.ok(out.packs.every((p) => p.references.length >= 4 && p.references.every((r) => /^[0-9a-f]{64}$/.test(r.sha256))));
  assert.equal(out.cost.known, true);
  assert.equal(out.cost.totalUsd, 0);
  assert.equal(out.canon.lighting.paletteAnchors[0], '#c65d3b');

  const human = cli('plan', 'resources/sample-look/look.json', '--model', 'fal-ai/veo3.1/image-to-video');
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /Matrix: 3 anchors, \d+ variants, \d+ seasonal swaps/);
  assert.match(human.stdout, /Cost estimate \(fal\/fal-ai\/veo3\.1\/image-to-video\): \$1\.60 per clip × 12 clips \+ \$0\.12 keyframes = \$19\.32/);
});

test('malformed LOOK.json files exit 2 naming the field and the value', async () => {
  await png(join(tmp, 'ok.png'), '#c65d3b');
  writeFileSync(join(tmp, 'notes.txt'), 'not an image at all');
  const good = {
    name: 'bad looks', brief: 'A cup on a table.',
    brandKit: { palette: [{ hex: '#112233' }], lighting: 'soft window light', camera: '35mm' },
    references: [{ path: 'ok.png', role: 'set' }],
  };
  const cases: [string, unknown, RegExp][] = [
    ['missing.json', { ...good, brandKit: { palette: good.brandKit.palette, camera: '35mm' } }, /brandKit\.lighting is required but missing/],
    ['hex.json', { ...good, brandKit: { ...good.brandKit, palette: [{ hex: '#112233' }, { hex: '#12345' }] } }, /brandKit\.palette\[1\]\.hex must be a hex colour like "#1a2b3c", got "#12345"/],
    ['txt.json', { ...good, references: [{ path: 'ok.png', role: 'set' }, { path: 'notes.txt', role: 'style' }] }, /references\[1\]\.path "notes\.txt" is not an image/],
    ['nine.json', { ...good, batch: { seconds: 9 } }, /batch\.seconds must be 4 or 8, got 9/],
  ];
  for (const [name, body, expected] of cases) {
    writeFileSync(join(tmp, name), JSON.stringify(body));
    const r = cli('plan', join(tmp, name));
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, expected, name);
    assert.ok(r.stderr.includes(name), `${name}: the file is named`);
  }
});

test('init writes a starter look that plan accepts once images are added', async () => {
  const dir = join(tmp, 'starter');
  const r = cli('init', dir, '--name', 'Starter');
  assert.equal(r.status, 0, r.stderr);
  const look = JSON.parse(readFileSync(join(dir, 'LOOK.json'), 'utf8')) as { _help: string[]; references: { path: string }[]; productShots: { path: string }[] };
  assert.ok(look._help.length > 3);
  assert.match(readFileSync(join(dir, 'LOOK.README.txt'), 'utf8'), /continuity plan LOOK\.json/);
  const before = cli('plan', join(dir, 'LOOK.json'));
  assert.equal(before.status, 2);
  assert.match(before.stderr, /references\[0\]\.path "references\/set\.jpg" does not exist/);
  assert.equal(cli('init', dir).status, 2, 'refuses to overwrite without --force');
  await png(join(tmp, 'a.png'), '#1f3a5f');
  for (const [i, ref] of [...look.references, ...look.productShots].entries()) {
    if (ref.path.endsWith('.png')) copyFileSync(join(tmp, 'a.png'), join(dir, ref.path));
    else await sharp({ create: { width: 160, height: 90, channels: 3, background: ['#1f3a5f', '#f2e8d5', '#d9822b', '#333333'][i % 4]! } }).jpeg().toFile(join(dir, ref.path));
  }
  const after = cli('plan', join(dir, 'LOOK.json'), '--tier', 'starter');
  assert.equal(after.status, 0, after.stderr);
  assert.match(after.stdout, /Matrix: 2 anchors/);
});
