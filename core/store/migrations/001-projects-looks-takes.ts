import type { Migration } from './migration.ts';

/**
 * Owned by the store work (issue 2): looks, references, canon versions, sessions, shots, takes,
 * assets, settings. JSON columns hold zod-validated domain objects (core/domain); the columns
 * beside them are what queries filter and sort on. Times are ISO-8601 UTC strings.
 */
export const migration001: Migration = {
  version: 1,
  name: 'projects-looks-takes',
  up: `
CREATE TABLE assets (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  ext        TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  kind       TEXT NOT NULL,              -- image | video | lut | json | other
  created_at TEXT NOT NULL
);

CREATE TABLE looks (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  look_json  TEXT NOT NULL,
  dir        TEXT,                       -- folder the LOOK.json came from, if any
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE look_references (
  id            TEXT PRIMARY KEY,
  look_id       TEXT NOT NULL REFERENCES looks(id) ON DELETE CASCADE,
  asset_sha256  TEXT NOT NULL,
  role          TEXT NOT NULL,
  approved      INTEGER NOT NULL DEFAULT 1 CHECK (approved IN (0, 1)),
  label         TEXT,
  analysis_json TEXT,                    -- palette, histogram, etc. once analysed
  position      INTEGER NOT NULL
);
CREATE INDEX look_references_by_look ON look_references(look_id, position);

CREATE TABLE canon_versions (
  look_id    TEXT NOT NULL REFERENCES looks(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL CHECK (version >= 1),
  canon_json TEXT NOT NULL,
  source     TEXT NOT NULL,              -- drafted | edited | imported | llm
  created_at TEXT NOT NULL,
  PRIMARY KEY (look_id, version)
);

CREATE TABLE sessions (
  id                     TEXT PRIMARY KEY,
  look_id                TEXT REFERENCES looks(id) ON DELETE CASCADE,
  name                   TEXT NOT NULL,
  primary_style_ref_json TEXT,
  created_at             TEXT NOT NULL
);

CREATE TABLE shots (
  id              TEXT PRIMARY KEY,
  look_id         TEXT NOT NULL REFERENCES looks(id) ON DELETE CASCADE,
  session_id      TEXT REFERENCES sessions(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  plan_json       TEXT NOT NULL,
  status          TEXT NOT NULL,
  stale           INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1)),
  current_take_id TEXT,                  -- no FK: takes reference shots, and a cycle makes deletes awkward
  updated_at      TEXT NOT NULL
);
CREATE INDEX shots_by_look ON shots(look_id, position);
CREATE INDEX shots_by_session ON shots(session_id, position);

CREATE TABLE takes (
  id             TEXT PRIMARY KEY,
  shot_id        TEXT NOT NULL REFERENCES shots(id) ON DELETE CASCADE,
  attempt        INTEGER NOT NULL CHECK (attempt >= 1),
  state          TEXT NOT NULL,
  pack_json      TEXT,
  mechanism      TEXT,
  output_sha256  TEXT,
  graded_sha256  TEXT,
  lut_sha256     TEXT,
  score          REAL,
  pass           INTEGER CHECK (pass IN (0, 1)),
  reasons_json   TEXT,
  review         TEXT NOT NULL DEFAULT 'pending',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (shot_id, attempt)
);
CREATE INDEX takes_by_shot ON takes(shot_id, attempt);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);
`,
};
