import { describe, expect, it } from 'vitest';
import { defaultFile, load, problemsOf, type Layers } from './testdata/harness.js';

const FILE = 'config file /srv/data/feedkeeper.json';

describe('each validation message names the source and the bad value', () => {
  it.each<[string, Layers, string]>([
    ['seconds with a unit', { env: { FEEDKEEPER_FETCH_TIMEOUT_SECONDS: '10s' } }, 'FEEDKEEPER_FETCH_TIMEOUT_SECONDS: expected a whole number of seconds from 1 to 600, got "10s"'],
    ['zero seconds', { flags: { fetchTimeoutSeconds: '0' } }, '--fetch-timeout-seconds: expected a whole number of seconds from 1 to 600, got "0"'],
    ['a fraction', { env: { FEEDKEEPER_CONNECT_TIMEOUT_SECONDS: '2.5' } }, 'FEEDKEEPER_CONNECT_TIMEOUT_SECONDS: expected a whole number of seconds from 1 to 120, got "2.5"'],
    ['a port that is a word', { flags: { port: 'http' } }, '--port: expected a port number 0-65535, got "http"'],
    ['a port out of range', { env: { FEEDKEEPER_PORT: '70000' } }, 'FEEDKEEPER_PORT: expected a port number 0-65535, got "70000"'],
    ['too many redirects', { flags: { maxRedirects: '21' } }, '--max-redirects: expected a whole number from 0 to 20, got "21"'],
    ['no concurrency', { env: { FEEDKEEPER_PER_HOST_CONCURRENCY: '0' } }, 'FEEDKEEPER_PER_HOST_CONCURRENCY: expected a whole number from 1 to 16, got "0"'],
    ['too much concurrency', { env: { FEEDKEEPER_GLOBAL_CONCURRENCY: '1000' } }, 'FEEDKEEPER_GLOBAL_CONCURRENCY: expected a whole number from 1 to 256, got "1000"'],
    ['an interval over a day', { env: { FEEDKEEPER_MIN_INTERVAL_MINUTES: '1441' } }, 'FEEDKEEPER_MIN_INTERVAL_MINUTES: expected a whole number of minutes from 1 to 1440, got "1441"'],
    ['an interval over a week', { env: { FEEDKEEPER_MAX_INTERVAL_MINUTES: '10081' } }, 'FEEDKEEPER_MAX_INTERVAL_MINUTES: expected a whole number of minutes from 1 to 10080, got "10081"'],
    ['an unknown log level', { env: { FEEDKEEPER_LOG_LEVEL: 'loud' } }, 'FEEDKEEPER_LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "loud"'],
    ['an unknown log format', { flags: { logFormat: 'xml' } }, '--log-format: expected one of json, pretty, got "xml"'],
    ['a host with a space', { flags: { host: 'my host' } }, '--host: expected a host name or IP address, got "my host"'],
    ['a URL as host', { env: { FEEDKEEPER_HOST: 'http://localhost' } }, 'FEEDKEEPER_HOST: expected a host name or IP address, got "http://localhost"'],
    ['a user agent with a line break', { env: { FEEDKEEPER_USER_AGENT: 'bot\r\nX-Evil: 1' } }, 'FEEDKEEPER_USER_AGENT: expected 1 to 512 printable ASCII characters, got "bot\\r\\nX-Evil: 1"'],
    ['an empty data dir flag', { flags: { dataDir: '' } }, '--data-dir: expected a file or directory path, got ""'],
    ['a string where a number belongs in the file', { files: defaultFile({ fetchTimeoutSeconds: '30' }) }, `${FILE}: fetchTimeoutSeconds: expected a whole number of seconds from 1 to 600, got "30" (a string; write 30 without quotes)`],
    ['a quoted boolean in the file', { files: defaultFile({ allowPrivateNetworks: 'yes' }) }, `${FILE}: allowPrivateNetworks: expected one of 1, true, yes, 0, false, no, got "yes" (a string; write true without quotes)`],
    ['a number where text belongs in the file', { files: defaultFile({ host: 8080 }) }, `${FILE}: host: expected a host name or IP address, got 8080`],
    ['a fractional port in the file', { files: defaultFile({ port: 80.5 }) }, `${FILE}: port: expected a port number 0-65535, got 80.5`],
    ['an array in the file', { files: defaultFile({ logLevel: ['info'] }) }, `${FILE}: logLevel: expected one of trace, debug, info, warn, error, fatal, silent, got ["info"]`],
    ['null in the file', { files: defaultFile({ maxRedirects: null }) }, `${FILE}: maxRedirects: expected a whole number from 0 to 20, got null`],
    ['a long bad value is shortened', { env: { FEEDKEEPER_LOG_LEVEL: 'x'.repeat(100) } }, `FEEDKEEPER_LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "${'x'.repeat(76)}...`],
  ])('%s', (_case, layers, message) => {
    expect(problemsOf(layers)).toEqual([message]);
  });
});

