import { resolve } from 'node:path';

/** Member ids of the demo federation when `ATC_DEMO_MEMBERS` is not set. */
export const DEFAULT_DEMO_MEMBERS: readonly string[] = ['KZ', 'BY', 'RU', 'UZ'];

const MEMBER_ID = /^[A-Z][A-Z0-9]{1,15}$/;

/** What `npm start` was asked to do: every environment variable it reads, read here only. */
export interface StartOptions {
  /** Repository root: the children run the gateway and agent CLIs from its sources. */
  readonly repoRoot: string;
  /** Folder of all the federation's data (`ATC_FEDERATION_DIR`, default `<repo>/.atc`). */
  readonly dir: string;
  /** An existing NATS server to use (`NATS_URL`); when unset, a nats-server is spawned. */
  readonly natsUrl: string | undefined;
  /** Demo members (`ATC_DEMO_MEMBERS`, comma-separated). */
  readonly members: readonly string[];
  /**
   * `ATC_DEMO_SHARED_NATS=1`: every service on one unauthenticated, all-powerful NATS connection
   * instead of per-member credentials. For development only; required with `NATS_URL`.
   */
  readonly sharedNats: boolean;
  /**
   * Generated exercise records per second (`ATC_DEMO_RATE`, default 2; 0 generates none). The
   * data bank scenario is sent whatever the rate.
   */
  readonly rate: number;
  /** The environment the children inherit, without any ATC_* or NATS_URL setting of the shell. */
  readonly childEnv: Readonly<Record<string, string>>;
}

/** A setting of `npm start` that cannot be used. */
export class StartOptionError extends Error {
  override readonly name = 'StartOptionError';
}

/**
 * Reads and validates the options of `npm start` from `env`.
 *
 * @throws StartOptionError naming the bad variable.
 */
export function readStartOptions(env: Readonly<Record<string, string | undefined>>, repoRoot: string): StartOptions {
  const members = parseMembers(env['ATC_DEMO_MEMBERS']);
  const rateText = env['ATC_DEMO_RATE'] ?? '2';
  const rate = Number(rateText);
  if (rateText.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1000) {
    throw new StartOptionError(`ATC_DEMO_RATE=${rateText} is not a number of messages per second from 0 to 1000`);
  }
  const natsUrl = env['NATS_URL'] === '' ? undefined : env['NATS_URL'];
  const sharedText = env['ATC_DEMO_SHARED_NATS'] ?? '';
  if (!['', '0', '1'].includes(sharedText)) {
    throw new StartOptionError(`ATC_DEMO_SHARED_NATS=${sharedText} must be 1 (one shared NATS connection) or 0`);
  }
  const sharedNats = sharedText === '1';
  if (natsUrl !== undefined && !sharedNats) {
    throw new StartOptionError(
      'NATS_URL names a NATS server that npm start cannot give per-member accounts; unset it to let npm start run ' +
        'its own nats-server with them, or add ATC_DEMO_SHARED_NATS=1 to share one all-powerful connection (development only)',
    );
  }
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('ATC_') && name !== 'NATS_URL') childEnv[name] = value;
  }
  return {
    repoRoot,
    dir: resolve(repoRoot, env['ATC_FEDERATION_DIR'] ?? '.atc'),
    natsUrl,
    sharedNats,
    members,
    rate,
    childEnv,
  };
}

function parseMembers(text: string | undefined): readonly string[] {
  if (text === undefined || text.trim() === '') return DEFAULT_DEMO_MEMBERS;
  const members = [...new Set(text.split(',').map((m) => m.trim()))].filter((m) => m !== '');
  const bad = members.filter((m) => !MEMBER_ID.test(m) || m === 'ATC');
  if (bad.length > 0) {
    throw new StartOptionError(
      `ATC_DEMO_MEMBERS: ${bad.join(', ')} ${bad.length === 1 ? 'is not a member id' : 'are not member ids'} (2-16 capital letters or digits starting with a letter, not ATC)`,
    );
  }
  if (members.length < 2) throw new StartOptionError('ATC_DEMO_MEMBERS needs at least two members to exchange records');
  return members;
}
