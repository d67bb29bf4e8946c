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
    const shown = redactConfig(load({ env: { FEEDKEEPER_ADMIN_PASSWORD: 'a-very-secret-pass' } }).config);
    expect(Object.keys(shown)).toEqual(SETTINGS.map((setting) => setting.key));
    const secrets = SETTINGS.filter((setting) => setting.secret).map((setting) => setting.key);
    expect(secrets).toEqual(['adminPassword']);
    for (const key of secrets) expect(shown[key]).toBe('[redacted]');
  });
});
