/**
 * `export DIR` and `import FILE|DIR`: the archive as record files. Export writes every article and
 * every revision in the archive layout; import reads any file in the record format (including
 * files written by other tools) into the store. Export after import gives back the same bytes, and
 * importing a record twice adds nothing.
 */
import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { cleanHtml } from '../../clean/index.js';
import { describeError } from '../../core/index.js';
import { formatRecord, readRecordFile, recordId, walkRecordFiles, writeFileAtomic } from '../../archive/index.js';
import { articleKey, contentHash, recordFilePath } from '../../ingest/index.js';
import type { RevisionFilter } from '../../store/index.js';
import type { App } from '../app.js';
import { findFeed } from '../feed-ref.js';
import { UsageError, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export async function exportCommand(app: App, dir: string, opts: { since?: string; feed?: string }, io: CliIo): Promise<number> {
  const store = await app.store();
  const filter: RevisionFilter = {};
  if (opts.since !== undefined) filter.sinceMs = parseSince(opts.since);
  if (opts.feed !== undefined) filter.feedId = (await findFeed(store, opts.feed)).id;
  const out = resolve(io.cwd, dir);
  let n = 0;
  for await (const rev of store.articles.revisions(filter)) {
    await writeFileAtomic(recordFilePath(out, rev), formatRecord({ publishedMs: rev.publishedAt, title: rev.title, link: rev.link, html: rev.html }));
    n++;
    if (io.isTty && n % 100 === 0) io.stderr(`\r\x1b[2Kexported ${n}`);
  }
  if (io.isTty) io.stderr('\r\x1b[2K');
  await io.stdout(`exported ${n} record(s) to ${out}\n`);
  return 0;
}

export function parseSince(text: string): number {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(text);
  // A day, or an ISO 8601 date-time; not whatever else Date.parse happens to accept ("1 2").
  const isDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text);
  const ms = isDay ? Date.parse(`${text}T00:00:00Z`) : isDateTime ? Date.parse(text) : Number.NaN;
  // Date.parse rolls a day past the month's end over (2024-02-30 → 2024-03-01); such a date is a typo.
  const isRolledOver = isDay && Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) !== text;
  if (!Number.isFinite(ms) || isRolledOver) throw new UsageError(`--since: expected a date like 2024-01-31, got "${text}"`);
  return ms;
}

export interface ImportTotals {
  files: number;
  added: number;
  revisions: number;
  unchanged: number;
  failed: Array<{ file: string; error: string }>;
}

async function importRecords(app: App, target: string, io: CliIo | null): Promise<ImportTotals> {
  const store = await app.store();
  const files = await listFiles(target);
  const totals: ImportTotals = { files: files.length, added: 0, revisions: 0, unchanged: 0, failed: [] };
  const progress = io ? startProgress('import', files.length, { write: io.stderr, isTty: io.isTty }) : null;
  for (const file of files) {
    try {
      const rec = await readRecordFile(file);
      const key = articleKey({ id: null, link: rec.link || null, title: rec.title, published: new Date(rec.publishedMs).toISOString() }, '');
      const names = namesFromPath(target, file);
      const result = await store.articles.importRecord(
        null,
        {
          key, title: rec.title, link: rec.link, author: null, publishedAt: rec.publishedMs, updatedAt: null, summary: null,
          html: rec.html, categories: [], contentHash: contentHash(rec.title, rec.html), recordId: names.recordId ?? recordId(key),
          clean: cleanHtml(rec.html, { baseUrl: rec.link || null }),
        },
        app.clock.now(),
        names.feedSlug === null ? {} : { feedSlug: names.feedSlug },
      );
      if (result.outcome === 'added') totals.added++;
      else if (result.outcome === 'revision') totals.revisions++;
      else totals.unchanged++;
    } catch (err) {
      // Relative to the command's working directory (io.cwd), never the process's: commands also run in-process.
      totals.failed.push({ file: relative(io?.cwd ?? process.cwd(), file) || file, error: describeError(err) });
    }
    progress?.tick();
  }
  progress?.done();
  return totals;
}

/**
 * A record keeps its name: a file named `…{16 hex}.txt` (or `.rN.txt`) keeps those 16 hex as its
 * record id, and a file at `{feed}/{yyyy}/{mm}/…` under the imported folder keeps its feed folder,
 * so export → import → export writes the same paths. Other files get an id from their key.
 */
function namesFromPath(root: string, file: string): { recordId: string | null; feedSlug: string | null } {
  const id = /([0-9a-f]{16})(?:\.r\d+)?\.txt$/.exec(file)?.[1] ?? null;
  const parts = relative(root, file).split(sep);
  const layout = parts.length === 4 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(parts[0] as string) && /^\d{4}$/.test(parts[1] as string) && /^\d{2}$/.test(parts[2] as string);
  return { recordId: id, feedSlug: layout ? (parts[0] as string) : null };
}

async function listFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(err.code === 'ENOENT' ? `no such file or directory: ${target}` : `cannot read ${target}: ${err.message}`);
  });
  if (!info.isDirectory()) return [target];
  const files: string[] = [];
  for await (const f of walkRecordFiles(target)) files.push(f);
  return files;
}

export async function importCommand(app: App, target: string, io: CliIo): Promise<number> {
  const t = await importRecords(app, join(resolve(io.cwd, target)), io);
  await io.stdout(`read ${t.files} file(s): ${t.added} new article(s), ${t.revisions} new revision(s), ${t.unchanged} already archived, ${t.failed.length} failed\n`);
  // Record errors already name their file.
  for (const f of t.failed) io.stderr(`  ${f.error.includes(f.file) || f.error.includes(sep) ? f.error : `${f.file}: ${f.error}`}\n`);
  return t.failed.length === 0 ? 0 : 1;
}
