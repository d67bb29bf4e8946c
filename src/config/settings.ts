/**
 * Every setting feedkeeper has, declared once: its kind (type, bounds, how it is parsed), default,
 * description, command-line flag, environment variable, config-file key and whether it is a
 * secret. Loading, --help, the generated docs/CONFIG.md and log redaction all read this table,
 * so a new setting is one row here plus one field on Config.
 */
import { availableParallelism } from 'node:os';
import { checkPassword } from '../core/index.js';
import { DEFAULT_WATCH, parseWatchPlan } from '../schedule/index.js';
import { byteSize, filePath, isHostName, oneOf, onOff, postgresUrl, redisUrl, text, webUrl, wholeNumber, type SettingKind } from './kinds.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

/** The validated settings, frozen. Components receive the few values they need, never this whole object. */
export interface Config {
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  /** Absolute path of the config file that was read, or null when none was. */
  readonly configFile: string | null;
  readonly allowPrivateNetworks: boolean;
  readonly userAgent: string;
  readonly fetchTimeoutSeconds: number;
  readonly connectTimeoutSeconds: number;
  readonly maxFeedBytes: number;
  readonly warc: boolean;
  readonly warcMaxFileBytes: number;
  readonly maxRedirects: number;
  readonly perHostConcurrency: number;
  /** Re-check schedule of watched articles ("1h,6h,1d,3d,7d,30d" or "off"); feeds may set their own. */
  readonly watchSchedule: string;
  readonly watchHostDailyBudget: number;
  readonly watchConfirmHours: number;
  readonly watchConcurrency: number;
  /** Keep the images articles reference under <dataDir>/media/ ('keep') or leave them remote ('off'); feeds may set their own. */
  readonly images: 'keep' | 'off';
  readonly mediaMaxBytes: number;
  readonly mediaMaxPerArticle: number;
  readonly mediaConcurrency: number;
  /** Worker threads for parsing, extraction, cleaning and analysis; 0: on the main thread. */
  readonly ingestThreads: number;
  readonly globalConcurrency: number;
  readonly minIntervalMinutes: number;
  readonly maxIntervalMinutes: number;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly host: string;
  readonly port: number;
  /** Null when not set. Secret: redactConfig hides it and error messages never echo it. */
  readonly adminPassword: string | null;
  /** For `feedkeeper user add` and `user password`; null: generate one. Secret. */
  readonly newPassword: string | null;
  /** OpenID Connect sign-in is on when an issuer is set (load.ts checks the others then). */
  readonly oidcIssuer: string | null;
  readonly oidcClientId: string | null;
  /** Null for a public client (PKCE alone). Secret. */
  readonly oidcClientSecret: string | null;
  readonly oidcRedirectBaseUrl: string | null;
  readonly oidcAllowSignup: boolean;
  readonly oidcLabel: string;
  /** Jobs go through BullMQ on this Redis when set, else the in-process queue. A password in it is redacted. */
  readonly redisUrl: string | null;
  /** The store is this PostgreSQL database when set, else SQLite in dataDir. A password in it is redacted. */
  readonly databaseUrl: string | null;
}

export type SettingKey = keyof Config;

/** One setting as the docs and --help see it. */
export interface SettingSpec {
  readonly key: SettingKey;
  /** `--fetch-timeout-seconds`; null when the setting cannot be given on the command line. */
  readonly flag: string | null;
  /** The property commander stores the flag under (`fetchTimeoutSeconds`), or null without a flag. */
  readonly flagKey: string | null;
  /** `<seconds>`; null for on/off switches, which take no argument. */
  readonly flagArgument: string | null;
  readonly env: string;
  /** Key in the JSON config file; null when the file cannot set it. */
  readonly fileKey: string | null;
  readonly type: string;
  readonly expected: string;
  readonly defaultText: string;
  readonly description: string;
  readonly secret: boolean;
}

/** A row of the table: a spec plus what loading needs. */
export interface Setting<T = unknown> extends SettingSpec {
  readonly kind: SettingKind<NonNullable<T>>;
  readonly default: T;
}

interface Row<T> {
  kind: SettingKind<NonNullable<T>>;
  default: T;
  description: string;
  /** Defaults to --<kebab-case key>; null for none. */
  flag?: string | null;
  /** Defaults to FEEDKEEPER_<UPPER_SNAKE key>. */
  env?: string;
  inFile?: boolean;
  secret?: boolean;
  defaultText?: string;
}

