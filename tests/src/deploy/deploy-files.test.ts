import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeAgentSettings } from '@atc/node-agent';
import { describeGatewaySettings } from '@atc/gateway';
import { GATEWAY_NODE_FLAGS } from '@atc/gateway/node-flags';
import { binPath, prepareGatewayDataDir } from '@atc/tests';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const deployDir = join(repoRoot, 'deploy');
const NATS_SERVER = '/usr/sbin/nats-server';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const files = filesUnder(deployDir).map((f) => relative(repoRoot, f));
const yamlFiles = files.filter((f) => /\.ya?ml$/.test(f));
const jsonFiles = files.filter((f) => f.endsWith('.json'));
const natsConfigs = files.filter((f) => f.startsWith('deploy/nats/') && f.endsWith('.conf'));
const k8sFiles = yamlFiles.filter((f) => f.startsWith('deploy/k8s/'));
const dockerfiles = files.filter((f) => f.endsWith('.Dockerfile'));

/** The variables a service reads, from its `--help` table of settings. */
const envNames = (help: string): Set<string> => new Set([...help.matchAll(/^\s+(ATC_[A-Z0-9_]+)/gm)].map((m) => m[1]!));
const agentEnv = envNames(describeAgentSettings());
const gatewayEnv = envNames(describeGatewaySettings());

function yamlDocuments(file: string): unknown[] {
  // merge: compose files share settings through `<<: *anchor`.
  const docs = parseAllDocuments(readFileSync(join(repoRoot, file), 'utf8'), { merge: true });
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) expect(doc.errors.map((e) => e.message)).toEqual([]);
  return docs.map((d) => d.toJS() as unknown).filter((d) => d !== null);
}

/** Runs `nats-server -t` on a configuration file; resolves with its output, rejects with it. */
async function checkNatsConfig(path: string, env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(NATS_SERVER, ['-t', '-c', path], { env: { ...process.env, ...env } });
    return `${stdout}${stderr}`;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`nats-server -t -c ${path} failed: ${err.stderr ?? ''}${err.stdout ?? ''}${err.message}`);
  }
}

/** The `include` of the per-member accounts in a NATS configuration, when it is not commented out. */
function accountsInclude(text: string): string | undefined {
  return /^\s*include\s+"([^"]*accounts\.conf)"\s*$/m.exec(text)?.[1];
}

let tmp: string;
/** accounts.conf as `atc-gateway nats-config` writes it for the fixture members. */
let accounts: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'atc-deploy-'));
  const dataDir = join(tmp, 'gateway');
  await mkdir(dataDir, { mode: 0o700 });
  await prepareGatewayDataDir(dataDir);
  await run(process.execPath, [binPath('gateway'), 'nats-config', '--out', join(tmp, 'auth')], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', ATC_DATA_DIR: dataDir },
  });
  accounts = await readFile(join(tmp, 'auth', 'accounts.conf'), 'utf8');
}, 60_000);

/**
 * Writes `text` as `<tmp>/<name>/<file>` with the generated accounts where its include points,
 * and checks it with `nats-server -t`.
 */
