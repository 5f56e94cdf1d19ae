import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { atc, cosignCheckpoint, formatSignatureLine, generateKeyPair, logSubject, PayloadType } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  personRequest,
  referenceCosigned,
  referenceLeafHash,
  referenceNoteSigned,
  referenceParseCheckpoint,
  referenceRootFromPath,
  referenceVerifyConsistency,
  runGatewayCli,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type GatewayFixture,
  type NatsServerHandle,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

let fed: TestFederation;
let nats: NatsServerHandle;
let gateway: GatewayFixture;
let kz: AgentFixture;
let by: AgentFixture;
const ORIGIN = 'atc-exchange/ATC';
const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

interface ReceiptLog {
  leafIndex: number;
  treeSize: number;
  checkpoint: string;
  inclusionProof: string[];
  leafHash: string;
  rootHash: string;
  verified: boolean;
}

let archive: TestArchiveLocation | undefined;

/** Sends `count` records KZ -> BY and waits until each is accepted with a log proof. */
async function sendAccepted(count: number, offset: number): Promise<{ id: string; log: ReceiptLog }[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await kz.api('POST', '/v1/messages', personRequest(['BY'], offset + i));
    expect(res.status).toBe(202);
    ids.push(res.body['messageId'] as string);
  }
  const out: { id: string; log: ReceiptLog }[] = [];
  for (const id of ids) {
    let log: ReceiptLog | null = null;
    await waitFor(
      async () => {
        log = (await kz.api('GET', `/v1/messages/${id}`)).body['log'] as ReceiptLog | null;
        return log !== null;
      },
      { timeoutMs: 20_000, message: `receipt with a log proof for ${id}` },
    );
    out.push({ id, log: log! });
  }
  return out;
}

async function checkpointText(): Promise<{ text: string; witnesses: string }> {
  const res = await fetch(new URL('/v1/log/checkpoint', gateway.gateway.url));
  expect(res.status).toBe(200);
  return { text: await res.text(), witnesses: res.headers.get('x-atc-witnesses') ?? '' };
}

