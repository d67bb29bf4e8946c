/**
 * Revision diffs for the reader: which text of an article changed between two stored revisions,
 * character by character in CJK text and word by word elsewhere, and that diff as HTML. Titles
 * diff with the same `diffText` call as bodies. Pure: texts in, parts and strings out; no I/O,
 * no store, no config, and no clock.
 */
export { diffText, summarizeDiff } from './diff-text.js';
export type { DiffPart } from './diff-text.js';
export { renderDiffHtml } from './render.js';
