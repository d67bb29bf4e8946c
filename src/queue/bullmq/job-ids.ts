/**
 * Our job ids as BullMQ custom ids. BullMQ refuses a custom id that is an integer ("42") or holds
 * ':' (its key separator; only its own three-part repeatable ids may). A fixed prefix makes every
 * id a non-integer, and percent-escaping '%' and ':' keeps the mapping one-to-one, so two of our
 * ids never become one BullMQ id.
 */
export function toBullJobId(jobId: string): string {
  return `id-${jobId.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'))}`;
}
