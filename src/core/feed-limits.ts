/**
 * What a feed's own settings may hold, the same whichever front door sets them (`feedkeeper set`,
 * the reader's settings form, PATCH /api/v1/feeds/:id), so a value one accepts another never
 * refuses. Interval bounds match the global maxIntervalMinutes setting's range (a week).
 */
export const FEED_LIMITS = {
  titleChars: 200,
  tags: 20,
  tagChars: 50,
  intervalMinutes: { min: 1, max: 10_080 },
} as const;
