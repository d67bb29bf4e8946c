/**
 * The feed parsers the parse suite compares, each wrapped to the same shape: take one document,
 * return how many items came out and the first item's title. Each gets the input form it is
 * built for: feedkeeper takes raw bytes (decoding is part of its job), the peers take a string.
 * Every adapter must materialize the full item list so that lazy parsers do the same work.
 */
import { parseFeed as parseFeedsmith } from 'feedsmith';
import { parseFeed as parseRowanmanning } from '@rowanmanning/feed-parser';
import RssParser from 'rss-parser';
import { parseFeed as parseFeedkeeper } from '../src/parse/index.js';

export interface ParseInput {
  /** The document as served. */
  bytes: Uint8Array;
  /** The same document decoded as UTF-8, as `await response.text()` would give without a charset. */
  text: string;
}

export interface ParseOutcome {
  items: number;
  firstTitle: string | null;
  /** Recovered problems the parser reports, when it reports them. */
  warnings?: number;
}

export interface ParserUnderTest {
  name: string;
  input: 'bytes' | 'string';
  /** Anything a reader of the numbers should know about how this parser is called. */
  note: string;
  parse(input: ParseInput): ParseOutcome | Promise<ParseOutcome>;
}

const feedkeeper: ParserUnderTest = {
  name: 'feedkeeper',
  input: 'bytes',
  note: 'parseFeed(bytes): decodes the bytes itself, returns the normalized ParsedFeed',
  parse({ bytes }) {
    const feed = parseFeedkeeper(bytes);
    return { items: feed.items.length, firstTitle: feed.items[0]?.title ?? null, warnings: feed.warnings.length };
  },
};

/** The same parser handed the already-decoded string, so parsing alone is compared like for like. */
const feedkeeperText: ParserUnderTest = {
  name: 'feedkeeper (text)',
  input: 'string',
  note: 'parseFeed(text): the same string the peers get, so this row compares parsing alone',
  parse({ text }) {
    const feed = parseFeedkeeper(text);
    return { items: feed.items.length, firstTitle: feed.items[0]?.title ?? null, warnings: feed.warnings.length };
  },
};

const feedsmith: ParserUnderTest = {
  name: 'feedsmith',
  input: 'string',
  note: 'parseFeed(text)',
  parse({ text }) {
    const result = parseFeedsmith(text);
    switch (result.format) {
      case 'atom': {
        const entries = result.feed.entries ?? [];
        return { items: entries.length, firstTitle: entries[0]?.title?.value ?? null };
      }
      case 'rss':
      case 'rdf':
      case 'json': {
        const items = result.feed.items ?? [];
        return { items: items.length, firstTitle: items[0]?.title ?? null };
      }
    }
  },
};

const rssParser = new RssParser();
const rssParserPeer: ParserUnderTest = {
  name: 'rss-parser',
  input: 'string',
  note: 'new Parser().parseString(text), awaited (it is async; built on xml2js)',
  async parse({ text }) {
    const feed = await rssParser.parseString(text);
    return { items: feed.items.length, firstTitle: feed.items[0]?.title ?? null };
  },
};

const rowanmanning: ParserUnderTest = {
  name: '@rowanmanning/feed-parser',
  input: 'string',
  note: 'parseFeed(text).toJSON(): its fields are lazy getters, toJSON() reads them all',
  parse({ text }) {
    const feed = parseRowanmanning(text).toJSON();
    return { items: feed.items.length, firstTitle: feed.items[0]?.title ?? null };
  },
};

/** feedkeeper first: ratios are computed against it. */
export const PARSERS: readonly ParserUnderTest[] = [feedkeeper, feedkeeperText, feedsmith, rssParserPeer, rowanmanning];
