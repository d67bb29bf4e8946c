/**
 * What each watched article's page does in the watch bench, by its index, shared by the bench
 * and its site process: 60% answer 304 to the ETag they gave, 34% serve the same text without
 * validators (extracted and compared every time), 5% were edited since they were stored, 1% are gone.
 */
export type WatchKind = 'validated' | 'unvalidated' | 'edited' | 'gone';

export function watchKind(index: number): WatchKind {
  const slot = index % 100;
  if (slot < 60) return 'validated';
  if (slot < 94) return 'unvalidated';
  if (slot < 99) return 'edited';
  return 'gone';
}
