/**
 * The watch side of the storage seam (types only): articles re-checked after publication, what a
 * re-check found, and the changes (edits, removals, returns) people and programs follow.
 * The policy (when to check, what counts as removed) is src/watch/'s; the store keeps state and
 * writes each check's outcome in one transaction, so a crash mid-check loses or repeats nothing.
 */
import type { ImagesMode } from './media.js';
import type { EntryScope, StoredRevision } from './scope-types.js';

export type WatchStateName = 'ok' | 'suspect' | 'removed';

/** A watched article with what a re-check needs to decide. */
export interface WatchTarget {
  articleId: number;
  link: string;
  createdAt: number;
  /** The home feed's schedule (null: the global one) and whether that feed is enabled; no home feed: not watched. */
  feed: { id: number; watch: string | null; enabled: boolean; images: ImagesMode | null } | null;
  nextCheckAt: number | null;
  checks: number;
  lastCheckAt: number | null;
  etag: string | null;
  lastModified: string | null;
  /** Fingerprint of the page text (and title) last seen; null before the first successful check. */
  pageHash: string | null;
  pageTitle: string | null;
  state: WatchStateName;
  suspectSince: number | null;
  suspectEvidence: Record<string, unknown> | null;
  failures: number;
  latest: {
    revision: number;
    title: string;
    /** Clean text of the latest revision, null when it was stored before cleaning. */
    cleanText: string | null;
    /** The latest revision's text came from the article page (so it is comparable to a re-check). */
    fromPage: boolean;
    /** The feed's HTML as received, kept on a re-check revision (it is what the feed still says). */
    html: string;
  };
}

export type WatchEventKind = 'edited' | 'removed' | 'restored';

/** What one re-check found, stored together. */
export interface WatchCheck {
  checkedAt: number;
  /** The next check, or null when the schedule is done. */
  nextCheckAt: number | null;
  /** For people: "unchanged (304)", "edited", "suspect: not-found (404)", … */
  outcome: string;
  etag?: string | null;
  lastModified?: string | null;
  pageHash?: string | null;
  pageTitle?: string | null;
  failures: number;
  state: WatchStateName;
  suspectSince: number | null;
  suspectEvidence: Record<string, unknown> | null;
  /** A changed page: a new revision marked as found by a re-check. */
  revision?: {
    title: string;
    fullHtml: string;
    extraction: string;
    clean: { html: string; text: string; firedRules: string[] };
    contentHash: string;
    /** WARC-Payload-Digest of the page response, when it was captured (the revision's chain names it). */
    warcDigest?: string | null;
  };
  /** A confirmed removal or a return; `removedAt` is set (removal) or cleared (return) with it. */
  event?: { kind: 'removed' | 'restored'; evidence: Record<string, unknown>; removedAt: number | null };
}

export interface ArticleEvent {
  id: number;
  articleId: number;
  at: number;
  kind: WatchEventKind;
  /** The revision an edit made. */
  revision: number | null;
  /** Who made the revision of an edit: the feed, a page re-check, or a re-extraction from a stored response (not the publisher's edit). */
  source: 'feed' | 'recheck' | 'reextract' | null;
  evidence: Record<string, unknown> | null;
}

/** One change in a changes list, with what a list shows of its article. */
export interface ChangeItem extends ArticleEvent {
  title: string;
  link: string;
  feedId: number | null;
  feedTitle: string | null;
}

export interface ChangeFilter {
  scope: EntryScope;
  feedId?: number;
  tag?: string;
  kinds?: readonly WatchEventKind[];
  sinceMs?: number;
}

export interface ChangePage {
  changes: ChangeItem[];
  nextCursor: string | null;
}

export interface HostBudget {
  /** UTC day number (ms / 86,400,000). */
  day: number;
  limit: number;
}

export interface WatchRepo {
  /** Watched articles whose next check is due at `nowMs`, soonest first. */
  due(nowMs: number, limit: number): Promise<number[]>;
  get(articleId: number): Promise<WatchTarget | null>;
  /**
   * Spends one of the host's re-checks for the day: 'ok', 'spent' (the budget is used up) or
   * 'paused' (a 429/503 asked to wait), with when to come back.
   */
  takeBudget(host: string, nowMs: number, budget: HostBudget): Promise<{ ok: true } | { ok: false; reason: 'spent' | 'paused'; retryAt: number }>;
  /** Every process holds off this host until `untilMs`. */
  pauseHost(host: string, day: number, untilMs: number): Promise<void>;
  /** Stores one check's outcome (revision, event, watch row) in one transaction; returns the revision for its record file. */
  record(articleId: number, check: WatchCheck): Promise<{ revision: StoredRevision | null }>;
  /** Moves the next check without a fetch (budget spent, schedule changed, not watched any more). */
  reschedule(articleId: number, nextCheckAt: number | null, outcome: string): Promise<void>;
  /** One article's events, oldest first; empty when the scope does not reach it. */
  events(scope: EntryScope, articleId: number): Promise<ArticleEvent[]>;
  /** Changes the scope reaches, newest first, by an id keyset cursor. */
  changes(filter: ChangeFilter, opts: { limit: number; cursor: string | null }): Promise<ChangePage>;
}
