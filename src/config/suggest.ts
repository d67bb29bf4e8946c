/**
 * "Did you mean …?" for misspelled setting names in config files and environment variables.
 * Names are compared case- and separator-insensitively (`fetch_timeout_seconds` and
 * `FetchTimeoutSeconds` both find `fetchTimeoutSeconds`), and also without their unit suffix,
 * because the usual slip is leaving the unit off (`fetchTimout` → `fetchTimeoutSeconds`).
 */

const UNIT_SUFFIX = /(seconds|minutes|bytes)$/;

/** The candidate closest to `input`, or null when none is close enough to be a likely typo. */
export function suggestName(input: string, candidates: readonly string[]): string | null {
  const wanted = normalize(input);
  let best: { name: string; distance: number } | null = null;
  for (const name of candidates) {
    const full = normalize(name);
    const forms = [full, full.replace(UNIT_SUFFIX, '')].filter((form) => form.length > 0);
    for (const form of forms) {
      const distance = editDistance(wanted, form);
      if (distance <= allowedDistance(form) && (best === null || distance < best.distance)) best = { name, distance };
    }
  }
  return best?.name ?? null;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** One slip per four letters, at least one and at most three. */
function allowedDistance(form: string): number {
  return Math.min(3, Math.max(1, Math.floor(form.length / 4)));
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("prot" → "port"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j - 1) + cost, at(i - 1, j) + 1, at(i, j - 1) + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}
