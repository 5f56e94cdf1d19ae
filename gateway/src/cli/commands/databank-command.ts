import { loadGatewayKey } from '../../archive/load-gateway-key.js';
import { DatabankProjection } from '../../databank/databank-projector.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { configuredArchive, openConfiguredArchive } from '../configured-archive.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';

const help = { type: 'boolean', short: 'h' } as const;

/** `atc-gateway databank rebuild|status`. */
export const databankCommand = commandGroup('databank', { rebuild, status });

async function openBank(io: CliIo) {
  const { config, location } = configuredArchive(
    io,
    `set ATC_DATA_DIR (or ATC_ARCHIVE_PATH, or ATC_ARCHIVE_URL) to the gateway's archive.`,
  );
  const archive = await openConfiguredArchive(config, location, await loadGatewayKey(config.keyFile));
  return { archive, projection: new DatabankProjection(archive.db, archive.reader) };
}

async function rebuild(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('databank rebuild', args, { help }, { names: [] });
  if (values.help === true) {
    io.out(helpText('databank'));
    return 0;
  }
  const { archive, projection } = await openBank(io);
  try {
    await projection.clear();
    let lastReport = 0;
    const applied = await projection.catchUp((cursor, size) => {
      if (Date.now() - lastReport < 1_000) return;
      lastReport = Date.now();
      io.err(`applied ${cursor} of ${size} entries (${size === 0 ? 100 : Math.floor((cursor / size) * 100)}%)`);
    });
    const s = await projection.status();
    io.out(
      `databank rebuilt: ${applied} entries applied, ${s.records} records, ${s.conflicts} conflicts, ${s.flags} flags`,
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
        `cursor ${s.cursor}, archive size ${s.size}, lag ${s.lag}, records ${s.records}, conflicts ${s.conflicts}, flags ${s.flags}, subjects ${s.subjects}, open candidates ${s.openCandidates}`,
      );
    }
    return 0;
  } finally {
    await archive.close();
  }
}
