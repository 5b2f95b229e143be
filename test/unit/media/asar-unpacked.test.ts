// ffmpeg-static resolved inside an asar archive is spawned from its `.asar.unpacked` twin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asarUnpackedPath } from '../../../core/media/asar-unpacked.ts';

test('a path inside app.asar is rewritten to app.asar.unpacked', () => {
  assert.equal(
    asarUnpackedPath('/opt/Continuity Studio/resources/app.asar/node_modules/ffmpeg-static/ffmpeg', '/'),
    '/opt/Continuity Studio/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
  );
  assert.equal(
    asarUnpackedPath('/Applications/Continuity Studio.app/Contents/Resources/app.asar/node_modules/ffmpeg-static/ffmpeg', '/'),
    '/Applications/Continuity Studio.app/Contents/Resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
  );
});

test('Windows separators are rewritten too', () => {
  assert.equal(
    asarUnpackedPath('C:\\Program Files\\Continuity Studio\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe', '\\'),
    'C:\\Program Files\\Continuity Studio\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe',
  );
});

test('paths outside an archive, already unpacked, or merely named like one are left alone', () => {
  for (const p of [
    '/work/node_modules/ffmpeg-static/ffmpeg',
    '/opt/app/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    '/home/me/my.asarfiles/ffmpeg',
    '/usr/bin/ffmpeg',
  ]) assert.equal(asarUnpackedPath(p, '/'), p);
});
