import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { atc, reasonCodeOf, type RefusalCode, type SignedEnvelope } from '@atc/shared';
import type { GatewayFixture, InboxWatcher } from './federation.js';

/** Whether the gateway's archive holds `messageId`, as operators see it (`GET /v1/messages/:id`). */
export async function isArchived(gateway: GatewayFixture, messageId: string): Promise<boolean> {
  const res = await gateway.api(`/v1/messages/${messageId}`);
  ok(res.status === 200 || res.status === 404, `GET /v1/messages/${messageId} answered ${res.status}`);
  return res.status === 200;
}

/**
 * Waits for `member`'s REJECTED receipt of `m` and checks that it names `code` with a sentence,
 * and that the message was neither archived nor copied into any inbox of `watched`.
 */
export async function expectRefusedOnWire(
  federation: { readonly gateway: GatewayFixture; readonly watcher: InboxWatcher; readonly watched: readonly string[] },
  member: string,
  m: SignedEnvelope,
  code: RefusalCode,
): Promise<atc.v1.Receipt> {
  const { gateway, watcher, watched } = federation;
  const receipt = await watcher.receipt(member, m.messageId, atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED);
  strictEqual(receipt.reason, reasonCodeOf(code), `refused with reason ${receipt.reason}, not ${code}`);
  ok(receipt.detail.length > 10, `the refusal of ${m.messageId} says nothing: ${JSON.stringify(receipt.detail)}`);
  strictEqual(await isArchived(gateway, m.messageId), false, `${m.messageId} was archived`);
  deepStrictEqual(
    watched.filter((other) => watcher.copies(other, m.messageId).length > 0),
    [],
    `${m.messageId} was routed`,
  );
  return receipt;
}
