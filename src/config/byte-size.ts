/**
 * Byte sizes as people write them in settings: a plain count of bytes (`1048576`) or a number
 * with a unit (`512KiB`, `20MB`, `1.5 GiB`). Units are case-insensitive. KiB/MiB/GiB are powers
 * of 1024 and KB/MB/GB powers of 1000, as the standards say; the bare letters K/M/G are read as
 * 1024-based because that is what nginx, Docker and systemd mean by them.
 */

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
};

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/** Bytes for `text`, or null when it is not a size. Fractions are allowed with a unit and rounded to a whole byte. */
export function parseByteSize(text: string): number | null {
  const match = SIZE.exec(text);
  if (!match) return null;
  const [, digits = '', unitText = ''] = match;
  const unit = UNITS[unitText.toLowerCase()];
  if (unit === undefined) return null;
  const amount = Number(digits);
  // "1.5" bytes is not a size; "1.5KiB" is 1536 bytes.
  if (unit === 1 && !Number.isInteger(amount)) return null;
  const bytes = Math.round(amount * unit);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** The shortest exact form: `20 MiB`, `1 KiB`, `1000 bytes`. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}
