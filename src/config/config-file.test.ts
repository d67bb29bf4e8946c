import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigWithWarnings } from './load.js';
import { DEFAULT_FILE, defaultFile, load, problemsOf, type Layers } from './testdata/harness.js';

const FILE = `config file ${DEFAULT_FILE}`;

describe('finding the config file', () => {
  it('reads <dataDir>/feedkeeper.json when it exists', () => {
    const { config } = load({ files: defaultFile({ port: 9001 }) });
    expect([config.configFile, config.port]).toEqual([DEFAULT_FILE, 9001]);
  });

  it('goes without a file when the default one is missing', () => {
    expect(load().config.configFile).toBeNull();
  });

  it('looks in the data directory named by the environment', () => {
    const files = { '/var/lib/fk/feedkeeper.json': '{"port": 9002}' };
    const { config } = load({ env: { FEEDKEEPER_DATA_DIR: '/var/lib/fk' }, files });
    expect([config.configFile, config.port, config.dataDir]).toEqual(['/var/lib/fk/feedkeeper.json', 9002, '/var/lib/fk']);
  });

  it.each<[string, Layers, string]>([
    ['--config, resolved against cwd', { flags: { config: 'etc/fk.json' } }, '/srv/etc/fk.json'],
    ['FEEDKEEPER_CONFIG', { env: { FEEDKEEPER_CONFIG: '/etc/fk.json' } }, '/etc/fk.json'],
    ['--config over FEEDKEEPER_CONFIG', { flags: { config: '/etc/a.json' }, env: { FEEDKEEPER_CONFIG: '/etc/b.json' } }, '/etc/a.json'],
  ])('reads the file named by %s', (_case, layers, path) => {
    const files = { [path]: '{"logLevel": "debug"}', [DEFAULT_FILE]: '{"logLevel": "error"}' };
    const { config } = load({ ...layers, files });
    expect([config.configFile, config.logLevel]).toEqual([path, 'debug']);
  });

  it.each<[string, Layers, string]>([
    ['by flag', { flags: { config: 'missing.json' } }, '--config: no config file at /srv/missing.json'],
    ['by env', { env: { FEEDKEEPER_CONFIG: '/etc/missing.json' } }, 'FEEDKEEPER_CONFIG: no config file at /etc/missing.json'],
  ])('a missing file named %s is an error', (_case, layers, message) => {
    expect(problemsOf(layers)).toEqual([message]);
  });

  it('the file cannot move the data directory it was found in, but sets dataDir relative to itself', () => {
    const { config } = load({ files: defaultFile({ dataDir: '../archive' }) });
    expect([config.configFile, config.dataDir]).toEqual([DEFAULT_FILE, '/srv/archive']);
  });

  it('reports a file that cannot be read', () => {
    const readFile = (): string => {
      throw new Error('EACCES: permission denied');
    };
    expect(() => loadConfigWithWarnings({ flags: {}, env: {}, cwd: '/srv', readFile })).toThrow(
      `${FILE}: cannot be read: EACCES: permission denied`,
    );
  });
});

describe('bad JSON is reported with its line and column', () => {
  it.each([
    ['a trailing comma', '{\n  "port": 8080,\n}', /^Expected double-quoted property name at line 3, column 1$/],
    ['a missing comma', '{\n  "port": 8080\n  "host": "::"\n}', / at line 3, column 3$/],
    ['a bad literal (V8 gives no position)', '{"allowPrivateNetworks": tru}', /^Unexpected "}" at line 1, column 29$/],
    ['a truncated file', '{"port": 80', / at line 1, column 12$/],
    ['a truncated literal', '{"allowPrivateNetworks": tr', /^Unexpected end of file at line 1, column 28$/],
    ['an empty file', '', /^Unexpected end of file at line 1, column 1$/],
    ['a comment', '{\n  // the port\n  "port": 80\n}', / at line 2, column 3$/],
  ])('%s', (_case, text, detail) => {
    const [problem, ...rest] = problemsOf({ files: { [DEFAULT_FILE]: text } });
    expect(rest).toEqual([]);
    expect(problem?.startsWith(`${FILE}: not valid JSON: `)).toBe(true);
    expect(problem?.slice(`${FILE}: not valid JSON: `.length)).toMatch(detail);
  });

  it('accepts a byte order mark', () => {
    expect(load({ files: { [DEFAULT_FILE]: '\uFEFF{"port": 9003}' } }).config.port).toBe(9003);
  });

  it.each([
    ['an array', '[]', 'an array'],
    ['a string', '"port"', '"port"'],
    ['null', 'null', 'null'],
  ])('rejects %s at the top level', (_case, text, shown) => {
    expect(problemsOf({ files: { [DEFAULT_FILE]: text } })).toEqual([`${FILE}: expected a JSON object of settings, got ${shown}`]);
  });
});

