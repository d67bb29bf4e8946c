/**
 * The Fever API's parameters: the query string says what to do (`?api&items&since_id=…`), the
 * form body (or, for clients that send everything in the URL, the query) carries `api_key` and
 * the `mark` fields. Validated here into one typed request; anything else is a USAGE error, which
 * Fever clients see as `{"error": …}` with status 400, never a guess.
 */
import { FeedkeeperError } from '../../core/index.js';
import { FEVER_PAGE } from './shapes.js';

export type FeverRead = 'groups' | 'feeds' | 'favicons' | 'items' | 'links' | 'unread_item_ids' | 'saved_item_ids';
const READS: readonly FeverRead[] = ['groups', 'feeds', 'favicons', 'items', 'links', 'unread_item_ids', 'saved_item_ids'];

export interface ItemQuery {
  sinceId?: number;
  maxId?: number;
  withIds?: number[];
  feedIds?: number[];
  groupIds?: number[];
}

export type FeverMark =
  | { what: 'item'; as: 'read' | 'unread' | 'saved' | 'unsaved'; id: number }
  | { what: 'feed' | 'group'; as: 'read'; id: number; beforeMs: number | null };

export interface FeverRequest {
  reads: FeverRead[];
  items: ItemQuery;
  mark: FeverMark | null;
}

type Get = (name: string) => string | undefined;

function usage(message: string): FeedkeeperError {
  return new FeedkeeperError('USAGE', message);
}

function whole(get: Get, name: string, min: number): number | undefined {
  const raw = get(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?[0-9]{1,15}$/.test(raw.trim()) || Number(raw) < min) throw usage(`${name}: expected a whole number of at least ${min}, got ${JSON.stringify(raw.slice(0, 40))}`);
  return Number(raw);
}

function idsOf(get: Get, name: string, max: number, min = 1): number[] | undefined {
  const raw = get(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length > max) throw usage(`${name}: expected at most ${max} ids, got ${parts.length}`);
  return parts.map((part) => {
    if (!/^-?[0-9]{1,15}$/.test(part) || Number(part) < min) throw usage(`${name}: expected comma-separated ids, got ${JSON.stringify(part.slice(0, 40))}`);
    return Number(part);
  });
}

/** `query` decides what to read; `get` finds a value in the body first, then the query. */
export function parseFeverRequest(query: URLSearchParams, get: Get): FeverRequest {
  const reads = READS.filter((r) => query.has(r));
  const items: ItemQuery = {
    sinceId: whole(get, 'since_id', 0),
    maxId: whole(get, 'max_id', 0),
    withIds: idsOf(get, 'with_ids', FEVER_PAGE),
    feedIds: idsOf(get, 'feed_ids', 1000),
    groupIds: idsOf(get, 'group_ids', 1000, 0),
  };
  return { reads, items, mark: parseMark(get) };
}

function parseMark(get: Get): FeverMark | null {
  const what = get('mark');
  if (what === undefined || what === '') return null;
  const as = get('as');
  const id = whole(get, 'id', what === 'group' ? -1 : 1);
  if (id === undefined) throw usage('id: expected the id of the item, feed or group to mark');
  if (what === 'item') {
    if (as !== 'read' && as !== 'unread' && as !== 'saved' && as !== 'unsaved') throw usage(`as: expected read, unread, saved or unsaved for an item, got ${JSON.stringify(as ?? '')}`);
    return { what, as, id };
  }
  if (what === 'feed' || what === 'group') {
    if (as !== 'read') throw usage(`as: expected read for a ${what}, got ${JSON.stringify(as ?? '')}`);
    const before = whole(get, 'before', 0);
    return { what, as, id, beforeMs: before === undefined ? null : before * 1000 };
  }
  throw usage(`mark: expected item, feed or group, got ${JSON.stringify(what.slice(0, 40))}`);
}
