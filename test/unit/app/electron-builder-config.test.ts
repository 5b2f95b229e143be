/** The packaging config keeps its security promises: fuses flipped, native modules unpacked, all three targets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8');
const value = (key: string) => new RegExp(`^\\s+${key}:\\s*(\\S+)`, 'm').exec(text)?.[1];

test('electron-builder.yml: fuses, unpacked natives, dmg / nsis / AppImage', () => {
  assert.equal(value('runAsNode'), 'false');
  assert.equal(value('enableNodeOptionsEnvironmentVariable'), 'false');
  assert.equal(value('enableNodeCliInspectArguments'), 'false');
  assert.equal(value('onlyLoadAppFromAsar'), 'true');
  assert.equal(value('enableEmbeddedAsarIntegrityValidation'), 'true');
  for (const mod of ['better-sqlite3', 'sharp', 'ffmpeg-static']) assert.match(text, new RegExp(`node_modules/${mod}/\\*\\*`), `${mod} unpacked`);
  for (const target of ['dmg', 'nsis', 'AppImage']) assert.match(text, new RegExp(`target: ${target}\\b`), `${target} target`);
});
