/**
 * /changes and /entries/:id/events: what happened to articles after they were stored (edits from
 * the feed or a page re-check, confirmed removals with their evidence, returns), newest first by
 * an id cursor, scoped to what the caller's subscriptions reach. A feed or tag that is not the
 * caller's is 404, as for entries.
 */
import { z } from 'zod';
import { FeedkeeperError } from '../../core/index.js';
import type { ArticleEvent, ChangeItem } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import { entryScope, requireOwnFeed } from '../scope.js';
import { defineRoute, type ApiRoute } from './define.js';
import { iso } from './present.js';
import { changeModel, cursorField } from './schemas.js';
import { pathId, queryInt, queryTime } from './validate.js';

const TAG = 'changes';
const KINDS = ['edited', 'removed', 'restored'] as const;

const changesQuery = z.strictObject({
  feed: pathId().optional().meta({ description: 'Only changes of articles in this feed (id).' }),
  tag: z.string().min(1).optional().meta({ description: 'Only changes of articles in feeds with this tag.' }),
  kind: z.enum(KINDS).optional(),
  since: queryTime().optional().meta({ description: 'Changes at or after this time.' }),
  limit: queryInt(1, 500).optional().meta({ description: 'Changes per page (default 50).' }),
  cursor: z.string().min(1).optional().meta({ description: "The previous page's next_cursor." }),
});

export function changeRoutes(deps: ServeDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/changes',
      operationId: 'listChanges',
      summary: 'Edits, removals and returns of articles, newest first',
      tag: TAG,
      query: changesQuery,
      errors: [404],
      response: z.strictObject({ changes: z.array(changeModel), next_cursor: cursorField }),
      async handler({ query, user }) {
        if (query.feed !== undefined) await requireOwnFeed(deps.store, user.id, query.feed);
        const page = await deps.store.watch.changes(
          { scope: { userId: user.id }, feedId: query.feed, tag: query.tag, ...(query.kind ? { kinds: [query.kind] } : {}), sinceMs: query.since },
          { limit: query.limit ?? 50, cursor: query.cursor ?? null },
        );
        return { changes: page.changes.map(changeJson), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/entries/:id/events',
      operationId: 'listEntryEvents',
      summary: "An entry's edits, removals and returns, oldest first",
      tag: TAG,
      params: z.strictObject({ id: pathId() }),
      errors: [404],
      response: z.strictObject({ entry_id: z.int().min(1), removed_at: z.string().nullable(), events: z.array(changeModel.omit({ title: true, link: true, feed: true })) }),
      async handler({ params, user }) {
        const entry = await deps.store.entries.get(entryScope(user), params.id);
        if (entry === null) throw new FeedkeeperError('NOT_FOUND', `no entry with id ${params.id}`);
        const events = await deps.store.watch.events(entryScope(user), entry.id);
        return { entry_id: entry.id, removed_at: entry.removedAt === null ? null : iso(entry.removedAt), events: events.map(eventJson) };
      },
    }),
  ];
}

function eventJson(e: ArticleEvent) {
  return { id: e.id, entry_id: e.articleId, kind: e.kind, at: iso(e.at), revision: e.revision, source: e.source, evidence: e.evidence };
}

function changeJson(c: ChangeItem): z.input<typeof changeModel> {
  return { ...eventJson(c), title: c.title, link: c.link, feed: c.feedId === null ? null : { id: c.feedId, title: c.feedTitle } };
}
