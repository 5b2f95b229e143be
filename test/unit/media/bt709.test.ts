// The one builder every delivered encode and every measured decode shares (issue 15): explicit
// matrices both ways and the four BT.709 tags. Pure; the round trip runs for real in
// test/integration/quality/bt709-round-trip.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BT709_TAGS, h264DeliveryArgs, isTaggedBt709, sourceMatrix, sourceRange, toRgbFilter, TO_BT709_YUV420P } from '../../../core/media/bt709.ts';
import { h264OutputArgs } from '../../../core/providers/local/h264-args.ts';
import { ENCODER_ARGS } from '../../../core/grade/grade-args.ts';

const after = (args: readonly string[], flag: string) => args[args.indexOf(flag) + 1];

test('delivery encode: libx264 fast CRF 18 yuv420p High with all four BT.709 tags', () => {
  const a = h264DeliveryArgs();
  assert.deepEqual([after(a, '-c:v'), after(a, '-preset'), after(a, '-crf'), after(a, '-pix_fmt'), after(a, '-profile:v')], ['libx264', 'fast', '18', 'yuv420p', 'high']);
  assert.deepEqual([after(a, '-colorspace'), after(a, '-color_primaries'), after(a, '-color_trc'), after(a, '-color_range')], ['bt709', 'bt709', 'bt709', 'tv']);
  assert.equal(after(h264DeliveryArgs({ preset: 'veryfast', crf: 20 }), '-crf'), '20');
});

test('grade, conform and local render all encode with the shared builder', () => {
  const shared = h264DeliveryArgs().join(' ');
  assert.ok(ENCODER_ARGS.join(' ') === shared);
  assert.ok(h264OutputArgs({ fps: 24, frames: 96 }, 'o.mp4').join(' ').includes(shared));
  assert.ok(shared.includes(BT709_TAGS.join(' ')));
});

test('the source matrix: its own tag, untagged and unknown read as BT.709', () => {
  assert.equal(sourceMatrix(), 'bt709');
  assert.equal(sourceMatrix({ colorSpace: 'unknown' }), 'bt709');
  assert.equal(sourceMatrix({ colorSpace: 'smpte170m' }), 'bt601');
  assert.equal(sourceMatrix({ colorSpace: 'bt470bg' }), 'bt601');
  assert.equal(sourceMatrix({ colorSpace: 'bt2020nc' }), 'bt2020');
  assert.equal(sourceRange({ colorRange: 'pc' }), 'pc');
  assert.equal(sourceRange({}), 'tv');
  assert.equal(isTaggedBt709({ colorSpace: 'bt709', colorRange: 'tv' }), true);
  assert.equal(isTaggedBt709({ colorSpace: 'bt709' }), false);
});

test('conversions name matrix and range, and end in a format filter so swscale does them', () => {
  assert.equal(toRgbFilter(), 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24');
  assert.equal(toRgbFilter({ colorSpace: 'smpte170m' }, { size: { width: 64, height: 36 }, flags: 'area', format: 'gbrp' }), 'scale=64:36:flags=area:in_color_matrix=bt601:in_range=tv,format=gbrp');
  assert.equal(TO_BT709_YUV420P, 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p');
});
