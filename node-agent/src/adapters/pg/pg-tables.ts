/**
 * Where the PostgreSQL adapter's tables live. The names were validated as plain lower-case
 * SQL identifiers by the agent's configuration; they are still quoted wherever they go
 * into SQL.
 */
export interface PgTableNames {
  readonly schema: string;
  readonly outbox: string;
  readonly inbox: string;
}

/** The states of an outbox row, as the national system reads them. */
export const PgRowState = {
  /** Inserted by the national system, not yet taken by the agent. */
  pending: 'pending',
  /** In the agent's outbox (message_id set), waiting for the centre's receipt. */
  sent: 'sent',
  /** The centre archived it (receipt_status accepted). */
  accepted: 'accepted',
  /** Refused: by the agent (the payload is not a valid request) or by the centre's receipt. */
  rejected: 'rejected',
  /** The agent could not take it for a reason outside the payload's content (e.g. its Idempotency-Key was reused). */
  failed: 'failed',
} as const;

/** One of {@link PgRowState}. */
export type PgRowState = (typeof PgRowState)[keyof typeof PgRowState];

/** `"name"`: an identifier in double quotes (the names hold no quote; see {@link PgTableNames}). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`. */
export function qualified(names: PgTableNames, table: 'outbox' | 'inbox'): string {
  return `${quoteIdent(names.schema)}.${quoteIdent(names[table])}`;
}

/** The NOTIFY channel an insert into the outbox table signals on: `<schema>_<outbox table>`. */
export function notifyChannel(names: PgTableNames): string {
  return `${names.schema}_${names.outbox}`.slice(0, 63);
}

/** The Idempotency-Key the row with `id` is handed to the agent's outbox with. */
export function rowIdempotencyKey(names: PgTableNames, id: string): string {
  return `pg-outbox:${names.schema}.${names.outbox}:${id}`;
}

/**
 * The DDL of `atc-agent adapter pg init`: the schema, both tables, their indexes and the
 * NOTIFY trigger. Idempotent (IF NOT EXISTS / OR REPLACE), so running it again is harmless.
 */
export function createTablesSql(names: PgTableNames): string {
  const outbox = qualified(names, 'outbox');
  const inbox = qualified(names, 'inbox');
  const schema = quoteIdent(names.schema);
  const notifyFn = `${schema}.${quoteIdent(`${names.outbox}_notify`.slice(0, 63))}`;
  const trigger = quoteIdent(`${names.outbox}_notify`.slice(0, 63));
  const channel = notifyChannel(names).replace(/'/g, "''");
  return `
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${outbox} (
  id             bigserial PRIMARY KEY,
  created_at     timestamptz NOT NULL DEFAULT now(),
  payload        jsonb NOT NULL,
  state          text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'sent', 'accepted', 'rejected', 'failed')),
  message_id     text,
  receipt_status text CHECK (receipt_status IN ('accepted', 'rejected')),
  refusal_code   text,
  refusal_detail text,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${quoteIdent(`${names.outbox}_pending`.slice(0, 63))}
  ON ${outbox} (id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS ${quoteIdent(`${names.outbox}_sent`.slice(0, 63))}
  ON ${outbox} (id) WHERE state = 'sent';
CREATE INDEX IF NOT EXISTS ${quoteIdent(`${names.outbox}_message_id`.slice(0, 63))}
  ON ${outbox} (message_id) WHERE state = 'sent';

CREATE TABLE IF NOT EXISTS ${inbox} (
  message_id   text PRIMARY KEY,
  received_at  timestamptz NOT NULL,
  sender       text NOT NULL,
  payload_type text NOT NULL,
  exercise     boolean NOT NULL,
  header       jsonb NOT NULL,
  record       jsonb NOT NULL,
  tombstone    jsonb,
  written_at   timestamptz NOT NULL DEFAULT now(),
  handed_over  boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS ${quoteIdent(`${names.inbox}_not_handed_over`.slice(0, 63))}
  ON ${inbox} (received_at) WHERE NOT handed_over;

CREATE OR REPLACE FUNCTION ${notifyFn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${channel}', '');
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS ${trigger} ON ${outbox};
CREATE TRIGGER ${trigger} AFTER INSERT ON ${outbox}
  FOR EACH STATEMENT EXECUTE FUNCTION ${notifyFn}();
`;
}
