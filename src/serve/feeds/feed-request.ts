/**
 * What a republished-feed URL asks for, read and checked once here so everything after it works
 * on typed values: the format from the file extension (`all.atom`), the output filters from the
 * query string (through publish/'s parseFilters), and the search query of /search.*.
 *
 * Errors name what was wrong: a bad parameter is USAGE (400, "limit: expected …"), an extension
 * we do not write is NOT_FOUND (404), like any other path we do not serve. Parameters we do not
 * know (`token`, a reader's cache-buster) are ignored.
 */
import { FeedkeeperError } from '../../core/index.js';
import { parseFilters, writeAtom, writeJsonFeed, writeRss, type OutputFilters, type PublishedFeed } from '../../publish/index.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FormatWriter {
  contentType: string;
  write(feed: PublishedFeed): string;
}

export const FORMATS: Record<FeedFormat, FormatWriter> = {
  rss: { contentType: 'application/rss+xml; charset=utf-8', write: writeRss },
  atom: { contentType: 'application/atom+xml; charset=utf-8', write: writeAtom },
  json: { contentType: 'application/feed+json; charset=utf-8', write: writeJsonFeed },
};

export const FORMAT_NAMES = Object.keys(FORMATS) as FeedFormat[];

const DEFAULT_LIMIT = 50;

/**
 * The filters with the limit always set (publish's parseFilters leaves it out when absent), and
 * where images point: 'local' (`?images=local`) rewrites archived ones to this server's /media/.
 */
export type FeedFilters = OutputFilters & { limit: number; images: 'original' | 'local' };

/** `地铁.rss` → { name: '地铁', format: 'rss' }; the last dot separates, so `node.js.atom` works. */
export function splitFileName(file: string, where: string): { name: string; format: FeedFormat } {
  const dot = file.lastIndexOf('.');
  const name = dot > 0 ? file.slice(0, dot) : '';
  const ext = dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
  const format = FORMAT_NAMES.find((f) => f === ext);
  if (name === '' || format === undefined) {
    const got = dot > 0 ? `".${file.slice(dot + 1)}"` : 'no extension';
    throw new FeedkeeperError('NOT_FOUND', `${where}: expected <name>.rss, <name>.atom or <name>.json, got ${got} in "${file}"`);
  }
  return { name, format };
}

export function readFilters(query: URLSearchParams): FeedFilters {
  const filters = parseFilters(query);
  return { ...filters, limit: filters.limit ?? DEFAULT_LIMIT, images: readImages(query) };
}

function readImages(query: URLSearchParams): 'original' | 'local' {
  const values = query.getAll('images');
  if (values.length > 1) throw new FeedkeeperError('USAGE', `images: given ${values.length} times; expected it once`);
  const value = values[0]?.trim().toLowerCase();
  if (value === undefined || value === 'original') return 'original';
  if (value === 'local') return 'local';
  throw new FeedkeeperError('USAGE', `images: expected local or original, got "${values[0]}"`);
}

/** The `q` of a search feed: exactly one, not blank. */
export function readSearchText(query: URLSearchParams): string {
  const values = query.getAll('q');
  if (values.length > 1) throw new FeedkeeperError('USAGE', `q: given ${values.length} times; expected it once`);
  const q = values[0]?.trim() ?? '';
  if (q === '') throw new FeedkeeperError('USAGE', 'q: expected a search query (for example /search.atom?q=地铁), got none');
  return q;
}
