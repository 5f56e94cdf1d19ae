import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

/** Options of one command, in the form `node:util` `parseArgs` takes. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandLine} returns: option values typed after `O`, and the positionals. */
export type ParsedCommandLine<O extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** The positionals a command takes. */
export interface PositionalSpec {
  /** Their names for messages, e.g. `['<MEMBER>', '<public-jwk-file>']`. */
  readonly names: readonly string[];
  /** How many of the last ones may be left out (default 0). */
  readonly optional?: number;
  /**
   * Arguments of this form are positionals even when they start with "-": a key id is
   * base64url, so one in 64 begins with a dash and would otherwise read as an option.
   */
  readonly dashed?: RegExp;
}

/**
 * Parses a command's arguments strictly (unknown options refused) and checks the number
 * of positionals, unless `--help` was given.
 *
 * @throws UsageError naming the problem and the command.
 */
export function parseCommandLine<const O extends CommandOptions>(
  command: string,
  args: readonly string[],
  options: O,
  positionals: PositionalSpec,
): ParsedCommandLine<O> {
  const topic = command.split(' ')[0] ?? '';
  const normalized = positionals.dashed === undefined ? [...args] : positionalsLast(args, options, positionals.dashed);
  let parsed: ParsedCommandLine<O>;
  try {
    parsed = parseArgs({ args: normalized, options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs explains over several lines; the first says what is wrong.
    throw new UsageError(topic, `${command}: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  if ((parsed.values as { help?: unknown }).help === true) return parsed;
  const count = parsed.positionals.length;
  const required = positionals.names.length - (positionals.optional ?? 0);
  if (count < required) {
    throw new UsageError(topic, `${command}: missing ${positionals.names.slice(count).join(' ')}`);
  }
  if (count > positionals.names.length) {
    throw new UsageError(
      topic,
      `${command}: unexpected argument ${JSON.stringify(parsed.positionals[positionals.names.length])}`,
    );
  }
  return parsed;
}

/**
 * The same arguments with every positional moved behind a `--` terminator, in order, so
 * that a positional matching `dashed` is not read as an option. Option values stay with
 * their option, so that parseArgs still refuses `--reason -x` as ambiguous.
 */
function positionalsLast(args: readonly string[], options: CommandOptions, dashed: RegExp): string[] {
  const flags: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (dashed.test(arg) || !arg.startsWith('-') || arg === '-') {
      rest.push(arg);
      continue;
    }
    flags.push(arg);
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined) {
      flags.push(next);
      i++;
    }
  }
  return [...flags, '--', ...rest];
}
