/**
 * Bytes → text for feeds and pages: decides which encoding to use and says why. Pure: it reads only
 * its arguments. Every recovery from a wrong or missing label is reported as an ENCODING warning.
 *
 * Order of evidence, and why:
 *  1. Byte order mark (UTF-8, UTF-16LE, UTF-16BE). Nothing writes a BOM by accident, and browsers
 *     let it override every label (WHATWG "BOM sniff"). Labels are not even consulted.
 *  2. UTF-16 without a BOM, seen as `<?xml` with a zero byte beside each letter (XML 1.0 Appendix F).
 *     Must come before labels: UTF-16 ASCII is also "valid UTF-8" (zero bytes are legal) and any
 *     8-bit label would happily misread it.
 *  3. Labels, in the order HTTP `charset`, then the document's own declaration (`<?xml encoding>` for
 *     xml; `<meta charset>` / `<meta http-equiv>` in the first 2 KB for html, with the XML declaration
 *     as a fallback for XHTML; for json there is none, RFC 8259 says UTF-8). The server's header is the
 *     protocol's authority (RFC 7303), so it goes first, but real servers send a default charset for
 *     every file (Apache's ISO-8859-1) while the document's author knew the truth. So each label must
 *     fit the bytes (fit.ts): the first that fits wins and any earlier one that did not is reported.
 *     Unknown labels, and UTF-16 labels inside a document we are reading as 8-bit, are ignored with a
 *     warning.
 *  4. No label at all and valid UTF-8 (ASCII included): UTF-8, source 'default', no warning. This is
 *     the common case and costs one native validity check plus one decode.
 *  5. Sniffing, when labels are absent or none fits. Byte-level UTF-8 evidence first, because it is
 *     nearly conclusive: valid UTF-8, or UTF-8 with a few stray bytes (a pasted Windows-1252 quote),
 *     means UTF-8. Otherwise the best-scoring of GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR and
 *     Windows-1252 (sniff.ts), if its text is plausible. This is how a GBK feed declared as UTF-8
 *     comes out as correct Chinese.
 *  6. Nothing fits: decode with the first label anyway (it is still the best evidence), else with the
 *     best sniffed guess. The warning counts the U+FFFD and, for UTF-8, gives the first bad byte offset.
 */
import type { ParseWarning } from '../core/index.js';
import { detectBom, detectUtf16WithoutBom, findXmlDeclarationLabel, type Bom } from './declarations.js';
import { checkFit, countReplacements, decodeAs, type Fit } from './fit.js';
import { isUtf16, normalizeLabel, type CanonicalEncoding } from './labels.js';
import { findMetaCharsetLabel } from './meta-prescan.js';
import { sniffLegacyEncoding } from './sniff.js';
import { decodeUtf8, inspectBytes, type ByteFacts } from './utf8.js';

export type DocKind = 'xml' | 'html' | 'json' | 'text';
export type DecodeSource = 'bom' | 'http' | 'declaration' | 'meta' | 'sniffed' | 'default';

export interface Decoded {
  /** Decoded text, BOM removed. */
  text: string;
  /** Canonical name of the encoding actually used ('utf-8', 'gb18030', 'big5', 'windows-1252', …). */
  encoding: string;
  source: DecodeSource;
  warnings: ParseWarning[];
}

export interface DecodeHints {
  /** The charset parameter of the HTTP Content-Type (see charsetFromContentType). */
  httpCharset?: string | null;
  /** Which in-document declaration to look for; when omitted, both the XML declaration and <meta>. */
  kind?: DocKind;
}

interface Label {
  encoding: CanonicalEncoding;
  raw: string;
  source: 'http' | 'declaration' | 'meta';
}

