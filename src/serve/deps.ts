/**
 * What the HTTP front door receives from main.ts (through `feedkeeper run`), and the typed context
 * every route sees. Serve never fetches feeds itself: "fetch now" enqueues a refreshFeed job, and
 * subscribing goes through ingest/'s subscription service.
 */
import type { CleanRules } from '../clean/index.js';
import type { Clock, Logger } from '../core/index.js';
import type { Subscriptions } from '../ingest/index.js';
import type { WebhookService } from '../webhooks/index.js';
import type { JobQueue } from '../queue/index.js';
import type { Session, Store, User } from '../store/index.js';
import type { Metrics } from './metrics.js';

export interface ServeOptions {
  /** How long a login lasts without use. */
  sessionTtlMs: number;
  /** Failed logins allowed per client address and per username in each window. */
  loginAttempts: { max: number; windowMs: number };
  /** Trust X-Forwarded-Proto / X-Forwarded-For from a reverse proxy in front. */
  trustProxy: boolean;
  /** Sign-in with OpenID Connect, or null when it is off. */
  oidc: OidcOptions | null;
}

/** Sign-in with an OpenID Connect provider (auth/oidc.ts), from the oidc* settings. */
export interface OidcOptions {
  /** The issuer identifier, exactly as the provider announces it; discovery starts here. */
  issuer: string;
  clientId: string;
  /** null for a public client, which proves itself with PKCE alone. */
  clientSecret: string | null;
  /** `<public base URL>/login/oidc/callback`, as registered at the provider. */
  redirectUri: string;
  /** Create an account for an identity no user is linked to yet. */
  allowSignup: boolean;
  /** The provider's name on the login page. */
  label: string;
}

export const DEFAULT_SERVE_OPTIONS: ServeOptions = {
  sessionTtlMs: 30 * 24 * 3_600_000,
  loginAttempts: { max: 10, windowMs: 15 * 60_000 },
  trustProxy: false,
  oidc: null,
};

export interface ServeDeps {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Subscribing needs the network; serve gets it as a service, already wired to the fetcher. */
  subscriptions: Subscriptions;
  /** Registering webhooks (the private-address guard as configured) and pinging them. */
  webhooks: WebhookService;
  /** For cleaning a stored article that predates the clean stage before it is shown. */
  cleanRules: CleanRules;
  options: ServeOptions;
  /** `<data-dir>/media`, where archived images are read from for /media/:sha256; absent: that route finds nothing. */
  mediaDir?: string;
  /** Signs the /media/ URLs of `?images=local` feeds (serve/media.ts); absent: they are unsigned. */
  mediaKey?: Uint8Array;
}

export type Lang = 'en' | 'zh';

/** Hono's typed context: set by the middleware in app.ts, read by every route. */
export interface AppEnv {
  Variables: {
    /** The signed-in user (absent only on the public routes). */
    user: User;
    /** The browser session, or null when the request came with an API token. */
    session: Session | null;
    lang: Lang;
    /** IANA zone dates are shown in ('UTC' until the browser tells us its own). */
    timeZone: string;
  };
}
