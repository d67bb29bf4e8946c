/**
 * The serve archive's readers (serve-archive.ts builds the archive around them): accounts with a
 * session and an API token, subscriptions, their own feed names and tags, and read marks.
 *
 * Subscriptions come two ways, for the build's sake. Those with a name or tags go through
 * store.subscriptions.add while the feeds are still empty (a handful per reader). The plain ones,
 * about 10,000 of them, are written in one transaction once the articles are stored, and each
 * reader's unread total (users.reach_unread) is counted from scratch as migration 006 counts it:
 * through the store, every subscription would run counts.ts's reach counter, whose "does another
 * of the user's subscriptions reach it" probe walks all of the user's subscriptions for each
 * article (EXPLAIN QUERY PLAN: SEARCH o USING PRIMARY KEY (user_id=?), then feed_articles per
 * subscription). For 52 readers of 200 feeds that is minutes at 200,000 articles, either way
 * round: subscribing first makes every stored article pay it once per subscriber
 * (countFeedLink), subscribing later makes every subscription pay it once per article of the
 * feed (countReach). The store's own counters are then checked against what the bench marked
 * (checkCounts), so the shortcut cannot leave the archive in a state the store would not.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { hashPassword, hashSecret, newApiToken, newPassword } from '../src/serve/index.js';
import type { Store, SubscriptionPatch } from '../src/store/index.js';
import type { ArchiveFeed } from './gen/archive.js';
import type { Rng } from './gen/prng.js';

/** A signed-in reader: the bench user, or one of the others. */
export interface BenchReader {
  userId: number;
  username: string;
  /** The session cookie's value (fk_session) and the API token, both secrets. */
  cookie: string;
  token: string;
  /** The feeds subscribed to, by id. */
  feedIds: number[];
  /** How many of those subscriptions carry the reader's own name or tags. */
  personal: number;
  /** Articles the reader's subscriptions reach, and how many of them are marked read. */
  reach: number;
  readCount: number;
}

export type Account = Omit<BenchReader, 'reach' | 'readCount'>;

/** Per reader: their own name for this many feeds, and this many tags, each on TAGGED feeds. */
const NAMED = 3;
const TAGS = 2;
const TAGGED = 3;
const NAME_WORDS = { zh: ['常看', '必读', '本地', '晚上看', '收藏'], en: ['daily', 'must read', 'local', 'later', 'keep'] } as const;
const TAG_WORDS = ['新闻', '科技', '财经', '体育', '文化', 'news', 'tech', 'money', 'sport', 'culture'] as const;
/** The readers never sign in with a password; a cheap hash keeps setup fast. */
const CHEAP_COST = { N: 1024, r: 8, p: 1 };
const SESSION_TTL_MS = 24 * 3_600_000;

/**
 * A reader with a browser session and an API token, subscribed (through the store) to the feeds
 * `personal` names or tags. `feedIds` are all the feeds the reader will read: subscribeRest adds the others.
 */
export async function createAccount(store: Store, who: { username: string; isAdmin: boolean }, feedIds: readonly number[], personal = new Map<number, SubscriptionPatch>()): Promise<Account> {
  const user = await store.users.create({ ...who, passwordHash: await hashPassword(newPassword(), CHEAP_COST) });
  for (const [feedId, settings] of personal) await store.subscriptions.add(user.id, feedId, settings);
  const token = newApiToken();
  await store.tokens.create({ userId: user.id, name: 'serve bench', tokenHash: hashSecret(token) });
  const cookie = randomBytes(32).toString('base64url');
  const now = Date.now();
  await store.sessions.create({ idHash: hashSecret(cookie), userId: user.id, csrfToken: randomBytes(32).toString('base64url'), createdAt: now, expiresAt: now + SESSION_TTL_MS });
  return { userId: user.id, username: who.username, cookie, token, feedIds: [...feedIds], personal: personal.size };
}

