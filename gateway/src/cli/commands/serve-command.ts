import { createLogger, FORCED_EXIT } from '@atc/shared';
import { loadGatewayConfig } from '../../config/gateway-config.js';
import { heapLimitWarning } from '../../config/node-flags.js';
import type { CliIo } from '../cli-io.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';

/**
 * `atc-gateway serve`: runs the gateway until SIGINT or SIGTERM, then stops it gracefully
 * (a second signal gives up waiting).
 */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('serve', args, { help: { type: 'boolean', short: 'h' } }, { names: [] });
  if (values.help === true) {
    io.out(helpText('serve'));
    return 0;
  }
  const { config, secrets } = loadGatewayConfig(io.env);
  const logger = createLogger({ name: 'atc-gateway', level: config.logLevel });
  const heapWarning = heapLimitWarning();
  if (heapWarning !== undefined) logger.warn(heapWarning);
  // Listen before starting, so that a signal during start-up is not lost.
  const stopSignal = io.nextStopSignal();
  // Loaded here, not at the top: the other commands need none of the service's modules.
  const { startGateway } = await import('../../gateway.js');
  const gateway = await startGateway({ config, secrets, logger });
  const signal = await stopSignal;
  logger.info({ signal }, 'stopping the gateway; send the signal again to exit at once');
  const forced = io.nextStopSignal().then((again) => {
    logger.warn({ signal: again }, 'second signal: exiting without waiting for the stop to finish');
    return FORCED_EXIT;
  });
  return Promise.race([gateway.stop().then(() => 0), forced]);
}
