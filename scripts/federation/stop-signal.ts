/**
 * The first SIGINT or SIGTERM asks for a graceful stop; a second one calls `onSecond`
 * (kill everything now), for when a child does not stop.
 */
export interface StopSignal {
  /** True once a stop was asked for. */
  readonly requested: boolean;
  /** Resolves with the first signal. */
  readonly received: Promise<NodeJS.Signals>;
  /** Asks for a stop from inside (a child died). */
  request(): void;
}

/**
 * Signals this soon after the first are the same Ctrl-C: the terminal signals the whole
 * foreground process group, and a wrapper in it (npm, a tsx or shell parent) may relay its
 * own copy, so one key press can arrive two or three times within milliseconds.
 */
export const SAME_SIGNAL_WINDOW_MS = 1500;

/** Installs the SIGINT/SIGTERM handlers of `npm start`. */
export function listenForStop(onSecond: () => void): StopSignal {
  let firstAt: number | undefined;
  let resolveReceived: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    resolveReceived = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    const now = Date.now();
    if (firstAt === undefined) {
      firstAt = now;
      resolveReceived(signal);
    } else if (now - firstAt >= SAME_SIGNAL_WINDOW_MS) onSecond();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get requested() {
      return firstAt !== undefined;
    },
    received,
    request() {
      if (firstAt !== undefined) return;
      // A stop asked from inside: any signal after it is the user's, and escalates.
      firstAt = 0;
      resolveReceived('SIGTERM');
    },
  };
}
