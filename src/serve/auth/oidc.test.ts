/**
 * Sign-in with OpenID Connect against a real provider: oidc-provider on 127.0.0.1 (a random
 * port) with feedkeeper registered as its client, and the feedkeeper app served over HTTP on
 * another loopback port. A small browser below follows redirects by hand, carries each origin's
 * cookies and submits the provider's own development login and consent forms.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import Provider from 'oidc-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import type { OidcOptions } from '../deps.js';

const CLIENT = { id: 'feedkeeper', secret: 'a client secret for the tests' };
/** Accounts at the provider, by the login typed into its form (which becomes `sub`). */
const ACCOUNTS: Record<string, Record<string, string>> = {
  'u-ana': { preferred_username: 'Ana', email: 'ana@example.org' },
  'u-wei': { email: 'Li.Wei+news@example.org' },
  'u-nameless': {},
};

let provider: { server: Server; issuer: string };
let appServer: { server: Server; base: string; use(listener: RequestListener): void };
let harness: ServeHarness | null = null;

beforeAll(async () => {
  appServer = await appOnLoopback();
  provider = await providerOnLoopback(`${appServer.base}/login/oidc/callback`);
});

afterAll(async () => {
  await Promise.all([close(provider.server), close(appServer.server)]);
});

afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** A feedkeeper app signing in at the test provider, served on the app's loopback port. */
async function startApp(over: Partial<OidcOptions> = {}): Promise<ServeHarness> {
  const oidc: OidcOptions = {
    issuer: provider.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUri: `${appServer.base}/login/oidc/callback`,
    allowSignup: true, label: 'Test ID', ...over,
  };
  harness = await startServeHarness({ options: { oidc } });
  appServer.use(getRequestListener(harness.app.fetch));
  return harness;
}

