/**
 * Turns flags, environment and config file into one frozen, validated Config. Precedence per
 * setting: flag > environment variable > config file > default. Every problem is collected and
 * reported together (one per line, each naming its source and the rejected value) in a single
 * CONFIG_INVALID error, so a bad start-up is fixed in one pass, never at request time as a NaN.
 *
 * This module reads no globals: main.ts passes process.env and process.cwd(). An empty
 * environment variable counts as unset (`FEEDKEEPER_PORT=` in a compose file means "default").
 * Unknown FEEDKEEPER_* variables are not errors (other tools share the environment) but come
 * back as warnings from loadConfigWithWarnings, for main.ts to log.
 */
import { dirname, resolve } from 'node:path';
import { FeedkeeperError } from '../core/index.js';
import { readConfigFile, readFileOrNull, type ConfigFile, type ReadFile } from './config-file.js';
import { SETTINGS, settingFor, type Config, type Setting, type SettingKey } from './settings.js';
import { suggestName } from './suggest.js';

export interface LoadConfigInput {
  /** Options as commander returns them: camelCase keys, strings, booleans or undefined. Keys that are not settings are ignored. */
  flags: Readonly<Record<string, unknown>>;
  env: Readonly<Record<string, string | undefined>>;
  /** Base for relative paths given as flags or environment variables. */
  cwd: string;
  /** Returns a file's text, or null when it does not exist. Defaults to the real file system. */
  readFile?: ReadFile;
}

export interface LoadedConfig {
  config: Config;
  /** Things worth logging that are not errors, such as unknown FEEDKEEPER_* variables. */
  warnings: string[];
}

type Source = { kind: 'flag' | 'env' | 'default'; label: string } | { kind: 'file'; label: string; file: ConfigFile };
type Resolved = { ok: true; value: unknown; source: Source } | { ok: false; problem: string };

const ENV_PREFIX = 'FEEDKEEPER_';

/** Loads and validates; throws FeedkeeperError CONFIG_INVALID listing every problem. */
export function loadConfig(input: LoadConfigInput): Config {
  return loadConfigWithWarnings(input).config;
}

export function loadConfigWithWarnings(input: LoadConfigInput): LoadedConfig {
  const { file, problems } = findConfigFile(input);
  const values: Record<string, unknown> = { configFile: file?.path ?? null };
  const sources = new Map<SettingKey, Source>();
  for (const setting of SETTINGS) {
    if (setting.key === 'configFile') continue;
    const resolved = resolveSetting(setting, input, file);
    if (!resolved.ok) {
      problems.push(resolved.problem);
      continue;
    }
    values[setting.key] = resolved.value;
    sources.set(setting.key, resolved.source);
  }
  const dataDir = sources.get('dataDir');
  if (dataDir) values['dataDir'] = resolve(baseDirectory(dataDir, input.cwd), String(values['dataDir']));
  problems.push(...checkIntervals(values, sources), ...checkOidc(values, sources));
  if (problems.length > 0) throw new FeedkeeperError('CONFIG_INVALID', problems.join('\n'), { details: { problems } });
  return { config: Object.freeze(values) as unknown as Config, warnings: warnUnknownEnv(input.env) };
}

/** The explicitly named file (which must exist), else `<dataDir>/feedkeeper.json` if it exists. */
function findConfigFile(input: LoadConfigInput): { file: ConfigFile | null; problems: string[] } {
  const readFile = input.readFile ?? readFileOrNull;
  const named = resolveOutsideFile(settingFor('configFile'), input);
  if (named?.ok === false) return { file: null, problems: [named.problem] };
  if (named?.ok) return readConfigFile(resolve(input.cwd, String(named.value)), named.source.label, readFile);
  // The file cannot move the directory it is found in: only flag, env or default say where to look.
  const dataDir = resolveOutsideFile(settingFor('dataDir'), input);
  const dir = String(dataDir?.ok ? dataDir.value : settingFor('dataDir').default);
  return readConfigFile(resolve(input.cwd, dir, 'feedkeeper.json'), null, readFile);
}

function resolveSetting(setting: Setting, input: LoadConfigInput, file: ConfigFile | null): Resolved {
  const outside = resolveOutsideFile(setting, input);
  if (outside) return outside;
  if (file && setting.fileKey !== null && file.values.has(setting.fileKey)) {
    const raw = file.values.get(setting.fileKey);
    return validate(setting, raw, { kind: 'file', label: `config file ${file.path}: ${setting.fileKey}`, file });
  }
  return { ok: true, value: setting.default, source: { kind: 'default', label: 'the default' } };
}

