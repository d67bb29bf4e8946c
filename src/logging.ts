/**
 * Structured logs with pino, to stderr (stdout belongs to command output). `pretty` prints one
 * readable line per entry for people at a terminal; `json` is for log collectors.
 */
import { pino } from 'pino';
import type { Logger } from './core/index.js';

export function createLogger(level: string, format: 'json' | 'pretty', write: (line: string) => void): Logger {
  const destination = { write: format === 'pretty' ? (line: string) => write(prettyLine(line)) : write };
  return pino({ level, base: undefined, redact: { paths: ['*.password', '*.token', '*.adminPassword', 'settings.adminPassword'], censor: '[redacted]' } }, destination);
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

function prettyLine(line: string): string {
  try {
    const { level, time, msg, ...rest } = JSON.parse(line) as { level: number; time: number; msg?: string } & Record<string, unknown>;
    const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
    return `${new Date(time).toISOString().slice(11, 19)} ${LEVELS[level] ?? level} ${msg ?? ''}${fields ? ` ${fields}` : ''}\n`;
  } catch {
    return line;
  }
}
