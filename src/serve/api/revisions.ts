/**
 * /entries/:id/revisions and /entries/:id/diff: every stored version of an article, one version's
 * sanitized HTML and text, and the diff between two versions (character-level in CJK text,
 * word-level elsewhere, from src/diff) of both the title and the text.
 */
import { z } from 'zod';
import { FeedkeeperError } from '../../core/index.js';
import { diffText, summarizeDiff } from '../../diff/index.js';
import type { RevisionContent, User } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import { entryScope } from '../scope.js';
import { defineRoute, type ApiRoute } from './define.js';
import { cleanRevision, revisionInfoJson, revisionJson } from './present.js';
import { diffPartModel, revisionInfoModel, revisionModel } from './schemas.js';
import { pathId, queryInt } from './validate.js';

const TAG = 'revisions';
const MAX_REVISION = 1_000_000;
const revisionNumber = () => queryInt(0, MAX_REVISION);

export function revisionRoutes(deps: ServeDeps): ApiRoute[] {
  const requireEntry = async (user: User, id: number) => {
    const entry = await deps.store.entries.get(entryScope(user), id);
    if (entry === null) throw new FeedkeeperError('NOT_FOUND', `no entry with id ${id}`);
    return entry;
  };
  const requireRevision = async (user: User, id: number, n: number, field: string) => {
    const found = await deps.store.entries.revision(entryScope(user), id, n);
    if (found === null) throw new FeedkeeperError('NOT_FOUND', `${field}: entry ${id} has no revision ${n}`);
    return found;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/entries/:id/revisions',
      operationId: 'listRevisions',
      summary: "An entry's stored versions, oldest first",
      tag: TAG,
      params: z.strictObject({ id: pathId() }),
      response: z.strictObject({ entry_id: z.int().min(1), revisions: z.array(revisionInfoModel) }),
      async handler({ params, user }) {
        const entry = await requireEntry(user, params.id);
        return { entry_id: entry.id, revisions: entry.revisions.map(revisionInfoJson) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/entries/:id/revisions/:n',
      operationId: 'getRevision',
      summary: 'One stored version: its sanitized HTML and plain text',
      tag: TAG,
      params: z.strictObject({ id: pathId(), n: revisionNumber().meta({ description: '0 for the first version.' }) }),
      response: revisionModel,
      async handler({ params, user }) {
        return revisionJson(await requireEntryRevision(user, params.id, params.n), deps.cleanRules);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/entries/:id/diff',
      operationId: 'diffRevisions',
      summary: 'What changed between two versions',
      description: '`to` defaults to the latest version and `from` to the one before it. Joining `same` and `delete` parts gives the old text; `same` and `insert`, the new one. `inserted`/`deleted` count visible characters.',
      tag: TAG,
      params: z.strictObject({ id: pathId() }),
      query: z.strictObject({
        from: revisionNumber().optional().meta({ description: 'The older side; default: the version before `to`.' }),
        to: revisionNumber().optional().meta({ description: 'The newer side; default: the latest version.' }),
      }),
      response: z.strictObject({
        from: z.int().min(0),
        to: z.int().min(0),
        parts: z.array(diffPartModel),
        title_parts: z.array(diffPartModel),
        inserted: z.int().min(0),
        deleted: z.int().min(0),
      }),
      async handler({ params, query, user }) {
        const entry = await requireEntry(user, params.id);
        const to = query.to ?? (entry.revisions.at(-1)?.revision ?? 0);
        const from = query.from ?? Math.max(0, to - 1);
        const [before, after] = [await requireRevision(user, entry.id, from, 'from'), await requireRevision(user, entry.id, to, 'to')];
        const parts = diffText(text(before), text(after));
        return { from, to, parts, title_parts: diffText(before.title, after.title), ...summarizeDiff(parts) };
      },
    }),
  ];

  async function requireEntryRevision(user: User, id: number, n: number): Promise<RevisionContent> {
    const found = await deps.store.entries.revision(entryScope(user), id, n);
    if (found !== null) return found;
    // Say which was missing: the entry, or that version of it.
    const exists = await deps.store.entries.revision(entryScope(user), id, 0);
    throw new FeedkeeperError('NOT_FOUND', exists === null ? `no entry with id ${id}` : `n: entry ${id} has no revision ${n}`);
  }

  function text(r: RevisionContent): string {
    return cleanRevision(r, deps.cleanRules).text;
  }
}
