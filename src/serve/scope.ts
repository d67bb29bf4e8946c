/**
 * What a signed-in user may reach. Lists and counts are always the user's own subscriptions; an
 * admin may also open any article by id (a whole-archive search hit) and search the whole
 * archive when asking for it. Nobody else ever reaches beyond their subscriptions.
 */
import { FeedkeeperError } from '../core/index.js';
import type { EntryScope, User } from '../store/index.js';

/** For reading one entry or its revisions by id. */
export function entryScope(user: User): EntryScope {
  return { userId: user.id, archive: user.isAdmin };
}

/** For a search: `archive` asks for the whole archive, which only an admin may (FORBIDDEN otherwise). */
export function searchScope(user: User, archive: boolean): EntryScope {
  if (archive && !user.isAdmin) throw new FeedkeeperError('FORBIDDEN', 'only an admin can search the whole archive; your searches cover your subscriptions');
  return { userId: user.id, archive };
}
