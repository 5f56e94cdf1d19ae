// PurgeAck on the wire, end to end over NATS on both archive engines: a member confirms it
// erased a withdrawn record by answering the withdrawal it received; the gateway accepts and
// archives the answer, and refuses one that names another message or a withdrawal it never
// routed to the member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, PayloadType, uuidv7, type RefusalCode, type SignedEnvelope } from '@atc/shared';
import { fixturePayloads } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  expectRefusedOnWire,
  InboxWatcher,
  isArchived,
  makeMessage,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type MemberWire,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED } = atc.v1.ReceiptStatus;

let fed: TestFederation;
let gw: GatewayFixture;
let wire: MemberWire;
let watcher: InboxWatcher;
let archive: TestArchiveLocation;
let seq = 7000;

/** Whether the archive holds `messageId`, as operators see it. */
const archived = (messageId: string): Promise<boolean> => isArchived(gw, messageId);

async function submit(member: string, m: SignedEnvelope): Promise<void> {
  await wire.submit(member, m.bytes, m.messageId);
}

/** Waits for `member`'s REJECTED receipt with `code`; the message is neither archived nor routed. */
const expectRefused = (member: string, m: SignedEnvelope, code: RefusalCode): Promise<atc.v1.Receipt> =>
  expectRefusedOnWire({ gateway: gw, watcher, watched: ['KZ', 'BY', 'RU'] }, member, m, code);

/** KZ withdraws its record KZ-P-0001 from `to`; resolves once every recipient holds its copy. */
async function withdraw(to: readonly string[]): Promise<SignedEnvelope> {
  const w = makeMessage({
    from: 'KZ',
    to,
    type: PayloadType.RecordWithdrawal,
    sequence: ++seq,
    payload: { ...fixturePayloads['atc.v1.RecordWithdrawal'], recordId: `KZ-W-${seq}` },
  });
  await submit('KZ', w);
  await watcher.receipt('KZ', w.messageId, ACCEPTED);
  for (const r of to) {
    await waitFor(() => watcher.copies(r, w.messageId).length === 1, { message: `withdrawal routed to ${r}` });
  }
  return w;
}

/** `from`'s PurgeAck of `withdrawalMessageId`, answering it in in_reply_to unless `options.inReplyTo` says otherwise. */
function purgeAck(
  from: string,
  withdrawalMessageId: string,
  options: { to?: readonly string[]; inReplyTo?: string; erasedAt?: number; originator?: string } = {},
): SignedEnvelope {
  return makeMessage({
    from,
    to: options.to ?? ['ATC'],
    type: PayloadType.PurgeAck,
    sequence: ++seq,
    payload: {
      withdrawalMessageId,
      originator: options.originator ?? 'KZ',
      recordId: 'KZ-P-0001',
      versions: [1, 2],
      erasedAt: { seconds: Math.floor((options.erasedAt ?? Date.now()) / 1000) },
      count: 2,
    },
    header: options.inReplyTo === undefined ? {} : { inReplyTo: options.inReplyTo },
  });
}

describe.each(ARCHIVE_BACKENDS)('PurgeAck on $name', (backend) => {
  beforeAll(async () => {
    archive = await backend.create();
    fed = await startTestFederation({ archive: archive.location, wire: true });
    ({ gateway: gw, wire } = fed);
    watcher = await InboxWatcher.start(wire, ['KZ', 'BY', 'RU']);
  });

  afterAll(async () => {
    await watcher?.stop();
    await fed?.close();
    await archive?.dispose();
  });

  it('accepts and archives a recipient’s PurgeAck of a withdrawal it received, routing it to no one', async () => {
    const w = await withdraw(['BY', 'RU']);
    const ack = purgeAck('BY', w.messageId);
    expect(ack.header.inReplyTo).toBe(w.messageId);
    await submit('BY', ack);
    const receipt = await watcher.receipt('BY', ack.messageId, ACCEPTED);
    expect(receipt.recipients).toEqual([]);
    expect(await archived(ack.messageId)).toBe(true);
    const detail = (await (await gw.api(`/v1/messages/${ack.messageId}`)).json()) as { payloadType: string };
    expect(detail.payloadType).toBe(PayloadType.PurgeAck);
    for (const other of ['KZ', 'BY', 'RU']) expect(watcher.copies(other, ack.messageId)).toHaveLength(0);
  });

  it('refuses a PurgeAck whose in_reply_to is not the withdrawal it answers with ERR_REFERENCE_MISMATCH', async () => {
    const w = await withdraw(['BY']);
    const mismatched = purgeAck('BY', w.messageId, { inReplyTo: uuidv7() });
    await submit('BY', mismatched);
    const receipt = await expectRefused('BY', mismatched, 'ERR_REFERENCE_MISMATCH');
    expect(receipt.detail).toContain(w.messageId);
  });

  it('refuses PurgeAcks of an unknown message and of a withdrawal routed to others alike', async () => {
    const w = await withdraw(['BY']);
    const unknownId = uuidv7();
    const ofUnknown = purgeAck('RU', unknownId);
    const ofOthers = purgeAck('RU', w.messageId);
    await submit('RU', ofUnknown);
    await submit('RU', ofOthers);
    const unknown = await expectRefused('RU', ofUnknown, 'ERR_REFERENCE_UNKNOWN');
    const others = await expectRefused('RU', ofOthers, 'ERR_REFERENCE_UNKNOWN');
    // One sentence in both cases: a refusal reveals nothing of what the archive holds.
    expect(others.detail.replace(w.messageId, '<id>')).toBe(unknown.detail.replace(unknownId, '<id>'));
  });

  it('refuses a PurgeAck naming a message that is not a withdrawal with ERR_REFERENCE_MISMATCH', async () => {
    const record = makeMessage({ from: 'KZ', to: ['BY'], sequence: ++seq });
    await submit('KZ', record);
    await watcher.receipt('KZ', record.messageId, ACCEPTED);
    const ack = purgeAck('BY', record.messageId);
    await submit('BY', ack);
    const receipt = await expectRefused('BY', ack, 'ERR_REFERENCE_MISMATCH');
    expect(receipt.detail).toContain('not a RecordWithdrawal');
  });

  it("refuses a PurgeAck naming another member's record than the withdrawal's with ERR_REFERENCE_MISMATCH", async () => {
    const w = await withdraw(['BY']);
    const ack = purgeAck('BY', w.messageId, { originator: 'RU' });
    await submit('BY', ack);
    expect((await expectRefused('BY', ack, 'ERR_REFERENCE_MISMATCH')).detail).toContain('came from KZ');
  });

  it('refuses a PurgeAck addressed to a member, and one erased in the future', async () => {
    const w = await withdraw(['BY']);
    const toMember = purgeAck('BY', w.messageId, { to: ['KZ'] });
    const future = purgeAck('BY', w.messageId, { erasedAt: Date.now() + 3_600_000 });
    await submit('BY', toMember);
    await submit('BY', future);
    await expectRefused('BY', toMember, 'ERR_POLICY_DENIED');
    expect((await expectRefused('BY', future, 'ERR_TIMESTAMP_IN_FUTURE')).detail).toContain('erased_at');
    // Refusals leave the way open: the correct answer is still accepted.
    const ack = purgeAck('BY', w.messageId);
    await submit('BY', ack);
    await watcher.receipt('BY', ack.messageId, ACCEPTED);
  });
});
