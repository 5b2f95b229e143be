/**
 * The H.264 delivery settings of a local render, shared by the renderer, conforming and the
 * bench's floor (a plain encode of a still with the very same settings), so the bench ratio
 * measures only what the animatic adds. Codec, preset, CRF and BT.709 tags come from
 * core/media/bt709.ts, the builder every delivered encode shares.
 */
import { h264DeliveryArgs } from '../../media/bt709.ts';

/**
 * The comment every local animatic carries, so a previz clip is never mistaken for generation
 * (issue 12 item 2); the grade carries it on to the graded clip.
 */
export const PREVIZ_COMMENT = 'Continuity Studio local animatic (previz)';

export interface H264Options { fps: number; frames: number; comment?: string }

/** Output arguments (everything after the filtergraph / map), ending with the output path. */
export function h264OutputArgs(o: H264Options, out: string): string[] {
  return [
    // libx264 fast/CRF 18, High, yuv420p, BT.709 tags, +faststart: the filter graph before this
    // converts to BT.709 4:2:0 itself (TO_BT709_YUV420P or an equivalent scale).
    ...h264DeliveryArgs(),
    // Constant frame rate and an exact frame count: the batch's seconds × fps, no more, no fewer.
    '-fps_mode', 'cfr', '-r', String(o.fps), '-frames:v', String(o.frames),
    // No inherited metadata and no muxer/encoder version strings: same inputs → same bytes.
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact',
    ...(o.comment ? ['-metadata', `comment=${o.comment}`] : []),
    '-f', 'mp4', out,
  ];
}
