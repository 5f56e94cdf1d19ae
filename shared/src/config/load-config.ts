import { readFileSync } from 'node:fs';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import type { Parser } from './parsers.js';

/** One setting: where it is read from, how it is parsed, and its default. */
export interface Setting<T> {
  /** Environment variable, e.g. `ATC_NATS_URL`. Also the key in the optional file. */
  readonly env: string;
  /** What the setting is, for `--help` and error messages. */
  readonly doc: string;
  readonly parse: Parser<T>;
  /** Value when unset; a setting without default is required. */
  readonly default?: T;
  /** The default as a person writes it (e.g. `5m` for 300000 ms), for `--help`. */
  readonly defaultText?: string;
}

/** A group of settings, keyed by the name the program uses. */
export type SettingsSchema = Readonly<Record<string, Setting<unknown>>>;

/** The values of a schema. */
export type ValuesOf<S extends SettingsSchema> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

/** A problem with one setting. */
export interface ConfigProblem {
  readonly env: string;
  readonly message: string;
}

/** Configuration that cannot be used; `problems` names every bad setting at once. */
export class ConfigError extends AtcError {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      ErrorCode.CONFIG_INVALID,
      `invalid configuration:\n${problems.map((p) => `  ${p.env}: ${p.message}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** Where the settings come from. */
export interface ConfigSource {
  /** The environment, usually `process.env`, passed in by the program's main module. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Variable naming an optional JSON file of settings (keys are the variable names,
   * values strings, numbers or booleans). The environment wins over the file.
   */
  readonly fileVariable?: string;
}

function readFileSettings(source: ConfigSource, problems: ConfigProblem[]): Record<string, string> {
  const variable = source.fileVariable;
  const path = variable === undefined ? undefined : source.env[variable];
  if (variable === undefined || path === undefined || path === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push({ env: variable, message: `cannot read ${path} as JSON: ${(e as Error).message}` });
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push({ env: variable, message: `${path} must hold a JSON object of settings` });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else if (Array.isArray(value)) out[key] = value.map(String).join(',');
    else problems.push({ env: key, message: `in ${path}: must be a string, number, boolean or list` });
  }
  return out;
}

/** `<SECRET>_FILE` names a file holding the secret (a mounted Docker or Kubernetes secret). */
const SECRET_FILE_SUFFIX = '_FILE';

/**
 * Reads a secret from its variable or from the file its `_FILE` variable names (one
 * trailing newline dropped); both set is a mistake, reported.
 */
function secretSource(
  raw: (env: string) => string | undefined,
  problems: ConfigProblem[],
): (env: string) => string | undefined {
  return (env) => {
    const path = raw(`${env}${SECRET_FILE_SUFFIX}`);
    if (path === undefined || path === '') return raw(env);
    const fileEnv = `${env}${SECRET_FILE_SUFFIX}`;
    if (raw(env) !== undefined && raw(env) !== '') {
      problems.push({ env: fileEnv, message: `and ${env} are both set; keep only one` });
      return undefined;
    }
    try {
      return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      problems.push({ env: fileEnv, message: `names ${path}, which cannot be read (${(e as Error).message})` });
      return undefined;
    }
  };
}

function parseGroup<S extends SettingsSchema>(
  schema: S,
  raw: (env: string) => string | undefined,
  problems: ConfigProblem[],
): ValuesOf<S> {
  const values: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(schema)) {
    const text = raw(setting.env);
    if (text === undefined || text === '') {
      if ('default' in setting) values[name] = setting.default;
      else problems.push({ env: setting.env, message: `is required: ${setting.doc}` });
      continue;
    }
    try {
      values[name] = setting.parse(text);
    } catch (e) {
      problems.push({ env: setting.env, message: (e as Error).message });
    }
  }
  return Object.freeze(values) as ValuesOf<S>;
}

/**
 * Reads and validates configuration in one step: environment over optional file, every
 * value parsed, every problem collected. Secrets come back in a separate object so that
 * the settings can be logged whole.
 *
 * @throws ConfigError naming each bad or missing setting.
 */
export function loadConfig<S extends SettingsSchema, P extends SettingsSchema>(
  schema: {
    readonly settings: S;
    readonly secrets: P;
    /** Groups of settings that are given all together or not at all (a certificate and its key). */
    readonly together?: readonly (readonly (keyof S & string)[])[];
    /** Pairs `[a, b]`: setting `a` means nothing without setting `b` (a client CA without HTTPS). */
    readonly requires?: readonly (readonly [keyof S & string, keyof S & string])[];
  },
  source: ConfigSource,
): { readonly settings: ValuesOf<S>; readonly secrets: ValuesOf<P> } {
  const problems: ConfigProblem[] = [];
  const file = readFileSettings(source, problems);
  const raw = (env: string): string | undefined => source.env[env] ?? file[env];
  const secretEnvs = Object.values(schema.secrets).map((s) => s.env);
  const known = new Set([
    ...Object.values(schema.settings).map((s) => s.env),
    ...secretEnvs,
    ...secretEnvs.map((env) => `${env}${SECRET_FILE_SUFFIX}`),
  ]);
  for (const key of Object.keys(file)) {
    if (!known.has(key)) problems.push({ env: key, message: 'is not a known setting' });
  }
  const settings = parseGroup(schema.settings, raw, problems);
  const secrets = parseGroup(schema.secrets, secretSource(raw, problems), problems);
  for (const group of schema.together ?? [])
    problems.push(...missingPartners(schema.settings, settings, group, problems));
  for (const [setting, needed] of schema.requires ?? []) {
    if (settings[setting] !== undefined && settings[needed] === undefined) {
      const { env } = schema.settings[setting]!;
      const other = schema.settings[needed]!;
      problems.push({ env, message: `has no effect without ${other.env} (${other.doc}); set it too, or unset ${env}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ settings, secrets });
}

/**
 * Problems for the settings of `group` left unset while others of the group are set. A group
 * with a setting that is already reported as bad is skipped: one problem per mistake.
 */
function missingPartners(
  schema: SettingsSchema,
  values: Readonly<Record<string, unknown>>,
  group: readonly string[],
  reported: readonly ConfigProblem[],
): ConfigProblem[] {
  const settings = group.map((name) => schema[name]!);
  if (settings.some((s) => reported.some((p) => p.env === s.env))) return [];
  const given = group.filter((name) => values[name] !== undefined).map((name) => schema[name]!.env);
  if (given.length === 0 || given.length === group.length) return [];
  return group
    .filter((name) => values[name] === undefined)
    .map((name) => ({
      env: schema[name]!.env,
      message: `is required with ${given.join(' and ')}: ${schema[name]!.doc}. Set ${settings.map((s) => s.env).join(' and ')} together, or none of them.`,
    }));
}

/** Lines describing each setting, for a program's `--help`. */
export function describeSettings(schema: SettingsSchema): string[] {
  return Object.values(schema).map((s) => `  ${s.env.padEnd(28)} ${s.doc}${defaultNote(s)}`);
}

function defaultNote(setting: Setting<unknown>): string {
  if (!('default' in setting)) return ' (required)';
  // An undefined default means "optional"; the doc says what happens without it.
  if (setting.default === undefined) return ' (optional)';
  return ` (default: ${setting.defaultText ?? JSON.stringify(setting.default)})`;
}
