/**
 * Reads entries for people: a page of EntrySummary by id (the list has already chosen and ordered
 * the ids), one whole Entry, and one stored revision. A list shows each article's excerpt and
 * reads its latest revision only when the caller wants the content (or, for rows not yet converted
 * by migration 014, the start of the clean text).
 *
 * The feed an entry is shown under is the user's: its home feed when the user subscribes to it,
 * else the first of the user's feeds that carried it, by the user's name for it. A feed the user
 * does not subscribe to is never named (it may be someone else's); an admin's whole-archive view
 * falls back to the home feed's own title.
 */
import { sql } from 'kysely';
import type { Entry, EntryScope, EntrySummary, RevisionContent, RevisionInfo, RevisionSource } from '../store.js';
import type { Db } from './context.js';
import { feedNames, reaches, shownFeed } from './reach.js';
import { SUMMARY_SOURCE_CHARS, summaryText } from '../../clean/index.js';
import { R_TEXT_COLUMNS, revisionName, TEXT_COLUMNS, textsOf } from './revision-texts.js';

/**
 * Articles with the feed shown and the user's state: the columns every entry shows. The list's
 * summary is the article's excerpt; only a row migration 014 has not converted yet reads the start
 * of its latest revision's clean text (the CASE runs that subquery for those rows alone).
 */
