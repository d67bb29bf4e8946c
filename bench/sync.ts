/**
 * The sync suite: what feed clients ask of the Google Reader and Fever APIs, over the serve
 * suite's 200,000-article archive (--quick: 20,000), side by side with the REST API's calls that
 * do the same work, in the same run against the same server child:
 *
 *   stream/items/ids of 10,000 unread    ↔ GET /api/v1/entries?read=false, 20 pages of 500
 *   stream/items/contents of 250 items   ↔ GET /api/v1/entries/:id for each of the 250
 *   stream/contents, 100 with full text  ↔ GET /api/v1/entries?read=false&limit=100, then each entry
 *   edit-tag of 1,000 ids                ↔ POST /api/v1/entries/mark with the same 1,000
 *   Fever items (50, by since_id)        ↔ GET /api/v1/entries?limit=50, then each entry
 *
 * The REST API has no call that returns many entries with their text, so "the same work" is its
 * list and then each entry; a second column shows the list alone (the same rows without their text),
 * the lower bound any call carrying full text is measured against. Each measurement runs
 * interleaved (sync, REST, list, sync, …) one request at a time, median of --runs after a warm-up.
 * The goal: sync ÷ REST at most 1.20 each, and 10,000 ids under 100 ms. Any answer that is not
 * 2xx fails the suite.
 */
import { apiPasswordSecrets, feverKey } from '../src/serve/auth/api-password.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { withTempDir } from './cleanup.js';
import { median, timeOnce } from './measure.js';
import { formatMs, formatRatio, renderSection, renderTable } from './report.js';
import { buildServeArchive, type ServeArchive } from './serve-archive.js';
import { startServerChild, type ServerChild } from './serve-process.js';
import type { BenchContext, Suite } from './suite.js';

const ARTICLES = { full: 200_000, quick: 20_000 } as const;
const API_PASSWORD = 'bench-api-password-0000';
const WARM = 2;
const READ = 'user/-/state/com.google/read';
const READING_LIST = 'user/-/state/com.google/reading-list';

export const syncSuite: Suite = {
  name: 'sync',
  summary: 'Google Reader and Fever API calls over 200,000 articles, each beside the REST API call doing the same work',
  async run(ctx) {
    await withTempDir('feedkeeper-bench-sync-', (dir) => runIn(ctx, dir, ctx.quick ? ARTICLES.quick : ARTICLES.full));
  },
};

interface Pair {
  name: string;
  sync: (k: number) => Promise<void>;
  /** The REST calls that return the same data. */
  rest: (k: number) => Promise<void>;
  /** The REST list of the same rows without their text, where that is a different call. */
  list?: (k: number) => Promise<void>;
}

async function runIn(ctx: BenchContext, dir: string, total: number): Promise<void> {
  const archive = await buildServeArchive(ctx, dir, total);
  const store = await openSqliteStore({ file: archive.file });
  const user = await store.users.get(archive.userId);
  if (user === null) throw new Error('sync: the archive has no bench user');
  await store.users.setApiPassword(user.id, await apiPasswordSecrets(user.username, API_PASSWORD, { N: 1024, r: 8, p: 1 }));
  await store.close();
  const key = feverKey(user.username, API_PASSWORD);
  let server: ServerChild | null = null;
  try {
    server = await startServerChild('feedkeeper', archive.file);
    const rows: string[][] = [];
    for (const pair of pairs(server.origin, archive, `${user.username}/${key}`, key)) {
      const times = await measure(pair, ctx.runs);
      const list = times.list === null ? '–' : `${formatMs(times.list)} (${formatRatio(times.sync / times.list)})`;
      rows.push([pair.name, formatMs(times.sync), formatMs(times.rest), formatRatio(times.sync / times.rest), times.sync / times.rest <= 1.2 ? 'yes' : 'no', list]);
    }
    const columns = [{ header: 'call' }, { header: 'sync API', align: 'right' as const }, { header: 'REST, same data', align: 'right' as const }, { header: 'sync ÷ REST', align: 'right' as const }, { header: '≤ 1.20' }, { header: 'REST list alone (sync ÷ it)', align: 'right' as const }];
    ctx.print(renderSection(`sync · ${total.toLocaleString('en-US')} articles · median of ${ctx.runs} sequential requests each`, renderTable(columns, rows), [
      'ratio above 1 means the sync call is slower; "same data" for calls with full text is the REST list and then each entry; 10,000 ids goal: under 100 ms',
    ]));
    await server.stop();
  } finally {
    server?.kill();
  }
}

