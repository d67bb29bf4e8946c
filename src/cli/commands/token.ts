/**
 * `feedkeeper token create [--name N] | list | revoke ID`: API tokens for the REST API and
 * republished feeds. A token is shown once, at creation; the archive keeps only its hash.
 */
import { FeedkeeperError } from '../../core/index.js';
import { hashSecret, newApiToken } from '../../serve/index.js';
import { actingUser } from '../acting-user.js';
import { ensureAdmin } from '../admin.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { renderTable } from '../table.js';

/** The token's owner: `--user`, else the admin (made now, with its password, on an archive without users). */
async function owner(app: App, name: string | undefined, io: CliIo) {
  const store = await app.store();
  return name === undefined ? ensureAdmin(store, app.web.adminPassword, io) : actingUser(store, name);
}

export async function tokenCreateCommand(app: App, opts: { name?: string; user?: string }, io: CliIo): Promise<number> {
  const name = (opts.name ?? 'api').trim();
  if (name === '' || name.length > 100) throw new UsageError(`--name: expected 1 to 100 characters, got "${opts.name ?? ''}"`);
  const store = await app.store();
  const user = await owner(app, opts.user, io);
  const secret = newApiToken();
  const token = await store.tokens.create({ userId: user.id, name, tokenHash: hashSecret(secret) });
  await io.stdout(`${secret}\n`);
  io.stderr(`token ${token.id} "${name}" created; it is shown only now. Use it as \`Authorization: Bearer <token>\` or ?token= on feed URLs.\n`);
  return 0;
}

export async function tokenListCommand(app: App, opts: { json?: boolean; user?: string }, io: CliIo): Promise<number> {
  const tokens = await (await app.store()).tokens.list((await owner(app, opts.user, io)).id);
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
    const token = await (await app.store()).tokens.revoke((await owner(app, opts.user, io)).id, id);
    await io.stdout(`revoked token ${token.id} "${token.name}"\n`);
    return 0;
  } catch (err) {
    if (err instanceof FeedkeeperError && err.code === 'NOT_FOUND') throw new UsageError(`no API token with id ${id} (see \`feedkeeper token list\`)`);
    throw err;
  }
}
