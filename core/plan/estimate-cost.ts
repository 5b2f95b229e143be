/**
 * Cost estimates from the price table (issue 3): data in resources/prices.json, user-editable,
 * keyed "<provider>/<model>". Shown per clip and per batch before any money is spent.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError } from '../domain/errors.ts';
import { describeIssues } from '../look/describe-zod-issue.ts';

export const DEFAULT_PRICES_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'prices.json');

const PriceSchema = z.object({
  perSecondUsd: z.number().min(0).optional(),
  perClipUsd: z.number().min(0).optional(),
  perImageUsd: z.number().min(0).optional(),
  billingUnitSeconds: z.number().positive().optional(),
  minSeconds: z.number().positive().optional(),
  note: z.string().optional(),
}).refine((p) => [p.perSecondUsd, p.perClipUsd, p.perImageUsd].filter((x) => x !== undefined).length === 1, {
  message: 'must set exactly one of perSecondUsd, perClipUsd, perImageUsd',
});
export type Price = z.infer<typeof PriceSchema>;
export type PriceTable = Record<string, Price>;

/**
 * Read and validate a price table (keys starting with "_" are comments).
 * @throws InputError naming the file, the key and the value
 */
export function loadPriceTable(path = process.env.CONTINUITY_PRICES ?? DEFAULT_PRICES_PATH): PriceTable {
  let raw: Record<string, unknown>;
  try { raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>; } catch (err) {
    throw new InputError(`price table ${JSON.stringify(path)} cannot be read: ${(err as Error).message}`, 'prices', path);
  }
  const table: PriceTable = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('_')) continue;
    const parsed = PriceSchema.safeParse(value);
    if (!parsed.success) throw new InputError(`${path}: ${describeIssues(parsed.error.issues, value, { prefix: JSON.stringify(key) })}`, key, value);
    table[key] = parsed.data;
  }
  return table;
}

export interface CostEstimate {
  provider: string;
  model: string;
  perClipUsd: number;
  totalUsd: number;
  /** Seconds billed per clip after unit rounding (undefined for per-clip/per-image prices). */
  billedSeconds?: number;
  /** False when the table has no price for this model (the estimate is then 0 and says so). */
  known: boolean;
  /** Paid keyframes in the batch (identity/style keyframes made by a keyframe model), USD; included in totalUsd. */
  keyframesUsd?: number;
  notes: string[];
}

const cents = (x: number) => Math.round(x * 10000) / 10000;

/** Paid keyframes planned for a batch: which keyframe model ("provider/model") and how many. */
export interface KeyframeCount { key: string; count: number }

/**
 * Estimate a batch: `clips` clips of `seconds` each on one model. `generateSeconds` is what the
 * model is asked to make when it cannot make `seconds` exactly (conform trims the rest locally,
 * but the longer generation is what is billed); `keyframes` adds the batch's paid keyframes.
 */
export function estimateCost(
  { provider, model, seconds, clips, generateSeconds, keyframes = [] }: { provider: string; model: string; seconds: number; clips: number; generateSeconds?: number; keyframes?: KeyframeCount[] },
  table: PriceTable = loadPriceTable(),
): CostEstimate {
  const key = `${provider}/${model}`;
  const price = table[key];
  if (!price) {
    return { provider, model, perClipUsd: 0, totalUsd: 0, known: false, notes: [`no price for ${key} in the price table; add it to resources/prices.json to get an estimate`] };
  }
  const notes: string[] = price.note ? [price.note] : [];
  let perClip: number;
  let billedSeconds: number | undefined;
  if (price.perSecondUsd !== undefined) {
    const unit = price.billingUnitSeconds ?? 1;
    const made = Math.max(seconds, generateSeconds ?? seconds);
    if (made !== seconds) notes.push(`the model makes ${made} s for a ${seconds} s clip (trimmed locally)`);
    billedSeconds = Math.max(price.minSeconds ?? 0, Math.ceil(made / unit - 1e-9) * unit);
    if (billedSeconds !== seconds) notes.push(`${seconds} s is billed as ${billedSeconds} s`);
    perClip = price.perSecondUsd * billedSeconds;
  } else {
    perClip = price.perClipUsd ?? price.perImageUsd ?? 0;
  }
  let keyframesUsd = 0;
  for (const k of keyframes.filter((x) => x.count > 0)) {
    const kp = table[k.key];
    const each = kp?.perImageUsd ?? kp?.perClipUsd ?? 0;
    keyframesUsd += each * k.count;
    notes.push(kp ? `${k.count} paid keyframe(s) on ${k.key} at ${each} USD each (made locally at no charge when that provider has no key)` : `no price for keyframe model ${k.key}; its ${k.count} keyframe(s) are not in the estimate`);
  }
  notes.push('estimate for one take per clip; automatic retries of off-look takes cost extra');
  return { provider, model, perClipUsd: cents(perClip), totalUsd: cents(perClip * clips + keyframesUsd), billedSeconds, known: true, notes, ...(keyframes.length ? { keyframesUsd: cents(keyframesUsd) } : {}) };
}
