#!/usr/bin/env node
// Example webhook receiver for the ATC Exchange node agent: plain Node.js, no dependencies.
//
// The agent POSTs each received item as JSON with the header
//   Atc-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>[,v1=...]
// (one v1 per secret while a secret is being replaced) and Atc-Delivery-Id (stable across
// retries: de-duplicate on it). Verify the raw body bytes before parsing them, compare MACs in
// constant time, check the MAC before the clock, and refuse a timestamp more than 300 s away.
// Answer 2xx only once the item is safely stored: anything else makes the agent retry.
//
// Settings (environment): ATC_WEBHOOK_SECRET (required; several separated by commas while one
// replaces another), HOST (default 127.0.0.1), PORT (default 8080; 0 picks a free one),
// ATC_WEBHOOK_TOLERANCE (seconds, default 300). One JSON line per call goes to stdout.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/** A call whose signature does not hold; `code` is the agent's stable code. */
export class WebhookSignatureError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const malformed = (what) =>
  new WebhookSignatureError(
    'ERR_WEBHOOK_SIGNATURE_MALFORMED',
    `the Atc-Signature header is malformed (${what}); expected t=<unix seconds>,v1=<hex HMAC-SHA256>`,
  );

/**
 * Throws WebhookSignatureError unless one v1 of `header` is the HMAC of the raw `body` (a
 * Buffer) under one of `secrets` and its timestamp is within `tolerance` seconds of `now`.
 */
export function verifyWebhookSignature(header, body, secrets, tolerance = 300, now = Math.floor(Date.now() / 1000)) {
  if (header === undefined || header === '') {
    throw new WebhookSignatureError('ERR_WEBHOOK_SIGNATURE_MISSING', 'the Atc-Signature header is missing');
  }
  if (Array.isArray(header)) throw malformed('it appears more than once');
  let timestamp;
  const macs = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || key === '' || value === '') throw malformed('each element must be key=value');
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('t appears more than once');
      if (!UNIX_SECONDS.test(value)) throw malformed('t must be Unix seconds');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) throw malformed('each v1 must be 64 hex digits');
      macs.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (v2=...) are ignored, so the agent can add one before receivers know it.
  }
  if (timestamp === undefined) throw malformed('t is missing');
  if (macs.length === 0) throw malformed('no v1 signature');
  let authentic = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
    for (const mac of macs) authentic = timingSafeEqual(mac, expected) || authentic;
  }
  if (!authentic) {
    throw new WebhookSignatureError(
      'ERR_WEBHOOK_SIGNATURE_MISMATCH',
      'the signature does not match the body: it was altered, or the secrets differ',
    );
  }
  if (now - timestamp > tolerance) {
    throw new WebhookSignatureError(
      'ERR_WEBHOOK_TIMESTAMP_TOO_OLD',
      `signed ${now - timestamp} s ago, more than ${tolerance} s: a replay?`,
    );
  }
  if (timestamp - now > tolerance) {
    throw new WebhookSignatureError(
      'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE',
      `signed ${timestamp - now} s in the future: a clock is wrong`,
    );
  }
}

const log = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

function answer(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
    'content-length': Buffer.byteLength(data),
  });
  res.end(data);
}

function main() {
  const secrets = (process.env.ATC_WEBHOOK_SECRET ?? '').split(',').filter((s) => s !== '');
  if (secrets.length === 0) {
    process.stderr.write('receiver: set ATC_WEBHOOK_SECRET to the secret the agent signs with\n');
    process.exitCode = 2;
    return;
  }
  const tolerance = Number(process.env.ATC_WEBHOOK_TOLERANCE ?? '300');
  const server = createServer((req, res) => {
    if (req.method !== 'POST') return answer(res, 405, { title: 'POST only' });
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        answer(res, 413, { title: 'body too large' });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // Node joins repeated headers with ", "; the raw list tells whether it came twice.
      const sent = req.headersDistinct['atc-signature'];
      try {
        verifyWebhookSignature(sent?.length > 1 ? sent : sent?.[0], body, secrets, tolerance);
      } catch (e) {
        if (!(e instanceof WebhookSignatureError)) throw e;
        log({ event: 'refused', code: e.code, detail: e.message });
        return answer(res, 401, { title: 'webhook signature refused', code: e.code, detail: e.message });
      }
      const item = JSON.parse(body.toString('utf8'));
      // Store the item here (idempotently, keyed by Atc-Delivery-Id) before answering 2xx.
      log({
        event: 'delivered',
        deliveryId: req.headers['atc-delivery-id'],
        id: item.id,
        sender: item.sender,
        payloadType: item.payloadType,
      });
      return answer(res, 200, { received: item.id });
    });
  });
  server.listen(Number(process.env.PORT ?? '8080'), process.env.HOST ?? '127.0.0.1', () => {
    const { address, port } = server.address();
    log({ event: 'listening', url: `http://${address}:${port}/` });
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// Run as a program; imported, it only lends verifyWebhookSignature.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
