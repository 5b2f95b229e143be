import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { assetMime, resolveAssetPath } from '../../../core/api/asset-path.ts';

const root = resolve('/tmp/project/assets');
const sha = 'ab'.repeat(32);

test('a plain <sha256>.<ext> name resolves inside the asset store', () => {
  const hit = resolveAssetPath(root, `/${sha}.mp4`);
  assert.deepEqual(hit, { path: join(root, 'ab', `${sha}.mp4`), ext: 'mp4', sha256: sha });
  assert.equal(resolveAssetPath(root, `${sha}.png?x=1#y`)?.ext, 'png');
  assert.equal(assetMime('mp4'), 'video/mp4');
});

test('every traversal variant is rejected', () => {
  const variants = [
    '../project.sqlite', '/../../etc/passwd', '..%2fproject.sqlite', '%2e%2e%2fproject.sqlite', '%2e%2e/%2e%2e/etc/passwd',
    '..%5cproject.sqlite', '..\\..\\windows\\win.ini', `ab/../${sha}.mp4`, `%2e%2e%2f${sha}.mp4`, `..%5c${sha}.mp4`,
    '/etc/passwd', 'C:\\Windows\\win.ini', 'c:/windows/win.ini', '//server/share/x.png', `%252e%252e%252f${sha}.mp4`,
    `${sha}.mp4%00.png`, `${sha}.mp4\u0000`, `${sha}.sqlite`, `${sha.toUpperCase()}.mp4`, `${sha}`, `${sha.slice(1)}.mp4`,
    `${sha}.mp4/..`, `./${sha}.mp4`, '%', '%E0%A4%A', '', '/',
  ];
  for (const v of variants) assert.equal(resolveAssetPath(root, v), null, `rejected: ${JSON.stringify(v)}`);
});
