import { ErrorCode, toIso } from '@atc/shared';
import type { CliIo } from '../cli-io.js';
import { printListing } from '../format-table.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { withRegistry } from '../with-registry.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 10_000;

/**
 * `atc-gateway audit`: the audit log, newest first (registry and token changes, data bank
 * decisions and reads); `atc-gateway audit verify`: checks its hash chain.
 */
export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'verify') return verify(args.slice(1), io);
  const { values } = parseCommandLine(
    'audit',
    args,
    {
      help: { type: 'boolean', short: 'h' },
      limit: { type: 'string' },
      subject: { type: 'string' },
      action: { type: 'string' },
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
    registry.auditLog({
      limit,
      ...(values.subject === undefined ? {} : { subject: values.subject }),
      ...(values.action === undefined ? {} : { action: values.action }),
    }),
  );
  printListing(io, {
    items: entries,
    json: values.json === true,
    empty: 'The audit log holds no such entries.',
    header: ['AT', 'WHO', 'ROLE', 'ACTION', 'SUBJECT', 'WHY / PURPOSE'],
    row: (e) => [toIso(e.at), e.actor, e.role ?? '-', e.action, e.subject, e.reason],
  });
  return 0;
}

/** `audit verify`: walks the hash chain; exit 1 naming the first row that does not hold. */
async function verify(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'audit verify',
    args,
    { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('audit'));
    return 0;
  }
  const report = await withRegistry(io, (registry) =>
    registry.audit.verify((rows) => {
      if (rows % 100_000 === 0) io.err(`checked ${rows} audit rows`);
    }),
  );
  if (values.json === true) {
    io.out(JSON.stringify(report.ok ? report : { ...report, code: ErrorCode.AUDIT_CHAIN_BROKEN }, null, 2));
  } else if (report.ok) {
    io.out(`audit log verified: ${report.rows} rows chained, head ${report.head}`);
  } else {
    io.err(`${ErrorCode.AUDIT_CHAIN_BROKEN}: ${report.problem} (${report.rows} rows before it hold)`);
  }
  return report.ok ? 0 : 1;
}
