import type Database from 'better-sqlite3';

/** A checkpoint this witness accepted. */
export interface AcceptedCheckpoint {
  readonly size: number;
  readonly origin: string;
  readonly rootHash: Buffer;
  /** The note as the gateway signed it. */
  readonly note: string;
  readonly acceptedAt: number;
  readonly cosignedAt: number | null;
}

/** What kind of misbehaviour of the log an alarm reports. */
export type AlarmKind =
  /** A checkpoint that is not an extension of the last accepted one (a fork or a rewrite). */
  | 'inconsistent'
  /** A smaller tree than the last accepted one, with no proof it is a prefix of it. */
  | 'rollback'
  /** A checkpoint for another log (origin) than the one followed. */
  | 'origin-changed'
  /** A receipt whose inclusion proof does not verify against its checkpoint. */
  | 'bad-receipt-proof';

/** A raised alarm with its evidence (both checkpoints, the proof offered). */
export interface LogAlarm {
  readonly id: number;
  readonly raisedAt: number;
  readonly kind: AlarmKind;
  readonly detail: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly clearedAt: number | null;
  readonly clearedBy: string | null;
}

interface CheckpointRow {
  tree_size: number;
  origin: string;
  root_hash: Buffer;
  note: string;
  accepted_at: number;
  cosigned_at: number | null;
}

interface AlarmRow {
  id: number;
  raised_at: number;
  kind: AlarmKind;
  detail: string;
  evidence: string;
  cleared_at: number | null;
  cleared_by: string | null;
}

/** The witness's state in the agent database: accepted checkpoints and alarms. */
export class WitnessStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      last: db.prepare<[], CheckpointRow>('SELECT * FROM witness_checkpoints ORDER BY tree_size DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO witness_checkpoints (tree_size, origin, root_hash, note, accepted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tree_size) DO NOTHING`,
      ),
      cosigned: db.prepare('UPDATE witness_checkpoints SET cosigned_at = ? WHERE tree_size = ?'),
      raise: db.prepare('INSERT INTO log_alarms (raised_at, kind, detail, evidence) VALUES (?, ?, ?, ?)'),
      alarms: db.prepare<[number], AlarmRow>('SELECT * FROM log_alarms ORDER BY id DESC LIMIT ?'),
      open: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM log_alarms WHERE cleared_at IS NULL'),
      clear: db.prepare('UPDATE log_alarms SET cleared_at = ?, cleared_by = ? WHERE id = ? AND cleared_at IS NULL'),
    };
  }

  /** The newest accepted checkpoint, if any. */
  last(): AcceptedCheckpoint | undefined {
    const r = this.s.last.get();
    return r === undefined
      ? undefined
      : {
          size: r.tree_size,
          origin: r.origin,
          rootHash: r.root_hash,
          note: r.note,
          acceptedAt: r.accepted_at,
          cosignedAt: r.cosigned_at,
        };
  }

  /** Records an accepted checkpoint. */
  accept(cp: Omit<AcceptedCheckpoint, 'cosignedAt'>): void {
    this.s.insert.run(cp.size, cp.origin, cp.rootHash, cp.note, cp.acceptedAt);
  }

  /** Records that the gateway took this witness's cosignature of checkpoint `size`. */
  markCosigned(size: number, at: number): void {
    this.s.cosigned.run(at, size);
  }

  /** Raises an alarm; returns its id. */
  raise(kind: AlarmKind, detail: string, evidence: Readonly<Record<string, unknown>>, at: number): number {
    return Number(this.s.raise.run(at, kind, detail, JSON.stringify(evidence)).lastInsertRowid);
  }

  /** The newest alarms first. */
  alarms(limit = 100): LogAlarm[] {
    return this.s.alarms.all(limit).map((r) => ({
      id: r.id,
      raisedAt: r.raised_at,
      kind: r.kind,
      detail: r.detail,
      evidence: JSON.parse(r.evidence) as Record<string, unknown>,
      clearedAt: r.cleared_at,
      clearedBy: r.cleared_by,
    }));
  }

  /** How many alarms an operator has not cleared. */
  openAlarms(): number {
    return this.s.open.get()?.n ?? 0;
  }

  /** Clears an alarm after an operator looked into it; false when unknown or already cleared. */
  clear(id: number, by: string, at: number): boolean {
    return this.s.clear.run(at, by, id).changes === 1;
  }
}
