/**
 * Which Google Reader endpoint a path names. The API answers under three bases (`/api/greader`,
 * and `/api/greader.php` and `/p/api/greader.php`, the paths clients preset for FreshRSS), and
 * clients join their base URL and the endpoint carelessly: a base typed with a trailing slash
 * gives `//accounts/ClientLogin`. So repeated and trailing slashes around the endpoint are
 * ignored, while a stream id after it (`stream/contents/feed/https://…`) keeps its own, and is
 * percent-decoded (newsboat encodes the whole id, `/` included). Pure: a path in, a name out.
 */
export const GREADER_BASES = ['/api/greader', '/api/greader.php', '/p/api/greader.php'] as const;

export type EndpointName =
  | 'accounts/ClientLogin'
  | 'token'
  | 'user-info'
  | 'preference/list'
  | 'preference/stream/list'
  | 'subscription/list'
  | 'subscription/edit'
  | 'subscription/quickadd'
  | 'subscription/export'
  | 'subscription/import'
  | 'tag/list'
  | 'rename-tag'
  | 'disable-tag'
  | 'unread-count'
  | 'stream/contents'
  | 'stream/items/ids'
  | 'stream/items/contents'
  | 'edit-tag'
  | 'mark-all-as-read'
  | 'atom';

/** Endpoints a stream id may follow in the path. */
const STREAM_PATHS: ReadonlyArray<[string, EndpointName]> = [
  ['reader/api/0/stream/contents', 'stream/contents'],
  ['reader/atom', 'atom'],
];

const API_NAMES: ReadonlySet<string> = new Set<EndpointName>([
  'token', 'user-info', 'preference/list', 'preference/stream/list', 'subscription/list', 'subscription/edit', 'subscription/quickadd', 'subscription/export',
  'subscription/import', 'tag/list', 'rename-tag', 'disable-tag', 'unread-count', 'stream/contents', 'stream/items/ids', 'stream/items/contents', 'edit-tag', 'mark-all-as-read',
]);

export interface Matched {
  name: EndpointName;
  /** The stream id written into the path, decoded; null when none was. */
  stream: string | null;
}

/** The endpoint of a raw (still percent-encoded) URL path, or null for none. */
export function matchEndpoint(rawPath: string): Matched | null {
  const base = GREADER_BASES.find((b) => rawPath === b || rawPath.startsWith(b + '/'));
  if (base === undefined) return null;
  const rest = rawPath.slice(base.length).replace(/^\/+/, '');
  for (const [prefix, name] of STREAM_PATHS) {
    const tail = afterPrefix(rest, prefix);
    if (tail === null) continue;
    if (tail === '') return { name, stream: null };
    const stream = safeDecode(tail);
    return stream === null ? null : { name, stream };
  }
  const path = rest.split('/').filter((s) => s !== '').join('/');
  if (path.toLowerCase() === 'accounts/clientlogin') return { name: 'accounts/ClientLogin', stream: null };
  if (path.startsWith('reader/api/0/')) {
    const name = path.slice('reader/api/0/'.length);
    if (API_NAMES.has(name)) return { name: name as EndpointName, stream: null };
  }
  return null;
}

/** `rest` after `prefix` (segments joined by one or more slashes), without the slashes between; null when it does not start with it. */
function afterPrefix(rest: string, prefix: string): string | null {
  let at = 0;
  for (const segment of prefix.split('/')) {
    if (!rest.startsWith(segment, at)) return null;
    at += segment.length;
    const slashes = /^\/*/.exec(rest.slice(at))?.[0].length ?? 0;
    if (slashes === 0 && at !== rest.length) return null;
    at += slashes;
  }
  return rest.slice(at).replace(/\/+$/, '');
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