describe('sign-in with OpenID Connect', () => {
  it('the login page offers it by its label, and only when it is configured', async () => {
    const h = await startApp();
    const page = await (await fetch(`${appServer.base}/login?next=%2Fsearch`)).text();
    expect(page).toContain('href="/login/oidc?next=%2Fsearch"');
    expect(page).toContain('Sign in with Test ID');
    await h.close();
    harness = await startServeHarness();
    expect(await (await harness.anon('/login')).text()).not.toContain('/login/oidc');
    expect((await harness.browser('/login/oidc')).status).toBe(404);
  });

  it('starts at the provider with PKCE, a state and a nonce, kept in a ten-minute HTTP-only SameSite=Lax cookie', async () => {
    await startApp();
    const res = await fetch(`${appServer.base}/login/oidc?next=%2Fsearch`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '');
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: CLIENT.id, response_type: 'code', scope: 'openid profile email', redirect_uri: `${appServer.base}/login/oidc/callback`, code_challenge_method: 'S256',
    });
    for (const param of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(param)).toMatch(/^[\w-]{40,}$/);
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('fk_oidc='));
    expect(cookie).toMatch(/; Max-Age=600(;|$)/);
    expect(cookie).toMatch(/; Path=\/login\/oidc(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
  });

  it('a first sign-in with sign-up allowed creates a user without a password and a working session; the next one is the same user', async () => {
    const h = await startApp({ allowSignup: true });
    const before = await h.store.users.count();
    const browser = new Browser();
    const first = await signIn(browser, 'u-ana', '/search');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/search');
    expect(browser.cookie(appServer.base, 'fk_oidc'), 'the sign-in cookie is used up').toBeUndefined();
    const ana = await h.store.users.byName('ana');
    expect(ana).toMatchObject({ username: 'ana', isAdmin: false, passwordHash: '' });
    expect(await h.store.users.count()).toBe(before + 1);
    expect((await h.store.users.byOidc(provider.issuer, 'u-ana'))?.id).toBe(ana?.id);
    const home = await browser.get(`${appServer.base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('ana');

    // Signed out in feedkeeper, still signed in at the provider: straight back in, as the same user.
    const again = new Browser(browser.cookiesOf(provider.issuer));
    expect((await signIn(again, 'u-ana')).status).toBe(303);
    expect(await h.store.users.count()).toBe(before + 1);
    expect((await again.get(`${appServer.base}/`)).status).toBe(200);
  });

  it('a new account never takes over one of the same name: the username gets a number', async () => {
    const h = await startApp({ allowSignup: true });
    await h.store.users.create({ username: 'li.wei', passwordHash: 'scrypt$x', isAdmin: false });
    expect((await signIn(new Browser(), 'u-wei')).status).toBe(303);
    expect((await h.store.users.byOidc(provider.issuer, 'u-wei'))?.username).toBe('li.wei2');
  });

  it('an identity without a name or an e-mail signs up as "user"', async () => {
    const h = await startApp({ allowSignup: true });
    expect((await signIn(new Browser(), 'u-nameless')).status).toBe(303);
    expect((await h.store.users.byOidc(provider.issuer, 'u-nameless'))?.username).toBe('user');
  });

  it('with sign-up off, an unknown identity is refused (403) and no user is made; a linked one signs in', async () => {
    const h = await startApp({ allowSignup: false });
    const before = await h.store.users.count();
    const browser = new Browser();
    const refused = await signIn(browser, 'u-ana');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('no feedkeeper account is linked to this Test ID identity');
    expect(browser.cookie(appServer.base, 'fk_session')).toBeUndefined();
    expect(await h.store.users.count()).toBe(before);

    const mei = await h.store.users.create({ username: 'mei', passwordHash: 'scrypt$x', isAdmin: false });
    await h.store.users.linkOidc(mei.id, provider.issuer, 'u-ana');
    expect((await signIn(new Browser(), 'u-ana')).status).toBe(303);
  });

  it('a disabled user is refused', async () => {
    const h = await startApp({ allowSignup: false });
    const mei = await h.store.users.create({ username: 'mei', passwordHash: '', isAdmin: false });
    await h.store.users.linkOidc(mei.id, provider.issuer, 'u-ana');
    await h.store.users.setDisabled(mei.id, true);
    const browser = new Browser();
    const res = await signIn(browser, 'u-ana');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('the account &quot;mei&quot; is disabled');
    expect(browser.cookie(appServer.base, 'fk_session')).toBeUndefined();
  });

  it.each<[string, (url: URL) => void, 'same' | 'fresh' | 'garbage']>([
    ['a tampered state', (url) => void url.searchParams.set('state', 'forged-state'), 'same'],
    ['an absent state', (url) => void url.searchParams.delete('state'), 'same'],
    ['no sign-in cookie (started in another browser)', () => undefined, 'fresh'],
    ['a sign-in cookie feedkeeper did not write', () => undefined, 'garbage'],
  ])('a callback with %s is refused before any code is exchanged', async (_case, tamper, which) => {
    const h = await startApp();
    const before = await h.store.users.count();
    const browser = new Browser();
    const callback = await signIn(browser, 'u-ana', '/', { stopAtCallback: true });
    tamper(callback);
    const garbage = { origin: appServer.base, cookies: new Map([['fk_oidc', 'eyJub3QiOiJvdXJzIn0']]) };
    const returning = which === 'same' ? browser : new Browser(which === 'garbage' ? garbage : undefined);
    const res = await returning.get(callback.href, { accept: 'application/json' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'CSRF_FAILED', message: expect.stringContaining('does not belong to a sign-in started in this browser') as string } });
    expect(returning.cookie(appServer.base, 'fk_oidc'), 'the sign-in cookie is used up').toBeUndefined();
    expect(await h.store.users.count()).toBe(before);
  });

  it('cancelling at the provider (error=access_denied) gives a clear refusal page', async () => {
    await startApp();
    const res = await signIn(new Browser(), 'u-ana', '/', { cancel: true });
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('sign-in with Test ID was not completed');
    expect(page).toContain('access_denied');
  });

  it('a failed code exchange (the provider refuses the client) is a 502 page without internals', async () => {
    await startApp({ clientSecret: 'not the secret' });
    const res = await signIn(new Browser(), 'u-ana');
    expect(res.status).toBe(502);
    const page = await res.text();
    expect(page).toContain('the sign-in could not be completed: the provider refused the request (invalid_client)');
    expect(page).not.toMatch(/at .*\.js:\d+/);
  });

  it('an unreachable issuer is a clear 502, the app keeps serving, and discovery is tried again at the next sign-in', async () => {
    const closedPort = await freePort();
    const h = await startApp({ issuer: `http://127.0.0.1:${closedPort}` });
    const res = await fetch(`${appServer.base}/login/oidc`, { redirect: 'manual' });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('the provider could not be reached or did not describe itself');
    expect((await fetch(`${appServer.base}/healthz`)).status).toBe(200);
    expect((await h.anon('/login')).status).toBe(200);

    const late = await providerOnLoopback(`${appServer.base}/login/oidc/callback`, closedPort);
    try {
      expect((await signIn(new Browser(), 'u-ana')).status).toBe(303);
      expect((await h.store.users.byOidc(late.issuer, 'u-ana'))?.username).toBe('ana');
    } finally {
      await close(late.server);
    }
  });
});

