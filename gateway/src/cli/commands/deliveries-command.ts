import { AtcError, ErrorCode, parsers, systemClock, toIso } from '@atc/shared';
import { resendUnconfirmedCopies } from '../../archive/delivery-resend.js';
import { openArchiveDb } from '../../db/open-database.js';
import { Registry } from '../../registry/registry.js';
import { actorOf } from '../actor-of.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { configuredArchive } from '../configured-archive.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';

/** `atc-gateway deliveries resend`. */
export const deliveriesCommand = commandGroup('deliveries', { resend });

async function resend(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'deliveries resend',
    args,
    {
      help: { type: 'boolean', short: 'h' },
      by: { type: 'string' },
      reason: { type: 'string' },
      'older-than': { type: 'string' },
    },
    { names: ['<MEMBER>'] },
  );
  if (values.help === true) {
    io.out(helpText('deliveries'));
    return 0;
  }
  const actor = actorOf('deliveries resend', values);
  const member = positionals[0]!;
  const { config, location } = configuredArchive(
    io,
    `run it where the gateway runs (or set ATC_DATA_DIR / ATC_ARCHIVE_URL to its archive).`,
  );
  // Younger copies could still be in JetStream's de-duplication window, which would drop them.
  const floor = Math.min(config.duplicateWindow, config.inboxMaxAge);
  const olderThanMs = olderThan(values['older-than'], config.inboxMaxAge, floor);
  const db = await openArchiveDb(location);
  try {
    const registry = new Registry(db, systemClock);
    if ((await registry.getMember(member)) === undefined) {
      throw new AtcError(
        ErrorCode.MEMBER_UNKNOWN,
        `member ${member} is not registered; list the members ("atc-gateway members list") to check the id.`,
      );
    }
    const now = systemClock();
    const count = await resendUnconfirmedCopies(db, registry.audit, { member, olderThanMs, now, actor });
    io.out(
      count === 0
        ? `No copy routed to ${member} before ${toIso(now - olderThanMs)} waits for its DeliveryAck: nothing to resend.`
        : `${count} cop${count === 1 ? 'y' : 'ies'} routed to ${member} before ${toIso(now - olderThanMs)} without a ` +
            `DeliveryAck will be routed again by the running gateway within seconds; its agent drops those it already holds.`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

/** `--older-than` (default the inbox retention), no shorter than the de-duplication window. */
function olderThan(raw: string | undefined, inboxMaxAgeMs: number, floorMs: number): number {
  if (raw === undefined) return inboxMaxAgeMs;
  let ms: number;
  try {
    ms = parsers.duration()(raw);
  } catch (e) {
    throw new UsageError('deliveries', `deliveries resend: --older-than ${(e as Error).message}`);
  }
  if (ms < floorMs) {
    throw new UsageError(
      'deliveries',
      `deliveries resend: --older-than ${raw} is shorter than the inbox de-duplication window (${floorMs / 1000} s), ` +
        'which would drop the copies again; give a longer duration.',
    );
  }
  return ms;
}
