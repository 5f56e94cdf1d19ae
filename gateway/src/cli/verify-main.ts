#!/usr/bin/env node
// The `atc-verify` command: checks an archive bundle offline (no database, no network).
import { readFile } from 'node:fs/promises';
import { ErrorCode, runMain, toPublicJwk } from '@atc/shared';
import { verifyBundle } from '../verify/verify-bundle.js';
import { conformanceCommand } from './conformance-command.js';

const USAGE = `Usage: atc-verify <bundle.json> [--gateway-key <public.jwk.json>] [--json]
       atc-verify conformance <dir> --key <MEMBER>=<public.jwk.json> ... [--json]   (see atc-verify conformance --help)

Checks an archive bundle written by "atc-gateway archive export", with no database and no
network: the checkpoint's signature, every entry's leaf hash and inclusion proof, every
envelope's signature with the key valid when it was archived, and the consistency of
earlier checkpoints. What an older gateway key signed holds through the rotations the
bundle carries, proven in its checkpoint. With --gateway-key, the checkpoint must be signed
by that key (the gateway's public key you trust); without it, compare the printed gateway
key id with the one you trust.
Exit status: 0 the bundle holds, 1 it does not, 2 wrong usage.`;

/** Runs `atc-verify <args>` and resolves with its exit status. */
async function verifyMain(args: readonly string[]): Promise<number> {
  if (args[0] === 'conformance') {
    return conformanceCommand(
      args.slice(1),
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    );
  }
  const keyAt = args.indexOf('--gateway-key');
  const keyFile = keyAt < 0 ? undefined : args[keyAt + 1];
  const file = args.find((a, i) => !a.startsWith('-') && (keyAt < 0 || i !== keyAt + 1));
  const help = args.includes('--help') || args.includes('-h');
  if (file === undefined || help || (keyAt >= 0 && (keyFile === undefined || keyFile.startsWith('-')))) {
    process.stdout.write(`${USAGE}\n`);
    return help ? 0 : 2;
  }
  let trustedGatewayKey: unknown;
  if (keyFile !== undefined) {
    try {
      trustedGatewayKey = toPublicJwk(JSON.parse(await readFile(keyFile, 'utf8')));
    } catch (e) {
      process.stderr.write(
        `atc-verify: ${ErrorCode.KEY_INVALID}: cannot use ${keyFile} as the gateway's public key (${(e as Error).message}); give the JWK file "atc-gateway init" or "keys rotate-gateway" printed.\n`,
      );
      return 2;
    }
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    process.stderr.write(
      `atc-verify: ${ErrorCode.BUNDLE_INVALID}: cannot read ${file} as JSON (${(e as Error).message})\n`,
    );
    return 1;
  }
  const report = await verifyBundle(bundle, {
    onProgress: (done, total) => {
      process.stderr.write(`checked ${done} of ${total} entries\n`);
    },
    ...(trustedGatewayKey === undefined ? {} : { trustedGatewayKey }),
  });
  const key =
    (trustedGatewayKey as { kid?: string } | undefined)?.kid ??
    (bundle as { gatewayKey?: { kid?: string } }).gatewayKey?.kid ??
    'unknown';
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ ...report, gatewayKid: key }, null, 2)}\n`);
  else if (report.ok) {
    process.stdout.write(
      `bundle holds: ${report.entries} entries (${report.erasedPayloads} erased payloads) are in the log ${report.origin} of ${report.treeSize} entries, signed by gateway key ${key}${trustedGatewayKey === undefined ? '' : ' (the trusted key)'}${report.witnesses.length > 0 ? `, cosigned by ${report.witnesses.join(', ')}` : ', with no witness cosignatures'}\n`,
    );
  } else {
    for (const p of report.problems) process.stderr.write(`atc-verify: ${p}\n`);
    process.stderr.write(`atc-verify: ${ErrorCode.BUNDLE_INVALID}: ${report.problems.length} problem(s) found\n`);
  }
  return report.ok ? 0 : 1;
}

await runMain(() => verifyMain(process.argv.slice(2)));
