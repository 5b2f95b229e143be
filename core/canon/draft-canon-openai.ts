/**
 * Canon drafting with OpenAI structured output (issue 3): brief + brand kit + measured reference
 * palettes in, a schema-valid canon out. Either a whole valid canon comes back or a WorkError:
 * never a half canon. `maxRetries: 0` because a failure should surface, not silently cost three
 * calls; a timeout keeps a stuck request from hanging the app.
 */
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { CanonSchema, type Canon } from '../domain/canon.ts';
import type { LookFile } from '../domain/look.ts';
import { WorkError } from '../domain/errors.ts';
import { createLogger, registerSecret } from '../log/logger.ts';
import { BASE_NEGATIVES, type ReferencePalette } from './draft-canon-offline.ts';

const log = createLogger('canon');

export const DEFAULT_CANON_MODEL = 'gpt-4.1-mini';

export interface OpenAICanonOptions {
  apiKey: string;
  /** Override for proxies, compatible endpoints and loopback tests. */
  baseURL?: string;
  model?: string;
  /** Per-request timeout, ms. Default 60 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const INSTRUCTIONS = `You are a film director's assistant writing a "visual canon" for a batch of short AI video clips that must cut together.
Fill every field. Rules:
- lighting.paletteAnchors: 3-8 hex colours "#rrggbb", most important first, taken from the brand palette and the measured reference palettes.
- camera.framing is the anchor framing; camera.motion is the default move.
- action: 1-3 beats with atSeconds inside the clip duration.
- audio: diegetic sounds only (things in the scene), never music or voice-over.
- negatives: include every do-not-use term.
- Never mention a do-not-use term in any other field.`;

function describeApiError(err: unknown): WorkError {
  if (err instanceof OpenAI.APIError) {
    const status = err.status ?? 'no status';
    const code = err.status === 429 ? 'rate_limited' : err.status === 401 ? 'unauthorized' : 'provider_error';
    const hint = err.status === 429 ? ' (rate limited: wait and retry, or draft offline)' : err.status === 401 ? ' (check the OpenAI key in settings)' : '';
    return new WorkError(`OpenAI canon draft failed: HTTP ${status}${hint}: ${err.message}`, code, { cause: err });
  }
  return new WorkError(`OpenAI canon draft failed: ${(err as Error).message}`, 'provider_error', { cause: err });
}

/**
 * Draft a canon with an OpenAI model (Responses API, structured output from CanonSchema).
 * @throws WorkError on HTTP failure, refusal, truncation or an answer that does not match the schema
 */
export async function draftCanonOpenAI(look: LookFile, referencePalettes: readonly ReferencePalette[], opts: OpenAICanonOptions): Promise<Canon> {
  registerSecret(opts.apiKey);
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: 0, timeout: opts.timeoutMs ?? 60_000 });
  const model = opts.model ?? DEFAULT_CANON_MODEL;
  const input = {
    look: look.name,
    brief: look.brief,
    brandKit: look.brandKit,
    clipSeconds: look.batch.seconds,
    referencePalettes: referencePalettes.map((r) => ({ role: r.role, colours: r.palette.slice(0, 5).map((c) => `${c.hex} ${(c.weight * 100).toFixed(0)}%`) })),
  };
  let response;
  try {
    response = await client.responses.parse({
      model,
      instructions: INSTRUCTIONS,
      input: JSON.stringify(input),
      text: { format: zodTextFormat(CanonSchema, 'visual_canon') },
    }, { signal: opts.signal });
  } catch (err) {
    if (err instanceof OpenAI.APIUserAbortError) throw err;
    if (err instanceof OpenAI.APIError) throw describeApiError(err);
    // The SDK parses the answer with zod: a SyntaxError/ZodError here is a malformed answer.
    throw new WorkError(`OpenAI (${model}) returned a canon that does not match the schema: ${(err as Error).message.slice(0, 300)}`, 'malformed_answer', { cause: err });
  }
  if (response.status && response.status !== 'completed') {
    throw new WorkError(`OpenAI (${model}) did not finish the canon (status ${response.status}${response.incomplete_details?.reason ? `: ${response.incomplete_details.reason}` : ''})`, 'malformed_answer');
  }
  for (const item of response.output) {
    if (item.type === 'message') {
      for (const part of item.content) {
        if (part.type === 'refusal') throw new WorkError(`OpenAI (${model}) refused to draft the canon: ${part.refusal}`, 'refused');
      }
    }
  }
  // Parse again ourselves: the answer must be a whole canon even if the SDK skipped parsing.
  const checked = CanonSchema.safeParse(response.output_parsed);
  if (!checked.success) {
    throw new WorkError(`OpenAI (${model}) returned a canon that does not match the schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`, 'malformed_answer');
  }
  const canon = checked.data;
  // Negatives are a guarantee, not a suggestion: the do-not-use list is always in them.
  canon.negatives = [...new Set([...canon.negatives, ...look.brandKit.doNotUse, ...BASE_NEGATIVES])];
  log.info('canon drafted with OpenAI', { model, anchors: canon.lighting.paletteAnchors.length });
  return canon;
}
