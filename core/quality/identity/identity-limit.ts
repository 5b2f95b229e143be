/**
 * The gate's identity limit, apart from the face model so the thresholds table can name it without
 * loading anything: max euclidean face-descriptor distance for "the same person". Calibrated on
 * real photos (judge-identity.ts says how; `npm run eval:identity` re-measures it).
 */
export const IDENTITY_MAX_DISTANCE = 0.55;
