import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { SETTINGS } from './settings.js';
import { defaultFile, load, problemsOf, type Layers } from './testdata/harness.js';

describe('defaults', () => {
  it('gives every setting its default when nothing is set', () => {
    expect(load().config).toEqual({
      dataDir: '/srv/data',
      configFile: null,
      allowPrivateNetworks: false,
      userAgent: 'feedkeeper/0.1 (+https://github.com/feedkeeper/feedkeeper)',
      fetchTimeoutSeconds: 30,
      connectTimeoutSeconds: 10,
      maxFeedBytes: 20 * 1024 * 1024,
      warc: true,
      warcMaxFileBytes: 1024 ** 3,
      maxRedirects: 5,
      perHostConcurrency: 2,
      watchSchedule: '1h,6h,1d,3d,7d,30d',
      watchHostDailyBudget: 2000,
      watchConfirmHours: 6,
      watchConcurrency: 2,
      images: 'keep',
      mediaMaxBytes: 20 * 1024 ** 2,
      mediaMaxPerArticle: 50,
      mediaConcurrency: 2,
      // One fewer than the CPUs, at most 4: the main thread keeps a core.
      ingestThreads: Math.min(4, Math.max(0, availableParallelism() - 1)),
      globalConcurrency: 16,
      minIntervalMinutes: 10,
      maxIntervalMinutes: 720,
      logLevel: 'info',
      logFormat: 'json',
      host: '127.0.0.1',
      port: 8080,
      adminPassword: null,
      newPassword: null,
      oidcIssuer: null,
      oidcClientId: null,
      oidcClientSecret: null,
      oidcRedirectBaseUrl: null,
      oidcAllowSignup: false,
      oidcLabel: 'OpenID Connect',
      redisUrl: null,
      databaseUrl: null,
    });
  });

  it('returns a frozen config', () => {
    const config = load().config;
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => Object.assign(config, { port: 1 })).toThrow(TypeError);
  });

  it('loadConfig returns the same config without the warnings', () => {
    expect(loadConfig({ flags: {}, env: { FEEDKEEPER_PORT: '9000' }, cwd: '/srv', readFile: () => null }).port).toBe(9000);
  });
});

describe('precedence: flag > env > config file > default', () => {
  const file = defaultFile({ fetchTimeoutSeconds: 40, logLevel: 'warn' });
  it.each<[string, Layers, number]>([
    ['default when nothing sets it', {}, 30],
    ['config file over default', { files: file }, 40],
    ['env over config file', { files: file, env: { FEEDKEEPER_FETCH_TIMEOUT_SECONDS: '50' } }, 50],
    ['flag over env and config file', { files: file, env: { FEEDKEEPER_FETCH_TIMEOUT_SECONDS: '50' }, flags: { fetchTimeoutSeconds: '60' } }, 60],
    ['flag over default', { flags: { fetchTimeoutSeconds: '60' } }, 60],
    ['an empty env var counts as unset', { files: file, env: { FEEDKEEPER_FETCH_TIMEOUT_SECONDS: '' } }, 40],
    ['an undefined flag counts as unset', { files: file, flags: { fetchTimeoutSeconds: undefined } }, 40],
  ])('%s', (_case, layers, seconds) => {
    expect(load(layers).config.fetchTimeoutSeconds).toBe(seconds);
  });

  it('picks each setting from its own strongest source', () => {
    const { config } = load({ files: file, env: { FEEDKEEPER_PORT: '9000' }, flags: { host: '0.0.0.0' } });
    expect([config.fetchTimeoutSeconds, config.logLevel, config.port, config.host]).toEqual([40, 'warn', 9000, '0.0.0.0']);
  });

  it('a --no-… flag (false) beats a true env var', () => {
    const { config } = load({ flags: { allowPrivateNetworks: false }, env: { FEEDKEEPER_ALLOW_PRIVATE_NETWORKS: 'yes' } });
    expect(config.allowPrivateNetworks).toBe(false);
  });

  it('ignores flags that are not settings (other command options)', () => {
    expect(load({ flags: { jsonl: true, baseUrl: 'https://example.org/' } }).config).toEqual(load().config);
  });
});

