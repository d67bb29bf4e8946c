/**
 * `feedkeeper search QUERY` and `feedkeeper reindex`. Search parses the query (src/search), asks
 * the store for a page of hits, and makes snippets from each article's own text, so a
 * Traditional query shows the Simplified characters it matched. `--json` prints
 * {query, total, results: [{id, title, link, feed, published, snippet, score}], next_cursor};
 * exit 0 with or without hits, 2 for a query it cannot read.
 */
import { decodeHTML } from 'entities';
import { isFeedkeeperError } from '../../core/index.js';
import { ANALYZER_VERSION, parseQuery, snippet, type QueryAst } from '../../search/index.js';
import type { SearchHit, Store } from '../../store/index.js';
import { readingUser } from '../acting-user.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export interface SearchOptions {
  json?: boolean;
  limit?: string;
  sort?: string;
  cursor?: string;
  user?: string;
  /** Only what the user's subscriptions reach, even for an admin. */
  mine?: boolean;
}

export async function searchCommand(app: App, query: string, opts: SearchOptions, io: CliIo): Promise<number> {
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit: expected a whole number from 1 to 500, got "${opts.limit}"`);
  const sort = opts.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'date') throw new UsageError(`--sort: expected relevance or date, got "${sort}"`);
  let ast: QueryAst;
  try {
    ast = parseQuery(query);
  } catch (err) {
    if (isFeedkeeperError(err, 'QUERY_INVALID')) throw new UsageError(`cannot read the query: ${err.message}`);
    throw err;
  }
  const store = await app.store();
  await warnIfStale(store, io);
  const user = await readingUser(store, opts.user);
  // The CLI is the machine's administrator: an admin (or nobody, on an archive without users yet)
  // searches the whole archive unless --mine.
  const scope = user === null ? { userId: 0, archive: opts.mine !== true } : { userId: user.id, archive: user.isAdmin && opts.mine !== true };
  const page = await store.search.search(ast, { scope, limit, sort, cursor: opts.cursor ?? null }).catch((err: unknown) => {
    if (isFeedkeeperError(err, 'QUERY_INVALID')) throw new UsageError(err.message);
    throw err;
  });
  if (opts.json) {
    const results = page.hits.map((h) => ({ id: h.articleId, title: h.title, link: h.link, feed: h.feed, published: new Date(h.publishedAt).toISOString(), snippet: snippetOf(h, ast, ['<mark>', '</mark>']), score: round(h.score) }));
    await io.stdout(`${JSON.stringify({ query, total: page.total, results, next_cursor: page.nextCursor })}\n`);
    return 0;
  }
  for (const note of ast.notes) io.stderr(`note: ${note}\n`);
  const marks: [string, string] = io.isTty ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];
  const lines = page.hits.map((h, i) => `${i + 1}. ${h.title}\n   ${[h.feed, new Date(h.publishedAt).toISOString().slice(0, 10)].filter(Boolean).join(' · ')} · ${h.link}\n   ${decodeHTML(snippetOf(h, ast, marks))}\n`);
  await io.stdout(`${page.total} result(s) for ${query}\n\n${lines.join('\n')}${page.nextCursor ? `\nmore: --cursor ${page.nextCursor}\n` : ''}`);
  return 0;
}

function snippetOf(hit: SearchHit, ast: QueryAst, mark: [string, string]): string {
  return snippet(hit.text, ast, { maxLength: 160, mark });
}

const round = (n: number) => Math.round(n * 1000) / 1000;

async function warnIfStale(store: Store, io: CliIo): Promise<void> {
  const version = await store.search.indexedVersion();
  if (version !== ANALYZER_VERSION) io.stderr(`warning: the search index was built by analyzer ${version ?? 'none'}, this is ${ANALYZER_VERSION}; run \`feedkeeper reindex\`\n`);
}

export async function reindexCommand(app: App, io: CliIo): Promise<number> {
  const store = await app.store();
  const progress = startProgress('reindex', 0, { write: io.stderr, isTty: io.isTty });
  let last = 0;
  const n = await store.search.reindex((done, total) => {
    progress.tick(done - last);
    last = done;
    if (!io.isTty && total > 0 && done === total) io.stderr(`reindexed ${done}/${total}\n`);
  });
  progress.done();
  await io.stdout(`reindexed ${n} article(s) with analyzer ${ANALYZER_VERSION}\n`);
  return 0;
}
