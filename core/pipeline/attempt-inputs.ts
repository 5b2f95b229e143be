/**
 * What an attempt sends to the renderer, as one comparable key (issue 10 item 8: a retry whose
 * inputs equal an earlier attempt's is not made). The key holds what the renderer actually
 * receives: the mechanism, the seed when the model takes one, the start image's bytes (a stronger
 * style pull or a new keyframe seed shows up there), and the shot's declared change. Style
 * strength itself is not in it: renderers never receive it, only keyframe makers do.
 */
import { createHash } from 'node:crypto';
import { hashFile } from '../export/hash-file.ts';

export interface AttemptInputs {
  mechanism: string;
  /** The seed sent; null when the model takes none. */
  seedSent: number | null;
  startImage: string;
  prompt: string;
  /** Anything else the request carries that a retry could change (declared deltas, anchor take). */
  extra?: unknown;
}

/** sha256 over the attempt's inputs (the start image by content, not by path). */
export async function attemptInputsKey(i: AttemptInputs): Promise<string> {
  const start = (await hashFile(i.startImage)).sha256;
  return createHash('sha256').update(JSON.stringify([i.mechanism, i.seedSent, start, i.prompt, i.extra ?? null])).digest('hex');
}
