import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { HarnessError, HarnessErrorCode } from './harness-error.js';

const run = promisify(execFile);

/** Throwaway PKI for one test file: a CA, a server certificate for 127.0.0.1/localhost, a client certificate. */
export interface TestCertificates {
  readonly dir: string;
  /** PEM of the CA certificate (the trust anchor). */
  readonly ca: string;
  readonly caFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** A second, unrelated CA: trusting it must not be enough. */
  readonly otherCaFile: string;
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run('openssl', [...args]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new HarnessError(
        HarnessErrorCode.OpensslUnavailable,
        'openssl is not installed; the TLS tests make their certificates with it. ' +
          'Install it with `apt-get install -y openssl` (.ci/run does so when it is missing).',
        { cause: e },
      );
    }
    throw new HarnessError(
      HarnessErrorCode.OpensslUnavailable,
      `openssl ${args.join(' ')} failed: ${err.stderr ?? err.message}`,
      { cause: e },
    );
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function makeCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  await openssl([
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=ATC test ${name}`,
  ]);
  return { cert, key };
}

async function makeLeaf(
  dir: string,
  name: string,
  ca: { cert: string; key: string },
  extensions: string,
): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await openssl(['req', ...EC_KEY, '-keyout', key, '-out', csr, '-subj', `/CN=ATC test ${name}`]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return { cert, key };
}

/**
 * Makes a throwaway CA with a server certificate (127.0.0.1 and localhost) and a client
 * certificate in `dir`, with `openssl`. Keys are written 0600 by openssl; nothing here is
 * ever used outside the test that made it.
 */
export async function createTestCertificates(dir: string): Promise<TestCertificates> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await makeCa(dir, 'ca');
  const other = await makeCa(dir, 'other-ca');
  const server = await makeLeaf(
    dir,
    'server',
    ca,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  const client = await makeLeaf(dir, 'client', ca, 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    ca: await readFile(ca.cert, 'utf8'),
    caFile: ca.cert,
    serverCertFile: server.cert,
    serverKeyFile: server.key,
    clientCertFile: client.cert,
    clientKeyFile: client.key,
    otherCaFile: other.cert,
  };
}
