/**
 * `feedkeeper demo`: the whole pipeline on this machine, no internet needed. Starts a small news
 * site on loopback, subscribes to it (by its home page, so discovery picks the feed), fetches,
 * has the site revise a story, fetches again, and shows what was kept.
 */
import { readFile } from 'node:fs/promises';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { startDemoSite } from '../demo/demo-site.js';
import { recordFilePath } from '../../ingest/index.js';
import type { StoredRevision } from '../../store/index.js';
import { addFeed } from './add.js';
import { describeTotals, fetchFeeds } from './fetch.js';
import { searchCommand } from './search.js';
import { listCommand } from './subscriptions.js';

export async function demoCommand(app: App, io: CliIo): Promise<number> {
  const site = await startDemoSite(app.clock.now());
  try {
    await io.stdout(`demo news site running at ${site.url}\ndata directory: ${app.dataDir}\n\n`);
    for (const url of [site.url + '/', `${site.url}/en/atom.xml`, `${site.url}/feed.json`]) {
      const existing = await (await app.store()).feeds.getByUrl(url === site.url + '/' ? `${site.url}/zh/rss.xml` : url);
      if (existing) continue;
      const { feed, others } = await addFeed(app, url, { check: true, tag: ['demo'] });
      await io.stdout(`subscribed to ${feed.url}${others.length ? ` (found on ${url}; it also offers ${others.map((o) => o.url).join(', ')})` : ''}\n`);
    }
    await io.stdout('\nfirst fetch:\n');
    await io.stdout(describeTotals(await fetchFeeds(app, [], null)));
    site.revise();
    await io.stdout('\nthe site revised a story; fetching again:\n');
    await io.stdout(describeTotals(await fetchFeeds(app, [], null)));
    await io.stdout('\n');
    await listCommand(app, {}, io);
    const store = await app.store();
    // Show the revised story with the most text: the one whose full text came from its page.
    let shown: StoredRevision | null = null;
    for await (const rev of store.articles.revisions()) if (rev.revision === 1 && rev.html.length > (shown?.html.length ?? -1)) shown = rev;
    if (shown) {
      const path = recordFilePath(app.archiveDir, shown);
      await io.stdout(`\na revised article (full text extracted from its page), as its record file ${path}:\n\n${(await readFile(path, 'utf8')).slice(0, 600)}\n`);
    }
    await io.stdout('\nsearching in Traditional characters finds the Simplified articles: feedkeeper search 圖書館\n\n');
    await searchCommand(app, '圖書館', {}, io);
    await io.stdout(`\nevery article and revision is in the database and under ${app.archiveDir}\n`);
    return 0;
  } finally {
    await site.close();
  }
}
