/** Small feeds for ingest tests, written by us. `rss(items)` builds an RSS 2.0 document. */
export interface TestItem { guid: string; title: string; body: string; date: string }

export const STORIES: TestItem[] = [
  { guid: 'https://city.example.cn/news/1', title: '城市图书馆延长夜间开放', body: '<p>自下月起每周五开放至晚上十点。</p>', date: 'Wed, 31 Jan 2024 11:33:00 GMT' },
  { guid: 'https://city.example.cn/news/2', title: '地铁四号线南延段试运行', body: '<p>南延段全长八公里，设五座车站。</p>', date: 'Wed, 31 Jan 2024 09:00:00 GMT' },
  { guid: 'https://city.example.cn/news/3', title: '周末气温回升', body: '<p>气象台预计周末最高气温十八度。</p>', date: 'Tue, 30 Jan 2024 22:00:00 GMT' },
];

export function rss(items: readonly TestItem[], extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>城市新闻</title><link>https://city.example.cn/</link><language>zh-cn</language>${extra}${items
    .map((i) => `<item><guid>${i.guid}</guid><link>${i.guid}</link><title>${i.title}</title><pubDate>${i.date}</pubDate><description><![CDATA[${i.body}]]></description></item>`)
    .join('')}</channel></rss>`;
}
