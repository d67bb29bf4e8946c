/**
 * Invented news items for encoding tests, one set per language. All text here was written for
 * feedkeeper; none of it is copied. Tests encode these strings with iconv-lite; gen.ts turns them
 * into the small RSS fixtures beside this file.
 */

export interface SampleItem {
  title: string;
  description: string;
}

export interface Sample {
  language: string;
  channelTitle: string;
  items: [SampleItem, SampleItem];
}

export const SIMPLIFIED_CHINESE: Sample = {
  language: 'zh-CN',
  channelTitle: '滨江日报 本地新闻',
  items: [
    {
      title: '市政府公布老城区改造方案 三条街道将改为步行街',
      description:
        '本报讯 记者从市住房和城乡建设局获悉，老城区改造方案于昨日正式公布。根据方案，东门街、西关路和南河巷将在明年春节前改为步行街，' +
        '沿街商铺将统一更换招牌。负责人表示，改造期间公交线路会临时调整，请市民留意公告。',
    },
    {
      title: '暴雨预警升级 全市中小学明日停课一天',
      description:
        '市气象台今天下午将暴雨预警由黄色升级为橙色，预计今晚到明天白天累计降雨量可达一百毫米。市教育局随即发布通知，' +
        '全市中小学和幼儿园明日停课一天，家长可通过学校群了解补课安排。',
    },
  ],
};

export const TRADITIONAL_CHINESE: Sample = {
  language: 'zh-HK',
  channelTitle: '海港時報 港聞',
  items: [
    {
      title: '港鐵新線周末通車 沿線居民歡迎',
      description:
        '港鐵公司宣佈，連接東區與機場的新路線將於本周六上午六時正式通車。首日乘客可免費乘搭，車站內設有臨時服務台解答查詢。' +
        '不少沿線居民表示，新線通車後上班時間可縮短約二十分鐘。',
    },
    {
      title: '颱風逼近 天文台考慮發出八號風球',
      description:
        '天文台表示，颱風「海燕」正以每小時十五公里的速度向本港移動，預計明日清晨最接近本港。天文台呼籲市民做好防風準備，並留意最新天氣消息。',
    },
  ],
};

export const JAPANESE: Sample = {
  language: 'ja',
  channelTitle: '湊町新聞 地域ニュース',
  items: [
    {
      title: '市内の図書館、夜間開館を来月から延長へ',
      description:
        '市教育委員会は、市内五つの図書館で来月から夜間の開館時間を午後九時まで延長すると発表した。仕事帰りの利用者からの要望が多かったという。',
    },
    {
      title: '大雪の影響で新幹線に遅れ　週末の帰省客に影響',
      description:
        '昨夜からの大雪の影響で、東北新幹線の一部列車に最大二時間の遅れが出ている。鉄道会社は、最新の運行情報を確認するよう呼びかけている。',
    },
  ],
};

export const KOREAN: Sample = {
  language: 'ko',
  channelTitle: '한강일보 사회',
  items: [
    {
      title: '서울시, 내년부터 심야 버스 노선 확대',
      description:
        '서울시는 내년 상반기부터 심야 버스 노선을 다섯 개 더 늘린다고 밝혔다. 시 관계자는 늦은 시간에 귀가하는 시민들의 불편을 줄이기 위한 조치라고 설명했다.',
    },
    {
      title: '주말 전국에 비 소식… 기온 크게 떨어져',
      description: '기상청은 이번 주말 전국에 비가 내린 뒤 기온이 크게 떨어질 것으로 예보했다. 특히 산간 지역에는 첫눈이 내릴 가능성도 있다.',
    },
  ],
};

/** Written with the Windows-1252 extras (curly quotes, dashes, €, …) that ISO-8859-1 does not have. */
export const ENGLISH: Sample = {
  language: 'en-GB',
  channelTitle: 'Riverside Courier — Local',
  items: [
    {
      title: 'Council “fast-tracks” café licences for the summer',
      description:
        'The city’s licensing board said on Tuesday that outdoor café permits will be processed within ten days — ' +
        'half the usual time. Owners welcomed the change.',
    },
    {
      title: 'Museum reopens after €2m renovation',
      description:
        'The natural history museum reopens on Saturday with a new gallery for fossils found along the river… ' +
        'Entry remains free for children.',
    },
  ],
};

/** Plain text of a sample, for scoring and sniffing tests that need no markup. */
export function sampleText(sample: Sample): string {
  return [sample.channelTitle, ...sample.items.flatMap((item) => [item.title, item.description])].join('\n');
}
