/**
 * /search: the search language of src/search (CJK n-grams, Traditional ↔ Simplified, fields,
 * phrases, exclusions, date filters) over the whole archive, with highlighted snippets and cursor
 * pages. A bad query is QUERY_INVALID (400) with the character it failed at. Latency goes to the
 * search histogram of /metrics.
 */
import { z } from 'zod';
import { parseQuery, snippet } from '../../search/index.js';
import type { ServeDeps } from '../deps.js';
import { searchScope } from '../scope.js';
import { defineRoute, type ApiRoute } from './define.js';
import { iso } from './present.js';
import { cursorField, searchHitModel } from './schemas.js';
import { queryInt } from './validate.js';
import { searchArchive } from '../search.js';

const SNIPPET_LENGTH = 200;
const MARK = ['<mark>', '</mark>'] as const;

export function searchRoutes(deps: ServeDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/search',
      operationId: 'search',
      summary: 'Full-text search of the archive',
      description: 'Query language: words and CJK text (AND), `a OR b`, `"exact phrase"`, `-exclude`, `title:` `author:` `feed:` `tag:`, `after:2024-03-01`, `before:2024-03-01`. A Traditional query finds Simplified text and back.',
      tag: 'search',
      errors: [403],
      query: z.strictObject({
        q: z.string().trim().min(1, { error: 'expected a search query' }).max(1000),
        limit: queryInt(1, 100).optional().meta({ description: 'Hits per page (default 20).' }),
        sort: z.enum(['relevance', 'date']).optional().meta({ description: 'Default relevance.' }),
        cursor: z.string().min(1).optional().meta({ description: "The previous page's next_cursor (same q and sort)." }),
        scope: z.enum(['mine', 'archive']).optional().meta({ description: 'mine (default): what your subscriptions reach; archive: every article (admins only, 403 otherwise).' }),
      }),
      response: z.strictObject({
        query: z.string(),
        total: z.int().min(0),
        notes: z.array(z.string()).meta({ description: 'Parts of the query that were ignored, and why.' }),
        results: z.array(searchHitModel),
        next_cursor: cursorField,
      }),
      async handler({ query, user }) {
        const ast = parseQuery(query.q);
        const scope = searchScope(user, query.scope === 'archive');
        const page = await searchArchive(deps, ast, { scope, limit: query.limit ?? 20, sort: query.sort ?? 'relevance', cursor: query.cursor ?? null });
        const results = page.hits.map((hit) => ({
          id: hit.articleId,
          title: hit.title,
          link: hit.link,
          feed: hit.feed,
          published_at: iso(hit.publishedAt),
          snippet: snippet(hit.text, ast, { maxLength: SNIPPET_LENGTH, mark: MARK }),
          score: hit.score,
        }));
        return { query: query.q, total: page.total, notes: ast.notes, results, next_cursor: page.nextCursor };
      },
    }),
  ];
}