/** A reader's own names (NAMED feeds) and tags (TAGS of them, each on TAGGED feeds) over their feeds, drawn from rng. */
export function personalSettings(rng: Rng, feeds: readonly ArchiveFeed[], feedIds: readonly number[]): Map<number, SubscriptionPatch> {
  const settings = new Map<number, { titleOverride?: string; tags?: string[] }>();
  const pickFeed = (): { feed: ArchiveFeed; id: number } => {
    const k = rng.int(0, feeds.length - 1);
    const feed = feeds[k];
    const id = feedIds[k];
    if (feed === undefined || id === undefined) throw new Error('serve: a reader has no feeds to name or tag');
    return { feed, id };
  };
  for (let n = 0; n < NAMED; n++) {
    const { feed, id } = pickFeed();
    const section = feed.title.split(' · ').at(-1) ?? feed.title;
    settings.set(id, { ...settings.get(id), titleOverride: `${section} · ${rng.pick(NAME_WORDS[feed.lang])}` });
  }
  const tags = new Set<string>();
  while (tags.size < TAGS) tags.add(rng.pick(TAG_WORDS));
  for (const tag of tags) {
    for (let n = 0; n < TAGGED; n++) {
      const { id } = pickFeed();
      const current = settings.get(id);
      settings.set(id, { ...current, tags: [...new Set([...(current?.tags ?? []), tag])] });
    }
  }
  return settings;
}

/**
 * Subscribes every reader to the rest of their feeds (no name, no tags) in one transaction on a
 * connection of its own, with the store closed, then counts each reader's unread total (no entry
 * is read yet: every article the subscriptions reach). See the note at the top.
 */
export function subscribeRest(file: string, readers: readonly Account[]): void {
  const db = new Database(file);
  try {
    const now = Date.now();
    const insert = db.prepare('insert or ignore into subscriptions (user_id, feed_id, title_override, created_at) values (?, ?, null, ?)');
    const reach = db.prepare(`update users set reach_unread = (
      select count(distinct fa.article_id) from subscriptions s join feed_articles fa on fa.feed_id = s.feed_id where s.user_id = users.id) where id = ?`);
    db.transaction(() => {
      for (const reader of readers) {
        for (const feedId of reader.feedIds) insert.run(reader.userId, feedId, now);
        reach.run(reader.userId);
      }
    })();
  } finally {
    db.close();
  }
}

/**
 * Marks read, of the entries the reader reaches, the newest `newest` ids of the archive and those
 * `sometimes` picks (called once for each entry it reaches, oldest first). Returns what the reader
 * reaches and how many were marked.
 */
export async function markRead(store: Store, userId: number, total: number, reaches: (id: number) => boolean, sometimes: (id: number) => boolean, newest: number): Promise<{ reach: number; readCount: number }> {
  const ids: number[] = [];
  let reach = 0;
  for (let id = 1; id <= total; id++) {
    if (!reaches(id)) continue;
    reach++;
    if (sometimes(id) || id > total - newest) ids.push(id);
  }
  const marked = await store.entries.mark(userId, ids, { read: true });
  if (marked !== ids.length) throw new Error(`serve: marking ${ids.length} entries read for user ${userId} found ${marked} of them`);
  return { reach, readCount: marked };
}

/** The store's view of each reader must be what the bench built: every subscription, and its unread total. */
export async function checkCounts(store: Store, readers: readonly BenchReader[]): Promise<void> {
  for (const reader of readers) {
    const subscriptions = await store.subscriptions.list(reader.userId);
    const unread = (await store.entries.unreadCounts(reader.userId)).get(0) ?? 0;
    const personal = subscriptions.filter((s) => s.titleOverride !== null || s.tags.length > 0).length;
    if (subscriptions.length !== reader.feedIds.length || personal !== reader.personal || unread !== reader.reach - reader.readCount) {
      throw new Error(
        `serve: the store sees ${reader.username} with ${subscriptions.length} subscriptions (${personal} named or tagged) and ${unread} unread; ` +
          `the bench built ${reader.feedIds.length} (${reader.personal}) and ${reader.reach - reader.readCount} (${reader.reach} reached − ${reader.readCount} read)`,
      );
    }
  }
}
