/**
 * The normalized shape every feed format is adapted to. This is a public contract: the
 * `feedkeeper parse` CLI prints exactly these fields. Missing values are `null` (arrays empty),
 * never `undefined` or empty strings.
 */
export type FeedFormat = 'rss0.9x' | 'rss1.0' | 'rss2.0' | 'atom0.3' | 'atom1.0' | 'json1.0' | 'json1.1';

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedItem {
  /** guid / atom:id / JSON Feed id, as given. */
  id: string | null;
  /** Plain text, entities decoded, tags removed, whitespace collapsed. */
  title: string | null;
  /** Absolute when a base was available. */
  link: string | null;
  /** ISO-8601 UTC (`2024-01-31T11:33:00.000Z`). */
  published: string | null;
  updated: string | null;
  author: string | null;
  /** HTML. */
  summary: string | null;
  /** HTML, passed on as received (CDATA and entity-escaped HTML come out the same). */
  content: string | null;
  categories: string[];
  enclosures: Enclosure[];
}

export interface FeedInfo {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  updated: string | null;
  /** URL of the feed's image or icon. */
  image: string | null;
}

/** Something that was wrong with the input but was recovered from: the parser's "bozo" flag. */
export interface ParseWarning {
  code: WarningCode;
  message: string;
}

export type WarningCode =
  | 'ENCODING'
  | 'CONTROL_CHARACTERS'
  | 'JUNK_BEFORE_ROOT'
  | 'UNCLOSED_TAG'
  | 'STRAY_CLOSING_TAG'
  | 'STRAY_CLOSING_TAG'
  | 'UNDECLARED_ENTITY'
  | 'BARE_AMPERSAND'
  | 'EXTERNAL_ENTITY_IGNORED'
  | 'TRUNCATED'
  | 'BAD_DATE'
  | 'DATE_ZONE_ASSUMED'
  | 'RELATIVE_LINK'
  | 'BAD_VALUE'
  | 'JSON_RECOVERED';

export interface ParsedFeed {
  feed: FeedInfo;
  items: FeedItem[];
  warnings: ParseWarning[];
}