/** The flag's value, else the environment variable's, else undefined (look in the file or use the default). */
function resolveOutsideFile(setting: Setting, input: LoadConfigInput): Resolved | undefined {
  const flagValue = setting.flagKey === null ? undefined : input.flags[setting.flagKey];
  if (flagValue !== undefined && setting.flag !== null) return validate(setting, flagValue, { kind: 'flag', label: setting.flag });
  const envValue = input.env[setting.env];
  if (envValue !== undefined && envValue !== '') return validate(setting, envValue, { kind: 'env', label: setting.env });
  return undefined;
}

function validate(setting: Setting, raw: unknown, source: Source): Resolved {
  const asText = typeof raw === 'string' && source.kind !== 'file';
  const parsed = (asText ? setting.kind.fromText : setting.kind.fromJson).safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data, source };
  const problem = `${source.label}: expected ${setting.expected}, got ${showValue(setting.kind.redact !== undefined && typeof raw === 'string' ? setting.kind.redact(raw) : raw, setting.secret)}`;
  return { ok: false, problem: problem + (source.kind === 'file' ? quotedValueHint(setting, raw) : '') };
}

/** `"30"` in a JSON file where 30 was meant: say how to write it. */
function quotedValueHint(setting: Setting, raw: unknown): string {
  if (typeof raw !== 'string' || setting.secret) return '';
  const asText = setting.kind.fromText.safeParse(raw);
  return asText.success ? ` (a string; write ${JSON.stringify(asText.data)} without quotes)` : '';
}

function showValue(raw: unknown, secret: boolean): string {
  if (secret) return typeof raw === 'string' ? `${raw.length} characters (not shown: secret)` : `a ${jsonType(raw)} (not shown: secret)`;
  const shown = JSON.stringify(raw) ?? String(raw);
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function baseDirectory(source: Source, cwd: string): string {
  // A relative path written in a config file means "next to this file", as in tsconfig.json.
  return source.kind === 'file' ? dirname(source.file.path) : cwd;
}

function checkIntervals(values: Record<string, unknown>, sources: ReadonlyMap<SettingKey, Source>): string[] {
  const min = sources.get('minIntervalMinutes');
  const max = sources.get('maxIntervalMinutes');
  if (!min || !max) return []; // one of them is already reported as invalid
  const minValue = values['minIntervalMinutes'] as number;
  const maxValue = values['maxIntervalMinutes'] as number;
  if (maxValue >= minValue) return [];
  return [
    `maxIntervalMinutes (${maxValue}, ${describeSource(max)}) must be at least minIntervalMinutes (${minValue}, ${describeSource(min)})`,
  ];
}

/**
 * An issuer turns OpenID Connect sign-in on, and then it needs a client id and the server's public
 * URL. The client settings without an issuer would do nothing, which is never what was meant.
 */
function checkOidc(values: Record<string, unknown>, sources: ReadonlyMap<SettingKey, Source>): string[] {
  const issuer = sources.get('oidcIssuer');
  if (!issuer) return []; // already reported as invalid
  const given = (key: SettingKey) => (sources.get(key)?.kind ?? 'default') !== 'default';
  if (values['oidcIssuer'] !== null) {
    return (['oidcClientId', 'oidcRedirectBaseUrl'] as const)
      .filter((key) => values[key] === null && sources.has(key))
      .map((key) => `${key} (${settingFor(key).env}) is required when oidcIssuer is set (${describeSource(issuer)})`);
  }
  return (['oidcClientId', 'oidcClientSecret', 'oidcRedirectBaseUrl', 'oidcAllowSignup'] as const)
    .filter((key) => given(key) && values[key] !== false)
    .map((key) => `${key} is set (${describeSource(sources.get(key) as Source)}) but oidcIssuer is not: set ${settingFor('oidcIssuer').env} to turn OpenID Connect sign-in on, or remove ${key}`);
}

function describeSource(source: Source): string {
  if (source.kind === 'default') return 'the default';
  return `from ${source.kind === 'file' ? `config file ${source.file.path}` : source.label}`;
}

function warnUnknownEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const known = SETTINGS.map((setting) => setting.env.slice(ENV_PREFIX.length));
  return Object.keys(env)
    .filter((name) => name.startsWith(ENV_PREFIX) && env[name] !== undefined && !known.includes(name.slice(ENV_PREFIX.length)))
    .sort()
    .map((name) => {
      const suggestion = suggestName(name.slice(ENV_PREFIX.length), known);
      return `${name} is not a feedkeeper setting and was ignored${suggestion === null ? '' : ` (did you mean ${ENV_PREFIX}${suggestion}?)`}`;
    });
}
