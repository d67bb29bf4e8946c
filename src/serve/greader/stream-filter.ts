/**
 * A stream and its modifiers → the store's EntryFilter for the user: the stream (`s`, or the id in
 * the path) narrows to a state, a label or one subscription; `xt` excludes and `it` includes
 * read or starred (`xt=user/-/state/com.google/read` is "unread", what every client asks); `ot`
 * and `nt` bound the crawl time. A stream the user cannot read (a feed they do not subscribe to)
 * is NOT_FOUND; an id that names nothing, or a combination the filter cannot say (two feeds, a
 * label excluded), is USAGE. Either way nothing is guessed.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { EntryFilter, Subscription } from '../../store/index.js';
import { feedName } from '../../store/index.js';
import type { Params } from './params.js';
import { timeParam } from './params.js';
import { feedStreamId, labelStreamId, parseStreamId, stateStreamId, type StreamRef } from './stream-id.js';

export interface ResolvedStream {
  /** The id as feedkeeper writes it (feed/<id>, user/-/…). */
  id: string;
  title: string;
  filter: EntryFilter;
}

const READING_LIST: StreamRef = { kind: 'state', state: 'reading-list' };

function usage(message: string): FeedkeeperError {
  return new FeedkeeperError('USAGE', message);
}

/** The subscription a feed stream names, or NOT_FOUND. */
export function subscriptionOf(ref: Extract<StreamRef, { kind: 'feed' | 'feed-url' }>, subs: readonly Subscription[], raw: string): Subscription {
  const sub = ref.kind === 'feed' ? subs.find((s) => s.id === ref.feedId) : subs.find((s) => s.url === ref.url);
  if (sub === undefined) throw new FeedkeeperError('NOT_FOUND', `${raw}: no subscription of yours has this feed`);
  return sub;
}

export function parseStreamParam(raw: string, userId: number, name = 's'): StreamRef {
  const ref = parseStreamId(raw, userId);
  if (ref === null || ref.kind === 'ignored') throw usage(`${name}: expected a stream id (user/-/state/com.google/reading-list, user/-/label/<tag>, feed/<id>), got ${JSON.stringify(raw.slice(0, 80))}`);
  return ref;
}

/** The stream `raw` names (the reading list when null), without the request's modifiers. */
export function namedStream(raw: string | null, userId: number, subs: readonly Subscription[]): ResolvedStream {
  const ref = raw === null ? READING_LIST : parseStreamParam(raw, userId);
  return streamBase(ref, raw ?? stateStreamId('reading-list'), userId, subs);
}

/** The stream with the request's modifiers: xt, it, ot, nt. */
export function resolveStream(raw: string | null, userId: number, subs: readonly Subscription[], p: Params): ResolvedStream {
  const base = namedStream(raw, userId, subs);
  const filter: EntryFilter = { ...base.filter };
  for (const x of p.all('xt')) applyModifier(filter, parseStreamParam(x, userId, 'xt'), false, x, subs);
  for (const x of p.all('it')) applyModifier(filter, parseStreamParam(x, userId, 'it'), true, x, subs);
  const since = timeParam(p, 'ot');
  const until = timeParam(p, 'nt');
  if (since !== undefined) filter.crawledSinceMs = since;
  if (until !== undefined) filter.crawledUntilMs = until;
  return { ...base, filter };
}

function streamBase(ref: StreamRef, raw: string, userId: number, subs: readonly Subscription[]): ResolvedStream {
  switch (ref.kind) {
    case 'state':
      switch (ref.state) {
        case 'reading-list':
          return { id: stateStreamId('reading-list'), title: 'Reading list', filter: { userId } };
        case 'read':
          return { id: stateStreamId('read'), title: 'Read items', filter: { userId, read: true } };
        case 'starred':
          return { id: stateStreamId('starred'), title: 'Starred items', filter: { userId, starred: true } };
        case 'kept-unread':
          return { id: stateStreamId('kept-unread'), title: 'Unread items', filter: { userId, read: false } };
      }
      break;
    case 'label':
      return { id: labelStreamId(ref.label), title: ref.label, filter: { userId, tag: ref.label } };
    case 'feed':
    case 'feed-url': {
      const sub = subscriptionOf(ref, subs, raw);
      return { id: feedStreamId(sub.id), title: feedName(sub), filter: { userId, feedId: sub.id } };
    }
  }
  throw usage(`s: ${JSON.stringify(raw)} is not a stream to read`);
}

function applyModifier(filter: EntryFilter, ref: StreamRef, include: boolean, raw: string, subs: readonly Subscription[]): void {
  const name = include ? 'it' : 'xt';
  const set = <K extends 'read' | 'starred'>(key: K, value: boolean) => {
    if (filter[key] !== undefined && filter[key] !== value) throw usage(`${name}: ${raw} contradicts the stream (it would match nothing)`);
    filter[key] = value;
  };
  if (ref.kind === 'state') {
    if (ref.state === 'read') return set('read', include);
    if (ref.state === 'starred') return set('starred', include);
    if (ref.state === 'kept-unread') return set('read', !include);
    if (ref.state === 'reading-list' && include) return;
  }
  if (include && ref.kind === 'label' && filter.tag === undefined) {
    filter.tag = ref.label;
    return;
  }
  if (include && (ref.kind === 'feed' || ref.kind === 'feed-url') && filter.feedId === undefined) {
    filter.feedId = subscriptionOf(ref, subs, raw).id;
    return;
  }
  throw usage(`${name}: ${raw} cannot be combined with this stream; ${name} takes read, starred or kept-unread${include ? ', or one label or feed' : ''}`);
}
