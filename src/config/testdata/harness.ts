/** Test helpers: load a config from in-memory files, and collect the problems a load reports. */
import { expect } from 'vitest';
import { isFeedkeeperError } from '../../core/index.js';
import { loadConfigWithWarnings, type LoadedConfig } from '../load.js';

export const CWD = '/srv';
/** Where the config file is looked for when no data directory or file is named. */
export const DEFAULT_FILE = '/srv/data/feedkeeper.json';

export interface Layers {
  flags?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  /** Files by absolute path. */
  files?: Record<string, string>;
}

export function load(layers: Layers = {}): LoadedConfig {
  return loadConfigWithWarnings({
    flags: layers.flags ?? {},
    env: layers.env ?? {},
    cwd: CWD,
    readFile: (path) => layers.files?.[path] ?? null,
  });
}

/** A config file at the default location holding `settings` as JSON. */
export function defaultFile(settings: Record<string, unknown>): Record<string, string> {
  return { [DEFAULT_FILE]: JSON.stringify(settings, null, 2) };
}

/** The problems (one per line of the message) a load rejects; fails the test if it loads. */
export function problemsOf(layers: Layers): string[] {
  try {
    load(layers);
  } catch (err) {
    expect(isFeedkeeperError(err, 'CONFIG_INVALID'), String(err)).toBe(true);
    const message = (err as Error).message;
    expect((err as { details: { problems: unknown } }).details.problems).toEqual(message.split('\n'));
    return message.split('\n');
  }
  expect.fail('expected the configuration to be rejected');
}