describe('boolean parsing', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['TRUE', true],
    ['Yes', true],
    [' yes ', true],
    ['0', false],
    ['false', false],
    ['no', false],
    ['NO', false],
  ])('FEEDKEEPER_ALLOW_PRIVATE_NETWORKS=%j → %s', (text, value) => {
    expect(load({ env: { FEEDKEEPER_ALLOW_PRIVATE_NETWORKS: text } }).config.allowPrivateNetworks).toBe(value);
  });

  it.each(['on', 'off', '2', 'y', 'enabled'])('rejects %j', (text) => {
    expect(problemsOf({ env: { FEEDKEEPER_ALLOW_PRIVATE_NETWORKS: text } })).toEqual([
      `FEEDKEEPER_ALLOW_PRIVATE_NETWORKS: expected one of 1, true, yes, 0, false, no, got ${JSON.stringify(text)}`,
    ]);
  });

  it.each([
    ['a bare flag (commander gives true)', { flags: { allowPrivateNetworks: true } }, true],
    ['a flag given as text', { flags: { allowPrivateNetworks: 'no' } }, false],
    ['a JSON true in the file', { files: defaultFile({ allowPrivateNetworks: true }) }, true],
  ])('%s', (_case, layers, value) => {
    expect(load(layers).config.allowPrivateNetworks).toBe(value);
  });
});

describe('other values', () => {
  it.each<[string, Layers, Partial<Record<string, unknown>>]>([
    ['log level in any case', { env: { FEEDKEEPER_LOG_LEVEL: 'DEBUG' } }, { logLevel: 'debug' }],
    ['pretty logs', { flags: { logFormat: 'pretty' } }, { logFormat: 'pretty' }],
    ['an IPv6 host', { env: { FEEDKEEPER_HOST: '::' } }, { host: '::' }],
    ['a host name', { env: { FEEDKEEPER_HOST: 'archive.example.org' } }, { host: 'archive.example.org' }],
    ['port 0 picks a free port', { flags: { port: '0' } }, { port: 0 }],
    ['zero redirects', { env: { FEEDKEEPER_MAX_REDIRECTS: '0' } }, { maxRedirects: 0 }],
    ['min equal to max', { env: { FEEDKEEPER_MIN_INTERVAL_MINUTES: '60', FEEDKEEPER_MAX_INTERVAL_MINUTES: '60' } }, { minIntervalMinutes: 60, maxIntervalMinutes: 60 }],
    ['an admin password', { env: { FEEDKEEPER_ADMIN_PASSWORD: 'correct horse' } }, { adminPassword: 'correct horse' }],
    ['a relative data dir from a flag, against cwd', { flags: { dataDir: 'archive' } }, { dataDir: '/srv/archive' }],
    ['an absolute data dir from env', { env: { FEEDKEEPER_DATA_DIR: '/var/lib/feedkeeper/' } }, { dataDir: '/var/lib/feedkeeper' }],
  ])('%s', (_case, layers, expected) => {
    expect(load(layers).config).toMatchObject(expected);
  });
});

describe('unknown FEEDKEEPER_* variables', () => {
  it('are ignored and returned as warnings, with a suggestion when one is close', () => {
    const { config, warnings } = load({
      env: { FEEDKEEPER_FETCH_TIMEOUT: '5', FEEDKEEPER_COLOUR: 'blue', FEEDKEEPER_PROT: '1', HOME: '/root', FEEDKEEPER_PORT: '9000' },
    });
    expect(config.fetchTimeoutSeconds).toBe(30);
    expect(warnings).toEqual([
      'FEEDKEEPER_COLOUR is not a feedkeeper setting and was ignored',
      'FEEDKEEPER_FETCH_TIMEOUT is not a feedkeeper setting and was ignored (did you mean FEEDKEEPER_FETCH_TIMEOUT_SECONDS?)',
      'FEEDKEEPER_PROT is not a feedkeeper setting and was ignored (did you mean FEEDKEEPER_PORT?)',
    ]);
  });

  it('no warnings when every variable is known', () => {
    expect(load({ env: { FEEDKEEPER_LOG_LEVEL: 'warn', PATH: '/bin' } }).warnings).toEqual([]);
  });
});

describe('the settings table', () => {
  it.each(SETTINGS.map((setting) => [setting.key, setting] as const))('%s: names follow the conventions', (key, setting) => {
    const snake = key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
    expect(setting.env).toBe(key === 'configFile' ? 'FEEDKEEPER_CONFIG' : `FEEDKEEPER_${snake}`);
    if (setting.flag !== null) {
      expect(setting.flag).toMatch(/^--[a-z]+(-[a-z]+)*$/);
      expect(setting.flagKey).toBe(key === 'configFile' ? 'config' : key);
    }
    expect(setting.fileKey).toBe(key === 'configFile' ? null : key);
    expect(setting.description.length).toBeGreaterThan(10);
    // A secret on the command line is visible to every local user through ps.
    if (setting.secret) expect(setting.flag).toBeNull();
  });
});
