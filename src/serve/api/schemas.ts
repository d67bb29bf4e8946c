/**
 * The API's response models as zod schemas: the types handlers must return and, registered by
 * name in `models`, the `components.schemas` of the OpenAPI document. JSON keys are snake_case and
 * times are ISO 8601 UTC strings (`2024-03-04T08:30:00.000Z`) everywhere. Objects are strict so the
 * tests that check responses against these schemas catch a field the document does not list.
 */
import { z } from 'zod';

/** The named models; also given their id in zod's global registry, where `.meta()` descriptions live. */
export const models = z.registry<{ id: string; description?: string }>();

function model<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  const meta = description === undefined ? { id } : { id, description };
  models.add(schema, meta);
  z.globalRegistry.add(schema, meta);
  return schema;
}

const time = z.iso.datetime();
const id = z.int().min(1);
const count = z.int().min(0);

export const errorModel = model(
  'Error',
  z.strictObject({
    error: z.strictObject({
      code: z.string().meta({ examples: ['USAGE', 'NOT_FOUND'] }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional().meta({ description: 'Structured extras for programs, e.g. the failing fields of a USAGE error: {where, issues: [{path, message}]}' }),
    }),
  }),
  'Every error: a code from feedkeeper\'s list and a message saying what was wrong and where.',
);

export const feedModel = model(
  'Feed',
  z.strictObject({
    id,
    url: z.string(),
    title: z.string().nullable().meta({ description: 'What the reader shows: title_override, else the feed\'s own title.' }),
    feed_title: z.string().nullable().meta({ description: 'The title the feed gives itself.' }),
    title_override: z.string().nullable(),
    site_url: z.string().nullable(),
    tags: z.array(z.string()),
    fulltext: z.enum(['auto', 'always', 'never']),
    enabled: z.boolean(),
    min_interval_minutes: z.number().nullable().meta({ description: 'Per-feed lower bound between checks; null: the default.' }),
    max_interval_minutes: z.number().nullable(),
    created_at: time,
    last_fetch_at: time.nullable(),
    last_status: z.enum(['never', 'ok', 'not-modified', 'error', 'gone', 'rate-limited']),
    last_error: z.string().nullable(),
    consecutive_failures: count,
    next_fetch_at: time,
    schedule_reason: z.string().nullable(),
    article_count: count,
    unread_count: count,
  }),
);

export const discoveredFeedModel = model(
  'DiscoveredFeed',
  z.strictObject({
    url: z.string(),
    title: z.string().nullable(),
    type: z.enum(['rss', 'atom', 'rdf', 'json']).nullable(),
    subscribed_feed_id: id.nullable().meta({ description: 'The subscription with this URL, when there is one.' }),
  }),
);

const entryFields = {
  id,
  title: z.string(),
  link: z.string(),
  author: z.string().nullable(),
  published_at: time,
  updated_at: time.nullable(),
  created_at: time.meta({ description: 'When feedkeeper first stored it.' }),
  feed: z.strictObject({ id, title: z.string().nullable() }).nullable().meta({ description: 'The feed it was first stored under.' }),
  summary: z.string().nullable().meta({ description: 'Plain text, at most ~300 characters.' }),
  revision_count: z.int().min(1),
  removed_at: time.nullable().meta({ description: "When a confirmed takedown of the article's page was first seen; null while the page is there." }),
  read: z.boolean(),
  starred: z.boolean(),
};

export const entrySummaryModel = model('EntrySummary', z.strictObject(entryFields));

export const revisionInfoModel = model(
  'RevisionInfo',
  z.strictObject({
    revision: count.meta({ description: '0 for the first version.' }),
    title: z.string(),
    published_at: time,
    updated_at: time.nullable(),
    fetched_at: time,
    content_hash: z.string(),
    source: z.enum(['feed', 'recheck', 'import', 'reextract']).meta({ description: 'Who found this version: the feed, a re-check of the article page, an imported record, or a re-extraction from the stored page (new rules; not an edit by the publisher).' }),
  }),
);

export const changeModel = model(
  'Change',
  z.strictObject({
    id,
    entry_id: id,
    kind: z.enum(['edited', 'removed', 'restored']),
    at: time,
    revision: count.nullable().meta({ description: 'The version an edit made (0-based).' }),
    source: z.enum(['feed', 'recheck', 'reextract']).nullable().meta({ description: 'Who made the edit\'s revision: the feed, a re-check of the page, or a re-extraction from the stored page (not an edit by the publisher).' }),
    evidence: z.record(z.string(), z.unknown()).nullable().meta({ description: 'For a removal: the first and the confirming check (reason, status, final_url, detail, at).' }),
    title: z.string(),
    link: z.string(),
    feed: z.strictObject({ id, title: z.string().nullable() }).nullable(),
  }),
);

export const entryModel = model(
  'Entry',
  z.strictObject({
    ...entryFields,
    content_html: z.string().meta({ description: 'The sanitized article HTML.' }),
    categories: z.array(z.string()),
    feeds: z.array(z.strictObject({ id, title: z.string().nullable() })).meta({ description: 'Every feed that carried it.' }),
    extraction: z.string().nullable().meta({ description: "How the content was obtained: 'feed', 'rule', 'readability' or 'failed: …'." }),
    revisions: z.array(revisionInfoModel),
  }),
);

export const revisionModel = model(
  'Revision',
  revisionInfoModel.extend({
    link: z.string(),
    content_html: z.string().meta({ description: 'The sanitized HTML of this version.' }),
    content_text: z.string().meta({ description: 'Its plain text (what diffs compare).' }),
  }),
);

export const diffPartModel = model('DiffPart', z.strictObject({ kind: z.enum(['same', 'insert', 'delete']), text: z.string() }));

export const searchHitModel = model(
  'SearchHit',
  z.strictObject({
    id,
    title: z.string(),
    link: z.string(),
    feed: z.string().nullable(),
    published_at: time,
    snippet: z.string().meta({ description: 'HTML-escaped text around the matches, each inside <mark>…</mark>.' }),
    score: z.number(),
  }),
);

export const opmlSummaryModel = model(
  'OpmlImportSummary',
  z.strictObject({
    added: count,
    already_subscribed: z.array(z.string()),
    duplicates_in_file: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
);

export const cursorField = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last one.' });
