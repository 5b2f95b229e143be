/**
 * The local face model (issue 10 item 6): @vladmandic/face-api on TensorFlow.js's WASM backend.
 * Loaded on first use only, so CLI start-up and takes without a character reference never pay
 * for tfjs (≈1–3 s and ~40 MB). The weights (SSD MobileNet v1 detector, 68-point landmarks, the
 * 128-d ResNet-34 face descriptor ported from dlib) ship inside the npm package under `model/`
 * and are read from disk: nothing is downloaded at run time. WASM, not `@tensorflow/tfjs-node`:
 * that one needs a native build that cannot be fetched here; the plain CPU backend also works but
 * is slower and prints a banner to stdout.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as FaceApi from '@vladmandic/face-api';
import { WorkError } from '../../domain/errors.ts';
import type { RawImage } from '../../domain/raw-image.ts';
import { createLogger } from '../../log/logger.ts';

const log = createLogger('identity');

/** One face found in an image: where, how sure the detector is, and its 128-d descriptor. */
export interface Face {
  box: { x: number; y: number; width: number; height: number };
  /** Detector confidence 0..1. */
  score: number;
  descriptor: Float32Array;
}

/** Detector confidence below which a box is not taken as a face (face-api's own default). */
export const MIN_FACE_CONFIDENCE = 0.5;

let loading: Promise<typeof FaceApi> | undefined;

interface TfRuntime {
  setWasmPaths?: (prefix: string) => void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

/** face-api with its three nets loaded on the WASM backend; loaded once per process. */
export function faceApi(): Promise<typeof FaceApi> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw new WorkError(`the local face model could not be loaded (@vladmandic/face-api on tfjs WASM): ${err instanceof Error ? err.message : String(err)}`, 'face_model', { cause: err });
  });
  return loading;
}

async function load(): Promise<typeof FaceApi> {
  const started = Date.now();
  const require = createRequire(import.meta.url);
  // The node-wasm build requires @tensorflow/tfjs + @tensorflow/tfjs-backend-wasm (pure JS + .wasm).
  const api = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;
  // The bundle re-exports tfjs and the WASM backend; its typings only describe the tensor part.
  const tf = api.tf as unknown as TfRuntime;
  // The .wasm binaries are read from the installed package, never fetched.
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  tf.setWasmPaths?.(wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`);
  // The Emscripten runtime adds process-wide 'uncaughtException'/'unhandledRejection' handlers that
  // rethrow (and print its whole minified source); the shells' own crash handling stays the only one.
  const before = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
  try {
    await tf.setBackend('wasm');
    await tf.ready();
  } finally {
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      for (const listener of process.listeners(event as 'uncaughtException')) {
        if (!(before[event] as unknown[]).includes(listener)) process.removeListener(event as 'uncaughtException', listener);
      }
    }
  }
  const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  if (!existsSync(join(modelDir, 'face_recognition_model.bin'))) throw new Error(`face-api's weights are missing from ${modelDir}`);
  await api.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await api.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await api.nets.faceRecognitionNet.loadFromDisk(modelDir);
  log.info(`face model ready on tfjs ${tf.getBackend()} in ${Date.now() - started} ms`);
  return api;
}

/** Every face in `image` with its descriptor, most confident first. */
export async function detectFaces(image: RawImage, minConfidence = MIN_FACE_CONFIDENCE): Promise<Face[]> {
  const api = await faceApi();
  const input = api.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  try {
    const found = await api.detectAllFaces(input as unknown as FaceApi.TNetInput, new api.SsdMobilenetv1Options({ minConfidence }))
      .withFaceLandmarks().withFaceDescriptors();
    return found
      .map((f) => ({ box: { x: f.detection.box.x, y: f.detection.box.y, width: f.detection.box.width, height: f.detection.box.height }, score: f.detection.score, descriptor: f.descriptor }))
      .sort((a, b) => b.score - a.score);
  } finally {
    input.dispose();
  }
}

/**
 * Euclidean distance between two face descriptors: the space the descriptor was trained in
 * (dlib's metric loss pulls one person's faces within 0.6 of each other), so no normalisation.
 */
export function faceDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}
