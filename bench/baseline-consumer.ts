// The baseline: what a team would hand-write without this project. A JetStream pull
// consumer (consume, batches of 1,000) that decodes each envelope, verifies its Ed25519
// signature with node:crypto on the main thread, and acks. Nothing else: no policy, no
// archive, no routing, no receipts.
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { atc } from '@atc/shared';
import { helperInput, toParent } from './bench-service.js';
import type { DrainInput, DrainReport } from './copy-drain.js';
import { detachedJwsValid, publicKeysByKid, type PublicKeyEntry } from './hand-verify.js';

/** What the parent gives the baseline consumer. */
export interface BaselineInput extends DrainInput {
  /** The members' public keys. */
  readonly keys: readonly PublicKeyEntry[];
}

/** What the baseline consumer reports (see DrainReport). */
export type BaselineReport = DrainReport;

const input = await helperInput<BaselineInput>();
const keys = publicKeysByKid(input.keys);
const nc = await connect({ servers: input.natsUrl, name: 'atc-bench-baseline' });
const consumer = await jetstream(nc).consumers.get(input.stream, input.consumer);
const messages = await consumer.consume({ max_messages: 1_000 });

let done = 0;
let invalid = 0;
const now = (): number => performance.timeOrigin + performance.now();
const report = (kind: BaselineReport['kind']): BaselineReport => {
  const usage = process.resourceUsage();
  return { kind, atMs: now(), done, invalid, cpuUs: usage.userCPUTime + usage.systemCPUTime, maxRssKb: usage.maxRSS };
};
// The first sample, before any message: the warm-up window is measured from here.
await toParent(report('progress'));
const ticker = setInterval(() => {
  void toParent(report('progress'));
}, 250);

const stopAt = now() + input.limitMs;
for await (const m of messages) {
  if (!valid(m.data)) invalid++;
  m.ack();
  if (++done >= input.expected || now() >= stopAt) break;
}
clearInterval(ticker);
await toParent(report('done'));
await nc.drain();
process.disconnect();

/** Decodes the envelope and its header, and checks the detached JWS over the header bytes. */
function valid(data: Uint8Array): boolean {
  try {
    const envelope = atc.v1.Envelope.decode(data);
    atc.v1.Header.decode(envelope.header);
    return detachedJwsValid(envelope, keys);
  } catch {
    return false;
  }
}
