/**
 * `feedkeeper token create [--name N] | list | revoke ID`: API tokens for the REST API and
 * republished feeds. A token is shown once, at creation; the archive keeps only its hash.
 */
import { FeedkeeperError } from '../../core/index.js';
import { hashSecret, newApiToken } from '../../serve/index.js';
import { readingUser, userNamed } from '../acting-user.js';
import { ensureAdmin } from '../admin.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { renderTable } from '../table.js';


export async function tokenCreateCommand(app: App, opts: { name?: string; user?: string }, io: CliIo): Promise<number> {
  const name = (opts.name ?? 'api').trim();
  if (name === '' || name.length > 100) throw new UsageError(`--name: expected 1 to 100 characters, got "${opts.name ?? ''}"`);
  const store = await app.store();
  // `--user`, else the admin: a token is for signing in, so an admin without a password gets one now.
  const user = opts.user === undefined ? await ensureAdmin(store, app.web.adminPassword, io) : await userNamed(store, opts.user, '--user: ');
  const secret = newApiToken();
  const token = await store.tokens.create({ userId: user.id, name, tokenHash: hashSecret(secret) });
  await io.stdout(`${secret}\n`);
  io.stderr(`token ${token.id} "${name}" created; it is shown only now. Use it as \`Authorization: Bearer <token>\` or ?token= on feed URLs.\n`);
  return 0;
}

export async function tokenListCommand(app: App, opts: { json?: boolean; user?: string }, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const tokens = user === null ? [] : await store.tokens.list(user.id);
  if (opts.json) {
    await io.stdout(`${JSON.stringify(tokens)}\n`);
    return 0;
  }
  const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16));
  const rows = tokens.map((t) => [String(t.id), t.name, when(t.createdAt), when(t.lastUsedAt), t.revokedAt === null ? 'active' : `revoked ${when(t.revokedAt)}`]);
  await io.stdout(tokens.length === 0 ? 'no API tokens; create one with `feedkeeper token create`\n' : `${renderTable(['id', 'name', 'created', 'last used', 'state'].map((header) => ({ header })), rows)}\n`);
  return 0;
}

export async function tokenRevokeCommand(app: App, ref: string, opts: { user?: string }, io: CliIo): Promise<number> {
  const id = Number(ref);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`expected a token id (a whole number, see \`feedkeeper token list\`), got "${ref}"`);
  try {
    const store = await app.store();
    const user = await readingUser(store, opts.user);
    if (user === null) throw new FeedkeeperError('NOT_FOUND', `no API token with id ${id}`);
    const token = await store.tokens.revoke(user.id, id);
    await io.stdout(`revoked token ${token.id} "${token.name}"\n`);
    return 0;
  } catch (err) {
    if (err instanceof FeedkeeperError && err.code === 'NOT_FOUND') throw new UsageError(`no API token with id ${id} (see \`feedkeeper token list\`)`);
    throw err;
  }
}
