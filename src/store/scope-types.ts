/**
 * Types both halves of the storage seam use (store.ts and watch.ts), in a file of their own so
 * neither imports the other.
 */

/** Whose view of one entry: a user reaches what their subscriptions reach; 'archive' (admins) everything. */
export type EntryScope = { userId: number; archive?: boolean };

export interface StoredRevision {
  articleId: number;
  articleKey: string;
  recordId: string;
  /** 0 for the first version, then 1, 2, … */
  revision: number;
  feedSlug: string;
  title: string;
  link: string;
  publishedAt: number;
  fetchedAt: number;
  /** The record's HTML: the extracted article when there is one, else the feed's HTML as received. */
  html: string;
  archived: boolean;
  /** archive/chain.ts hash of this revision as stored ('' when it was never chained). */
  chainHash: string;
  /** WARC-Payload-Digest of the response it came from, or null. */
  warcDigest: string | null;
}
