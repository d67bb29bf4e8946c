/**
 * The Google Reader API as one handler for its three bases (router.ts says which endpoint a path
 * is): a table of endpoints with the methods each takes, whether it needs the GoogleLogin header,
 * and its handler. Reads take GET and POST (clients use both); writes take POST only, and check T
 * when it is sent. A wrong method is 405, an unknown endpoint 404, both as `{"error": …}` from
 * app.ts's error handler, like every refusal here except ClientLogin's text.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { authenticateGoogleLogin, checkActionToken, type Caller } from './authenticate.js';
import { editTag, markAllAsRead } from './edit.js';
import { clientLogin, token, userInfo } from './login.js';
import type { Params } from './params.js';
import { readParams } from './request.js';
import { matchEndpoint, GREADER_BASES, type EndpointName } from './router.js';
import { streamContents, streamItemContents, streamItemIds } from './streams.js';
import { quickAdd, subscriptionEdit, subscriptionExport, subscriptionImport, subscriptionList } from './subscriptions.js';
import { disableTag, renameTag, tagList, unreadCount } from './tags.js';

/** Where app.ts mounts the handler (each base and everything under it). */
export const GREADER_PATHS: readonly string[] = GREADER_BASES.map((b) => `${b}/*`);

type Handler = (c: Context<AppEnv>, caller: Caller, p: Params, stream: string | null) => Promise<Response> | Response;
interface Endpoint {
  write: boolean;
  handler: Handler;
}

function table(deps: ServeDeps): Record<Exclude<EndpointName, 'accounts/ClientLogin' | 'subscription/import'>, Endpoint> {
  const read = (handler: Handler): Endpoint => ({ write: false, handler });
  const write = (handler: Handler): Endpoint => ({ write: true, handler });
  return {
    token: read((c, caller) => token(c, caller)),
    'user-info': read((c, caller) => userInfo(c, caller)),
    'preference/list': read((c) => c.json({ prefs: [] })),
    'preference/stream/list': read((c) => c.json({ streamprefs: {} })),
    'subscription/list': read((c, caller) => subscriptionList(deps, c, caller)),
    'subscription/export': read((c, caller) => subscriptionExport(deps, c, caller)),
    'subscription/edit': write((c, caller, p) => subscriptionEdit(deps, c, caller, p)),
    'subscription/quickadd': write((c, caller, p) => quickAdd(deps, c, caller, p)),
    'tag/list': read((c, caller) => tagList(deps, c, caller)),
    'rename-tag': write((c, caller, p) => renameTag(deps, c, caller, p)),
    'disable-tag': write((c, caller, p) => disableTag(deps, c, caller, p)),
    'unread-count': read((c, caller) => unreadCount(deps, c, caller)),
    'stream/contents': read((c, caller, p, stream) => streamContents(deps, c, caller, p, stream, false)),
    atom: read((c, caller, p, stream) => streamContents(deps, c, caller, p, stream, true)),
    'stream/items/ids': read((c, caller, p) => streamItemIds(deps, c, caller, p)),
    'stream/items/contents': read((c, caller, p) => streamItemContents(deps, c, caller, p)),
    'edit-tag': write((c, caller, p) => editTag(deps, c, caller, p)),
    'mark-all-as-read': write((c, caller, p) => markAllAsRead(deps, c, caller, p)),
  };
}

function allow(c: Context, methods: readonly string[], what: string): void {
  if (methods.includes(c.req.method)) return;
  c.header('Allow', methods.join(', '));
  throw new FeedkeeperError('METHOD_NOT_ALLOWED', `${what}: expected ${methods.join(' or ')}, got ${c.req.method}`);
}

export function greaderHandler(deps: ServeDeps): (c: Context<AppEnv>) => Promise<Response> {
  const endpoints = table(deps);
  const login = clientLogin(deps);
  return async (c) => {
    const matched = matchEndpoint(new URL(c.req.url).pathname);
    if (matched === null) throw new FeedkeeperError('NOT_FOUND', `no Google Reader endpoint at ${c.req.path}`);
    if (matched.name === 'accounts/ClientLogin') {
      allow(c, ['GET', 'POST'], matched.name);
      return login(c, await readParams(c));
    }
    if (matched.name === 'subscription/import') {
      allow(c, ['POST'], matched.name);
      return subscriptionImport(deps, c, await authenticateGoogleLogin(deps, c));
    }
    const endpoint = endpoints[matched.name];
    allow(c, endpoint.write ? ['POST'] : ['GET', 'POST'], matched.name);
    const caller = await authenticateGoogleLogin(deps, c);
    const params = await readParams(c);
    if (c.req.method === 'POST') checkActionToken(c, caller, params);
    return endpoint.handler(c, caller, params, matched.stream);
  };
}
