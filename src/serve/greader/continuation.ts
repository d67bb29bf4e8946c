/**
 * The `c` continuation of Google Reader streams: a keyset position, not an offset. Streams are in
 * crawl order (article ids grow as feedkeeper stores articles), so a continuation is the last id a
 * page returned, with the order it belongs to. New articles always get larger ids: newest first
 * they land before the first page and never shift a later one (no item is repeated or skipped while
 * a client pages through), oldest first they come after the last page, where the client reaches them.
 * An offset would repeat items at every arrival. The token is opaque to clients (base64url).
 */
import { FeedkeeperError } from '../../core/index.js';
import type { Order } from './params.js';

const VERSION = 'k1';

export function encodeContinuation(order: Order, lastId: number): string {
  return Buffer.from(`${VERSION}:${order === 'oldest' ? 'o' : 'n'}:${lastId}`).toString('base64url');
}

/** The id to continue after, or null without a continuation; USAGE for one this order never gave. */
export function decodeContinuation(raw: string | undefined, order: Order): number | null {
  if (raw === undefined || raw === '') return null;
  const match = /^k1:([on]):([0-9]{1,15})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (match === null || Number(match[2]) < 1) {
    throw new FeedkeeperError('USAGE', `c: expected a continuation this stream returned, got ${JSON.stringify(raw.slice(0, 40))}; start from the first page`);
  }
  if ((match[1] === 'o') !== (order === 'oldest')) {
    throw new FeedkeeperError('USAGE', `c: this continuation belongs to the ${match[1] === 'o' ? 'oldest' : 'newest'}-first order; ask with the same r`);
  }
  return Number(match[2]);
}

/**
 * Given the ids of a page fetched with one more than `n` (the extra one says another page
 * follows): the ids to answer and the continuation to give, or null at the end.
 */
export function pageOf<T extends { id: number }>(fetched: readonly T[], n: number, order: Order): { items: T[]; continuation: string | null } {
  const items = fetched.slice(0, n);
  const last = items.at(-1);
  return { items, continuation: fetched.length > n && last !== undefined ? encodeContinuation(order, last.id) : null };
}
