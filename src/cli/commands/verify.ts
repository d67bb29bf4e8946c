/**
 * `feedkeeper verify [--article ID] [--json]`: recomputes every revision chain, hashes every record
 * file and checks every WARC record (evidence/verify.ts), then lists each break with what was
 * expected and what was found. Exit 0 when nothing is broken, 1 otherwise. Progress on stderr.
 */
import { join } from 'node:path';
import { verifyArchive, type Break, type VerifyReport } from '../../evidence/index.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export interface VerifyCommandOptions {
  article?: string;
  json?: boolean;
}

export async function verifyCommand(app: App, opts: VerifyCommandOptions, io: CliIo): Promise<number> {
  const articleId = opts.article === undefined ? undefined : articleIdOf(opts.article);
  const store = await app.store();
  const total = articleId === undefined ? (await store.articles.count()).revisions : 0;
  const progress = total > 0 ? startProgress('verify', total, { write: io.stderr, isTty: io.isTty }) : null;
  let seen = 0;
  const report = await verifyArchive(
    { store, archiveDir: app.archiveDir, warcDir: join(app.dataDir, 'warc') },
    {
      ...(articleId === undefined ? {} : { articleId }),
      onWarcFile: (file, records) => io.stderr(`verify: ${file}: ${records} WARC record(s) read\n`),
      onProgress: (done) => {
        progress?.tick(done - seen);
        seen = done;
      },
    },
  );
  progress?.done();
  if (articleId !== undefined && report.revisions === 0) throw new UsageError(`--article: no article with id ${articleId}`);
  await io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
  return report.breaks.length === 0 ? 0 : 1;
}

export function articleIdOf(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`expected an article id, got "${text}"`);
  return id;
}

function describeReport(r: VerifyReport): string {
  const lines = r.breaks.map(describeBreak);
  const pending = r.pendingFiles > 0 ? `, ${r.pendingFiles} record file(s) not written yet` : '';
  lines.push(
    `${r.breaks.length === 0 ? 'ok' : `${r.breaks.length} break(s)`}: ${r.revisions} revision(s) of ${r.articles} article(s), ` +
      `${r.recordFiles} record file(s), ${r.warcRecords} WARC record(s) in ${r.warcFiles} file(s)${pending}`,
  );
  return `${lines.join('\n')}\n`;
}

function describeBreak(b: Break): string {
  const where = b.articleId === null ? (b.file ?? '') : `article ${b.articleId} revision ${b.revision ?? '?'}`;
  const file = b.file !== null && b.articleId !== null ? ` (${b.file})` : '';
  const diff = b.expected !== null || b.found !== null ? `\n    expected ${b.expected ?? 'nothing'}\n    found    ${b.found ?? 'nothing'}` : '';
  return `BREAK [${b.part}] ${where}: ${b.what}${file}${diff}`;
}
