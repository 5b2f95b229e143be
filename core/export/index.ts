/** The clip pack writer and timeline builders (DESIGN.md §8). */
export * from './types.ts';
export { writeClipPack } from './write-clip-pack.ts';
export { verifyClipPack, readManifest, ManifestSchema, type Manifest } from './manifest.ts';
export { relinkPack, type RelinkResult } from './relink-pack.ts';
export { recoverInterruptedExport } from './swap-into-place.ts';
export { sanitizeName, slugPart, NameAllocator, MAX_NAME_BYTES, isReservedWindowsName } from './sanitize-name.ts';
export { buildFcpxml } from './build-fcpxml.ts';
export { buildEdl } from './build-edl.ts';
export { buildOtio } from './build-otio.ts';
export { buildMlt, buildKdenlive } from './build-mlt.ts';
export type { Timeline, TimelineClip } from './timeline-model.ts';
