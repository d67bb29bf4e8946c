/**
 * What people see of watching: "edited N×" and "removed" badges in lists and on the article page,
 * the revision a page re-check found marked as such, the removal with its evidence, the Changes
 * page with a link to each edit's diff, and the same changes through the REST API and the
 * republished changes feed. Outcomes are stored through store.watch.record, as a re-check would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanHtml } from '../../clean/index.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';

let h: ServeHarness;
let feedId = 0;
let edited = 0;
let removed = 0;

beforeEach(async () => {
  h = await startServeHarness();
  const feed = await h.addFeed('https://river.example.org/feed.xml', { title: 'River Post' });
  feedId = feed.id;
  [edited = 0, removed = 0] = await h.addArticles(feed.id, [
    { title: 'Ferry timetable changes', html: '<p>The ferry leaves at seven every morning.</p>', link: 'https://river.example.org/ferry.html' },
    { title: 'Bridge inspection report', html: '<p>Inspectors found two cracks in the bridge.</p>', link: 'https://river.example.org/bridge.html' },
  ]);
  const now = h.clock.now();
  const clean = cleanHtml('<p>The ferry leaves at eight every morning.</p>', { baseUrl: 'https://river.example.org/ferry.html' });
  const base = { failures: 0, suspectSince: null, suspectEvidence: null } as const;
  await h.store.watch.record(edited, { ...base, checkedAt: now + 3_600_000, nextCheckAt: null, outcome: 'edited (text)', state: 'ok', revision: { title: 'Ferry timetable changes', fullHtml: clean.html, extraction: 'readability', clean, contentHash: 'h1' } });
  const first = { reason: 'not-found', status: 404, finalUrl: 'https://river.example.org/bridge.html', detail: 'HTTP 404', at: now + 3_600_000 };
  await h.store.watch.record(removed, {
    ...base,
    checkedAt: now + 10 * 3_600_000,
    nextCheckAt: null,
    outcome: 'removed: HTTP 404',
    state: 'removed',
    suspectSince: first.at,
    suspectEvidence: first,
    event: { kind: 'removed', evidence: { reason: 'not-found', first, confirmed: { ...first, at: now + 10 * 3_600_000 } }, removedAt: first.at },
  });
});
afterEach(() => h.close());

describe('watch in the reader', () => {
  it('lists show "edited 1×" and "removed" beside the titles', async () => {
    const page = await (await h.browser('/all')).text();
    expect(page).toMatch(/Ferry timetable changes<\/a> <span class="badge"[^>]*>edited 1×<\/span>/);
    expect(page).toMatch(/Bridge inspection report<\/a> <span class="badge badge-removed"[^>]*>removed <time/);
  });

  it('the article page marks the re-check revision and shows the removal with its evidence', async () => {
    const ferry = await (await h.browser(`/entries/${edited}`)).text();
    expect(ferry).toContain('eight every morning');
    expect(ferry).toContain('<span class="rev-source">page re-check</span>');
    const bridge = await (await h.browser(`/entries/${removed}`)).text();
    expect(bridge).toContain('removed: HTTP 404');
  });

  it('/changes lists the edit with a link to its diff and the removal, and filters by kind', async () => {
    const all = await (await h.browser('/changes')).text();
    expect(all).toContain(`/entries/${edited}/diff?from=0&amp;to=1`);
    expect(all).toContain('edited: version 2 (found by a page re-check)');
    expect(all).toContain('removed: HTTP 404');
    const removals = await (await h.browser('/changes?kind=removed')).text();
    expect(removals).toContain('Bridge inspection report');
    expect(removals).not.toContain('Ferry timetable changes');
    const byFeed = await (await h.browser(`/changes?feed=${feedId}&tag=`)).text();
    expect(byFeed).toContain(`<option value="${feedId}" selected>River Post</option>`);
    expect(byFeed).toContain('Ferry timetable changes');
    expect((await h.browser('/changes?feed=999')).status).toBe(404);
  });

  it('the API lists changes with a cursor and an entry’s events, and says who found a revision', async () => {
    const first = (await (await h.api('/api/v1/changes?limit=1')).json()) as { changes: Array<Record<string, unknown>>; next_cursor: string | null };
    expect(first.changes).toMatchObject([{ entry_id: removed, kind: 'removed', evidence: { reason: 'not-found' } }]);
    expect(first.next_cursor).not.toBeNull();
    const second = (await (await h.api(`/api/v1/changes?limit=1&cursor=${first.next_cursor ?? ''}`)).json()) as { changes: Array<Record<string, unknown>>; next_cursor: string | null };
    expect(second).toMatchObject({ changes: [{ entry_id: edited, kind: 'edited', revision: 1, source: 'recheck' }], next_cursor: null });
    const events = (await (await h.api(`/api/v1/entries/${removed}/events`)).json()) as Record<string, unknown>;
    expect(events).toMatchObject({ entry_id: removed, events: [{ kind: 'removed' }] });
    expect(typeof events.removed_at).toBe('string');
    const revisions = (await (await h.api(`/api/v1/entries/${edited}/revisions`)).json()) as { revisions: Array<{ source: string }> };
    expect(revisions.revisions.map((r) => r.source)).toEqual(['feed', 'recheck']);
    expect((await h.api('/api/v1/changes?cursor=bogus')).status).toBe(400);
    expect((await h.api('/api/v1/changes?kind=renamed')).status).toBe(400);
  });

  it('the changes feed carries each change as an item: the edit as a diff, the removal with its evidence', async () => {
    const res = await h.api('/feeds/changes.atom');
    expect(res.status).toBe(200);
    const atom = await res.text();
    expect(atom).toContain('Edited: Ferry timetable changes');
    expect(atom).toMatch(/&lt;del[^&]*&gt;seven&lt;\/del&gt;/);
    expect(atom).toMatch(/&lt;ins[^&]*&gt;eight&lt;\/ins&gt;/);
    expect(atom).toContain('Removed: Bridge inspection report');
    const json = (await (await h.api(`/feeds/changes.json?feed=${feedId}&limit=1`)).json()) as { items: unknown[] };
    expect(json.items).toHaveLength(1);
  });
});
