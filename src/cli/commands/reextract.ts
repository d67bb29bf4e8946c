/**
 * `feedkeeper reextract [--feed F] [--since DATE]`: extraction and cleaning again from what is
 * stored (pages from the WARC captures, feed HTML from the database), never the network; what now
 * comes out differently is a new revision marked as a re-extraction (ingest/reextract.ts).
 */
import { reextractArticles } from '../../ingest/index.js';
import type { App } from '../app.js';
import { findFeed } from '../feed-ref.js';
import type { CliIo } from '../io.js';
import { startProgress } from '../progress.js';
import { parseSince } from './records.js';

export async function reextractCommand(app: App, opts: { feed?: string; since?: string }, io: CliIo): Promise<number> {
  const sinceMs = opts.since === undefined ? undefined : parseSince(opts.since);
  const deps = await app.ingest();
  const feedId = opts.feed === undefined ? undefined : (await findFeed(deps.store, opts.feed)).id;
  const warc = await app.warcStore();
  const progress = io.isTty ? startProgress('reextract', (await deps.store.articles.count()).articles, { write: io.stderr, isTty: true }) : null;
  const totals = await reextractArticles(
    { store: deps.store, stages: deps.stages, archiveDir: deps.archiveDir, clock: deps.clock, logger: deps.logger, pages: { response: (urls) => warc.response(urls) } },
    { ...(feedId !== undefined ? { feedId } : {}), ...(sinceMs !== undefined ? { sinceMs } : {}) },
    (articleId, outcome) => {
      progress?.tick();
      if (!io.isTty && outcome === 'changed') io.stderr(`#${articleId}: re-extracted, new revision\n`);
    },
  );
  progress?.done();
  const o = totals.outcomes;
  await io.stdout(
    `re-extracted ${totals.articles} article(s) (${totals.fromCapture} from stored pages): ${o.changed} changed, ${o.unchanged} unchanged, ` +
      `${o['no capture']} without a stored page (cleaned again from the stored HTML), ${o['extraction failed']} the rules could not read (kept as they were), ${o.failed} failed\n` +
      totals.failures.map((f) => `  #${f.articleId}: ${f.error}\n`).join(''),
  );
  return o.failed > 0 ? 1 : 0;
}
