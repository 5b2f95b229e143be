/**
 * Reading the cost ledger (migration 003): per job, a `charge` the provider reported wins over the
 * `estimate` at list price written when the create was accepted; without a charge the estimate
 * stands and the total says it is one. An estimate is never presented as a charge (STYLE.md).
 */
import type Database from 'better-sqlite3';

export interface LedgerTotal { usd: number; estimated: boolean }

/** Sum of the ledger rows matching `where` (a fixed SQL condition with `?` parameters). */
export function ledgerTotal(db: Database.Database, where: string, params: unknown[]): LedgerTotal {
  const r = db.prepare(`SELECT COALESCE(SUM(amount_usd), 0) AS usd, COALESCE(MAX(kind = 'estimate'), 0) AS estimated FROM cost_ledger l
    WHERE ${where} AND (kind = 'charge' OR NOT EXISTS (SELECT 1 FROM cost_ledger c WHERE c.job_id = l.job_id AND c.kind = 'charge'))`)
    .get(...params) as { usd: number; estimated: number };
  return { usd: r.usd, estimated: r.estimated === 1 };
}
