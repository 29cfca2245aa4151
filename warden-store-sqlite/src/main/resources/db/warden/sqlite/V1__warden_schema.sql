-- The Warden store schema (SQLite). See JdbcTupleStore for how the tables are used.

CREATE TABLE warden_meta (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  revision        INTEGER NOT NULL,
  changelog_floor INTEGER NOT NULL,
  active_policy   INTEGER
);
INSERT INTO warden_meta (id, revision, changelog_floor, active_policy) VALUES (1, 0, 0, NULL);

-- subject_relation is '' for a plain subject, so the key never holds NULL.
CREATE TABLE warden_grants (
  resource_type     TEXT NOT NULL,
  resource_id       TEXT NOT NULL,
  relation          TEXT NOT NULL,
  subject_type      TEXT NOT NULL,
  subject_id        TEXT NOT NULL,
  subject_relation  TEXT NOT NULL,
  condition_name    TEXT,
  condition_context TEXT,
  revision          INTEGER NOT NULL,
  PRIMARY KEY (resource_type, resource_id, relation, subject_type, subject_id, subject_relation)
) WITHOUT ROWID;

CREATE INDEX warden_grants_by_subject
  ON warden_grants (subject_type, subject_id, subject_relation, resource_type, relation);

CREATE TABLE warden_attributes (
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  attributes  TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  PRIMARY KEY (entity_type, entity_id)
) WITHOUT ROWID;

-- kind: W (grant written), D (grant deleted), A (attributes set: entity in resource_type and
-- resource_id, the attributes JSON in payload). For W and D, payload is the condition context.
CREATE TABLE warden_changes (
  revision         INTEGER NOT NULL,
  seq              INTEGER NOT NULL,
  kind             TEXT NOT NULL,
  resource_type    TEXT NOT NULL,
  resource_id      TEXT NOT NULL,
  relation         TEXT,
  subject_type     TEXT,
  subject_id       TEXT,
  subject_relation TEXT,
  condition_name   TEXT,
  payload          TEXT,
  PRIMARY KEY (revision, seq)
) WITHOUT ROWID;

CREATE TABLE warden_policies (
  version  INTEGER PRIMARY KEY,
  source   TEXT NOT NULL,
  saved_at INTEGER NOT NULL
);
