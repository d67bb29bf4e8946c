/**
 * /entries/:id/diff?from=A&to=B: what changed between two stored versions of an article, as
 * insertions (<ins>) and deletions (<del>) over the clean text (character by character in CJK,
 * word by word in Latin text: src/diff decides), the title's diff when the titles differ, and
 * how many characters went in and out. Defaults to the last two versions.
 * renderDiffHtml escapes every character of the texts, so its output may be raw().
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { CleanRules } from '../../clean/index.js';
import { FeedkeeperError } from '../../core/index.js';
import { diffText, renderDiffHtml, summarizeDiff } from '../../diff/index.js';
import type { RevisionContent } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { entryScope } from '../scope.js';
import { diffForm } from './article.js';
import { cleanText } from '../content.js';
import { timeTag } from './format.js';
import { wholeNumber } from './forms.js';
import type { Html } from './layout.js';
import { render } from './shell.js';
import { idParam, viewOf, type View } from './view.js';

export function diffRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/entries/:id{[0-9]+}/diff', async (c) => {
    const view = viewOf(c);
    const id = idParam(c, 'id');
    const entry = await deps.store.entries.get(entryScope(view.user), id);
    if (entry === null) throw new FeedkeeperError('NOT_FOUND', `there is no entry ${id}`);
    const last = entry.revisions.length - 1;
    const pick = (name: string, fallback: number) => {
      const value = c.req.query(name);
      return value === undefined || value === '' ? fallback : wholeNumber(name, value, 0, last);
    };
    const from = pick('from', Math.max(0, last - 1));
    const to = pick('to', last);
    const [a, b] = await Promise.all([deps.store.entries.revision(entryScope(view.user), id, from), deps.store.entries.revision(entryScope(view.user), id, to)]);
    if (a === null || b === null) throw new FeedkeeperError('NOT_FOUND', `entry ${id} has no revision ${a === null ? from : to}`);
    const title = view.tr('diff.title', { title: entry.title || view.tr('entry.untitled') });
    const body = html`<section class="diff-page">
<p class="crumbs"><a href="/entries/${id}?keep=1">${view.tr('revision.back')}</a></p>
<h1>${title}</h1>
${last < 1 ? html`<p class="notice">${view.tr('diff.single')}</p>` : html`${diffForm(view, id, entry.revisions, from, to)}${changes(view, a, b, deps.cleanRules)}`}
</section>`;
    return render(c, deps, { title, body });
  });
  return app;
}

/** The range, the counts, the title's diff when it changed, and the text's diff. */
function changes(view: View, a: RevisionContent, b: RevisionContent, rules: CleanRules): Html {
  const text = (r: RevisionContent) => cleanText(r.cleanText, r.html, r.link, rules);
  const parts = diffText(text(a), text(b));
  const titleParts = a.title === b.title ? null : diffText(a.title, b.title);
  const counts = summarizeDiff([...parts, ...(titleParts ?? [])]);
  const version = (r: RevisionContent) => html`${view.tr('revision.number', { n: r.revision + 1 })} (${timeTag(r.fetchedAt, view.lang, view.timeZone)})`;
  return html`<p class="diff-range">${version(a)} → ${version(b)}</p>
<p class="diff-counts"><span class="ins-count">${view.tr('diff.inserted', { count: counts.inserted })}</span> · <span class="del-count">${view.tr('diff.deleted', { count: counts.deleted })}</span></p>
${titleParts === null ? '' : html`<h2>${view.tr('diff.titleChanged')}</h2><div class="diff diff-title">${raw(renderDiffHtml(titleParts))}</div>`}
<h2>${view.tr('diff.text')}</h2>
<div class="diff">${raw(renderDiffHtml(parts))}</div>`;
}
