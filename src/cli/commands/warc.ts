/**
 * `feedkeeper warc export|import`: standalone WARCs out of the archive's captures, and WARCs other
 * tools wrote into it. Captures are chosen by URL through the index: an article's link, a feed's
 * URL and its articles' links, or everything captured since a date.
 */
import { join, resolve } from 'node:path';
import type { CaptureEntry, WarcArchive } from '../../warc/index.js';
import { exportWarc, importWarc } from '../../warc/index.js';
import type { App } from '../app.js';
import { findFeed } from '../feed-ref.js';
import { UsageError, type CliIo } from '../io.js';
import { parseSince } from './records.js';
import { articleIdOf } from './verify.js';

export interface WarcExportOptions {
  article?: string;
  feed?: string;
  since?: string;
  out: string;
}

export async function warcExportCommand(app: App, opts: WarcExportOptions, io: CliIo): Promise<number> {
  const chosen = [opts.article, opts.feed, opts.since].filter((v) => v !== undefined).length;
  if (chosen !== 1) throw new UsageError('warc export: give exactly one of --article ID, --feed ID, --since DATE');
  const archive = await app.warcStore();
  const captures = await choose(app, archive, opts);
  const out = resolve(io.cwd, opts.out);
  const records = await exportWarc(archive, join(app.dataDir, 'warc'), captures, out);
  await io.stdout(`wrote ${records} record(s) of ${captures.length} capture(s) to ${out}\n`);
  return captures.length > 0 ? 0 : 1;
}

async function choose(app: App, archive: WarcArchive, opts: WarcExportOptions): Promise<CaptureEntry[]> {
  if (opts.since !== undefined) {
    const since = parseSince(opts.since);
    return archive.all().filter((e) => Date.parse(e.date) >= since);
  }
  const store = await app.store();
  const urls = new Set<string>();
  if (opts.feed !== undefined) {
    const feed = await findFeed(store, opts.feed);
    urls.add(feed.url);
    for await (const rev of store.articles.revisions({ feedId: feed.id })) urls.add(rev.link);
  } else {
    const id = articleIdOf(opts.article ?? '');
    for await (const rev of store.articles.revisions({ articleId: id })) urls.add(rev.link);
    if (urls.size === 0) throw new UsageError(`--article: no article with id ${id}`);
  }
  return [...urls].flatMap((url) => archive.captures(url));
}

export async function warcImportCommand(app: App, files: string[], io: CliIo): Promise<number> {
  const archive = await app.warcStore();
  for (const file of files) {
    const { records, skipped } = await importWarc(archive, resolve(io.cwd, file));
    await io.stdout(`${file}: imported ${records} record(s), skipped ${skipped} already stored\n`);
  }
  return 0;
}
