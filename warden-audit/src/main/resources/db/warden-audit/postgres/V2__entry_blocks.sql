-- Entries are stored in blocks, one row per committed batch (see docs/audit.md, Storage); the
-- next migration moves the rows of warden_audit_entry into blocks and drops that table.
CREATE TABLE warden_audit_block (
  first_seq   BIGINT PRIMARY KEY,
  last_seq    BIGINT NOT NULL,
  min_time_us BIGINT NOT NULL,
  max_time_us BIGINT NOT NULL,
  prev_hash   TEXT   NOT NULL,
  entries     TEXT   NOT NULL,
  hashes      TEXT   NOT NULL
);

CREATE INDEX warden_audit_block_time ON warden_audit_block (max_time_us);
