/** `import-opml FILE` and `export-opml [FILE]`: subscriptions in and out as OPML. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FeedkeeperError } from '../../core/index.js';
import { importOpmlFeeds, subscriptionsOpml, type OpmlImportSummary } from '../../ingest/index.js';
import { actingUser, readingUser } from '../acting-user.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { startProgress, type Progress } from '../progress.js';

/** Subscribes the user (`opts.user`, else the admin) to an OPML file's feeds; `opts.progress` draws a bar. */
export async function importOpml(app: App, bytes: Uint8Array, opts: { user?: string; progress?: boolean }, io: CliIo): Promise<OpmlImportSummary> {
  const store = await app.store();
  const user = await actingUser(store, opts.user);
  const shown: { progress: Progress | null } = { progress: null };
  const summary = await importOpmlFeeds({ store, clock: app.clock }, user.id, bytes, {
    start: (total) => void (shown.progress = opts.progress === false ? null : startProgress('import-opml', total, { write: io.stderr, isTty: io.isTty })),
    tick: () => shown.progress?.tick(),
  });
  shown.progress?.done();
  return summary;
}

export async function importOpmlCommand(app: App, file: string, opts: { user?: string }, io: CliIo): Promise<number> {
  const bytes = await readInput(file, io.cwd);
  const s = await importOpml(app, bytes, opts, io);
  await io.stdout(`imported ${s.added} feed(s) from ${file}\n`);
  if (s.alreadySubscribed.length) await io.stdout(`skipped ${s.alreadySubscribed.length} already subscribed: ${s.alreadySubscribed.join(', ')}\n`);
  if (s.duplicatesInFile.length) await io.stdout(`skipped ${s.duplicatesInFile.length} listed twice in the file: ${s.duplicatesInFile.join(', ')}\n`);
  for (const w of s.warnings) io.stderr(`warning: ${w}\n`);
  return 0;
}

export async function exportOpmlCommand(app: App, file: string | undefined, opts: { user?: string }, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const feeds = user === null ? [] : await store.subscriptions.list(user.id);
  const xml = subscriptionsOpml(feeds, app.clock.now());
  if (file === undefined || file === '-') await io.stdout(xml);
  else {
    await writeFile(resolve(io.cwd, file), xml);
    await io.stdout(`wrote ${feeds.length} subscription(s) to ${file}\n`);
  }
  return 0;
}

async function readInput(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FeedkeeperError('NOT_FOUND', code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}
