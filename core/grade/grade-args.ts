/**
 * ffmpeg arguments for applying a clip's LUT (pure, unit-tested without spawning). The encode is
 * the one every delivered clip shares (core/media/bt709.ts h264DeliveryArgs); the bench's floor
 * runs these very arguments, so its ratio measures what the grade adds around one ffmpeg pass.
 */
import { safeInputArgs } from '../media/safe-input.ts';
import { h264DeliveryArgs, toRgbFilter, TO_BT709_YUV420P, type ColourTags } from '../media/bt709.ts';

/** The graded deliverable's encoder settings: libx264 fast, CRF 18, yuv420p, BT.709 tags, +faststart. */
export const ENCODER_ARGS: readonly string[] = h264DeliveryArgs();

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
  /** The source's colour tags (probe): its own matrix and range decode it; untagged reads as BT.709. */
  colour?: ColourTags;
  /**
   * The source's `comment` tag, carried to the graded file: it says what the clip is (a local
   * animatic's "previz: …" label), which grading does not change (issue 12 item 2).
   */
  comment?: string;
}

/**
 * The grade's filter graph: YCbCr → RGB with the source's matrix (the LUT was estimated on frames
 * decoded the same way), the LUT, then RGB → BT.709 limited 4:2:0 for delivery.
 */
export function gradeFilter(o: Pick<ApplyLutArgs, 'lutPath' | 'interp' | 'colour'>): string {
  return [toRgbFilter(o.colour), `lut3d=file=${escapeFilterValue(o.lutPath)}:interp=${o.interp ?? 'trilinear'}`, TO_BT709_YUV420P].join(',');
}

/** Apply a .cube LUT to a video with `lut3d` and re-encode with ENCODER_ARGS. */
export function applyLutArgs(o: ApplyLutArgs): string[] {
  return [
    ...safeInputArgs(o.input),
    '-vf', gradeFilter(o),
    // Video 0 and any audio; the audio is copied bit-exact (grading never touches sound).
    '-map', '0:v:0', '-map', '0:a?', '-c:a', 'copy',
    // passthrough: keep every source timestamp, so fps, frame count and duration (VFR too) stay the same.
    '-fps_mode', 'passthrough',
    ...ENCODER_ARGS,
    // The source's other metadata and chapters are not carried (encoder strings, creation
    // times): the graded file is a new deliverable. Only its description of itself is.
    '-map_metadata', '-1',
    ...(o.comment ? ['-metadata', `comment=${o.comment}`] : []),
    o.output,
  ];
}

/** Progress on stderr: `-progress pipe:2` lines are machine-readable (out_time_us=…). */
export const PROGRESS_ARGS: readonly string[] = ['-progress', 'pipe:2', '-nostats'];
