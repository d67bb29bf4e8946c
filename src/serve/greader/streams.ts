/**
 * Reading streams: stream/contents (JSON or Atom), the Atom form `/reader/atom/<stream>`,
 * stream/items/ids and stream/items/contents. A page is one crawlIds call (ids in crawl order,
 * one more than asked, for the continuation) and one load of those items; ids-only answers never
 * load an article row.
 */
import type { Context } from 'hono';
import type { Subscription } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import type { Caller } from './authenticate.js';
import { decodeContinuation, pageOf } from './continuation.js';
import { loadSyncItems } from './items.js';
import { countParam, itemIdsParam, LIMITS, orderParam, outputParam, type Params } from './params.js';
import { atomStream } from './present-atom.js';
import { itemRefs, jsonStream } from './present-json.js';
import { resolveStream } from './stream-filter.js';
import type { SyncItem } from './sync-item.js';

export async function streamContents(deps: ServeDeps, c: Context, caller: Caller, p: Params, pathStream: string | null, atom: boolean): Promise<Response> {
  const output = atom ? 'atom' : outputParam(p, ['json', 'atom']);
  const subs = await deps.store.subscriptions.list(caller.user.id);
  const stream = resolveStream(pathStream ?? p.one('s') ?? null, caller.user.id, subs, p);
  const n = countParam(p, 'n', LIMITS.contents);
  const order = orderParam(p);
  const refs = await deps.store.entries.crawlIds(stream.filter, { order, limit: n + 1, afterId: decodeContinuation(p.one('c'), order) });
  const page = pageOf(refs, n, order);
  const items = await loadSyncItems(deps, caller.user.id, page.items.map((r) => r.id), subs);
  return present(deps, c, output, { id: stream.id, title: stream.title }, items, page.continuation);
}

export async function streamItemIds(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  outputParam(p, ['json']);
  const subs = await deps.store.subscriptions.list(caller.user.id);
  const stream = resolveStream(p.one('s') ?? null, caller.user.id, subs, p);
  const n = countParam(p, 'n', LIMITS.ids);
  const order = orderParam(p);
  const refs = await deps.store.entries.crawlIds(stream.filter, { order, limit: n + 1, afterId: decodeContinuation(p.one('c'), order) });
  const page = pageOf(refs, n, order);
  return c.json(itemRefs(page.items, page.continuation));
}

export async function streamItemContents(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  const output = outputParam(p, ['json', 'atom']);
  const ids = itemIdsParam(p, LIMITS.contentIds);
  const subs: Subscription[] = await deps.store.subscriptions.list(caller.user.id);
  const items = await loadSyncItems(deps, caller.user.id, ids, subs);
  return present(deps, c, output, { id: 'user/-/state/com.google/reading-list', title: 'Reading list' }, items, null);
}

function present(deps: ServeDeps, c: Context, output: 'json' | 'atom', stream: { id: string; title: string }, items: SyncItem[], continuation: string | null): Response {
  const head = { ...stream, selfUrl: c.req.url, nowMs: deps.clock.now() };
  c.header('Cache-Control', 'no-store');
  if (output === 'atom') return c.body(atomStream(head, items, continuation), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  return c.json(jsonStream(head, items, continuation));
}
