import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consistencyProofPlan,
  foldRange,
  leafHash,
  MerkleFrontier,
  nodeKey,
  resolvePlan,
  rootPlan,
  signCheckpoint,
  Subjects,
} from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { startTestFederation, waitFor, type AgentFixture, type TestFederation } from '@atc/tests';

const ORIGIN = 'atc-exchange/ATC';

/** A history of the log the test serves, signed with the gateway key as a dishonest centre could. */
class History {
  private readonly nodes = new Map<string, Buffer>();
  private readonly frontier = new MerkleFrontier();

  constructor(label: string, size: number) {
    for (let i = 0; i < size; i++) {
      for (const { id, hash } of this.frontier.append(leafHash(Buffer.from(`${label}-${i}`)))) {
        this.nodes.set(nodeKey(id), hash);
      }
    }
  }

  root(size: number): Buffer {
    return foldRange(rootPlan(size).map((id) => this.nodes.get(nodeKey(id))!));
  }

  checkpoint(size: number): string {
    return signCheckpoint(
      { origin: ORIGIN, size, rootHash: this.root(size), extensions: [] },
      ORIGIN,
      fixtureKey('ATC').privateKey,
    );
  }

  consistency(first: number, second: number): string[] {
    if (first === 0 || first === second) return [];
    return resolvePlan(consistencyProofPlan(first, second), (id) => this.nodes.get(nodeKey(id))).map((h) =>
      h.toString('base64'),
    );
  }
}

let fed: TestFederation;
let nc: NatsConnection;
let kz: AgentFixture;
let by: AgentFixture;
/** What each member is shown: its history and the size served now, plus extra signature lines. */
const view = new Map<string, { history: History; size: number; extra: string }>();
const cosigned: { member: string; size: number }[] = [];

beforeAll(async () => {
  // No gateway: this connection stands in for a dishonest centre and answers the log subjects.
  fed = await startTestFederation({ gateway: false });
  nc = await connect({ servers: fed.nats.url, name: 'dishonest-centre' });
  const h1 = new History('one', 12);
  const h2 = new History('two', 12);
  view.set('KZ', { history: h1, size: 5, extra: '' });
  view.set('BY', { history: h2, size: 5, extra: '' });
  const sub = nc.subscribe(Subjects.logAll);
  void (async () => {
    for await (const m of sub) {
      const member = m.subject.split('.').at(-1)!;
      const v = view.get(member);
      const req = m.json<{
        op: string;
        from?: number;
        first?: number;
        second?: number;
        size?: number;
        signature?: string;
      }>();
      if (v === undefined) continue;
      if (req.op === 'checkpoint') {
        const from = req.from ?? 0;
        m.respond(
          JSON.stringify({
            size: v.size,
            from,
            checkpoint: `${v.history.checkpoint(v.size)}${v.extra}`,
            consistency: v.history.consistency(from, v.size),
          }),
        );
      } else if (req.op === 'consistency') {
        m.respond(JSON.stringify({ consistency: v.history.consistency(req.first ?? 0, req.second ?? 0) }));
      } else if (req.op === 'cosign') {
        cosigned.push({ member, size: req.size ?? -1 });
        if (member === 'BY' && req.size === 5) view.get('KZ')!.extra = `${req.signature ?? ''}\n`;
        m.respond(JSON.stringify({ size: req.size, cosigned: true }));
      }
    }
  })();
  const env = { ATC_WITNESS_INTERVAL: '300ms' };
  [kz, by] = await Promise.all([fed.startAgent('KZ', { env }), fed.startAgent('BY', { env })]);
}, 60_000);

afterAll(async () => {
  await Promise.all([kz?.destroy(), by?.destroy()]);
  await nc?.close();
  await fed?.close();
});

describe('witnesses facing a forked log', () => {
  it('each accepts and cosigns its own consistent view at first', async () => {
    await waitFor(() => ['KZ', 'BY'].every((m) => cosigned.some((c) => c.member === m && c.size === 5)), {
      timeoutMs: 15_000,
      message: 'both witnesses cosign size 5',
    });
    for (const agent of [kz, by]) {
      // No gateway runs here, so no trust list: only the log check is of interest.
      expect((await agent.api('GET', '/readyz')).body['checks']).toContainEqual({ name: 'log', ok: true });
      expect((await agent.api('GET', '/v1/alarms')).body['log']).toEqual([]);
    }
  });

  it('raise the alarm at the next check when shown the other branch, and never cosign it', async () => {
    // KZ is now shown BY's history, cosigned by BY: it cannot extend what KZ accepted.
    const kzView = view.get('KZ')!;
    const byView = view.get('BY')!;
    view.set('KZ', { history: byView.history, size: 8, extra: kzView.extra });
    view.set('BY', { history: kzView.history, size: 8, extra: '' });

    for (const [agent, member] of [
      [kz, 'KZ'],
      [by, 'BY'],
    ] as const) {
      let alarms: { kind: string; detail: string; evidence: { accepted: string; seen: string } }[] = [];
      await waitFor(
        async () => {
          alarms = (await agent.api('GET', '/v1/alarms')).body['log'] as typeof alarms;
          return alarms.length > 0;
        },
        { timeoutMs: 15_000, message: `${member} raises an alarm` },
      );
      expect(alarms[0]!.kind).toBe('inconsistent');
      expect(alarms[0]!.detail).toContain('checkpoint 8 is not an extension of the accepted checkpoint 5');
      // Both checkpoints are kept as evidence.
      expect(alarms[0]!.evidence.accepted.split('\n')[1]).toBe('5');
      expect(alarms[0]!.evidence.seen.split('\n')[1]).toBe('8');
      const ready = await agent.api('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body['checks']).toContainEqual({ name: 'log', ok: false });
      const metrics = await (await fetch(new URL('/metrics', agent.agent.url))).text();
      expect(metrics).toMatch(/atc_agent_log_alarms_total\{kind="inconsistent"\} [1-9]/);
    }
    expect(cosigned.filter((c) => c.size === 8)).toEqual([]);
  });
});
