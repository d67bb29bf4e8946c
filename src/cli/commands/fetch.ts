/**
 * `feedkeeper fetch [FEED...]`: refresh the named feeds (all enabled ones by default) now, through
 * the same queue and limits as `run`, with a progress bar on a terminal and plain lines elsewhere.
 */
import { describeError } from '../../core/index.js';
import { refreshFeed, writePendingRecords, type RefreshSummary } from '../../ingest/index.js';
import { refreshJobId } from '../../schedule/index.js';
import type { Feed } from '../../store/index.js';
import type { App } from '../app.js';
import { findFeed } from '../feed-ref.js';
import { feedName } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { startProgress } from '../progress.js';
import { deliverWebhooksNow } from './webhook.js';

export interface FetchTotals {
  feeds: number;
  updated: number;
  unchanged: number;
  newArticles: number;
  newRevisions: number;
  errors: Array<{ feed: string; error: string }>;
}

export async function fetchFeeds(app: App, refs: string[], io: CliIo | null): Promise<FetchTotals> {
  const deps = await app.ingest();
  await writePendingRecords(deps.store, deps.archiveDir);
  const feeds: Feed[] = refs.length > 0 ? await Promise.all(refs.map((r) => findFeed(deps.store, r))) : (await deps.store.feeds.list()).filter((f) => f.enabled && f.subscribers > 0);
  const totals: FetchTotals = { feeds: feeds.length, updated: 0, unchanged: 0, newArticles: 0, newRevisions: 0, errors: [] };
  const byId = new Map(feeds.map((f) => [f.id, f]));
  const progress = io?.isTty ? startProgress('fetch', feeds.length, { write: io.stderr, isTty: true }) : null;
  const queue = await app.createQueue();
  queue.process(
    'refreshFeed',
    async ({ feedId }) => {
      let summary: RefreshSummary;
      try {
        summary = await refreshFeed(deps, feedId);
      } catch (err) {
        // The store itself failed (disk full, read-only): nothing of this feed was half-written.
        summary = { feedId, status: 'error', newArticles: 0, newRevisions: 0, error: describeError(err) };
      }
      tally(totals, summary, byId.get(feedId));
      progress?.tick();
      if (io && !io.isTty) io.stderr(`${plainLine(summary, byId.get(feedId))}\n`);
    },
    { concurrency: app.globalConcurrency },
  );
  for (const f of feeds) await queue.add('refreshFeed', { feedId: f.id }, { jobId: refreshJobId(f.id) });
  await queue.drain();
  await queue.close();
  progress?.done();
  return totals;
}

function tally(t: FetchTotals, s: RefreshSummary, feed: Feed | undefined): void {
  if (s.status === 'ok') t.updated++;
  else if (s.status === 'not-modified') t.unchanged++;
  else if (s.status !== 'skipped' && s.error !== null) t.errors.push({ feed: feed ? `${feed.id} ${feedName(feed)}` : String(s.feedId), error: s.error });
  t.newArticles += s.newArticles;
  t.newRevisions += s.newRevisions;
}

function plainLine(s: RefreshSummary, feed: Feed | undefined): string {
  const name = feed ? `${feed.id} ${feedName(feed)}` : String(s.feedId);
  if (s.status === 'ok') return `fetched ${name}: ${s.newArticles} new, ${s.newRevisions} revised`;
  return `${s.status} ${name}${s.error ? `: ${s.error}` : ''}`;
}

export function describeTotals(t: FetchTotals): string {
  const lines = [
    `feeds: ${t.feeds} (${t.updated} fetched, ${t.unchanged} unchanged (304), ${t.errors.length} errors); new articles: ${t.newArticles}; new revisions: ${t.newRevisions}`,
    ...t.errors.map((e) => `  error: ${e.feed}: ${e.error}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function fetchCommand(app: App, refs: string[], io: CliIo): Promise<number> {
  const totals = await fetchFeeds(app, refs, io);
  await io.stdout(describeTotals(totals));
  // Run from cron, `fetch` is the whole service: what it stored is announced now.
  const hooks = await deliverWebhooksNow(app);
  if (hooks.delivered + hooks.retry + hooks.failed > 0) await io.stdout(`webhooks: ${hooks.delivered} delivered, ${hooks.retry} to retry, ${hooks.failed} failed\n`);
  return totals.errors.length === 0 ? 0 : 1;
}
