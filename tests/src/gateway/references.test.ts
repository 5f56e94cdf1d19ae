// Record ownership and references that hold (issue 13, items 2 and 3), and refusals of bytes
// without a message id (item 12), end to end over NATS on both archive engines: submissions on
// the members' submit subjects, receipts and copies read from their inboxes.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, Duration, PayloadType, reasonCodeOf, uuidv7, type RefusalCode, type SignedEnvelope } from '@atc/shared';
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

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED, RECEIPT_STATUS_REJECTED: REJECTED } = atc.v1.ReceiptStatus;

let fed: TestFederation;
let gw: GatewayFixture;
let wire: MemberWire;
let watcher: InboxWatcher;
let archive: TestArchiveLocation;
let seq = 5000;

/** Whether the archive holds `messageId`, as operators see it. */
const archived = (messageId: string): Promise<boolean> => isArchived(gw, messageId);

async function submit(member: string, m: SignedEnvelope): Promise<void> {
  await wire.submit(member, m.bytes, m.messageId);
}

/** Waits for `member`'s REJECTED receipt with `code`; the message is neither archived nor routed. */
const expectRefused = (member: string, m: SignedEnvelope, code: RefusalCode): Promise<atc.v1.Receipt> =>
  expectRefusedOnWire({ gateway: gw, watcher, watched: ['KZ', 'BY', 'RU'] }, member, m, code);

function withdrawal(from: string, to: readonly string[], originator: string): SignedEnvelope {
  return makeMessage({
    from,
    to,
    type: PayloadType.RecordWithdrawal,
    sequence: ++seq,
    payload: {
      ...fixturePayloads['atc.v1.RecordWithdrawal'],
      target: { originator, recordId: `${originator}-P-0001`, version: 0 },
    },
  });
}

function request(from: string, to: readonly string[]): SignedEnvelope {
  return makeMessage({ from, to, type: PayloadType.InformationRequest, sequence: ++seq });
}

function response(from: string, to: readonly string[], inReplyTo: string, exercise = true): SignedEnvelope {
  return makeMessage({
    from,
    to,
    type: PayloadType.InformationResponse,
    sequence: ++seq,
    header: { inReplyTo, exercise },
  });
}

