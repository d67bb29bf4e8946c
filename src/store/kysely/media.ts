/**
 * MediaRepo over SQLite: the queue of revisions whose images are to be fetched, the files kept
 * once by hash, each revision's references, and the reach test a served file must pass (some
 * article referencing it is one the user may open, by reach.ts's one definition).
 */
import { R_TEXT_COLUMNS, revisionName, textsOf, type TextColumns } from './revision-texts.js';
import { sql } from 'kysely';
import type { ArticleImage, ImagesMode, MediaFile, MediaRepo, MediaTarget } from '../media.js';
import type { EntryScope } from '../scope-types.js';
import { guard, writeTransaction, type Db, type StoreContext } from './context.js';
import { reaches } from './reach.js';

/** SQLite's default limit on bound variables is 32,766; stay far below it per statement. */
const CHUNK = 500;

export function createMediaRepo(ctx: StoreContext): MediaRepo {
  return {
    enqueue: (items, atMs) =>
      items.length === 0
        ? Promise.resolve()
        : writeTransaction(ctx, 'queueing images', async (db) => {
            for (const part of chunks(items)) {
              await db
                .insertInto('media_queue')
                .values(part.map((i) => ({ article_id: i.articleId, revision: i.revision, queued_at: atMs })))
                .onConflict((oc) => oc.column('article_id').doUpdateSet({ revision: sql`excluded.revision`, queued_at: sql`excluded.queued_at` }))
                .execute();
            }
          }),
    pending: (limit) =>
      guard(ctx, undefined, async () => {
        const rows = await ctx.db.selectFrom('media_queue').select('article_id').orderBy('queued_at').orderBy('article_id').limit(limit).execute();
        return rows.map((r) => r.article_id);
      }),
    target: (articleId) => guard(ctx, undefined, () => loadTarget(ctx.db, articleId)),
    storedUrls: (urls) =>
      guard(ctx, undefined, async () => {
        const out = new Map<string, string>();
        for (const part of chunks([...new Set(urls)])) {
          const rows = await ctx.db.selectFrom('article_media').select(['url', 'sha256']).where('url', 'in', part).where('sha256', 'is not', null).execute();
          for (const row of rows) if (row.sha256 !== null) out.set(row.url, row.sha256);
        }
        return out;
      }),
    record: (target, files, images, atMs) =>
      writeTransaction(ctx, `the images of article ${target.articleId}`, (db) => recordResults(db, target, files, images, atMs)),
    localImages: (articleIds) => guard(ctx, undefined, () => localImages(ctx.db, articleIds)),
    ofArticle: (articleId) =>
      guard(ctx, undefined, async () => {
        const rows = await ctx.db
          .selectFrom('article_media as m')
          .innerJoin('articles as a', 'a.id', 'm.article_id')
          .select(['m.url', 'm.status', 'm.sha256', 'm.reason'])
          .where('m.article_id', '=', articleId)
          .whereRef('m.revision', '=', 'a.latest_revision')
          .orderBy('m.url')
          .execute();
        return rows.map(toImage);
      }),
    reachable: (scope, sha256) => guard(ctx, undefined, () => reachableFile(ctx.db, scope, sha256)),
    totals: () =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db
          .selectFrom('media')
          .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.coalesce(eb.fn.sum<number>('bytes'), sql<number>`0`).as('bytes')])
          .executeTakeFirstOrThrow();
        return { files: Number(row.files), bytes: Number(row.bytes) };
      }),
  };
}

async function loadTarget(db: Db, articleId: number): Promise<MediaTarget | null> {
  const row = await db
    .selectFrom('media_queue as q')
    .innerJoin('articles as a', 'a.id', 'q.article_id')
    .leftJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'q.article_id').onRef('r.revision', '=', 'q.revision'))
    .leftJoin('feeds as f', 'f.id', 'a.home_feed_id')
    .select(['q.article_id', 'q.revision', 'a.link', ...R_TEXT_COLUMNS, 'f.images'])
    .where('q.article_id', '=', articleId)
    .executeTakeFirst();
  if (row === undefined) return null;
  return { articleId: row.article_id, revision: row.revision, link: row.link, cleanHtml: cleanHtmlOf(row), images: imagesMode(row.images ?? null) };
}

/** The queued revision's clean HTML; null when the revision is gone (left join). */
function cleanHtmlOf(row: { [K in keyof TextColumns]: TextColumns[K] | null } & { article_id: number; revision: number }): string | null {
  if (row.html === null) return null;
  return textsOf({ ...row, html: row.html }, revisionName(row.article_id, row.revision)).cleanHtml;
}

async function recordResults(db: Db, target: { articleId: number; revision: number }, files: readonly MediaFile[], images: readonly ArticleImage[], atMs: number): Promise<void> {
  for (const f of files) {
    await db
      .insertInto('media')
      .values({ sha256: f.sha256, mime: f.mime, bytes: f.bytes, width: f.width, height: f.height, first_url: f.firstUrl, fetched_at: f.fetchedAt })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
  await db.deleteFrom('article_media').where('article_id', '=', target.articleId).where('revision', '=', target.revision).execute();
  const seen = new Set<string>();
  for (const image of images) {
    if (seen.has(image.url)) continue;
    seen.add(image.url);
    await db
      .insertInto('article_media')
      .values({
        article_id: target.articleId,
        revision: target.revision,
        url: image.url,
        status: image.status,
        sha256: image.status === 'stored' ? image.sha256 : null,
        reason: image.status === 'failed' ? image.reason : null,
        checked_at: atMs,
      })
      .execute();
  }
  // Only the revision that was handled leaves the queue: a newer one queued meanwhile stays.
  await db.deleteFrom('media_queue').where('article_id', '=', target.articleId).where('revision', '<=', target.revision).execute();
}

async function localImages(db: Db, articleIds: readonly number[]): Promise<Map<number, Map<string, string>>> {
  const out = new Map<number, Map<string, string>>();
  for (const part of chunks([...new Set(articleIds)])) {
    const rows = await db
      .selectFrom('article_media')
      .select(['article_id', 'url', 'sha256'])
      .where('article_id', 'in', part)
      .where('sha256', 'is not', null)
      .orderBy('article_id')
      .orderBy('revision')
      .execute();
    for (const row of rows) {
      if (row.sha256 === null) continue;
      let map = out.get(row.article_id);
      if (map === undefined) out.set(row.article_id, (map = new Map()));
      map.set(row.url, row.sha256);
    }
  }
  return out;
}

async function reachableFile(db: Db, scope: EntryScope, sha256: string): Promise<MediaFile | null> {
  let query = db.selectFrom('media').selectAll().where('sha256', '=', sha256);
  if (scope.archive !== true) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('article_media as am').select('am.article_id').whereRef('am.sha256', '=', 'media.sha256').where(reaches(scope.userId, sql.ref('am.article_id')))),
    );
  }
  const row = await query.executeTakeFirst();
  if (row === undefined) return null;
  return { sha256: row.sha256, mime: row.mime, bytes: row.bytes, width: row.width, height: row.height, firstUrl: row.first_url, fetchedAt: row.fetched_at };
}

function toImage(row: { url: string; status: string; sha256: string | null; reason: string | null }): ArticleImage {
  return row.status === 'stored' && row.sha256 !== null
    ? { url: row.url, status: 'stored', sha256: row.sha256 }
    : { url: row.url, status: 'failed', reason: row.reason ?? 'failed' };
}

function imagesMode(value: string | null): ImagesMode | null {
  return value === 'keep' || value === 'off' ? value : null;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
