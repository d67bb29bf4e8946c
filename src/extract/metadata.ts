/**
 * What the page says about the article outside its text: title, byline, publication date,
 * language and lead-image candidates, from JSON-LD, <meta> tags (Open Graph, article:*, Twitter,
 * Dublin Core, itemprop) and the markup itself. Read before Readability runs, because Readability
 * removes the nodes some of it comes from. Each field lists its sources best first; values that do
 * not validate (a URL as a byline, a date that is not ISO) fall through to the next source.
 */
import { joinNames, normalizeByline } from './byline.js';
import { selectAll, textOf, type DomDocument } from './dom.js';
import { normalizeIsoDate } from './iso-date.js';
import { readJsonLdArticle } from './json-ld.js';
import { resolveUrl } from './urls.js';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: string | null;
  lang: string | null;
  /** Absolute http(s) URLs of images the page declares as its picture, best first. */
  imageCandidates: string[];
}

const DATE_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'article:published', 'pubdate',
  'publishdate', 'publish-date', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'date',
];
const BYLINE_META = ['author', 'byl', 'byline', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author'];
const IMAGE_META = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'];
const TITLE_META = ['og:title', 'twitter:title', 'dc.title'];
// What sites put between a headline and their own name in <title> and og:title.
const TITLE_SEPARATOR = /^\s*(?:[|\-–—_:：｜·•»/]|::)/;

/** <meta> values by lower-cased property, name or itemprop; the first occurrence wins. */
function collectMeta(doc: DomDocument): Map<string, string> {
  const meta = new Map<string, string>();
  for (const el of selectAll(doc, 'meta[content]')) {
    const content = (el.getAttribute('content') ?? '').trim();
    if (content === '') continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !meta.has(key)) meta.set(key, content);
    }
  }
  return meta;
}

function first<T>(values: ReadonlyArray<T | null | undefined>): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

/** "Headline | Site" belongs to the heading "Headline". */
function isTitleOf(candidate: string, heading: string): boolean {
  if (candidate === heading) return true;
  if (candidate.startsWith(heading)) return TITLE_SEPARATOR.test(candidate.slice(heading.length));
  if (candidate.endsWith(heading)) return TITLE_SEPARATOR.test([...candidate.slice(0, -heading.length)].reverse().join(''));
  return false;
}

function pickTitle(doc: DomDocument, meta: Map<string, string>, headline: string | null): string | null {
  if (headline !== null) return headline;
  const candidates = [...TITLE_META.map((k) => meta.get(k)), textOf(doc.querySelector('title'))]
    .map((c) => c?.replace(/\s+/g, ' ').trim())
    .filter((c): c is string => Boolean(c));
  const headings = selectAll(doc.body, 'h1').map(textOf).filter((h) => h.length > 0 && h.length < 300);
  for (const candidate of candidates) {
    // The site's name may be an <h1> too (the logo) and match the other end: take the longest match.
    const matches = headings.filter((h) => isTitleOf(candidate, h)).sort((a, b) => b.length - a.length);
    if (matches[0] !== undefined) return matches[0];
  }
  // No title metadata at all (a bare CMS page): a lone <h1> is the headline.
  return first([...TITLE_META.map((k) => meta.get(k)?.replace(/\s+/g, ' ').trim() || null), headings.length === 1 ? headings[0] : null]);
}

function pickPublished(doc: DomDocument, meta: Map<string, string>, jsonLdDate: string | null): string | null {
  const fromMarkup = selectAll(doc, 'time[pubdate][datetime], [itemprop="datePublished"][datetime], [itemprop="datePublished"][content]')
    .map((el) => el.getAttribute('datetime') ?? el.getAttribute('content'));
  return first([jsonLdDate, ...DATE_META.map((k) => meta.get(k)), ...fromMarkup].map(normalizeIsoDate));
}

function pickLang(doc: DomDocument, meta: Map<string, string>, jsonLdLang: string | null): string | null {
  const root = doc.documentElement;
  const locale = meta.get('og:locale')?.replace(/_/g, '-');
  const values = [root.getAttribute('lang'), root.getAttribute('xml:lang'), locale, jsonLdLang, meta.get('content-language')];
  return first(values.map((v) => (v && /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(v.trim()) ? v.trim() : null)));
}

/** An image URL worth offering: resolves to http(s) and has no spaces (some JSON-LD carries prose here). */
function imageUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value || /\s/.test(value.trim())) return null;
  const absolute = resolveUrl(value, base);
  return absolute !== null && /^https?:/i.test(absolute) ? absolute : null;
}

export function readPageMetadata(doc: DomDocument, base: string | null): PageMetadata {
  const meta = collectMeta(doc);
  const ld = readJsonLdArticle(doc);
  const images = [...(ld?.images ?? []), ...IMAGE_META.map((k) => meta.get(k))]
    .map((v) => imageUrl(v, base))
    .filter((v): v is string => v !== null);
  return {
    title: pickTitle(doc, meta, ld?.headline ?? null),
    byline: first([joinNames(ld?.authors ?? []), ...BYLINE_META.map((k) => normalizeByline(meta.get(k)))]),
    published: pickPublished(doc, meta, ld?.datePublished ?? null),
    lang: pickLang(doc, meta, ld?.inLanguage ?? null),
    imageCandidates: [...new Set(images)],
  };
}
