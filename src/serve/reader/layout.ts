/**
 * The page shell every reader page shares: head (stylesheet and the one script, both from
 * /static, so the Content-Security-Policy needs no inline code), the top bar, the sidebar when
 * someone is signed in, the keyboard help overlay, and the body.
 * Templates use hono/html: every interpolated value is escaped unless wrapped in raw().
 * The <html> element carries the zone dates were rendered in (data-tz), so the script can tell
 * the server the reader's own zone; the CSRF token sits in a <meta> for the script's fetch().
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Lang } from '../deps.js';
import { htmlLang, t } from './i18n.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  lang: Lang;
  title: string;
  body: Html;
  /** Present when someone is signed in: the top bar shows navigation and sign-out. */
  nav?: {
    csrf: string;
    username: string;
    current?: string;
    /** The search box's current text (the search page's own form replaces the box: hideSearch). */
    query?: string;
    hideSearch?: boolean;
  } | null;
  /** The current path and query: where the language switch comes back to. Default '/'. */
  path?: string;
  /** The IANA zone the page's dates are in; the script compares it with the browser's. */
  timeZone?: string;
  /** Navigation beside (wide screens) or above (phones) the body. */
  sidebar?: Html;
  /** The keyboard help overlay (pages for signed-in readers). */
  help?: Html;
}

export function page(opts: PageOptions): Html {
  return html`<!doctype html>
<html lang="${htmlLang(opts.lang)}"${opts.timeZone === undefined ? '' : html` data-tz="${opts.timeZone}"`}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${opts.nav ? html`<meta name="csrf-token" content="${opts.nav.csrf}">` : ''}
<title>${opts.title} · ${t(opts.lang, 'app.name')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
${opts.nav ? topBar(opts, opts.nav) : html`<header class="top"><span class="brand">${t(opts.lang, 'app.name')}</span>${languageLink(opts)}</header>`}
${opts.sidebar ? html`<div class="layout">${opts.sidebar}<main id="main">${opts.body}</main></div>` : html`<main id="main">${opts.body}</main>`}
${opts.help ?? ''}
</body>
</html>`;
}

function topBar(opts: PageOptions, nav: NonNullable<PageOptions['nav']>): Html {
  const { lang } = opts;
  const search = nav.hideSearch
    ? ''
    : html`<form class="top-search" method="get" action="/search" role="search"><input type="search" name="q" id="q" value="${nav.query ?? ''}" placeholder="${t(lang, 'search.placeholder')}" aria-label="${t(lang, 'nav.search')}"></form>`;
  return html`<header class="top">
<a class="brand" href="/">${t(lang, 'app.name')}</a>
${search}
<span class="top-end">
<a class="help-link" href="#help" aria-controls="help">${t(lang, 'nav.help')}</a>
${languageLink(opts)}
<a class="user" href="/settings">${nav.username}</a>
<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${nav.csrf}"><button type="submit">${t(lang, 'nav.logout')}</button></form>
</span>
</header>`;
}

/** `/lang?to=zh&next=/where/we/are`: the other language, named in itself. */
function languageLink(opts: PageOptions): Html {
  const to: Lang = opts.lang === 'zh' ? 'en' : 'zh';
  const href = `/lang?to=${to}&next=${encodeURIComponent(opts.path ?? '/')}`;
  return html`<a class="lang-switch" href="${href}" hreflang="${htmlLang(to)}" lang="${htmlLang(to)}">${t(opts.lang, 'nav.language')}</a>`;
}
