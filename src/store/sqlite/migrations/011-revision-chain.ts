/**
 * The revision chain (issue 16; archive/chain.ts defines it).
 * - `revisions.chain_hash`: SHA-256 hex over the revision's record file, fetch time, WARC digest
 *   and the previous revision's chain hash.
 * - `revisions.warc_digest`: the WARC-Payload-Digest (`sha256:<hex>`) of the response the revision
 *   came from; null when there was none (captures off, imported records, revisions stored before).
 * Existing revisions are chained here, article by article in (article, revision) order, a batch of
 * articles per transaction. SQLite runs migrations outside a transaction, so a crash can stop this
 * half way: the next start runs `up` again, which adds only missing columns and chains only rows
 * still without a hash, continuing from the stored hash before them.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { CHAIN_START, chainHash, recordFileHash } from '../../../archive/index.js';

const BATCH_ARTICLES = 500;

interface Before {
  articles: { id: number; record_id: string | null };
  revisions: {
    article_id: number;
    revision: number;
    title: string;
    link: string;
    published_at: number;
    fetched_at: number;
    html: string;
    full_html: string | null;
    chain_hash: string | null;
    warc_digest: string | null;
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info('revisions')`.execute(db);
  const has = new Set(rows.map((r) => r.name));
  if (!has.has('chain_hash')) await db.schema.alterTable('revisions').addColumn('chain_hash', 'text').execute();
  if (!has.has('warc_digest')) await db.schema.alterTable('revisions').addColumn('warc_digest', 'text').execute();
  await backfillChains(db as unknown as Kysely<Before>);
}

/** Chains every revision that has no hash yet; returns how many it chained. */
async function backfillChains(db: Kysely<Before>): Promise<number> {
  let after = 0;
  let chained = 0;
  for (;;) {
    const articles = await db
      .selectFrom('articles')
      .select(['id', 'record_id'])
      .where('id', '>', after)
      .where((eb) => eb.exists(eb.selectFrom('revisions').select('revision').whereRef('revisions.article_id', '=', 'articles.id').where('revisions.chain_hash', 'is', null)))
      .orderBy('id')
      .limit(BATCH_ARTICLES)
      .execute();
    const last = articles.at(-1);
    if (last === undefined) return chained;
    after = last.id;
    await sql`begin immediate`.execute(db);
    try {
      for (const article of articles) chained += await chainArticle(db, article.id, article.record_id ?? '');
      await sql`commit`.execute(db);
    } catch (err) {
      await sql`rollback`.execute(db);
      throw err;
    }
  }
}

async function chainArticle(db: Kysely<Before>, articleId: number, recordId: string): Promise<number> {
  const revisions = await db
    .selectFrom('revisions')
    .select(['revision', 'title', 'link', 'published_at', 'fetched_at', 'html', 'full_html', 'chain_hash', 'warc_digest'])
    .where('article_id', '=', articleId)
    .orderBy('revision')
    .execute();
  let prev = CHAIN_START;
  let chained = 0;
  for (const rev of revisions) {
    if (rev.chain_hash !== null) {
      prev = rev.chain_hash;
      continue;
    }
    const fileHash = fileHashOf(rev);
    // A row no record file can hold (formatRecord refuses it) stays unchained, and so does the
    // rest of its article: `verify` names it, and the archive still opens.
    if (fileHash === null) return chained;
    prev = chainHash({ recordId, revision: rev.revision, fetchedAt: rev.fetched_at, fileHash, warcDigest: rev.warc_digest, prev });
    await db.updateTable('revisions').set({ chain_hash: prev }).where('article_id', '=', articleId).where('revision', '=', rev.revision).execute();
    chained++;
  }
  return chained;
}

function fileHashOf(rev: { published_at: number; title: string; link: string; html: string; full_html: string | null }): string | null {
  try {
    return recordFileHash({ publishedMs: rev.published_at, title: rev.title, link: rev.link, html: rev.full_html ?? rev.html });
  } catch {
    return null;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('revisions').dropColumn('warc_digest').execute();
  await db.schema.alterTable('revisions').dropColumn('chain_hash').execute();
}
