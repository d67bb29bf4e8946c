import { describe, expect, it } from 'vitest';
import { redactConfig } from './redact.js';
import { SETTINGS } from './settings.js';
import { load, problemsOf } from './testdata/harness.js';

describe('redactConfig', () => {
  it('replaces a set secret with [redacted] and keeps everything else', () => {
    const { config } = load({ env: { FEEDKEEPER_ADMIN_PASSWORD: 'a-very-secret-pass', FEEDKEEPER_PORT: '9000' } });
    const shown = redactConfig(config);
    expect(shown['adminPassword']).toBe('[redacted]');
    expect(JSON.stringify(shown)).not.toContain('a-very-secret-pass');
    expect(shown).toEqual({ ...config, adminPassword: '[redacted]' });
  });

  it('leaves an unset secret as null', () => {
    expect(redactConfig(load().config)['adminPassword']).toBeNull();
  });

  it('redacts every setting marked secret, and lists every setting', () => {
    const env = {
      FEEDKEEPER_ADMIN_PASSWORD: 'a-very-secret-pass',
      FEEDKEEPER_NEW_PASSWORD: 'another-secret-one',
      FEEDKEEPER_OIDC_ISSUER: 'https://id.example.org',
      FEEDKEEPER_OIDC_CLIENT_ID: 'feedkeeper',
      FEEDKEEPER_OIDC_CLIENT_SECRET: 'the-client-secret',
      FEEDKEEPER_OIDC_REDIRECT_BASE_URL: 'https://news.example.org',
    };
    const shown = redactConfig(load({ env }).config);
    expect(Object.keys(shown)).toEqual(SETTINGS.map((setting) => setting.key));
    const secrets = SETTINGS.filter((setting) => setting.secret).map((setting) => setting.key);
    expect(secrets).toEqual(['adminPassword', 'newPassword', 'oidcClientSecret']);
    expect(JSON.stringify(shown)).not.toContain('the-client-secret');
    for (const key of secrets) expect(shown[key]).toBe('[redacted]');
  });
});

describe('redisUrl', () => {
  it.each([
    ['a password', 'redis://:s3cret-pw@redis.lan:6379/2', 'redis://:[redacted]@redis.lan:6379/2'],
    ['a user and password', 'rediss://feedkeeper:s3cret-pw@redis.lan', 'rediss://feedkeeper:[redacted]@redis.lan'],
    ['a lone userinfo, which clients may take as the password', 'redis://s3cret-pw@redis.lan', 'redis://[redacted]@redis.lan'],
    ['no credentials', 'redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
  ])('shows a URL with %s without the secret', (_case, url, shown) => {
    const { config } = load({ env: { FEEDKEEPER_REDIS_URL: url } });
    expect(config.redisUrl).toBe(url);
    expect(redactConfig(config)['redisUrl']).toBe(shown);
  });

  it('is taken from --redis-url too', () => {
    expect(load({ flags: { redisUrl: 'redis://127.0.0.1:7000' } }).config.redisUrl).toBe('redis://127.0.0.1:7000');
  });

  it.each([
    ['http://127.0.0.1:6379', 'FEEDKEEPER_REDIS_URL: expected a redis:// or rediss:// URL with a host, got "http://127.0.0.1:6379"'],
    ['redis://:pw-in-a-bad-url@h/x?y', 'FEEDKEEPER_REDIS_URL: expected a redis:// or rediss:// URL with a host, got "redis://:[redacted]@h/x?y"'],
  ])('rejects %s without echoing a password', (url, problem) => {
    expect(problemsOf({ env: { FEEDKEEPER_REDIS_URL: url } })).toEqual([problem]);
  });
});

describe('databaseUrl', () => {
  it.each([
    ['a user and password', 'postgres://feedkeeper:s3cret-pw@db.lan:5432/archive', 'postgres://feedkeeper:[redacted]@db.lan:5432/archive'],
    ['the postgresql:// scheme', 'postgresql://feedkeeper:s3cret-pw@db.lan/archive', 'postgresql://feedkeeper:[redacted]@db.lan/archive'],
    ['a socket directory and no password', 'postgres:///archive?host=/run/postgresql', 'postgres:///archive?host=/run/postgresql'],
  ])('shows a URL with %s without the secret', (_case, url, shown) => {
    const { config } = load({ env: { FEEDKEEPER_DATABASE_URL: url } });
    expect(config.databaseUrl).toBe(url);
    expect(redactConfig(config)['databaseUrl']).toBe(shown);
  });

  it('is taken from --database-url too', () => {
    expect(load({ flags: { databaseUrl: 'postgres://127.0.0.1:5433/fk' } }).config.databaseUrl).toBe('postgres://127.0.0.1:5433/fk');
  });

  it.each([
    ['mysql://db.lan/archive', 'FEEDKEEPER_DATABASE_URL: expected a postgres:// or postgresql:// URL with a host, got "mysql://db.lan/archive"'],
    ['postgres://:pw-in-a-bad-url@/archive', 'FEEDKEEPER_DATABASE_URL: expected a postgres:// or postgresql:// URL with a host, got "postgres://:[redacted]@/archive"'],
  ])('rejects %s without echoing a password', (url, problem) => {
    expect(problemsOf({ env: { FEEDKEEPER_DATABASE_URL: url } })).toEqual([problem]);
  });
});
