import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '@atc/shared';
import { startNatsCluster, type NatsClusterHandle } from '@atc/tests';

let taken: Server | undefined;
let cluster: NatsClusterHandle | undefined;

afterEach(async () => {
  await cluster?.stop();
  await new Promise<void>((resolve) => {
    if (taken === undefined) resolve();
    else
      taken.close(() => {
        resolve();
      });
  });
});

it('starts its nodes again on fresh ports when a port it chose was taken before a node bound it', async () => {
  // A port another process took between its choice and the node's bind: the first one given.
  // (The other nodes of the first round dial it as their route: each connection is closed.)
  taken = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => taken!.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  const given: number[] = [];
  cluster = await startNatsCluster({
    nodes: 3,
    ports: async () => {
      const next = given.length === 0 ? port : await freePort();
      given.push(next);
      return next;
    },
  });
  await cluster.waitForHealthy();
  // Two rounds of a route and a monitoring port for each of the three nodes.
  expect(given).toHaveLength(12);
  expect(given.slice(6)).not.toContain(port);
  expect(cluster.nodes.map((n) => new URL(n.monitorUrl).port)).not.toContain(String(port));
});
