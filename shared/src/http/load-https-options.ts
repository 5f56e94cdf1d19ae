import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { AtcError, ErrorCode } from '../errors/atc-error.js';

/** The HTTPS settings of a service (see `httpTlsSettings`); all unset means plain HTTP. */
export interface HttpTlsFiles {
  readonly httpTlsCertFile?: string | undefined;
  readonly httpTlsKeyFile?: string | undefined;
  readonly httpTlsClientCaFile?: string | undefined;
}

/** What `node:https` (and fastify's `https` option) needs to serve TLS. */
export interface HttpsOptions {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** With a client CA: only clients holding a certificate it signed get through the handshake. */
  readonly ca?: Buffer;
  readonly requestCert?: boolean;
  readonly rejectUnauthorized?: boolean;
}

async function readPem(path: string, env: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new AtcError(ErrorCode.CONFIG_INVALID, `${env}: ${path} cannot be read: ${(e as Error).message}.`, {
      cause: e,
    });
  }
}

/**
 * Reads the HTTPS certificate, key and optional client CA named by the settings, and checks
 * that they form a usable TLS context, so that a mismatched key stops the service at start-up
 * with the variables named instead of failing each handshake. Undefined when HTTPS is off.
 *
 * @throws AtcError ERR_CONFIG_INVALID naming the variable whose file is unusable.
 */
export async function loadHttpsOptions(files: HttpTlsFiles): Promise<HttpsOptions | undefined> {
  if (files.httpTlsCertFile === undefined || files.httpTlsKeyFile === undefined) return undefined;
  const cert = await readPem(files.httpTlsCertFile, 'ATC_HTTP_TLS_CERT_FILE');
  const key = await readPem(files.httpTlsKeyFile, 'ATC_HTTP_TLS_KEY_FILE');
  const ca =
    files.httpTlsClientCaFile === undefined
      ? undefined
      : await readPem(files.httpTlsClientCaFile, 'ATC_HTTP_TLS_CLIENT_CA_FILE');
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new AtcError(
      ErrorCode.CONFIG_INVALID,
      `ATC_HTTP_TLS_CERT_FILE (${files.httpTlsCertFile}) and ATC_HTTP_TLS_KEY_FILE (${files.httpTlsKeyFile}) ` +
        `are not a PEM certificate and its private key: ${(e as Error).message}.`,
      { cause: e },
    );
  }
  if (ca === undefined) return { cert, key };
  try {
    // createSecureContext quietly skips text that is not PEM; parsing finds it.
    new X509Certificate(ca);
  } catch (e) {
    throw new AtcError(
      ErrorCode.CONFIG_INVALID,
      `ATC_HTTP_TLS_CLIENT_CA_FILE (${files.httpTlsClientCaFile}) is not a PEM CA certificate: ${(e as Error).message}.`,
      { cause: e },
    );
  }
  return { cert, key, ca, requestCert: true, rejectUnauthorized: true };
}
