import { jetstream } from '@nats-io/jetstream';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { copyFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats, memberInboxPrefix, Streams, submitSubject } from '@atc/shared';
import { openArchiveDb, Registry } from '@atc/gateway';
import { readTrustList } from '@atc/node-agent';
import { makeMessage, waitFor } from '@atc/tests';
import { rejection, startIsolatedNats, type IsolatedNats } from './isolated-nats.js';

// The operator's routine: a member's seed leaks, or a member joins; "atc-gateway nats-config"
// runs again. A rotated seed takes effect with a reload. A new member's account needs a
// restart on nats-server 2.9: after a reload its user can log in, but the server does not
// wire the new account's imports (its submissions find no responders).

let iso: IsolatedNats;

beforeAll(async () => {
  iso = await startIsolatedNats();
}, 60_000);

afterAll(async () => {
  await iso?.destroy();
});

/** Connects with the seed file `seedFile` as `member`, without retrying. */
function connectWith(member: string, seedFile: string): Promise<NatsConnection> {
  return connectNats(
    { natsUrl: [iso.nats.url], natsNkeyFile: seedFile },
    { name: `reload-${member}`, inboxPrefix: memberInboxPrefix(member) },
  );
}

describe('nats-config run again', () => {
  it('admits a member added to the registry once nats-server restarts, with its own subject only', async () => {
    const db = await openArchiveDb({ path: `${iso.dataDir}/archive.db` });
    try {
      await new Registry(db, () => Date.now()).addMember(
        { id: 'TJ', name: 'Fixture member TJ', kind: 'national' },
        { who: 'test', why: 'joins' },
      );
    } finally {
      await db.close();
    }
    await iso.regenerate();
    // The seed exists, but the running server does not know it yet.
    expect(await rejection(iso.connectMember('TJ'))).toBeInstanceOf(errors.AuthorizationError);
    await iso.restart();
    const tj = await waitFor(() => iso.connectMember('TJ'), { timeoutMs: 10_000, message: 'TJ admitted' });
    try {
      const envelope = makeMessage({ from: 'KZ', to: ['BY'], sequence: 1 });
      const ack = await jetstream(tj).publish(submitSubject('TJ'), envelope.bytes, { msgID: envelope.messageId });
      expect(ack.stream).toBe(Streams.submit);
      expect(await readTrustList(tj)).toBeDefined();
      const other = await rejection(jetstream(tj).publish(submitSubject('KZ'), envelope.bytes));
      expect(other.message).toBe(`Permissions Violation for Publish to "${submitSubject('KZ')}"`);
    } finally {
      await tj.close();
    }
  });

  it('shuts out a rotated seed at the reload, the connection using it included, and admits the new one', async () => {
    const oldSeed = `${iso.memberSeed('KZ')}.old`;
    await copyFile(iso.memberSeed('KZ'), oldSeed);
    const old = await connectWith('KZ', oldSeed);
    const statuses: string[] = [];
    void (async () => {
      for await (const s of old.status()) statuses.push(s.type === 'error' ? String(s.error) : s.type);
    })();
    await iso.regenerate(['--rotate', 'KZ']);
    await iso.reload();
    await waitFor(() => statuses.some((s) => s.includes('Authorization Violation')), {
      timeoutMs: 10_000,
      message: 'the connection on the rotated seed is closed by the server',
    });
    await old.close();
    expect(await rejection(connectWith('KZ', oldSeed))).toBeInstanceOf(errors.AuthorizationError);
    const fresh = await iso.connectMember('KZ');
    try {
      const envelope = makeMessage({ from: 'KZ', to: ['BY'], sequence: 2 });
      expect(
        await jetstream(fresh).publish(submitSubject('KZ'), envelope.bytes, { msgID: envelope.messageId }),
      ).toMatchObject({ stream: Streams.submit, duplicate: false });
    } finally {
      await fresh.close();
    }
  });
});
