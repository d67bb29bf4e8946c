/**
 * Reading the JSON config file: finding it, parsing it with a line and column for syntax errors,
 * and rejecting keys that are not settings (with a "did you mean"). Values are not validated
 * here; the loader does that for every source alike. Reading goes through an injected function
 * so tests need no disk; `readFileOrNull` is the real one.
 */
import { readFileSync } from 'node:fs';
import { SETTINGS, SETTINGS_BY_FILE_KEY } from './settings.js';
import { suggestName } from './suggest.js';

export type ReadFile = (path: string) => string | null;

export interface ConfigFile {
  readonly path: string;
  /** Raw JSON values by config-file key, only for known keys. */
  readonly values: ReadonlyMap<string, unknown>;
}

export type ConfigFileResult = { file: ConfigFile | null; problems: string[] };

/** The file's text, or null when nothing is there. Other failures (permissions, a directory) throw. */
export const readFileOrNull: ReadFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
};

/**
 * Reads `path`. `named` is the flag or variable that named it (a missing named file is a problem),
 * or null when the path is the default location (a missing default file just means "no file").
 */
export function readConfigFile(path: string, named: string | null, readFile: ReadFile): ConfigFileResult {
  const where = `config file ${path}`;
  let text: string | null;
  try {
    text = readFile(path);
  } catch (err) {
    return { file: null, problems: [`${where}: cannot be read: ${err instanceof Error ? err.message : String(err)}`] };
  }
  if (text === null) {
    return { file: null, problems: named === null ? [] : [`${named}: no config file at ${path}`] };
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return { file: null, problems: [`${where}: not valid JSON: ${parsed.error}`] };
  const json = parsed.value;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { file: null, problems: [`${where}: expected a JSON object of settings, got ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`] };
  }
  const problems: string[] = [];
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(json)) {
    if (SETTINGS_BY_FILE_KEY.has(key)) values.set(key, value);
    else problems.push(`${where}: ${describeUnknownKey(key)}`);
  }
  return { file: { path, values }, problems };
}

function describeUnknownKey(key: string): string {
  const fileOnly = SETTINGS.find((setting) => setting.key === key && setting.fileKey === null);
  if (fileOnly) return `"${key}" cannot be set inside a config file (use ${fileOnly.flag ?? fileOnly.env} or ${fileOnly.env})`;
  const suggestion = suggestName(key, [...SETTINGS_BY_FILE_KEY.keys()]);
  return `unknown setting "${key}"${suggestion === null ? '' : ` (did you mean "${suggestion}"?)`}`;
}

type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = errorOffset(text, message);
    const reason = message.match(/^(.*?) in JSON at position \d+/)?.[1] ?? describeCharAt(text, offset);
    return { ok: false, error: `${reason} at ${lineAndColumn(text, offset)}` };
  }
}

/**
 * Where JSON.parse gave up. V8 says "at position N" for most errors but not all
 * ("Unexpected token ',', … is not valid JSON"), so without one we search for the longest
 * prefix that still parses or fails only for ending early: the next character is the culprit.
 */
function errorOffset(text: string, message: string): number {
  const stated = reportedPosition(message);
  if (stated !== null) return stated;
  if (isViablePrefix(text)) return text.length; // it just ends too early
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (isViablePrefix(text.slice(0, middle))) good = middle;
    else bad = middle;
  }
  return good;
}

function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    return /end of JSON input/i.test(message) || (reportedPosition(message) ?? -1) >= prefix.length;
  }
}

function reportedPosition(message: string): number | null {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

function describeCharAt(text: string, offset: number): string {
  const char = text[offset];
  return char === undefined ? 'Unexpected end of file' : `Unexpected ${JSON.stringify(char)}`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
