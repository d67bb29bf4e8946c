/**
 * Writes what a fetch did to a feed's own row (status, error, failure count, next check, validators,
 * title, permanent moves). Shared by recordFetch and applyRefresh so both store a fetch the same way.
 *
 * Optional fields of FeedFetchState change the row only when given (not undefined); null clears them.
 * A permanent redirect to a URL that another subscription already has keeps the old URL (two rows
 * cannot share one) and says so in lastError, instead of failing the refresh and losing its articles.
 */
import type { Updateable } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import type { FeedFetchState } from '../store.js';
import type { Db } from './context.js';
import type { FeedsTable } from './schema.js';

export interface FeedIdentity {
  id: number;
  url: string;
}

/** Loads the id and URL of a feed, or throws NOT_FOUND saying what could not be done. */
export async function requireFeed(db: Db, id: number, doing: string): Promise<FeedIdentity & { slug: string }> {
  const row = await db.selectFrom('feeds').select(['id', 'url', 'slug']).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new FeedkeeperError('NOT_FOUND', `${doing}: no feed with id ${id}`, { details: { feedId: id } });
  return row;
}

export async function applyFetchState(db: Db, feed: FeedIdentity, state: FeedFetchState): Promise<void> {
  const update: Updateable<FeedsTable> = {
    last_status: state.status,
    last_fetch_at: state.fetchedAt,
    last_error: state.error,
    consecutive_failures: state.consecutiveFailures,
    next_check_at: state.nextCheckAt,
    schedule_reason: state.scheduleReason,
  };
  if (state.etag !== undefined) update.etag = state.etag;
  if (state.lastModified !== undefined) update.last_modified = state.lastModified;
  if (state.title !== undefined) update.title = state.title;
  if (state.siteUrl !== undefined) update.site_url = state.siteUrl;
  if (state.newUrl !== undefined && state.newUrl !== null && state.newUrl !== feed.url) {
    const holder = await db.selectFrom('feeds').select('id').where('url', '=', state.newUrl).executeTakeFirst();
    if (holder === undefined) {
      update.url = state.newUrl;
    } else {
      const note = `moved permanently to ${state.newUrl}, which is already subscribed (feed ${holder.id}); kept the old URL`;
      update.last_error = state.error === null ? note : `${state.error}; ${note}`;
    }
  }
  await db.updateTable('feeds').set(update).where('id', '=', feed.id).execute();
}
