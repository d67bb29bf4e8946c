/**
 * The Fever API at /api/fever (`?api`): authentication by `api_key` (md5 of "username:API
 * password", looked up by its hash; form body or query), then the marks the request asks for,
 * then what it reads (groups, feeds, favicons, items, links, unread and saved ids), in one JSON
 * answer. A bad key is `auth: 0` with status 200, as Fever clients expect; a malformed request is
 * `{"error": …}` with 400 and writes nothing. Items are in crawl order by id (50 a call), read
 * with the same store calls and the same full text as the Google Reader API.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { EntryFilter, Subscription, User } from '../../store/index.js';
import { feedName } from '../../store/index.js';
import { JSON_BODY_LIMIT_BYTES, readBody } from '../api/body.js';
import { userByFeverKey } from '../auth/api-password.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { loadSyncItems } from '../greader/items.js';
import { parseFeverRequest, type FeverMark, type FeverRequest, type ItemQuery } from './params.js';
import { favicons, feeds, feverBase, FEVER_PAGE, groupId, groups, idList, items, type FeverSubscription } from './shapes.js';

export const FEVER_PATHS: readonly string[] = ['/api/fever', '/api/fever/', '/api/fever.php'];
/** Unread and saved id lists are read in slices of this many (the store's crawlIds page). */
const ID_SLICE = 10_000;

async function formOf(c: Context): Promise<URLSearchParams | FormData> {
  if (c.req.method !== 'POST') return new URLSearchParams();
  const type = c.req.header('content-type') ?? '';
  const bytes = await readBody(c, JSON_BODY_LIMIT_BYTES);
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    try {
      return await new Response(bytes, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new FeedkeeperError('USAGE', 'body: expected a form, got a multipart body that does not parse');
    }
  }
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

export function feverHandler(deps: ServeDeps): (c: Context<AppEnv>) => Promise<Response> {
  return async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'POST') {
      c.header('Allow', 'GET, POST');
      throw new FeedkeeperError('METHOD_NOT_ALLOWED', `Fever API: expected GET or POST, got ${c.req.method}`);
    }
    const query = new URL(c.req.url).searchParams;
    if (!query.has('api')) throw new FeedkeeperError('USAGE', 'the Fever API answers at /api/fever?api');
    const form = await formOf(c);
    const get = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v : (query.get(name) ?? undefined);
    };
    const key = get('api_key')?.trim() ?? '';
    const user = await userByFeverKey(deps.store, key);
    if (user === null) return c.json(feverBase(false, null));
    c.set('user', user);
    c.set('session', null);
    const request = parseFeverRequest(query, get);
    const subs = await deps.store.subscriptions.list(user.id);
    if (request.mark !== null) await applyMark(deps, user, subs, request.mark);
    const last = subs.reduce<number | null>((max, s) => (s.lastFetchAt !== null && (max === null || s.lastFetchAt > max) ? s.lastFetchAt : max), null);
    return c.json({ ...feverBase(true, last), ...(await reads(deps, user, subs, request)) });
  };
}

function feverSubs(subs: readonly Subscription[]): FeverSubscription[] {
  return subs.map((s) => ({ feedId: s.id, title: feedName(s), url: s.url, siteUrl: s.siteUrl, tags: s.tags, lastFetchAt: s.lastFetchAt }));
}

async function reads(deps: ServeDeps, user: User, subs: readonly Subscription[], request: FeverRequest): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const read of request.reads) {
    if (read === 'groups') Object.assign(out, groups(feverSubs(subs)));
    else if (read === 'feeds') Object.assign(out, feeds(feverSubs(subs)));
    else if (read === 'favicons') Object.assign(out, favicons());
    else if (read === 'links') out.links = [];
    else if (read === 'unread_item_ids') out.unread_item_ids = idList(await allIds(deps, { userId: user.id, read: false }));
    else if (read === 'saved_item_ids') out.saved_item_ids = idList(await allIds(deps, { userId: user.id, starred: true }));
    else Object.assign(out, await itemPage(deps, user, subs, request.items));
  }
  return out;
}

