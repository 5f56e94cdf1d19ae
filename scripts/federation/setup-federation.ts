import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadKeyFile } from '@atc/shared';
import { runCommand, type CommandSpec } from './child-process.js';

/** Names of the demo members the registry shows; any other id gets a generic one. */
const MEMBER_NAMES: Readonly<Record<string, string>> = {
  AZ: 'Anti-Terrorist Centre of Azerbaijan (demo)',
  AM: 'Anti-Terrorist Centre of Armenia (demo)',
  BY: 'Anti-Terrorist Centre of Belarus (demo)',
  KZ: 'Anti-Terrorist Centre of Kazakhstan (demo)',
  KG: 'Anti-Terrorist Centre of Kyrgyzstan (demo)',
  MD: 'Anti-Terrorist Centre of Moldova (demo)',
  RU: 'Anti-Terrorist Centre of Russia (demo)',
  TJ: 'Anti-Terrorist Centre of Tajikistan (demo)',
  TM: 'Anti-Terrorist Centre of Turkmenistan (demo)',
  UZ: 'Anti-Terrorist Centre of Uzbekistan (demo)',
};

/** Where the CLIs run and what they see. */
export interface SetupContext {
  readonly repoRoot: string;
  /** The federation dir (`.atc`). */
  readonly dir: string;
  readonly logDir: string;
  /** Environment of the gateway CLI (ATC_DATA_DIR, ATC_NATS_URL, ...). */
  readonly gatewayEnv: Readonly<Record<string, string>>;
  /** Environment of the agent CLI (for keygen). */
  readonly baseEnv: Readonly<Record<string, string>>;
}

/** What the agents need from the set-up. */
export interface SetupResult {
  /** The gateway's public JWK, which every agent pins. */
  readonly gatewayPublicKeyFile: string;
  /** Member ids registered by this run (empty when resuming). */
  readonly added: readonly string[];
}

/** The data dir of `member`'s agent. */
export function agentDataDir(dir: string, member: string): string {
  return join(dir, 'agents', member);
}

/** The commands the federation runs, by their package's bin. */
const COMMAND_BINS = {
  'atc-gateway': 'gateway/bin/atc-gateway.mjs',
  'atc-agent': 'node-agent/bin/atc-agent.mjs',
} as const;

/**
 * `atc-gateway <args>` or `atc-agent <args>` through the package's bin, as `npx` runs it: the
 * build when it is up to date with the sources (after `npm run build`), else the sources
 * through tsx; `nodeFlags` go to node before the script.
 */
export function commandSpec(
  repoRoot: string,
  command: keyof typeof COMMAND_BINS,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  nodeFlags: readonly string[] = [],
): CommandSpec {
  return {
    command: process.execPath,
    args: [...nodeFlags, join(repoRoot, COMMAND_BINS[command]), ...args],
    cwd: repoRoot,
    env,
  };
}

/**
 * Brings the gateway and the members to the state `npm start` needs, changing only what is
 * missing: `atc-gateway init` (idempotent), a member key per agent (`atc-agent keygen`,
 * kept when present), and the members and keys the registry does not have yet.
 */
export async function setupFederation(ctx: SetupContext, members: readonly string[]): Promise<SetupResult> {
  const gateway = (args: readonly string[]): Promise<string> =>
    runCommand(commandSpec(ctx.repoRoot, 'atc-gateway', args, ctx.gatewayEnv), ctx.logDir, 'setup');

  const init = JSON.parse(await gateway(['init', '--json'])) as { publicJwk: Record<string, unknown> };
  const gatewayPublicKeyFile = join(ctx.dir, 'gateway-public.jwk');
  await writeFile(gatewayPublicKeyFile, `${JSON.stringify(init.publicJwk)}\n`);

  const [memberKeys, listedMembers, listedKeys] = await Promise.all([
    Promise.all(members.map((m) => ensureMemberKey(ctx, m))),
    gateway(['members', 'list', '--json']),
    gateway(['keys', 'list', '--json']),
  ]);
  const registered = new Set((JSON.parse(listedMembers) as { id: string }[]).map((m) => m.id));
  const knownKids = new Set((JSON.parse(listedKeys) as { kid: string }[]).map((k) => k.kid));

  const reason = ['--reason', 'local demo federation (npm start)', '--by', 'npm-start'];
  const added = members.filter((m) => !registered.has(m));
  await Promise.all(
    added.map((m) =>
      gateway(['members', 'add', m, '--name', MEMBER_NAMES[m] ?? `Demo member ${m}`, '--kind', 'national', ...reason]),
    ),
  );
  await Promise.all(
    memberKeys
      .filter((k) => !knownKids.has(k.kid))
      .map((k) => gateway(['keys', 'add', k.member, k.publicKeyFile, ...reason])),
  );
  return { gatewayPublicKeyFile, added };
}

/** Creates `member`'s key with `atc-agent keygen` unless it exists; writes its public part beside it. */
async function ensureMemberKey(
  ctx: SetupContext,
  member: string,
): Promise<{ readonly member: string; readonly kid: string; readonly publicKeyFile: string }> {
  const dataDir = agentDataDir(ctx.dir, member);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const keyFile = join(dataDir, 'member.jwk');
  if (!existsSync(keyFile)) {
    await runCommand(
      commandSpec(ctx.repoRoot, 'atc-agent', ['keygen', '--out', keyFile], ctx.baseEnv),
      ctx.logDir,
      'setup',
    );
  }
  const key = await loadKeyFile(keyFile);
  const publicKeyFile = join(dataDir, 'member-public.jwk');
  await writeFile(publicKeyFile, `${JSON.stringify(key.publicJwk)}\n`);
  return { member, kid: key.kid, publicKeyFile };
}

/**
 * Creates a gateway API token of `role` with `atc-gateway tokens add` (its value is not
 * logged) and returns it; the caller keeps it in the 0600 state file, as the gateway keeps
 * only its hash.
 */
export async function createApiToken(ctx: SetupContext, role: 'operator' | 'auditor'): Promise<string> {
  // A fresh name each time: a state file removed by hand must not block a new token.
  const name = `demo-${role}-${randomBytes(3).toString('hex')}`;
  const out = await runCommand(
    commandSpec(
      ctx.repoRoot,
      'atc-gateway',
      [
        'tokens',
        'add',
        '--name',
        name,
        '--role',
        role,
        '--json',
        '--reason',
        'local demo federation (npm start)',
        '--by',
        'npm-start',
      ],
      ctx.gatewayEnv,
    ),
    ctx.logDir,
    'setup',
    { secretOutput: true },
  );
  return (JSON.parse(out) as { token: string }).token;
}
