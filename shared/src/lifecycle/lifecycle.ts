import type { Logger } from '../logging/create-logger.js';
import { storageFailureOf } from '../storage/storage-failure.js';

/**
 * A part of a service with a life of its own. Its constructor only takes what it needs and
 * starts nothing; `start` begins the work (timers, subscriptions, loops); `stop` ends it and
 * waits for what is in flight. Both are safe to call again: a second `start` or `stop` does
 * nothing, and `stop` before `start` does nothing either.
 */
export interface Component {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** One step to undo at stop: a resource to close or a component to stop. */
interface Undo {
  readonly name: string;
  readonly run: () => Promise<void> | void;
}

/**
 * The resources and components of one service, in the order they were opened or started.
 * `stop` undoes them in reverse, each once, and goes on past a failing step (logged), so
 * one stuck part never keeps the others open. {@link startService} uses it to undo a start
 * that fails half way.
 */
export class Lifecycle {
  readonly #undo: Undo[] = [];
  readonly #logger: Logger | undefined;
  #stopping: Promise<void> | undefined;

  constructor(logger?: Logger) {
    this.#logger = logger;
  }

  /** Opens a resource and keeps `close` for the stop. */
  async open<T>(name: string, open: () => Promise<T> | T, close: (value: T) => Promise<void> | void): Promise<T> {
    this.#refuseWhenStopping(name);
    const value = await open();
    this.#undo.push({ name, run: () => close(value) });
    return value;
  }

  /** Starts a component and keeps its `stop` for the stop. */
  async start<T extends Component>(name: string, component: T): Promise<T> {
    this.#refuseWhenStopping(name);
    // Registered first: a start that fails half way has its own partial work undone too.
    this.#undo.push({ name, run: () => component.stop() });
    await component.start();
    return component;
  }

  /** Keeps a step for the stop without opening anything (a resource made synchronously). */
  defer(name: string, run: () => Promise<void> | void): void {
    this.#refuseWhenStopping(name);
    this.#undo.push({ name, run });
  }

  /** The names of what is open or started, in start order. */
  get parts(): readonly string[] {
    return this.#undo.map((u) => u.name);
  }

  /** Undoes everything in reverse order; every call returns the same stop. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stopAll();
    return this.#stopping;
  }

  async #stopAll(): Promise<void> {
    const failures: unknown[] = [];
    for (let u = this.#undo.pop(); u !== undefined; u = this.#undo.pop()) {
      try {
        await u.run();
        this.#logger?.debug({ part: u.name }, 'stopped');
      } catch (e) {
        failures.push(e);
        this.#logger?.error({ err: e, part: u.name }, 'stopping a part failed; stopping the others');
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} parts failed to stop`);
  }

  #refuseWhenStopping(name: string): void {
    if (this.#stopping !== undefined) throw new Error(`${name}: the service is stopping; nothing more starts`);
  }
}

/**
 * Runs a service's start with a fresh {@link Lifecycle}. When `build` throws, everything it
 * had opened or started is undone in reverse before the error goes on, so a failed start
 * leaves no connection, timer, worker or socket behind.
 */
export async function startService<T>(
  build: (lifecycle: Lifecycle) => Promise<T>,
  logger?: Logger,
): Promise<{ readonly service: T; readonly lifecycle: Lifecycle }> {
  const lifecycle = new Lifecycle(logger);
  try {
    return { service: await build(lifecycle), lifecycle };
  } catch (e) {
    await lifecycle.stop().catch((undoFailure: unknown) => {
      logger?.error({ err: undoFailure }, 'undoing a failed start did not complete');
    });
    throw e;
  }
}

/**
 * Runs `task` every `everyMs`, one run at a time (a slow run delays the next, never
 * overlaps it). A failing run is logged and the next one tries again. `stop` clears the timer
 * and waits for the run in flight.
 */
export class Periodic implements Component {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;
  #waitingForStorage = false;

  constructor(
    private readonly options: {
      /** What the task does, for the log. */
      readonly name: string;
      readonly everyMs: number;
      readonly task: () => Promise<void>;
      readonly logger: Logger;
      /** Also runs once at start, without waiting for it (a long first run holds up nothing). */
      readonly runAtStart?: boolean;
    },
  ) {}

  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setInterval(() => {
      void this.#schedule();
    }, this.options.everyMs);
    this.#timer.unref();
    if (this.options.runAtStart === true) void this.#schedule();
  }

  /** Runs the task now (after a run in flight), outside the timer; resolves when it has run. */
  runNow(): Promise<void> {
    return this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
  }

  #schedule(): Promise<void> {
    this.#running = this.#running.then(async () => {
      if (this.#stopped) return;
      try {
        await this.options.task();
        if (this.#waitingForStorage) {
          this.#waitingForStorage = false;
          this.options.logger.info({ task: this.options.name }, `${this.options.name} runs again`);
        }
      } catch (e) {
        const storage = storageFailureOf(e);
        if (storage === undefined) {
          this.options.logger.error(
            { err: e, task: this.options.name },
            `${this.options.name} failed; it runs again later`,
          );
        } else if (!this.#waitingForStorage) {
          // A database restarting or a full disk fails every run until it is back: said once.
          this.#waitingForStorage = true;
          this.options.logger.warn(
            { task: this.options.name, code: storage.code, why: storage.detail },
            `${this.options.name} waits for its storage; it runs again later`,
          );
        }
      }
    });
    return this.#running;
  }
}
