export { parseFeed } from './parse-feed.js';
export type { ParseOptions, ParseResult, ScheduleHints } from './types.js';
export { parseOpml, type OpmlDocument, type OpmlFeed, type OpmlOptions } from './opml.js';