const TABLE: { readonly [K in SettingKey]: Row<Config[K]> } = {
  dataDir: {
    kind: filePath(),
    default: './data',
    description: 'Directory for the database and the archive. Relative paths are resolved against the working directory (against the config file’s directory when set there).',
  },
  configFile: {
    kind: filePath(),
    default: null,
    flag: '--config',
    env: 'FEEDKEEPER_CONFIG',
    inFile: false,
    defaultText: '`<dataDir>/feedkeeper.json` if it exists',
    description: 'JSON file of settings. A file named explicitly must exist. The data directory it is looked for in comes from the flag, the environment or the default, never from the file itself.',
  },
  allowPrivateNetworks: {
    kind: onOff(),
    default: false,
    description: 'Allow fetching from loopback, private and link-local addresses. Leave off unless every feed is trusted.',
  },
  userAgent: {
    kind: text({
      type: 'string',
      expected: '1 to 512 printable ASCII characters',
      flagArgument: '<text>',
      isValid: (value) => /^[\x20-\x7e]{1,512}$/.test(value),
    }),
    default: 'feedkeeper/0.1 (+https://github.com/feedkeeper/feedkeeper)',
    description: 'User-Agent header sent with every request.',
  },
  fetchTimeoutSeconds: {
    kind: wholeNumber({ min: 1, max: 600, unit: 'seconds' }),
    default: 30,
    description: 'Time allowed for a whole fetch: connecting, every redirect, headers and body.',
  },
  connectTimeoutSeconds: {
    kind: wholeNumber({ min: 1, max: 120, unit: 'seconds' }),
    default: 10,
    description: 'Time allowed to open one connection.',
  },
  maxFeedBytes: {
    kind: byteSize({ min: 1024, max: 512 * 1024 ** 2 }),
    default: 20 * 1024 ** 2,
    description: 'Largest response body accepted, after decompression; larger ones fail with FETCH_TOO_LARGE.',
  },
  warc: {
    kind: onOff(),
    default: true,
    description: 'Keep every HTTP response feedkeeper receives as WARC records under <dataDir>/warc/ (the evidence of what a server sent).',
  },
  warcMaxFileBytes: {
    kind: byteSize({ min: 64 * 1024, max: 4 * 1024 ** 3 }),
    default: 1024 ** 3,
    description: 'Size at which a WARC file is closed and the next one begun.',
  },
  maxRedirects: {
    kind: wholeNumber({ min: 0, max: 20 }),
    default: 5,
    description: 'Redirects followed per fetch.',
  },
  perHostConcurrency: {
    kind: wholeNumber({ min: 1, max: 16 }),
    default: 2,
    description: 'Requests in flight to one host at a time.',
  },
  watchSchedule: {
    kind: text({ type: 'string', expected: 'offsets like "1h,6h,1d,3d,7d,30d", or "off"', flagArgument: '<schedule>', isValid: isWatchPlan }),
    default: DEFAULT_WATCH,
    description: 'When articles are re-checked after they first appear (also after they leave the feed), to catch silent edits and takedowns. A feed may have its own (`feedkeeper set ID --watch …`).',
  },
  watchHostDailyBudget: {
    kind: wholeNumber({ min: 1, max: 1_000_000 }),
    default: 2000,
    description: 'Re-checks of article pages allowed per host per UTC day; the rest wait for the next day.',
  },
  watchConfirmHours: {
    kind: wholeNumber({ min: 1, max: 168, unit: 'hours' }),
    default: 6,
    description: 'A removal (404, redirect to a front page, a page with no article, a login wall) counts only when a check this long after the first still finds it.',
  },
  watchConcurrency: {
    kind: wholeNumber({ min: 1, max: 64 }),
    default: 2,
    description: 'Article re-checks run at a time (the per-host limit still applies).',
  },
  images: {
    kind: oneOf(['keep', 'off'], '<mode>'),
    default: 'keep',
    // `--images` is the per-feed flag of `feedkeeper set`; the global one comes from the environment or the file.
    flag: null,
    description: 'keep: download the images articles reference (through the same guarded fetcher, after the article is stored) and keep each once under <dataDir>/media/, served by the reader so pages never load them from the original site. off: leave them remote. A feed may have its own (`feedkeeper set ID --images …`).',
  },
  mediaMaxBytes: {
    kind: byteSize({ min: 1024, max: 512 * 1024 ** 2 }),
    default: 20 * 1024 ** 2,
    description: 'Largest image kept, after decompression; a larger one is cut off at this size and recorded as failed.',
  },
  mediaMaxPerArticle: {
    kind: wholeNumber({ min: 1, max: 1000 }),
    default: 50,
    description: 'Images downloaded per article; the rest are recorded as not fetched.',
  },
  mediaConcurrency: {
    kind: wholeNumber({ min: 1, max: 64 }),
    default: 2,
    description: 'Articles whose images are downloaded at a time (the per-host limit still applies).',
  },
  ingestThreads: {
    kind: wholeNumber({ min: 0, max: 64 }),
    default: defaultIngestThreads(),
    defaultText: 'one fewer than the CPUs, at most 4 (0 on one CPU)',
    description: 'Worker threads that parse feeds, extract, clean and analyze articles while the main thread fetches and stores; 0 does it all on the main thread.',
  },
  globalConcurrency: {
    kind: wholeNumber({ min: 1, max: 256 }),
    default: 16,
    description: 'Requests in flight in total.',
  },
  minIntervalMinutes: {
    kind: wholeNumber({ min: 1, max: 1440, unit: 'minutes' }),
    default: 10,
    description: 'Shortest time between two checks of one feed, whatever the feed asks for.',
  },
  maxIntervalMinutes: {
    kind: wholeNumber({ min: 1, max: 10080, unit: 'minutes' }),
    default: 720,
    description: 'Longest time between two checks of one feed, however quiet it is. At least minIntervalMinutes.',
  },
  logLevel: {
    kind: oneOf(LOG_LEVELS, '<level>'),
    default: 'info',
    description: 'Least severe log level written.',
  },
  logFormat: {
    kind: oneOf(['json', 'pretty'], '<format>'),
    default: 'json',
    description: 'json: one JSON object per line, for machines. pretty: readable lines, for a terminal.',
  },
  host: {
    kind: text({ type: 'host', expected: 'a host name or IP address', flagArgument: '<host>', isValid: isHostName }),
    default: '127.0.0.1',
    description: 'Address the web server listens on. 0.0.0.0 or :: listens on every interface.',
  },
  port: {
    kind: wholeNumber({ min: 0, max: 65535, expected: 'a port number 0-65535', type: 'port 0–65535', flagArgument: '<port>' }),
    default: 8080,
    description: 'Port the web server listens on; 0 picks a free one.',
  },
  adminPassword: {
    kind: text({
      type: 'string, secret',
      expected: 'at least 8 characters',
      flagArgument: '<password>',
      isValid: (value) => value.length >= 8 && value.length <= 1024,
    }),
    default: null,
    // Command lines are visible to every local user (ps), so a secret gets no flag.
    flag: null,
    secret: true,
    defaultText: '(none)',
    description: 'Password of the admin account of the web interface. No flag, because command lines are visible to other local users.',
  },
  newPassword: {
    kind: text({
      type: 'string, secret',
      expected: 'at least 12 characters',
      flagArgument: '<password>',
      isValid: (value) => {
        try {
          checkPassword(value);
          return true;
        } catch {
          return false;
        }
      },
    }),
    default: null,
    flag: null,
    secret: true,
    defaultText: '(none: generated and printed once)',
    description: 'The password `feedkeeper user add` and `feedkeeper user password` give the user, instead of a generated one printed once. No flag, because command lines are visible to other local users.',
  },
  oidcIssuer: {
    kind: webUrl({ httpsOnly: true }),
    default: null,
    defaultText: '(none: off)',
    description: 'Issuer URL of an OpenID Connect provider (Keycloak, Authentik, Google, …), exactly as the provider names itself. Setting it turns on “Sign in with …” on the login page; oidcClientId and oidcRedirectBaseUrl are then required.',
  },
  oidcClientId: {
    kind: text({ type: 'string', expected: '1 to 512 printable ASCII characters', flagArgument: '<id>', isValid: (value) => /^[\x20-\x7e]{1,512}$/.test(value) }),
    default: null,
    defaultText: '(none)',
    description: 'Client id feedkeeper is registered under at the OpenID Connect provider.',
  },
  oidcClientSecret: {
    kind: text({ type: 'string, secret', expected: '1 to 1024 printable ASCII characters', flagArgument: '<secret>', isValid: (value) => /^[\x20-\x7e]{1,1024}$/.test(value) }),
    default: null,
    flag: null,
    secret: true,
    defaultText: '(none: a public client, PKCE only)',
    description: 'Client secret from the OpenID Connect provider, sent with HTTP Basic authentication (client_secret_basic). Leave unset for a public client. No flag, because command lines are visible to other local users.',
  },
  oidcRedirectBaseUrl: {
    kind: webUrl({ httpsOnly: false }),
    default: null,
    defaultText: '(none)',
    description: 'Public base URL of this server as browsers reach it, e.g. `https://news.example.org`; register `<base>/login/oidc/callback` as the redirect URI at the provider.',
  },
  oidcAllowSignup: {
    kind: onOff(),
    default: false,
    description: 'Create an account at the first OpenID Connect sign-in of an identity no account is linked to. Off: only identities already linked to an account may sign in.',
  },
  oidcLabel: {
    kind: text({ type: 'string', expected: '1 to 64 characters, no line breaks', flagArgument: '<text>', isValid: (value) => value.trim() !== '' && /^[^\p{Cc}]{1,64}$/u.test(value) }),
    default: 'OpenID Connect',
    description: 'Provider name on the login page’s “Sign in with …” link.',
  },
  redisUrl: {
    kind: redisUrl(),
    default: null,
    defaultText: '(none: jobs run in this process)',
    description: 'Redis for the job queue (BullMQ), e.g. `redis://127.0.0.1:6379`; unset, jobs run in this process and are not kept across restarts. Redis must run with `maxmemory-policy noeviction`, or start-up is refused. A password in the URL is redacted in logs; give such a URL by the environment or the config file, since command lines are visible to other local users.',
  },
  databaseUrl: {
    kind: postgresUrl(),
    default: null,
    defaultText: '(none: SQLite in `<dataDir>/feedkeeper.db`)',
    description: 'PostgreSQL database for the store, e.g. `postgres://feedkeeper@db.lan:5432/feedkeeper`, so several processes can write at once; unset, the store is the SQLite file in the data directory. The database must exist; feedkeeper creates and migrates its tables. A password in the URL is redacted in logs and errors; give such a URL by the environment or the config file, since command lines are visible to other local users.',
  },
};

