/**
 * The Google Reader API's parameters, validated at the edge. They arrive in the query string and,
 * on POST, in a form body, mixed freely by clients (Read You puts `output=json` in the query and
 * the rest in the form); a repeated parameter (`i`, `xt`, `a`) keeps every value, a single-valued
 * one takes its last. Each reader below either returns a typed value or throws USAGE naming the
 * parameter, what was expected and what came: handlers never see NaN or a guess.
 */
import { FeedkeeperError } from '../../core/index.js';
import { NO_ARTICLE, parseItemId } from './item-id.js';

export interface Params {
  /** The last value given, or undefined when absent. */
  one(name: string): string | undefined;
  /** Every value given, in order. */
  all(name: string): string[];
}

export function paramsOf(pairs: Iterable<readonly [string, string]>): Params {
  const map = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const values = map.get(key);
    if (values === undefined) map.set(key, [value]);
    else values.push(value);
  }
  return {
    one: (name) => map.get(name)?.at(-1),
    all: (name) => map.get(name) ?? [],
  };
}

/** What the routes allow: `n` per kind of call, and how many `i` one request may name. */
export const LIMITS = {
  /** stream/contents and the Atom form: items with their full text. */
  contents: { default: 20, max: 1000 },
  /** stream/items/ids: ids only (Read You asks for 10,000 at once). */
  ids: { default: 20, max: 10_000 },
  /** `i` values in one edit-tag. */
  editIds: 10_000,
  /** `i` values in one stream/items/contents. */
  contentIds: 1000,
} as const;

function usage(message: string): FeedkeeperError {
  return new FeedkeeperError('USAGE', message);
}

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
}

/** `n`: a whole number from 1 to `max`; `fallback` when absent or empty. */
export function countParam(p: Params, name: string, limits: { default: number; max: number }): number {
  const raw = p.one(name);
  if (raw === undefined || raw.trim() === '') return limits.default;
  if (!/^\s*[0-9]{1,9}\s*$/.test(raw) || Number(raw) < 1 || Number(raw) > limits.max) {
    throw usage(`${name}: expected a whole number from 1 to ${limits.max}, got ${shown(raw)}`);
  }
  return Number(raw);
}

/**
 * A time as epoch milliseconds. Google's API says seconds (`ot`, `nt`) or microseconds (`ts`);
 * clients send all three, so the size decides: below 10^11 seconds (until the year 5138), below
 * 10^14 milliseconds, else microseconds.
 */
export function timeParam(p: Params, name: string): number | undefined {
  const raw = p.one(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*[0-9]{1,17}(\.[0-9]+)?\s*$/.test(raw)) throw usage(`${name}: expected a Unix time in seconds or microseconds, got ${shown(raw)}`);
  const value = Number(raw);
  if (value < 1e11) return Math.floor(value * 1000);
  if (value < 1e14) return Math.floor(value);
  return Math.floor(value / 1000);
}

export type Order = 'newest' | 'oldest';

/** `r=o` is oldest first; absent, `d` or `n` newest first (Google's default). */
export function orderParam(p: Params): Order {
  const raw = p.one('r');
  if (raw === undefined || raw === '' || raw === 'd' || raw === 'n') return 'newest';
  if (raw === 'o') return 'oldest';
  throw usage(`r: expected "o" (oldest first) or nothing (newest first), got ${shown(raw)}`);
}

export type Output = 'json' | 'atom';

/** `output`: json unless the route also speaks Atom and the client asks for it. */
export function outputParam(p: Params, allowed: readonly Output[]): Output {
  const raw = p.one('output');
  if (raw === undefined || raw === '') return 'json';
  if ((allowed as readonly string[]).includes(raw)) return raw as Output;
  throw usage(`output: expected ${allowed.map((a) => JSON.stringify(a)).join(' or ')}, got ${shown(raw)}`);
}

/**
 * The `i` values as article ids: at least one, at most `max`, each in a form item-id.ts reads
 * (any malformed one refuses the whole request, so nothing is half done). Ids no article can have
 * are dropped; repeats are kept once.
 */
export function itemIdsParam(p: Params, max: number, name = 'i'): number[] {
  const raws = p.all(name).flatMap((v) => (v.includes(',') && !v.toLowerCase().startsWith('tag:') ? v.split(',') : [v])).filter((v) => v.trim() !== '');
  if (raws.length === 0) throw usage(`${name}: expected at least one item id`);
  if (raws.length > max) throw usage(`${name}: expected at most ${max} item ids in one request, got ${raws.length}`);
  const ids = new Set<number>();
  for (const raw of raws) {
    const id = parseItemId(raw);
    if (id === null) throw usage(`${name}: expected item ids (tag:google.com,2005:reader/item/<hex>, hex or decimal), got ${shown(raw)}`);
    if (id !== NO_ARTICLE) ids.add(id);
  }
  return [...ids];
}

/** A required single parameter, trimmed and non-empty. */
export function requiredParam(p: Params, name: string, what: string): string {
  const raw = p.one(name)?.trim();
  if (raw === undefined || raw === '') throw usage(`${name}: expected ${what}`);
  return raw;
}
