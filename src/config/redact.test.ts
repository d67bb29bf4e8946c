import { describe, expect, it } from 'vitest';
import { redactConfig } from './redact.js';
import { SETTINGS } from './settings.js';
import { load } from './testdata/harness.js';

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
