/**
 * The gate's optional semantic metric (issue 10 item 7): image similarity as the cosine of CLIP
 * image embeddings from Replicate's `andreasjansson/clip-features` (PROVIDERS.md): `{inputs:
 * "url\nurl"}` → `[{input, embedding[768]}]`, not normalised. The model reads data: URIs as text,
 * so each image is uploaded first (`POST /v1/files`) and sent by URL.
 *
 * Money: Replicate bills this model by GPU time and a prediction reports no charge, only
 * `metrics.predict_time`; each prediction's cost is recorded as an ESTIMATE from that time at the
 * hardware's listed rate (or from a typical run when no time is reported), never as a charge.
 * Embeddings are cached by image content, so a look reference is embedded (and paid for) once.
 *
 * The create is sent once (the SDK's own retry is off: guarded fetch in 'respond' mode); a failed
 * or refused prediction is an error the caller reports as "semantic similarity not measured".
 */
import { createHash } from 'node:crypto';
import Replicate from 'replicate';
import sharp from 'sharp';
import { CanceledError, InputError, WorkError } from '../../domain/errors.ts';
import type { RawImage } from '../../domain/raw-image.ts';
import { resolveBaseUrl, resolveKey, type KeySources } from '../keys.ts';
import { createGuardedFetch, toProviderError } from '../remote/guarded-fetch.ts';
import { MIN_POLL_MS, pollIntervalFromEnv } from '../poll-interval.ts';
import { cosineSimilarity } from '../../quality/cosine.ts';

export const CLIP_FEATURES_MODEL = 'andreasjansson/clip-features';
/**
 * USD per GPU second the estimate uses: Replicate's listed Nvidia T4 rate, the hardware this model
 * runs on (an assumption from its model page; Replicate reports no charge per prediction).
 */
export const CLIP_USD_PER_SECOND = 0.000225;
/** GPU seconds assumed when a prediction reports no `predict_time`. */
export const CLIP_TYPICAL_SECONDS = 2;
/** Images are sent at most this wide: CLIP looks at 224 px. */
const UPLOAD_WIDTH = 448;
const DEADLINE_MS = 5 * 60_000;

/** Money one semantic measurement spent: always an estimate for this model (see the header). */
export interface SemanticSpend { what: string; usd: number; estimated: true; basis: string }

export interface ReplicateClipOptions extends KeySources {
  baseUrl?: string;
  pollIntervalMs?: number;
  fetchImpl?: typeof fetch;
}

export interface ReplicateClip {
  /** Cosine of the two images' CLIP embeddings (clamped to 0..1) and what it cost. */
  similarity(a: RawImage, b: RawImage, signal?: AbortSignal): Promise<{ value: number; spend: SemanticSpend[] }>;
}

interface Prediction { id: string; status: string; output?: unknown; error?: unknown; metrics?: { predict_time?: number } }

