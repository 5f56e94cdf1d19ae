import { toIso } from '@atc/shared';
import type { CliIo } from '../cli-io.js';
import { printListing } from '../format-table.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { withRegistry } from '../with-registry.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 10_000;

/** `atc-gateway audit`: the registry's audit log, newest first. */
export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'audit',
    args,
    {
      help: { type: 'boolean', short: 'h' },
      limit: { type: 'string' },
      subject: { type: 'string' },
      json: { type: 'boolean' },
    },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('audit'));
    return 0;
  }
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new UsageError(
      'audit',
      `audit: --limit ${JSON.stringify(values.limit)} is not a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  const entries = await withRegistry(io, (registry) =>
    registry.auditLog({ limit, ...(values.subject === undefined ? {} : { subject: values.subject }) }),
  );
  printListing(io, {
    items: entries,
    json: values.json === true,
    empty: 'The audit log is empty.',
    header: ['AT', 'WHO', 'ACTION', 'SUBJECT', 'WHY'],
    row: (e) => [toIso(e.at), e.actor, e.action, e.subject, e.reason],
  });
  return 0;
}
