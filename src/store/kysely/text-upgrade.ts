/**
 * The 'pack-texts' conversion migration 014 left to run: every revision written before it gets
 * its texts packed (revision-texts.ts) and every article its excerpt, in place. It walks the
 * revisions in key order a batch at a time; each batch is read and packed outside any
 * transaction (revisions never change their texts), then written in one short transaction that
 * also moves the cursor in `upgrades`, so an interrupted run resumes where it stopped and a batch
 * is converted whole or not at all. Readers take either form meanwhile, so the archive serves
 * throughout. Two processes running it at once only repeat work (`where texts is null`).
 */
import { sql } from 'kysely';
import type { TextUpgrade, UpgradeProgress } from '../store.js';
import type { Db, StoreContext } from './context.js';
import { excerptOf, packedColumns, revisionName, TEXT_COLUMNS, textsOf } from './revision-texts.js';

const NAME = 'pack-texts';
const BATCH = 200;

type Cursor = readonly [articleId: number, revision: number] | null;

export function createTextUpgrade(ctx: StoreContext): TextUpgrade {
  return {
    pending: () => ctx.guard(undefined, () => pending(ctx.db)),
    run: (onProgress) => run(ctx, onProgress),
  };
}

async function pending(db: Db): Promise<UpgradeProgress | null> {
  return (await position(db))?.progress ?? null;
}

/** Where the conversion stands: its cursor and progress, or null when it is done (an empty archive's migration marks it done at once). */
async function position(db: Db): Promise<{ cursor: Cursor; progress: UpgradeProgress } | null> {
  const state = await db.selectFrom('upgrades').select(['cursor', 'done']).where('name', '=', NAME).executeTakeFirst();
  if (state === undefined || state.done === 1) return null;
  const cursor = parseCursor(state.cursor);
  // counts.ts keeps the archive's revisions counted; only those past the cursor are counted here.
  const counted = await db.selectFrom('archive_counts').select('n').where('name', '=', 'revisions').executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  return { cursor, progress: { total, done: cursor === null ? 0 : Math.max(0, total - (await revisionsAfter(db, cursor))) } };
}

async function run(ctx: StoreContext, onProgress?: (progress: UpgradeProgress) => void): Promise<number> {
  const start = await ctx.guard(undefined, () => position(ctx.db));
  if (start === null) return 0;
  let { cursor } = start;
  let done = start.progress.done;
  let converted = 0;
  for (;;) {
    const rows = await ctx.guard(undefined, () => nextBatch(ctx.db, cursor));
    const last = rows.at(-1);
    const next: Cursor = last === undefined ? cursor : [last.article_id, last.revision];
    const packed = rows
      .filter((row) => row.texts === null)
      .map((row) => {
        const texts = textsOf(row, revisionName(row.article_id, row.revision));
        return { articleId: row.article_id, revision: row.revision, columns: packedColumns(texts), excerpt: excerptOf(texts) };
      });
    const finished = rows.length < BATCH;
    await ctx.write(`the text conversion of revisions after ${describe(cursor)}`, async (db) => {
      for (const p of packed) {
        await db.updateTable('revisions').set(p.columns).where('article_id', '=', p.articleId).where('revision', '=', p.revision).where('texts', 'is', null).execute();
        // Only the latest revision's texts make the list's excerpt; an article revised meanwhile already has its own.
        await db.updateTable('articles').set({ excerpt: p.excerpt, summary: null }).where('id', '=', p.articleId).where('latest_revision', '=', p.revision).where('excerpt', 'is', null).execute();
      }
      await db.updateTable('upgrades').set({ cursor: formatCursor(next), done: finished ? 1 : 0 }).where('name', '=', NAME).execute();
    });
    converted += packed.length;
    done += rows.length;
    cursor = next;
    onProgress?.({ total: Math.max(start.progress.total, done), done });
    if (finished) return converted;
  }
}

function nextBatch(db: Db, cursor: Cursor) {
  return db
    .selectFrom('revisions')
    .select(['article_id', 'revision', ...TEXT_COLUMNS])
    .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple('article_id', 'revision'), '>', eb.tuple(cursor?.[0] ?? 0, cursor?.[1] ?? 0))))
    .orderBy('article_id')
    .orderBy('revision')
    .limit(BATCH)
    .execute();
}

async function revisionsAfter(db: Db, cursor: NonNullable<Cursor>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from revisions where (article_id, revision) > (${cursor[0]}, ${cursor[1]})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function parseCursor(value: string): Cursor {
  const m = /^(\d+):(\d+)$/.exec(value);
  return m === null ? null : [Number(m[1]), Number(m[2])];
}

const formatCursor = (cursor: Cursor): string => (cursor === null ? '' : `${cursor[0]}:${cursor[1]}`);
const describe = (cursor: Cursor): string => (cursor === null ? 'the start' : revisionName(cursor[0], cursor[1]));
