/**
 * `feedkeeper user add NAME [--admin] | list | disable NAME | enable NAME | remove NAME | password NAME
 * | api-password NAME`: the people of one archive. A new password is generated and printed once,
 * or taken from the newPassword setting (FEEDKEEPER_NEW_PASSWORD; config checks it at the edge). The first user
 * of an archive is its admin, whatever the flag says, so it always has one. The store enforces the
 * rules that must hold whoever asks: names unique without letter case (it checks them too), always
 * one enabled admin, a new password or a disabled user's sessions ended at once.
 */
import { apiPasswordSecrets, hashPassword, newApiPassword, newPassword } from '../../serve/index.js';
import type { User } from '../../store/index.js';
import { userNamed } from '../acting-user.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

interface Chosen {
  password: string;
  /** The setting it came from, or null when generated (and so printed). */
  setting: string | null;
}

/** The password to set: the setting when given, else a generated one. */
function chosen(configured: string | null, setting: string): Chosen {
  return configured === null ? { password: newPassword(), setting: null } : { password: configured, setting };
}

function told(io: CliIo, name: string, { password, setting }: Chosen): void {
  io.stderr(setting === null ? `password of "${name}": ${password}\n  (shown once; they can sign in at the web reader with it)\n` : `password of "${name}" set from ${setting}\n`);
}

export async function userAddCommand(app: App, name: string, opts: { admin?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const first = (await store.users.count()) === 0;
  const password = chosen(app.web.newPassword, 'FEEDKEEPER_NEW_PASSWORD');
  const user = await store.users.create({ username: name, passwordHash: await hashPassword(password.password), isAdmin: opts.admin === true || first });
  const role = user.isAdmin ? (opts.admin === true ? ' (admin)' : ' (admin: the first user of an archive manages it)') : '';
  await io.stdout(`added user ${user.id} "${user.username}"${role}\n`);
  told(io, user.username, password);
  return 0;
}

export async function userListCommand(app: App, opts: { json?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const users = await store.users.list();
  if (opts.json) {
    await io.stdout(`${JSON.stringify(users)}\n`);
    return 0;
  }
  const counts = await store.subscriptions.countsByUser();
  const rows = users.map((u) => [
    String(u.id),
    u.username,
    u.isAdmin ? 'admin' : 'user',
    u.disabled ? 'disabled' : 'active',
    String(counts.get(u.id) ?? 0),
    new Date(u.createdAt).toISOString().slice(0, 10),
  ]);
  await io.stdout(`${renderTable(['id', 'name', 'role', 'state', 'subscriptions', 'since'].map((header) => ({ header })), rows)}\n`);
  return 0;
}

export async function userDisableCommand(app: App, name: string, disabled: boolean, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await store.users.setDisabled((await userNamed(store, name)).id, disabled);
  await io.stdout(disabled ? `disabled "${user.username}": signed out everywhere, tokens stop working\n` : `enabled "${user.username}"\n`);
  return 0;
}

export async function userRemoveCommand(app: App, name: string, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await userNamed(store, name);
  const subscriptions = (await store.subscriptions.countsByUser()).get(user.id) ?? 0;
  await store.users.remove(user.id);
  await io.stdout(`removed "${user.username}" with ${subscriptions} subscription(s), their read and starred marks, sessions and tokens; the archive keeps every article\n`);
  return 0;
}

export async function userPasswordCommand(app: App, name: string, io: CliIo): Promise<number> {
  const store = await app.store();
  return setPassword(app, await userNamed(store, name), chosen(app.web.newPassword, 'FEEDKEEPER_NEW_PASSWORD'), io);
}

async function setPassword(app: App, user: User, password: Chosen, io: CliIo): Promise<number> {
  const ended = await (await app.store()).users.setPassword(user.id, await hashPassword(password.password));
  await io.stdout(`new password for "${user.username}"; signed out of ${ended} session(s)\n`);
  told(io, user.username, password);
  return 0;
}

/** A new API password for feed clients (generated, printed once); the old one stops working. */
export async function userApiPasswordCommand(app: App, name: string, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await userNamed(store, name);
  const password = newApiPassword();
  await store.users.setApiPassword(user.id, await apiPasswordSecrets(user.username, password));
  await io.stdout(`${password}\n`);
  io.stderr(`new API password of "${user.username}" for feed clients (Google Reader API at /api/greader, Fever at /api/fever), shown once; the old one stops working\n`);
  return 0;
}
