/**
 * Reading a take's pixels for scoring: every frame once at a small size (flicker and drift need
 * consecutive frames; palette and histogram take an even sample of the same pass), exact
 * first/last frames for bridges, and the look's reference images.
 */
import { InputError } from '../domain/errors.ts';
import type { RawImage } from '../domain/raw-image.ts';
import { decodeAllFrames, decodeEdgeFrame, sampleIndices } from '../media/decode-frames.ts';
import { probe, type ProbeResult } from '../media/probe.ts';
import { loadImage } from '../media/load-image.ts';
import { ANALYSIS_WIDTH, prepareReferences, type ReferenceSet, type TakeFrames } from './measure-frames.ts';

export { ANALYSIS_WIDTH };
/** Frames pooled for palette and histogram. */
export const POOLED_FRAMES = 12;
/** Width bridge frames are compared at (SSIM downsamples to ~256 px on the short side anyway). */
export const BRIDGE_WIDTH = 480;

export interface ReadOptions { signal?: AbortSignal; probed?: ProbeResult }

/** One decode pass: every frame at ANALYSIS_WIDTH for flicker/drift, an even sample kept for palette. */
export async function readVideoFrames(video: string, options: ReadOptions = {}): Promise<TakeFrames & { probed: ProbeResult }> {
  const probed = options.probed ?? (await probe(video, { signal: options.signal }));
  const wanted = new Set(sampleIndices(probed.frameCount, POOLED_FRAMES));
  const sequence: RawImage[] = [];
  const pooled: RawImage[] = [];
  await decodeAllFrames(video, {
    maxWidth: ANALYSIS_WIDTH, signal: options.signal, probed,
    onFrame: (image, index) => { sequence.push(image); if (wanted.has(index)) pooled.push(image); },
  });
  // A packet count can exceed the decodable frames (a damaged tail): fall back to the decoded ones.
  if (pooled.length === 0) pooled.push(...sampleIndices(sequence.length, POOLED_FRAMES).map((i) => sequence[i]!));
  return { pooled, sequence, first: sequence[0], probed };
}

/**
 * A still for analysis: decoded no wider than BRIDGE_WIDTH, then brought to ANALYSIS_WIDTH by
 * measureFrames/prepareReferences with the same area average. Still takes and look references both
 * come through here, so an image scored against itself measures 0 (with the reference resized by
 * sharp's lanczos3 straight to 160 px and the take area-averaged, the same PNG measured palette
 * ΔE 2.5 and chromaticity distance 0.12 against itself).
 */
export async function loadStill(path: string): Promise<RawImage> {
  return loadImage(path, { maxWidth: BRIDGE_WIDTH });
}

/** A still take (an image): palette and histogram only (measureFrames brings it to ANALYSIS_WIDTH). */
export async function readImageFrames(image: string): Promise<TakeFrames> {
  const first = await loadStill(image);
  return { pooled: [first], sequence: [], first };
}

/**
 * The exact first or last frame of a video (the frame a full decode would give), decoded at
 * BRIDGE_WIDTH straight from ffmpeg: no PNG is written and read back.
 */
export async function readVideoFrame(video: string, at: 'first' | 'last', options: ReadOptions = {}): Promise<RawImage> {
  return decodeEdgeFrame(video, at, { maxWidth: BRIDGE_WIDTH, signal: options.signal, probed: options.probed });
}

/**
 * Load and summarise the look's reference images (palette + histogram), naming a bad file.
 * Read like a still take (loadStill) and brought to ANALYSIS_WIDTH by the same area average as
 * the take's frames: palettes compared at different scales or through different resampling
 * filters differ by the edge colours the filter makes, which is not a difference in look.
 */
export async function loadReferences(paths: readonly string[]): Promise<ReferenceSet> {
  if (paths.length === 0) throw new InputError('at least one reference image is needed (--reference IMAGE)', 'referenceImages', []);
  const images: RawImage[] = [];
  for (const path of paths) images.push(await loadStill(path));
  return prepareReferences(images);
}
