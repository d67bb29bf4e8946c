/**
 * `feedkeeper changes`: what happened to articles after they were stored — edits (from the feed or
 * a page re-check), confirmed removals with their evidence, returns — newest first, scoped like
 * search (an admin sees the whole archive). `--json` prints one JSON object per line.
 * `feedkeeper recheck [ID...]`: runs the re-checks that are due now (or of the given articles)
 * through the same queue, fetcher and budget as `run`.
 */
import { describeError } from '../../core/index.js';
import { recheckJobId } from '../../schedule/index.js';
import type { ChangeItem, WatchEventKind } from '../../store/index.js';
import { recheckArticle } from '../../watch/index.js';
import { readingUser } from '../acting-user.js';
import type { App } from '../app.js';
import { findFeed } from '../feed-ref.js';
import { UsageError, type CliIo } from '../io.js';
import { parseSince } from './records.js';
import { articleIdOf } from './verify.js';
import { startProgress } from '../progress.js';

export interface ChangesOptions {
  since?: string;
  kind?: string;
  feed?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
  user?: string;
}

const KINDS: readonly WatchEventKind[] = ['edited', 'removed', 'restored'];

export async function changesCommand(app: App, opts: ChangesOptions, io: CliIo): Promise<number> {
  const limit = opts.limit === undefined ? 50 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit: expected a whole number from 1 to 500, got "${opts.limit}"`);
  const sinceMs = opts.since === undefined ? undefined : parseSince(opts.since);
  const kinds = opts.kind === undefined ? undefined : opts.kind.split(',').map((k) => k.trim());
  const bad = kinds?.find((k) => !(KINDS as readonly string[]).includes(k));
  if (bad !== undefined) throw new UsageError(`--kind: "${bad}" is not one of ${KINDS.join(', ')}`);
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const scope = user === null ? { userId: 0, archive: true } : { userId: user.id, archive: user.isAdmin };
  const feedId = opts.feed === undefined ? undefined : (await findFeed(store, opts.feed)).id;
  const page = await store.watch.changes(
    { scope, ...(feedId !== undefined ? { feedId } : {}), ...(kinds ? { kinds: kinds as WatchEventKind[] } : {}), ...(sinceMs !== undefined ? { sinceMs } : {}) },
    { limit, cursor: opts.cursor ?? null },
  );
  if (opts.json) {
    await io.stdout(page.changes.map((c) => `${JSON.stringify(changeJson(c))}\n`).join('') + (page.nextCursor ? `${JSON.stringify({ next_cursor: page.nextCursor })}\n` : ''));
    return 0;
  }
  if (page.changes.length === 0) {
    await io.stdout('no changes\n');
    return 0;
  }
  const lines = page.changes.map((c) => `${new Date(c.at).toISOString().slice(0, 16).replace('T', ' ')}  ${describe(c)}  #${c.articleId} ${c.title}\n    ${[c.feedTitle, c.link].filter(Boolean).join(' · ')}\n`);
  await io.stdout(`${lines.join('')}${page.nextCursor ? `\nmore: --cursor ${page.nextCursor}\n` : ''}`);
  return 0;
}

function describe(c: ChangeItem): string {
  if (c.kind === 'edited' && c.source === 'reextract') return `re-extracted (revision ${c.revision ?? '?'}, from the stored page; not the publisher's edit)`;
  if (c.kind === 'edited') return `edited (revision ${c.revision ?? '?'}, found by ${c.source === 'recheck' ? 'a page re-check' : 'the feed'})`;
  if (c.kind === 'removed') return `removed (${String(c.evidence?.reason ?? 'unknown')})`;
  return 'back online';
}

function changeJson(c: ChangeItem) {
  return {
    id: c.id,
    article_id: c.articleId,
    kind: c.kind,
    at: new Date(c.at).toISOString(),
    revision: c.revision,
    source: c.source,
    evidence: c.evidence,
    title: c.title,
    link: c.link,
    feed_id: c.feedId,
    feed: c.feedTitle,
  };
}

export async function recheckCommand(app: App, refs: string[], io: CliIo): Promise<number> {
  const deps = await app.watch();
  const ids = refs.length > 0 ? refs.map(articleIdOf) : await deps.store.watch.due(deps.clock.now(), 100_000);
  const progress = io.isTty ? startProgress('recheck', ids.length, { write: io.stderr, isTty: true }) : null;
  const counts = new Map<string, number>();
  let failed = 0;
  const queue = await app.createQueue();
  queue.process('recheckArticle', async ({ articleId }) => {
    try {
      const { outcome } = await recheckArticle(deps, articleId);
      const key = outcome.split(':')[0] ?? outcome;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!io.isTty) io.stderr(`#${articleId}: ${outcome}\n`);
    } catch (err) {
      failed++;
      io.stderr(`#${articleId}: failed: ${describeError(err)}\n`);
    }
    progress?.tick();
  }, { concurrency: deps.concurrency });
  for (const articleId of ids) await queue.add('recheckArticle', { articleId }, { jobId: recheckJobId(articleId) });
  await queue.drain();
  await queue.close();
  progress?.done();
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  await io.stdout(`re-checked ${ids.length} article(s)${summary ? `: ${summary}` : ''}${failed ? `; ${failed} failed` : ''}\n`);
  return failed > 0 ? 1 : 0;
}
