import type { Migration } from './migration.ts';

/**
 * Durable paid jobs (issue 7, DESIGN.md §6): one row per take sent to a remote provider, its
 * batch (budget cap) and a cost ledger per take. `take_id` is the idempotency key and is UNIQUE,
 * so a take can never own two jobs (the database backs the "never two creates per take" rule).
 * No foreign key to `takes`: the job row is the intent record and may be written before the
 * take's own row.
 */
export const migration002: Migration = {
  version: 2,
  name: 'jobs',
  up: `
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  budget_usd REAL,
  created_at TEXT NOT NULL
);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  batch_id TEXT REFERENCES batches(id),
  take_id TEXT NOT NULL UNIQUE,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('planned','submitting','submitted','running','downloading',
    'succeeded','failed','canceled','output_expired','needs_user_decision')),
  request_json TEXT NOT NULL,
  payload_json TEXT,
  submit_started_at TEXT,
  remote_id TEXT,
  progress REAL NOT NULL DEFAULT 0,
  output_url TEXT,
  output_sha256 TEXT,
  output_bytes INTEGER,
  output_path TEXT,
  seed_returned INTEGER,
  estimated_cost_usd REAL NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  cancel_sent INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX jobs_by_state ON jobs(state);
CREATE INDEX jobs_by_batch ON jobs(batch_id);
CREATE UNIQUE INDEX jobs_by_remote ON jobs(provider, remote_id) WHERE remote_id IS NOT NULL;

CREATE TABLE cost_ledger (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL REFERENCES jobs(id),
  take_id TEXT NOT NULL,
  batch_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('charge','refund')),
  amount_usd REAL NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX cost_ledger_by_take ON cost_ledger(take_id);
CREATE INDEX cost_ledger_by_batch ON cost_ledger(batch_id);
`,
};