async function checkWithAccounts(name: string, file: string, text: string, env: Record<string, string> = {}) {
  const include = accountsInclude(text);
  expect(include, `${file} includes the per-member accounts`).toBeDefined();
  const path = join(tmp, name, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  const accountsPath = resolve(dirname(path), include!);
  await mkdir(dirname(accountsPath), { recursive: true });
  await writeFile(accountsPath, accounts);
  return checkNatsConfig(path, env);
}
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('deploy/ files', () => {
  it('has the files the README walks through', () => {
    for (const f of [
      'deploy/nats/single.conf',
      'deploy/nats/cluster/nats-1.conf',
      'deploy/docker-compose.yml',
      'deploy/docker/gateway.Dockerfile',
      'deploy/docker/agent.Dockerfile',
      'deploy/k8s/gateway.yaml',
      'deploy/systemd/atc-agent.service',
      'deploy/systemd/atc-agent.env.example',
    ]) {
      expect(files).toContain(f);
    }
  });

  it.each(yamlFiles)('%s parses as YAML, every document', (file) => {
    expect(yamlDocuments(file).length).toBeGreaterThan(0);
  });

  // No JSON file ships today; any added later is checked.
  if (jsonFiles.length > 0) {
    it.each(jsonFiles)('%s parses as JSON', (file) => {
      expect(() => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as unknown).not.toThrow();
    });
  }

  it.each(k8sFiles)('%s: every Kubernetes document has apiVersion, kind and metadata.name', (file) => {
    for (const doc of yamlDocuments(file)) {
      const d = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
      expect(typeof d.apiVersion, file).toBe('string');
      expect(typeof d.kind, file).toBe('string');
      expect(typeof d.metadata?.name, `${file} ${String(d.kind)}`).toBe('string');
    }
  });

  it.each(natsConfigs)('%s includes the per-member accounts and passes nats-server -t with them', async (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    expect(await checkWithAccounts(`conf-${natsConfigs.indexOf(file)}`, file, text)).toContain('is valid');
  });

  it('the NATS configuration in the Kubernetes ConfigMap passes nats-server -t', async () => {
    const maps = yamlDocuments('deploy/k8s/nats.yaml').filter((d) => (d as { kind?: string }).kind === 'ConfigMap');
    const confs = maps.flatMap((m) => Object.entries((m as { data: Record<string, string> }).data));
    expect(confs.map(([k]) => k)).toContain('nats.conf');
    for (const [key, text] of confs.filter(([k]) => k.endsWith('.conf'))) {
      expect(accountsInclude(text), key).toBe('accounts.conf');
      expect(await checkWithAccounts('k8s', key, text, { POD_NAME: 'nats-0' })).toContain('is valid');
    }
  });

  it('Kubernetes: NATS mounts the generated accounts beside nats.conf, the gateway its own nkey seed', () => {
    const [kustomization] = yamlDocuments('deploy/k8s/kustomization.yaml') as [
      { configMapGenerator?: { name: string; files: string[] }[] },
    ];
    expect(kustomization.configMapGenerator).toContainEqual(
      expect.objectContaining({ name: 'nats-accounts', files: ['accounts.conf'] }),
    );
    type Pod = {
      containers: { name: string; volumeMounts: { name: string; mountPath: string }[] }[];
      volumes: Record<string, unknown>[];
    };
    const podOf = (file: string, kind: string): Pod =>
      (
        yamlDocuments(file).find((d) => (d as { kind?: string }).kind === kind) as {
          spec: { template: { spec: Pod } };
        }
      ).spec.template.spec;
    const nats = podOf('deploy/k8s/nats.yaml', 'StatefulSet');
    const config = nats.volumes.find((v) => v['name'] === 'config') as {
      projected: { sources: { configMap: { name: string } }[] };
    };
    expect(config.projected.sources.map((s) => s.configMap.name)).toEqual(['nats-config', 'nats-accounts']);

    const gatewayDocs = yamlDocuments('deploy/k8s/gateway.yaml');
    const settings = (
      gatewayDocs.find((d) => (d as { kind?: string }).kind === 'ConfigMap') as { data: Record<string, string> }
    ).data;
    const seed = settings['ATC_NATS_NKEY_FILE'];
    expect(seed).toBe('/var/run/atc/nats/gateway.nk');
    const gateway = podOf('deploy/k8s/gateway.yaml', 'Deployment');
    const mount = gateway.containers[0]!.volumeMounts.find((m) => m.mountPath === dirname(seed!));
    expect(mount).toBeDefined();
    expect(gateway.volumes.find((v) => v['name'] === mount!.name)).toMatchObject({
      secret: { secretName: 'atc-gateway-nats', items: [{ key: 'gateway.nk', path: 'gateway.nk' }] },
    });
  });

  it('docker-compose.yml: every NATS node includes the accounts, every gateway and agent has its own nkey seed', () => {
    const [compose] = yamlDocuments('deploy/docker-compose.yml') as [
      {
        services: Record<string, { volumes?: string[]; secrets?: string[]; environment?: Record<string, string> }>;
        secrets: Record<string, { file: string }>;
      },
    ];
    const services = Object.entries(compose.services);
    const nodes = services.filter(([n]) => /^nats-\d$/.test(n));
    expect(nodes.length).toBe(3);
    for (const [name, node] of nodes) {
      expect(node.volumes, name).toContain('./secrets/nats/accounts.conf:/etc/nats/accounts.conf:ro');
      const conf = node.volumes!.find((v) => v.endsWith(':/etc/nats/nats.conf:ro'))!.split(':')[0]!;
      expect(accountsInclude(readFileSync(join(deployDir, conf), 'utf8')), name).toBe('accounts.conf');
    }
    const seeds = new Map<string, string>();
    for (const [name, s] of services.filter(([n]) => /^(gateway|agent)-/.test(n))) {
      const file = s.environment?.['ATC_NATS_NKEY_FILE'];
      expect(file, `${name}: ATC_NATS_NKEY_FILE`).toMatch(/^\/run\/secrets\/\w+$/);
      const secret = file!.slice('/run/secrets/'.length);
      expect(s.secrets, name).toContain(secret);
      seeds.set(name, compose.secrets[secret]!.file);
    }
    expect(Object.fromEntries(seeds)).toEqual({
      'gateway-1': './secrets/nats/gateway.nk',
      'gateway-2': './secrets/nats/gateway.nk',
      'agent-kz': './secrets/nats/members/KZ.nk',
      'agent-by': './secrets/nats/members/BY.nk',
    });
  });

  it('docker-compose.yml builds from Dockerfiles that exist, with a replicated stream setting', () => {
    const [compose] = yamlDocuments('deploy/docker-compose.yml') as [
      {
        services: Record<
          string,
          { build?: { context: string; dockerfile: string }; environment?: Record<string, string> }
        >;
      },
    ];
    const services = Object.entries(compose.services);
    const built = services.filter(([, s]) => s.build !== undefined);
    expect(built.length).toBe(4);
    for (const [name, s] of built) {
      const context = resolve(deployDir, s.build!.context);
      expect(existsSync(join(context, s.build!.dockerfile)), `${name}: ${s.build!.dockerfile}`).toBe(true);
    }
    const gateways = services.filter(([n]) => n.startsWith('gateway-'));
    expect(gateways.length).toBe(2);
    for (const [, g] of gateways) expect(g.environment?.['ATC_STREAM_REPLICAS']).toBe('3');
    expect(services.filter(([n]) => /^nats-\d$/.test(n)).length).toBe(3);
  });

  it('docker-compose.yml sets only settings the services know, and no secret without ${VAR:?}', () => {
    const text = readFileSync(join(deployDir, 'docker-compose.yml'), 'utf8');
    const [compose] = yamlDocuments('deploy/docker-compose.yml') as [
      { services: Record<string, { image?: string; environment?: Record<string, string> }> },
    ];
    let checked = 0;
    for (const [name, s] of Object.entries(compose.services)) {
      const known = name.startsWith('gateway-') ? gatewayEnv : name.startsWith('agent-') ? agentEnv : undefined;
      if (known === undefined) continue;
      for (const env of Object.keys(s.environment ?? {})) {
        expect(known.has(env), `${name}: ${env}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    for (const line of text.split('\n').filter((l) => /PASSWORD:|API_KEYS:/.test(l) && !l.trim().startsWith('#'))) {
      expect(line, 'secrets come from .env and fail when unset').toMatch(/\$\{[A-Z_]+:\?[^}]+\}/);
    }
  });

  it.each(dockerfiles)('%s: multi-stage, non-root, with a health check, copying paths that exist', (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect(text).toMatch(/^RUN npm ci$/m);
    expect(text).toMatch(/^RUN npm run build$/m);
    expect(text).toMatch(/npm prune --omit=dev/);
    expect(text).toMatch(/^USER 10001:10001$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    // Sources copied from the build context, and build outputs whose sources exist.
    for (const [, src] of text.matchAll(/^COPY (?!--from)(\S+) /gm)) {
      if (src !== '.') expect(existsSync(join(repoRoot, src!)), `${file}: COPY ${src!}`).toBe(true);
    }
    for (const [, src] of text.matchAll(/^COPY --from=build \/src\/(\S+) /gm)) {
      const source = src!.replace(/\/dist$/, '/src');
      expect(existsSync(join(repoRoot, source)), `${file}: COPY --from=build ${src!}`).toBe(true);
    }
    const [, main] = /ENTRYPOINT \["node", "\/app\/(\S+)\/dist\/cli\/main\.js"\]/.exec(text) ?? [];
    expect(existsSync(join(repoRoot, `${main ?? '?'}/src/cli/main.ts`)), `${file}: ENTRYPOINT`).toBe(true);
    // The gateway runs with the node flags the benchmark and `npm start` measure it with (an
    // operator may set NODE_OPTIONS otherwise); the agent with none.
    const [, nodeOptions] = /^\s+NODE_OPTIONS=(\S+(?: \S+)*?) \\$/m.exec(text) ?? [];
    expect(nodeOptions, `${file}: NODE_OPTIONS`).toBe(main === 'gateway' ? GATEWAY_NODE_FLAGS.join(' ') : undefined);
  });

  it('the systemd unit is hardened and reads its settings from the environment file', () => {
    const unit = readFileSync(join(deployDir, 'systemd/atc-agent.service'), 'utf8');
    for (const directive of [
      'User=atc',
      'EnvironmentFile=/etc/atc/agent.env',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/atc-agent',
    ]) {
      expect(unit).toContain(directive);
    }
    expect(existsSync(join(repoRoot, 'node-agent/src/cli/main.ts'))).toBe(true);
    expect(unit).toContain('node-agent/dist/cli/main.js serve');
  });

  it('the agent environment example names only settings the agent knows', () => {
    const text = readFileSync(join(deployDir, 'systemd/atc-agent.env.example'), 'utf8');
    const names = [...text.matchAll(/^#?(ATC_[A-Z_]+)=/gm)].map((m) => m[1]!);
    expect(names).toContain('ATC_MEMBER_ID');
    for (const name of names) expect(agentEnv.has(name), name).toBe(true);
    expect(text).toMatch(/^ATC_API_KEYS=$/m);
  });
});
