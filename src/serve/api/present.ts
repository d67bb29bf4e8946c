/**
 * Store rows → API JSON: snake_case keys, ISO 8601 UTC times, minutes for intervals, and article
 * HTML only after the sanitizer (a row stored before the clean stage is cleaned here on the way
 * out; the raw `html` of an entry is never sent).
 */
import type { z } from 'zod';
import type { CleanRules } from '../../clean/index.js';
import { cleanContent, cleanContentAndText } from '../content.js';
import type { Entry, EntrySummary, RevisionContent, RevisionInfo, Subscription } from '../../store/index.js';
import type { entryModel, entrySummaryModel, feedModel, revisionInfoModel, revisionModel } from './schemas.js';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

function minutes(ms: number | null): number | null {
  return ms === null ? null : ms / 60_000;
}

export function feedJson(feed: Subscription, counts: { articles: number; unread: number }): z.input<typeof feedModel> {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.titleOverride ?? feed.title,
    feed_title: feed.title,
    title_override: feed.titleOverride,
    site_url: feed.siteUrl,
    tags: feed.tags,
    fulltext: feed.fulltext,
    enabled: feed.enabled,
    min_interval_minutes: minutes(feed.minIntervalMs),
    max_interval_minutes: minutes(feed.maxIntervalMs),
    created_at: iso(feed.createdAt),
    last_fetch_at: isoOrNull(feed.lastFetchAt),
    last_status: feed.lastStatus,
    last_error: feed.lastError,
    consecutive_failures: feed.consecutiveFailures,
    next_fetch_at: iso(feed.nextCheckAt),
    schedule_reason: feed.scheduleReason,
    article_count: counts.articles,
    unread_count: counts.unread,
  };
}

export function entrySummaryJson(e: EntrySummary): z.input<typeof entrySummaryModel> {
  return {
    id: e.id,
    title: e.title,
    link: e.link,
    author: e.author,
    published_at: iso(e.publishedAt),
    updated_at: isoOrNull(e.updatedAt),
    created_at: iso(e.createdAt),
    feed: e.feedId === null ? null : { id: e.feedId, title: e.feedTitle },
    summary: e.summary,
    revision_count: e.revisionCount,
    removed_at: isoOrNull(e.removedAt),
    read: e.read,
    starred: e.starred,
  };
}

export function revisionInfoJson(r: RevisionInfo): z.input<typeof revisionInfoModel> {
  return { revision: r.revision, title: r.title, published_at: iso(r.publishedAt), updated_at: isoOrNull(r.updatedAt), fetched_at: iso(r.fetchedAt), content_hash: r.contentHash, source: r.source };
}

export function entryJson(e: Entry, rules: CleanRules): z.input<typeof entryModel> {
  return {
    ...entrySummaryJson(e),
    content_html: cleanContent(e.contentHtml, e.html, e.link, rules),
    categories: e.categories,
    feeds: e.feeds,
    extraction: e.extraction,
    revisions: e.revisions.map(revisionInfoJson),
  };
}

/** A revision's clean HTML and text, cleaning the received HTML when it predates the clean stage. */
export function cleanRevision(r: RevisionContent, rules: CleanRules): { html: string; text: string } {
  return cleanContentAndText({ html: r.cleanHtml, text: r.cleanText }, r.html, r.link, rules);
}

export function revisionJson(r: RevisionContent, rules: CleanRules): z.input<typeof revisionModel> {
  const clean = cleanRevision(r, rules);
  return { ...revisionInfoJson(r), link: r.link, content_html: clean.html, content_text: clean.text };
}
