// DeliveryAcks mark their copies delivered inside the batch's commit, on both engines: on
// PostgreSQL a batch's marks go in a few statements (each one a round trip made under the
// archive's write lock), not one per copy. A copy keeps its first acknowledgement.
import { describe, expect, it } from 'vitest';
import { batchWrite, openArchive } from '@atc/gateway';
import { generateKeyPair } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { person } from '../databank/bank-rows.js';

describe.each(ARCHIVE_BACKENDS)('delivered marks on $name', (backend) => {
  it('marks every acknowledged copy delivered once, pending or routed, with its first acknowledgement, across statements', async () => {
    await using at = await backend.create();
    const archive = await openArchive({
      location: at.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock: () => FIXTURE_TIME + 1_000_000,
    });
    try {
      // 300 messages, each routed to RU and BY.
      const rows = Array.from({ length: 300 }, (_, i) => person('KZ', i + 1, `KZ-P-${i}`, 1));
      await archive.committer.commit(
        batchWrite({
          messages: rows,
          deliveries: rows.flatMap((m) => ['RU', 'BY'].map((recipient) => ({ messageId: m.messageId, recipient }))),
        }),
      );
      const ack = (i: number, recipient: string, id: string, at: number) => ({
        messageId: rows[i]!.messageId,
        recipient,
        at,
        ackMessageId: id,
      });
      // An earlier batch: RU acknowledged message 0. BY's copy of message 8 was routed.
      await archive.committer.commit(batchWrite({ delivered: [ack(0, 'RU', 'ack-early', 1_000)] }));
      await archive.store.markPublished(
        { routes: [{ messageId: rows[8]!.messageId, recipients: ['BY'] }], receiptIds: [] },
        1_500,
      );
      // One batch of 264 marks (more than one statement's 256): RU's copies of messages 0-259
      // (message 0's already acknowledged), BY's of message 5 twice, BY's routed copy of
      // message 8, and a copy that does not exist.
      const marks = [
        ...Array.from({ length: 260 }, (_, i) => ack(i, 'RU', `ack-RU-${i}`, 2_000 + i)),
        ack(5, 'BY', 'ack-BY-5-first', 3_000),
        ack(5, 'BY', 'ack-BY-5-second', 3_001),
        ack(8, 'BY', 'ack-BY-8', 3_003),
        ack(7, 'AM', 'ack-AM-7', 3_002),
      ];
      await archive.committer.commit(batchWrite({ delivered: marks }));

      const copies = async (i: number) =>
        Object.fromEntries(
          (await archive.store.deliveriesOf(rows[i]!.messageId)).map((d) => [
            d.recipient,
            [d.state, d.ackMessageId, d.deliveredAt],
          ]),
        );
      // The earlier acknowledgement stays.
      expect(await copies(0)).toEqual({ BY: ['pending', null, null], RU: ['delivered', 'ack-early', 1_000] });
      // The first of two in one batch.
      expect(await copies(5)).toEqual({
        BY: ['delivered', 'ack-BY-5-first', 3_000],
        RU: ['delivered', 'ack-RU-5', 2_005],
      });
      // A routed copy is delivered too.
      expect((await copies(8)).BY).toEqual(['delivered', 'ack-BY-8', 3_003]);
      // No row is made for a copy that was never routed.
      expect(Object.keys(await copies(7))).toEqual(['BY', 'RU']);
      // Past the first statement's 256, and none beyond the marks.
      expect(await copies(259)).toEqual({ BY: ['pending', null, null], RU: ['delivered', 'ack-RU-259', 2_259] });
      expect(await copies(260)).toEqual({ BY: ['pending', null, null], RU: ['pending', null, null] });
      const delivered = await archive.db.get<{ n: number }>(
        "SELECT count(*) AS n FROM deliveries WHERE state = 'delivered'",
      );
      expect(delivered!.n).toBe(262);
    } finally {
      await archive.close();
    }
  });
});
