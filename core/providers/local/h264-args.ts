/**
 * The H.264 delivery settings of a local render, shared by the renderer and the bench's floor
 * (a plain encode of a still with the very same settings), so the bench ratio measures only
 * what the animatic adds.
 */

/** The comment every local animatic carries, so a previz clip is never mistaken for generation. */
export const PREVIZ_COMMENT = 'Continuity Studio local animatic (previz)';

export interface H264Options { fps: number; frames: number; comment?: string }

/** Output arguments (everything after the filtergraph / map), ending with the output path. */
export function h264OutputArgs(o: H264Options, out: string): string[] {
  return [
    '-c:v', 'libx264', '-preset', 'fast', '-crf', '18',
    '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    // Tag what the final scale produced (BT.709, limited range) so players and NLEs agree.
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    // Constant frame rate and an exact frame count: the batch's seconds × fps, no more, no fewer.
    '-fps_mode', 'cfr', '-r', String(o.fps), '-frames:v', String(o.frames),
    // No inherited metadata and no muxer/encoder version strings: same inputs → same bytes.
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact',
    ...(o.comment ? ['-metadata', `comment=${o.comment}`] : []),
    // moov atom first so the clip starts playing before it has fully downloaded / loaded.
    '-movflags', '+faststart', '-f', 'mp4', out,
  ];
}
