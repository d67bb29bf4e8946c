/**
 * Plain-text tables and number formats shared by every bench suite. Output goes to stdout as
 * aligned columns; widths count CJK characters as two cells so Chinese text lines up in a terminal.
 */

import { renderTable } from '../src/cli/table.js';

export { renderTable };

/** A titled block: the heading, the table, then notes indented under it. */
export function renderSection(title: string, table: string, notes: readonly string[] = []): string {
  return [title, table, ...notes.map((n) => `  ${n}`), ''].join('\n');
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

/** Megabytes as 10^6 bytes, the unit MB/s is quoted in. */
export function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 1 : 2)} MB`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 100) return Math.round(perSecond).toLocaleString('en-US');
  return perSecond.toFixed(perSecond >= 10 ? 1 : 2);
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function formatInt(n: number): string {
  return n.toLocaleString('en-US');
}