describe.each(ARCHIVE_BACKENDS)('on $name', (backend) => {
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

  describe('only the originator changes or withdraws its records', () => {
    it("refuses KZ's withdrawal of a BY record with ERR_NOT_ORIGINATOR, and routes KZ's own", async () => {
      const foreign = withdrawal('KZ', ['BY', 'RU'], 'BY');
      await submit('KZ', foreign);
      const receipt = await expectRefused('KZ', foreign, 'ERR_NOT_ORIGINATOR');
      expect(receipt.detail).toContain('KZ may withdraw only its own records');

      const own = withdrawal('KZ', ['BY', 'RU'], 'KZ');
      await submit('KZ', own);
      await watcher.receipt('KZ', own.messageId, ACCEPTED);
      await waitFor(() => watcher.copies('RU', own.messageId).length === 1, { message: 'own withdrawal routed' });
    });
  });

  describe("an information request's due time", () => {
    it('refuses a reply_due_at more than 366 days after the request, and takes one within or already past', async () => {
      const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: 0 });
      const due = (ms: number): SignedEnvelope =>
        makeMessage({
          from: 'KZ',
          to: ['RU'],
          type: PayloadType.InformationRequest,
          sequence: ++seq,
          header: { replyDueAt: at(Date.now() + ms) },
        });
      const farAhead = due(400 * Duration.day);
      await submit('KZ', farAhead);
      expect((await expectRefused('KZ', farAhead, 'ERR_HEADER_FIELD_INVALID')).detail).toMatch(
        /more than 366 days after the request's time/,
      );
      // Within a year, and already past (overdue from the start, as the demo's request is).
      for (const taken of [due(365 * Duration.day), due(-Duration.hour)]) {
        await submit('KZ', taken);
        await watcher.receipt('KZ', taken.messageId, ACCEPTED);
        await waitFor(() => watcher.copies('RU', taken.messageId).length === 1, { message: 'the request routed' });
      }
    });
  });

  describe('references that hold', () => {
    it('refuses a DeliveryAck whose in_reply_to is not the message it acknowledges', async () => {
      const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: ++seq });
      await submit('KZ', m);
      await watcher.receipt('KZ', m.messageId, ACCEPTED);
      const payload = { messageId: m.messageId, deliveredAt: { seconds: Math.floor(Date.now() / 1000) } };
      const mismatched = makeMessage({
        from: 'BY',
        to: ['ATC'],
        type: PayloadType.DeliveryAck,
        sequence: ++seq,
        payload,
        header: { inReplyTo: uuidv7() },
      });
      await submit('BY', mismatched);
      await expectRefused('BY', mismatched, 'ERR_REFERENCE_MISMATCH');
      // Nothing was delivered by it: KZ has no DELIVERED receipt.
      expect(watcher.receipts('KZ', m.messageId).map((r) => r.status)).toEqual([ACCEPTED]);

      const matching = makeMessage({
        from: 'BY',
        to: ['ATC'],
        type: PayloadType.DeliveryAck,
        sequence: ++seq,
        payload,
      });
      await submit('BY', matching);
      await watcher.receipt('KZ', m.messageId, atc.v1.ReceiptStatus.RECEIPT_STATUS_DELIVERED);
    });

    it('refuses acks of a message never seen and of one routed to others alike', async () => {
      const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: ++seq });
      await submit('KZ', m);
      await watcher.receipt('KZ', m.messageId, ACCEPTED);
      const ack = (messageId: string): SignedEnvelope =>
        makeMessage({
          from: 'RU',
          to: ['ATC'],
          type: PayloadType.DeliveryAck,
          sequence: ++seq,
          payload: { messageId, deliveredAt: { seconds: Math.floor(Date.now() / 1000) } },
        });
      const unseenId = uuidv7();
      const [ofUnseen, ofOthers] = [ack(unseenId), ack(m.messageId)];
      await submit('RU', ofUnseen);
      await submit('RU', ofOthers);
      const unseen = await expectRefused('RU', ofUnseen, 'ERR_REFERENCE_UNKNOWN');
      const others = await expectRefused('RU', ofOthers, 'ERR_REFERENCE_UNKNOWN');
      expect(others.detail.replace(m.messageId, '<id>')).toBe(unseen.detail.replace(unseenId, '<id>'));
    });

    it('accepts the answer to a request routed to the responder, and an exact replay of it', async () => {
      const req = request('KZ', ['BY', 'RU']);
      await submit('KZ', req);
      await watcher.receipt('KZ', req.messageId, ACCEPTED);
      const answer = response('BY', ['KZ'], req.messageId);
      await submit('BY', answer);
      await watcher.receipt('BY', answer.messageId, ACCEPTED);
      await waitFor(() => watcher.copies('KZ', answer.messageId).length === 1, { message: 'answer routed to KZ' });
      // The same bytes again (a crash before the ack, after JetStream's duplicate window): the
      // original receipt again, archived once, not refused by the reference rules.
      await wire.submit('BY', answer.bytes, uuidv7());
      await waitFor(() => watcher.receipts('BY', answer.messageId).length === 2, { message: 'receipt sent again' });
      expect(watcher.receipts('BY', answer.messageId).every((r) => r.status === ACCEPTED)).toBe(true);
      expect(await archived(answer.messageId)).toBe(true);
    });

    it('accepts an answer submitted right behind its request (often in the same batch)', async () => {
      const req = request('KZ', ['BY']);
      const answer = response('BY', ['KZ'], req.messageId);
      await submit('KZ', req);
      await submit('BY', answer);
      await watcher.receipt('BY', answer.messageId, ACCEPTED);
    });

    it('refuses an answer without a request, to a request never seen or addressed to others, alike', async () => {
      const none = makeMessage({
        from: 'BY',
        to: ['KZ'],
        type: PayloadType.InformationResponse,
        sequence: ++seq,
        header: { inReplyTo: '' },
      });
      await submit('BY', none);
      await expectRefused('BY', none, 'ERR_REFERENCE_UNKNOWN');

      const unknown = response('BY', ['KZ'], uuidv7());
      await submit('BY', unknown);
      const unseen = await expectRefused('BY', unknown, 'ERR_REFERENCE_UNKNOWN');

      // KZ asked RU only: BY cannot answer it, and learns nothing of it from the refusal.
      const req = request('KZ', ['RU']);
      await submit('KZ', req);
      await watcher.receipt('KZ', req.messageId, ACCEPTED);
      const intruder = response('BY', ['KZ'], req.messageId);
      await submit('BY', intruder);
      const foreign = await expectRefused('BY', intruder, 'ERR_REFERENCE_UNKNOWN');
      const sentence = (r: atc.v1.Receipt, id: string): string => r.detail.replace(id, '<id>');
      expect(sentence(foreign, req.messageId)).toBe(sentence(unseen, unknown.header.inReplyTo));
    });

    it('refuses an answer to what is not a request, not sent back to the requester, or with another exercise marking', async () => {
      const record = makeMessage({ from: 'KZ', to: ['BY', 'RU'], sequence: ++seq });
      await submit('KZ', record);
      await watcher.receipt('KZ', record.messageId, ACCEPTED);
      const notARequest = response('BY', ['KZ'], record.messageId);
      await submit('BY', notARequest);
      expect((await expectRefused('BY', notARequest, 'ERR_REFERENCE_MISMATCH')).detail).toContain(
        'not an InformationRequest',
      );

      const req = request('KZ', ['BY', 'RU']);
      await submit('KZ', req);
      await watcher.receipt('KZ', req.messageId, ACCEPTED);
      const elsewhere = response('BY', ['RU'], req.messageId);
      await submit('BY', elsewhere);
      expect((await expectRefused('BY', elsewhere, 'ERR_REFERENCE_MISMATCH')).detail).toContain('requester KZ');

      const live = response('BY', ['KZ'], req.messageId, false);
      await submit('BY', live);
      expect((await expectRefused('BY', live, 'ERR_REFERENCE_MISMATCH')).detail).toContain('exercise');
    });
  });

  describe('refusals the broker side cannot name', () => {
    const metric = async (name: string): Promise<string> => {
      const text = await (await fetch(`${gw.gateway.url}/metrics`)).text();
      return text.split('\n').find((l) => l.startsWith(name)) ?? '';
    };
    const receiptAbout = (member: string, sha: Buffer): atc.v1.Receipt | undefined =>
      watcher.items
        .filter((i) => i.member === member && i.verified.payloadType === PayloadType.Receipt)
        .map((i) => i.verified.payload as atc.v1.Receipt)
        .find((r) => Buffer.from(r.envelopeSha256).equals(sha));

    it("answers bytes without a message id on a member's subject with a REJECTED receipt it matches by digest", async () => {
      const junk = Buffer.from(`not an envelope ${uuidv7()}`);
      const sha = createHash('sha256').update(junk).digest();
      await wire.submit('KZ', junk);
      await waitFor(() => receiptAbout('KZ', sha) !== undefined, { message: 'REJECTED receipt matched by digest' });
      const receipt = receiptAbout('KZ', sha)!;
      expect(receipt.status).toBe(REJECTED);
      expect(receipt.messageId).toBe('');
      expect(receipt.reason).toBe(reasonCodeOf('ERR_ENVELOPE_MALFORMED'));
      expect(receipt.detail.length).toBeGreaterThan(10);
      await waitFor(
        async () => (await metric('atc_gateway_refused_unidentified_total{receipt="sent"}')).endsWith(' 1'),
        {
          message: 'counted with a receipt',
        },
      );
    });

    it('counts bytes on the subject of no member, and answers no one', async () => {
      const junk = Buffer.from(`not an envelope either ${uuidv7()}`);
      await wire.submit('ZZ', junk);
      await waitFor(
        async () => (await metric('atc_gateway_refused_unidentified_total{receipt="none"}')).endsWith(' 1'),
        {
          message: 'counted without a receipt',
        },
      );
    });
  });
});
