import type { Migration } from './migration.ts';

/**
 * Truthful records (issue 12, items 4 and 8).
 *
 * - takes: who or what decided the review verdict (`review_by`: the quality gate in a headless
 *   run, or a person), when (`review_at`), and by which action (`review_action`, e.g. the app's
 *   review screen). A gate pass is never stored as a person's approval.
 * - cost_ledger: an estimate is not a charge. Rows become `estimate` (list price at the time the
 *   provider accepted the create) or `charge` (an amount the provider itself reported). Every
 *   row written before this migration was an estimate at list price (no adapter reports a
 *   charge), so they are re-labelled `estimate`. The `refund` kind goes: no provider we call
 *   reports refunds and no code path ever wrote one, so any such row cannot exist; it is dropped
 *   by the copy rather than kept under a kind nothing reads.
 */
export const migration003: Migration = {
  version: 3,
  name: 'records',
  up: `
ALTER TABLE takes ADD COLUMN review_by TEXT CHECK (review_by IN ('gate', 'person'));
ALTER TABLE takes ADD COLUMN review_at TEXT;
ALTER TABLE takes ADD COLUMN review_action TEXT;

CREATE TABLE cost_ledger_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL REFERENCES jobs(id),
  take_id TEXT NOT NULL,
  batch_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('estimate','charge')),
  amount_usd REAL NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO cost_ledger_new (id, job_id, take_id, batch_id, kind, amount_usd, note, created_at)
  SELECT id, job_id, take_id, batch_id, 'estimate', amount_usd,
    CASE WHEN note LIKE 'estimate at list price%' THEN 'estimated at list price' || substr(note, 23) ELSE note END, created_at
  FROM cost_ledger WHERE kind = 'charge';
DROP TABLE cost_ledger;
ALTER TABLE cost_ledger_new RENAME TO cost_ledger;
CREATE INDEX cost_ledger_by_take ON cost_ledger(take_id);
CREATE INDEX cost_ledger_by_batch ON cost_ledger(batch_id);
`,
};
