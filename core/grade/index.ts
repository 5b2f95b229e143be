/** core/grade public surface: one LUT per clip, estimated against the look, applied with lut3d. */
export { gradeClip, type GradeClipInput, type GradeClipResult } from './grade-clip.ts';
export { estimateClipLut, checkGradeOptions, LUT_SIZE, TRANSFER_METHODS, type ClipLut, type ClipLutOptions } from './clip-lut.ts';
export { applyLutArgs, gradeFilter, escapeFilterValue, ENCODER_ARGS, PROGRESS_ARGS } from './grade-args.ts';
