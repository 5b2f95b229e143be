// The pure half of `continuity relink`: which pack file an old absolute media path pointed at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packFileFor } from '../../../core/export/relink-pack.ts';

const files = ['Clips/a.mp4', 'Clips/Original/a.mp4', 'Clips/b.mp4', 'README.txt'];

test('an old absolute path maps to the longest pack path it ends with', () => {
  assert.equal(packFileFor('/old/place/Look/Clips/a.mp4', files), 'Clips/a.mp4');
  assert.equal(packFileFor('/old/place/Look/Clips/Original/a.mp4', files), 'Clips/Original/a.mp4');
  assert.equal(packFileFor('C:\\Users\\me\\Look\\Clips\\b.mp4', files), 'Clips/b.mp4');
  assert.equal(packFileFor('/old/Look/Clips/xa.mp4', files), undefined, 'a suffix must start at a folder boundary');
  assert.equal(packFileFor('/elsewhere/c.mp4', files), undefined);
});