export const SETTINGS: readonly Setting[] = Object.entries(TABLE).map(([key, row]) => toSetting(key as SettingKey, row as Row<unknown>));

/** Settings by the key a config file uses. */
export const SETTINGS_BY_FILE_KEY: ReadonlyMap<string, Setting> = new Map(
  SETTINGS.flatMap((setting) => (setting.fileKey === null ? [] : [[setting.fileKey, setting] as const])),
);

export function settingFor(key: SettingKey): Setting {
  const setting = SETTINGS.find((candidate) => candidate.key === key);
  if (!setting) throw new Error(`no setting "${key}"`); // unreachable: TABLE has every key
  return setting;
}

function toSetting(key: SettingKey, row: Row<unknown>): Setting {
  const flag = row.flag === undefined ? `--${kebabCase(key)}` : row.flag;
  const format = row.kind.format as (value: unknown) => string;
  return {
    key,
    flag,
    flagKey: flag === null ? null : camelCase(flag.slice(2)),
    flagArgument: row.kind.flagArgument,
    env: row.env ?? `FEEDKEEPER_${kebabCase(key).replaceAll('-', '_').toUpperCase()}`,
    fileKey: row.inFile === false ? null : key,
    type: row.kind.type,
    expected: row.kind.expected,
    defaultText: row.defaultText ?? `\`${format(row.default)}\``,
    description: row.description,
    secret: row.secret ?? false,
    kind: row.kind,
    default: row.default,
  };
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The key commander gives a long option: `--data-dir` → `dataDir`. */
function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function isWatchPlan(value: string): boolean {
  try {
    parseWatchPlan(value);
    return true;
  } catch {
    return false;
  }
}

/** The main thread keeps a core for fetching and the store; more than 4 threads outrun one SQLite writer. */
function defaultIngestThreads(): number {
  return Math.min(4, Math.max(0, availableParallelism() - 1));
}
