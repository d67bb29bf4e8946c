/**
 * The per-feed settings form: its values as text (to show again after a mistake) and their check
 * into the user's own part (title, tags) and the shared fetch part (full text, intervals,
 * enabled), with messages in the reader's language that name the field and repeat what was typed.
 * Intervals are minutes in the form and milliseconds in the store; empty means the default. Only
 * fetch settings that differ from the feed's are in the fetch patch, so saving a title never
 * touches (or needs the right to touch) how a shared feed is fetched.
 */
import { FEED_LIMITS } from '../../core/index.js';
import type { FeedPatch, FulltextMode, Subscription, SubscriptionPatch } from '../../store/index.js';
import { minutesField } from './format.js';
import type { PostedForm } from './forms.js';
import type { View } from './view.js';

const MAX_TITLE = FEED_LIMITS.titleChars;
const MAX_TAG = FEED_LIMITS.tagChars;
const MAX_TAGS = FEED_LIMITS.tags;
export const { min: MIN_INTERVAL_MINUTES, max: MAX_INTERVAL_MINUTES } = FEED_LIMITS.intervalMinutes;
const FULLTEXT: readonly FulltextMode[] = ['auto', 'always', 'never'];

export interface FeedFormValues {
  title: string;
  tags: string;
  fulltext: string;
  min: string;
  max: string;
  enabled: boolean;
}

export function feedFormValues(feed: Subscription): FeedFormValues {
  return {
    title: feed.titleOverride ?? '',
    tags: feed.tags.join(', '),
    fulltext: feed.fulltext,
    min: minutesField(feed.minIntervalMs),
    max: minutesField(feed.maxIntervalMs),
    enabled: feed.enabled,
  };
}

export function postedFeedForm(form: PostedForm): FeedFormValues {
  return {
    title: form.text('title') ?? '',
    tags: form.text('tags') ?? '',
    fulltext: form.text('fulltext') ?? 'auto',
    min: form.text('min_interval') ?? '',
    max: form.text('max_interval') ?? '',
    // An unticked checkbox sends nothing.
    enabled: form.text('enabled') !== undefined,
  };
}

/** Comma-separated (also ，and 、), trimmed, without repeats. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((t) => t.trim()).filter((t) => t !== ''))];
}

export function checkTags(view: View, tags: readonly string[]): string[] {
  const errors: string[] = [];
  if (tags.length > MAX_TAGS) errors.push(view.tr('settings.error.tagCount', { max: MAX_TAGS, count: tags.length }));
  for (const tag of tags) {
    if ([...tag].length > MAX_TAG) errors.push(view.tr('settings.error.tagLength', { tag: tag.slice(0, 60), max: MAX_TAG }));
    else if (/[\u0000-\u001f\u007f]/.test(tag)) errors.push(view.tr('settings.error.tagChars', { tag }));
  }
  return errors;
}

export type Checked = { ok: true; own: SubscriptionPatch; fetch: FeedPatch } | { ok: false; errors: string[] };

export function checkFeedForm(view: View, values: FeedFormValues, feed: Subscription): Checked {
  const errors: string[] = [];
  const title = values.title.trim();
  if ([...title].length > MAX_TITLE) errors.push(view.tr('settings.error.title', { max: MAX_TITLE, length: [...title].length }));
  const tags = splitTags(values.tags);
  errors.push(...checkTags(view, tags));
  const fulltext = FULLTEXT.find((m) => m === values.fulltext);
  if (fulltext === undefined) errors.push(view.tr('settings.error.fulltext', { value: values.fulltext }));
  const min = minutes(view, view.tr('settings.minInterval'), values.min, errors);
  const max = minutes(view, view.tr('settings.maxInterval'), values.max, errors);
  if (typeof min === 'number' && typeof max === 'number' && min > max) errors.push(view.tr('settings.error.order', { min, max }));
  if (errors.length > 0 || fulltext === undefined || min === undefined || max === undefined) return { ok: false, errors };
  const wanted: Required<Pick<FeedPatch, 'fulltext' | 'minIntervalMs' | 'maxIntervalMs' | 'enabled'>> = {
    fulltext,
    minIntervalMs: min === null ? null : min * 60_000,
    maxIntervalMs: max === null ? null : max * 60_000,
    enabled: values.enabled,
  };
  const fetch: FeedPatch = {};
  if (wanted.fulltext !== feed.fulltext) fetch.fulltext = wanted.fulltext;
  if (wanted.minIntervalMs !== feed.minIntervalMs) fetch.minIntervalMs = wanted.minIntervalMs;
  if (wanted.maxIntervalMs !== feed.maxIntervalMs) fetch.maxIntervalMs = wanted.maxIntervalMs;
  if (wanted.enabled !== feed.enabled) fetch.enabled = wanted.enabled;
  return { ok: true, own: { titleOverride: title === '' ? null : title, tags }, fetch };
}

/** null for empty (the default), undefined after pushing an error. */
function minutes(view: View, field: string, text: string, errors: string[]): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  if (/^\d+$/.test(trimmed) && n >= MIN_INTERVAL_MINUTES && n <= MAX_INTERVAL_MINUTES) return n;
  errors.push(view.tr('settings.error.interval', { field, min: MIN_INTERVAL_MINUTES, max: MAX_INTERVAL_MINUTES, value: text }));
  return undefined;
}
