-- Blocks the writer found stored past the head checkpoint (the audit log never writes there, so
-- something else inserted them) are moved here instead of blocking every later append; verify
-- reports the log as broken while any row remains (see docs/audit.md, Foreign blocks).
CREATE TABLE warden_audit_foreign_block (
  id          INTEGER PRIMARY KEY,
  found_at_us INTEGER NOT NULL,
  head_seq    INTEGER NOT NULL,
  first_seq   INTEGER NOT NULL,
  last_seq    INTEGER NOT NULL,
  min_time_us INTEGER NOT NULL,
  max_time_us INTEGER NOT NULL,
  prev_hash   TEXT    NOT NULL,
  entries     TEXT    NOT NULL,
  hashes      TEXT    NOT NULL
);
