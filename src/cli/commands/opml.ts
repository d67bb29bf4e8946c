/** `import-opml FILE` and `export-opml [FILE]`: subscriptions in and out as OPML. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FeedkeeperError } from '../../core/index.js';
import { parseOpml } from '../../parse/index.js';
import { writeOpml } from '../../publish/index.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export interface OpmlImportSummary {
  added: number;
  alreadySubscribed: string[];
  duplicatesInFile: string[];
  warnings: string[];
}

export async function importOpml(app: App, bytes: Uint8Array, io?: CliIo): Promise<OpmlImportSummary> {
  const doc = parseOpml(bytes);
  const store = await app.store();
  const summary: OpmlImportSummary = { added: 0, alreadySubscribed: [], duplicatesInFile: doc.duplicates, warnings: doc.warnings.map((w) => w.message) };
  const progress = io ? startProgress('import-opml', doc.feeds.length, { write: io.stderr, isTty: io.isTty }) : null;
  for (const f of doc.feeds) {
    if (await store.feeds.getByUrl(f.url)) summary.alreadySubscribed.push(f.url);
    else {
      await store.feeds.add({ url: f.url, title: f.title, siteUrl: f.siteUrl, tags: f.tags, nextCheckAt: app.clock.now() });
      summary.added++;
    }
    progress?.tick();
  }
  progress?.done();
  return summary;
}

export async function importOpmlCommand(app: App, file: string, io: CliIo): Promise<number> {
  const bytes = await readInput(file, io.cwd);
  const s = await importOpml(app, bytes, io);
  await io.stdout(`imported ${s.added} feed(s) from ${file}\n`);
  if (s.alreadySubscribed.length) await io.stdout(`skipped ${s.alreadySubscribed.length} already subscribed: ${s.alreadySubscribed.join(', ')}\n`);
  if (s.duplicatesInFile.length) await io.stdout(`skipped ${s.duplicatesInFile.length} listed twice in the file: ${s.duplicatesInFile.join(', ')}\n`);
  for (const w of s.warnings) io.stderr(`warning: ${w}\n`);
  return 0;
}

export async function exportOpmlCommand(app: App, file: string | undefined, io: CliIo): Promise<number> {
  const feeds = await (await app.store()).feeds.list();
  const xml = writeOpml({
    title: 'feedkeeper subscriptions',
    feeds: feeds.map((f) => ({ url: f.url, title: f.titleOverride ?? f.title, siteUrl: f.siteUrl, tags: f.tags })),
    dateCreated: new Date(app.clock.now()),
  });
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