describe('secrets are never echoed', () => {
  it.each<[string, Layers, string]>([
    ['a short password from env', { env: { FEEDKEEPER_ADMIN_PASSWORD: 'hunter2' } }, 'FEEDKEEPER_ADMIN_PASSWORD: expected at least 8 characters, got 7 characters (not shown: secret)'],
    ['a number in the file', { files: defaultFile({ adminPassword: 12345678 }) }, `${FILE}: adminPassword: expected at least 8 characters, got a number (not shown: secret)`],
    ['a quoted-looking secret gets no hint', { files: defaultFile({ adminPassword: 'hunter2' }) }, `${FILE}: adminPassword: expected at least 8 characters, got 7 characters (not shown: secret)`],
  ])('%s', (_case, layers, message) => {
    const problems = problemsOf(layers);
    expect(problems).toEqual([message]);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.join('\n')).not.toContain('12345678');
  });
});

describe('cross-field check: maxIntervalMinutes ≥ minIntervalMinutes', () => {
  it.each<[string, Layers, string]>([
    ['both set', { env: { FEEDKEEPER_MIN_INTERVAL_MINUTES: '120' }, flags: { maxIntervalMinutes: '60' } }, 'maxIntervalMinutes (60, from --max-interval-minutes) must be at least minIntervalMinutes (120, from FEEDKEEPER_MIN_INTERVAL_MINUTES)'],
    ['against a default', { env: { FEEDKEEPER_MAX_INTERVAL_MINUTES: '5' } }, 'maxIntervalMinutes (5, from FEEDKEEPER_MAX_INTERVAL_MINUTES) must be at least minIntervalMinutes (10, the default)'],
    ['from a file', { files: defaultFile({ minIntervalMinutes: 30, maxIntervalMinutes: 20 }) }, `maxIntervalMinutes (20, from ${FILE}) must be at least minIntervalMinutes (30, from ${FILE})`],
  ])('%s', (_case, layers, message) => {
    expect(problemsOf(layers)).toEqual([message]);
  });

  it('is skipped when one side is already invalid', () => {
    expect(problemsOf({ env: { FEEDKEEPER_MIN_INTERVAL_MINUTES: 'often', FEEDKEEPER_MAX_INTERVAL_MINUTES: '5' } })).toEqual([
      'FEEDKEEPER_MIN_INTERVAL_MINUTES: expected a whole number of minutes from 1 to 1440, got "often"',
    ]);
  });
});

describe('several problems', () => {
  it('are reported together, one per line, in table order, file problems first', () => {
    const problems = problemsOf({
      flags: { port: 'http' },
      env: { FEEDKEEPER_FETCH_TIMEOUT_SECONDS: '10s', FEEDKEEPER_LOG_LEVEL: 'loud' },
      files: defaultFile({ fetchTimout: 5, maxRedirects: -1 }),
    });
    expect(problems).toEqual([
      `${FILE}: unknown setting "fetchTimout" (did you mean "fetchTimeoutSeconds"?)`,
      'FEEDKEEPER_FETCH_TIMEOUT_SECONDS: expected a whole number of seconds from 1 to 600, got "10s"',
      `${FILE}: maxRedirects: expected a whole number from 0 to 20, got -1`,
      'FEEDKEEPER_LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "loud"',
      '--port: expected a port number 0-65535, got "http"',
    ]);
  });
});

