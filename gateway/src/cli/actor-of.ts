import { userInfo } from 'node:os';
import { ErrorCode } from '@atc/shared';
import type { Actor } from '../registry/registry-types.js';
import { UsageError } from './usage-error.js';

/**
 * The actor of a change from `--by` (default `cli:<OS user name>`) and `--reason`,
 * which every change requires.
 *
 * @throws UsageError REASON_REQUIRED when `--reason` is missing or blank.
 */
export function actorOf(command: string, values: { readonly by?: string; readonly reason?: string }): Actor {
  const why = values.reason?.trim() ?? '';
  if (why === '') {
    throw new UsageError(
      command.split(' ')[0] ?? '',
      `${command}: --reason is required for every change; say why it is made (ticket, decision or incident)`,
      ErrorCode.REASON_REQUIRED,
    );
  }
  return { who: values.by ?? `cli:${osUserName()}`, why };
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user without a passwd entry has no name, only a uid.
    return `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}
