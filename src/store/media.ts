/**
 * The media side of the storage seam (types only): image files kept once by the SHA-256 of their
 * bytes, what each article revision referenced and what became of each reference, and the queue
 * of revisions whose images are still to be fetched. The files themselves live on disk
 * (`<data-dir>/media/`, src/media/); the store keeps what is known about them.
 * Rules every implementation keeps:
 * - `record` is one transaction: the files' rows (a hash already known is kept as it was), the
 *   revision's references (replacing any earlier result for that revision) and the queue row go together.
 * - A file is reachable by a user only through an article the user may open (EntryScope).
 */
import type { EntryScope } from './scope-types.js';

/** Per feed: keep the images of its articles, or leave them remote. */
export type ImagesMode = 'keep' | 'off';

export interface MediaFile {
  /** 64 lowercase hex. */
  sha256: string;
  /** The sniffed type (image/png, image/jpeg, image/gif, image/webp, image/avif, image/svg+xml). */
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  /** The URL it was first downloaded from. */
  firstUrl: string;
  fetchedAt: number;
}

/** One image reference of a revision: stored (with its file) or failed (with the reason, for people). */
export type ArticleImage =
  | { url: string; status: 'stored'; sha256: string }
  | { url: string; status: 'failed'; reason: string };

/** What the media job needs of one queued article. */
export interface MediaTarget {
  articleId: number;
  /** The revision that was queued. */
  revision: number;
  link: string;
  /** The revision's clean HTML (absolute URLs); null when it was stored before cleaning. */
  cleanHtml: string | null;
  /** The home feed's own setting (null: the global one; no home feed: null too). */
  images: ImagesMode | null;
}

export interface MediaRepo {
  /** Queues these revisions for the media job (a later revision of the same article replaces an earlier one). */
  enqueue(items: ReadonlyArray<{ articleId: number; revision: number }>, atMs: number): Promise<void>;
  /** Article ids waiting in the queue, oldest first. */
  pending(limit: number): Promise<number[]>;
  /** The queued revision of the article with what the job needs, or null when it is not queued. */
  target(articleId: number): Promise<MediaTarget | null>;
  /** Files already stored for these URLs (any article's), by URL: a known image is not downloaded again. */
  storedUrls(urls: readonly string[]): Promise<Map<string, string>>;
  /** Stores the job's results for the revision and takes it off the queue, in one transaction. */
  record(target: { articleId: number; revision: number }, files: readonly MediaFile[], images: readonly ArticleImage[], atMs: number): Promise<void>;
  /**
   * The stored images of these articles, URL → sha256, over every revision (a URL's newest
   * result wins): what rendering rewrites to the local route. Articles without any are absent.
   */
  localImages(articleIds: readonly number[]): Promise<Map<number, Map<string, string>>>;
  /** Every reference of the article's latest revision that has a result, stored and failed. */
  ofArticle(articleId: number): Promise<ArticleImage[]>;
  /** The file, when an article using it is one the scope may open; null otherwise (or unknown). */
  reachable(scope: EntryScope, sha256: string): Promise<MediaFile | null>;
  /** Files and their bytes in total. */
  totals(): Promise<{ files: number; bytes: number }>;
}
