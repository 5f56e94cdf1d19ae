/**
 * The archive schema on PostgreSQL: the same tables, columns, keys and indexes as the SQLite
 * schema (schema.ts), migration for migration, so that version N means the same on both.
 * Integers are BIGINT (times in ms), booleans stay 0/1 integers and text sorts bytewise
 * (`COLLATE "C"`), so that both engines return the same rows in the same order.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE members (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('national', 'sectorial', 'observer')),
    status      TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
  );

  CREATE TABLE member_keys (
    kid                TEXT COLLATE "C" PRIMARY KEY,
    member_id          TEXT COLLATE "C" NOT NULL REFERENCES members (id),
    public_jwk         TEXT NOT NULL,
    valid_from         BIGINT NOT NULL,
    valid_until        BIGINT,
    status             TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    revoked_at         BIGINT,
    revocation_reason  TEXT CHECK (revocation_reason IN ('superseded', 'compromised', 'cessation')),
    created_at         BIGINT NOT NULL
  );
  CREATE INDEX member_keys_member ON member_keys (member_id);

  CREATE TABLE audit_log (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       BIGINT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT COLLATE "C" NOT NULL,
    reason   TEXT NOT NULL,
    details  TEXT NOT NULL
  );

  CREATE TABLE messages (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id       TEXT COLLATE "C" NOT NULL UNIQUE,
    sender           TEXT COLLATE "C" NOT NULL,
    payload_type     TEXT COLLATE "C" NOT NULL,
    created_at       BIGINT NOT NULL,
    archived_at      BIGINT NOT NULL,
    tlp              INTEGER NOT NULL,
    urgency          INTEGER NOT NULL,
    broadcast        INTEGER NOT NULL,
    exercise         INTEGER NOT NULL,
    correlation_id   TEXT COLLATE "C",
    in_reply_to      TEXT COLLATE "C",
    sender_sequence  BIGINT NOT NULL,
    kid              TEXT COLLATE "C" NOT NULL,
    envelope         BYTEA NOT NULL,
    envelope_sha256  BYTEA NOT NULL
  );
  CREATE INDEX messages_sender ON messages (sender, created_at);
  CREATE INDEX messages_correlation ON messages (correlation_id) WHERE correlation_id IS NOT NULL;
  CREATE INDEX messages_reply ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;

  CREATE TABLE deliveries (
    message_id      TEXT COLLATE "C" NOT NULL,
    recipient       TEXT COLLATE "C" NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'routed', 'delivered')),
    routed_at       BIGINT,
    delivered_at    BIGINT,
    ack_message_id  TEXT COLLATE "C",
    PRIMARY KEY (message_id, recipient)
  );
  CREATE INDEX deliveries_pending ON deliveries (state) WHERE state = 'pending';

  CREATE TABLE receipts (
    receipt_id    TEXT COLLATE "C" PRIMARY KEY,
    message_id    TEXT COLLATE "C" NOT NULL,
    member        TEXT COLLATE "C" NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'delivered')),
    recipient     TEXT COLLATE "C",
    reason        TEXT,
    envelope      BYTEA NOT NULL,
    created_at    BIGINT NOT NULL,
    published_at  BIGINT
  );
  CREATE INDEX receipts_message ON receipts (message_id);
  CREATE INDEX receipts_unpublished ON receipts (created_at) WHERE published_at IS NULL;

  CREATE TABLE quarantine (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at      BIGINT NOT NULL,
    subject          TEXT NOT NULL,
    transport_sender TEXT COLLATE "C",
    claimed_sender   TEXT COLLATE "C",
    message_id       TEXT COLLATE "C",
    reason           TEXT COLLATE "C" NOT NULL,
    detail           TEXT NOT NULL,
    envelope_sha256  BYTEA NOT NULL,
    size             BIGINT NOT NULL,
    head             BYTEA NOT NULL,
    security_event   INTEGER NOT NULL,
    receipt_id       TEXT COLLATE "C"
  );
  CREATE INDEX quarantine_time ON quarantine (received_at);
  CREATE INDEX quarantine_message ON quarantine (message_id) WHERE message_id IS NOT NULL;

  CREATE TABLE sender_sequences (
    member         TEXT COLLATE "C" PRIMARY KEY,
    last_sequence  BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
  );

  CREATE TABLE sequence_anomalies (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member      TEXT COLLATE "C" NOT NULL,
    message_id  TEXT COLLATE "C" NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('gap', 'regression')),
    expected    BIGINT NOT NULL,
    got         BIGINT NOT NULL,
    at          BIGINT NOT NULL
  );

  CREATE TABLE gateway_state (
    key    TEXT COLLATE "C" PRIMARY KEY,
    value  BIGINT NOT NULL
  );
  INSERT INTO gateway_state (key, value) VALUES ('registry_version', 0), ('sender_sequence', 0);
  `,
  `
  ALTER TABLE messages ADD COLUMN leaf_index BIGINT;
  ALTER TABLE messages ADD COLUMN payload_erased_at BIGINT;
  ALTER TABLE messages ADD COLUMN review_by BIGINT;
  CREATE INDEX messages_review ON messages (review_by) WHERE review_by IS NOT NULL AND payload_erased_at IS NULL;
  CREATE UNIQUE INDEX messages_leaf ON messages (leaf_index);
  CREATE INDEX messages_archived ON messages (archived_at);
  CREATE INDEX quarantine_digest ON quarantine (envelope_sha256);

  CREATE TABLE log_nodes (
    level  INTEGER NOT NULL,
    idx    BIGINT NOT NULL,
    hash   BYTEA NOT NULL,
    PRIMARY KEY (level, idx)
  );

  CREATE TABLE checkpoints (
    tree_size   BIGINT PRIMARY KEY,
    root_hash   BYTEA NOT NULL,
    note        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
  );

  CREATE TABLE cosignatures (
    tree_size    BIGINT NOT NULL REFERENCES checkpoints (tree_size),
    witness      TEXT COLLATE "C" NOT NULL,
    line         TEXT NOT NULL,
    signed_at    BIGINT NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (tree_size, witness)
  );
  CREATE INDEX cosignatures_witness ON cosignatures (witness, tree_size);

  INSERT INTO gateway_state (key, value) VALUES ('log_size', 0);
  `,
  `
  CREATE INDEX messages_sender_archived ON messages (sender, archived_at);
  CREATE INDEX deliveries_ack ON deliveries (ack_message_id) WHERE ack_message_id IS NOT NULL;
  CREATE INDEX quarantine_sender_time ON quarantine (transport_sender, received_at);
  CREATE INDEX sequence_anomalies_time ON sequence_anomalies (at);
  `,
  `
  CREATE INDEX messages_unerased ON messages (payload_type, archived_at) WHERE payload_erased_at IS NULL;
  `,
  `
  CREATE TABLE databank_cursor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_leaf   BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
  );
  INSERT INTO databank_cursor (id, next_leaf, updated_at) VALUES (1, 0, 0);

  CREATE TABLE databank_records (
    exercise            INTEGER NOT NULL,
    originator          TEXT COLLATE "C" NOT NULL,
    record_id           TEXT COLLATE "C" NOT NULL,
    record_type         TEXT COLLATE "C" NOT NULL,
    current_version     BIGINT NOT NULL,
    current_message_id  TEXT COLLATE "C" NOT NULL,
    updated_at          BIGINT NOT NULL,
    withdrawn           INTEGER NOT NULL,
    withdrawn_by        TEXT COLLATE "C",
    PRIMARY KEY (exercise, originator, record_id)
  );

  CREATE TABLE databank_versions (
    exercise        INTEGER NOT NULL,
    originator      TEXT COLLATE "C" NOT NULL,
    record_id       TEXT COLLATE "C" NOT NULL,
    version         BIGINT NOT NULL,
    message_id      TEXT COLLATE "C" NOT NULL UNIQUE,
    leaf_index      BIGINT NOT NULL,
    archived_at     BIGINT NOT NULL,
    content_sha256  BYTEA NOT NULL,
    handling        TEXT NOT NULL,
    evaluation      TEXT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id, version, leaf_index)
  );

  CREATE TABLE databank_conflicts (
    exercise            INTEGER NOT NULL,
    originator          TEXT COLLATE "C" NOT NULL,
    record_id           TEXT COLLATE "C" NOT NULL,
    version             BIGINT NOT NULL,
    current_message_id  TEXT COLLATE "C" NOT NULL,
    other_message_id    TEXT COLLATE "C" NOT NULL,
    leaf_index          BIGINT NOT NULL,
    PRIMARY KEY (other_message_id)
  );

  CREATE TABLE databank_flags (
    message_id  TEXT COLLATE "C" NOT NULL,
    code        TEXT COLLATE "C" NOT NULL,
    leaf_index  BIGINT NOT NULL,
    detail      TEXT NOT NULL,
    PRIMARY KEY (message_id, code)
  );
  `,
  // 6: data bank subjects (see schema.ts).
  `
  CREATE TABLE databank_subject_records (
    exercise       INTEGER NOT NULL,
    originator     TEXT COLLATE "C" NOT NULL,
    record_id      TEXT COLLATE "C" NOT NULL,
    subject_id     TEXT COLLATE "C" NOT NULL,
    category       TEXT COLLATE "C" NOT NULL,
    first_leaf     BIGINT NOT NULL,
    nationalities  TEXT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id)
  );
  CREATE INDEX databank_subject_records_subject
    ON databank_subject_records (subject_id, first_leaf, originator, record_id);

  CREATE TABLE databank_identifiers (
    exercise    INTEGER NOT NULL,
    kind        TEXT COLLATE "C" NOT NULL,
    value       TEXT COLLATE "C" NOT NULL,
    linkable    INTEGER NOT NULL,
    subject_id  TEXT COLLATE "C" NOT NULL,
    originator  TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (exercise, kind, value, linkable, subject_id, originator, record_id)
  );
  CREATE INDEX databank_identifiers_record ON databank_identifiers (exercise, originator, record_id);
  CREATE INDEX databank_identifiers_subject ON databank_identifiers (subject_id);

  CREATE TABLE databank_subjects (
    subject_id          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    exercise            INTEGER NOT NULL,
    category            TEXT COLLATE "C" NOT NULL,
    founder_leaf        BIGINT NOT NULL,
    founder_originator  TEXT COLLATE "C" NOT NULL,
    founder_record_id   TEXT COLLATE "C" NOT NULL,
    records             INTEGER NOT NULL
  );

  CREATE TABLE databank_subject_facets (
    subject_id  TEXT COLLATE "C" NOT NULL,
    facet       TEXT COLLATE "C" NOT NULL,
    records     INTEGER NOT NULL,
    PRIMARY KEY (subject_id, facet)
  );

  CREATE TABLE databank_subject_list (
    exercise    INTEGER NOT NULL,
    list_key    TEXT COLLATE "C" NOT NULL,
    updated_at  BIGINT NOT NULL,
    subject_id  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (exercise, list_key, updated_at, subject_id)
  );
  CREATE INDEX databank_subject_list_subject ON databank_subject_list (subject_id);

  CREATE TABLE databank_candidates (
    candidate_id   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    exercise       INTEGER NOT NULL,
    a_originator   TEXT COLLATE "C" NOT NULL,
    a_record_id    TEXT COLLATE "C" NOT NULL,
    b_originator   TEXT COLLATE "C" NOT NULL,
    b_record_id    TEXT COLLATE "C" NOT NULL,
    a_subject      TEXT COLLATE "C" NOT NULL,
    b_subject      TEXT COLLATE "C" NOT NULL,
    status         TEXT COLLATE "C" NOT NULL,
    decided_by     BIGINT,
    created_leaf   BIGINT NOT NULL
  );
  CREATE INDEX databank_candidates_a ON databank_candidates (exercise, a_originator, a_record_id);
  CREATE INDEX databank_candidates_b ON databank_candidates (exercise, b_originator, b_record_id);
  CREATE INDEX databank_candidates_a_subject ON databank_candidates (a_subject);
  CREATE INDEX databank_candidates_b_subject ON databank_candidates (b_subject);
  CREATE INDEX databank_candidates_status ON databank_candidates (exercise, status, candidate_id);

  CREATE TABLE databank_links (
    decision_id   BIGINT NOT NULL PRIMARY KEY,
    exercise      INTEGER NOT NULL,
    a_originator  TEXT COLLATE "C" NOT NULL,
    a_record_id   TEXT COLLATE "C" NOT NULL,
    b_originator  TEXT COLLATE "C" NOT NULL,
    b_record_id   TEXT COLLATE "C" NOT NULL,
    suspended_by  BIGINT
  );
  CREATE INDEX databank_links_a ON databank_links (exercise, a_originator, a_record_id);
  CREATE INDEX databank_links_b ON databank_links (exercise, b_originator, b_record_id);

  CREATE TABLE databank_detached (
    decision_id  BIGINT NOT NULL PRIMARY KEY,
    exercise     INTEGER NOT NULL,
    originator   TEXT COLLATE "C" NOT NULL,
    record_id    TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX databank_detached_record ON databank_detached (exercise, originator, record_id);

  CREATE TABLE databank_decisions_applied (
    decision_id  BIGINT NOT NULL PRIMARY KEY
  );

  CREATE TABLE databank_decisions (
    decision_id      BIGINT NOT NULL PRIMARY KEY,
    exercise         INTEGER NOT NULL,
    kind             TEXT COLLATE "C" NOT NULL CHECK (kind IN ('confirm', 'reject', 'split', 'revert')),
    at_leaf          BIGINT NOT NULL,
    made_at          BIGINT NOT NULL,
    actor            TEXT NOT NULL,
    reason           TEXT NOT NULL,
    candidate_id     TEXT COLLATE "C",
    subject_id       TEXT COLLATE "C",
    a_originator     TEXT COLLATE "C",
    a_record_id      TEXT COLLATE "C",
    b_originator     TEXT COLLATE "C",
    b_record_id      TEXT COLLATE "C",
    target_decision  BIGINT
  );
  CREATE INDEX databank_decisions_target ON databank_decisions (target_decision) WHERE target_decision IS NOT NULL;
  `,
  // 7: the record index; the bank's withdrawals and purge state per member (see schema.ts).
  `
  CREATE TABLE record_messages (
    message_id  TEXT COLLATE "C" PRIMARY KEY,
    originator  TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    exercise    INTEGER NOT NULL,
    version     BIGINT NOT NULL,
    leaf_index  BIGINT NOT NULL
  );
  CREATE INDEX record_messages_record ON record_messages (originator, record_id, exercise, leaf_index);
  INSERT INTO gateway_state (key, value) SELECT 'record_index_end', value FROM gateway_state WHERE key = 'log_size';
  INSERT INTO gateway_state (key, value) VALUES ('record_index_next', 0);

  CREATE TABLE databank_withdrawals (
    message_id   TEXT COLLATE "C" PRIMARY KEY,
    exercise     INTEGER NOT NULL,
    originator   TEXT COLLATE "C" NOT NULL,
    record_id    TEXT COLLATE "C" NOT NULL,
    reason       TEXT COLLATE "C" NOT NULL,
    leaf_index   BIGINT NOT NULL UNIQUE,
    archived_at  BIGINT NOT NULL
  );

  CREATE TABLE databank_purges (
    withdrawal_message_id  TEXT COLLATE "C" NOT NULL,
    member                 TEXT COLLATE "C" NOT NULL,
    exercise               INTEGER NOT NULL,
    routed_at              BIGINT NOT NULL,
    versions               TEXT NOT NULL,
    state                  TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending', 'incomplete', 'purged', 'not_held')),
    ack_message_id         TEXT COLLATE "C",
    acked_at               BIGINT,
    erased_at              BIGINT,
    erased_count           BIGINT,
    acked_versions         TEXT,
    PRIMARY KEY (withdrawal_message_id, member)
  );
  CREATE INDEX databank_purges_open ON databank_purges (routed_at) WHERE state IN ('pending', 'incomplete');
  `,
  // 8: review dates (DESIGN.md section 9 "Review"): each record's review date (handling.review_by
  // of its current version), indexed for the current view and the due list; and the review
  // Notices sent, per record version, so that each is announced once (not a projection table:
  // a rebuild keeps it, as it keeps the archive's deliveries).
  `
  ALTER TABLE databank_records ADD COLUMN review_by BIGINT;
  CREATE INDEX databank_records_review ON databank_records (exercise, review_by, originator)
    WHERE review_by IS NOT NULL AND withdrawn = 0;

  CREATE TABLE databank_review_notices (
    exercise           INTEGER NOT NULL,
    originator         TEXT COLLATE "C" NOT NULL,
    record_id          TEXT COLLATE "C" NOT NULL,
    version            BIGINT NOT NULL,
    review_by          BIGINT NOT NULL,
    notice_message_id  TEXT COLLATE "C" NOT NULL,
    sent_at            BIGINT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id, version, review_by)
  );
  `,
  // 9: the audit log becomes a hash chain (each row's hash = SHA-256 over the previous row's hash
  // and the row's canonical bytes) and names the role of the token behind a read; rows written
  // before this migration are chained when the gateway or its CLI opens the log. Data bank
  // flags carry their namespace, so that operational and exercise lists never mix.
  `
  ALTER TABLE audit_log ADD COLUMN role TEXT;
  ALTER TABLE audit_log ADD COLUMN prev_hash BYTEA;
  ALTER TABLE audit_log ADD COLUMN hash BYTEA;
  CREATE INDEX audit_log_action ON audit_log (action, id);
  CREATE INDEX audit_log_subject ON audit_log (subject, id);
  INSERT INTO gateway_state (key, value) VALUES ('audit_legacy_until', (SELECT COALESCE(MAX(id), 0) FROM audit_log));

  ALTER TABLE databank_flags ADD COLUMN exercise INTEGER NOT NULL DEFAULT 0;
  UPDATE databank_flags SET exercise = COALESCE(
    (SELECT m.exercise FROM messages m WHERE m.message_id = databank_flags.message_id), 0);
  CREATE INDEX databank_flags_leaf ON databank_flags (exercise, leaf_index);
  CREATE INDEX databank_conflicts_leaf ON databank_conflicts (exercise, leaf_index);
  `,
  // 10: message search for operators (GET /v1/messages): newest first within a namespace, by
  // sender or payload type, in keyset order (archived_at, seq); and the copies not yet
  // delivered, per state and recipient, so that "pending" and "routed" searches start from
  // the few open copies rather than from the whole archive. The message id (and, under a
  // sender, the payload type) ride along, so that the checks made per entry (its copies, its
  // type) need no read of the message's row.
  `
  CREATE INDEX messages_search ON messages (exercise, archived_at, seq, message_id);
  CREATE INDEX messages_search_sender ON messages (exercise, sender, archived_at, seq, message_id, payload_type);
  CREATE INDEX messages_search_type ON messages (exercise, payload_type, archived_at, seq, message_id);
  CREATE INDEX deliveries_open ON deliveries (state, recipient, message_id) WHERE state <> 'delivered';
  `,
  // 11: the data bank's subject linking writes fewer index entries (its projection's throughput
  // is bound by them): a record's identifiers are kept with its subject membership as well, so
  // that they are read there rather than through two more indexes of databank_identifiers, and
  // a subject keeps its listing keys and time, so that its listing rows are rewritten by
  // primary key rather than found through a third. The bank is a projection of the archive:
  // it is emptied here and rebuilt from leaf 0 when the gateway starts (operators' decisions
  // are kept and applied again at their place in the log, as `databank rebuild` does).
  `
  DROP INDEX databank_identifiers_record;
  DROP INDEX databank_identifiers_subject;
  DROP INDEX databank_subject_list_subject;
  ALTER TABLE databank_subject_records ADD COLUMN identifiers TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE databank_subjects ADD COLUMN listed_at BIGINT NOT NULL DEFAULT 0;
  ALTER TABLE databank_subjects ADD COLUMN list_keys TEXT NOT NULL DEFAULT '[]';
  DELETE FROM databank_records;
  DELETE FROM databank_versions;
  DELETE FROM databank_conflicts;
  DELETE FROM databank_flags;
  DELETE FROM databank_withdrawals;
  DELETE FROM databank_purges;
  DELETE FROM databank_subject_records;
  DELETE FROM databank_identifiers;
  DELETE FROM databank_subjects;
  DELETE FROM databank_subject_facets;
  DELETE FROM databank_subject_list;
  DELETE FROM databank_candidates;
  DELETE FROM databank_links;
  DELETE FROM databank_detached;
  DELETE FROM databank_decisions_applied;
  UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1;
  `,
  // 12: the quarantine's namespace (see schema.ts): 1 exercise, 0 operational, NULL before this migration.
  `
  ALTER TABLE quarantine ADD COLUMN exercise INTEGER;
  CREATE INDEX quarantine_exercise_time ON quarantine (exercise, received_at);
  `,
  // 13: person search (DESIGN.md "Search"): per current person record of each namespace, its
  // search profile (compact JSON: names' match keys, date of birth, sex, nationalities,
  // documents) with the list of its retrieval tokens, and the tokens themselves (match keys and
  // skeletons of its name parts, document numbers prefixed '!'), keyed token first so that a
  // search reads one range per token; and the vocabulary of family and given name skeletons
  // with their trigrams, written once per distinct skeleton, through which a misspelt name
  // finds the skeletons one letter away. Written where the projection makes a version current
  // and removed on withdrawal (the vocabulary only grows until the bank is rebuilt);
  // the bank is emptied here and rebuilt from leaf 0 when the gateway starts, so that records
  // projected before this migration are indexed too.
  `
  CREATE TABLE databank_search_profiles (
    exercise    INTEGER NOT NULL,
    originator  TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    version     BIGINT NOT NULL,
    message_id  TEXT COLLATE "C" NOT NULL,
    profile     TEXT NOT NULL,
    tokens      TEXT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id)
  );

  CREATE TABLE databank_search_tokens (
    exercise    INTEGER NOT NULL,
    token       TEXT COLLATE "C" NOT NULL,
    originator  TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (exercise, token, originator, record_id)
  );

  CREATE TABLE databank_search_grams (
    exercise    INTEGER NOT NULL,
    gram        TEXT COLLATE "C" NOT NULL,
    skeleton    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (exercise, gram, skeleton)
  );
  DELETE FROM databank_records;
  DELETE FROM databank_versions;
  DELETE FROM databank_conflicts;
  DELETE FROM databank_flags;
  DELETE FROM databank_withdrawals;
  DELETE FROM databank_purges;
  DELETE FROM databank_subject_records;
  DELETE FROM databank_identifiers;
  DELETE FROM databank_subjects;
  DELETE FROM databank_subject_facets;
  DELETE FROM databank_subject_list;
  DELETE FROM databank_candidates;
  DELETE FROM databank_links;
  DELETE FROM databank_detached;
  DELETE FROM databank_decisions_applied;
  UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1;
  `,
  // 14: information requests and their deadlines (see schema.ts); the bank is rebuilt from leaf 0.
  `
  CREATE TABLE databank_requests (
    request_message_id  TEXT COLLATE "C" NOT NULL,
    recipient           TEXT COLLATE "C" NOT NULL,
    exercise            INTEGER NOT NULL,
    requester           TEXT COLLATE "C" NOT NULL,
    record_id           TEXT COLLATE "C" NOT NULL,
    urgency             INTEGER NOT NULL,
    requested_at        BIGINT NOT NULL,
    reply_due_at        BIGINT,
    leaf_index          BIGINT NOT NULL,
    state               TEXT COLLATE "C" NOT NULL CHECK (state IN ('open', 'partial', 'answered')),
    responses           INTEGER NOT NULL,
    last_response_at    BIGINT,
    answered_at         BIGINT,
    answer_message_id   TEXT COLLATE "C",
    outcome             TEXT COLLATE "C",
    PRIMARY KEY (request_message_id, recipient)
  );
  CREATE INDEX databank_requests_list ON databank_requests (exercise, leaf_index, recipient);
  CREATE INDEX databank_requests_open ON databank_requests (exercise, requested_at) WHERE answered_at IS NULL;

  CREATE TABLE databank_request_notices (
    request_message_id  TEXT COLLATE "C" NOT NULL,
    recipient           TEXT COLLATE "C" NOT NULL,
    notified            TEXT COLLATE "C" NOT NULL CHECK (notified IN ('requester', 'recipient')),
    notice_message_id   TEXT COLLATE "C" NOT NULL,
    sent_at             BIGINT NOT NULL,
    PRIMARY KEY (request_message_id, recipient, notified)
  );
  DELETE FROM databank_records;
  DELETE FROM databank_versions;
  DELETE FROM databank_conflicts;
  DELETE FROM databank_flags;
  DELETE FROM databank_withdrawals;
  DELETE FROM databank_purges;
  DELETE FROM databank_subject_records;
  DELETE FROM databank_identifiers;
  DELETE FROM databank_subjects;
  DELETE FROM databank_subject_facets;
  DELETE FROM databank_subject_list;
  DELETE FROM databank_candidates;
  DELETE FROM databank_links;
  DELETE FROM databank_detached;
  DELETE FROM databank_decisions_applied;
  DELETE FROM databank_search_profiles;
  DELETE FROM databank_search_tokens;
  DELETE FROM databank_search_grams;
  UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1;
  `,
  // 15: candidates carry the search's score and reasons (see schema.ts); the bank is rebuilt from leaf 0.
  `
  ALTER TABLE databank_candidates ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE databank_candidates ADD COLUMN reasons TEXT COLLATE "C" NOT NULL DEFAULT '[]';
  DELETE FROM databank_records;
  DELETE FROM databank_versions;
  DELETE FROM databank_conflicts;
  DELETE FROM databank_flags;
  DELETE FROM databank_withdrawals;
  DELETE FROM databank_purges;
  DELETE FROM databank_requests;
  DELETE FROM databank_subject_records;
  DELETE FROM databank_identifiers;
  DELETE FROM databank_subjects;
  DELETE FROM databank_subject_facets;
  DELETE FROM databank_subject_list;
  DELETE FROM databank_candidates;
  DELETE FROM databank_links;
  DELETE FROM databank_detached;
  DELETE FROM databank_decisions_applied;
  DELETE FROM databank_search_profiles;
  DELETE FROM databank_search_tokens;
  DELETE FROM databank_search_grams;
  UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1;
  `, // 16: the sequence audit's watermarks and cursor; quarantine rows name their stream sequence (see schema.ts).
  `
  CREATE TABLE sequence_watermarks (
    member              TEXT COLLATE "C" PRIMARY KEY,
    contiguous_through  BIGINT NOT NULL,
    highest             BIGINT NOT NULL
  );
  INSERT INTO sequence_watermarks (member, contiguous_through, highest)
    SELECT member, last_sequence, last_sequence FROM sender_sequences;
  INSERT INTO gateway_state (key, value)
    VALUES ('sequence_audit_next_leaf', (SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM messages));
  CREATE INDEX messages_sender_sequence ON messages (sender, sender_sequence);
  ALTER TABLE quarantine ADD COLUMN stream_seq BIGINT;
  CREATE INDEX quarantine_stream ON quarantine (stream_seq) WHERE stream_seq IS NOT NULL;
  `, // 17: name tokens under the year and month of birth, for linking (see schema.ts); the bank is rebuilt from leaf 0.
  `
  DELETE FROM databank_records;
  DELETE FROM databank_versions;
  DELETE FROM databank_conflicts;
  DELETE FROM databank_flags;
  DELETE FROM databank_withdrawals;
  DELETE FROM databank_purges;
  DELETE FROM databank_requests;
  DELETE FROM databank_subject_records;
  DELETE FROM databank_identifiers;
  DELETE FROM databank_subjects;
  DELETE FROM databank_subject_facets;
  DELETE FROM databank_subject_list;
  DELETE FROM databank_candidates;
  DELETE FROM databank_links;
  DELETE FROM databank_detached;
  DELETE FROM databank_decisions_applied;
  DELETE FROM databank_search_profiles;
  DELETE FROM databank_search_tokens;
  DELETE FROM databank_search_grams;
  UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1;
  `, // 18: the name skeleton folds q with k (see schema.ts); the bank is rebuilt from leaf 0.
  `
  DELETE FROM databank_records;
  DELETE FROM databank_versions;
  DELETE FROM databank_conflicts;
  DELETE FROM databank_flags;
  DELETE FROM databank_withdrawals;
  DELETE FROM databank_purges;
  DELETE FROM databank_requests;
  DELETE FROM databank_subject_records;
  DELETE FROM databank_identifiers;
  DELETE FROM databank_subjects;
  DELETE FROM databank_subject_facets;
  DELETE FROM databank_subject_list;
  DELETE FROM databank_candidates;
  DELETE FROM databank_links;
  DELETE FROM databank_detached;
  DELETE FROM databank_decisions_applied;
  DELETE FROM databank_search_profiles;
  DELETE FROM databank_search_tokens;
  DELETE FROM databank_search_grams;
  UPDATE databank_cursor SET next_leaf = 0, updated_at = 0 WHERE id = 1;
  `, // 19: on SQLite the bank moves to a file of its own (see schema.ts); one database here, nothing changes.
  `
  SELECT 1;
  `, // 20: the copies of records quoted to a member in a DataBankResult (see schema.ts).
  `
  CREATE TABLE record_quotes (
    message_id        TEXT COLLATE "C" NOT NULL,
    recipient         TEXT COLLATE "C" NOT NULL,
    result_message_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (message_id, recipient)
  );
  `, // 21: the quotes of answers archived before migration 20 are written at open (see schema.ts).
  `
  INSERT INTO gateway_state (key, value) SELECT 'quote_index_end', value FROM gateway_state WHERE key = 'log_size';
  INSERT INTO gateway_state (key, value) VALUES ('quote_index_next', 0);
  `, // 22: two indexes of messages that cost a write per message go (see schema.ts).
  `
  DROP INDEX messages_sender;
  DROP INDEX messages_sender_archived;
  `, // 23: the ATC_SUBMIT stream message each accepted envelope came in (see schema.ts).
  `
  ALTER TABLE messages ADD COLUMN stream_seq BIGINT;
  `, // 24: deliveries_pending goes; deliveries_open serves the pending copies (see schema.ts).
  `
  DROP INDEX deliveries_pending;
  `,
];
