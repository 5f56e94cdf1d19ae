import { createHash } from 'node:crypto';
import { constants, watch, type FSWatcher, type Stats } from 'node:fs';
import { access, mkdir, open, readdir, rename, type FileHandle } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ErrorCode, storageFailureOf, type Clock, type Component, type Logger } from '@atc/shared';
import { readLine, recordOutcome, splitLines, type ApiAnswer } from '../records/jsonl-records.js';
import { writeAtomically } from './write-atomically.js';

/** Log the progress of a big file every this many lines. */
const PROGRESS_EVERY_LINES = 1_000;
/** Lines handed to the agent API at once: enough for its group commit to store them together. */
const WINDOW = 32;

/** The result of one line, as the report lists it (line numbers start at 1). */
export type LineResult =
  | { readonly line: number; readonly status: 'accepted'; readonly messageId: string; readonly created: boolean }
  | { readonly line: number; readonly status: 'refused'; readonly code: string; readonly detail: string };

/** `<name>.report.json`, written beside a file moved to done/ or failed/. */
export interface DropReport {
  readonly file: string;
  /** SHA-256 of the file's bytes (hex): with the line number, each line's Idempotency-Key. */
  readonly sha256: string | null;
  readonly outcome: 'done' | 'failed';
  /** Lines in the file; blank lines are counted but neither sent nor listed. */
  readonly lines: number;
  readonly accepted: number;
  readonly refused: number;
  /** Set when the file as a whole was refused (not JSON Lines, too large). */
  readonly code?: string;
  readonly detail?: string;
  readonly finishedAt: string;
  readonly results: readonly LineResult[];
}

/** What a {@link DropFolder} works with. */
export interface DropFolderDeps {
  /** The drop folder: `in/`, `done/` and `failed/` below it are created when absent. */
  readonly dir: string;
  /** Hands one line (a POST /v1/messages body) to the agent API with its Idempotency-Key. */
  readonly post: (body: string, idempotencyKey: string) => Promise<ApiAnswer>;
  /** Longest line taken; longer ones are refused (ERR_BODY_TOO_LARGE). */
  readonly maxLineBytes: number;
  /** Largest file taken; larger ones go to failed/. */
  readonly maxFileBytes: number;
  /** How often in/ is scanned besides fs.watch (which may miss events), and moves retried. */
  readonly scanIntervalMs: number;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly onLine?: (outcome: 'taken' | 'already_taken' | 'refused') => void;
  readonly onFile?: (outcome: 'done' | 'failed' | 'gone') => void;
  readonly onError?: (code: string) => void;
}

/** Names a writer is still filling, by the convention: dot-files and `*.tmp`, `*.part`. */
export function isIgnoredDropName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.tmp') || name.endsWith('.part');
}

/** A file finished whose move failed: retried at the next scan without sending anything again. */
interface PendingMove {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly report: DropReport;
}

/**
 * The watched drop folder. Files a national system renames into `in/` are taken one at a
 * time, in name order; each line is handed to the agent API with the Idempotency-Key
 * `drop-<SHA-256 of the file>-<line number>`, so that a file taken again (after a restart
 * half way, or dropped again with the same bytes) creates no message twice: those lines
 * answer with the message created the first time. Once every line has an answer the file
 * moves to `done/` (every line accepted) or `failed/` (any refused), with
 * `<name>.report.json` beside it. A line the agent cannot take now (storage full, 5xx)
 * stops the file: it stays in `in/` and is taken again at the next scan.
 */
export class DropFolder implements Component {
  private readonly inDir: string;
  private readonly doneDir: string;
  private readonly failedDir: string;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private foldersMissing = false;
  private readonly pendingMoves = new Map<string, PendingMove>();
  /** Names in in/ that are not plain files, reported once. */
  private readonly leftAlone = new Set<string>();

  constructor(private readonly deps: DropFolderDeps) {
    this.inDir = join(deps.dir, 'in');
    this.doneDir = join(deps.dir, 'done');
    this.failedDir = join(deps.dir, 'failed');
  }