describe('OpenID Connect settings', () => {
  const ON = { FEEDKEEPER_OIDC_ISSUER: 'https://id.example.org/realms/news', FEEDKEEPER_OIDC_CLIENT_ID: 'feedkeeper', FEEDKEEPER_OIDC_REDIRECT_BASE_URL: 'https://news.example.org' };
  const HTTPS_ONLY = 'an https:// URL (http:// only on localhost or 127.0.0.1) without query or fragment';

  it.each<[string, Record<string, string>, string]>([
    ['an issuer over plain http to another host', { FEEDKEEPER_OIDC_ISSUER: 'http://id.example.org' }, `FEEDKEEPER_OIDC_ISSUER: expected ${HTTPS_ONLY}, got "http://id.example.org"`],
    ['an issuer that is not a URL', { FEEDKEEPER_OIDC_ISSUER: 'id.example.org' }, `FEEDKEEPER_OIDC_ISSUER: expected ${HTTPS_ONLY}, got "id.example.org"`],
    ['an issuer with a query', { FEEDKEEPER_OIDC_ISSUER: 'https://id.example.org/?tenant=1' }, `FEEDKEEPER_OIDC_ISSUER: expected ${HTTPS_ONLY}, got "https://id.example.org/?tenant=1"`],
    ['an issuer with credentials', { FEEDKEEPER_OIDC_ISSUER: 'https://me:pw@id.example.org' }, `FEEDKEEPER_OIDC_ISSUER: expected ${HTTPS_ONLY}, got "https://me:pw@id.example.org"`],
    ['a base URL with a fragment', { FEEDKEEPER_OIDC_REDIRECT_BASE_URL: 'https://news.example.org/#top' }, 'FEEDKEEPER_OIDC_REDIRECT_BASE_URL: expected an http:// or https:// URL without query or fragment, got "https://news.example.org/#top"'],
    ['a label with a line break', { FEEDKEEPER_OIDC_LABEL: 'Example\nID' }, 'FEEDKEEPER_OIDC_LABEL: expected 1 to 64 characters, no line breaks, got "Example\\nID"'],
    ['a blank label', { FEEDKEEPER_OIDC_LABEL: '   ' }, 'FEEDKEEPER_OIDC_LABEL: expected 1 to 64 characters, no line breaks, got "   "'],
    ['no client id', { FEEDKEEPER_OIDC_CLIENT_ID: '' }, 'oidcClientId (FEEDKEEPER_OIDC_CLIENT_ID) is required when oidcIssuer is set (from FEEDKEEPER_OIDC_ISSUER)'],
    ['no base URL', { FEEDKEEPER_OIDC_REDIRECT_BASE_URL: '' }, 'oidcRedirectBaseUrl (FEEDKEEPER_OIDC_REDIRECT_BASE_URL) is required when oidcIssuer is set (from FEEDKEEPER_OIDC_ISSUER)'],
    ['a client id without an issuer', { FEEDKEEPER_OIDC_ISSUER: '', FEEDKEEPER_OIDC_REDIRECT_BASE_URL: '' }, 'oidcClientId is set (from FEEDKEEPER_OIDC_CLIENT_ID) but oidcIssuer is not: set FEEDKEEPER_OIDC_ISSUER to turn OpenID Connect sign-in on, or remove oidcClientId'],
  ])('%s', (_case, env, message) => {
    expect(problemsOf({ env: { ...ON, ...env } })).toEqual([message]);
  });

  it('sign-up without an issuer is refused too, and a secret set without one is named but never shown', () => {
    const problems = problemsOf({ files: defaultFile({ oidcAllowSignup: true, oidcClientSecret: 'hunter2-secret' }) });
    expect(problems).toEqual([
      `oidcClientSecret is set (from ${FILE}) but oidcIssuer is not: set FEEDKEEPER_OIDC_ISSUER to turn OpenID Connect sign-in on, or remove oidcClientSecret`,
      `oidcAllowSignup is set (from ${FILE}) but oidcIssuer is not: set FEEDKEEPER_OIDC_ISSUER to turn OpenID Connect sign-in on, or remove oidcAllowSignup`,
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it.each([
    ['https with a path and a trailing slash, kept as written', 'https://id.example.org/realms/news/'],
    ['http on 127.0.0.1 (a provider on this machine)', 'http://127.0.0.1:9400'],
    ['http on localhost', 'http://localhost:8081/auth'],
  ])('accepts an issuer: %s', (_case, issuer) => {
    const { config } = load({ env: { ...ON, FEEDKEEPER_OIDC_ISSUER: issuer } });
    expect(config.oidcIssuer).toBe(issuer);
  });

  it('is off by default, and a public client needs no secret', () => {
    expect(load().config.oidcIssuer).toBeNull();
    expect(load({ env: ON }).config).toMatchObject({ oidcClientSecret: null, oidcAllowSignup: false, oidcLabel: 'OpenID Connect' });
  });
});
