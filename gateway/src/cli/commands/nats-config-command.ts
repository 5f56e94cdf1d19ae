import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { AtcError, ErrorCode } from '@atc/shared';
import { natsAuthorization } from '../../nats/nats-authorization.js';
import { ensureNatsUserSeed, type NatsUserSeed } from '../../nats/nats-user-seed.js';
import type { CliIo } from '../cli-io.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { withRegistry } from '../with-registry.js';

/** Creates `dir` with `mode` when missing (exact, whatever the umask); leaves an existing one alone. */
async function ensureDir(dir: string, mode: number): Promise<void> {
  if ((await mkdir(dir, { recursive: true, mode })) !== undefined) await chmod(dir, mode);
}

/** Replaces `path` atomically with `text`, mode 0644: nats-server reads it, it holds no secret. */
async function writePublicFile(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, { mode: 0o644 });
  await chmod(tmp, 0o644);
  await rename(tmp, path);
}

/** How to include the accounts: nats-server 2.9 resolves include paths from its configuration file's folder. */
function includeAdvice(accountsFile: string, serverConfig: string | undefined): string {
  if (serverConfig === undefined) {
    return (
      'Add to the nats-server configuration file: include "<path of accounts.conf relative to that file\'s folder>"' +
      ' (an absolute path does not work; --server-config <file> prints the exact line).'
    );
  }
  const path = relative(dirname(resolve(serverConfig)), accountsFile);
  return `Add to ${resolve(serverConfig)}: include ${JSON.stringify(path)}`;
}

function seedLine(seed: NatsUserSeed, what: string): string {
  return `  ${seed.path}  (0600, ${seed.state}) ${what}`;
}

/**
 * `atc-gateway nats-config --out <dir> [--rotate <MEMBER>]...`: writes the nats-server
 * accounts of the registry's members (`accounts.conf`, public nkeys only) and an nkey seed
 * per NATS user (`gateway.nk`, `members/<MEMBER>.nk`, mode 0600). Existing seeds are kept,
 * so identities are stable; new members get one; `--rotate` replaces a member's seed.
 */
export async function natsConfigCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    'nats-config',
    args,
    {
      help: { type: 'boolean', short: 'h' },
      out: { type: 'string' },
      rotate: { type: 'string', multiple: true },
      'server-config': { type: 'string' },
    },
    { names: [] },
  );
  if (values.help === true) {
    io.out(helpText('nats-config'));
    return 0;
  }
  if (values.out === undefined) throw new UsageError('nats-config', 'nats-config: --out <dir> is required');
  const { version, members } = await withRegistry(io, (registry) => registry.snapshot());
  const rotate = new Set(values.rotate ?? []);
  for (const id of rotate) {
    if (!members.some((m) => m.id === id)) {
      throw new AtcError(
        ErrorCode.MEMBER_UNKNOWN,
        `--rotate ${id}: ${id} is not a registered member; "atc-gateway members list" shows who is.`,
      );
    }
  }

  const out = resolve(values.out);
  // The folder is readable so that nats-server can include accounts.conf; the seeds are not.
  await ensureDir(out, 0o755);
  await ensureDir(join(out, 'members'), 0o700);
  const gateway = await ensureNatsUserSeed(join(out, 'gateway.nk'));
  const seeds: { id: string; seed: NatsUserSeed }[] = [];
  for (const m of members) {
    seeds.push({
      id: m.id,
      seed: await ensureNatsUserSeed(join(out, 'members', `${m.id}.nk`), { rotate: rotate.has(m.id) }),
    });
  }
  const accountsFile = join(out, 'accounts.conf');
  await writePublicFile(
    accountsFile,
    natsAuthorization({
      registryVersion: version,
      gatewayUser: gateway.publicKey,
      members: members.map((m, i) => ({ ...m, user: seeds[i]!.seed.publicKey })),
    }),
  );

  io.out(`Wrote the NATS accounts of the gateway and ${members.length} member(s), registry version ${version}:`);
  io.out(`  ${accountsFile}  (0644, public nkeys only)`);
  io.out(seedLine(gateway, `the gateway's NATS seed: ATC_NATS_NKEY_FILE of "atc-gateway serve"`));
  for (const { id, seed } of seeds) {
    io.out(
      seedLine(seed, `${id}'s NATS seed: give it to ${id} over a secure channel, for its agent's ATC_NATS_NKEY_FILE`),
    );
  }
  io.out('Next:');
  io.out(`  1. ${includeAdvice(accountsFile, values['server-config'])}`);
  io.out('     That file must have no other authorization or accounts block, and must enable JetStream itself');
  io.out('     (a jetstream block): a reload applies the file and stops JetStream when only -js enabled it.');
  const added = seeds.filter((s) => s.seed.state === 'created').map((s) => s.id);
  if (added.length > 0 || gateway.state === 'created') {
    // nats-server 2.9 lets the users of an account added by a reload log in, but does not
    // wire that account's imports: only a restart does.
    io.out(`  2. Restart nats-server: there are new accounts${added.length > 0 ? ` (${added.join(', ')})` : ''}, and`);
    io.out('     nats-server 2.9 does not connect accounts added by a reload. In a cluster, one server at a time.');
  } else {
    io.out('  2. Reload nats-server: nats-server --signal reload (or kill -HUP <pid>).');
  }
  io.out(`  3. Start the gateway with ATC_NATS_NKEY_FILE=${gateway.path}, and each agent with its own seed file.`);
  io.out('Run this command again after "members add": existing seeds are kept, new members get one.');
  const rotated = seeds.filter((s) => s.seed.state === 'rotated').map((s) => s.id);
  if (rotated.length > 0) {
    io.out(`Rotated: ${rotated.join(', ')}. The old seed stops working at the reload; hand over the new file first.`);
  }
  return 0;
}
