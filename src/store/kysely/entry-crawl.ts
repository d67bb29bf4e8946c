/**
 * EntryRepo.crawlIds (SQLite and PostgreSQL): the entries an EntryFilter matches (entry-query.ts, the same
 * query the lists and "mark all read" use, so sync clients see exactly what the reader shows) in
 * id order, which is the order feedkeeper stored them. Walking the primary key needs no index and
 * no sort, and only ids and times leave the database: 10,000 of them cost one statement.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { CrawlListOptions, CrawlRef, EntryFilter, EntryRepo } from '../store.js';
import { guard } from './context.js';
import type { Db, StoreContext } from './context.js';
import { idSlices, matchingEntries } from './entry-query.js';

const MAX_LIMIT = 10_001;

export function crawlMethods(ctx: StoreContext): Pick<EntryRepo, 'crawlIds'> {
  return {
    crawlIds: async (filter, opts) => {
      if (!Number.isSafeInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_LIMIT) {
        throw new FeedkeeperError('USAGE', `crawl ids: expected limit to be an integer from 1 to ${MAX_LIMIT}, got ${String(opts.limit)}`);
      }
      return guard(ctx, undefined, () => crawlIds(ctx.db, filter, opts));
    },
  };
}

async function crawlIds(db: Db, filter: EntryFilter, opts: CrawlListOptions): Promise<CrawlRef[]> {
  const newest = opts.order !== 'oldest';
  const found: CrawlRef[] = [];
  for (const ids of idSlices(filter.ids)) {
    let query = matchingEntries(db, filter, ids).select(['a.id', 'a.created_at']);
    if (opts.afterId !== null) query = query.where('a.id', newest ? '<' : '>', opts.afterId);
    const rows = await query.orderBy('a.id', newest ? 'desc' : 'asc').limit(opts.limit).execute();
    for (const row of rows) found.push({ id: row.id, crawledAt: row.created_at });
  }
  // Slices of an ids filter each give their own first `limit`; merged, the first `limit` overall.
  if (filter.ids !== undefined) found.sort((x, y) => (newest ? y.id - x.id : x.id - y.id));
  return found.slice(0, opts.limit);
}
