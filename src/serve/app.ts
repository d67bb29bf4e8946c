/**
 * createApp(deps) → the Hono app: the middleware order lives here and nowhere else.
 *
 *   errors → request metrics and log → security headers → language and time zone
 *   → public: /healthz, /static/*, /login, /login/oidc (when OpenID Connect is on)
 *   → feed clients with credentials of their own (before /api/*'s token and CSRF stack, which
 *     would refuse them): the Google Reader API (GoogleLogin header) and Fever (api_key)
 *   → authenticated (API token or session; JSON 401 for programs, the login page for people),
 *     then the user's own language and time zone where they chose one:
 *     /metrics, /api/v1/*, republished feeds (?token= allowed), then the reader (+ CSRF on forms)
 *
 * Route modules receive deps and return sub-apps; none of them adds middleware of its own.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { describeError, FeedkeeperError, isFeedkeeperError } from '../core/index.js';
import { OPML_BODY_LIMIT_BYTES } from './api/body.js';
import { apiRoutes } from './api/routes.js';
import { authenticate } from './auth/authenticate.js';
import { verifyCsrf } from './auth/csrf.js';
import { loginRoutes, logoutRoute } from './auth/login.js';
import { oidcRoutes } from './auth/oidc.js';
import type { AppEnv, ServeDeps } from './deps.js';
import { statusOf, type ErrorBody } from './errors.js';
import { feedRoutes, FEED_PATHS } from './feeds/routes.js';
import { feverHandler, FEVER_PATHS } from './fever/routes.js';
import { greaderHandler, GREADER_PATHS } from './greader/routes.js';
import { every } from 'hono/combine';
import { locale, switchLanguage, userPreferences } from './locale.js';
import { t } from './reader/i18n.js';
import { page } from './reader/layout.js';
import { readerRoutes } from './reader/routes.js';
import { MEDIA_PATH, mediaAuthentication, mediaRoutes } from './media.js';
import { wantsJson } from './request-kind.js';
import { securityHeaders } from './security-headers.js';
import { staticRoutes } from './static-assets.js';

/** An OPML upload is the largest body (api/body.ts caps each route more tightly). */
const MAX_BODY_BYTES = OPML_BODY_LIMIT_BYTES;

export function createApp(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((err, c) => errorResponse(c, err, deps));
  app.notFound((c) => errorResponse(c, new FeedkeeperError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), deps));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    deps.metrics.recordRequest(c.req.method, c.req.routePath, c.res.status, (performance.now() - started) / 1000);
  });
  app.use('*', securityHeaders());
  app.use('*', locale());
  // Before anything reads a body (the CSRF check parses forms): the largest body any route takes.
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new FeedkeeperError('INPUT_TOO_LARGE', `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`); } }));

  // Public.
  app.get('/healthz', async (c) => {
    await deps.store.users.count();
    return c.json({ status: 'ok' });
  });
  app.route('/static', staticRoutes());
  app.route('/', loginRoutes(deps));
  app.route('/', oidcRoutes(deps));
  app.get('/lang', switchLanguage);

  // Feed clients: each API authenticates its own way (greader/authenticate.ts, fever/routes.ts).
  const greader = greaderHandler(deps);
  for (const path of GREADER_PATHS) app.all(path, greader);
  const fever = feverHandler(deps);
  for (const path of FEVER_PATHS) app.all(path, fever);

  // Programs: a token (or a session), JSON errors.
  const auth = every(authenticate(deps), userPreferences());
  const feedAuth = every(authenticate(deps, { queryToken: true }), userPreferences());
  app.get('/metrics', auth, async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await deps.metrics.registry.metrics());
  });
  app.use('/api/*', auth, verifyCsrf());
  app.route('/api/v1', apiRoutes(deps));
  for (const path of FEED_PATHS) app.use(path, feedAuth);
  app.route('/', feedRoutes(deps));
  // Archived images: for the reader's pages and for ?images=local feeds, so authenticated like feeds.
  app.use(MEDIA_PATH, mediaAuthentication(deps, feedAuth));
  app.route('/', mediaRoutes(deps));

  // People.
  app.use('*', auth, verifyCsrf());
  app.post('/logout', logoutRoute(deps));
  app.route('/', readerRoutes(deps));
  return app;
}

function errorResponse(c: Context<AppEnv>, err: unknown, deps: ServeDeps): Response | Promise<Response> {
  const status = err instanceof HTTPException ? err.status : isFeedkeeperError(err) ? statusOf(err.code) : 500;
  const code = isFeedkeeperError(err) ? err.code : err instanceof HTTPException ? 'HTTP_' + status : 'INTERNAL';
  const message = status >= 500 && !isFeedkeeperError(err) ? 'internal error; the server log has the details' : describeErrorPlain(err);
  if (status >= 500) deps.logger.error({ err, path: c.req.path, method: c.req.method }, 'request failed');
  else deps.logger.info({ code, path: c.req.path, status }, message);
  if (status === 401 || code === 'AUTH_REQUIRED') c.header('WWW-Authenticate', 'Bearer realm="feedkeeper"');
  if (wantsJson(c) || c.req.header('accept')?.startsWith('application/json')) {
    const details = isFeedkeeperError(err) && Object.keys(err.details).length > 0 ? { details: { ...err.details } } : {};
    const body: ErrorBody = { error: { code, message, ...details } };
    return c.json(body, status as 400);
  }
  const lang = c.get('lang') ?? 'en';
  const body = html`<section class="error-page"><h1>${t(lang, 'error.title')}</h1><p>${status === 404 ? t(lang, 'error.notFound') : message}</p><p><a href="/">${t(lang, 'error.back')}</a></p></section>`;
  return c.html(page({ lang, title: t(lang, 'error.title'), body }), status as 400);
}

function describeErrorPlain(err: unknown): string {
  return err instanceof FeedkeeperError ? err.message : err instanceof HTTPException ? err.message || `HTTP ${err.status}` : describeError(err);
}
