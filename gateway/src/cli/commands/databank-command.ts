import { loadGatewayKey } from '../../archive/load-gateway-key.js';
import { AuditAction } from '../../registry/registry-types.js';
import { actorOf } from '../actor-of.js';
import { DatabankProjection } from '../../databank/databank-projector.js';
import { reviewDueList } from '../../databank/review.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { configuredArchive, openConfiguredArchive } from '../configured-archive.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';

const help = { type: 'boolean', short: 'h' } as const;
const by = { type: 'string' } as const;
const reason = { type: 'string' } as const;

/** `atc-gateway databank rebuild|relink|status|review`. */
export const databankCommand = commandGroup('databank', { rebuild, relink, status, review });

async function openBank(io: CliIo) {
  const { config, location } = configuredArchive(
    io,
    `set ATC_DATA_DIR (or ATC_ARCHIVE_PATH, or ATC_ARCHIVE_URL) to the gateway's archive.`,
  );
  const archive = await openConfiguredArchive(config, location, await loadGatewayKey(config.keyFile));
  return {
    archive,
    projection: new DatabankProjection(archive.db, archive.reader, { linkThreshold: config.linkThreshold }),
  };
}

async function rebuild(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('databank rebuild', args, { help, by, reason }, { names: [] });
  if (values.help === true) {
    io.out(helpText('databank'));
    return 0;
  }
  const actor = actorOf('databank rebuild', values);
  const { archive, projection } = await openBank(io);
  try {
    await projection.clear();
    let lastReport = 0;
    let reported = '';
    let latest = '';
    const progress = (cursor: number, size: number): string =>
      `applied ${cursor} of ${size} entries (${size === 0 ? 100 : Math.floor((cursor / size) * 100)}%)`;
    const applied = await projection.catchUp((cursor, size) => {
      latest = progress(cursor, size);
      if (Date.now() - lastReport < 1_000) return;
      lastReport = Date.now();
      reported = latest;
      io.err(latest);
    });
    // Progress is shown at most once a second; the last batch's line always ends it.
    if (latest !== reported) io.err(latest);
    const s = await projection.status();
    await archive.registry.audit.append({
      actor: actor.who,
      action: AuditAction.DATABANK_REBUILD,
      subject: 'databank',
      reason: actor.why,
      details: { entries: applied, records: s.records, conflicts: s.conflicts, flags: s.flags },
    });
    io.out(
      `databank rebuilt: ${applied} entries applied, ${s.records} records, ${s.conflicts} conflicts, ${s.flags} flags`,
    );
    return 0;
  } finally {
    await archive.close();
  }
}

async function relink(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('databank relink', args, { help, by, reason }, { names: [] });
  if (values.help === true) {
    io.out(helpText('databank'));
    return 0;
  }
  const actor = actorOf('databank relink', values);
  const { archive, projection } = await openBank(io);
  try {
    const before = (await projection.status()).openCandidates;
    let lastReport = Date.now();
    const persons = await projection.relink(500, (done) => {
      if (Date.now() - lastReport < 1_000) return;
      lastReport = Date.now();
      io.err(`relinked ${done} persons`);
    });
    const after = (await projection.status()).openCandidates;
    await archive.registry.audit.append({
      actor: actor.who,
      action: AuditAction.DATABANK_RELINK,
      subject: 'databank',
      reason: actor.why,
      details: { persons, linkThreshold: projection.linkThreshold, openBefore: before, openAfter: after },
    });
    io.out(
      `databank relinked: ${persons} persons at link threshold ${projection.linkThreshold}, open candidates ${before} -> ${after}; operators' decisions unchanged`,
    );
    return 0;
  } finally {
    await archive.close();
  }
}

async function status(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('databank status', args, { help, json: { type: 'boolean' } }, { names: [] });
  if (values.help === true) {
    io.out(helpText('databank'));
    return 0;
  }
  const { archive, projection } = await openBank(io);
  try {
    const s = await projection.status();
    if (values.json === true) io.out(JSON.stringify(s, null, 2));
    else {
      io.out(
        `cursor ${s.cursor}, archive size ${s.size}, lag ${s.lag}, records ${s.records}, conflicts ${s.conflicts}, flags ${s.flags}, subjects ${s.subjects}, open candidates ${s.openCandidates}, link threshold ${s.linkThreshold}`,
      );
    }
    return 0;
  } finally {
    await archive.close();
  }
}

async function review(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'databank review',
    args,
    {
      help,
      json: { type: 'boolean' },
      exercise: { type: 'boolean' },
      'within-days': { type: 'string' },
      member: { type: 'string' },
    },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('databank'));
    return 0;
  }
  const raw = values['within-days'] ?? '30';
  if (!/^\d{1,4}$/.test(raw)) {
    throw new UsageError('databank', `databank review: --within-days ${JSON.stringify(raw)} is not a number of days`);
  }
  const { archive } = await openBank(io);
  try {
    const list = await reviewDueList(archive.db, {
      now: Date.now(),
      withinDays: Number(raw),
      exercise: values.exercise === true,
      ...(values.member === undefined ? {} : { originator: values.member }),
    });
    if (values.json === true) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    for (const o of list.originators) {
      io.out(`${o.originator}: ${o.pastDue} past due, ${o.dueSoon} due within ${list.withinDays} days`);
      for (const r of o.records) {
        io.out(
          `  ${r.recordId} v${r.version} review by ${r.reviewBy}${r.pastDue ? ' (past due)' : ''}${r.noticeMessageId === null ? '' : ` notice ${r.noticeMessageId}`}`,
        );
      }
    }
    if (list.originators.length === 0) io.out(`no record due for review within ${list.withinDays} days`);
    if (list.truncated) io.out('(list truncated: narrow it with --member or fewer --within-days)');
    return 0;
  } finally {
    await archive.close();
  }
}
