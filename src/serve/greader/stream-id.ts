/**
 * Google Reader stream ids → what they mean here. A stream is a state of the user's own
 * (`user/-/state/com.google/reading-list|read|starred|kept-unread`), one of their labels
 * (`user/-/label/<tag>`: a tag on their subscriptions), or one subscription (`feed/<id>`, or
 * `feed/<url>` as FeedHQ-era clients and OPML-minded ones write it). `user/<their numeric id>/…`
 * means the same as `user/-/…`; another user's id names nothing they may read.
 *
 * States clients send that feedkeeper keeps nothing for (fresh, tracking-*, broadcast, like) parse
 * as `ignored`, so edit-tag can accept and skip them; as a stream to read they are refused.
 */
export type StreamState = 'reading-list' | 'read' | 'starred' | 'kept-unread';

export type StreamRef =
  | { kind: 'state'; state: StreamState }
  | { kind: 'label'; label: string }
  | { kind: 'feed'; feedId: number }
  | { kind: 'feed-url'; url: string }
  | { kind: 'ignored'; name: string };

const STATES: ReadonlySet<string> = new Set<StreamState>(['reading-list', 'read', 'starred', 'kept-unread']);
/** Google's other states, which clients add and remove along with the ones above (newsboat does). */
const IGNORED_STATES: ReadonlySet<string> = new Set(['fresh', 'tracking-kept-unread', 'tracking-body-link-used', 'tracking-emailed', 'tracking-item-link-used', 'broadcast', 'broadcast-friends', 'like', 'created']);
const USER = /^user\/(-|[0-9]{1,15})\/(state\/com\.google|label)\/(.+)$/;
const FEED_ID = /^[0-9]{1,15}$/;
const MAX_LABEL = 200;

/** The stream `raw` names for the user `userId`, or null when it names none (the caller says so). */
export function parseStreamId(raw: string, userId: number): StreamRef | null {
  const text = raw.trim();
  if (text.startsWith('feed/')) return parseFeedStream(text.slice('feed/'.length));
  const match = USER.exec(text);
  if (match === null) return null;
  const [, who, space, name] = match as unknown as [string, string, string, string];
  if (who !== '-' && Number(who) !== userId) return null;
  if (space === 'label') {
    const label = name.trim();
    return label === '' || label.length > MAX_LABEL ? null : { kind: 'label', label };
  }
  if (STATES.has(name)) return { kind: 'state', state: name as StreamState };
  if (IGNORED_STATES.has(name)) return { kind: 'ignored', name };
  return null;
}

function parseFeedStream(rest: string): StreamRef | null {
  if (FEED_ID.test(rest)) {
    const feedId = Number(rest);
    return feedId >= 1 ? { kind: 'feed', feedId } : null;
  }
  // A URL id: clients send it raw or percent-encoded once more (newsboat escapes the whole id).
  for (const candidate of [rest, safeDecode(rest)]) {
    // Normalised as subscribing stores it (lower-case host, a path), so the same URL finds its feed.
    if (candidate !== null && /^https?:\/\/[^\s]+$/i.test(candidate) && URL.canParse(candidate)) return { kind: 'feed-url', url: new URL(candidate).href };
  }
  return null;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The stream id feedkeeper writes for a subscription. */
export function feedStreamId(feedId: number): string {
  return `feed/${feedId}`;
}

export function labelStreamId(label: string): string {
  return `user/-/label/${label}`;
}

export function stateStreamId(state: StreamState | 'fresh'): string {
  return `user/-/state/com.google/${state}`;
}
