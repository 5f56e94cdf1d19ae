import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtcError, connectNats, loadHttpsOptions } from '@atc/shared';
import {
  createTestCertificates,
  startNatsServer,
  startTestFederation,
  type AgentFixture,
  type GatewayFixture,
  type NatsServerHandle,
  type TestCertificates,
  type TestFederation,
} from '@atc/tests';

let dir: string;
let certs: TestCertificates;
let nats: NatsServerHandle;
let plainNats: NatsServerHandle;

/** A GET over a real TLS socket; rejects when the handshake fails. */
function httpsGet(
  url: string,
  tls: { ca?: string; cert?: Buffer; key?: Buffer } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...tls, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function refusal(promise: Promise<unknown>): Promise<AtcError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtcError);
  return e as AtcError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-tls-'));
  certs = await createTestCertificates(join(dir, 'pki'));
  // verify: the server also demands a client certificate signed by the CA (mutual TLS).
  nats = await startNatsServer({
    config: `tls {
  cert_file: "${certs.serverCertFile}"
  key_file: "${certs.serverKeyFile}"
  ca_file: "${certs.caFile}"
  verify: true
  timeout: 2
}`,
  });
  plainNats = await startNatsServer();
});

afterAll(async () => {
  await nats.stop();
  await plainNats.stop();
  await rm(dir, { recursive: true, force: true });
});

const clientTls = (): Record<string, string> => ({
  natsTlsCaFile: certs.caFile,
  natsTlsCertFile: certs.clientCertFile,
  natsTlsKeyFile: certs.clientKeyFile,
});

describe('NATS over TLS', () => {
  it('connects with the CA and a client certificate', async () => {
    const nc = await connectNats({ natsUrl: [nats.url], ...clientTls() }, { name: 'tls-test' });
    expect(nc.info?.tls_required).toBe(true);
    await nc.flush();
    await nc.close();
  });

  it('refuses a server certificate it cannot verify, and says which setting to use', async () => {
    const e = await refusal(connectNats({ natsUrl: [nats.url] }, { name: 'no-ca' }));
    expect(e.code).toBe('ERR_NATS_TLS_FAILED');
    expect(e.message).toContain('set ATC_NATS_TLS_CA_FILE');

    const wrong = await refusal(
      connectNats(
        {
          natsUrl: [nats.url],
          natsTlsCaFile: certs.otherCaFile,
          natsTlsCertFile: certs.clientCertFile,
          natsTlsKeyFile: certs.clientKeyFile,
        },
        { name: 'wrong-ca' },
      ),
    );
    expect(wrong.code).toBe('ERR_NATS_TLS_FAILED');
    expect(wrong.message).toContain(certs.otherCaFile);
  });

  it('is refused by a server that verifies clients when no client certificate is given', async () => {
    const e = await refusal(
      connectNats({ natsUrl: [nats.url], natsTlsCaFile: certs.caFile }, { name: 'no-cert', timeoutMs: 2_000 }),
    );
    expect(e.code).toBe('ERR_NATS_TLS_FAILED');
    expect(e.message).toContain('ATC_NATS_TLS_CERT_FILE');
  });

  it('refuses to fall back to plain text when TLS is configured', async () => {
    const e = await refusal(connectNats({ natsUrl: [plainNats.url], natsTlsCaFile: certs.caFile }, { name: 'plain' }));
    expect(e.code).toBe('ERR_NATS_TLS_FAILED');
    expect(e.message).toContain('does not offer TLS');
  });
});

describe('HTTPS', () => {
  let gateway: GatewayFixture;
  let agent: AgentFixture;
  let fed: TestFederation;
  const httpsEnv = (): Record<string, string> => ({
    ATC_NATS_TLS_CA_FILE: certs.caFile,
    ATC_NATS_TLS_CERT_FILE: certs.clientCertFile,
    ATC_NATS_TLS_KEY_FILE: certs.clientKeyFile,
    ATC_HTTP_TLS_CERT_FILE: certs.serverCertFile,
    ATC_HTTP_TLS_KEY_FILE: certs.serverKeyFile,
  });

  beforeAll(async () => {
    // The agent's API asks for a client certificate: its readiness is checked by the tests.
    fed = await startTestFederation({
      nats,
      gatewayEnv: httpsEnv(),
      members: { KZ: { env: { ...httpsEnv(), ATC_HTTP_TLS_CLIENT_CA_FILE: certs.caFile } } },
      waitReady: false,
    });
    [gateway, agent] = [fed.gateway, fed.agent('KZ')];
  });

  afterAll(() => fed?.close());

  it('serves the gateway API over HTTPS, trusted through the CA', async () => {
    expect(gateway.gateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsGet(`${gateway.gateway.url}/healthz`, { ca: certs.ca });
    expect(health).toEqual({ status: 200, body: JSON.stringify({ status: 'ok' }) });
    // The gateway reached NATS over mutual TLS too: it is ready.
    expect((await httpsGet(`${gateway.gateway.url}/readyz`, { ca: certs.ca })).status).toBe(200);
    await expect(httpsGet(`${gateway.gateway.url}/healthz`)).rejects.toThrow(/certificate/);
  });

  it('serves the agent API over HTTPS, to clients holding a certificate of the client CA', async () => {
    expect(agent.agent.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const clientCert = { cert: await readFile(certs.clientCertFile), key: await readFile(certs.clientKeyFile) };
    const health = await httpsGet(`${agent.agent.url}/healthz`, { ca: certs.ca, ...clientCert });
    expect(health.status).toBe(200);
    await expect(httpsGet(`${agent.agent.url}/healthz`, { ca: certs.ca })).rejects.toThrow();
  });

  it('stops at start-up when the key does not belong to the certificate', async () => {
    const e = await refusal(
      loadHttpsOptions({ httpTlsCertFile: certs.serverCertFile, httpTlsKeyFile: certs.clientKeyFile }),
    );
    expect(e.code).toBe('ERR_CONFIG_INVALID');
    expect(e.message).toContain('ATC_HTTP_TLS_KEY_FILE');
    const notPem = join(dir, 'not-a-ca.pem');
    await writeFile(notPem, 'not a certificate');
    const ca = await refusal(
      loadHttpsOptions({
        httpTlsCertFile: certs.serverCertFile,
        httpTlsKeyFile: certs.serverKeyFile,
        httpTlsClientCaFile: notPem,
      }),
    );
    expect(ca.message).toContain('ATC_HTTP_TLS_CLIENT_CA_FILE');
  });
});
