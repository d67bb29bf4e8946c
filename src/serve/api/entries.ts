/**
 * /entries: the reader's lists as JSON (filters by feed, tag, read, starred and published time,
 * newest first, keyset cursor pages), one entry with its sanitized HTML, and marking read or
 * starred in bulk. Read and starred are the signed-in user's own. Revisions live in revisions.ts.
 */
import { z } from 'zod';
import { FeedkeeperError } from '../../core/index.js';
import type { EntryFilter } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import { entryScope, requireOwnTag } from '../scope.js';
import { defineRoute, type ApiRoute } from './define.js';
import { entryJson, entrySummaryJson } from './present.js';
import { cursorField, entryModel, entrySummaryModel } from './schemas.js';
import { pathId, queryBool, queryInt, queryTime } from './validate.js';

const TAG = 'entries';
const MAX_MARK = 1000;

const listQuery = z
  .strictObject({
    feed: pathId().optional().meta({ description: 'Only entries of this feed (id).' }),
    tag: z.string().min(1).optional().meta({ description: 'Only entries of feeds with this tag.' }),
    read: queryBool().optional().meta({ description: 'false: unread only; true: read only.' }),
    starred: queryBool().optional(),
    since: queryTime().optional().meta({ description: 'Published at or after this time.' }),
    until: queryTime().optional().meta({ description: 'Published before this time.' }),
    limit: queryInt(1, 500).optional().meta({ description: 'Entries per page (default 50).' }),
    cursor: z.string().min(1).optional().meta({ description: "The previous page's next_cursor." }),
  })
  .refine((q) => q.since === undefined || q.until === undefined || q.since < q.until, { error: 'expected since to be before until', path: ['since'] });

const markBody = z
  .strictObject({
    ids: z.array(z.int().min(1)).min(1).max(MAX_MARK).meta({ description: `Entry ids, at most ${MAX_MARK}; unknown ones are skipped.` }),
    read: z.boolean().optional(),
    starred: z.boolean().optional(),
  })
  .refine((b) => b.read !== undefined || b.starred !== undefined, { error: 'give read, starred or both' });

const markAllBody = z.strictObject({
  feed: z.int().min(1).optional(),
  tag: z.string().min(1).optional(),
  max_id: z.int().min(1).meta({ description: 'Only entries up to this id: the newest one the client showed, so newer arrivals stay unread.' }),
});

export function entryRoutes(deps: ServeDeps): ApiRoute[] {
  const requireFeed = async (userId: number, id: number | undefined, field: string) => {
    if (id !== undefined && (await deps.store.subscriptions.get(userId, id)) === null) throw new FeedkeeperError('NOT_FOUND', `${field}: no feed with id ${id}`);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/entries',
      operationId: 'listEntries',
      summary: 'Entries, newest first, filtered and paged',
      tag: TAG,
      query: listQuery,
      errors: [404],
      response: z.strictObject({ entries: z.array(entrySummaryModel), next_cursor: cursorField }),
      async handler({ query, user }) {
        await requireFeed(user.id, query.feed, 'feed');
        const filter: EntryFilter = { userId: user.id, feedId: query.feed, tag: query.tag, read: query.read, starred: query.starred, sinceMs: query.since, untilMs: query.until };
        const page = await deps.store.entries.list(filter, { limit: query.limit ?? 50, cursor: query.cursor ?? null });
        return { entries: page.entries.map(entrySummaryJson), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/entries/:id',
      operationId: 'getEntry',
      summary: 'One entry with its sanitized HTML and its list of revisions',
      tag: TAG,
      params: z.strictObject({ id: pathId() }),
      response: entryModel,
      async handler({ params, user }) {
        const entry = await deps.store.entries.get(entryScope(user), params.id);
        if (entry === null) throw new FeedkeeperError('NOT_FOUND', `no entry with id ${params.id}`);
        return entryJson(entry, deps.cleanRules);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/entries/mark',
      operationId: 'markEntries',
      summary: 'Mark entries read/unread and/or starred/unstarred, in bulk',
      tag: TAG,
      body: markBody,
      example: { ids: [1, 2, 3], read: true },
      response: z.strictObject({ updated: z.int().min(0).meta({ description: 'How many of the ids exist within your subscriptions.' }) }),
      async handler({ body, user }) {
        const change = { ...(body.read === undefined ? {} : { read: body.read }), ...(body.starred === undefined ? {} : { starred: body.starred }) };
        return { updated: await deps.store.entries.mark(user.id, [...new Set(body.ids)], change) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/entries/mark-all-read',
      operationId: 'markAllRead',
      summary: 'Mark every entry of a list read, up to max_id',
      tag: TAG,
      body: markAllBody,
      errors: [404],
      example: { feed: 1, max_id: 120 },
      response: z.strictObject({ updated: z.int().min(0).meta({ description: 'How many entries were unread and are now read.' }) }),
      async handler({ body, user }) {
        await requireFeed(user.id, body.feed, 'feed');
        if (body.tag !== undefined) requireOwnTag(await deps.store.subscriptions.list(user.id), body.tag);
        return { updated: await deps.store.entries.markAllRead({ userId: user.id, feedId: body.feed, tag: body.tag, maxId: body.max_id }) };
      },
    }),
  ];
}
