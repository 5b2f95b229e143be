/** core/media public surface: import from here or from the individual files. */
export { probe, probeArgs, parseProbeOutput, type ProbeResult, type ProbeOptions } from './probe.ts';
export { decodeFrames, decodeFrameSamples, decodeAllFrames, decodeArgs, outputSize, sampleIndices, type FrameSample, type DecodeFramesOptions, type DecodeAllOptions } from './decode-frames.ts';
export { loadImage, readImageInfo, MAX_INPUT_PIXELS, type ImageInfo, type LoadImageOptions } from './load-image.ts';
export { writePng, encodePng } from './write-png.ts';
export { safeInputArgs, assertInputFile, VIDEO_DEMUXERS } from './safe-input.ts';
export { runFfmpeg, SAFE_INPUT, type RunOptions, type RunResult } from './run-ffmpeg.ts';
export { resolveFfmpeg, INSTALL_FFMPEG_HELP } from './ffmpeg-path.ts';
export { extractFrame, extractFrameByIndex, frameByIndexArgs, lastFrameArgs, frameIndexAt, resolveFrameIndex, type FrameAt, type ExtractedFrame, type ExtractFrameOptions } from './extract-frame.ts';
export { extractRepresentativeFrame, type RepresentativeFrame, type RepresentativeOptions } from './representative-frame.ts';
export { frameSharpness, laplacianVariance, lumaOf, type FrameSharpness } from './frame-sharpness.ts';
export { makeThumbnail, isImagePath, IMAGE_EXTENSIONS } from './thumbnail.ts';
export { parseFfmpegProgress, parseClock } from './parse-ffmpeg-progress.ts';
export { probeDetailed, type DetailedProbe } from './probe.ts';
