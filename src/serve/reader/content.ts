/**
 * The only way article HTML reaches a page: the stored clean HTML, or, for a row stored before the
 * clean stage existed (clean HTML null), the received HTML put through cleanHtml first. Raw feed
 * HTML is never returned from here. Texts for diffs come the same way.
 */
import { cleanHtml, type CleanRules } from '../../clean/index.js';
import { safeHref } from './format.js';

export function cleanContent(clean: string | null, received: string, link: string, rules: CleanRules): string {
  return clean ?? cleanHtml(received, { baseUrl: safeHref(link), rules }).html;
}

export function cleanText(clean: string | null, received: string, link: string, rules: CleanRules): string {
  return clean ?? cleanHtml(received, { baseUrl: safeHref(link), rules }).text;
}
