/**
 * Cuts a rawvideo byte stream (ffmpeg `-f rawvideo -pix_fmt rgb24 pipe:1`) into whole frames.
 * Pipe chunks do not line up with frames, so bytes are gathered into a frame-sized buffer.
 */
import type { RawImage } from '../domain/raw-image.ts';

export class FrameSplitter {
  private readonly frameBytes: number;
  private current: Uint8Array;
  private filled = 0;
  private count = 0;

  constructor(readonly width: number, readonly height: number, private readonly onFrame: (image: RawImage, index: number) => void) {
    this.frameBytes = width * height * 3;
    this.current = new Uint8Array(this.frameBytes);
  }

  /** Feed one chunk; emits every frame it completes. */
  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.frameBytes - this.filled, chunk.length - offset);
      this.current.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameBytes) {
        const data = this.current;
        // A fresh buffer per frame: the callback may keep the one it was given.
        this.current = new Uint8Array(this.frameBytes);
        this.filled = 0;
        this.onFrame({ width: this.width, height: this.height, channels: 3, data }, this.count++);
      }
    }
  }

  /** Frames emitted so far. */
  get frames(): number { return this.count; }
  /** Bytes of an incomplete trailing frame (non-zero means the stream ended mid-frame). */
  get leftover(): number { return this.filled; }
}
