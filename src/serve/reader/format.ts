/**
 * How the reader shows values: dates in the reader's language and zone (inside <time datetime>),
 * feed names, intervals, and the URLs pages link to. Formatters are cached per language, zone
 * and style: building an Intl.DateTimeFormat costs more than formatting a whole list with it.
 */
import { html } from 'hono/html';
import type { Lang } from '../deps.js';
import type { Html } from './layout.js';

export type DateStyle = 'datetime' | 'date';

const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 64;

function formatter(lang: Lang, timeZone: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${style}`;
  let found = formatters.get(key);
  if (found === undefined) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    found = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone,
      dateStyle: 'medium',
      ...(style === 'datetime' ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

export function formatDate(ms: number, lang: Lang, timeZone: string, style: DateStyle = 'datetime'): string {
  return formatter(lang, timeZone, style).format(new Date(ms));
}

/** `<time datetime="2024-03-04T08:30:00.000Z">4 Mar 2024, 16:30</time>` */
export function timeTag(ms: number, lang: Lang, timeZone: string, style: DateStyle = 'datetime'): Html {
  return html`<time datetime="${new Date(ms).toISOString()}">${formatDate(ms, lang, timeZone, style)}</time>`;
}

/** `path?a=1&b=2`, leaving out empty parameters. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** Minutes for a form field: '' for "the default". */
export function minutesField(ms: number | null): string {
  return ms === null ? '' : String(Math.round(ms / 60_000));
}