/** A Replicate CLIP client. Throws InputError without a token. */
export function createReplicateClip(opts: ReplicateClipOptions = {}): ReplicateClip {
  const auth = resolveKey('replicate', opts);
  if (!auth) throw new InputError('the semantic check uses Replicate: set REPLICATE_API_TOKEN (or add it in Settings → Providers)', 'REPLICATE_API_TOKEN', undefined);
  const baseUrl = opts.baseUrl ?? resolveBaseUrl('replicate', opts.env);
  const client = new Replicate({ auth, ...(baseUrl ? { baseUrl } : {}), useFileOutput: false, fetch: createGuardedFetch({ provider: 'replicate', mode: 'respond', fetchImpl: opts.fetchImpl }) });
  const interval = opts.pollIntervalMs ?? pollIntervalFromEnv('replicate', opts.env ?? process.env) ?? MIN_POLL_MS.replicate!;
  const embeddings = new Map<string, Promise<number[]>>();
  let version: Promise<string> | undefined;

  const latestVersion = (signal?: AbortSignal) => {
    version ??= (async () => {
      const [owner, name] = CLIP_FEATURES_MODEL.split('/') as [string, string];
      const model = await client.models.get(owner, name, { signal }) as { latest_version?: { id: string } };
      if (!model.latest_version) throw new WorkError(`Replicate model ${CLIP_FEATURES_MODEL} has no published version`, 'replicate_no_version');
      return model.latest_version.id;
    })();
    version.catch(() => { version = undefined; });
    return version;
  };

  async function upload(img: RawImage, signal?: AbortSignal): Promise<string> {
    const png = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
      .resize({ width: UPLOAD_WIDTH, withoutEnlargement: true }).png().toBuffer();
    const file = await client.files.create(new Blob([new Uint8Array(png)], { type: 'image/png' }), undefined, { signal }) as { urls?: { get?: string } };
    if (!file.urls?.get) throw new WorkError('Replicate did not return a URL for an uploaded frame', 'replicate_upload');
    return file.urls.get;
  }

  /** Embed `images` in one prediction; returns the embeddings in order and the spend. */
  async function embed(images: RawImage[], signal?: AbortSignal): Promise<{ vectors: number[][]; spend: SemanticSpend }> {
    const urls: string[] = [];
    for (const img of images) urls.push(await upload(img, signal));
    let p = await client.predictions.create({ version: await latestVersion(signal), input: { inputs: urls.join('\n') }, signal }) as Prediction;
    const deadline = Date.now() + DEADLINE_MS;
    while (p.status === 'starting' || p.status === 'processing') {
      if (signal?.aborted) { await client.predictions.cancel(p.id).catch(() => undefined); throw new CanceledError(); }
      if (Date.now() > deadline) throw new WorkError(`Replicate CLIP prediction ${p.id} did not finish in ${DEADLINE_MS / 60_000} min`, 'replicate_timeout');
      await new Promise((r) => setTimeout(r, interval));
      p = await client.predictions.get(p.id, { signal }) as Prediction;
    }
    const seconds = p.metrics?.predict_time;
    const spend: SemanticSpend = {
      what: `semantic similarity: Replicate ${CLIP_FEATURES_MODEL} prediction ${p.id} (${images.length} image${images.length === 1 ? '' : 's'})`,
      usd: (seconds ?? CLIP_TYPICAL_SECONDS) * CLIP_USD_PER_SECOND, estimated: true,
      basis: seconds !== undefined ? `${seconds} s GPU time reported × $${CLIP_USD_PER_SECOND}/s (T4 list rate)` : `no GPU time reported: ${CLIP_TYPICAL_SECONDS} s assumed × $${CLIP_USD_PER_SECOND}/s`,
    };
    if (p.status !== 'succeeded') throw Object.assign(new WorkError(`Replicate CLIP prediction ${p.id} ${p.status}: ${typeof p.error === 'string' ? p.error : JSON.stringify(p.error ?? '')}`, `replicate_${p.status}`), { spend });
    const out = Array.isArray(p.output) ? p.output as Array<{ input?: string; embedding?: number[] }> : [];
    const vectors = urls.map((u) => out.find((o) => o.input === u)?.embedding);
    if (vectors.some((v) => !Array.isArray(v) || v.length === 0)) throw Object.assign(new WorkError(`Replicate CLIP prediction ${p.id} returned no embedding for an image`, 'replicate_no_output'), { spend });
    return { vectors: vectors as number[][], spend };
  }

  return {
    async similarity(a, b, signal) {
      const keys = [a, b].map((img) => createHash('sha256').update(`${img.width}x${img.height}`).update(img.data).digest('hex'));
      const missing = [a, b].filter((_, i) => !embeddings.has(keys[i]!) && keys.indexOf(keys[i]!) === i);
      const spend: SemanticSpend[] = [];
      if (missing.length) {
        const run = embed(missing, signal).catch((err: unknown) => { throw toProviderErrorKeepingSpend(err); });
        missing.forEach((img, i) => {
          const key = keys[[a, b].indexOf(img)]!;
          const vec = run.then((r) => r.vectors[i]!);
          vec.catch(() => embeddings.delete(key));
          embeddings.set(key, vec);
        });
        spend.push((await run).spend);
      }
      const [va, vb] = await Promise.all(keys.map((k) => embeddings.get(k)!));
      return { value: Math.max(0, Math.min(1, cosineSimilarity(va!, vb!))), spend };
    },
  };
}

function toProviderErrorKeepingSpend(err: unknown): Error {
  const spend = (err as { spend?: SemanticSpend }).spend;
  const out = err instanceof WorkError || err instanceof CanceledError ? err : toProviderError(err, 'replicate');
  return spend ? Object.assign(out, { spend }) : out;
}
