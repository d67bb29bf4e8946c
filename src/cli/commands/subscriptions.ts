/**
 * `remove`, `list`, `tag` and `set`: managing one user's subscriptions once they exist (`--user`,
 * else the admin). Names and tags are the user's own; how a feed is fetched is shared by all its
 * subscribers, so `set` changes that only for an admin or the feed's only subscriber.
 */
import { parseWatchPlan } from '../../schedule/index.js';
import { FEED_LIMITS } from '../../core/index.js';
import { assertMayChangeFetching } from '../../ingest/index.js';
import type { FeedPatch, FulltextMode, Subscription, SubscriptionPatch } from '../../store/index.js';
import { actingUser, readingUser } from '../acting-user.js';
import type { App } from '../app.js';
import { findSubscription } from '../feed-ref.js';
import { feedName } from '../../store/index.js';
import { UsageError, type CliIo } from '../io.js';
import { renderTable } from '../table.js';

export interface UserOption {
  user?: string;
}

export async function removeCommand(app: App, ref: string, opts: UserOption, io: CliIo): Promise<number> {
  const store = await app.store();
  const { user, feed } = await findSubscription(store, await actingUser(store, opts.user), ref);
  const left = await store.subscriptions.remove(user.id, feed.id);
  const fetching = left === 0 ? 'nobody else subscribes, so it is no longer fetched' : `still fetched for ${left} other subscriber(s)`;
  await io.stdout(`removed subscription ${feed.id} ${feedName(feed)}; its archived articles are kept (${fetching})\n`);
  return 0;
}

