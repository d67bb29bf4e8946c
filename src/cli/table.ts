/**
 * Plain-text tables for the terminal: aligned columns whose widths count CJK characters as two
 * cells, so Chinese titles line up. Used by `feedkeeper list` and the benchmark reports.
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

// East Asian wide and fullwidth ranges: enough for CJK text, kana, Hangul and fullwidth punctuation.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

function padCell(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Renders rows under a header line and a rule; every row must have one cell per column. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => padCell(cells[i] ?? '', widths[i] ?? 0, column.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((c) => c.header));
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return ['  ' + header, '  ' + rule, ...rows.map((row) => '  ' + line(row))].join('\n');
}
