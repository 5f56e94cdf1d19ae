import { atc } from '../proto/protobuf.js';

/**
 * Why a member may learn only that a record exists (DESIGN.md section 10): TLP:RED, TLP:AMBER+STRICT
 * when the asker was not among the current version's recipients, or marked hit/no-hit only by its
 * originator. The originator always sees its own records.
 */
export function restrictionOf(
  asker: string,
  originator: string,
  handling: atc.v1.Handling.$Properties | null | undefined,
  recipients: readonly string[],
): boolean {
  if (asker === originator) return false;
  if (handling?.hitNoHitOnly === true) return true;
  const tlp = handling?.tlp ?? atc.v1.TlpLevel.TLP_LEVEL_UNSPECIFIED;
  if (tlp === atc.v1.TlpLevel.TLP_LEVEL_RED) return true;
  return tlp === atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT && !recipients.includes(asker);
}
