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
import { parseStreamId } from './stream-id.js';
import { namedStream } from './stream-filter.js';

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
      // Google's other states (newsboat's "mark unread" adds tracking-kept-unread) parse as
      // 'ignored': accepted and skipped, like labels per item; only what names nothing is refused.
      const ref = parseStreamId(raw, caller.user.id);
      if (ref === null) throw new FeedkeeperError('USAGE', `${name}: expected a stream id (user/-/state/com.google/read, …/starred, …/kept-unread or user/-/label/NAME), got ${JSON.stringify(raw.slice(0, 200))}`);
      if (ref.kind !== 'state') continue;
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
  const stream = namedStream(raw, caller.user.id, subs);
  // ts is the newest item the client had (often its own timestampUsec): that one is included.
  await deps.store.entries.markAllRead({ ...stream.filter, crawledUntilMs: (ts ?? deps.clock.now()) + 1 });
  return c.text('OK');
}
