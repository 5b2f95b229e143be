/**
 * ffmpeg arguments for applying a clip's LUT (pure, unit-tested without spawning). One encoder
 * setting for every graded deliverable, shared with the bench's plain re-encode floor so the
 * ratio measures the grade, not a different encoder.
 */
import { safeInputArgs } from '../media/safe-input.ts';

/**
 * H.264 in yuv420p (what every NLE and browser plays), CRF 18 (visually lossless for a
 * deliverable that may be graded again), `+faststart` so the file plays while downloading.
 * Preset `fast`, as the local renderer uses: at CRF 18 `medium` saves a few percent of size for
 * about 1.6× the encode time, and a batch grades every take of every clip.
 */
export const ENCODER_ARGS: readonly string[] = ['-c:v', 'libx264', '-preset', 'fast', '-crf', '18', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'];

/**
 * Escape a value for an ffmpeg filter option inside a filtergraph: two levels, as the
 * filtergraph syntax docs describe. Level 1 (option value): \ ' : ; level 2 (graph): \ ' [ ] , ;
 * Backslash separators become "/" first (ffmpeg accepts them on Windows), so "C:\x\l.cube" works.
 */
export function escapeFilterValue(value: string): string {
  const forward = value.replace(/\\/g, '/');
  const level1 = forward.replace(/[\\':]/g, (c) => `\\${c}`);
  return level1.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

export interface ApplyLutArgs {
  input: string;
  lutPath: string;
  output: string;
  /**
   * Interpolation inside the LUT. Trilinear by default so ffmpeg's render matches
   * core/color's applyLutToImage (the preview) pixel for pixel; at 33³ points tetrahedral's
   * gain in accuracy is below 8-bit precision anyway.
   */
  interp?: 'nearest' | 'trilinear' | 'tetrahedral';
}

/** The part both the grade and the bench floor share: map streams, keep timing, encode. */
function encodeTail(output: string): string[] {
  return [
    // Video 0 and any audio; the audio is copied bit-exact (grading never touches sound).
    '-map', '0:v:0', '-map', '0:a?', '-c:a', 'copy',
    // passthrough: keep every source timestamp, so fps, frame count and duration (VFR too) stay the same.
    '-fps_mode', 'passthrough',
    ...ENCODER_ARGS,
    // Metadata and chapters of the source are not carried: the graded file is a new deliverable.
    '-map_metadata', '-1',
    output,
  ];
}

/** Apply a .cube LUT to a video with `lut3d` and re-encode with ENCODER_ARGS. */
export function applyLutArgs(o: ApplyLutArgs): string[] {
  return [...safeInputArgs(o.input), '-vf', `lut3d=file=${escapeFilterValue(o.lutPath)}:interp=${o.interp ?? 'trilinear'}`, ...encodeTail(o.output)];
}

/** The bench floor: the same re-encode with no filter. */
export function plainReencodeArgs(input: string, output: string): string[] {
  return [...safeInputArgs(input), ...encodeTail(output)];
}

/** Progress on stderr: `-progress pipe:2` lines are machine-readable (out_time_us=…). */
export const PROGRESS_ARGS: readonly string[] = ['-progress', 'pipe:2', '-nostats'];
