/**
 * One item as both sync presenters (JSON and Atom) see it: an entry of the user's, its clean full
 * text, and the subscription it reaches them through. Routes build these from store rows; the
 * presenters only format, so they are tested on plain data.
 */
import type { EntrySummary } from '../../store/index.js';

export interface SyncItem extends Pick<EntrySummary, 'id' | 'title' | 'link' | 'author' | 'publishedAt' | 'updatedAt' | 'read' | 'starred'> {
  /** When feedkeeper stored it (EntrySummary's createdAt): the stream's order and every client's timestampUsec. */
  crawledAt: number;
  /** Clean HTML, already through the sanitizer. */
  html: string;
  /** The user's subscription that carries the item. */
  origin: { feedId: number; title: string; siteUrl: string | null; url: string };
  /** The user's tags on that subscription: Google Reader labels. */
  labels: readonly string[];
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);
