// Regenerates resources/prices.json from the model registry (core/providers/models.ts): one price
// table. Run after changing a price there: `npx tsx scripts/make-prices.ts`.
import { writeFileSync } from 'node:fs';
import { DEFAULT_PRICES_PATH } from '../core/plan/estimate-cost.ts';
import { pricesFileText } from '../core/plan/registry-prices.ts';

writeFileSync(DEFAULT_PRICES_PATH, pricesFileText());
console.log(`wrote ${DEFAULT_PRICES_PATH}`);
