/**
 * Versioned schema of the SQLite archive. Migrations run in order, each once, inside a
 * transaction; `PRAGMA user_version` records the last one applied. Never edit a released
 * migration: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: registry, audit, archive, deliveries, receipts, quarantine, sequences.
  `
  CREATE TABLE members (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('national', 'sectorial', 'observer')),
    status      TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE member_keys (
    kid                TEXT PRIMARY KEY,
    member_id          TEXT NOT NULL REFERENCES members (id),
    public_jwk         TEXT NOT NULL,
    valid_from         INTEGER NOT NULL,
    valid_until        INTEGER,
    status             TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    revoked_at         INTEGER,
    revocation_reason  TEXT CHECK (revocation_reason IN ('superseded', 'compromised', 'cessation')),
    created_at         INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX member_keys_member ON member_keys (member_id);

  CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    reason   TEXT NOT NULL,
    details  TEXT NOT NULL
  ) STRICT;

  CREATE TABLE messages (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT NOT NULL UNIQUE,
    sender           TEXT NOT NULL,
    payload_type     TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    archived_at      INTEGER NOT NULL,
    tlp              INTEGER NOT NULL,
    urgency          INTEGER NOT NULL,
    broadcast        INTEGER NOT NULL,
    exercise         INTEGER NOT NULL,
    correlation_id   TEXT,
    in_reply_to      TEXT,
    sender_sequence  INTEGER NOT NULL,
    kid              TEXT NOT NULL,
    envelope         BLOB NOT NULL,
    envelope_sha256  BLOB NOT NULL
  ) STRICT;
  CREATE INDEX messages_sender ON messages (sender, created_at);
  CREATE INDEX messages_correlation ON messages (correlation_id) WHERE correlation_id IS NOT NULL;
  CREATE INDEX messages_reply ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;

  CREATE TABLE deliveries (
    message_id      TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'routed', 'delivered')),
    routed_at       INTEGER,
    delivered_at    INTEGER,
    ack_message_id  TEXT,
    PRIMARY KEY (message_id, recipient)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX deliveries_pending ON deliveries (state) WHERE state = 'pending';

  CREATE TABLE receipts (
    receipt_id    TEXT PRIMARY KEY,
    message_id    TEXT NOT NULL,
    member        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'delivered')),
    recipient     TEXT,
    reason        TEXT,
    envelope      BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    published_at  INTEGER
  ) STRICT;
  CREATE INDEX receipts_message ON receipts (message_id);
  CREATE INDEX receipts_unpublished ON receipts (created_at) WHERE published_at IS NULL;

  CREATE TABLE quarantine (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at      INTEGER NOT NULL,
    subject          TEXT NOT NULL,
    transport_sender TEXT,
    claimed_sender   TEXT,
    message_id       TEXT,
    reason           TEXT NOT NULL,
    detail           TEXT NOT NULL,
    envelope_sha256  BLOB NOT NULL,
    size             INTEGER NOT NULL,
    head             BLOB NOT NULL,
    security_event   INTEGER NOT NULL,
    receipt_id       TEXT
  ) STRICT;
  CREATE INDEX quarantine_time ON quarantine (received_at);
  CREATE INDEX quarantine_message ON quarantine (message_id) WHERE message_id IS NOT NULL;

  CREATE TABLE sender_sequences (
    member         TEXT PRIMARY KEY,
    last_sequence  INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sequence_anomalies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member      TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('gap', 'regression')),
    expected    INTEGER NOT NULL,
    got         INTEGER NOT NULL,
    at          INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE gateway_state (
    key    TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
  ) STRICT;
  INSERT INTO gateway_state (key, value) VALUES ('registry_version', 0), ('sender_sequence', 0);
  `,
  // 2: the verifiable log (DESIGN.md section 5): every archived envelope is a leaf; every
  // perfect subtree of the Merkle tree is stored (level 0 = leaves), so that a proof is a
  // handful of point reads; signed checkpoints and the witnesses' cosignatures.
  `
  ALTER TABLE messages ADD COLUMN leaf_index INTEGER;
  ALTER TABLE messages ADD COLUMN payload_erased_at INTEGER;
  ALTER TABLE messages ADD COLUMN review_by INTEGER;
  CREATE INDEX messages_review ON messages (review_by) WHERE review_by IS NOT NULL AND payload_erased_at IS NULL;
  CREATE UNIQUE INDEX messages_leaf ON messages (leaf_index);
  CREATE INDEX messages_archived ON messages (archived_at);
  CREATE INDEX quarantine_digest ON quarantine (envelope_sha256);

  CREATE TABLE log_nodes (
    level  INTEGER NOT NULL,
    idx    INTEGER NOT NULL,
    hash   BLOB NOT NULL,
    PRIMARY KEY (level, idx)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE checkpoints (
    tree_size   INTEGER PRIMARY KEY,
    root_hash   BLOB NOT NULL,
    note        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE cosignatures (
    tree_size    INTEGER NOT NULL REFERENCES checkpoints (tree_size),
    witness      TEXT NOT NULL,
    line         TEXT NOT NULL,
    signed_at    INTEGER NOT NULL,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (tree_size, witness)
  ) STRICT;
  CREATE INDEX cosignatures_witness ON cosignatures (witness, tree_size);

  INSERT INTO gateway_state (key, value) VALUES ('log_size', 0);
  `,
  // 3: indexes for flow statistics: the last 24 h read at start-up, and each member's last submission.
  `
  CREATE INDEX messages_sender_archived ON messages (sender, archived_at);
  CREATE INDEX deliveries_ack ON deliveries (ack_message_id) WHERE ack_message_id IS NOT NULL;
  CREATE INDEX quarantine_sender_time ON quarantine (transport_sender, received_at);
  CREATE INDEX sequence_anomalies_time ON sequence_anomalies (at);
  `,
  // 4: retention finds what is due through indexes instead of reading the whole archive.
  `
  CREATE INDEX messages_unerased ON messages (payload_type, archived_at) WHERE payload_erased_at IS NULL;
  `,
  // 5: the data bank (DESIGN.md section 9), a projection of the log: its cursor, records
  // (identity = exercise namespace, originator, record id), every version, conflicts and flags.
  `
  CREATE TABLE databank_cursor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_leaf   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;
  INSERT INTO databank_cursor (id, next_leaf, updated_at) VALUES (1, 0, 0);

  CREATE TABLE databank_records (
    exercise            INTEGER NOT NULL,
    originator          TEXT NOT NULL,
    record_id           TEXT NOT NULL,
    record_type         TEXT NOT NULL,
    current_version     INTEGER NOT NULL,
    current_message_id  TEXT NOT NULL,
    updated_at          INTEGER NOT NULL,
    withdrawn           INTEGER NOT NULL,
    withdrawn_by        TEXT,
    PRIMARY KEY (exercise, originator, record_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_versions (
    exercise        INTEGER NOT NULL,
    originator      TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    version         INTEGER NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,
    leaf_index      INTEGER NOT NULL,
    archived_at     INTEGER NOT NULL,
    content_sha256  BLOB NOT NULL,
    handling        TEXT NOT NULL,
    evaluation      TEXT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id, version, leaf_index)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_conflicts (
    exercise            INTEGER NOT NULL,
    originator          TEXT NOT NULL,
    record_id           TEXT NOT NULL,
    version             INTEGER NOT NULL,
    current_message_id  TEXT NOT NULL,
    other_message_id    TEXT NOT NULL,
    leaf_index          INTEGER NOT NULL,
    PRIMARY KEY (other_message_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_flags (
    message_id  TEXT NOT NULL,
    code        TEXT NOT NULL,
    leaf_index  INTEGER NOT NULL,
    detail      TEXT NOT NULL,
    PRIMARY KEY (message_id, code)
  ) STRICT, WITHOUT ROWID;
  `,
  // 6: data bank subjects (one person or organisation across members): each current record's
  // identifiers, the subject it belongs to, subjects with their listing keys, candidate links,
  // and the operators' decisions (operator input: a rebuild never clears databank_decisions).
  `
  CREATE TABLE databank_subject_records (
    exercise       INTEGER NOT NULL,
    originator     TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    subject_id     TEXT NOT NULL,
    category       TEXT NOT NULL,
    first_leaf     INTEGER NOT NULL,
    nationalities  TEXT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX databank_subject_records_subject
    ON databank_subject_records (subject_id, first_leaf, originator, record_id);

  CREATE TABLE databank_identifiers (
    exercise    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    linkable    INTEGER NOT NULL,
    subject_id  TEXT NOT NULL,
    originator  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    PRIMARY KEY (exercise, kind, value, linkable, subject_id, originator, record_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX databank_identifiers_record ON databank_identifiers (exercise, originator, record_id);
  CREATE INDEX databank_identifiers_subject ON databank_identifiers (subject_id);

  CREATE TABLE databank_subjects (
    subject_id          TEXT NOT NULL PRIMARY KEY,
    exercise            INTEGER NOT NULL,
    category            TEXT NOT NULL,
    founder_leaf        INTEGER NOT NULL,
    founder_originator  TEXT NOT NULL,
    founder_record_id   TEXT NOT NULL,
    records             INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_subject_facets (
    subject_id  TEXT NOT NULL,
    facet       TEXT NOT NULL,
    records     INTEGER NOT NULL,
    PRIMARY KEY (subject_id, facet)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_subject_list (
    exercise    INTEGER NOT NULL,
    list_key    TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    subject_id  TEXT NOT NULL,
    PRIMARY KEY (exercise, list_key, updated_at, subject_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX databank_subject_list_subject ON databank_subject_list (subject_id);

  CREATE TABLE databank_candidates (
    candidate_id   TEXT NOT NULL PRIMARY KEY,
    exercise       INTEGER NOT NULL,
    a_originator   TEXT NOT NULL,
    a_record_id    TEXT NOT NULL,
    b_originator   TEXT NOT NULL,
    b_record_id    TEXT NOT NULL,
    a_subject      TEXT NOT NULL,
    b_subject      TEXT NOT NULL,
    status         TEXT NOT NULL,
    decided_by     INTEGER,
    created_leaf   INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX databank_candidates_a ON databank_candidates (exercise, a_originator, a_record_id);
  CREATE INDEX databank_candidates_b ON databank_candidates (exercise, b_originator, b_record_id);
  CREATE INDEX databank_candidates_a_subject ON databank_candidates (a_subject);
  CREATE INDEX databank_candidates_b_subject ON databank_candidates (b_subject);
  CREATE INDEX databank_candidates_status ON databank_candidates (exercise, status, candidate_id);

  CREATE TABLE databank_links (
    decision_id   INTEGER NOT NULL PRIMARY KEY,
    exercise      INTEGER NOT NULL,
    a_originator  TEXT NOT NULL,
    a_record_id   TEXT NOT NULL,
    b_originator  TEXT NOT NULL,
    b_record_id   TEXT NOT NULL,
    suspended_by  INTEGER
  ) STRICT;
  CREATE INDEX databank_links_a ON databank_links (exercise, a_originator, a_record_id);
  CREATE INDEX databank_links_b ON databank_links (exercise, b_originator, b_record_id);

  CREATE TABLE databank_detached (
    decision_id  INTEGER NOT NULL PRIMARY KEY,
    exercise     INTEGER NOT NULL,
    originator   TEXT NOT NULL,
    record_id    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX databank_detached_record ON databank_detached (exercise, originator, record_id);

  CREATE TABLE databank_decisions_applied (
    decision_id  INTEGER NOT NULL PRIMARY KEY
  ) STRICT;

  CREATE TABLE databank_decisions (
    decision_id      INTEGER NOT NULL PRIMARY KEY,
    exercise         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'reject', 'split', 'revert')),
    at_leaf          INTEGER NOT NULL,
    made_at          INTEGER NOT NULL,
    actor            TEXT NOT NULL,
    reason           TEXT NOT NULL,
    candidate_id     TEXT,
    subject_id       TEXT,
    a_originator     TEXT,
    a_record_id      TEXT,
    b_originator     TEXT,
    b_record_id      TEXT,
    target_decision  INTEGER
  ) STRICT;
  CREATE INDEX databank_decisions_target ON databank_decisions (target_decision) WHERE target_decision IS NOT NULL;
  `,
  // 7: withdrawals reach every copy (DESIGN.md section 9). The archive's record index: which
  // message carried which version of (originator, record_id), written with the message;
  // leaves archived before this migration (below record_index_end) are indexed at open from
  // record_index_next on. The bank's withdrawals, and the purge state of each member a
  // withdrawal was routed to.
  `
  CREATE TABLE record_messages (
    message_id  TEXT PRIMARY KEY,
    originator  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    exercise    INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    leaf_index  INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX record_messages_record ON record_messages (originator, record_id, exercise, leaf_index);
  INSERT INTO gateway_state (key, value) SELECT 'record_index_end', value FROM gateway_state WHERE key = 'log_size';
  INSERT INTO gateway_state (key, value) VALUES ('record_index_next', 0);

  CREATE TABLE databank_withdrawals (
    message_id   TEXT PRIMARY KEY,
    exercise     INTEGER NOT NULL,
    originator   TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    reason       TEXT NOT NULL,
    leaf_index   INTEGER NOT NULL UNIQUE,
    archived_at  INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_purges (
    withdrawal_message_id  TEXT NOT NULL,
    member                 TEXT NOT NULL,
    exercise               INTEGER NOT NULL,
    routed_at              INTEGER NOT NULL,
    versions               TEXT NOT NULL,
    state                  TEXT NOT NULL CHECK (state IN ('pending', 'incomplete', 'purged', 'not_held')),
    ack_message_id         TEXT,
    acked_at               INTEGER,
    erased_at              INTEGER,
    erased_count           INTEGER,
    acked_versions         TEXT,
    PRIMARY KEY (withdrawal_message_id, member)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX databank_purges_open ON databank_purges (routed_at) WHERE state IN ('pending', 'incomplete');
  `,
  // 8: review dates (DESIGN.md section 9 "Review"): each record's review date (handling.review_by
  // of its current version), indexed for the current view and the due list; and the review
  // Notices sent, per record version, so that each is announced once (not a projection table:
  // a rebuild keeps it, as it keeps the archive's deliveries).
  `
  ALTER TABLE databank_records ADD COLUMN review_by INTEGER;
  CREATE INDEX databank_records_review ON databank_records (exercise, review_by, originator)
    WHERE review_by IS NOT NULL AND withdrawn = 0;

  CREATE TABLE databank_review_notices (
    exercise           INTEGER NOT NULL,
    originator         TEXT NOT NULL,
    record_id          TEXT NOT NULL,
    version            INTEGER NOT NULL,
    review_by          INTEGER NOT NULL,
    notice_message_id  TEXT NOT NULL,
    sent_at            INTEGER NOT NULL,
    PRIMARY KEY (exercise, originator, record_id, version, review_by)
  ) STRICT, WITHOUT ROWID;
  `,
  // 9: the audit log becomes a hash chain (each row's hash = SHA-256 over the previous row's hash
  // and the row's canonical bytes) and names the role of the token behind a read; rows written
  // before this migration are chained when the gateway or its CLI opens the log. Data bank
  // flags carry their namespace, so that operational and exercise lists never mix.
  `
  ALTER TABLE audit_log ADD COLUMN role TEXT;
  ALTER TABLE audit_log ADD COLUMN prev_hash BLOB;
  ALTER TABLE audit_log ADD COLUMN hash BLOB;
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
  ALTER TABLE databank_subjects ADD COLUMN listed_at INTEGER NOT NULL DEFAULT 0;
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
  // 12: refusals and the quarantine apart by namespace (GET /v1/refusals and /v1/quarantine,
  // exercise=true|false): whether a refused submission's header claimed exercise traffic (1),
  // or not (0, also when its header could not be read: the pipeline treats those as
  // operational). Rows quarantined before this migration stay NULL (unknown): their header was
  // not read at the time, and a migration does not decode protobuf; they are listed only
  // when no exercise filter is given.
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
    originator  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    message_id  TEXT NOT NULL,
    profile     TEXT NOT NULL,
    tokens      TEXT NOT NULL,
    PRIMARY KEY (exercise, originator, record_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_search_tokens (
    exercise    INTEGER NOT NULL,
    token       TEXT NOT NULL,
    originator  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    PRIMARY KEY (exercise, token, originator, record_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE databank_search_grams (
    exercise    INTEGER NOT NULL,
    gram        TEXT NOT NULL,
    skeleton    TEXT NOT NULL,
    PRIMARY KEY (exercise, gram, skeleton)
  ) STRICT, WITHOUT ROWID;
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
  // 14: information requests and their deadlines (DESIGN.md section 10 "SLA"): one row per
  // (request, recipient), a projection of the archive like the rest of the bank (the requester,
  // urgency, header.reply_due_at when set, the responses received and the one that closed it);
  // and the overdue Notices sent, per (request, recipient, side), so that each is sent once (not
  // a projection table: a rebuild keeps it). The bank is emptied here and rebuilt from leaf 0
  // when the gateway starts, so that the requests archived before it are tracked too.
  `
  CREATE TABLE databank_requests (
    request_message_id  TEXT NOT NULL,
    recipient           TEXT NOT NULL,
    exercise            INTEGER NOT NULL,
    requester           TEXT NOT NULL,
    record_id           TEXT NOT NULL,
    urgency             INTEGER NOT NULL,
    requested_at        INTEGER NOT NULL,
    reply_due_at        INTEGER,
    leaf_index          INTEGER NOT NULL,
    state               TEXT NOT NULL CHECK (state IN ('open', 'partial', 'answered')),
    responses           INTEGER NOT NULL,
    last_response_at    INTEGER,
    answered_at         INTEGER,
    answer_message_id   TEXT,
    outcome             TEXT,
    PRIMARY KEY (request_message_id, recipient)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX databank_requests_list ON databank_requests (exercise, leaf_index, recipient);
  CREATE INDEX databank_requests_open ON databank_requests (exercise, requested_at) WHERE answered_at IS NULL;

  CREATE TABLE databank_request_notices (
    request_message_id  TEXT NOT NULL,
    recipient           TEXT NOT NULL,
    notified            TEXT NOT NULL CHECK (notified IN ('requester', 'recipient')),
    notice_message_id   TEXT NOT NULL,
    sent_at             INTEGER NOT NULL,
    PRIMARY KEY (request_message_id, recipient, notified)
  ) STRICT, WITHOUT ROWID;
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
  // 15: candidate links come from the person search (DESIGN.md section 10): each carries its
  // score (thousandths, so that both engines hold the same integer) and the search's reasons
  // (JSON array of sentences). Persons no longer have name keys in databank_identifiers. The
  // bank is emptied here and rebuilt from leaf 0 when the gateway starts; the operators'
  // decisions are kept and applied again.
  `
  ALTER TABLE databank_candidates ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE databank_candidates ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
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
  `, // 16: sequence anomalies are judged by a deferred audit of the log (archive/sequence-audit.ts),
  // not per batch: per member, the highest sender_sequence archived with every number below it
  // (contiguous_through) and the highest seen; the next leaf to audit; an index to find a
  // member's numbers. Archives from before start the audit where the per-batch tracking was.
  // Quarantine rows name the JetStream stream sequence of the submission they refused, so that
  // a redelivery of that same submission is recognised whatever the refusal.
  `
  CREATE TABLE sequence_watermarks (
    member              TEXT PRIMARY KEY,
    contiguous_through  INTEGER NOT NULL,
    highest             INTEGER NOT NULL
  ) STRICT;
  INSERT INTO sequence_watermarks (member, contiguous_through, highest)
    SELECT member, last_sequence, last_sequence FROM sender_sequences;
  INSERT INTO gateway_state (key, value)
    VALUES ('sequence_audit_next_leaf', (SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM messages));
  CREATE INDEX messages_sender_sequence ON messages (sender, sender_sequence);
  ALTER TABLE quarantine ADD COLUMN stream_seq INTEGER;
  CREATE INDEX quarantine_stream ON quarantine (stream_seq) WHERE stream_seq IS NOT NULL;
  `,
  // 17: the person search's index also holds each name token under the record's year and month
  // of birth ('@1980-4|abdullaev'; '@|...' when the year is unknown), through which linking reads
  // only the partners whose dates of birth can agree (search/bank-searcher.ts, linkPartners).
  // The bank is emptied here and rebuilt from leaf 0 when the gateway starts, so that records
  // projected before this migration carry those tokens too; the operators' decisions are kept
  // and applied again.
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
  `,
  // 18: the name skeleton folds Uzbek and Kazakh q (қ) with k (shared/src/search/skeleton.ts),
  // so that Qochqorov and Kochkorov meet: every skeleton, token and one-letter vocabulary entry
  // the index holds may change. The bank is emptied here and rebuilt from leaf 0 when the
  // gateway starts; the operators' decisions are kept and applied again.
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
  `,
  // 19: the data bank's projection moves to a file of its own beside the archive (db/bank-file.ts):
  // its commits no longer take this file's write lock, so the pipeline never waits for them. Its
  // tables leave this file, and the bank is rebuilt in its own from leaf 0 when the gateway
  // starts. What is no projection stays here: the operators' decisions and the Notices sent. The
  // archive gets an id, which its bank's file keeps: a bank file never stands for another archive.
  `
  DROP TABLE main.databank_cursor;
  DROP TABLE main.databank_records;
  DROP TABLE main.databank_versions;
  DROP TABLE main.databank_conflicts;
  DROP TABLE main.databank_flags;
  DROP TABLE main.databank_withdrawals;
  DROP TABLE main.databank_purges;
  DROP TABLE main.databank_requests;
  DROP TABLE main.databank_subject_records;
  DROP TABLE main.databank_identifiers;
  DROP TABLE main.databank_subjects;
  DROP TABLE main.databank_subject_facets;
  DROP TABLE main.databank_subject_list;
  DROP TABLE main.databank_candidates;
  DROP TABLE main.databank_links;
  DROP TABLE main.databank_detached;
  DROP TABLE main.databank_decisions_applied;
  DROP TABLE main.databank_search_profiles;
  DROP TABLE main.databank_search_tokens;
  DROP TABLE main.databank_search_grams;
  INSERT INTO main.gateway_state (key, value) VALUES ('archive_id', random());
  `,
  // 20: the copies of records the centre quoted to a member in a DataBankResult (an unrestricted
  // hit carries the record's signed envelope): the member holds that version as if it had been
  // delivered to it, and a withdrawal of the record is routed to it (archive/record-index.ts).
  `
  CREATE TABLE main.record_quotes (
    message_id        TEXT NOT NULL,
    recipient         TEXT NOT NULL,
    result_message_id TEXT NOT NULL,
    PRIMARY KEY (message_id, recipient)
  ) STRICT, WITHOUT ROWID;
  `,
  // 21: the answers archived before migration 20 (below quote_index_end) quote copies too: their
  // quotes are written at open from quote_index_next on (archive/record-index.ts).
  `
  INSERT INTO main.gateway_state (key, value) SELECT 'quote_index_end', value FROM main.gateway_state WHERE key = 'log_size';
  INSERT INTO main.gateway_state (key, value) VALUES ('quote_index_next', 0);
  `,
  // 22: two indexes of messages go. Each cost a page written per message at every commit (at a
  // steady 200 msg/s a commit holds a few messages, and each of these indexes put every one on
  // its sender's leaf). messages_sender (sender, created_at) served no query; a member's last
  // archived message (archive/last-archived.ts) is read from messages_search_sender, per
  // namespace, instead of messages_sender_archived (sender, archived_at).
  `
  DROP INDEX main.messages_sender;
  DROP INDEX main.messages_sender_archived;
  `,
  // 23: the ATC_SUBMIT stream message each accepted envelope came in (NULL: archived before, or
  // not submitted through the stream). A later delivery of that same stream message is JetStream
  // redelivering it, whatever delivery count it carries (pipeline/batch-state.ts, replayOf).
  `
  ALTER TABLE main.messages ADD COLUMN stream_seq INTEGER;
  `,
  // 24: deliveries_pending (state) WHERE state = 'pending' goes: deliveries_open (state,
  // recipient, message_id) WHERE state <> 'delivered' holds the same copies first, and the one
  // query of pending copies (archive/message-store.ts, pendingDeliveries) names its condition so
  // that it is read instead. Each copy routed had written an entry into it at its commit and
  // removed it at its publication mark: two pages of the log fewer per batch.
  `
  DROP INDEX main.deliveries_pending;
  `,
];

/**
 * The data bank's projection tables, which live in the bank's own file since migration 19
 * (db/bank-file.ts): the cursor, and the tables `databank rebuild` empties, in that order.
 */
export const BANK_FILE_TABLES: readonly string[] = [
  'databank_cursor',
  'databank_records',
  'databank_versions',
  'databank_conflicts',
  'databank_flags',
  'databank_withdrawals',
  'databank_purges',
  // Information requests (the overdue Notices sent, databank_request_notices, are kept like the review Notices).
  'databank_requests',
  // Subjects (the operators' decisions, databank_decisions, are input, never cleared: a rebuild applies them again).
  'databank_subject_records',
  'databank_identifiers',
  'databank_subjects',
  'databank_subject_facets',
  'databank_subject_list',
  'databank_candidates',
  'databank_links',
  'databank_detached',
  'databank_decisions_applied',
  // The person search's index.
  'databank_search_profiles',
  'databank_search_tokens',
  'databank_search_grams',
];

/** The migrations after which the bank's tables are as the bank's own file first holds them. */
export const BANK_TABLES_AS_OF = 18;
