/**
 * Issue 12 item 3: the identity keyframe comes from the character reference the shot names (not
 * the look's first character-role image), and when none is usable the take records the style
 * keyframe it actually is, with the reason — never `identity-keyframe`. Real images, the real local
 * keyframe maker, the real local renderer and gate.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { PlannedShotSchema, type PlannedShot } from '../../../core/domain/shot.ts';
import { createBudget } from '../../../core/pipeline/budget.ts';
import { createLocalShotRenderer } from '../../../core/pipeline/local-shot-renderer.ts';
import { resolveLookAssets } from '../../../core/pipeline/look-assets.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import { runShot, type AttemptRecord } from '../../../core/pipeline/run-shot.ts';
import { prepareStartImage } from '../../../core/pipeline/start-image.ts';

let dir: string;
const paths: Record<string, string> = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'identity-truth-'));
  const colours = { set: { r: 60, g: 90, b: 140 }, first: { r: 220, g: 40, b: 40 }, picked: { r: 40, g: 200, b: 60 } };
  for (const [name, background] of Object.entries(colours)) {
    paths[name] = join(dir, `${name}.png`);
    await sharp({ create: { width: 240, height: 160, channels: 3, background } }).png().toFile(paths[name]);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

// Two character-role references: the look's first is red, the one the shot picks is green.
const assets = () => resolveLookAssets([
  { path: paths.set!, role: 'set', sha256: 'a'.repeat(64), approved: true, index: 0 },
  { path: paths.first!, role: 'character', sha256: 'b'.repeat(64), approved: true, index: 1, label: 'first face' },
  { path: paths.picked!, role: 'character', sha256: 'c'.repeat(64), approved: true, index: 2, label: 'picked face' },
], []);

const shot = (characterReference: string | null): PlannedShot => PlannedShotSchema.parse({
  id: 's1', index: 0, kind: 'sequence', parentId: null, framing: 'medium', motion: 'static', deltas: [],
  continuityMode: 'style-match', characterReference, label: 'close on the barista',
});

async function meanColour(path: string): Promise<{ r: number; g: number; b: number }> {
  const { channels } = await sharp(path).stats();
  return { r: channels[0]!.mean, g: channels[1]!.mean, b: channels[2]!.mean };
}

test('the identity keyframe is cut from the character reference the shot picked', async () => {
  const start = await prepareStartImage({
    shot: shot('c'.repeat(12)), mechanism: 'identity-keyframe', assets: assets(), width: 160, height: 90, seed: 3,
    styleStrength: 0.6, workDir: dir, takeKey: 'take-1',
  });
  assert.equal(start.mechanism, 'identity-keyframe');
  const c = await meanColour(start.path);
  assert.ok(c.g > c.r, `the keyframe is the picked (green) face, not the look's first character (red): mean ${JSON.stringify(c)}`);
});

test('no usable character reference: the take records a style keyframe and why, never identity-keyframe', async () => {
  const attempts: AttemptRecord[] = [];
  const outcome = await runShot(
    { shot: shot('nobody-we-know'), prompt: 'the barista turns', negativePrompt: '', seed: 5 },
    {
      renderer: createLocalShotRenderer(), quality: createLookQualityStep(), assets: assets(), budget: createBudget(null),
      width: 160, height: 90, seconds: 1, fps: 12, maxRetries: 0, workDir: dir, seedInheritable: true,
      emit: () => {}, record: async (a) => { attempts.push(a); },
    },
  );
  assert.ok(attempts.length >= 1);
  for (const a of attempts) {
    assert.equal(a.mechanism, 'style-keyframe', 'the mechanism recorded is the one that happened');
    assert.match(a.mechanismWhy, /character reference "nobody-we-know" is not an approved reference of this look; made a style keyframe instead/);
    assert.match(a.start.note, /^style keyframe/);
  }
  assert.equal(outcome.current.mechanism, 'style-keyframe');
});
