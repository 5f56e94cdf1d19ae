import type { BenchContext } from './bench-context.js';
import { forkHelper } from './bench-service.js';
import type { PublisherInput, PublisherReport, ReturnedEnvelope } from './publisher-process.js';

/** What the publishers did. */
export interface PublishersResult {
  readonly envelopes: number;
  readonly bytes: number;
  readonly seconds: number;
  /** The envelopes themselves, in `return` mode. */
  readonly returned: ReturnedEnvelope[];
}

/**
 * Splits the federation's members over the plan's publisher processes and has each sign
 * `perMember` envelopes per member: published (with a copy to each of `copySubjectPrefixes`),
 * or handed back unpublished in `return` mode.
 */
export async function runPublishers(
  ctx: BenchContext,
  options: {
    readonly perMember: number;
    readonly mode: PublisherInput['mode'];
    /** In `publish` mode: sign this many more per member, returned unpublished (for a later phase). */
    readonly extraPerMember?: number;
    readonly copySubjectPrefixes?: readonly string[];
    readonly label: string;
  },
): Promise<PublishersResult> {
  const members = [...ctx.federation.memberKeys.entries()];
  const extra = options.extraPerMember ?? 0;
  const firstSequence = ctx.reserveSequences(options.perMember + extra);
  const groups = Array.from({ length: ctx.plan.publishers }, (_, g) =>
    members.filter((_m, i) => i % ctx.plan.publishers === g),
  );
  const total = (options.perMember + extra) * members.length;
  const progress = new Map<number, number>();
  const returned: ReturnedEnvelope[] = [];
  let bytes = 0;
  let lastLine = 0;
  const started = performance.now();
  const helpers = groups.map((group, g) => {
    const helper = forkHelper<PublisherReport>(
      'publisher-process.ts',
      {
        natsUrl: ctx.natsUrl,
        members: group.map(([id, key]) => ({ id, privateJwk: key.privateJwk })),
        federation: members.map(([id]) => id),
        perMember: options.perMember,
        firstSequence,
        copySubjectPrefixes: options.copySubjectPrefixes ?? [],
        inFlight: ctx.plan.publishInFlight,
        mode: options.mode,
        extraPerMember: extra,
      } satisfies PublisherInput,
      ctx.logDir,
      `publisher-${g}`,
    );
    helper.onMessage((m) => {
      if (m.kind === 'envelopes') {
        returned.push(...m.items);
        progress.set(g, (progress.get(g) ?? 0) + m.items.length);
      } else {
        progress.set(g, m.envelopes);
        if (m.kind === 'done') bytes += m.bytes;
      }
      const done = [...progress.values()].reduce((a, b) => a + b, 0);
      if (performance.now() - lastLine > 2_000) {
        lastLine = performance.now();
        ctx.progress(
          `${options.label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} envelopes signed`,
        );
      }
    });
    return helper;
  });
  try {
    await Promise.all(helpers.map((h) => h.done));
  } catch (e) {
    for (const h of helpers) h.kill();
    throw e;
  }
  const returnedBytes = returned.reduce((a, e) => a + e.bytes.length, 0);
  // `bytes` is what was published; `envelopes` counts those too.
  return {
    envelopes: total - returned.length,
    bytes: options.mode === 'return' ? returnedBytes : bytes - returnedBytes,
    seconds: (performance.now() - started) / 1000,
    returned,
  };
}
