/**
 * Labels and counts: tag/list, rename-tag, disable-tag and unread-count. A label is a tag on the
 * user's subscriptions, so renaming or removing one rewrites those subscriptions' tags (every
 * target found before anything is written). Unread counts come from the store's kept counters;
 * `newestItemTimestampUsec` is the feed's last fetch, which no article of it is newer than.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { Subscription } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import type { Caller } from './authenticate.js';
import type { Params } from './params.js';
import { parseStreamParam } from './stream-filter.js';
import { feedStreamId, labelStreamId, stateStreamId } from './stream-id.js';

function labelsOf(subs: readonly Subscription[]): string[] {
  return [...new Set(subs.flatMap((s) => s.tags))].sort((a, b) => a.localeCompare(b));
}

export async function tagList(deps: ServeDeps, c: Context, caller: Caller): Promise<Response> {
  const subs = await deps.store.subscriptions.list(caller.user.id);
  return c.json({
    tags: [
      { id: stateStreamId('starred'), sortid: '00000001' },
      ...labelsOf(subs).map((label, i) => ({ id: labelStreamId(label), label, type: 'folder', sortid: (i + 2).toString(16).padStart(8, '0').toUpperCase() })),
    ],
  });
}

/** The label `s` (a stream id) or `t` (a bare name) names. */
function sourceLabel(p: Params, userId: number): string {
  const s = p.one('s')?.trim();
  const t = p.one('t')?.trim();
  if (s !== undefined && s !== '') {
    const ref = parseStreamParam(s, userId, 's');
    if (ref.kind !== 'label') throw new FeedkeeperError('USAGE', `s: expected a label (user/-/label/<name>), got ${JSON.stringify(s.slice(0, 80))}`);
    return ref.label;
  }
  if (t !== undefined && t !== '') return t;
  throw new FeedkeeperError('USAGE', 's: expected the label to change (user/-/label/<name>)');
}

async function retag(deps: ServeDeps, userId: number, from: string, to: string | null): Promise<void> {
  const subs = await deps.store.subscriptions.list(userId);
  const targets = subs.filter((s) => s.tags.includes(from));
  if (targets.length === 0) throw new FeedkeeperError('NOT_FOUND', `no subscription of yours has the label ${JSON.stringify(from)}`);
  for (const sub of targets) {
    const tags = [...new Set(sub.tags.flatMap((t) => (t === from ? (to === null ? [] : [to]) : [t])))];
    await deps.store.subscriptions.update(userId, sub.id, { tags });
  }
}

export async function renameTag(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  const from = sourceLabel(p, caller.user.id);
  const dest = p.one('dest')?.trim();
  if (dest === undefined || dest === '') throw new FeedkeeperError('USAGE', 'dest: expected the new label (user/-/label/<name>)');
  const ref = dest.includes('/') ? parseStreamParam(dest, caller.user.id, 'dest') : { kind: 'label' as const, label: dest };
  if (ref.kind !== 'label') throw new FeedkeeperError('USAGE', `dest: expected a label (user/-/label/<name>), got ${JSON.stringify(dest.slice(0, 80))}`);
  await retag(deps, caller.user.id, from, ref.label);
  return c.text('OK');
}

export async function disableTag(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  await retag(deps, caller.user.id, sourceLabel(p, caller.user.id), null);
  return c.text('OK');
}

export async function unreadCount(deps: ServeDeps, c: Context, caller: Caller): Promise<Response> {
  const subs = await deps.store.subscriptions.list(caller.user.id);
  const counts = await deps.store.entries.unreadCounts(caller.user.id);
  const usec = (ms: number | null) => String((ms ?? 0) * 1000);
  const perFeed = subs.map((s) => ({ id: feedStreamId(s.id), count: counts.get(s.id) ?? 0, newestItemTimestampUsec: usec(s.lastFetchAt) }));
  const perLabel = labelsOf(subs).map((label) => {
    const mine = subs.filter((s) => s.tags.includes(label));
    return { id: labelStreamId(label), count: mine.reduce((n, s) => n + (counts.get(s.id) ?? 0), 0), newestItemTimestampUsec: usec(Math.max(0, ...mine.map((s) => s.lastFetchAt ?? 0))) };
  });
  const newest = Math.max(0, ...subs.map((s) => s.lastFetchAt ?? 0));
  const total = { id: stateStreamId('reading-list'), count: counts.get(0) ?? 0, newestItemTimestampUsec: usec(newest) };
  return c.json({ max: Math.max(1000, total.count), unreadcounts: [...perFeed, ...perLabel, total] });
}
