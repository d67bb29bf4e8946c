/**
 * The kinds of value a setting can hold, each as a pair of zod schemas: one for text (environment
 * variables and string flags) and one for JSON (config-file values and boolean flags). A kind also
 * carries the words used when a value is rejected ("a whole number of seconds from 1 to 600"), its
 * type as the docs show it, and how to display a default. Kinds only validate; they never read
 * anything and know nothing about where a value came from.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { formatByteSize, parseByteSize } from './byte-size.js';

export interface SettingKind<T> {
  /** Type column of the docs, e.g. `integer 1–600`. */
  readonly type: string;
  /** What a valid value looks like, completing "expected …". */
  readonly expected: string;
  /** Placeholder for the flag's argument in --help, e.g. `<seconds>`; null for on/off switches. */
  readonly flagArgument: string | null;
  readonly fromText: z.ZodType<T>;
  readonly fromJson: z.ZodType<T>;
  readonly format: (value: T) => string;
  /** For a value that is not a secret but may hold one (a password in a URL): what logs may show. */
  readonly redact?: (value: string) => string;
}

const INTEGER_TEXT = z.string().trim().regex(/^[+-]?\d+$/).transform(Number);

export function wholeNumber(opts: {
  min: number;
  max: number;
  unit?: 'seconds' | 'minutes' | 'hours';
  expected?: string;
  type?: string;
  flagArgument?: string;
}): SettingKind<number> {
  const { min, max, unit } = opts;
  const inRange = z.number().int().min(min).max(max);
  return {
    type: opts.type ?? `integer ${min}–${max}${unit ? ` (${unit})` : ''}`,
    expected: opts.expected ?? `a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`,
    flagArgument: opts.flagArgument ?? `<${unit ?? 'number'}>`,
    fromText: INTEGER_TEXT.pipe(inRange),
    fromJson: inRange,
    format: String,
  };
}

export function byteSize(opts: { min: number; max: number }): SettingKind<number> {
  const range = `${formatByteSize(opts.min)} to ${formatByteSize(opts.max)}`;
  const inRange = z.number().int().min(opts.min).max(opts.max);
  const sizeText = z.string().transform((text, ctx) => {
    const bytes = parseByteSize(text);
    if (bytes === null) ctx.addIssue({ code: 'custom', message: 'not a byte size' });
    return bytes ?? Number.NaN;
  });
  return {
    type: `byte size ${range.replace(' to ', '–')}`,
    expected: `a size from ${range}, in bytes or with a unit such as 512KiB or 20MB`,
    flagArgument: '<size>',
    fromText: sizeText.pipe(inRange),
    // A file may write the size as a JSON number of bytes or as the same text an env var takes.
    fromJson: z.union([z.number(), sizeText]).pipe(inRange),
    format: formatByteSize,
  };
}

const TRUE_WORDS = ['1', 'true', 'yes'] as const;
const FALSE_WORDS = ['0', 'false', 'no'] as const;

export function onOff(): SettingKind<boolean> {
  return {
    type: 'boolean',
    expected: `one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(', ')}`,
    flagArgument: null,
    fromText: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum([...TRUE_WORDS, ...FALSE_WORDS]))
      .transform((word) => (TRUE_WORDS as readonly string[]).includes(word)),
    fromJson: z.boolean(),
    format: String,
  };
}

export function oneOf<const V extends readonly [string, ...string[]]>(values: V, flagArgument: string): SettingKind<V[number]> {
  const choice = z.string().trim().toLowerCase().pipe(z.enum(values));
  return {
    type: values.join(' | '),
    expected: `one of ${values.join(', ')}`,
    flagArgument,
    fromText: choice,
    fromJson: choice,
    format: String,
  };
}

export function text(opts: { type: string; expected: string; flagArgument: string; isValid: (value: string) => boolean }): SettingKind<string> {
  const schema = z.string().refine(opts.isValid);
  return { type: opts.type, expected: opts.expected, flagArgument: opts.flagArgument, fromText: schema, fromJson: schema, format: String };
}

export function filePath(): SettingKind<string> {
  return text({
    type: 'path',
    expected: 'a file or directory path',
    flagArgument: '<path>',
    isValid: (value) => value.length > 0 && !value.includes('\0'),
  });
}

/** A host name (`localhost`, `feeds.example.org`) or an IPv4/IPv6 address (`127.0.0.1`, `::`). */
export function isHostName(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  return value.length <= 253 && new RegExp(`^${label}(?:\\.${label})*$`, 'i').test(value);
}

/**
 * An absolute http(s) URL without credentials, query or fragment, kept exactly as written (an
 * OpenID issuer must equal the one its provider announces, trailing slash and all). With
 * `httpsOnly`, plain http is accepted only on this machine's loopback addresses: sign-in
 * traffic must not cross a network in the clear, but a provider on the same host (or a test) may.
 */
export function webUrl(opts: { httpsOnly: boolean }): SettingKind<string> {
  const expected = opts.httpsOnly
    ? 'an https:// URL (http:// only on localhost or 127.0.0.1) without query or fragment'
    : 'an http:// or https:// URL without query or fragment';
  return text({ type: opts.httpsOnly ? 'URL (https)' : 'URL', expected, flagArgument: '<url>', isValid: (value) => isWebUrl(value, opts.httpsOnly) });
}

function isWebUrl(value: string, httpsOnly: boolean): boolean {
  if (value.trim() !== value || !/^https?:\/\//i.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) return false;
  return url.protocol === 'https:' || !httpsOnly || isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * A redis:// or rediss:// URL with a host, optionally with a user, password and database number
 * (`redis://:pw@host:6379/2`). The URL is shown in logs and errors with its password redacted.
 */
export function redisUrl(): SettingKind<string> {
  return {
    ...text({ type: 'URL (redis)', expected: 'a redis:// or rediss:// URL with a host', flagArgument: '<url>', isValid: isRedisUrl }),
    redact: redactUrlPassword,
  };
}

function isRedisUrl(value: string): boolean {
  if (value.trim() !== value || !/^rediss?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.hostname !== '' && /^\/?(\d{1,2})?$/.test(url.pathname) && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/**
 * A postgres:// or postgresql:// URL with a host (`postgres://feedkeeper:pw@db.lan:5432/feedkeeper`),
 * or a socket directory given as `?host=/run/postgresql`. Shown with its password redacted.
 */
export function postgresUrl(): SettingKind<string> {
  return {
    ...text({ type: 'URL (postgres)', expected: 'a postgres:// or postgresql:// URL with a host', flagArgument: '<url>', isValid: isPostgresUrl }),
    redact: redactUrlPassword,
  };
}

function isPostgresUrl(value: string): boolean {
  if (value.trim() !== value || !/^postgres(ql)?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.hostname !== '' || url.searchParams.has('host')) && url.hash === '';
  } catch {
    return false;
  }
}

/** `redis://user:pw@host` → `redis://user:[redacted]@host`; a lone userinfo may be a password, so it goes too. Works on invalid URLs. */
export function redactUrlPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon === -1 ? '[redacted]' : `${userinfo.slice(0, colon)}:[redacted]`}@`;
  });
}
