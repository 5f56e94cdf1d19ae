import { join } from 'node:path';
import { runCommand } from './child-process.js';
import { commandSpec, type SetupContext } from './setup-federation.js';

/** The per-member NATS identities of the demo federation, written by `atc-gateway nats-config`. */
export interface NatsCredentials {
  /** The folder of accounts.conf (0644, public nkeys only) and the seeds (0600). */
  readonly dir: string;
  /** The `include` line's path, relative to the federation dir where nats.conf lives. */
  readonly accountsInclude: string;
  /** The gateway's seed file: ATC_NATS_NKEY_FILE of `atc-gateway serve`. */
  readonly gatewaySeed: string;
  /** `member`'s seed file: ATC_NATS_NKEY_FILE of its agent, and of nothing else. */
  memberSeed(member: string): string;
}

/** The folder, inside the federation dir, that holds the NATS accounts and seeds. */
export const NATS_AUTH_DIR = 'nats-auth';

/**
 * Runs `atc-gateway nats-config` on the registry the set-up filled: one NATS account per
 * member, allowed only its own submit subject and inbox consumer, and an nkey seed per user
 * (mode 0600). Seeds are kept from run to run; members added since get one. The nats-server
 * started afterwards includes the accounts, so a member's agent can reach nothing of another's.
 */
export async function generateNatsCredentials(ctx: SetupContext): Promise<NatsCredentials> {
  const dir = join(ctx.dir, NATS_AUTH_DIR);
  await runCommand(
    commandSpec(ctx.repoRoot, 'atc-gateway', ['nats-config', '--out', dir], ctx.gatewayEnv),
    ctx.logDir,
    'setup',
  );
  return {
    dir,
    // nats-server 2.9 takes include paths relative to its configuration file, never absolute.
    accountsInclude: `${NATS_AUTH_DIR}/accounts.conf`,
    gatewaySeed: join(dir, 'gateway.nk'),
    memberSeed: (member) => join(dir, 'members', `${member}.nk`),
  };
}
