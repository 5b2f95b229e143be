/**
 * One price table (issue 12 item 10): the model registry (core/providers/models.ts) holds the
 * list prices; `resources/prices.json` is DERIVED from it (`npx tsx scripts/make-prices.ts`) so the
 * plan's estimate and the job runner's estimate can never disagree. A test compares the file with
 * this function's output. Users may still point CONTINUITY_PRICES at their own table.
 */
import { listModels } from '../providers/registry.ts';
import type { Price, PriceTable } from './estimate-cost.ts';

export const PRICES_HELP = 'Price table for cost estimates, generated from the model registry (core/providers/models.ts) by `npx tsx scripts/make-prices.ts`: edit the registry, not this file (or point CONTINUITY_PRICES at your own table). Key: "<provider>/<model>". Value: {"perSecondUsd": n} or {"perImageUsd": n}; optional "billingUnitSeconds" (duration rounded up to whole units) and "note". List prices in USD, estimates shown before spending; check the providers\' pricing pages before a large batch.';

/** Every registered model's list price, keyed "<provider>/<model>". */
export function registryPriceTable(): PriceTable {
  const table: PriceTable = {};
  for (const m of listModels()) {
    const p = m.price;
    const price: Price = p.perImageUsd !== undefined ? { perImageUsd: p.perImageUsd } : { perSecondUsd: p.perSecondUsd ?? 0 };
    if (p.billingUnitSeconds !== undefined) price.billingUnitSeconds = p.billingUnitSeconds;
    if (p.note) price.note = p.note;
    table[`${m.provider}/${m.id}`] = price;
  }
  return table;
}

/** The text of resources/prices.json. */
export function pricesFileText(): string {
  return `${JSON.stringify({ _help: PRICES_HELP, ...registryPriceTable() }, null, 2)}\n`;
}
