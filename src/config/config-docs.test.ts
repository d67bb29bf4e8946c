/**
 * docs/CONFIG.md must equal renderConfigDocs(). This test is also its generator:
 * `UPDATE_GOLDEN=1 npx vitest run src/config` rewrites the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS_PATH, renderConfigDocs } from './docs.js';
import { SETTINGS } from './settings.js';

const docsFile = fileURLToPath(new URL(`../../${CONFIG_DOCS_PATH}`, import.meta.url));
const REGENERATE = 'regenerate it with `UPDATE_GOLDEN=1 npx vitest run src/config` and review the diff';

describe('docs/CONFIG.md', () => {
  const rendered = renderConfigDocs();

  it('matches the settings table', () => {
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(docsFile, rendered);
    const onDisk = existsSync(docsFile) ? readFileSync(docsFile, 'utf8') : null;
    expect(onDisk, `${CONFIG_DOCS_PATH} is missing: ${REGENERATE}`).not.toBeNull();
    const differs = firstDifferingLine(onDisk ?? '', rendered);
    expect(differs, `${CONFIG_DOCS_PATH} is out of date with src/config/settings.ts (${differs}): ${REGENERATE}`).toBeNull();
  });

  it.each(SETTINGS.map((setting) => [setting.key, setting] as const))('has a row for %s with its env var and default', (key, setting) => {
    const row = rendered.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row).toContain(`\`${setting.env}\``);
    expect(row).toContain(setting.defaultText);
  });
});

function firstDifferingLine(onDisk: string, rendered: string): string | null {
  const [old, now] = [onDisk.split('\n'), rendered.split('\n')];
  for (let i = 0; i < Math.max(old.length, now.length); i++) {
    if (old[i] !== now[i]) return `first difference at line ${i + 1}: file has ${JSON.stringify(old[i] ?? null)}, expected ${JSON.stringify(now[i] ?? null)}`;
  }
  return null;
}