export function decodeBytes(bytes: Uint8Array, hints: DecodeHints = {}): Decoded {
  const warnings: ParseWarning[] = [];
  const bom = detectBom(bytes);
  if (bom) return decodeWithBom(bytes, bom, warnings);
  const utf16 = detectUtf16WithoutBom(bytes);
  if (utf16) {
    warn(warnings, `${utf16.toUpperCase()} document has no byte order mark; recognised from its XML declaration`);
    return { text: decodeAs(utf16, bytes), encoding: utf16, source: 'declaration', warnings };
  }
  const labels = collectLabels(bytes, hints, warnings);
  const facts = inspectBytes(bytes);
  const misfits: { label: Label; fit: Fit & { fits: false } }[] = [];
  for (const label of labels) {
    const fit = checkFit(label.encoding, bytes, facts);
    if (!fit.fits) {
      misfits.push({ label, fit });
      continue;
    }
    if (misfits.length > 0) warn(warnings, `${describeMisfits(misfits)}; decoded as ${label.encoding} from the ${describeSource(label)} instead`);
    if (fit.replacements > 0) warn(warnings, `${describeLabel(label)}: ${describeReplacements(fit.replacements, label.encoding, facts)}`);
    return { text: fit.text, encoding: label.encoding, source: label.source, warnings };
  }
  if (labels.length === 0 && facts.utf8Valid) {
    return { text: decodeUtf8(bytes), encoding: 'utf-8', source: 'default', warnings };
  }
  const problem = misfits.length > 0 ? describeMisfits(misfits) : describeUnlabelled(facts);
  return decodeBySniffing(bytes, facts, problem, misfits[0], warnings);
}

function decodeWithBom(bytes: Uint8Array, bom: Bom, warnings: ParseWarning[]): Decoded {
  const rest = bytes.subarray(bom.length);
  if (bom.encoding === 'utf-8') {
    const errors = inspectBytes(rest).utf8Errors();
    if (errors) {
      warn(warnings, `UTF-8 byte order mark, but invalid UTF-8 at byte ${errors.firstInvalidOffset + bom.length}; ${describeCount(errors.invalidSequences)} became U+FFFD`);
    }
    return { text: decodeUtf8(rest), encoding: 'utf-8', source: 'bom', warnings };
  }
  if (rest.length % 2 !== 0) warn(warnings, `${bom.encoding.toUpperCase()} document has an odd number of bytes; the last byte was dropped`);
  return { text: decodeAs(bom.encoding, rest), encoding: bom.encoding, source: 'bom', warnings };
}

/** Step 3: HTTP label, then the document's own; unknown and impossible ones are dropped with a warning. */
function collectLabels(bytes: Uint8Array, hints: DecodeHints, warnings: ParseWarning[]): Label[] {
  const labels: Label[] = [];
  const add = (raw: string | null | undefined, source: Label['source']): void => {
    if (raw === null || raw === undefined || raw.trim() === '') return;
    const encoding = normalizeLabel(raw);
    const where = describeSource({ source });
    if (encoding === null) {
      warn(warnings, `${where} names an unknown encoding "${raw}"; ignored`);
    } else if (source !== 'http' && isUtf16(encoding)) {
      warn(warnings, `${where} says "${raw}" but the document is 8-bit (no byte order mark, no zero bytes); ignored`);
    } else if (!labels.some((label) => label.encoding === encoding)) {
      labels.push({ encoding, raw, source });
    }
  };
  add(hints.httpCharset, 'http');
  const declared = findDocumentLabel(bytes, hints.kind);
  if (declared) add(declared.raw, declared.source);
  return labels;
}

function findDocumentLabel(bytes: Uint8Array, kind: DocKind | undefined): { raw: string; source: 'declaration' | 'meta' } | null {
  if (kind === 'json' || kind === 'text') return null;
  const xml = (): { raw: string; source: 'declaration' } | null => {
    const raw = findXmlDeclarationLabel(bytes);
    return raw === null ? null : { raw, source: 'declaration' };
  };
  const meta = (): { raw: string; source: 'meta' } | null => {
    const raw = findMetaCharsetLabel(bytes);
    return raw === null ? null : { raw, source: 'meta' };
  };
  if (kind === 'xml') return xml();
  if (kind === 'html') return meta() ?? xml();
  return xml() ?? meta();
}

