// Every stable code a client can see is in the code registry (ErrorCode, RefusalCode): the
// services use the constants, never a raw 'ERR_...' string of their own.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '@atc/node-agent';
import { ErrorCode, RefusalCode } from '@atc/shared';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Files that define codes: the registry, and the webhook scheme integrators copy as it is. */
const REGISTRIES = new Set([
  'shared/src/errors/atc-error.ts',
  'shared/src/errors/refusal-codes.ts',
  'node-agent/src/handover/webhook-signature.ts',
]);

/** Codes of Node itself that the services compare errors against. */
const NODE_CODES = new Set(['ERR_HTTP_REQUEST_TIMEOUT', 'ERR_WORKER_OUT_OF_MEMORY']);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

describe('the code registry', () => {
  it('holds every code the services use: no raw ERR_ literals outside it', async () => {
    const raw: string[] = [];
    for (const workspace of ['shared/src', 'gateway/src', 'node-agent/src']) {
      for (const file of await sourceFiles(join(root, workspace))) {
        const path = relative(root, file);
        if (REGISTRIES.has(path)) continue;
        const text = await readFile(file, 'utf8');
        for (const m of text.matchAll(/['"](ERR_[A-Z0-9_]+)['"]/g)) {
          if (!NODE_CODES.has(m[1]!)) raw.push(`${path}: ${m[1]!}`);
        }
      }
    }
    expect(raw).toEqual([]);
  });

  it('leaves every error answer to the one problem handler: no service sends a problem or a 404 itself', async () => {
    const own: string[] = [];
    for (const workspace of ['gateway/src', 'node-agent/src']) {
      for (const file of await sourceFiles(join(root, workspace))) {
        const text = await readFile(file, 'utf8');
        for (const m of text.matchAll(/sendProblem\(|problem\(404|\.code\(404\)|setErrorHandler|setNotFoundHandler/g)) {
          own.push(`${relative(root, file)}: ${m[0]}`);
        }
      }
    }
    expect(own).toEqual([]);
  });

  it('has one value for one code: ErrorCode and RefusalCode do not overlap', () => {
    const refusals = new Set<string>(Object.values(RefusalCode));
    expect(Object.values(ErrorCode).filter((c) => refusals.has(c))).toEqual([]);
    expect(new Set(Object.values(ErrorCode)).size).toBe(Object.values(ErrorCode).length);
  });

  it('holds the codes of the webhook signature, which its module keeps for receivers that copy it', () => {
    const body = '{"id":"x"}';
    const now = 1_800_000_000;
    const header = signWebhook('secret', body, now);
    const codes = [
      codeOf(() => verifyWebhookSignature(undefined, body, 'secret')),
      codeOf(() => verifyWebhookSignature('t=oops', body, 'secret')),
      codeOf(() => verifyWebhookSignature(header, body, 'other secret', { nowSeconds: now })),
      codeOf(() => verifyWebhookSignature(header, body, 'secret', { nowSeconds: now + 3600 })),
      codeOf(() => verifyWebhookSignature(header, body, 'secret', { nowSeconds: now - 3600 })),
    ];
    expect(codes).toEqual([
      ErrorCode.WEBHOOK_SIGNATURE_MISSING,
      ErrorCode.WEBHOOK_SIGNATURE_MALFORMED,
      ErrorCode.WEBHOOK_SIGNATURE_MISMATCH,
      ErrorCode.WEBHOOK_TIMESTAMP_TOO_OLD,
      ErrorCode.WEBHOOK_TIMESTAMP_IN_FUTURE,
    ]);
  });
});
