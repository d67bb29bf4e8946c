/**
 * Collects the parser's recoveries (its "bozo" flag). Each code is reported at most a few times
 * with its location, then counted, so a feed with 10,000 bare ampersands yields a short list.
 */
import type { ParseWarning, WarningCode } from '../core/index.js';

const MAX_PER_CODE = 5;

export class Warnings {
  private readonly list: ParseWarning[] = [];
  private readonly counts = new Map<WarningCode, number>();

  add(code: WarningCode, message: string): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= MAX_PER_CODE) this.list.push({ code, message });
  }

  addAll(warnings: readonly ParseWarning[]): void {
    for (const w of warnings) this.add(w.code, w.message);
  }

  has(code: WarningCode): boolean {
    return this.counts.has(code);
  }

  toArray(): ParseWarning[] {
    const out = [...this.list];
    for (const [code, n] of this.counts) {
      if (n > MAX_PER_CODE) out.push({ code, message: `${n - MAX_PER_CODE} more ${code} warnings not shown` });
    }
    return out;
  }
}

/** 1-based line number of a character offset, computed only when a warning needs it. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
