/**
 * /api/v1/entries/:id/revisions and /diff over HTTP: an invented Chinese article stored twice
 * with a changed sentence has two revisions; each one's clean HTML and text can be read; the
 * diff between them is character-level and rebuilds both texts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { call } from './test-kit.js';

const LINK = 'https://harbour.example.org/metro/1.html';
const BEFORE = '<p>地铁新线今日试运行，首班车早上六点发车。</p>';
const AFTER = '<p>地铁新线明日正式运行，首班车早上六点发车。</p>';

let h: ServeHarness;
let id: number;
beforeAll(async () => {
  h = await startServeHarness();
  const feed = await h.addFeed('https://harbour.example.org/metro.xml', { title: 'Metro' });
  [id] = (await h.addArticles(feed.id, [{ key: 'metro-1', link: LINK, title: '地铁新线试运行', html: BEFORE }])) as [number];
  h.clock.advance(3_600_000);
  await h.addArticles(feed.id, [{ key: 'metro-1', link: LINK, title: '地铁新线正式运行', html: AFTER }]);
});
afterAll(() => h.close());

type Part = { kind: 'same' | 'insert' | 'delete'; text: string };
const rebuild = (parts: Part[], skip: Part['kind']) => parts.filter((p) => p.kind !== skip).map((p) => p.text).join('');

describe('revisions', () => {
  it('lists both versions, oldest first, with their fetch times', async () => {
    const answer = await call(h, 'listRevisions', { params: { id } });
    expect(answer.status).toBe(200);
    expect(answer.body.entry_id).toBe(id);
    expect(answer.body.revisions.map((r: { revision: number; title: string }) => [r.revision, r.title])).toEqual([
      [0, '地铁新线试运行'],
      [1, '地铁新线正式运行'],
    ]);
    const [first, second] = answer.body.revisions.map((r: { fetched_at: string }) => Date.parse(r.fetched_at));
    expect(second - first).toBe(3_600_000);
  });

  it('reads one version: its clean HTML and text', async () => {
    const answer = await call(h, 'getRevision', { params: { id, n: 0 } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ revision: 0, title: '地铁新线试运行', link: LINK });
    expect(answer.body.content_html).toContain('今日试运行');
    expect(answer.body.content_text).toBe('地铁新线今日试运行，首班车早上六点发车。');
  });

  it('diffs the two character by character, by default the latest against the one before', async () => {
    const answer = await call(h, 'diffRevisions', { params: { id } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ from: 0, to: 1 });
    const parts = answer.body.parts as Part[];
    expect(rebuild(parts, 'insert')).toBe('地铁新线今日试运行，首班车早上六点发车。');
    expect(rebuild(parts, 'delete')).toBe('地铁新线明日正式运行，首班车早上六点发车。');
    expect(parts).toContainEqual({ kind: 'delete', text: '今' });
    expect(parts.filter((p) => p.kind === 'insert').map((p) => p.text).join('')).toBe('明正式');
    expect(answer.body).toMatchObject({ inserted: 3, deleted: 2 });
    expect(rebuild(answer.body.title_parts as Part[], 'delete')).toBe('地铁新线正式运行');
  });

  it('diffs the other way when asked', async () => {
    const answer = await call(h, 'diffRevisions', { params: { id }, query: { from: 1, to: 0 } });
    expect(answer.body).toMatchObject({ from: 1, to: 0, inserted: 2, deleted: 3 });
  });

  it.each([
    ['a revision that is not a number', 'getRevision', { params: { n: 'first' } }, 400, 'expected a'],
    ['a revision that does not exist', 'getRevision', { params: { n: 5 } }, 404, 'n: entry'],
    ['a diff from a revision that does not exist', 'diffRevisions', { query: { from: 7 } }, 404, 'from: entry'],
    ['a diff to a revision that is not a number', 'diffRevisions', { query: { to: 'latest' } }, 400, 'to: expected a whole number from 0 to 1000000, got "latest"'],
  ])('refuses %s', async (_case, op, opts: { params?: Record<string, string | number>; query?: Record<string, string | number> }, status, message) => {
    const answer = await call(h, op, { ...opts, params: { id, ...opts.params } });
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toContain(message);
  });
});
