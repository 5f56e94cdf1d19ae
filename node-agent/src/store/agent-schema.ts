/**
 * Versioned schema of the agent database. Migrations run in order, each once, inside a
 * transaction; `PRAGMA user_version` records how many were applied. Never edit a released
 * migration: append a new one.
 *
 * Times are Unix milliseconds. Hashes are raw bytes.
 */
export const AGENT_MIGRATIONS: readonly string[] = [
  // 1: outbox, the gateway's receipts about it, per-recipient delivery, agent counters.
  `
  CREATE TABLE outbox (
    message_id       TEXT PRIMARY KEY,
    sequence         INTEGER NOT NULL UNIQUE CHECK (sequence > 0),
    payload_type     TEXT NOT NULL,
    recipients       TEXT NOT NULL CHECK (json_valid(recipients) AND json_type(recipients) = 'array'),
    broadcast        INTEGER NOT NULL CHECK (broadcast IN (0, 1)),
    envelope         BLOB NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('queued', 'published', 'accepted', 'rejected')),
    reason_code      TEXT,
    reason_detail    TEXT,
    idempotency_key  TEXT UNIQUE,
    request_sha256   BLOB,
    created_at       INTEGER NOT NULL,
    published_at     INTEGER,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    next_attempt_at  INTEGER NOT NULL,
    accepted_at      INTEGER
  ) STRICT;
  -- Partial indexes keep the relay's and the metrics' queries bounded: settled rows (the
  -- bulk of the table over time) are in none of them.
  CREATE INDEX outbox_queued ON outbox (sequence) WHERE status = 'queued';
  CREATE INDEX outbox_resend ON outbox (next_attempt_at) WHERE status = 'published';
  CREATE INDEX outbox_unconfirmed ON outbox (sequence) WHERE status IN ('queued', 'published');
  CREATE INDEX outbox_status ON outbox (status, message_id);

  CREATE TABLE receipts (
    receipt_id   TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'delivered')),
    recipient    TEXT,
    reason_code  TEXT,
    detail       TEXT,
    received_at  INTEGER NOT NULL,
    envelope     BLOB NOT NULL
  ) STRICT;
  CREATE INDEX receipts_message ON receipts (message_id);

  CREATE TABLE deliveries (
    message_id    TEXT NOT NULL REFERENCES outbox (message_id),
    recipient     TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'delivered')),
    delivered_at  INTEGER,
    PRIMARY KEY (message_id, recipient)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE agent_state (
    key    TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
  ) STRICT;
  INSERT INTO agent_state (key, value) VALUES ('sender_sequence', 0);
  `,
  // 2: the inbox: verified items for the national system, and items refused by verification.
  `
  CREATE TABLE inbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT NOT NULL UNIQUE,
    sender           TEXT NOT NULL,
    payload_type     TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    tlp              INTEGER NOT NULL,
    exercise         INTEGER NOT NULL,
    header_json      TEXT NOT NULL,
    payload_json     TEXT NOT NULL,
    envelope         BLOB NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    delivered_at     INTEGER,
    channel          TEXT CHECK (channel IN ('webhook', 'api')),
    ack_message_id   TEXT
  ) STRICT;
  CREATE INDEX inbox_due ON inbox (next_attempt_at) WHERE state = 'pending';

  CREATE TABLE inbox_quarantine (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at      INTEGER NOT NULL,
    reason           TEXT NOT NULL,
    detail           TEXT NOT NULL,
    envelope_sha256  BLOB NOT NULL,
    size             INTEGER NOT NULL,
    head             BLOB NOT NULL,
    claimed_sender   TEXT,
    message_id       TEXT
  ) STRICT;
`,
  // 3: the witness: checkpoints of the centre's archive log this agent accepted (each
  // consistent with the one before) and alarms with their evidence.
  `
  CREATE TABLE witness_checkpoints (
    tree_size    INTEGER PRIMARY KEY,
    origin       TEXT NOT NULL,
    root_hash    BLOB NOT NULL,
    note         TEXT NOT NULL,
    accepted_at  INTEGER NOT NULL,
    cosigned_at  INTEGER
  ) STRICT;

  CREATE TABLE log_alarms (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    raised_at     INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    detail        TEXT NOT NULL,
    evidence      TEXT NOT NULL CHECK (json_valid(evidence)),
    cleared_at    INTEGER,
    cleared_by    TEXT
  ) STRICT;
`,
  // 4: the hand-over order of inbox items: versions of one record (and its withdrawal) go to
  // the national system in arrival order, other records in parallel. The key is
  // "<originator>/<record id>", the withdrawn record's for a withdrawal.
  `
  ALTER TABLE inbox ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
  UPDATE inbox SET order_key =
    coalesce(nullif(json_extract(payload_json, '$.target.originator'), ''), sender) || '/' ||
    coalesce(nullif(json_extract(payload_json, '$.target.recordId'), ''),
             nullif(json_extract(payload_json, '$.recordId'), ''), message_id);
  CREATE INDEX inbox_pending_key ON inbox (order_key, seq) WHERE state = 'pending';
  CREATE INDEX inbox_pending ON inbox (seq) WHERE state = 'pending';
`,
  // 5: withdrawals. An inbox item of a withdrawn record is 'erased': its payload is gone (the
  // envelope keeps the signed header and signature only), erased_at and erased_by (the
  // withdrawal's message id) say when and why. The state list needs the new value, so the
  // table is rebuilt (SQLite cannot change a CHECK constraint); seq values are kept.
  // inbox_withdrawals holds one tombstone per RecordWithdrawal received: what was erased, who
  // withdrew and why, and the PurgeAck queued once the national system took the withdrawal.
  `
  CREATE TABLE inbox_v5 (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT NOT NULL UNIQUE,
    sender           TEXT NOT NULL,
    payload_type     TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    tlp              INTEGER NOT NULL,
    exercise         INTEGER NOT NULL,
    header_json      TEXT NOT NULL,
    payload_json     TEXT NOT NULL,
    envelope         BLOB NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'erased')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    delivered_at     INTEGER,
    channel          TEXT CHECK (channel IN ('webhook', 'api')),
    ack_message_id   TEXT,
    order_key        TEXT NOT NULL DEFAULT '',
    erased_at        INTEGER,
    erased_by        TEXT,
    CHECK ((state = 'erased') = (erased_at IS NOT NULL AND erased_by IS NOT NULL))
  ) STRICT;
  INSERT INTO inbox_v5 (seq, message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json,
                        payload_json, envelope, state, attempts, next_attempt_at, last_error, delivered_at, channel,
                        ack_message_id, order_key)
    SELECT seq, message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json,
           payload_json, envelope, state, attempts, next_attempt_at, last_error, delivered_at, channel,
           ack_message_id, order_key
    FROM inbox ORDER BY seq;
  DROP TABLE inbox;
  ALTER TABLE inbox_v5 RENAME TO inbox;
  CREATE INDEX inbox_due ON inbox (next_attempt_at) WHERE state = 'pending';
  CREATE INDEX inbox_pending_key ON inbox (order_key, seq) WHERE state = 'pending';
  CREATE INDEX inbox_pending ON inbox (seq) WHERE state = 'pending';
  -- The items of one record, whatever their state: what a withdrawal erases.
  CREATE INDEX inbox_record ON inbox (order_key, exercise, seq);
  CREATE INDEX inbox_listed ON inbox (seq) WHERE state != 'erased';

  CREATE TABLE inbox_withdrawals (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    withdrawal_message_id TEXT NOT NULL UNIQUE,
    originator            TEXT NOT NULL,
    record_id             TEXT NOT NULL,
    exercise              INTEGER NOT NULL CHECK (exercise IN (0, 1)),
    target_version        INTEGER NOT NULL,
    reason                TEXT NOT NULL,
    explanation           TEXT NOT NULL,
    withdrawn_at          INTEGER NOT NULL,
    erased_at             INTEGER NOT NULL,
    versions              TEXT NOT NULL CHECK (json_valid(versions) AND json_type(versions) = 'array'),
    item_ids              TEXT NOT NULL CHECK (json_valid(item_ids) AND json_type(item_ids) = 'array'),
    count                 INTEGER NOT NULL CHECK (count >= 0),
    late_count            INTEGER NOT NULL DEFAULT 0 CHECK (late_count >= 0),
    last_erased_at        INTEGER,
    purge_ack_message_id  TEXT,
    purge_acked_at        INTEGER
  ) STRICT;
  CREATE INDEX inbox_withdrawals_record ON inbox_withdrawals (originator, record_id, exercise, id);
`,
  // 6: the data bank searches this agent sent (DataBankQuery), and the result that answered each
  // (a DataBankResult kept in the inbox like any item, so that it is handed over and erased alike).
  `
  CREATE TABLE databank_searches (
    query_id          TEXT PRIMARY KEY,
    created_at        INTEGER NOT NULL,
    result_message_id TEXT UNIQUE,
    answered_at       INTEGER,
    CHECK ((result_message_id IS NULL) = (answered_at IS NULL))
  ) STRICT;
`,
  // 7: pruning of settled outbox rows. settled_at is when a row's last receipt came: a
  // REJECTED one, or the ACCEPTED one and every recipient's DELIVERED. outbox_pruned keeps, per
  // pruned message, what idempotency, sender_sequence and GET /v1/messages/{id} need (the row
  // without its envelope, receipts and deliveries; the envelope's SHA-256 to tell a repeat).
  `
  ALTER TABLE outbox ADD COLUMN settled_at INTEGER;
  UPDATE outbox SET settled_at = coalesce(
      (SELECT max(r.received_at) FROM receipts r WHERE r.message_id = outbox.message_id), accepted_at, created_at)
    WHERE status = 'rejected'
       OR (status = 'accepted'
           AND EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = outbox.message_id AND r.status = 'accepted')
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = outbox.message_id AND d.state = 'pending'));
  CREATE INDEX outbox_settled ON outbox (settled_at) WHERE settled_at IS NOT NULL;

  CREATE TABLE outbox_pruned (
    message_id       TEXT PRIMARY KEY,
    sequence         INTEGER NOT NULL UNIQUE,
    payload_type     TEXT NOT NULL,
    recipients       TEXT NOT NULL,
    broadcast        INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    reason_code      TEXT,
    reason_detail    TEXT,
    idempotency_key  TEXT UNIQUE,
    request_sha256   BLOB,
    envelope_sha256  BLOB NOT NULL,
    created_at       INTEGER NOT NULL,
    published_at     INTEGER,
    accepted_at      INTEGER,
    attempts         INTEGER NOT NULL,
    settled_at       INTEGER NOT NULL,
    pruned_at        INTEGER NOT NULL
  ) STRICT;
`,
  // 8: the answers to this agent's searches (DataBankResult items), found by a withdrawal: one
  // that quotes the withdrawn record's envelope is erased with the record's other copies.
  `
  CREATE INDEX inbox_results ON inbox (exercise, seq) WHERE payload_type = 'atc.v1.DataBankResult';
`,
  // 9: inbox retention. An item the national system took longer than ATC_INBOX_RETENTION ago
  // is 'expired': its payload is gone (the envelope keeps the signed header and signature
  // only), expired_at says when. An expired item a withdrawal reaches later is erased like any
  // other copy (it keeps expired_at). The state list needs the new value, so the table is
  // rebuilt as in 5; seq values, and the sequence that numbers new items, are kept.
  `
  CREATE TABLE inbox_v9 (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT NOT NULL UNIQUE,
    sender           TEXT NOT NULL,
    payload_type     TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    tlp              INTEGER NOT NULL,
    exercise         INTEGER NOT NULL,
    header_json      TEXT NOT NULL,
    payload_json     TEXT NOT NULL,
    envelope         BLOB NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'erased', 'expired')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    delivered_at     INTEGER,
    channel          TEXT CHECK (channel IN ('webhook', 'api')),
    ack_message_id   TEXT,
    order_key        TEXT NOT NULL DEFAULT '',
    erased_at        INTEGER,
    erased_by        TEXT,
    expired_at       INTEGER,
    CHECK ((state = 'erased') = (erased_at IS NOT NULL AND erased_by IS NOT NULL)),
    CHECK (state != 'expired' OR (expired_at IS NOT NULL AND delivered_at IS NOT NULL))
  ) STRICT;
  INSERT INTO inbox_v9 (seq, message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json,
                        payload_json, envelope, state, attempts, next_attempt_at, last_error, delivered_at, channel,
                        ack_message_id, order_key, erased_at, erased_by)
    SELECT seq, message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json,
           payload_json, envelope, state, attempts, next_attempt_at, last_error, delivered_at, channel,
           ack_message_id, order_key, erased_at, erased_by
    FROM inbox ORDER BY seq;
  -- seq is the integrators' cursor: the next item's must follow every one ever given out.
  DELETE FROM sqlite_sequence WHERE name = 'inbox_v9';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'inbox_v9', seq FROM sqlite_sequence WHERE name = 'inbox';
  DROP TABLE inbox;
  ALTER TABLE inbox_v9 RENAME TO inbox;
  CREATE INDEX inbox_due ON inbox (next_attempt_at) WHERE state = 'pending';
  CREATE INDEX inbox_pending_key ON inbox (order_key, seq) WHERE state = 'pending';
  CREATE INDEX inbox_pending ON inbox (seq) WHERE state = 'pending';
  CREATE INDEX inbox_record ON inbox (order_key, exercise, seq);
  CREATE INDEX inbox_listed ON inbox (seq) WHERE state NOT IN ('erased', 'expired');
  CREATE INDEX inbox_results ON inbox (exercise, seq) WHERE payload_type = 'atc.v1.DataBankResult';
  -- What the retention expires next: items taken, by when they were taken.
  CREATE INDEX inbox_taken ON inbox (delivered_at) WHERE state = 'delivered';
`,
];
