import { writeFile } from 'node:fs/promises';
import { AtcError, ErrorCode } from '@atc/shared';
import { backupArchive, restoreArchive, type ArchiveFileReport } from '../../archive/archive-backup.js';
import { loadGatewayKey } from '../../archive/load-gateway-key.js';
import { loadGatewayConfig } from '../../config/gateway-config.js';
import { exportBundle } from '../../archive/export-bundle.js';
import { RetentionSweeper } from '../../archive/retention.js';
import { CheckpointPruner } from '../../archive/checkpoint-pruner.js';
import { verifyArchive } from '../../archive/verify-archive.js';
import { configuredArchive, openConfiguredArchive } from '../configured-archive.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';

const help = { type: 'boolean', short: 'h' } as const;

/** `atc-gateway archive verify|export|retain|prune|backup|restore`. */
export const archiveCommand = commandGroup('archive', {
  verify,
  export: exportRange,
  retain,
  prune,
  backup,
  restore,
});

async function openConfigured(io: CliIo) {
  const { config, location } = configuredArchive(
    io,
    `set ATC_DATA_DIR (or ATC_ARCHIVE_PATH, or ATC_ARCHIVE_URL) to the gateway's archive.`,
  );
  const key = await loadGatewayKey(config.keyFile);
  const archive = await openConfiguredArchive(config, location, key);
  return { config, key, archive };
}

async function verify(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('archive verify', args, { help, json: { type: 'boolean' } }, { names: [] });
  if (values.help === true) {
    io.out(helpText('archive'));
    return 0;
  }
  const { config, key, archive } = await openConfigured(io);
  try {
    const started = Date.now();
    let lastReport = 0;
    const report = await verifyArchive(archive.db, {
      gatewayId: config.gatewayId,
      gatewayKey: key.publicKey,
      gatewayKid: key.kid,
      origin: config.logOrigin,
      onProgress: (done, total) => {
        if (values.json === true || Date.now() - lastReport < 1_000) return;
        lastReport = Date.now();
        io.err(`verified ${done} of ${total} entries (${total === 0 ? 100 : Math.floor((done / total) * 100)}%)`);
      },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (values.json === true) io.out(JSON.stringify({ ...report, ok: report.discrepancy === undefined }, null, 2));
    else if (report.discrepancy === undefined) {
      io.out(
        `archive verified: ${report.leaves} entries (${report.keyEvents} key events, ${report.erasedPayloads} erased payloads), ${report.checkpoints} checkpoints, in ${seconds} s`,
      );
    }
    if (report.discrepancy === undefined) return 0;
    const d = report.discrepancy;
    io.err(
      `atc-gateway: ${ErrorCode.ARCHIVE_TAMPERED}: ${d.leafIndex === null ? '' : `leaf ${d.leafIndex}`}${d.messageId === null ? '' : ` (message ${d.messageId})`}: ${d.what}`,
    );
    return 1;
  } finally {
    await archive.close();
  }
}

async function retain(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('archive retain', args, { help }, { names: [] });
  if (values.help === true) {
    io.out(helpText('archive'));
    return 0;
  }
  const { config, archive } = await openConfigured(io);
  try {
    const erased = await new RetentionSweeper(archive.db, config.retention).sweep(Date.now(), (n) => {
      io.err(`erased ${n} payloads so far`);
    });
    io.out(`retention: erased ${erased} payloads due under review_by or ATC_RETENTION`);
    return 0;
  } finally {
    await archive.close();
  }
}

async function prune(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('archive prune', args, { help, 'dry-run': { type: 'boolean' } }, { names: [] });
  if (values.help === true) {
    io.out(helpText('archive'));
    return 0;
  }
  const { config, archive } = await openConfigured(io);
  try {
    const dryRun = values['dry-run'] === true;
    const pruner = new CheckpointPruner(archive.db, {
      keepAllMs: config.checkpointKeepAll,
      keepOnePerMs: config.checkpointKeepOnePer,
    });
    const pruned = await pruner.prune(Date.now(), { dryRun });
    io.out(
      `checkpoints: ${dryRun ? 'would prune' : 'pruned'} ${pruned.checkpoints} checkpoints and ${pruned.cosignatures} cosignatures (ATC_CHECKPOINT_KEEP_ALL, ATC_CHECKPOINT_KEEP_ONE_PER)`,
    );
    return 0;
  } finally {
    await archive.close();
  }
}

function index(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new UsageError(
      'archive',
      `archive export: ${name} ${JSON.stringify(value)} is not a leaf index (0, 1, 2, ...)`,
    );
  }
  return n;
}

async function exportRange(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'archive export',
    args,
    { help, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('archive'));
    return 0;
  }
  if (values.out === undefined)
    throw new UsageError('archive', 'archive export: give the bundle file with --out <file>');
  const from = index(values.from, '--from') ?? 0;
  const to = index(values.to, '--to');
  const { config, key, archive } = await openConfigured(io);
  try {
    const bundle = await exportBundle(archive.db, archive.log, {
      gatewayId: config.gatewayId,
      origin: config.logOrigin,
      gatewayKey: key,
      from,
      ...(to === undefined ? {} : { to }),
      now: Date.now(),
    });
    await writeFile(values.out, `${JSON.stringify(bundle, null, 1)}\n`, { flag: 'wx' }).catch((e: unknown) => {
      throw new AtcError(
        ErrorCode.CONFIG_INVALID,
        `cannot write ${values.out} (${(e as Error).message}); give a new file name.`,
        { cause: e },
      );
    });
    io.out(
      `wrote ${values.out}: entries ${bundle.from} to ${bundle.to - 1} of a log of ${bundle.checkpoint.split('\n')[1]} entries; check it with: npx atc-verify ${values.out} (in the repository; atc-verify where it is installed)`,
    );
    return 0;
  } finally {
    await archive.close();
  }
}

