/**
 * Diffs two revision texts into runs of same / inserted / deleted text for the reader, and counts
 * what changed. Owns the cost guard: a diff of two long, very different revisions must still
 * finish quickly and stay correct. Pure: no I/O, no clock (limits count edits, not milliseconds,
 * so the same inputs always give the same parts).
 */
import { diffArrays } from 'diff';
import { diffTokens, splitParagraphs } from './tokenize.js';

export type DiffKind = 'same' | 'insert' | 'delete';

/** Joining the `same` and `delete` parts gives the old text; `same` and `insert`, the new one. */
export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface DiffSummary {
  inserted: number;
  deleted: number;
}

// Large-input guard: paragraph-level diff first, then token-level inside the changed paragraphs,
// with jsdiff's `maxEditLength` as the backstop and a whole-region replace when it gives up.
// Myers costs about (N + M) × D: two unrelated 20 KB texts take seconds uncapped. The paragraph
// pass keeps N and M small for each token pass, and the caps bound D where one paragraph is itself
// huge or the texts share nothing. Paragraphs are few (about 700 in a 200 KB article), so their
// pass affords a higher cap: an edit in every paragraph of a long article still diffs in place.
// Caps count edits rather than using jsdiff's `timeout`, so results do not depend on machine speed.
const PARAGRAPH_FIRST_TOKENS = 20_000;
const MAX_TOKEN_EDITS = 2_000;
const MAX_PARAGRAPH_EDITS = 10_000;

export function diffText(before: string, after: string): DiffPart[] {
  const oldTokens = diffTokens(before);
  const newTokens = diffTokens(after);
  const direct =
    oldTokens.length > PARAGRAPH_FIRST_TOKENS && newTokens.length > PARAGRAPH_FIRST_TOKENS
      ? undefined
      : diffTokenArrays(oldTokens, newTokens);
  return mergeParts(direct ?? diffByParagraph(before, after));
}

export function summarizeDiff(parts: readonly DiffPart[]): DiffSummary {
  const summary: DiffSummary = { inserted: 0, deleted: 0 };
  for (const part of parts) {
    if (part.kind === 'insert') summary.inserted += countVisibleCodePoints(part.text);
    if (part.kind === 'delete') summary.deleted += countVisibleCodePoints(part.text);
  }
  return summary;
}

/** Token-level diff, or undefined when the edit distance passes the cap. */
function diffTokenArrays(oldTokens: string[], newTokens: string[]): DiffPart[] | undefined {
  const changes = diffArrays(oldTokens, newTokens, { maxEditLength: MAX_TOKEN_EDITS });
  return changes?.map((change) => ({
    kind: change.added ? 'insert' : change.removed ? 'delete' : 'same',
    text: change.value.join(''),
  }));
}

function diffByParagraph(before: string, after: string): DiffPart[] {
  const changes = diffArrays(splitParagraphs(before), splitParagraphs(after), { maxEditLength: MAX_PARAGRAPH_EDITS });
  if (!changes) return replaceWhole(before, after);
  const parts: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flushChangedRegion = () => {
    if (deleted !== '' || inserted !== '') parts.push(...diffChangedRegion(deleted, inserted));
    deleted = inserted = '';
  };
  for (const change of changes) {
    const text = change.value.join('');
    if (change.removed) deleted += text;
    else if (change.added) inserted += text;
    else {
      flushChangedRegion();
      parts.push({ kind: 'same', text });
    }
  }
  flushChangedRegion();
  return parts;
}

function diffChangedRegion(deleted: string, inserted: string): DiffPart[] {
  if (deleted === '' || inserted === '') return replaceWhole(deleted, inserted);
  return diffTokenArrays(diffTokens(deleted), diffTokens(inserted)) ?? replaceWhole(deleted, inserted);
}

function replaceWhole(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  if (before !== '') parts.push({ kind: 'delete', text: before });
  if (after !== '') parts.push({ kind: 'insert', text: after });
  return parts;
}

/** Joins neighbours of the same kind and drops empty parts. */
function mergeParts(parts: readonly DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = merged.at(-1);
    if (last?.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

function countVisibleCodePoints(text: string): number {
  let count = 0;
  for (const ch of text) if (!/\s/u.test(ch)) count++;
  return count;
}
