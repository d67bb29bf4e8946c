/**
 * Invented articles for the contract suites and the tests that store articles directly: an
 * IncomingArticle with its hashes and record id worked out, on `https://{host}/{key}.html`, with
 * its clean version the HTML without tags. Used by tests only.
 */
import { createHash } from 'node:crypto';
import type { IncomingArticle } from './store.js';

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface ArticleSpec {
  key: string;
  html: string;
  host?: string;
  title?: string;
  publishedAt?: number;
  watchFirstAt?: number | null;
}

export function contractArticle(spec: ArticleSpec): IncomingArticle {
  const title = spec.title ?? `Story ${spec.key}`;
  const { html } = spec;
  return {
    key: spec.key,
    title,
    link: `https://${spec.host ?? 'contract.example.org'}/${spec.key.split('/').pop() ?? spec.key}.html`,
    author: null,
    publishedAt: spec.publishedAt ?? Date.UTC(2024, 5, 1, 6),
    updatedAt: null,
    summary: null,
    html,
    categories: [],
    contentHash: sha256Hex(`${title}\n${html}`),
    recordId: sha256Hex(spec.key).slice(0, 16),
    clean: { html, text: html.replace(/<[^>]+>/g, ''), firedRules: [] },
    ...(spec.watchFirstAt !== undefined ? { watchFirstAt: spec.watchFirstAt } : {}),
  };
}
