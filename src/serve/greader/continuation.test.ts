import { describe, expect, it } from 'vitest';
import { decodeContinuation, encodeContinuation, pageOf } from './continuation.js';
import type { Order } from './params.js';

/** The keyset the store applies, over ids in memory: what "after" means in each order. */
function fetchPage(ids: readonly number[], order: Order, after: number | null, n: number): Array<{ id: number }> {
  const sorted = [...ids].sort((a, b) => (order === 'newest' ? b - a : a - b));
  const rest = after === null ? sorted : sorted.filter((id) => (order === 'newest' ? id < after : id > after));
  return rest.slice(0, n + 1).map((id) => ({ id }));
}

function pageThrough(order: Order, start: number[], arrivalsPerPage: number, n: number): number[] {
  const ids = [...start];
  let next = Math.max(...ids) + 1;
  const seen: number[] = [];
  let c: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: { items: Array<{ id: number }>; continuation: string | null } = pageOf(fetchPage(ids, order, decodeContinuation(c ?? undefined, order), n), n, order);
    seen.push(...page.items.map((i) => i.id));
    for (let k = 0; k < arrivalsPerPage; k++) ids.push(next++); // new articles arrive between pages
    c = page.continuation;
    if (c === null) break;
  }
  return seen;
}

describe('continuations', () => {
  it('round-trips a position and refuses another order or junk', () => {
    expect(decodeContinuation(encodeContinuation('newest', 1234), 'newest')).toBe(1234);
    expect(decodeContinuation(undefined, 'oldest')).toBeNull();
    expect(() => decodeContinuation(encodeContinuation('newest', 5), 'oldest')).toThrow(/newest-first order/);
    expect(() => decodeContinuation('bm90IG1pbmU', 'newest')).toThrow(/expected a continuation this stream returned/);
    expect(() => decodeContinuation('%%%', 'newest')).toThrow(/USAGE|continuation/);
  });

  it('ends with no continuation when the page is the last', () => {
    expect(pageOf([{ id: 3 }, { id: 2 }], 2, 'newest')).toEqual({ items: [{ id: 3 }, { id: 2 }], continuation: null });
    expect(pageOf([{ id: 3 }, { id: 2 }, { id: 1 }], 2, 'newest').continuation).not.toBeNull();
  });

  it('newest first: paging while articles arrive repeats and skips nothing that was there', () => {
    const start = Array.from({ length: 23 }, (_, k) => k + 1);
    const seen = pageThrough('newest', start, 3, 5);
    expect(seen).toEqual([...start].reverse());
  });

  it('oldest first: paging while articles arrive reaches the new ones too, each once', () => {
    const start = Array.from({ length: 12 }, (_, k) => k + 1);
    const seen = pageThrough('oldest', start, 1, 4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 12)).toEqual(start);
    expect(seen.length).toBeGreaterThan(12);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
