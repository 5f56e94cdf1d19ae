import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atc,
  createLogger,
  ErrorCode,
  generateKeyPair,
  openCheckpoint,
  PayloadType,
  signEnvelope,
  signTrustList,
  Streams,
  toTimestamp,
  type TrustList,
} from '@atc/shared';
import { loadAgentConfig, startAgent, type RunningAgent } from '@atc/node-agent';
import {
  callAgent,
  createTestDatabase,
  gatewayEnv,
  personRequest,
  prepareAgent,
  runAtcVerify,
  runGatewayCli,
  startFederationGateway,
  startNatsServer,
  waitFor,
  type GatewayFixture,
  type NatsServerHandle,
  type PreparedAgent,
  type TestDatabase,
} from '@atc/tests';
import type { ArchiveLocation } from '@atc/gateway';

// The README's runbook "Rotating the gateway's key", step by step, on a real gateway, NATS
// and two agents, on both archive engines: KZ stays up through the rotation, BY is offline
// during it and follows when it comes back.

describe.each(['sqlite', 'postgres'] as const)("rotating the gateway's key on %s (README runbook)", (engine) => {
  let nats: NatsServerHandle;
  let gw: GatewayFixture;
  let nc: NatsConnection;
  let pg: TestDatabase | undefined;
  let archive: ArchiveLocation | undefined;
  const prepared: Record<string, PreparedAgent> = {};
  const running: Record<string, RunningAgent | undefined> = {};
  let oldKid: string;
  let newKid: string;

  async function startMember(member: string): Promise<RunningAgent> {
    const { config, secrets } = loadAgentConfig(prepared[member]!.env);
    const agent = await startAgent({
      config,
      secrets,
      logger: createLogger({ name: `atc-agent-${member}`, level: 'warn' }),
    });
    running[member] = agent;
    return agent;
  }

  async function stopMember(member: string): Promise<void> {
    await running[member]?.stop();
    running[member] = undefined;
  }

  const api = (member: string, method: string, path: string, body?: unknown) =>
    callAgent(running[member]!.url, method, path, body);

  /** The gateway key the agent follows now (its kept rotations), or undefined before any. */
  async function followedKid(member: string): Promise<string | undefined> {
    try {
      const state = JSON.parse(await readFile(join(prepared[member]!.dataDir, 'gateway-keys.json'), 'utf8')) as {
        head?: string;
      };
      return state.head;
    } catch {
      return undefined;
    }
  }

  async function send(count: number, offset: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await api('KZ', 'POST', '/v1/messages', personRequest(['BY'], offset + i));
      expect(res.status).toBe(202);
      ids.push(res.body['messageId'] as string);
    }
    return ids;
  }

  /** Waits until each message is accepted at KZ (and, with `delivered`, delivered to BY); returns each one's detail. */
  async function waitStatus(
    ids: readonly string[],
    state: 'accepted' | 'delivered',
  ): Promise<Record<string, unknown>[]> {
    let details: Record<string, unknown>[] = [];
    await waitFor(
      async () => {
        details = await Promise.all(ids.map(async (id) => (await api('KZ', 'GET', `/v1/messages/${id}`)).body));
        return details.every(
          (d) =>
            d['status'] === 'accepted' &&
            (state === 'accepted' || (d['deliveries'] as { state: string }[]).every((x) => x.state === 'delivered')),
        );
      },
      { timeoutMs: 30_000, intervalMs: 200, message: `all ${ids.length} messages ${state} at KZ` },
    );
    return details;
  }

  /** BY's national system takes each message from BY's inbox (which sends the DeliveryAck). */
  async function takeAtBy(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await waitFor(async () => (await api('BY', 'POST', `/v1/inbox/${id}/ack`)).status < 300, {
        timeoutMs: 30_000,
        intervalMs: 200,
        message: `${id} in BY's inbox`,
      });
    }
  }

  const cli = (...args: string[]) =>
    runGatewayCli(
      gatewayEnv(nats, gw.dataDir, archive !== undefined && 'url' in archive ? { ATC_ARCHIVE_URL: archive.url } : {}),
      args,
    );

  beforeAll(async () => {
    nats = await startNatsServer();
    if (engine === 'postgres') {
      pg = await createTestDatabase();
      archive = { url: pg.url };
    }
    gw = await startFederationGateway({ nats, ...(archive === undefined ? {} : { archive }) });
    oldKid = gw.gatewayKey.kid;
    nc = await connect({ servers: nats.url, name: 'atc-test-rotation' });
    for (const member of ['KZ', 'BY']) {
      prepared[member] = await prepareAgent({ nats, member, env: { ATC_WITNESS_INTERVAL: '1s' } });
      await startMember(member);
    }
    await waitFor(
      async () =>
        (await api('KZ', 'GET', '/readyz')).status === 200 && (await api('BY', 'GET', '/readyz')).status === 200,
      {
        timeoutMs: 20_000,
        message: 'agents ready',
      },
    );
  }, 60_000);

  afterAll(async () => {
    for (const member of Object.keys(running)) await stopMember(member);
    await nc?.close();
    await gw?.destroy();
    for (const p of Object.values(prepared)) await rm(p.dataDir, { recursive: true, force: true });
    await nats?.stop();
    await pg?.drop();
  });

  /**
   * A bundle of the whole log (entries and checkpoints of both keys) verifies with atc-verify
   * given only the new key; without its rotation entries, with one altered, or against a third
   * key, it does not.
   */
  async function bundleAcrossTheRotation(): Promise<void> {
    const file = (name: string) => join(gw.dataDir, `${engine}-${name}.json`);
    const exported = await cli('archive', 'export', '--out', file('bundle'));
    expect(exported.code, exported.stderr).toBe(0);
    const keyFile = file('new-gateway-public-key');
    await writeFile(keyFile, JSON.stringify(gw.gatewayKey.publicJwk));
    const held = await runAtcVerify(file('bundle'), '--gateway-key', keyFile);
    expect(held.code, held.stderr).toBe(0);
    expect(held.stdout).toContain(`signed by gateway key ${newKid} (the trusted key)`);

    const bundle = JSON.parse(await readFile(file('bundle'), 'utf8')) as {
      entries: { envelope: string }[];
      earlierCheckpoints: { note: string }[];
      gatewayRotations: { index: number; envelope: string }[];
    };
    // The two entries of the rotation, and older-key signatures for them to vouch for.
    expect(bundle.gatewayRotations).toHaveLength(2);
    // The console reads the same entries over HTTP, proven in the latest checkpoint.
    const latestSize = Number((await (await gw.api('/v1/log/checkpoint')).text()).split('\n')[1]);
    const served = (await (await gw.api(`/v1/log/gateway-rotations?size=${latestSize}`)).json()) as {
      treeSize: number;
      entries: { index: number; envelope: string }[];
    };
    expect(served.treeSize).toBe(latestSize);
    expect(served.entries.map((e) => [e.index, e.envelope])).toEqual(
      bundle.gatewayRotations.map((e) => [e.index, e.envelope]),
    );
    const oldKeyEntries = bundle.entries.filter((e) => {
      const signature = atc.v1.Envelope.decode(Buffer.from(e.envelope, 'base64')).signature;
      const header = JSON.parse(Buffer.from(signature.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string };
      return header.kid === oldKid;
    });
    expect(oldKeyEntries.length).toBeGreaterThanOrEqual(2);
    const origin = bundle.earlierCheckpoints[0]!.note.slice(0, bundle.earlierCheckpoints[0]!.note.indexOf('\n'));
    const byOldKey = bundle.earlierCheckpoints.filter((c) => {
      try {
        openCheckpoint(c.note, { name: origin, publicKey: gw.gatewayKey.publicKey }, origin);
        return false;
      } catch {
        return true;
      }
    });
    expect(byOldKey.length).toBeGreaterThan(0);

    const refusedWith = async (name: string, value: unknown, code: string, key = keyFile): Promise<void> => {
      await writeFile(file(name), JSON.stringify(value));
      const refused = await runAtcVerify(file(name), '--gateway-key', key);
      expect(refused.code, refused.stdout).toBe(1);
      expect(refused.stderr).toContain(code);
    };
    await refusedWith('no-rotations', { ...bundle, gatewayRotations: [] }, ErrorCode.GATEWAY_ROTATION_UNPROVED);
    const altered = Buffer.from(bundle.gatewayRotations[0]!.envelope, 'base64');
    altered[altered.length - 30]! ^= 0x01;
    await refusedWith(
      'altered-rotation',
      {
        ...bundle,
        gatewayRotations: [
          { ...bundle.gatewayRotations[0]!, envelope: altered.toString('base64') },
          bundle.gatewayRotations[1],
        ],
      },
      ErrorCode.GATEWAY_ROTATION_UNPROVED,
    );
    const third = file('third-gateway-public-key');
    await writeFile(third, JSON.stringify(generateKeyPair().publicJwk));
    await refusedWith('third-key', bundle, ErrorCode.GATEWAY_KEY_UNTRUSTED, third);
  }

  describe('runbook', { timeout: 90_000 }, () => {
    it('messages before, during and after the rotation are receipted, proven and delivered once; an agent offline follows later', async () => {
      // Before: signed by the old key.
      const before = await send(3, 0);
      await takeAtBy(before);
      await waitStatus(before, 'delivered');

      // BY goes offline for the whole rotation.
      await stopMember('BY');

      // Step 1: rotate beside the running gateway.
      const rotated = await cli(
        'keys',
        'rotate-gateway',
        '--grace',
        '10m',
        '--reason',
        'OPS-42 yearly rotation',
        '--by',
        'ops',
      );
      expect(rotated.stderr).toBe('');
      expect(rotated.code).toBe(0);
      newKid = /-> ([A-Za-z0-9_-]{43})\./.exec(rotated.stdout)?.[1] ?? '';
      expect(newKid).not.toBe('');
      expect(newKid).not.toBe(oldKid);

      // During: the replica still runs on the old key (as one not yet restarted would).
      const during = await send(3, 100);
      await waitStatus(during, 'accepted');

      // An export now (the key file holds the new key, the running gateway signs with the old
      // one) would have no checkpoint the new key signed to anchor on: refused, saying why.
      const early = await cli('archive', 'export', '--out', join(gw.dataDir, `${engine}-early.json`));
      expect(early.code).toBe(1);
      expect(early.stderr).toContain(ErrorCode.GATEWAY_KEY_UNTRUSTED);
      expect(early.stderr).toContain('restart the gateway on the new key');

      // Step 2: restart the gateway on the new key file.
      await gw.stop();
      gw = await startFederationGateway({ nats, dataDir: gw.dataDir, ...(archive === undefined ? {} : { archive }) });
      expect(gw.gatewayKey.kid).toBe(newKid);

      // Step 3: the agents follow by themselves (KZ now, BY when it is back).
      await waitFor(async () => (await followedKid('KZ')) === newKid, {
        timeoutMs: 15_000,
        message: 'KZ follows the new key',
      });
      const after = await send(3, 200);
      await waitStatus(after, 'accepted');
      expect(await followedKid('BY')).toBeUndefined();

      await startMember('BY');
      await waitFor(async () => (await followedKid('BY')) === newKid, {
        timeoutMs: 15_000,
        message: 'BY follows the new key',
      });
      const all = [...before, ...during, ...after];
      await takeAtBy([...during, ...after]);
      const delivered = await waitStatus(all, 'delivered');

      // Every ACCEPTED receipt carries a log proof that holds, under the old key or the new one.
      expect(delivered).toHaveLength(9);
      for (const d of delivered) {
        expect((d['log'] as { verified: boolean } | null)?.verified).toBe(true);
        const receipts = d['receipts'] as { status: string }[];
        expect(receipts.filter((r) => r.status === 'accepted')).toHaveLength(1);
        expect(receipts.filter((r) => r.status === 'delivered')).toHaveLength(1);
      }
      // BY holds each of the 9 once.
      const inbox = await api('BY', 'GET', '/v1/inbox?limit=100');
      const items = (inbox.body['items'] as { id: string }[]).map((i) => i.id);
      expect(items.filter((id) => all.includes(id)).sort()).toEqual([...all].sort());

      // Both witnesses cosign checkpoints the new key signs, consistent with those of the old key.
      await waitFor(
        async () => {
          const res = await gw.api('/v1/log/checkpoint');
          const note = await res.text();
          const witnesses = (res.headers.get('x-atc-witnesses') ?? '').split(',');
          const origin = note.slice(0, note.indexOf('\n'));
          openCheckpoint(note, { name: origin, publicKey: gw.gatewayKey.publicKey }, origin);
          return witnesses.includes('KZ') && witnesses.includes('BY');
        },
        { timeoutMs: 20_000, intervalMs: 250, message: 'a checkpoint of the new key cosigned by KZ and BY' },
      );

      // No alarm anywhere: trust lists, announcements and the witness's log checks all held.
      for (const member of ['KZ', 'BY']) {
        const alarms = await api(member, 'GET', '/v1/alarms');
        expect(alarms.body['alarms']).toEqual([]);
        expect(alarms.body['log']).toEqual([]);
      }

      // Who rotated and why is in the audit log, with both kids.
      const audit = await cli('audit', '--action', 'gateway_key.rotate', '--json');
      expect(audit.code).toBe(0);
      expect(audit.stdout).toContain(newKid);
      expect(audit.stdout).toContain('OPS-42 yearly rotation');

      // Step 4: the archive verifies across the rotation (old entries and checkpoints under the old key).
      const verified = await cli('archive', 'verify', '--json');
      expect(verified.code).toBe(0);
      const report = JSON.parse(verified.stdout) as { ok: boolean; keyEvents: number; checkpoints: number };
      expect(report.ok).toBe(true);
      expect(report.keyEvents).toBeGreaterThanOrEqual(2);

      await bundleAcrossTheRotation();
    });

    it('a rotation stopped half way (gateway.jwk.next left behind) is refused, nothing changed', async () => {
      const next = join(gw.dataDir, 'gateway.jwk.next');
      const keyBefore = await readFile(join(gw.dataDir, 'gateway.jwk'), 'utf8');
      await writeFile(next, '{}', { mode: 0o600 });
      try {
        const again = await cli('keys', 'rotate-gateway', '--reason', 'OPS-43 second try');
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('ERR_KEY_FILE_EXISTS');
        expect(again.stderr).toContain('gateway.jwk.next');
        expect(await readFile(join(gw.dataDir, 'gateway.jwk'), 'utf8')).toBe(keyBefore);
      } finally {
        await rm(next, { force: true });
      }
    });

    it('a forged announcement (signed by another key) is refused with an alarm; the agent keeps the key in force', async () => {
      const kv = await new Kvm(nc).open(Streams.trustBucket);
      const genuine = (await kv.get(Streams.trustKey))!.string();
      const list = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString('utf8')) as TrustList;
      const forger = generateKeyPair();
      const announcement = signEnvelope(forger, {
        header: {
          sender: 'ATC',
          recipients: [],
          broadcast: true,
          senderSequence: 1,
          createdAt: toTimestamp(Date.now()),
          handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_CLEAR },
          urgency: atc.v1.Urgency.URGENCY_NORMAL,
          purpose: 'key transparency',
        },
        payloadType: PayloadType.KeyEvent,
        payload: {
          type: atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED,
          memberId: 'ATC',
          kid: forger.kid,
          publicJwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: forger.publicJwk.x }),
          validFrom: toTimestamp(Date.now()),
        },
      });
      const forged = signTrustList(
        {
          ...list,
          gateway: { id: 'ATC', kid: forger.kid, jwk: forger.publicJwk },
          gatewayRotations: [...(list.gatewayRotations ?? []), Buffer.from(announcement.bytes).toString('base64')],
        },
        forger,
      );
      await kv.put(Streams.trustKey, forged);
      try {
        await waitFor(
          async () =>
            ((await api('KZ', 'GET', '/v1/alarms')).body['alarms'] as { source: string }[]).some(
              (a) => a.source === 'gateway-key',
            ),
          { timeoutMs: 15_000, message: 'KZ raises a gateway-key alarm' },
        );
        const alarms = (await api('KZ', 'GET', '/v1/alarms')).body['alarms'] as { source: string; reason: string }[];
        expect(alarms.find((a) => a.source === 'gateway-key')?.reason).toContain(forger.kid);
        expect(await followedKid('KZ')).toBe(newKid);
        const metrics = await fetch(new URL('/metrics', running['KZ']!.url), {
          headers: { authorization: 'Bearer test-api-key-0123456789abcdef0123456789abcdef' },
        });
        expect(await metrics.text()).toMatch(/atc_agent_trust_alarms [1-9]/);
        // Traffic goes on under the key in force.
        const ids = await send(1, 300);
        await takeAtBy(ids);
        await waitStatus(ids, 'delivered');
      } finally {
        await kv.put(Streams.trustKey, genuine);
      }
    });
  });
});
