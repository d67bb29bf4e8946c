/**
 * The `srcset` micro-syntax: a list of "URL [descriptor]" candidates. URLs may contain commas
 * (image CDNs write `w_300,h_200`), so this follows the HTML standard's reading: the URL runs to
 * the next whitespace, and only a comma after it (or at its very end) separates candidates.
 */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let pos = 0;
  const at = (i: number): string => value.charAt(i);
  while (pos < value.length) {
    while (pos < value.length && (isSpace(at(pos)) || at(pos) === ',')) pos++;
    if (pos >= value.length) break;
    const start = pos;
    while (pos < value.length && !isSpace(at(pos))) pos++;
    let url = value.slice(start, pos);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      if (url !== '') candidates.push({ url, descriptor: '' });
      continue;
    }
    const descriptorStart = pos;
    let depth = 0;
    while (pos < value.length && (at(pos) !== ',' || depth > 0)) {
      if (at(pos) === '(') depth++;
      else if (at(pos) === ')') depth = Math.max(0, depth - 1);
      pos++;
    }
    candidates.push({ url, descriptor: value.slice(descriptorStart, pos).trim().replace(/\s+/g, ' ') });
  }
  return candidates;
}

/**
 * Rewrites every candidate URL with `resolve`; candidates it rejects (null) are left out.
 * Returns null when no candidate is left.
 */
export function rewriteSrcset(value: string, resolve: (url: string) => string | null): string | null {
  const kept: string[] = [];
  for (const { url, descriptor } of parseSrcset(value)) {
    const resolved = resolve(url);
    // A trailing comma would be read back as a separator (URL serializing already escapes spaces).
    if (resolved === null || resolved.endsWith(',')) continue;
    kept.push(descriptor === '' ? resolved : `${resolved} ${descriptor}`);
  }
  return kept.length === 0 ? null : kept.join(', ');
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
}
