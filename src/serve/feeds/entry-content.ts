/**
 * What a list row lacks for republishing a row stored before the clean stage existed: its HTML as
 * received, loaded through store.entries.get and cleaned now with the user's rules, so
 * unsanitized HTML is never republished. One point lookup per uncleaned candidate.
 */
import type { Entry } from '../../store/index.js';
import { cleanContentAndText, type ShownContent } from '../content.js';
import type { ServeDeps } from '../deps.js';
import { htmlText } from '../../clean/index.js';

/** Full entries by id, loaded once and reused. */
export class EntryDetails {
  private readonly loaded = new Map<number, Entry | null>();

  constructor(
    private readonly deps: ServeDeps,
    private readonly userId: number,
  ) {}

  async load(ids: readonly number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.loaded.has(id));
    const entries = await Promise.all(missing.map((id) => this.deps.store.entries.get({ userId: this.userId }, id)));
    missing.forEach((id, i) => this.loaded.set(id, entries[i] ?? null));
  }

  /** Sanitized now; null when the entry has vanished since it was listed. */
  cleaned(id: number): ShownContent | null {
    const entry = this.loaded.get(id);
    if (entry === undefined || entry === null) return null;
    // Cleaned since it was listed: nothing to do but read its text.
    const text = entry.contentHtml === null ? null : htmlText(entry.contentHtml);
    return cleanContentAndText({ html: entry.contentHtml, text }, entry.html, entry.link, this.deps.cleanRules);
  }
}