describe('keys in the file', () => {
  it.each([
    ['fetchTimout', `unknown setting "fetchTimout" (did you mean "fetchTimeoutSeconds"?)`],
    ['max_redirects', `unknown setting "max_redirects" (did you mean "maxRedirects"?)`],
    ['colour', `unknown setting "colour"`],
    ['configFile', `"configFile" cannot be set inside a config file (use --config or FEEDKEEPER_CONFIG)`],
  ])('%s', (key, message) => {
    expect(problemsOf({ files: defaultFile({ [key]: 1 }) })).toEqual([`${FILE}: ${message}`]);
  });

  it('reports every unknown key, then keeps validating known ones', () => {
    expect(problemsOf({ files: defaultFile({ prot: 1, hots: 'x', port: 'http' }) })).toEqual([
      `${FILE}: unknown setting "prot" (did you mean "port"?)`,
      `${FILE}: unknown setting "hots" (did you mean "host"?)`,
      `${FILE}: port: expected a port number 0-65535, got "http"`,
    ]);
  });

  it('may set every setting but configFile', () => {
    const settings = {
      dataDir: '/var/fk', allowPrivateNetworks: true, userAgent: 'test-agent/1', fetchTimeoutSeconds: 5, connectTimeoutSeconds: 2,
      maxFeedBytes: '1MiB', warc: false, warcMaxFileBytes: '2MiB', maxRedirects: 0, perHostConcurrency: 1, watchSchedule: '2h,2d', watchHostDailyBudget: 50, watchConfirmHours: 12, watchConcurrency: 3, images: 'off', mediaMaxBytes: '3MiB', mediaMaxPerArticle: 7, mediaConcurrency: 5, ingestThreads: 3, globalConcurrency: 4, minIntervalMinutes: 15,
      maxIntervalMinutes: 60, logLevel: 'warn', logFormat: 'pretty', host: '::', port: 0, adminPassword: 'long enough', newPassword: 'a long enough one',
      oidcIssuer: 'https://id.example.org/realms/news', oidcClientId: 'feedkeeper', oidcClientSecret: 'client secret',
      oidcRedirectBaseUrl: 'https://news.example.org', oidcAllowSignup: true, oidcLabel: 'Example ID', redisUrl: 'redis://:pw@redis.lan:6379/1',
      databaseUrl: 'postgres://feedkeeper:pw@db.lan:5432/archive',
    };
    const { config } = load({ files: defaultFile(settings) });
    expect(config).toEqual({ ...settings, maxFeedBytes: 1024 * 1024, warcMaxFileBytes: 2 * 1024 * 1024, mediaMaxBytes: 3 * 1024 * 1024, configFile: DEFAULT_FILE });
  });
});

describe('on the real file system', () => {
  const root = mkdtempSync(join(tmpdir(), 'feedkeeper-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the default file from the data directory', () => {
    writeFileSync(join(root, 'feedkeeper.json'), '{"port": 9004}');
    const { config } = loadConfigWithWarnings({ flags: { dataDir: root }, env: {}, cwd: '/' });
    expect([config.port, config.configFile]).toEqual([9004, join(root, 'feedkeeper.json')]);
  });

  it('treats a missing data directory as "no file"', () => {
    const { config } = loadConfigWithWarnings({ flags: { dataDir: join(root, 'not-yet') }, env: {}, cwd: '/' });
    expect(config.configFile).toBeNull();
  });

  it('reports a directory named as the config file', () => {
    mkdirSync(join(root, 'dir.json'));
    expect(() => loadConfigWithWarnings({ flags: { config: join(root, 'dir.json') }, env: {}, cwd: '/' })).toThrow(
      new RegExp(`^config file ${join(root, 'dir.json')}: cannot be read: EISDIR`),
    );
  });
});
