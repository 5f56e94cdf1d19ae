import { toIso } from '@atc/shared';
import type { CliIo } from '../cli-io.js';
import { formatTable } from '../format-table.js';
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
  if (values.json === true) {
    io.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  if (entries.length === 0) {
    io.out('The audit log is empty.');
    return 0;
  }
  const rows = entries.map((e) => [toIso(e.at), e.actor, e.action, e.subject, e.reason]);
  for (const line of formatTable(['AT', 'WHO', 'ACTION', 'SUBJECT', 'WHY'], rows)) io.out(line);
  return 0;
}
