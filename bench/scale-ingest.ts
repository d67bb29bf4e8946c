/**
 * Part (b) of the scale suite: a cold ingest of the loopback multi-feed site (bench/gen/feed-site.ts,
 * as the ingest suite serves it) through `feedkeeper fetch`'s own code (fetchFeeds: queue,
 * refreshFeed, record files) into SQLite, into PostgreSQL with one pipeline, and into PostgreSQL
 * with two pipelines at once, each fetching half of the feeds. The two "workers" are simulated:
 * two Apps in this one process, each with its own PostgreSQL pool, fetcher (its own fetch slots)
 * and in-memory queue, over one database and one data directory. They share this process's CPU,
 * so parsing and cleaning do not scale out as separate worker processes would; what it shows is
 * whether concurrent writers on PostgreSQL slow each other down. Failed refreshes are counted and
 * the first one is quoted: a feed that failed stored nothing, so its articles are missing from the
 * row's count and rate.
 */
import type { FetchTotals } from '../src/cli/commands/fetch.js';
import { fetchFeeds } from '../src/cli/commands/fetch.js';
import type { App } from '../src/cli/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import type { PostgresServer } from '../test/postgres-server.js';
import { withTempDir } from './cleanup.js';
import { startFeedSite, type FeedSite } from './gen/feed-site.js';
import { openBenchApp, subscribeAll } from './ingest.js';
import { formatInt, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { BenchContext } from './suite.js';

const FEEDS = { full: 1000, quick: 100 } as const;
const ITEMS_PER_FEED = 50;

interface Outcome {
  name: string;
  ms: number;
  articles: number;
  errors: number;
  /** The first error, as fetch reports it. */
  firstError: string | null;
}

export async function measureColdIngest(ctx: BenchContext, server: PostgresServer): Promise<string> {
  const feeds = ctx.quick ? FEEDS.quick : FEEDS.full;
  process.stderr.write(`scale: rendering ${formatInt(feeds)} feeds × ${ITEMS_PER_FEED} items in the site process…\n`);
  const site = await startFeedSite({ seed: ctx.seed, feeds, itemsPerFeed: ITEMS_PER_FEED });
  try {
    const outcomes: Outcome[] = [];
    outcomes.push(await pass('SQLite · 1 process', site, 1, null));
    outcomes.push(await pass('PostgreSQL · 1 pipeline', site, 1, await server.createDatabase()));
    outcomes.push(await pass('PostgreSQL · 2 pipelines (simulated workers)', site, 2, await server.createDatabase()));
    const sqliteMs = outcomes[0]?.ms ?? Number.NaN;
    const table = renderTable(
      [{ header: 'setup' }, { header: 'time', align: 'right' }, { header: 'articles', align: 'right' }, { header: 'articles/s', align: 'right' }, { header: '÷ SQLite', align: 'right' }, { header: 'errors', align: 'right' }],
      outcomes.map((o) => [o.name, formatMs(o.ms), formatInt(o.articles), formatRate(o.articles / (o.ms / 1000)), formatRatio(o.ms / sqliteMs), String(o.errors)]),
    );
    return renderSection(`scale · cold ingest of ${formatInt(feeds)} loopback feeds × ${ITEMS_PER_FEED} items (fetch → parse → store → record files), one run each`, table, [
      '÷ SQLite is time ÷ the SQLite time: above 1 is slower than SQLite.',
      'The 2 "workers" are simulated: two in-process pipelines (own PostgreSQL pool, fetcher and queue each, half the feeds each) sharing',
      'this process\'s CPU, not two worker processes; each pipeline has 8 fetch slots, so 16 in all against 8 in the other rows.',
      ...outcomes.flatMap((o) => (o.firstError === null ? [] : [`first error of ${o.name}: ${o.firstError.slice(0, 300)}`])),
    ]);
  } finally {
    await site.close();
  }
}

async function pass(name: string, site: FeedSite, pipelines: 1 | 2, url: string | null): Promise<Outcome> {
  process.stderr.write(`scale: cold ingest, ${name}…\n`);
  return withTempDir('feedkeeper-bench-scale-ingest-', async (dir) => {
    const open = url === null ? undefined : () => openPostgresStore({ url, poolSize: 10 });
    const apps: App[] = Array.from({ length: pipelines }, () => openBenchApp(dir, open ? { openStore: open } : {}).app);
    try {
      const first = apps[0]!;
      const store = await first.store();
      await subscribeAll(store, site);
      const ids = (await store.feeds.list()).map((f) => String(f.id));
      const shares = apps.map((_, k) => (pipelines === 1 ? [] : ids.filter((_id, i) => i % pipelines === k)));
      for (const app of apps) await app.store();
      const start = process.hrtime.bigint();
      const totals: FetchTotals[] = await Promise.all(apps.map((app, k) => fetchFeeds(app, shares[k] ?? [], null)));
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const errors = totals.flatMap((t) => t.errors);
      const head = errors[0];
      return { name, ms, articles: totals.reduce((n, t) => n + t.newArticles, 0), errors: errors.length, firstError: head === undefined ? null : `${head.feed}: ${head.error}` };
    } finally {
      for (const app of apps) await app.close();
    }
  });
}
