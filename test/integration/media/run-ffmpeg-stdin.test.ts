import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Writable } from 'node:stream';
import { CanceledError, WorkError } from '../../../core/domain/errors.ts';
import { runFfmpeg } from '../../../core/media/run-ffmpeg.ts';

const W = 64, H = 36, FRAME = W * H * 3 / 2;
const input = ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${W}x${H}`, '-framerate', '24', '-i', 'pipe:0'];
const write = (pipe: Writable, chunk: Uint8Array) => new Promise<void>((resolve, reject) => pipe.write(chunk, (e) => (e ? reject(e) : resolve())));

test('stdin: every frame written reaches ffmpeg, and stdin is closed after the writer', async () => {
  const { stdout } = await runFfmpeg([...input, '-f', 'rawvideo', 'pipe:1'], {
    stdin: async (pipe) => { for (let i = 0; i < 30; i++) await write(pipe, new Uint8Array(FRAME).fill(i)); },
  });
  assert.equal(stdout.length, 30 * FRAME);
  assert.equal(stdout[29 * FRAME], 29);
});

test('stdin: a writer that fails fails the run with its own error, even though ffmpeg could finish', async () => {
  await assert.rejects(runFfmpeg([...input, '-f', 'rawvideo', 'pipe:1'], {
    stdin: async (pipe) => { await write(pipe, new Uint8Array(FRAME)); throw new Error('frame 2 could not be drawn'); },
  }), /frame 2 could not be drawn/);
});

test('stdin: ffmpeg failing while frames are written reports ffmpeg\'s error, not the broken pipe', async () => {
  await assert.rejects(runFfmpeg([...input, '-vf', 'no_such_filter', '-f', 'null', '-'], {
    stdin: async (pipe) => { for (let i = 0; i < 500; i++) await write(pipe, new Uint8Array(FRAME)); },
  }), (e: unknown) => e instanceof WorkError && e.code === 'ffmpeg_failed' && /no_such_filter/.test(e.message) && !/EPIPE/.test(e.message));
});

test('stdin: cancel while the writer waits on a full pipe is a cancel, and nothing hangs', async () => {
  const controller = new AbortController();
  // -re reads at the frame rate: the pipe fills and the writer waits on it.
  const pending = runFfmpeg(['-v', 'error', '-re', ...input.slice(2), '-f', 'null', '-'], {
    signal: controller.signal,
    stdin: async (pipe) => { for (let i = 0; i < 10_000; i++) { await write(pipe, new Uint8Array(FRAME)); if (i === 5) controller.abort(); } },
  });
  await assert.rejects(pending, (e: unknown) => e instanceof CanceledError);
});
