/**
 * One item as both sync presenters (JSON and Atom) see it: an entry of the user's, its clean full
 * text, and the subscription it reaches them through. Routes build these from store rows; the
 * presenters only format, so they are tested on plain data.
 */
export interface SyncItem {
  id: number;
  title: string;
  link: string;
  author: string | null;
  publishedAt: number;
  updatedAt: number | null;
  /** When feedkeeper stored it: the stream's order and every client's timestampUsec. */
  crawledAt: number;
  /** Clean HTML, already through the sanitizer. */
  html: string;
  read: boolean;
  starred: boolean;
  /** The user's subscription that carries the item. */
  origin: { feedId: number; title: string; siteUrl: string | null; url: string };
  /** The user's tags on that subscription: Google Reader labels. */
  labels: readonly string[];
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);
