/**
 * Public URLs for input images, through the user's own fal storage (`fal.storage.upload`), for APIs
 * that fetch images by URL and offer no upload of their own (Luma's Dream Machine API: the lumaai
 * SDK has no upload and a keyframe is `{type: "image", url}`). Used only when the user chose it
 * (CONTINUITY_LUMA_IMAGE_HOST=fal) and recorded on every take that used it: the image leaves
 * the machine to a public URL, which an agency must know.
 */
import { createFalClient } from '@fal-ai/client';
import { InputError } from '../../domain/errors.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { createGuardedFetch, toProviderError } from './guarded-fetch.ts';

export interface ImageHost {
  /** Short description for records: where the image went. */
  readonly label: string;
  upload(bytes: Buffer, contentType: string): Promise<string>;
}

/** The fal-storage host. Throws InputError naming FAL_KEY when fal has no key. */
export function createFalImageHost(src: KeySources & { fetchImpl?: typeof fetch } = {}): ImageHost {
  const credentials = resolveKey('fal', src);
  if (!credentials) throw new InputError('the fal image host needs a fal key: set FAL_KEY (or add it in Settings → Providers)', 'FAL_KEY', undefined);
  const baseUrl = resolveBaseUrl('fal', src.env);
  const client = createFalClient({
    credentials, suppressLocalCredentialsWarning: true,
    ...(baseUrl ? { proxyUrl: { url: baseUrl, when: 'always' as const } } : {}),
    fetch: createGuardedFetch({ provider: 'fal', mode: 'throw', fetchImpl: src.fetchImpl }),
  });
  return {
    label: 'fal storage (public URL; retention per your fal account settings)',
    async upload(bytes, contentType) {
      try { return await client.storage.upload(new Blob([new Uint8Array(bytes)], { type: contentType })); } catch (err) { throw toProviderError(err, 'fal'); }
    },
  };
}