async function allIds(deps: ServeDeps, filter: EntryFilter): Promise<number[]> {
  const ids: number[] = [];
  let afterId: number | null = null;
  for (;;) {
    const refs = await deps.store.entries.crawlIds(filter, { order: 'oldest', limit: ID_SLICE, afterId });
    ids.push(...refs.map((r) => r.id));
    if (refs.length < ID_SLICE) return ids;
    afterId = refs.at(-1)?.id ?? null;
  }
}

/**
 * The filters an item query asks for: one per feed it names (directly, or through a group, which is
 * a tag: every feed of the user's with it), else the whole list. Feeds not the user's are dropped,
 * so a request costs at most one query per subscription, however many ids it lists.
 */
function itemFilters(user: User, subs: readonly Subscription[], q: ItemQuery): EntryFilter[] {
  const base: EntryFilter = { userId: user.id, ...(q.withIds === undefined ? {} : { ids: q.withIds }) };
  if (q.feedIds === undefined && q.groupIds === undefined) return [base];
  if ((q.groupIds ?? []).includes(0)) return [base];
  const groups = new Set(q.groupIds ?? []);
  const named = new Set(q.feedIds ?? []);
  return subs.filter((s) => named.has(s.id) || s.tags.some((tag) => groups.has(groupId(tag)))).map((s) => ({ ...base, feedId: s.id }));
}

async function itemPage(deps: ServeDeps, user: User, subs: readonly Subscription[], q: ItemQuery) {
  // max_id pages back from the newest; since_id (and no window at all) forward from the oldest.
  const newest = q.maxId !== undefined && q.sinceId === undefined;
  const afterId = newest ? (q.maxId ?? null) : (q.sinceId ?? null);
  const seen = new Map<number, number>();
  for (const filter of itemFilters(user, subs, q)) {
    for (const ref of await deps.store.entries.crawlIds(filter, { order: newest ? 'newest' : 'oldest', limit: FEVER_PAGE, afterId: afterId === 0 ? null : afterId })) seen.set(ref.id, ref.crawledAt);
  }
  const ids = [...seen.keys()].sort((a, b) => (newest ? b - a : a - b)).slice(0, FEVER_PAGE);
  const loaded = await loadSyncItems(deps, user.id, ids, subs);
  const total = subs.reduce((n, s) => n + s.articleCount, 0);
  return items(loaded.map((i) => ({ id: i.id, feedId: i.origin.feedId, title: i.title, author: i.author, html: i.html, url: i.link, read: i.read, starred: i.starred, publishedAt: i.publishedAt })), total);
}

function tagOf(subs: readonly Subscription[], gid: number): string | null {
  for (const sub of subs) for (const tag of sub.tags) if (groupId(tag) === gid) return tag;
  return null;
}

async function applyMark(deps: ServeDeps, user: User, subs: readonly Subscription[], mark: FeverMark): Promise<void> {
  if (mark.what === 'item') {
    // Saved and unsaved set the state, never toggle it: a repeated request changes nothing more.
    const change = mark.as === 'read' || mark.as === 'unread' ? { read: mark.as === 'read' } : { starred: mark.as === 'saved' };
    await deps.store.entries.mark(user.id, [mark.id], change);
    return;
  }
  // Only what the client had seen: articles stored after `before` stay unread (no before: now).
  const crawledUntilMs = mark.beforeMs ?? deps.clock.now() + 1;
  if (mark.what === 'feed') {
    if (!subs.some((s) => s.id === mark.id)) throw new FeedkeeperError('NOT_FOUND', `id: no subscription of yours has feed ${mark.id}`);
    await deps.store.entries.markAllRead({ userId: user.id, feedId: mark.id, crawledUntilMs });
    return;
  }
  if (mark.id === -1) return; // Sparks: feedkeeper has none
  if (mark.id === 0) {
    await deps.store.entries.markAllRead({ userId: user.id, crawledUntilMs });
    return;
  }
  const tag = tagOf(subs, mark.id);
  if (tag === null) throw new FeedkeeperError('NOT_FOUND', `id: no group ${mark.id} among your tags`);
  await deps.store.entries.markAllRead({ userId: user.id, tag, crawledUntilMs });
}
