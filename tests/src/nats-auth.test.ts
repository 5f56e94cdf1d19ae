import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtcError, connectNats } from '@atc/shared';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';

const user = createUser();
const seed = new TextDecoder().decode(user.getSeed());
let nats: NatsServerHandle;
let dir: string;

beforeAll(async () => {
  nats = await startNatsServer({
    config: `authorization { users: [ { nkey: "${user.getPublicKey()}" }, { user: "operator", password: "correct horse battery staple" } ] }`,
  });
  dir = await mkdtemp(join(tmpdir(), 'atc-nats-auth-'));
});

afterAll(async () => {
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('connectNats', () => {
  it('authenticates with an nkey seed file', async () => {
    const file = join(dir, 'member.nk');
    await writeFile(file, `${seed}\n`);
    await chmod(file, 0o600);
    const nc = await connectNats({ natsUrl: [nats.url], natsNkeyFile: file }, { name: 'nkey-test' });
    await nc.flush();
    await nc.close();
  });

  it('authenticates with user and password, and is refused with a wrong one', async () => {
    const nc = await connectNats(
      { natsUrl: [nats.url], natsUser: 'operator', natsPassword: 'correct horse battery staple' },
      { name: 'password-test' },
    );
    await nc.flush();
    await nc.close();
    await expect(
      connectNats({ natsUrl: [nats.url], natsUser: 'operator', natsPassword: 'wrong' }, { name: 'bad' }),
    ).rejects.toThrow();
  });

  it('names an unreadable nkey file', async () => {
    const e: unknown = await connectNats(
      { natsUrl: [nats.url], natsNkeyFile: join(dir, 'missing.nk') },
      { name: 'x' },
    ).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AtcError);
    expect((e as AtcError).code).toBe('ERR_CONFIG_INVALID');
    expect((e as AtcError).message).toContain('missing.nk');
  });
});