async function entryEnvelope(index: number): Promise<Buffer> {
  const res = await gateway.api(`/v1/log/entries?start=${index}&end=${index + 1}&purpose=log%20check`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { entries: { index: number; envelope: string; leafHash: string }[] };
  return b64(body.entries[0]!.envelope);
}

describe.each(ARCHIVE_BACKENDS)('the archive log on $name', (backend) => {
  // A fresh nats-server, archive, gateway and agents (whose witnesses remember the log) per backend.
  beforeAll(async () => {
    archive = await backend.create();
    const env = { ATC_WITNESS_INTERVAL: '500ms' };
    fed = await startTestFederation({ archive: archive.location, members: { KZ: { env }, BY: { env } } });
    ({ nats, gateway } = fed);
    [kz, by] = [fed.agent('KZ'), fed.agent('BY')];
  }, 60_000);

  afterAll(async () => {
    await fed?.close();
    await archive?.dispose();
  });

  it('gives each ACCEPTED receipt a leaf index, a signed checkpoint and an inclusion proof that hold', async () => {
    const sent = await sendAccepted(5, 0);
    const indexes = new Set<number>();
    for (const { log } of sent) {
      expect(log.verified).toBe(true);
      indexes.add(log.leafIndex);
      const cp = referenceParseCheckpoint(log.checkpoint);
      expect(cp.origin).toBe(ORIGIN);
      expect(cp.size).toBe(log.treeSize);
      expect(referenceNoteSigned(cp, ORIGIN, fixtureKey('ATC').publicKey)).toBe(true);
      // Not signed by anyone else's key under the log's name.
      expect(referenceNoteSigned(cp, ORIGIN, fixtureKey('KZ').publicKey)).toBe(false);
      const root = referenceRootFromPath(log.leafIndex, log.treeSize, b64(log.leafHash), log.inclusionProof.map(b64));
      expect(root?.equals(cp.root)).toBe(true);
      // The leaf is exactly the envelope the archive holds.
      expect(referenceLeafHash(await entryEnvelope(log.leafIndex)).equals(b64(log.leafHash))).toBe(true);
      // A proof for a neighbouring leaf does not pass for this one.
      expect(
        referenceRootFromPath(log.leafIndex ^ 1, log.treeSize, b64(log.leafHash), log.inclusionProof.map(b64))?.equals(
          cp.root,
        ) ?? false,
      ).toBe(false);
    }
    expect(indexes.size).toBe(5);
  });

  it('serves checkpoints and proofs to anyone, and entries to auditors only', async () => {
    const [sent] = await sendAccepted(1, 100);
    const { id, log } = sent!;
    const { text } = await checkpointText();
    const latest = referenceParseCheckpoint(text);
    expect(latest.size).toBeGreaterThanOrEqual(log.treeSize);

    const inclusion = (await (
      await fetch(new URL(`/v1/log/proof/inclusion?messageId=${id}&size=${latest.size}`, gateway.gateway.url))
    ).json()) as { leafIndex: number; treeSize: number; leafHash: string; proof: string[]; rootHash: string };
    expect(inclusion.leafIndex).toBe(log.leafIndex);
    expect(b64(inclusion.rootHash).equals(latest.root)).toBe(true);
    expect(
      referenceRootFromPath(
        inclusion.leafIndex,
        latest.size,
        b64(inclusion.leafHash),
        inclusion.proof.map(b64),
      )?.equals(latest.root),
    ).toBe(true);

    const first = log.treeSize;
    const consistency = (await (
      await fetch(new URL(`/v1/log/proof/consistency?first=${first}&second=${latest.size}`, gateway.gateway.url))
    ).json()) as { proof: string[]; firstRoot: string; secondRoot: string };
    const earlier = referenceParseCheckpoint(log.checkpoint);
    expect(b64(consistency.firstRoot).equals(earlier.root)).toBe(true);
    if (first < latest.size) {
      expect(
        referenceVerifyConsistency(first, latest.size, consistency.proof.map(b64), earlier.root, latest.root),
      ).toBe(true);
    }

    const anonymous = await fetch(new URL('/v1/log/entries?start=0&end=1', gateway.gateway.url));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('ERR_UNAUTHENTICATED');
    const entries = (await (
      await gateway.api(`/v1/log/entries?start=0&end=${latest.size}&purpose=log%20check`)
    ).json()) as {
      entries: { index: number; leafHash: string; envelope: string | null; messageId: string }[];
    };
    expect(entries.entries.map((e) => e.index)).toEqual([...Array(latest.size).keys()]);
    for (const e of entries.entries) expect(referenceLeafHash(b64(e.envelope!)).equals(b64(e.leafHash))).toBe(true);

    // The envelopes are record content: read with a stated purpose, and audited.
    const unstated = await gateway.api('/v1/log/entries?start=0&end=1');
    expect(unstated.status).toBe(400);
    expect(((await unstated.json()) as { code: string }).code).toBe('ERR_PURPOSE_REQUIRED');
    const audit = (await (
      await gateway.api(`/v1/audit?action=databank.read&subject=${encodeURIComponent(`log:0-${latest.size}`)}`)
    ).json()) as { items: { reason: string; details: { entries: number } }[] };
    expect(audit.items.map((r) => [r.reason, r.details.entries])).toEqual([['log check', latest.size]]);
  });

  it('refuses bad proof requests with a code and a sentence', async () => {
    const size = referenceParseCheckpoint((await checkpointText()).text).size;
    const cases: [string, number, string][] = [
      [`/v1/log/proof/inclusion?index=${size}`, 400, 'ERR_LOG_RANGE'],
      [`/v1/log/proof/inclusion?index=0&size=${size + 1000}`, 400, 'ERR_LOG_RANGE'],
      ['/v1/log/proof/inclusion', 400, 'ERR_LOG_RANGE'],
      ['/v1/log/proof/inclusion?index=-1', 400, 'ERR_QUERY_INVALID'],
      ['/v1/log/proof/inclusion?messageId=not-a-uuid', 400, 'ERR_MESSAGE_ID_INVALID'],
      ['/v1/log/proof/consistency?first=3&second=2', 400, 'ERR_LOG_RANGE'],
      ['/v1/log/proof/consistency?first=abc', 400, 'ERR_QUERY_INVALID'],
      ['/v1/log/checkpoint?size=99999999', 404, 'ERR_LOG_RANGE'],
    ];
    for (const [path, status, code] of cases) {
      const res = await fetch(new URL(path, gateway.gateway.url));
      const body = (await res.json()) as { code: string; detail: string };
      expect({ path, status: res.status, code: body.code }).toEqual({ path, status, code });
      expect(body.detail.length).toBeGreaterThan(10);
    }
  });

  it('collects the agents cosignatures as witnesses, verifiable with their keys', async () => {
    await sendAccepted(2, 200);
    let text = '';
    await waitFor(
      async () => {
        const cp = await checkpointText();
        text = cp.text;
        return cp.witnesses.split(',').includes('KZ') && cp.witnesses.split(',').includes('BY');
      },
      { timeoutMs: 20_000, message: 'KZ and BY cosign the latest checkpoint' },
    );
    const cp = referenceParseCheckpoint(text);
    expect(referenceNoteSigned(cp, ORIGIN, fixtureKey('ATC').publicKey)).toBe(true);
    expect(referenceCosigned(cp, 'atc-exchange/witness/KZ', fixtureKey('KZ').publicKey)).toBe(true);
    expect(referenceCosigned(cp, 'atc-exchange/witness/BY', fixtureKey('BY').publicKey)).toBe(true);
    expect(referenceCosigned(cp, 'atc-exchange/witness/BY', fixtureKey('KZ').publicKey)).toBe(false);
    for (const agent of [kz, by]) {
      expect((await agent.api('GET', '/v1/alarms')).body['log']).toEqual([]);
      expect((await agent.api('GET', '/readyz')).status).toBe(200);
    }
  });

  it('answers malformed or forged witness requests over NATS with a refusal code', async () => {
    const nc = await connect({ servers: nats.url, name: 'log-client' });
    try {
      const ask = async (body: unknown): Promise<{ error?: { code: string; detail: string } }> =>
        (
          await nc.request(logSubject('KZ'), typeof body === 'string' ? body : JSON.stringify(body), { timeout: 5_000 })
        ).json();
      expect((await ask('garbage')).error?.code).toBe('ERR_LOG_REQUEST_INVALID');
      expect((await ask({ op: 'consistency', first: 9, second: 2 })).error?.code).toBe('ERR_LOG_REQUEST_INVALID');
      expect((await ask({ op: 'consistency', first: 1, second: 1_000_000 })).error?.code).toBe('ERR_LOG_RANGE');
      const latest = referenceParseCheckpoint((await checkpointText()).text);
      // A cosignature by BY's key handed in on KZ's subject, and one for a size never signed.
      const forged = cosignCheckpoint(latest.body, 'atc-exchange/witness/KZ', fixtureKey('BY').privateKey, 1);
      const refused = await ask({ op: 'cosign', size: latest.size, signature: formatSignatureLine(forged) });
      expect(refused.error?.code).toBe('ERR_NOTE_SIGNATURE_INVALID');
      const unknown = await ask({ op: 'cosign', size: 999_999, signature: formatSignatureLine(forged) });
      expect(unknown.error?.code).toBe('ERR_LOG_RANGE');
    } finally {
      await nc.close();
    }
  });

  it('logs a key registration and its revocation as gateway-signed KeyEvent entries', async () => {
    const before = referenceParseCheckpoint((await checkpointText()).text).size;
    const dir = await mkdtemp(join(tmpdir(), 'atc-keyevent-'));
    const key = generateKeyPair();
    const file = join(dir, 'kz2.jwk');
    await writeFile(file, JSON.stringify(key.publicJwk));
    const env = { ATC_DATA_DIR: gateway.dataDir, ...archive!.env };
    const added = await runGatewayCli(env, ['keys', 'add', 'KZ', file, '--reason', 'rotation drill']);
    expect(added.code, added.stderr).toBe(0);
    const revoke = ['keys', 'revoke', key.kid, '--reason-code', 'superseded', '--reason', 'drill over'];
    const revoked = await runGatewayCli(env, revoke);
    expect(revoked.code, revoked.stderr).toBe(0);
    await rm(dir, { recursive: true, force: true });

    let after = before;
    await waitFor(
      async () => {
        after = referenceParseCheckpoint((await checkpointText()).text).size;
        return after >= before + 2;
      },
      { timeoutMs: 10_000, message: 'two key events in the log' },
    );
    const events: atc.v1.KeyEvent[] = [];
    for (let i = before; i < after; i++) {
      const envelope = atc.v1.Envelope.decode(await entryEnvelope(i));
      const header = atc.v1.Header.decode(envelope.header);
      if (header.payloadType !== PayloadType.KeyEvent) continue;
      expect(header.sender).toBe('ATC');
      events.push(atc.v1.KeyEvent.decode(envelope.payload));
    }
    expect(events.map((e) => [e.type, e.kid, e.memberId])).toEqual([
      [atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED, key.kid, 'KZ'],
      [atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED, key.kid, 'KZ'],
    ]);
    expect(events[1]!.reason).toBe(atc.v1.RevocationReason.REVOCATION_REASON_SUPERSEDED);
    expect(events[1]!.comment).toBe('drill over');
  });
});