async function measure(pair: Pair, runs: number): Promise<{ sync: number; rest: number; list: number | null }> {
  for (let k = 0; k < WARM; k++) {
    await pair.sync(k);
    await pair.rest(k);
    await pair.list?.(k);
  }
  const sync: number[] = [];
  const rest: number[] = [];
  const list: number[] = [];
  for (let k = WARM; k < WARM + runs; k++) {
    sync.push(await timeOnce(() => pair.sync(k)));
    rest.push(await timeOnce(() => pair.rest(k)));
    const listed = pair.list;
    if (listed !== undefined) list.push(await timeOnce(() => listed(k)));
  }
  return { sync: median(sync), rest: median(rest), list: list.length === 0 ? null : median(list) };
}

async function expectOk(res: Response, what: string): Promise<string> {
  const body = await res.text();
  if (res.status < 200 || res.status >= 300) throw new Error(`sync: ${what} answered ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

function pairs(origin: string, archive: ServeArchive, auth: string, key: string): Pair[] {
  const greader = (path: string, init: RequestInit = {}) => fetch(`${origin}/api/greader/reader/api/0/${path}`, { ...init, headers: { authorization: `GoogleLogin auth=${auth}`, ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
  const rest = (path: string, init: RequestInit = {}) => fetch(`${origin}/api/v1/${path}`, { ...init, headers: { authorization: `Bearer ${archive.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  const itemHex = (id: number) => (BigInt(id) * 16n + 10n).toString(16);
  const batch = (k: number, n: number) => Array.from({ length: n }, (_, i) => archive.articleIds[(k * n + i) % archive.articleIds.length] ?? 1);
  const restPages = async (query: string, pages: number): Promise<number[]> => {
    let cursor: string | null = null;
    const ids: number[] = [];
    for (let p = 0; p < pages; p++) {
      const body = await expectOk(await rest(`entries?${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`), 'REST entries');
      const page = JSON.parse(body) as { entries: Array<{ id: number }>; next_cursor: string | null };
      ids.push(...page.entries.map((e) => e.id));
      cursor = page.next_cursor;
      if (cursor === null) break;
    }
    return ids;
  };
  const restEntries = async (ids: readonly number[]) => {
    for (const id of ids) await expectOk(await rest(`entries/${id}`), 'REST entry');
  };
  return [
    {
      name: 'stream/items/ids, 10,000 unread',
      sync: async () => void (await expectOk(await greader(`stream/items/ids?s=${READING_LIST}&xt=${READ}&n=10000&output=json`), 'items/ids')),
      rest: async () => void (await restPages('read=false&limit=500', 20)),
    },
    {
      name: 'stream/items/contents, 250 items',
      sync: async (k) => void (await expectOk(await greader('stream/items/contents', { method: 'POST', body: batch(k, 250).map((id) => `i=${itemHex(id)}`).join('&') }), 'items/contents')),
      rest: (k) => restEntries(batch(k, 250)),
      list: async () => void (await restPages('limit=250', 1)),
    },
    {
      name: 'stream/contents, 100 with full text',
      sync: async () => void (await expectOk(await greader(`stream/contents/${READING_LIST}?xt=${READ}&n=100`), 'stream/contents')),
      rest: async () => restEntries(await restPages('read=false&limit=100', 1)),
      list: async () => void (await restPages('read=false&limit=100', 1)),
    },
    {
      name: 'edit-tag, 1,000 ids',
      // Each call marks 1,000 unread entries read that no call touched before (disjoint batches of
      // the archive's unread ids), so both sides always change 1,000 rows.
      sync: async (k) => void (await expectOk(await greader('edit-tag', { method: 'POST', body: `${batch(2 * k, 1000).map((id) => `i=${itemHex(id)}`).join('&')}&a=${READ}` }), 'edit-tag')),
      rest: async (k) => void (await expectOk(await rest('entries/mark', { method: 'POST', body: JSON.stringify({ ids: batch(2 * k + 1, 1000), read: true }) }), 'REST mark')),
    },
    {
      name: 'Fever items, 50 by since_id',
      sync: async (k) => void (await expectOk(await fetch(`${origin}/api/fever?api&items&since_id=${(k * 997) % archive.articles}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `api_key=${key}` }), 'Fever items')),
      rest: async () => restEntries(await restPages('limit=50', 1)),
      list: async () => void (await restPages('limit=50', 1)),
    },
  ];
}
