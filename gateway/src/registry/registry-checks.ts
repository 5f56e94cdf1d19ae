import { ErrorCode, isMemberId, RefusalCode, toPublicJwk, type PublicJwk } from '@atc/shared';
import { RegistryError } from './registry-error.js';
import type { Actor } from './registry-types.js';

// Input checks of registry changes: each refuses with its own code and a sentence saying
// what to give instead.

/** Longest member name accepted. */
const MAX_NAME_LENGTH = 200;
// Control characters (C0, DEL, C1) have no place in a name shown to operators.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** The trimmed actor of a change; both who and why are required. */
export function checkActor(actor: Actor): { who: string; why: string } {
  const who = typeof actor.who === 'string' ? actor.who.trim() : '';
  const why = typeof actor.why === 'string' ? actor.why.trim() : '';
  if (who === '') {
    throw new RegistryError(ErrorCode.ACTOR_REQUIRED, 'a registry change must say who makes it; give the actor.');
  }
  if (why === '') {
    throw new RegistryError(
      ErrorCode.REASON_REQUIRED,
      'a registry change must say why it is made (ticket, decision or incident); give a reason.',
    );
  }
  return { who, why };
}

/** `id` when it is a well-formed member id. */
export function checkMemberId(id: string): string {
  if (typeof id !== 'string' || !isMemberId(id)) {
    throw new RegistryError(
      RefusalCode.MEMBER_ID_INVALID,
      `${JSON.stringify(id)} is not a member id: use 2-16 capital letters or digits starting with a letter, e.g. KZ or CISEC.`,
    );
  }
  return id;
}

/** The trimmed member name, when it is 1-200 printable characters. */
export function checkName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH || CONTROL_CHARS.test(trimmed)) {
    throw new RegistryError(
      ErrorCode.MEMBER_NAME_INVALID,
      `the member name must be 1-${MAX_NAME_LENGTH} printable characters, e.g. "Anti-Terrorist Centre of Kazakhstan".`,
    );
  }
  return trimmed;
}

/** The public Ed25519 JWK of `value`, without private or unknown members. */
export function checkPublicJwk(value: unknown): PublicJwk {
  try {
    return toPublicJwk(value);
  } catch (e) {
    throw new RegistryError(ErrorCode.KEY_INVALID, (e as Error).message, { cause: e });
  }
}

/** `millis` when it is a time in Unix milliseconds. */
export function checkTime(millis: number, what: string): number {
  if (!Number.isSafeInteger(millis) || millis < 0) {
    throw new RegistryError(ErrorCode.KEY_VALIDITY_INVALID, `${what} ${millis} is not a time in Unix milliseconds.`);
  }
  return millis;
}