export async function listCommand(app: App, opts: UserOption & { json?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const feeds = user === null ? [] : await store.subscriptions.list(user.id);
  if (opts.json) {
    await io.stdout(`${JSON.stringify(feeds, null, 2)}\n`);
    return 0;
  }
  if (feeds.length === 0) {
    await io.stdout('no subscriptions yet: `feedkeeper add URL` or `feedkeeper import-opml FILE`\n');
    return 0;
  }
  const now = app.clock.now();
  const rows = feeds.map((f) => listRow(f, now));
  await io.stdout(
    `${renderTable(
      [{ header: 'id', align: 'right' }, { header: 'title' }, { header: 'status' }, { header: 'last fetch' }, { header: 'next' }, { header: 'articles', align: 'right' }, { header: 'tags' }, { header: 'error' }],
      rows,
    )}\n`,
  );
  return 0;
}

function listRow(f: Subscription, now: number): string[] {
  const status = f.enabled ? f.lastStatus : 'disabled';
  return [
    String(f.id),
    truncate(feedName(f), 40),
    f.consecutiveFailures > 1 ? `${status} ×${f.consecutiveFailures}` : status,
    f.lastFetchAt === null ? 'never' : relative(f.lastFetchAt - now),
    f.enabled ? `${relative(f.nextCheckAt - now)}${f.scheduleReason ? ` (${f.scheduleReason})` : ''}` : '—',
    String(f.articleCount),
    f.tags.join(', '),
    truncate(f.lastError ?? '', 60),
  ];
}

/** "3 min ago", "in 2 h", "now". */
function relative(deltaMs: number): string {
  const abs = Math.abs(deltaMs);
  if (abs < 30_000) return 'now';
  const [n, unit] = abs < 3_600_000 ? [abs / 60_000, 'min'] : abs < 172_800_000 ? [abs / 3_600_000, 'h'] : [abs / 86_400_000, 'd'];
  const text = `${Math.round(n)} ${unit}`;
  return deltaMs < 0 ? `${text} ago` : `in ${text}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export async function tagCommand(app: App, ref: string, tags: string[], opts: UserOption & { remove?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const { user, feed } = await findSubscription(store, await actingUser(store, opts.user), ref);
  const cleaned = tags.map((t) => t.trim()).filter((t) => t !== '');
  if (cleaned.length === 0) throw new UsageError('name at least one tag');
  const next = opts.remove ? feed.tags.filter((t) => !cleaned.includes(t)) : [...new Set([...feed.tags, ...cleaned])];
  if (next.length > FEED_LIMITS.tags) throw new UsageError(`a feed can have at most ${FEED_LIMITS.tags} tags, this would make ${next.length}`);
  const long = next.find((t) => [...t].length > FEED_LIMITS.tagChars);
  if (long !== undefined) throw new UsageError(`tag "${long.slice(0, 20)}…" is longer than ${FEED_LIMITS.tagChars} characters`);
  const updated = await store.subscriptions.update(user.id, feed.id, { tags: next });
  await io.stdout(`${feedName(updated)}: tags ${updated.tags.length ? updated.tags.join(', ') : '(none)'}\n`);
  return 0;
}

export interface SetOptions extends UserOption {
  title?: string;
  minInterval?: string;
  maxInterval?: string;
  userAgent?: string;
  enable?: boolean;
  disable?: boolean;
  fulltext?: string;
  watch?: string;
  images?: string;
}

export async function setCommand(app: App, ref: string, opts: SetOptions, io: CliIo): Promise<number> {
  const store = await app.store();
  const { user, feed } = await findSubscription(store, await actingUser(store, opts.user), ref);
  const own = ownPatch(opts);
  const patch = settingsPatch(opts);
  if (Object.keys(patch).length === 0 && Object.keys(own).length === 0) {
    throw new UsageError('nothing to change: give --title, --min-interval, --max-interval, --user-agent, --enable, --disable, --fulltext, --watch or --images');
  }
  const min = patch.minIntervalMs ?? feed.minIntervalMs;
  const max = patch.maxIntervalMs ?? feed.maxIntervalMs;
  if (min !== null && max !== null && min > max) throw new UsageError(`--min-interval (${min / 60_000} min) is above --max-interval (${max / 60_000} min)`);
  if (Object.keys(patch).length > 0) {
    await assertMayChangeFetching(store, user, feed.id);
    await store.feeds.update(feed.id, patch);
  }
  const updated = Object.keys(own).length > 0 ? await store.subscriptions.update(user.id, feed.id, own) : feed;
  await io.stdout(`updated ${updated.id} ${feedName(updated)}\n`);
  return 0;
}

function ownPatch(opts: SetOptions): SubscriptionPatch {
  if (opts.title === undefined) return {};
  const title = opts.title.trim();
  if ([...title].length > FEED_LIMITS.titleChars) throw new UsageError(`--title: expected at most ${FEED_LIMITS.titleChars} characters, got ${[...title].length}`);
  return { titleOverride: title === '' ? null : title };
}

function settingsPatch(opts: SetOptions): FeedPatch {
  if (opts.enable && opts.disable) throw new UsageError('--enable and --disable contradict each other');
  const patch: FeedPatch = {};
  if (opts.minInterval !== undefined) patch.minIntervalMs = minutes('--min-interval', opts.minInterval);
  if (opts.maxInterval !== undefined) patch.maxIntervalMs = minutes('--max-interval', opts.maxInterval);
  if (opts.userAgent !== undefined) patch.userAgent = opts.userAgent.trim() === '' ? null : opts.userAgent;
  if (opts.enable) patch.enabled = true;
  if (opts.disable) patch.enabled = false;
  if (opts.fulltext !== undefined) {
    if (!['auto', 'always', 'never'].includes(opts.fulltext)) throw new UsageError(`--fulltext: expected auto, always or never, got "${opts.fulltext}"`);
    patch.fulltext = opts.fulltext as FulltextMode;
  }
  if (opts.watch !== undefined) {
    // "default" follows the global setting; anything else must parse (the error names the bad step).
    if (opts.watch.trim() === 'default') patch.watch = null;
    else {
      const plan = parseWatchPlan(opts.watch, '--watch');
      patch.watch = plan === null ? 'off' : opts.watch.trim().toLowerCase().replace(/\s+/g, '');
    }
  }
  if (opts.images !== undefined) {
    const mode = opts.images.trim().toLowerCase();
    if (mode !== 'keep' && mode !== 'off' && mode !== 'default') throw new UsageError(`--images: expected keep, off or default, got "${opts.images}"`);
    patch.images = mode === 'default' ? null : mode;
  }
  return patch;
}

/** Whole minutes within FEED_LIMITS; "default" clears the per-feed bound. */
function minutes(flag: string, value: string): number | null {
  if (value === 'default') return null;
  const n = Number(value);
  const { min, max } = FEED_LIMITS.intervalMinutes;
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag}: expected whole minutes from ${min} to ${max} (or "default"), got "${value}"`);
  return n * 60_000;
}
