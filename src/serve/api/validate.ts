/**
 * The API's edge: path parameters, query strings and JSON bodies go through a zod schema here, and
 * anything that does not fit becomes one USAGE error (400) naming the field, what was expected and
 * what came, e.g. `limit: expected a whole number from 1 to 500, got "abc"`. Also the schema
 * helpers for query strings (whole numbers, booleans, dates arrive as text) with the JSON Schema
 * they are documented as, since their zod input type is only "string".
 *
 * Never lets a bad value through as NaN or undefined: handlers see parsed, typed values only.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { FeedkeeperError } from '../../core/index.js';
import { readBody, JSON_BODY_LIMIT_BYTES } from './body.js';

export type Where = 'path' | 'query' | 'body';

/**
 * JSON Schema fragments that replace what zod would generate for a schema (see openapi.ts), keyed
 * by the schema's definition: `.meta()` and `.optional()` copy or wrap a schema but keep its def.
 */
const documentedAs = new WeakMap<object, Record<string, unknown>>();

function documented<T extends z.ZodType>(schema: T, json: Record<string, unknown>): T {
  documentedAs.set(schema._zod.def, json);
  return schema;
}

export function documentedSchema(schema: z.core.$ZodType): Record<string, unknown> | undefined {
  return documentedAs.get(schema._zod.def);
}

/** Parses `data` with `schema`, or throws USAGE listing every problem by field. */
export function parseInput<S extends z.ZodType>(where: Where, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true, error: describeIssue });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => formatIssue(where, issue));
  throw new FeedkeeperError('USAGE', problems.join('; '), { details: { where, issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } });
}

/** The query string as single values; a parameter given twice is refused rather than guessed at. */
export function queryRecord(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) throw new FeedkeeperError('USAGE', `${key}: expected one value, got ${values.length}`);
    out[key] = values[0] ?? '';
  }
  return out;
}

/** The request body as JSON (an empty body counts as `{}`), or USAGE saying why it is not. */
export async function readJson(c: Context): Promise<unknown> {
  const bytes = await readBody(c, JSON_BODY_LIMIT_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FeedkeeperError('USAGE', 'body: expected JSON in UTF-8, got bytes that are not UTF-8');
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const type = c.req.header('content-type');
    const sent = type !== undefined && !/json/i.test(type) ? ` (Content-Type was ${type}; send application/json)` : '';
    throw new FeedkeeperError('USAGE', `body: expected JSON${sent}, got text that is not JSON: ${(err as Error).message}`);
  }
}

function formatIssue(where: Where, issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${issue.path.length > 0 ? `${path}.` : ''}${key}: unknown ${where === 'query' ? 'parameter' : 'field'}`).join('; ');
  }
  const input = (issue as { input?: unknown }).input;
  return input === undefined ? `${path}: ${issue.message}` : `${path}: ${issue.message}, got ${shown(input)}`;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Messages for issues whose schema did not bring its own; `formatIssue` adds the field and value. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required (${article(issue.expected)})` : `expected ${article(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'string' ? `expected at least ${String(issue.minimum)} character(s)` : issue.origin === 'array' ? `expected at least ${String(issue.minimum)} item(s)` : `expected at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `expected at most ${String(issue.maximum)} characters` : issue.origin === 'array' ? `expected at most ${String(issue.maximum)} items` : `expected at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_format':
      return `expected ${issue.format === 'url' ? 'an http(s) URL' : `a valid ${issue.format}`}`;
    default:
      return undefined;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// ── Query-string values (always text on the wire) ──

/** A whole number in [min, max] written in decimal digits. */
export function queryInt(min: number, max: number): z.ZodType<number, string> {
  const message = `expected a whole number from ${min} to ${max}`;
  const schema = z
    .string()
    .regex(/^\d{1,15}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }));
  return documented(schema, { type: 'integer', minimum: min, maximum: max });
}

/** `true` or `false`. */
export function queryBool(): z.ZodType<boolean, string> {
  const schema = z.enum(['true', 'false'], { error: 'expected true or false' }).transform((v) => v === 'true');
  return documented(schema, { type: 'boolean' });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 date (00:00 UTC) or date-time (UTC when it names no offset) → epoch ms. */
export function queryTime(): z.ZodType<number, string> {
  const schema = z.string().transform((text, ctx) => {
    const ms = parseIsoTime(text);
    if (ms !== null) return ms;
    ctx.issues.push({ code: 'custom', message: 'expected an ISO 8601 date (2024-03-01) or date-time (2024-03-01T08:30:00Z)', input: text });
    return z.NEVER;
  });
  return documented(schema, { type: 'string', description: 'ISO 8601 date (00:00 UTC) or date-time (UTC unless it has an offset)', examples: ['2024-03-01', '2024-03-01T08:30:00+08:00'] });
}

export function parseIsoTime(text: string): number | null {
  const m = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (m === null) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1, 7).map((v) => v ?? '0');
  const fraction = Number(`0.${m[7] ?? '0'}`);
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(local);
  // Date.UTC rolls 2024-02-30 over to March; a date that does not round-trip does not exist.
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const offset = offsetMs(m[8]);
  return offset === null ? null : local + Math.round(fraction * 1000) - offset;
}

/** `Z`, `+08:00`, `-0500` → ms east of UTC; null for an offset no zone has (past ±14:00). */
function offsetMs(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** A path id: a positive whole number. */
export function pathId(): z.ZodType<number, string> {
  const message = 'expected a positive whole number';
  const schema = z
    .string()
    .regex(/^\d{1,15}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(1, { error: message }));
  return documented(schema, { type: 'integer', minimum: 1 });
}
