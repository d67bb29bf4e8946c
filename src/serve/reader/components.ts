/**
 * Pieces several pages share: an entry's row in a list, its read and star buttons (real forms, so
 * they work without the script, which submits the same forms with fetch()), the "older" pager,
 * notices and errors. Stable hooks for the script and the browser tests: `.entry[data-id]` rows,
 * buttons with `data-action="read" | "star"`.
 */
import { html, raw } from 'hono/html';
import type { ArticleEvent, EntrySummary } from '../../store/index.js';
import { timeTag } from './format.js';
import type { Html } from './layout.js';
import type { View } from './view.js';

export function csrfField(view: View): Html {
  return html`<input type="hidden" name="_csrf" value="${view.csrf}">`;
}

export interface EntryState {
  id: number;
  read: boolean;
  starred: boolean;
}

/**
 * The two toggles. Each form posts the state it asks for (`read=1`, `starred=0`, …) and where to
 * come back to; the button carries both labels so the script can flip it after a fetch().
 */
export function entryActions(view: View, entry: EntryState, next: string, readNext = next): Html {
  const toggle = (action: 'read' | 'star', field: string, on: boolean, back: string, labels: [string, string]) =>
    html`<form method="post" action="/entries/${entry.id}/${action}" class="inline">${csrfField(view)}<input type="hidden" name="${field}" value="${on ? '0' : '1'}"><input type="hidden" name="next" value="${back}"><button type="submit" data-action="${action}" aria-pressed="${on ? 'true' : 'false'}" data-label-on="${labels[1]}" data-label-off="${labels[0]}">${on ? labels[1] : labels[0]}</button></form>`;
  return html`<div class="entry-actions">${toggle('read', 'read', entry.read, readNext, [view.tr('entry.markRead'), view.tr('entry.markUnread')])}${toggle('star', 'starred', entry.starred, next, [view.tr('entry.star'), view.tr('entry.unstar')])}</div>`;
}

export function stateClasses(entry: EntryState): string {
  return `${entry.read ? 'is-read' : 'is-unread'}${entry.starred ? ' is-starred' : ''}`;
}

/** "edited N×" and "removed" beside a title: what the archive noticed after it first stored the article. */
export function revisionBadge(view: View, entry: Pick<EntrySummary, 'revisionCount' | 'removedAt'>): Html {
  const edited = entry.revisionCount > 1 ? html` <span class="badge" title="${view.tr('entry.revisedTitle')}">${view.tr('entry.edited', { count: entry.revisionCount - 1 })}</span>` : html``;
  const removed = entry.removedAt === null ? html`` : html` <span class="badge badge-removed" title="${view.tr('entry.removedTitle')}">${view.tr('entry.removed')} ${timeTag(entry.removedAt, view.lang, view.timeZone, 'date')}</span>`;
  return html`${edited}${removed}`;
}

/** One entry in a list: title (to the article page), feed, time, summary, state, toggles. */
export function entryRow(view: View, entry: EntrySummary): Html {
  return html`<article class="entry ${stateClasses(entry)}" data-id="${entry.id}" tabindex="-1">
<h2 class="entry-title"><a class="entry-link" href="/entries/${entry.id}">${entry.title || view.tr('entry.untitled')}</a>${revisionBadge(view, entry)}</h2>
<p class="entry-meta">${entry.feedId === null ? html`<span>${entry.feedTitle ?? view.tr('entry.imported')}</span>` : html`<a href="/feed/${entry.feedId}">${entry.feedTitle ?? view.tr('entry.noFeedTitle')}</a>`} · ${timeTag(entry.publishedAt, view.lang, view.timeZone)}${entry.starred ? html` · <span class="star-mark">${view.tr('entry.starredMark')}</span>` : ''}</p>
${entry.summary ? html`<p class="entry-summary">${entry.summary}</p>` : ''}
${entryActions(view, entry, view.path)}
</article>`;
}

/** A search hit shown like a list row, with its highlighted title and snippet (HTML the search module escaped). */
export function hitRow(view: View, hit: { id: number; titleHtml: string; snippetHtml: string; feed: string | null; publishedAt: number }, state: EntryState | undefined): Html {
  return html`<article class="entry hit ${state ? stateClasses(state) : ''}" data-id="${hit.id}" tabindex="-1">
<h2 class="entry-title"><a class="entry-link" href="/entries/${hit.id}">${raw(hit.titleHtml)}</a></h2>
<p class="entry-meta">${hit.feed ?? view.tr('entry.imported')} · ${timeTag(hit.publishedAt, view.lang, view.timeZone)}</p>
<p class="snippet">${raw(hit.snippetHtml)}</p>
${state ? entryActions(view, state, view.path) : ''}
</article>`;
}

export function olderLink(view: View, href: string | null): Html {
  return href === null ? html`` : html`<nav class="pager"><a rel="next" href="${href}">${view.tr('list.older')}</a></nav>`;
}

export function notice(text: string | null | undefined): Html {
  return text ? html`<p class="notice" role="status">${text}</p>` : html``;
}

export function errorBox(messages: readonly string[] | string | null | undefined): Html {
  const list = messages === null || messages === undefined ? [] : typeof messages === 'string' ? [messages] : messages;
  if (list.length === 0) return html``;
  return list.length === 1 ? html`<p class="error" role="alert">${list[0]}</p>` : html`<ul class="error" role="alert">${list.map((m) => html`<li>${m}</li>`)}</ul>`;
}

/** One change for people: an edit and who found it, a removal with what was seen, a return. */
export function changeLabel(view: View, change: Pick<ArticleEvent, 'kind' | 'revision' | 'source' | 'evidence'>): string {
  if (change.kind === 'edited') {
    const by = change.source === 'recheck' ? 'changes.byRecheck' : change.source === 'reextract' ? 'changes.byReextract' : 'changes.byFeed';
    return `${view.tr('changes.edited', { n: (change.revision ?? 0) + 1 })} (${view.tr(by)})`;
  }
  if (change.kind === 'restored') return view.tr('changes.restored');
  const confirmed = change.evidence?.confirmed;
  const detail = typeof confirmed === 'object' && confirmed !== null && 'detail' in confirmed ? String(confirmed.detail) : String(change.evidence?.reason ?? '');
  return view.tr('changes.removedAs', { detail });
}