/** Reports progress on standard error at most once a second (never with --json). */
function progressReporter(io: CliIo, quiet: boolean) {
  let last = 0;
  return (phase: 'copy' | 'verify', done: number, total: number): void => {
    if (quiet || Date.now() - last < 1_000) return;
    last = Date.now();
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    io.err(
      phase === 'copy'
        ? `copied ${done} of ${total} pages (${percent}%)`
        : `verified ${done} of ${total} entries (${percent}%)`,
    );
  };
}

function describeReport(report: ArchiveFileReport): string {
  const v = report.verification;
  const checkpoint =
    report.checkpoint === undefined
      ? 'no checkpoint'
      : `latest checkpoint: size ${report.checkpoint.size}, root ${report.checkpoint.rootHash}`;
  return `${v.leaves} entries (${v.keyEvents} key events, ${v.erasedPayloads} erased payloads), ${v.checkpoints} checkpoints; ${checkpoint}; integrity_check ok, log verified`;
}

function reportJson(file: string, report: ArchiveFileReport): string {
  const { discrepancy: _none, ...verification } = report.verification;
  return JSON.stringify({ file, ...verification, checkpoint: report.checkpoint ?? null, ok: true }, null, 2);
}

async function backup(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'archive backup',
    args,
    { help, force: { type: 'boolean' }, json: { type: 'boolean' } },
    { names: ['<file>'] },
  );
  if (values.help === true) {
    io.out(helpText('archive'));
    return 0;
  }
  const file = positionals[0]!;
  const { config, location } = configuredArchive(
    io,
    `set ATC_DATA_DIR (or ATC_ARCHIVE_PATH) to the gateway's archive.`,
  );
  if (!('path' in location)) {
    throw new AtcError(
      ErrorCode.BACKUP_UNSUPPORTED,
      'the archive is in PostgreSQL (ATC_ARCHIVE_URL): back it up with pg_dump -Fc and restore it with pg_restore, then run "atc-gateway archive verify" on the restored database (README, "Backup and restore").',
    );
  }
  const key = await loadGatewayKey(config.keyFile);
  const started = Date.now();
  const report = await backupArchive(location.path, file, {
    force: values.force === true,
    verify: { gatewayId: config.gatewayId, gatewayKey: key.publicKey, gatewayKid: key.kid, origin: config.logOrigin },
    onProgress: progressReporter(io, values.json === true),
  });
  if (values.json === true) io.out(reportJson(file, report));
  else
    io.out(`backup written to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${describeReport(report)}`);
  return 0;
}

async function restore(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'archive restore',
    args,
    { help, to: { type: 'string' }, json: { type: 'boolean' } },
    { names: ['<backup>'] },
  );
  if (values.help === true) {
    io.out(helpText('archive'));
    return 0;
  }
  if (values.to === undefined) {
    throw new UsageError('archive', 'archive restore: give the new archive file with --to <path> (it must not exist)');
  }
  const { config } = loadGatewayConfig(io.env);
  const key = await loadGatewayKey(config.keyFile);
  const report = await restoreArchive(positionals[0]!, values.to, {
    verify: { gatewayId: config.gatewayId, gatewayKey: key.publicKey, gatewayKid: key.kid, origin: config.logOrigin },
    onProgress: progressReporter(io, values.json === true),
  });
  if (values.json === true) io.out(reportJson(values.to, report));
  else {
    io.out(`restored ${positionals[0]!} to ${values.to}: ${describeReport(report)}`);
    io.out(
      `start the gateway on it with ATC_ARCHIVE_PATH=${values.to} (or move it to the data dir's archive.db while the gateway is stopped).`,
    );
  }
  return 0;
}
