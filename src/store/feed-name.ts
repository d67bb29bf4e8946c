/** The name people see for a feed, everywhere: the user's title, else the feed's own, else its URL. */
export function feedName(feed: { titleOverride?: string | null; title: string | null; url: string }): string {
  return feed.titleOverride ?? feed.title ?? feed.url;
}