  /** Creates the folders, starts watching `in/` and scans it once. */
  async start(): Promise<void> {
    await this.ensureFolders();
    this.timer = setInterval(() => {
      this.wake();
    }, this.deps.scanIntervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Stops taking files; a file half sent stays in `in/` and is resumed at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.running;
  }

  /** Scans `in/` soon; a wake while a scan runs makes it scan once more. */
  wake(): void {
    if (this.stopped) return;
    this.again = true;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    while (this.again && !this.stopped) {
      this.again = false;
      try {
        await this.scan();
      } catch (e) {
        this.deps.logger.error({ err: e }, 'drop folder scan failed; the next scan tries again');
      }
    }
  }

  private async ensureFolders(): Promise<boolean> {
    try {
      // Only in/ is needed to take files; done/ and failed/ are created (and their failures
      // reported) when a file moves there.
      await mkdir(this.inDir, { recursive: true, mode: 0o750 });
      for (const d of [this.doneDir, this.failedDir])
        await mkdir(d, { recursive: true, mode: 0o750 }).catch(() => undefined);
      this.foldersMissing = false;
    } catch (e) {
      if (!this.foldersMissing) this.problem(e, `the drop folder ${this.deps.dir} cannot be created`);
      this.foldersMissing = true;
      return false;
    }
    if (this.watcher === undefined && !this.stopped) {
      try {
        this.watcher = watch(this.inDir, () => {
          this.wake();
        });
        this.watcher.on('error', (e) => {
          this.deps.logger.warn({ err: e }, 'drop folder: watching in/ stopped; the periodic scan goes on');
          this.watcher?.close();
          this.watcher = undefined;
        });
      } catch (e) {
        this.deps.logger.warn({ err: e }, 'drop folder: in/ cannot be watched; the periodic scan finds files');
      }
    }
    return true;
  }

  private async scan(): Promise<void> {
    if (!(await this.ensureFolders())) return;
    const names = (await readdir(this.inDir)).filter((n) => !isIgnoredDropName(n)).sort();
    for (const name of this.pendingMoves.keys()) if (!names.includes(name)) this.pendingMoves.delete(name);
    for (const name of names) {
      if (this.stopped) return;
      if ((await this.take(name)) === 'retry-later') return;
    }
  }

  /** Takes one file of `in/`; `retry-later` when the agent cannot take records now. */
  private async take(name: string): Promise<'finished' | 'retry-later'> {
    const path = join(this.inDir, name);
    let file: FileHandle;
    try {
      // Never through a symbolic link (it could name any file the agent may read), and
      // never blocked on a named pipe.
      file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return 'finished';
      if (code === 'ELOOP') this.notAFile(name);
      else this.problem(e, `drop folder: ${name} cannot be opened`);
      return 'finished';
    }
    try {
      const st = await file.stat();
      if (!st.isFile()) {
        this.notAFile(name);
        return 'finished';
      }
      const pending = this.pendingMoves.get(name);
      if (pending !== undefined && sameFile(pending, st)) {
        await this.finish(name, pending);
        return 'finished';
      }
      let report: DropReport | 'gone' | 'retry-later';
      if (!name.endsWith('.jsonl')) {
        report = this.wholeFileRefused(name, {
          code: ErrorCode.DROP_FILE_NOT_JSONL,
          detail: `only *.jsonl files (one record per line) are taken; rename ${name} to end in .jsonl if it is JSON Lines`,
        });
      } else if (st.size > this.deps.maxFileBytes) {
        report = this.wholeFileRefused(name, {
          code: ErrorCode.BODY_TOO_LARGE,
          detail: `the file is ${st.size} bytes, over the ${this.deps.maxFileBytes} taken (ATC_AGENT_DROP_MAX_FILE_BYTES); split it`,
        });
      } else {
        report = await this.sendLines(name, file);
      }
      if (report === 'retry-later') return 'retry-later';
      if (report === 'gone') {
        this.deps.onFile?.('gone');
        return 'finished';
      }
      await this.finish(name, { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, report });
      return 'finished';
    } finally {
      await file.close();
    }
  }

  private wholeFileRefused(name: string, problem: { code: string; detail: string }): DropReport {
    this.deps.logger.warn({ file: name, code: problem.code }, 'drop folder: file refused as a whole');
    return {
      file: name,
      sha256: null,
      outcome: 'failed',
      lines: 0,
      accepted: 0,
      refused: 0,
      ...problem,
      finishedAt: new Date(this.deps.clock()).toISOString(),
      results: [],
    };
  }

  /**
   * Sends each line of an open `*.jsonl` file, up to {@link WINDOW} at once so that the
   * outbox stores them in group commits; lines of one record (see {@link recordKeyOf}) wait
   * for each other, so its versions and its withdrawal keep the file's order. The report, or
   * why there is none yet.
   */
  private async sendLines(name: string, file: FileHandle): Promise<DropReport | 'gone' | 'retry-later'> {
    const { logger } = this.deps;
    const bytes = await file.readFile();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const lines = splitLines(bytes);
    const results: (LineResult | undefined)[] = [];
    const inFlight = new Map<number, { readonly key: string; readonly done: Promise<void> }>();
    let retryLater = false;
    let stoppedAt: 'gone' | 'retry-later' | undefined;
    logger.info({ file: name, sha256, lines: lines.length }, 'drop folder: taking a file');
    for (let i = 0; i < lines.length && !retryLater; i++) {
      const lineNo = i + 1;
      if (this.stopped) {
        stoppedAt = 'retry-later';
        break;
      }
      // A file removed (or replaced by a rename) from in/ while being read: its writer took
      // it back, so the lines not yet sent are not sent.
      if ((await file.stat()).nlink === 0) {
        logger.warn(
          { file: name, code: ErrorCode.DROP_FILE_GONE, linesRead: i, lines: lines.length },
          'drop folder: the file was removed from in/ while being read; the lines not yet read were not sent',
        );
        stoppedAt = 'gone';
        break;
      }
      const read = readLine(lines[i]!, this.deps.maxLineBytes);
      if ('problem' in read) {
        this.deps.onLine?.('refused');
        results[i] = { line: lineNo, status: 'refused', ...read.problem };
        continue;
      }
      if (read.text === '') continue;
      const key = recordKeyOf(read.body, lineNo);
      const busy = (): boolean => inFlight.size >= WINDOW || [...inFlight.values()].some((f) => f.key === key);
      while (busy()) await Promise.race([...inFlight.values()].map((f) => f.done));
      if (retryLater) break;
      const done = this.sendLine(read.text, `drop-${sha256}-${lineNo}`, lineNo).then((result) => {
        inFlight.delete(i);
        if (result === 'retry-later') retryLater = true;
        else results[i] = result;
      });
      inFlight.set(i, { key, done });
      if (lineNo % PROGRESS_EVERY_LINES === 0) {
        logger.info({ file: name, line: lineNo, lines: lines.length }, 'drop folder: progress');
      }
    }
    // Lines already handed over finish either way: their keys make a later run find them.
    await Promise.all([...inFlight.values()].map((f) => f.done));
    if (stoppedAt !== undefined) return stoppedAt;
    if (retryLater) return 'retry-later';
    const listed = results.filter((r) => r !== undefined);
    const refused = listed.filter((r) => r.status === 'refused').length;
    return {
      file: name,
      sha256,
      outcome: refused === 0 ? 'done' : 'failed',
      lines: lines.length,
      accepted: listed.length - refused,
      refused,
      finishedAt: new Date(this.deps.clock()).toISOString(),
      results: listed,
    };
  }

  /** Hands one line to the agent API: its result, or `retry-later`. Never rejects. */
  private async sendLine(text: string, key: string, line: number): Promise<LineResult | 'retry-later'> {
    let outcome;
    try {
      outcome = recordOutcome(await this.deps.post(text, key));
    } catch (e) {
      this.deps.logger.error({ err: e, line }, 'drop folder: a line could not be handed to the agent API; retried');
      this.deps.onError?.(ErrorCode.INTERNAL);
      return 'retry-later';
    }
    if (outcome.kind === 'retry') {
      this.deps.logger.warn(
        { code: outcome.code, status: outcome.status, line, detail: outcome.detail },
        'drop folder: the agent cannot take records now; the file stays in in/ and is taken again at the next scan',
      );
      this.deps.onError?.(outcome.code);
      return 'retry-later';
    }
    if (outcome.kind === 'refused') {
      this.deps.onLine?.('refused');
      return { line, status: 'refused', code: outcome.code, detail: outcome.detail };
    }
    this.deps.onLine?.(outcome.created ? 'taken' : 'already_taken');
    return { line, status: 'accepted', messageId: outcome.messageId, created: outcome.created };
  }

  /**
   * Writes the report, then moves the file beside it. A failure leaves the file in `in/` and
   * remembers the report, so the next scan retries the move without sending anything again.
   */
  private async finish(name: string, done: PendingMove): Promise<void> {
    const { report } = done;
    const dir = report.outcome === 'done' ? this.doneDir : this.failedDir;
    try {
      await mkdir(dir, { recursive: true, mode: 0o750 });
      const target = await freeName(dir, name, this.deps.clock());
      await writeAtomically(join(dir, `${target}.report.json`), `${JSON.stringify(report, null, 2)}\n`);
      await rename(join(this.inDir, name), join(dir, target));
    } catch (e) {
      if (!(await exists(join(this.inDir, name)))) {
        this.pendingMoves.delete(name);
        this.deps.logger.warn(
          { file: name, code: ErrorCode.DROP_FILE_GONE },
          'drop folder: the file was removed from in/ before it could be moved',
        );
        this.deps.onFile?.('gone');
        return;
      }
      this.pendingMoves.set(name, done);
      this.problem(
        e,
        `drop folder: ${name} cannot be moved to ${report.outcome}/; it stays in in/, the move is retried`,
      );
      return;
    }
    this.pendingMoves.delete(name);
    this.deps.onFile?.(report.outcome);
    this.deps.logger.info(
      { file: name, outcome: report.outcome, lines: report.lines, accepted: report.accepted, refused: report.refused },
      'drop folder: file finished',
    );
  }

  /** Says once per name that something in in/ that is not a plain file is left alone. */
  private notAFile(name: string): void {
    if (this.leftAlone.has(name)) return;
    this.leftAlone.add(name);
    this.deps.logger.warn(
      { file: name },
      'drop folder: not a plain file (a folder, link or pipe): left in in/, never read',
    );
  }

  /** Logs a file system failure with its code (disk full, or the folder unwritable) and counts it. */
  private problem(e: unknown, message: string): void {
    const code = storageFailureOf(e)?.code ?? ErrorCode.DROP_FOLDER_UNWRITABLE;
    this.deps.logger.error({ err: e, code }, message);
    this.deps.onError?.(code);
  }
}

function sameFile(pending: PendingMove, st: Stats): boolean {
  return pending.ino === st.ino && pending.size === st.size && pending.mtimeMs === st.mtimeMs;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** `name` in `dir`, or `<stem>.<time>[.<n>]<ext>` when a file (or its report) of that name is there. */
async function freeName(dir: string, name: string, now: number): Promise<string> {
  const taken = async (n: string): Promise<boolean> =>
    (await exists(join(dir, n))) || (await exists(join(dir, `${n}.report.json`)));
  if (!(await taken(name))) return name;
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = `${stem}.${now}${n === 0 ? '' : `.${n}`}${ext}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/**
 * The record a line is about, `record/<record id>` (the withdrawn record for a
 * RecordWithdrawal): lines of one record are sent one after another, in file order. A line
 * without a record id is its own key.
 */
function recordKeyOf(body: unknown, line: number): string {
  const record = isObject(body) ? body['record'] : undefined;
  const target = isObject(record) ? record['target'] : undefined;
  const id = (isObject(target) ? target['recordId'] : undefined) ?? (isObject(record) ? record['recordId'] : undefined);
  return typeof id === 'string' ? `record/${id}` : `line/${line}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