function entryRows(db: Db, scope: EntryScope) {
  return db
    .selectFrom('articles as a')
    .leftJoin('entry_states as s', (join) => join.onRef('s.article_id', '=', 'a.id').on('s.user_id', '=', scope.userId))
    .select(['a.id', 'a.title', 'a.link', 'a.author', 'a.published_at', 'a.updated_at', 'a.created_at', 'a.summary', 'a.excerpt', 'a.latest_revision', 'a.removed_at'])
    .select(['s.read_at', 's.starred_at'])
    .select((eb) => [
      shownFeed(scope).as('feed_id'),
      eb
        .case()
        .when('a.excerpt', 'is', null)
        .then(
          eb
            .selectFrom('revisions as r')
            .select((sub) => sub.fn<string | null>('substr', ['r.clean_text', sub.val(1), sub.val(SUMMARY_SOURCE_CHARS)]).as('start'))
            .whereRef('r.article_id', '=', 'a.id')
            .whereRef('r.revision', '=', 'a.latest_revision'),
        )
        .end()
        .as('text_start'),
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryRows>['executeTakeFirstOrThrow']>>;

function summaryFromRow(row: EntryRow, names: Map<number, string | null>): EntrySummary {
  return {
    id: row.id,
    title: row.title,
    link: row.link,
    author: row.author,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    // Null for an article no feed of the user's carries (an admin's view of an imported record).
    feedId: row.feed_id,
    feedTitle: row.feed_id === null ? null : (names.get(row.feed_id) ?? null),
    summary: row.excerpt ?? summaryText(row.summary, row.text_start),
    revisionCount: row.latest_revision + 1,
    removedAt: row.removed_at,
    read: row.read_at !== null,
    starred: row.starred_at !== null,
  };
}

/** The summaries of these ids, in the order given (ids that do not exist are left out). */
export async function loadSummaries(db: Db, userId: number, ids: readonly number[], withContent: boolean): Promise<EntrySummary[]> {
  if (ids.length === 0) return [];
  const rows = await entryRows(db, { userId }).where('a.id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const names = await feedNames(db, userId, rows.map((row) => row.feed_id));
  const categories = withContent ? await categoriesOf(db, ids) : null;
  const content = withContent ? await cleanHtmlOf(db, ids) : null;
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (row === undefined) return [];
    const summary = summaryFromRow(row, names);
    if (categories === null) return [summary];
    return [{ ...summary, contentHtml: content?.get(id) ?? null, categories: categories.get(id) ?? [] }];
  });
}

/** The latest revision's clean HTML of each of these articles, for lists that carry the content. */
async function cleanHtmlOf(db: Db, ids: readonly number[]): Promise<Map<number, string | null>> {
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'))
    .select(['a.id', 'a.latest_revision', ...R_TEXT_COLUMNS])
    .where('a.id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, textsOf(row, revisionName(row.id, row.latest_revision)).cleanHtml]));
}

/** Categories of a page of articles in one query, each list sorted. */
async function categoriesOf(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await db.selectFrom('article_categories').select(['article_id', 'category']).where('article_id', 'in', ids).orderBy('article_id').orderBy('category').execute();
  const out = new Map<number, string[]>();
  for (const row of rows) out.set(row.article_id, [...(out.get(row.article_id) ?? []), row.category]);
  return out;
}

/** Whether the scope reaches the article: the admin's whole archive, or one of the user's feeds carries it. */
export async function inScope(db: Db, scope: EntryScope, articleId: number): Promise<boolean> {
  if (scope.archive === true) return true;
  const { rows } = await sql<{ yes: number }>`select ${reaches(scope.userId, sql`${articleId}`)} as yes`.execute(db);
  return Number(rows[0]?.yes ?? 0) === 1;
}

export async function loadEntry(db: Db, scope: EntryScope, id: number): Promise<Entry | null> {
  // The user's feeds that carry it (every feed, for an admin's archive view): none means out of reach.
  const feeds = await db
    .selectFrom('feed_articles')
    .innerJoin('feeds', 'feeds.id', 'feed_articles.feed_id')
    .leftJoin('subscriptions as s', (join) => join.onRef('s.feed_id', '=', 'feeds.id').on('s.user_id', '=', scope.userId))
    .select((eb) => ['feeds.id', eb.fn.coalesce('s.title_override', 'feeds.title').as('title')])
    .where('feed_articles.article_id', '=', id)
    .$if(scope.archive !== true, (q) => q.where('s.user_id', 'is not', null))
    .orderBy('feed_articles.first_seen_at')
    .orderBy('feeds.id')
    .execute();
  if (feeds.length === 0 && scope.archive !== true) return null;
  const row = await entryRows(db, scope)
    .innerJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'))
    .select([...R_TEXT_COLUMNS, 'r.extraction'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return null;
  const texts = textsOf(row, revisionName(id, row.latest_revision));
  const categories = await db.selectFrom('article_categories').select('category').where('article_id', '=', id).orderBy('category').execute();
  // The feed shown is one of these: the user's feeds, or in the archive view every feed carrying it.
  const names = new Map(feeds.map((f) => [f.id, f.title]));
  return {
    ...summaryFromRow(row, names),
    contentHtml: texts.cleanHtml,
    html: texts.fullHtml ?? texts.html,
    categories: categories.map((c) => c.category),
    feeds: feeds.map((f) => ({ id: f.id, title: f.title })),
    extraction: row.extraction,
    revisions: await loadRevisionInfos(db, id),
  };
}

function revisionColumns(db: Db) {
  return db.selectFrom('revisions').select(['revision', 'title', 'published_at', 'updated_at', 'fetched_at', 'content_hash', 'source']);
}

type RevisionInfoRow = Awaited<ReturnType<ReturnType<typeof revisionColumns>['executeTakeFirstOrThrow']>>;

function revisionInfoFromRow(row: RevisionInfoRow): RevisionInfo {
  return { revision: row.revision, title: row.title, publishedAt: row.published_at, updatedAt: row.updated_at, fetchedAt: row.fetched_at, contentHash: row.content_hash, source: revisionSource(row.source) };
}

const SOURCES: readonly RevisionSource[] = ['feed', 'recheck', 'import', 'reextract'];
const revisionSource = (value: string): RevisionSource => (SOURCES as readonly string[]).includes(value) ? (value as RevisionSource) : 'feed';

async function loadRevisionInfos(db: Db, articleId: number): Promise<RevisionInfo[]> {
  const rows = await revisionColumns(db).where('article_id', '=', articleId).orderBy('revision').execute();
  return rows.map(revisionInfoFromRow);
}

export async function loadRevision(db: Db, articleId: number, revision: number): Promise<RevisionContent | null> {
  const row = await revisionColumns(db)
    .select(['link', ...TEXT_COLUMNS])
    .where('article_id', '=', articleId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (row === undefined) return null;
  const texts = textsOf(row, revisionName(articleId, revision));
  return { ...revisionInfoFromRow(row), link: row.link, cleanHtml: texts.cleanHtml, cleanText: texts.cleanText, html: texts.fullHtml ?? texts.html };
}
