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

/** Installs the SIGINT/SIGTERM handlers of `npm start`. */
export function listenForStop(onSecond: () => void): StopSignal {
  let requested = false;
  let resolveReceived: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    resolveReceived = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    if (requested) {
      onSecond();
      return;
    }
    requested = true;
    resolveReceived(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get requested() {
      return requested;
    },
    received,
    request() {
      if (requested) return;
      requested = true;
      resolveReceived('SIGTERM');
    },
  };
}
