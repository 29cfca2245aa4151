-- Entries are stored in blocks, one row per committed batch (see docs/audit.md, Storage); the
-- next migration moves the rows of warden_audit_entry into blocks and drops that table.
-- first_seq is the rowid alias, so appends go to the end of the table's B-tree.
CREATE TABLE warden_audit_block (
  first_seq   INTEGER PRIMARY KEY,
  last_seq    INTEGER NOT NULL,
  min_time_us INTEGER NOT NULL,
  max_time_us INTEGER NOT NULL,
  prev_hash   TEXT    NOT NULL,
  entries     TEXT    NOT NULL,
  hashes      TEXT    NOT NULL
);

CREATE INDEX warden_audit_block_time ON warden_audit_block (max_time_us);
