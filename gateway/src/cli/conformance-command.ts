import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ErrorCode,
  isAtcError,
  isMemberId,
  publicKeyFromJwk,
  StaticKeyResolver,
  toPublicJwk,
  verifyTrustList,
  type ResolvedKey,
} from '@atc/shared';
import { checkConformance, type ConformanceResult } from '../verify/check-conformance.js';

/** Default size limit, the gateway's default (1 MiB). */
const DEFAULT_MAX_BYTES = 1024 * 1024;

export const CONFORMANCE_USAGE = `Usage: atc-verify conformance <dir> (--key <MEMBER>=<public.jwk.json> ... | --trust-list <trustlist.jws> --gateway-key <gateway.jwk.json>) [--max-bytes <n>] [--json]

Checks envelopes your own implementation produced against the rules the gateway applies
before routing: canonical encoding, header fields, UUIDv7 message id, the detached JWS
(EdDSA, the protected header exactly as specified, kid = RFC 7638 thumbprint), the key and
its owner, the signature, the payload digest and schema, sizes and references. <dir> holds
one serialized atc.v1.Envelope per file named *.bin (the raw protobuf bytes). Keys: each
--key names a member and its public JWK file; or the gateway's signed trust list (GET
/v1/trust) with the gateway key you pinned. Every rule an envelope breaks is listed with its
stable code. Exit status: 0 all conform, 1 some do not, 2 wrong usage.`;

class UsageProblem extends Error {}

interface Options {
  readonly dir: string;
  readonly keys: readonly { member: string; file: string }[];
  readonly trustList?: string;
  readonly gatewayKey?: string;
  readonly maxBytes: number;
  readonly json: boolean;
}

function parseOptions(args: readonly string[]): Options {
  const keys: { member: string; file: string }[] = [];
  let dir: string | undefined;
  let trustList: string | undefined;
  let gatewayKey: string | undefined;
  let maxBytes = DEFAULT_MAX_BYTES;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageProblem(`${arg} needs a value`);
      return v;
    };
    if (arg === '--key') {
      const [member, file] = splitKey(value());
      keys.push({ member, file });
    } else if (arg === '--trust-list') trustList = value();
    else if (arg === '--gateway-key') gatewayKey = value();
    else if (arg === '--max-bytes') {
      maxBytes = Number(value());
      if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
        throw new UsageProblem('--max-bytes must be a whole number');
    } else if (arg === '--json') json = true;
    else if (arg.startsWith('-')) throw new UsageProblem(`unknown option ${arg}`);
    else if (dir === undefined) dir = arg;
    else throw new UsageProblem(`unexpected argument ${arg}`);
  }
  if (dir === undefined) throw new UsageProblem('name the folder of envelopes');
  if ((trustList === undefined) !== (gatewayKey === undefined)) {
    throw new UsageProblem('--trust-list and --gateway-key go together');
  }
  if (keys.length === 0 && trustList === undefined) throw new UsageProblem('give --key or --trust-list');
  return {
    dir,
    keys,
    maxBytes,
    json,
    ...(trustList === undefined ? {} : { trustList }),
    ...(gatewayKey === undefined ? {} : { gatewayKey }),
  };
}

function splitKey(text: string): [string, string] {
  const eq = text.indexOf('=');
  const member = text.slice(0, eq);
  if (eq < 0 || !isMemberId(member)) throw new UsageProblem(`--key takes MEMBER=file, e.g. KZ=kz.pub.jwk, not ${text}`);
  return [member, text.slice(eq + 1)];
}

const ms = (t: string | undefined): number | undefined => (t === undefined ? undefined : Date.parse(t));

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** The keys the envelopes are checked against: given one by one, or from a verified trust list. */
async function loadKeys(options: Options): Promise<ResolvedKey[]> {
  const keys: ResolvedKey[] = [];
  for (const { member, file } of options.keys) {
    const jwk = toPublicJwk(await readJson(file));
    keys.push({ kid: jwk.kid!, owner: member, publicKey: publicKeyFromJwk(jwk) });
  }
  if (options.trustList !== undefined && options.gatewayKey !== undefined) {
    const pinned = toPublicJwk(await readJson(options.gatewayKey));
    const list = await verifyTrustList((await readFile(options.trustList, 'utf8')).trim(), pinned);
    for (const member of list.members) {
      for (const k of member.keys) {
        const validFrom = ms(k.validFrom);
        const validUntil = ms(k.validUntil);
        const revokedAt = ms(k.revokedAt);
        keys.push({
          kid: k.kid,
          owner: member.id,
          publicKey: publicKeyFromJwk(k.jwk),
          ...(validFrom === undefined ? {} : { validFrom }),
          ...(validUntil === undefined ? {} : { validUntil }),
          ...(revokedAt === undefined ? {} : { revokedAt }),
          ...(k.revocationReason === undefined ? {} : { revocationReason: k.revocationReason }),
        });
      }
    }
  }
  return keys;
}

function describe(file: string, r: ConformanceResult): string {
  const what = r.payloadType === undefined ? '' : ` (${r.payloadType} ${r.messageId ?? ''} from ${r.sender ?? '?'})`;
  if (r.broken.length === 0) return `ok    ${file}${what}\n`;
  return `FAIL  ${file}${what}\n${r.broken.map((b) => `      ${b.code}: ${b.message}\n`).join('')}`;
}

/**
 * Runs `atc-verify conformance <args>`: checks every *.bin envelope of a folder and writes
 * the report. Resolves with the exit status.
 */
export async function conformanceCommand(
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out(`${CONFORMANCE_USAGE}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (e) {
    if (!(e instanceof UsageProblem)) throw e;
    err(`atc-verify conformance: ${ErrorCode.USAGE}: ${e.message}\n\n${CONFORMANCE_USAGE}\n`);
    return 2;
  }
  let keys: ResolvedKey[];
  let files: string[];
  try {
    keys = await loadKeys(options);
    files = (await readdir(options.dir)).filter((f) => f.endsWith('.bin')).sort();
  } catch (e) {
    const code = isAtcError(e) ? e.code : ErrorCode.USAGE;
    err(`atc-verify conformance: ${code}: ${(e as Error).message}\n`);
    return 2;
  }
  if (files.length === 0) {
    err(`atc-verify conformance: ${ErrorCode.USAGE}: ${options.dir} holds no *.bin envelope files\n`);
    return 2;
  }
  const resolver = new StaticKeyResolver(keys);
  const results: { file: string; result: ConformanceResult }[] = [];
  for (const file of files) {
    const bytes = await readFile(join(options.dir, file));
    results.push({ file, result: await checkConformance(bytes, resolver, options.maxBytes) });
  }
  const failed = results.filter((r) => r.result.broken.length > 0).length;
  if (options.json) {
    out(`${JSON.stringify({ checked: results.length, failed, envelopes: results }, null, 2)}\n`);
  } else {
    for (const { file, result } of results) out(describe(file, result));
    out(`${results.length} envelopes checked: ${results.length - failed} conform, ${failed} do not\n`);
  }
  return failed > 0 ? 1 : 0;
}
