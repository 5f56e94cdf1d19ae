/**
 * Signals this soon after the one taken are the same Ctrl-C: the terminal signals the whole
 * foreground process group and a wrapper in it (npm forwards signals to its script) relays
 * its own copy, so a service stopping must not take the copy for a second, forcing signal.
 */
const SAME_SIGNAL_WINDOW_MS = 1500;
let lastStopSignalAt = Number.NEGATIVE_INFINITY;

/**
 * Resolves with the next SIGINT or SIGTERM of the process, ignoring copies of the one
 * taken before (see SAME_SIGNAL_WINDOW_MS). Call it before starting a service, so that a
 * signal during start-up is not lost; call it again after the first for a second signal.
 */
export function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (Date.now() - lastStopSignalAt < SAME_SIGNAL_WINDOW_MS) return;
      lastStopSignalAt = Date.now();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
