/**
 * The config as it may appear in logs and diagnostics: every setting, with the value of each
 * secret replaced by "[redacted]". An unset secret stays null: that it is missing is not secret.
 * A setting that may hold a secret (a Redis URL with a password) shows the rest of its value.
 */
import { SETTINGS, type Config } from './settings.js';

const REDACTED = '[redacted]';

export function redactConfig(config: Config): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const value = config[setting.key];
    const redact = setting.kind.redact;
    shown[setting.key] = setting.secret && value !== null ? REDACTED : redact !== undefined && typeof value === 'string' ? redact(value) : value;
  }
  return shown;
}
