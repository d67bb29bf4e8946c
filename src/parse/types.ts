/** Types the parse stage adds to the core contract. */
import type { FeedInfo, FeedItem, ParsedFeed } from '../core/index.js';
import type { XmlElement } from './xml/tree.js';

/** What the feed says about how often to poll it; the scheduler reads these, the CLI does not print them. */
export interface ScheduleHints {
  ttlMinutes: number | null;
  updatePeriod: string | null;
  updateFrequency: string | null;
}

export interface ParseResult extends ParsedFeed {
  hints: ScheduleHints;
}

export interface ParseOptions {
  /** charset from the HTTP Content-Type header, if any. */
  httpCharset?: string | null;
  /** The URL the feed was fetched from (or the user's --base-url), for relative links. */
  baseUrl?: string | null;
  /** Refuse larger inputs (bytes). Default 32 MiB. */
  maxBytes?: number;
}

/** A format adapter's output: items keep their element so truncated ones can be dropped. */
export interface Adapted {
  feed: FeedInfo;
  items: Array<{ el: XmlElement; item: FeedItem }>;
  hints: ScheduleHints;
}
