/**
 * Changing state: edit-tag (`a`/`r` of read, starred, kept-unread on many `i`) and
 * mark-all-as-read (a stream, up to `ts`: what the client had seen, so articles that arrived
 * since stay unread). Every parameter is checked before anything is written, so a refused request
 * changes nothing. Google's other states (fresh, tracking-*, broadcast) are accepted and ignored;
 * labels on single items are too (feedkeeper's labels are tags on subscriptions). Answers are the
 * plain `OK` clients compare against.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { ServeDeps } from '../deps.js';
import type { Caller } from './authenticate.js';
import { itemIdsParam, LIMITS, requiredParam, timeParam, type Params } from './params.js';
import { parseStreamParam, resolveStream } from './stream-filter.js';

interface Change {
  read?: boolean;
  starred?: boolean;
}

export async function editTag(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  const ids = itemIdsParam(p, LIMITS.editIds);
  const change: Change = {};
  const set = (key: keyof Change, value: boolean, raw: string) => {
    if (change[key] !== undefined && change[key] !== value) throw new FeedkeeperError('USAGE', `a/r: ${raw} contradicts another tag of this request`);
    change[key] = value;
  };
  for (const [name, adding] of [['a', true], ['r', false]] as const) {
    for (const raw of p.all(name)) {
      const ref = parseStreamParam(raw, caller.user.id, name);
      if (ref.kind !== 'state') continue; // labels per item and Google's other states: nothing to keep
      if (ref.state === 'read') set('read', adding, raw);
      else if (ref.state === 'starred') set('starred', adding, raw);
      else if (ref.state === 'kept-unread' && adding) set('read', false, raw);
    }
  }
  if (p.all('a').length + p.all('r').length === 0) throw new FeedkeeperError('USAGE', 'a/r: expected a tag to add (a) or remove (r)');
  if (change.read !== undefined || change.starred !== undefined) await deps.store.entries.mark(caller.user.id, ids, change);
  return c.text('OK');
}

export async function markAllAsRead(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  const raw = requiredParam(p, 's', 'the stream to mark read (user/-/state/com.google/reading-list, a label or a feed)');
  const subs = await deps.store.subscriptions.list(caller.user.id);
  const ts = timeParam(p, 'ts');
  const stream = resolveStream(raw, caller.user.id, subs, { one: () => undefined, all: () => [] });
  // ts is the newest item the client had (often its own timestampUsec): that one is included.
  const until = (ts ?? deps.clock.now()) + 1;
  await deps.store.entries.markAllRead({ ...stream.filter, crawledUntilMs: Math.min(until, stream.filter.crawledUntilMs ?? Infinity) });
  return c.text('OK');
}
