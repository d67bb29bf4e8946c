/**
 * The relying party's half of OpenID Connect, over openid-client: discovery of the configured
 * issuer (once; a failed discovery is tried again at the next sign-in, so a provider that was
 * down at start-up does not need a restart), the authorization URL with PKCE, state and nonce,
 * and the code exchange, whose ID token openid-client checks (signature, iss, aud, exp, nonce).
 * Knows nothing of cookies, users or sessions; every failure is a FeedkeeperError whose message
 * a person can act on, with openid-client's error kept as the cause for the log.
 *
 * The issuer is set by the admin, not by a user, so discovery, the token request and userinfo go
 * out with Node's own fetch, not through fetch/'s private-address guard: a provider on the LAN or
 * on this host (Keycloak beside feedkeeper) is the usual set-up, not an attack.
 */
import * as oidc from 'openid-client';
import { FeedkeeperError } from '../../core/index.js';
import type { OidcOptions } from '../deps.js';

/** What the callback is checked against; kept by the browser between the two requests. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type Claims = Readonly<Record<string, unknown>>;

/** Who the provider says signed in: `sub` is unique only at its `iss`. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The ID token's claims, with userinfo's when the ID token names neither username nor e-mail (for a new account's name). */
  profile(): Promise<Claims>;
}

export interface OidcClient {
  /** Where to send the browser, and what its return must match. */
  start(): Promise<{ url: string; pending: PendingSignIn }>;
  /** Exchanges the callback's code for a validated ID token. */
  finish(callbackQuery: URLSearchParams, pending: PendingSignIn): Promise<OidcIdentity>;
}

const TIMEOUT_SECONDS = 10;
const SCOPE = 'openid profile email';

export function createOidcClient(options: OidcOptions): OidcClient {
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () =>
    (discovered ??= discover(options).catch((err: unknown) => {
      discovered = null;
      throw err;
    }));

  return {
    async start() {
      const config = await configuration();
      const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    async finish(callbackQuery, pending) {
      const config = await configuration();
      // The URL the provider sent the browser to, not the one this process sees behind a proxy:
      // the token request must repeat the registered redirect_uri exactly.
      const current = new URL(options.redirectUri);
      current.search = callbackQuery.toString();
      const tokens = await oidc
        .authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true })
        .catch((err: unknown) => {
          throw providerFailure(options, 'the sign-in could not be completed', err);
        });
      const claims = tokens.claims();
      if (claims === undefined) throw providerFailure(options, 'the provider sent no ID token', null);
      return {
        issuer: claims.iss,
        subject: claims.sub,
        profile: async () => {
          if (typeof claims['preferred_username'] === 'string' || typeof claims['email'] === 'string') return claims;
          if (config.serverMetadata().userinfo_endpoint === undefined) return claims;
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch((err: unknown) => {
            throw providerFailure(options, 'the provider did not tell who signed in (userinfo failed)', err);
          });
          return { ...info, ...claims };
        },
      };
    },
  };
}

async function discover(options: OidcOptions): Promise<oidc.Configuration> {
  const auth = options.clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(options.clientSecret);
  // config/ admits http:// only for a provider on loopback; openid-client refuses it unless told.
  const execute = new URL(options.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  try {
    return await oidc.discovery(new URL(options.issuer), options.clientId, options.clientSecret ?? undefined, auth, { timeout: TIMEOUT_SECONDS, execute });
  } catch (err) {
    throw providerFailure(options, 'the provider could not be reached or did not describe itself (discovery failed)', err);
  }
}

/** A message for the person at the browser; what openid-client said stays in the cause. */
function providerFailure(options: OidcOptions, what: string, err: unknown): FeedkeeperError {
  const lead = `sign-in with ${options.label} (${options.issuer})`;
  const refusal = oauthError(err);
  if (refusal !== null) {
    return new FeedkeeperError('OIDC_PROVIDER_FAILED', `${lead}: ${what}: the provider refused the request (${refusal}); start again, and if it keeps failing the admin should check the client settings`, { cause: err });
  }
  if (err instanceof oidc.ClientError) {
    return new FeedkeeperError('OIDC_PROVIDER_FAILED', `${lead}: ${what}: the provider's answer did not pass the checks (${err.message}); start again, and if it keeps failing the admin should check the provider settings`, { cause: err });
  }
  if (err === null) return new FeedkeeperError('OIDC_PROVIDER_FAILED', `${lead}: ${what}`);
  return new FeedkeeperError('OIDC_PROVIDER_FAILED', `${lead}: ${what}; try again later, or sign in with a password`, { cause: err });
}

/** The OAuth error code the provider answered with (`invalid_grant`, `invalid_client`, …), if it did. */
function oauthError(err: unknown): string | null {
  if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) return err.error;
  // A client that failed to authenticate gets 401 and the code in WWW-Authenticate instead of the body.
  if (err instanceof oidc.WWWAuthenticateChallengeError) return err.cause[0]?.parameters.error ?? `HTTP ${err.status}`;
  return null;
}