// ── the provider and the app on loopback ──

async function providerOnLoopback(callback: string, fixedPort = 0): Promise<{ server: Server; issuer: string }> {
  const server = createServer();
  const port = await listen(server, fixedPort);
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const oidc = new Provider(issuer, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [callback], token_endpoint_auth_method: 'client_secret_basic' }],
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) }),
    claims: { openid: ['sub'], profile: ['preferred_username'], email: ['email'] },
    features: { devInteractions: { enabled: true } },
    pkce: { methods: ['S256'], required: () => true },
    jwks: { keys: [privateKey.export({ format: 'jwk' })] },
    cookies: { keys: ['feedkeeper-test-cookie-key'] },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  server.on('request', oidc.callback());
  return { server, issuer };
}

async function appOnLoopback(): Promise<{ server: Server; base: string; use(listener: RequestListener): void }> {
  let current: RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = createServer((req, res) => current(req, res));
  const port = await listen(server);
  return { server, base: `http://127.0.0.1:${port}`, use: (listener) => void (current = listener) };
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
}

// ── a browser driven by hand ──

/** Cookies per origin (by name: these tests need no paths), redirects followed one at a time. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(seed?: { origin: string; cookies: Map<string, string> }) {
    if (seed) this.jars.set(seed.origin, new Map(seed.cookies));
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name);
  }

  cookiesOf(origin: string): { origin: string; cookies: Map<string, string> } {
    const key = new URL(origin).origin;
    return { origin: key, cookies: new Map(this.jars.get(key)) };
  }

  get(url: string, opts: { accept?: string } = {}): Promise<Response> {
    return this.send(url, { method: 'GET', headers: opts.accept ? { accept: opts.accept } : {} });
  }

  post(url: string, form: URLSearchParams): Promise<Response> {
    return this.send(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  private async send(url: string, init: { method: string; body?: URLSearchParams; headers: Record<string, string> }): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
      if (expired) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }
}

/**
 * Starts at /login/oidc and goes on as a person would: follows redirects, fills the provider's
 * login form with `login`, confirms its consent form (or presses its Cancel link), until the app
 * answers with something other than a redirect back into the flow. Returns the app's answer to the
 * callback, or with `stopAtCallback` the callback URL the provider sent the browser to.
 */
async function signIn(browser: Browser, login: string, next?: string, opts?: { cancel?: boolean }): Promise<Response>;
async function signIn(browser: Browser, login: string, next: string, opts: { stopAtCallback: true }): Promise<URL>;
async function signIn(browser: Browser, login: string, next = '/', opts: { cancel?: boolean; stopAtCallback?: boolean } = {}): Promise<Response | URL> {
  const callback = `${appServer.base}/login/oidc/callback`;
  let res = await browser.get(`${appServer.base}/login/oidc?next=${encodeURIComponent(next)}`);
  for (let step = 0; step < 20; step++) {
    const location = res.headers.get('location');
    const at = new URL(res.url);
    if (res.url.startsWith(callback)) return res;
    if (location !== null && res.status >= 300 && res.status < 400) {
      const to = new URL(location, at);
      if (to.href.startsWith(callback) && opts.stopAtCallback) return to;
      res = await browser.get(to.href);
      continue;
    }
    if (at.origin === new URL(appServer.base).origin) return res;
    expect(res.status, `the provider's page at ${at.pathname}`).toBe(200);
    const page = await res.text();
    if (opts.cancel) {
      const abort = /href="([^"]*\/abort)"/.exec(page)?.[1];
      expect(abort, 'a Cancel link on the provider page').toBeDefined();
      res = await browser.get(new URL(abort as string, at).href);
      continue;
    }
    const form = providerForm(page, login);
    res = await browser.post(new URL(form.action, at).href, form.fields);
  }
  throw new Error('the sign-in did not finish in 20 steps');
}

/** The dev interaction page's form: hidden fields, plus the login when it asks for one. */
function providerForm(page: string, login: string): { action: string; fields: URLSearchParams } {
  const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(page)?.[1];
  if (action === undefined) throw new Error(`no form on the provider page:\n${page.slice(0, 500)}`);
  const fields = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(name as string, value as string);
  if (/name="login"/.test(page)) {
    fields.set('login', login);
    fields.set('password', 'any password');
  }
  return { action: action.replace(/&amp;/g, '&'), fields };
}
