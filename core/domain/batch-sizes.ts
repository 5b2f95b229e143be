/**
 * Sizes a batch can be delivered at. The last two are previz drafts (quick looks on a slow
 * machine, and the browser e2e): remote models are conformed up to a size they accept. Apart from
 * the look schema (which loads zod) so the command line can check `--size` cheaply.
 */
export const BATCH_SIZES = ['1280x720', '720x1280', '1920x1080', '1080x1920', '640x360', '320x180'] as const;
export type BatchSize = (typeof BATCH_SIZES)[number];
