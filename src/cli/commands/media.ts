/**
 * `feedkeeper media fetch [ids]`: download the images waiting in the media queue now (or those of
 * the given articles, queued again at their latest revision), as `run` does in the background.
 * Each failure is printed with its reason; the articles are never touched.
 */
import { describeError } from '../../core/index.js';
import { fetchArticleMedia } from '../../media/index.js';
import { mediaJobId } from '../../schedule/index.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';
import { articleIdOf } from './verify.js';
import { startProgress } from '../progress.js';

export async function mediaFetchCommand(app: App, refs: string[], io: CliIo): Promise<number> {
  const deps = await app.media();
  const { store } = deps;
  const refIds = refs.map(articleIdOf);
  if (refIds.length > 0) {
    const items: Array<{ articleId: number; revision: number }> = [];
    for (const articleId of refIds) {
      const entry = await store.entries.get({ userId: 0, archive: true }, articleId);
      if (entry === null) throw new UsageError(`there is no article ${articleId}`);
      items.push({ articleId, revision: entry.revisions[entry.revisions.length - 1]?.revision ?? 0 });
    }
    await store.media.enqueue(items, deps.clock.now());
  }
  const ids = refIds.length > 0 ? refIds : await store.media.pending(1_000_000);
  const progress = io.isTty ? startProgress('images', ids.length, { write: io.stderr, isTty: true }) : null;
  const totals = { stored: 0, failed: 0, off: 0, newBytes: 0, errors: 0 };
  const queue = await app.createQueue();
  queue.process('fetchMedia', async ({ articleId }) => {
    try {
      const summary = await fetchArticleMedia(deps, articleId);
      totals.stored += summary.stored;
      totals.failed += summary.failed;
      totals.newBytes += summary.newBytes;
      if (summary.outcome === 'off') totals.off++;
      for (const f of summary.failures) io.stderr(`#${articleId} ${f.url}: ${f.reason}\n`);
    } catch (err) {
      totals.errors++;
      io.stderr(`#${articleId}: failed: ${describeError(err)}\n`);
    }
    progress?.tick();
  }, { concurrency: deps.concurrency });
  for (const articleId of ids) await queue.add('fetchMedia', { articleId }, { jobId: mediaJobId(articleId) });
  await queue.drain();
  await queue.close();
  progress?.done();
  const off = totals.off > 0 ? `; ${totals.off} with images off` : '';
  await io.stdout(`images of ${ids.length} article(s): ${totals.stored} stored, ${totals.failed} failed, ${totals.newBytes} new bytes on disk${off}${totals.errors ? `; ${totals.errors} article(s) failed` : ''}\n`);
  return totals.errors > 0 ? 1 : 0;
}
