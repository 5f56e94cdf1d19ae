import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import type { NatsServerHandle } from '@atc/harness';

const run = promisify(execFile);

/**
 * A network namespace of a test's own, joined to the test's host by one veth pair per named
 * link, so that a server run inside it (see `wrap`) can be cut off from one client and not
 * another: each client connects through its own link's address, and `cut(link)` takes that
 * link down. Addresses come from 198.18.0.0/15 (set aside for network tests, RFC 2544), each
 * link a /30 of its own; nothing outside the machine is touched: a cut takes down the
 * namespace's end, so the host keeps its route to the link (marked linkdown) and drops what
 * it sends there, and a route `unreachable` for the lab's /24 stands behind the links' routes
 * in case a host ignores routes whose link is down.
 */
export interface PartitionLab extends AsyncDisposable {
  /** The namespace's name. */
  readonly namespace: string;
  /** The /24 every link's addresses are in (CIDR), e.g. for a server's list of trusted clients. */
  readonly network: string;
  /** Runs a command inside the namespace (`ip netns exec` execs it, so its process id is kept). */
  readonly wrap: readonly string[];
  /** The namespace's address on `link`: a client connecting to it goes through that link only. */
  address(link: string): string;
  /**
   * Takes `link` down: packets either way are dropped and no socket is closed; a new
   * connection through it fails after the neighbour lookup times out (EHOSTUNREACH, ~3 s).
   */
  cut(link: string): Promise<void>;
  /** Brings `link` back. */
  heal(link: string): Promise<void>;
  /** Deletes the namespace (and with it every veth pair). Idempotent. */
  dispose(): Promise<void>;
}

interface Link {
  readonly hostSide: string;
  readonly labSide: string;
  readonly hostAddress: string;
  readonly labAddress: string;
}

async function ip(...args: string[]): Promise<string> {
  return (await run('ip', args)).stdout;
}

/**
 * Creates a {@link PartitionLab} with `links` (e.g. `['gateway', 'agents']`). Resolves to the
 * reason instead when the kernel or the user refuses (not root, no network namespaces), so the
 * caller can skip with it. Always dispose of a lab it got, even when the test fails.
 */
export async function createPartitionLab(
  links: readonly string[],
): Promise<PartitionLab | { readonly refused: string }> {
  const tag = randomBytes(3).toString('hex');
  const namespace = `atc-part-${tag}`;
  try {
    await ip('netns', 'add', namespace);
  } catch (e) {
    return { refused: `cannot create a network namespace (${(e as Error).message.trim()}); partitions need root` };
  }
  let disposed = false;
  let guard: string | undefined;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    // Deleting the namespace deletes the veth ends in it, and with them their peers here.
    await ip('netns', 'delete', namespace).catch(() => undefined);
    if (guard !== undefined) await ip('route', 'delete', 'unreachable', guard).catch(() => undefined);
  };
  try {
    await ip('-n', namespace, 'link', 'set', 'lo', 'up');
    const subnet = await freeSubnet(links.length);
    await ip('route', 'add', 'unreachable', `${subnet}.0/24`);
    guard = `${subnet}.0/24`;
    const made = new Map<string, Link>();
    for (const [i, name] of links.entries()) {
      const labSide = `ap${tag}${i}n`;
      const link = {
        hostSide: `ap${tag}${i}h`,
        labSide,
        hostAddress: `${subnet}.${4 * i + 1}`,
        labAddress: `${subnet}.${4 * i + 2}`,
      };
      await ip('link', 'add', link.hostSide, 'type', 'veth', 'peer', 'name', labSide);
      await ip('link', 'set', labSide, 'netns', namespace);
      await ip('addr', 'add', `${link.hostAddress}/30`, 'dev', link.hostSide);
      await ip('-n', namespace, 'addr', 'add', `${link.labAddress}/30`, 'dev', labSide);
      await ip('link', 'set', link.hostSide, 'up');
      await ip('-n', namespace, 'link', 'set', labSide, 'up');
      made.set(name, link);
    }
    const linkOf = (name: string): Link => {
      const link = made.get(name);
      if (link === undefined) throw new Error(`partition lab ${namespace} has no link ${name}: name it at creation`);
      return link;
    };
    return {
      namespace,
      network: `${subnet}.0/24`,
      wrap: ['ip', 'netns', 'exec', namespace],
      address: (name) => linkOf(name).labAddress,
      async cut(name) {
        await ip('-n', namespace, 'link', 'set', linkOf(name).labSide, 'down');
      },
      async heal(name) {
        await ip('-n', namespace, 'link', 'set', linkOf(name).labSide, 'up');
      },
      dispose,
      [Symbol.asyncDispose]: dispose,
    };
  } catch (e) {
    await dispose();
    return { refused: `cannot build the partition lab's links (${(e as Error).message.trim()})` };
  }
}

/** A /24 of 198.18.0.0/15 no address on this host is in yet (another run may use one). */
async function freeSubnet(links: number): Promise<string> {
  if (links > 64) throw new Error('a partition lab has at most 64 links');
  const used = await ip('-o', '-4', 'addr', 'show');
  for (let attempt = 0; attempt < 50; attempt++) {
    const subnet = `198.${18 + randomInt(2)}.${randomInt(256)}`;
    if (!used.includes(` ${subnet}.`)) return subnet;
  }
  throw new Error('no free /24 left in 198.18.0.0/15 on this host');
}

/**
 * The same nats-server as `handle`, reached at `host` (its address on one link of a
 * {@link PartitionLab}): give it to a gateway or agent so that it connects through that link.
 */
export function natsServerAt(handle: NatsServerHandle, host: string): NatsServerHandle {
  const stop = (): Promise<void> => handle.stop();
  return {
    runtime: handle.runtime,
    url: `nats://${host}:${handle.port}`,
    port: handle.port,
    storeDir: handle.storeDir,
    logFile: handle.logFile,
    get pid() {
      return handle.pid;
    },
    stop,
    restart: () => handle.restart(),
    kill: (signal) => handle.kill(signal),
    [Symbol.asyncDispose]: stop,
  };
}
