/**
 * A site rule applied to a page: title, byline and date are read first (stripping may remove the
 * header they sit in), then the strip selectors remove boilerplate, then every element the content
 * selector matches (outermost only, in document order) is moved into one container. Null when the
 * content selector finds nothing, so the caller can fall back to Readability.
 */
import { normalizeByline } from './byline.js';
import { selectAll, textOf, type DomDocument, type DomElement } from './dom.js';
import { normalizeIsoDate } from './iso-date.js';
import type { SiteRule } from './site-rules.js';

export interface RuleExtraction {
  root: DomElement;
  title: string | null;
  byline: string | null;
  published: string | null;
}

// Markup that is never article text; the clean stage does the full job, this keeps textLength honest.
const NEVER_CONTENT = 'script, style, template, noscript, form, button, input, select, textarea';

function readText(doc: DomDocument, selector: string | null): string | null {
  if (selector === null) return null;
  const text = textOf(doc.querySelector(selector));
  return text === '' ? null : text;
}

function readDate(doc: DomDocument, selector: string | null): string | null {
  if (selector === null) return null;
  for (const el of selectAll(doc, selector)) {
    const date = normalizeIsoDate(el.getAttribute('datetime') ?? el.getAttribute('content') ?? textOf(el));
    if (date !== null) return date;
  }
  return null;
}

export function applyRule(doc: DomDocument, rule: SiteRule): RuleExtraction | null {
  const title = readText(doc, rule.title);
  const byline = normalizeByline(readText(doc, rule.byline));
  const published = readDate(doc, rule.date);
  for (const selector of rule.strip) for (const el of selectAll(doc, selector)) el.remove();
  const matches = selectAll(doc, rule.content);
  const outermost = matches.filter((el) => !matches.some((other) => other !== el && other.contains(el)));
  if (outermost.length === 0) return null;
  const root = doc.createElement('div');
  root.append(...outermost);
  for (const el of selectAll(root, NEVER_CONTENT)) el.remove();
  return { root, title, byline, published };
}
