/**
 * The only way article HTML leaves serve/ (pages, API answers, republished feeds): the stored clean
 * HTML, or, for a row stored before the clean stage existed (clean HTML null), the HTML as received
 * put through cleanHtml first. Raw feed HTML is never returned from here. Texts for diffs come the
 * same way. Relative URLs resolve against the article's link only when that is http(s).
 */
import { cleanHtml, type CleanRules } from '../clean/index.js';
import { safeHref } from './safe-urls.js';

export interface ShownContent {
  html: string;
  text: string;
}

export function cleanContent(clean: string | null, received: string, link: string, rules: CleanRules): string {
  return clean ?? cleanNow(received, link, rules).html;
}

export function cleanText(clean: string | null, received: string, link: string, rules: CleanRules): string {
  return clean ?? cleanNow(received, link, rules).text;
}

/** Both, cleaning at most once. */
export function cleanContentAndText(stored: { html: string | null; text: string | null }, received: string, link: string, rules: CleanRules): ShownContent {
  if (stored.html !== null && stored.text !== null) return { html: stored.html, text: stored.text };
  const clean = cleanNow(received, link, rules);
  return { html: stored.html ?? clean.html, text: stored.text ?? clean.text };
}

function cleanNow(received: string, link: string, rules: CleanRules) {
  return cleanHtml(received, { baseUrl: safeHref(link), rules });
}