/** Steps 5 and 6. */
function decodeBySniffing(
  bytes: Uint8Array,
  facts: ByteFacts,
  problem: string,
  firstMisfit: { label: Label; fit: Fit & { fits: false } } | undefined,
  warnings: ParseWarning[],
): Decoded {
  if (facts.utf8Valid) {
    warn(warnings, `${problem}; sniffed utf-8 (the bytes are valid UTF-8)`);
    return { text: decodeUtf8(bytes), encoding: 'utf-8', source: 'sniffed', warnings };
  }
  if (facts.mostlyUtf8()) {
    warn(warnings, `${problem}; sniffed utf-8: ${describeReplacements(facts.utf8Errors()?.invalidSequences ?? 0, 'utf-8', facts)}`);
    return { text: decodeUtf8(bytes), encoding: 'utf-8', source: 'sniffed', warnings };
  }
  const sniffed = sniffLegacyEncoding(bytes);
  if (sniffed.plausible) {
    const text = decodeAs(sniffed.encoding, bytes);
    const replacements = countReplacements(text);
    const note = replacements > 0 ? ` (${describeReplacements(replacements, sniffed.encoding, facts)})` : '';
    warn(warnings, `${problem}; sniffed ${sniffed.encoding} from the bytes${note}`);
    return { text, encoding: sniffed.encoding, source: 'sniffed', warnings };
  }
  // Nothing fits: a label is still the best evidence there is (a GBK feed with some corrupt bytes).
  if (firstMisfit) {
    const { label, fit } = firstMisfit;
    const text = fit.text ?? decodeAs(label.encoding, bytes);
    const replacements = label.encoding === 'utf-8' ? (facts.utf8Errors()?.invalidSequences ?? 0) : countReplacements(text);
    warn(warnings, `${problem}; no encoding fits the bytes, decoded as ${label.encoding} anyway: ${describeReplacements(replacements, label.encoding, facts)}`);
    return { text, encoding: label.encoding, source: label.source, warnings };
  }
  const text = decodeAs(sniffed.encoding, bytes);
  const replacements = countReplacements(text);
  warn(warnings, `${problem}; no encoding fits well, best guess ${sniffed.encoding} (score ${sniffed.score.mean.toFixed(2)}): ${describeReplacements(replacements, sniffed.encoding, facts)}`);
  return { text, encoding: sniffed.encoding, source: 'sniffed', warnings };
}

/** "3 invalid sequences became U+FFFD (the first at byte 120)"; the offset only where we know it. */
function describeReplacements(count: number, encoding: CanonicalEncoding, facts: ByteFacts): string {
  const first = encoding === 'utf-8' ? facts.utf8Errors()?.firstInvalidOffset : undefined;
  const where = first === undefined ? '' : ` (the first at byte ${first})`;
  return `${describeCount(count)} became U+FFFD${where}`;
}

function describeCount(count: number): string {
  return `${count} invalid ${count === 1 ? 'sequence' : 'sequences'}`;
}

function describeSource(label: Pick<Label, 'source'>): string {
  switch (label.source) {
    case 'http':
      return 'HTTP charset';
    case 'declaration':
      return 'XML declaration';
    case 'meta':
      return '<meta> charset';
  }
}

function describeLabel(label: Label): string {
  const alias = normalizedAlias(label);
  return `${describeSource(label)} "${label.raw}"${alias}`;
}

function normalizedAlias(label: Label): string {
  return label.raw.trim().toLowerCase() === label.encoding ? '' : ` (${label.encoding})`;
}

function describeMisfits(misfits: readonly { label: Label; fit: { reason: string } }[]): string {
  return misfits.map(({ label, fit }) => `${describeLabel(label)} does not fit the bytes: ${fit.reason}`).join('; ');
}

function describeUnlabelled(facts: ByteFacts): string {
  const errors = facts.utf8Errors();
  return `no charset label and the bytes are not UTF-8 (first invalid sequence at byte ${errors?.firstInvalidOffset ?? 0})`;
}

function warn(warnings: ParseWarning[], message: string): void {
  warnings.push({ code: 'ENCODING', message });
}
