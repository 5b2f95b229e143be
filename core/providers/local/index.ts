/** The local provider: animatic renderer and keyframe maker (both previz, no keys, no network). */
export { renderAnimatic, type AnimaticOptions, type AnimaticResult } from './render-animatic.ts';
export { makeLocalKeyframe, framingCrop, FRAMING_SCALE, type LocalKeyframeOptions, type LocalKeyframeResult } from './make-local-keyframe.ts';
export { PREVIZ_COMMENT, h264OutputArgs } from './h264-args.ts';
export { cameraPath, windowAt, ease, type CameraPath, type CameraWindow } from './camera-path.ts';
