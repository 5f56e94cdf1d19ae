// Checks begun while a submission is queued (its signature verified on the pool while the
// batch before it commits) stand only while the registry still says what they read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, PayloadType, signEnvelope, submitSubject } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest, fixtureRoute } from '@atc/shared/testing';
import { openArchive, type Archive } from '../assembly/open-archive.js';
import { registryKeyResolver } from '../registry/registry-key-resolver.js';
import { SubmissionProcessor } from './submission-processor.js';
import { SignaturePool } from './signature-pool.js';

const actor = { who: 'test', why: 'precheck' };
const { sender } = fixtureRoute(PayloadType.PersonRecord);

let dir: string;
let archive: Archive;
let pool: SignaturePool;
let processor: SubmissionProcessor;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-precheck-'));
  archive = await openArchive({
    location: { path: join(dir, 'archive.db') },
    gatewayId: 'ATC',
    logOrigin: 'atc-exchange/test',
    key: generateKeyPair(),
    clock: () => FIXTURE_TIME,
  });
  for (const id of [sender, ...fixtureRoute(PayloadType.PersonRecord).recipients]) {
    await archive.registry.addMember({ id, name: `Member ${id}`, kind: 'national' }, actor);
  }
  pool = new SignaturePool(1);
  processor = new SubmissionProcessor({
    store: archive.store,
    members: archive.registry,
    resolver: registryKeyResolver(archive.registry),
    policy: { gatewayId: 'ATC', maxEnvelopeBytes: 64 * 1024, clockSkewMs: 60_000, acceptWindowMs: 86_400_000 },
    clock: () => FIXTURE_TIME,
    verifySignature: pool.check,
  });
});

afterEach(async () => {
  await pool.close();
  await archive.close();
  await rm(dir, { recursive: true, force: true });
});

/** A signed PersonRecord from the fixture sender, checked ahead as the submit loop does. */
function queued(n: number): Parameters<SubmissionProcessor['process']>[0][number] {
  const { bytes, messageId } = signEnvelope(fixtureKey(sender), fixtureRequest(PayloadType.PersonRecord, n));
  const subject = submitSubject(sender);
  return { subject, data: bytes, msgId: messageId, prechecked: processor.precheck(subject, bytes) };
}

const refusals = async (batch: Parameters<SubmissionProcessor['process']>[0]): Promise<(string | null)[]> =>
  (await processor.process(batch)).write.quarantine.map((q) => q.reason);

describe('checks begun before the batch', () => {
  it('are used when the key reads the same: the message is accepted', async () => {
    await archive.registry.addKey(sender, fixtureKey(sender).publicJwk, { validFrom: 0 }, actor);
    const submission = queued(1);
    const result = await processor.process([submission]);
    expect(result.write.quarantine).toEqual([]);
    expect(result.write.messages.map((m) => m.messageId)).toEqual([submission.msgId]);
  });

  it('are checked again when the key was revoked after them: ERR_KEY_REVOKED', async () => {
    const key = await archive.registry.addKey(sender, fixtureKey(sender).publicJwk, { validFrom: 0 }, actor);
    const submission = queued(2);
    // The precheck has verified the signature with the key as it was.
    await submission.prechecked!.result;
    await archive.registry.revokeKey(key.kid, { at: FIXTURE_TIME - 1_000, reason: 'compromised' }, actor);
    expect(await refusals([submission])).toEqual(['ERR_KEY_REVOKED']);
  });

  it('are checked again when they refused: a key registered since lets the message in', async () => {
    const submission = queued(3);
    await submission.prechecked!.result;
    await archive.registry.addKey(sender, fixtureKey(sender).publicJwk, { validFrom: 0 }, actor);
    expect(await refusals([submission])).toEqual([]);
  });
});
