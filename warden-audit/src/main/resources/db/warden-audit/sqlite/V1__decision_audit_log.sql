-- The decision audit log: one row per decision, hash-chained by seq (see docs/audit.md).
-- seq is the rowid alias, so appends go to the end of the table's B-tree.
CREATE TABLE warden_audit_entry (
  seq            INTEGER PRIMARY KEY,
  time_us        INTEGER NOT NULL,
  decision_id    TEXT    NOT NULL,
  actor          TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  resource       TEXT    NOT NULL,
  tenant         TEXT,
  allowed        INTEGER NOT NULL,
  revision       INTEGER NOT NULL,
  policy_version TEXT,
  reason         TEXT    NOT NULL,
  latency_us     INTEGER NOT NULL,
  key_id         TEXT,
  source         TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL
);

-- Only time is indexed: every index is written on every append, and the actor and resource
-- indexes (random keys) cost the writer over 40% of its rate in AuditAppendBenchmark. Queries by
-- actor or resource walk entries newest first within the time range instead (docs/audit.md).
CREATE INDEX warden_audit_entry_time ON warden_audit_entry (time_us);

-- The anchor: the last appended entry, updated in the same transaction as every batch. Verify
-- compares the stored chain with it, which is how a truncated tail is detected.
CREATE TABLE warden_audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT    NOT NULL
);

INSERT INTO warden_audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
