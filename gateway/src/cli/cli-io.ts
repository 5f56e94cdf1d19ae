/** What a command reads and writes, passed in by `main.ts` so that nothing else touches `process`. */
export interface CliIo {
  /** The environment, read only to load the configuration. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for `keys add <MEMBER> -`. */
  readonly stdin: NodeJS.ReadableStream;
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Resolves with the first SIGINT or SIGTERM after the call; for `serve`. */
  nextStopSignal(): Promise<NodeJS.Signals>;
}
