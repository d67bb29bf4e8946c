/**
 * The help overlay (`?` toggles it, Escape closes it): the keyboard shortcuts. It is in every
 * reader page, hidden; the script opens it, and without the script the "Help" link (#help) shows
 * it through the :target rule in app.css.
 */
import { html } from 'hono/html';
import type { MessageKey } from './i18n.js';
import type { Html } from './layout.js';
import type { View } from './view.js';

const KEYS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['j', 'keys.next'],
  ['k', 'keys.previous'],
  ['o / Enter', 'keys.open'],
  ['m', 'keys.read'],
  ['s', 'keys.star'],
  ['/', 'keys.search'],
  ['?', 'keys.help'],
  ['Esc', 'keys.close'],
];

export function helpOverlay(view: View): Html {
  return html`<section id="help" class="help" role="dialog" aria-labelledby="help-title" hidden>
<div class="help-box">
<h2 id="help-title">${view.tr('keys.title')}</h2>
<dl class="keys">${KEYS.map(([key, what]) => html`<dt><kbd>${key}</kbd></dt><dd>${view.tr(what)}</dd>`)}</dl>
<p>${view.tr('keys.note')}</p>
<p><a class="help-close" href="#main" data-close="help">${view.tr('keys.closeLink')}</a></p>
</div>
</section>`;
}
