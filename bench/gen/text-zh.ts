/**
 * Chinese news-like text from a vocabulary written for this bench. Sentences are assembled from
 * templates (time, place, agency, verb, object, figures) with Chinese punctuation, so the byte
 * mix, word lengths and punctuation resemble a city news site. The meaning is random.
 */
import type { Rng } from './prng.js';
import type { NewsWriter } from './writer.js';

const words = (list: string): readonly string[] => list.trim().split(/\s+/);

const PLACES = words(`北京 上海 广州 深圳 杭州 南京 成都 武汉 西安 重庆 天津 苏州 长沙 郑州 青岛 厦门
  昆明 大连 宁波 合肥 福州 济南 沈阳 兰州 贵阳 南宁 海口 无锡 佛山 东莞 温州 珠海 扬州 洛阳 桂林`);
const DISTRICTS = words(`东城区 西湖区 滨江新区 高新区 老城区 开发区 南湖街道 北站片区 江北新区 临港片区`);
const AGENCIES = words(`市政府 交通运输局 教育局 文化和旅游局 气象台 统计局 市图书馆 博物馆 人民医院
  发展和改革委员会 生态环境局 住房和城乡建设局 科技局 商务局 地铁集团 公交集团 街道办事处 社区居委会
  高新区管委会 市场监督管理局 人力资源和社会保障局 体育局 应急管理局 水务局 园林绿化局 农业农村局
  卫生健康委员会 规划和自然资源局 民政局 消防救援支队 供电公司 自来水公司 城市管理局 税务局`);
const PEOPLE = words(`记者 市民 专家 负责人 工作人员 志愿者 居民 游客 学生 教师 医生 企业家 研究员 司机 乘客
  店主 村民 人大代表 政协委员 经济学家 分析人士 业内人士 馆长 校长 院长 工程师 社区书记 项目经理`);
const SAY = words(`表示 介绍 指出 认为 透露 强调 告诉记者 坦言 说 提到 解释说 补充说`);
const VERBS = words(`推进 完成 启动 发布 召开 举办 开通 建设 改造 提升 优化 加强 推动 落实 扩大 支持 引进
  部署 实施 开展 完善 调整 公布 投入 升级 保障 探索 打造 新增 恢复 规范 整治 试点 评估 研究 协调`);
const OBJECTS = words(`经济 项目 服务 交通 地铁线路 公交线路 道路 桥梁 公园 图书馆 学校 医院 社区 住房 就业
  消费 投资 出口 制造业 新能源汽车 人工智能 数字经济 文化活动 旅游市场 夜间经济 垃圾分类 空气质量
  水资源 防汛工作 养老服务 托育服务 医疗保障 营商环境 基础设施 城市更新 老旧小区 停车位 充电桩 绿道
  体育场馆 科研成果 人才政策 农产品 粮食生产 物价 租金 客流 航班 高铁站 快递业务 网络购物 志愿服务
  公共卫生 心理健康 会议 政策 方案 措施 标准 规划 预算 数据 调查 报告 展览 讲座 阅读活动 书展
  夜市 菜市场 口袋公园 自行车道 人行天桥 地下管网 雨水管道 学位供给 课后服务 社区食堂 家政服务`);
const METRICS = words(`地区生产总值 社会消费品零售总额 客流量 游客人数 进出口总额 新增就业人数 图书借阅量
  地铁日均客运量 新能源汽车销量 快递业务量 财政收入 固定资产投资 居民人均可支配收入 空气优良天数`);
const TIMES = words(`今年以来 近日 上周 昨天 今天上午 本月初 截至目前 去年同期 下半年 第一季度 春节期间
  国庆假期 今年前三个月 日前 当天 未来一周 本周末 今年年底前 明年上半年 近年来 目前`);
const ADVERBS = words(`进一步 持续 稳步 加快 全面 积极 逐步 有效 首次 正式 已经 正在 将 集中 重点 统筹`);
const LINKERS = words(`同时 此外 据了解 据介绍 记者了解到 与此同时 另外 值得一提的是 总体来看 下一步
  按照计划 根据规划 从数据来看 业内人士分析`);
const WEATHER = words(`多云 小雨 晴 阵雨 雷阵雨 阴 中雨 小雪 多云转晴 晴转多云`);
const MEASURES = words(`万人次 亿元 万件 公里 万平方米 万辆`);
const COUNTS = words(`家企业 个项目 所学校 辆公交车 座桥梁 个站点 场活动 个社区 条线路`);
const URGING = words(`尽快 进一步 加快 认真 及时 切实`);
const SURNAMES = words(`王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高 郑 梁 谢 宋 唐 许 韩 冯 邓 曹`);
const GIVEN = words(`伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 华 晨 宇 欣 悦 浩 然 琳 博 雪`);
const CATEGORIES = words(`本地 经济 交通 文化 科技 教育 天气 体育 健康 社会 民生 城建 环境 旅游 财经`);
const SITES = words(`晨江日报 南湖晚报 城市观察 东岸新闻网 今日滨江 都市早报 新城时报 北岭资讯 江城视点 云港新闻`);

const percent = (rng: Rng): string => `${rng.int(1, 39)}.${rng.int(0, 9)}%`;
const amount = (rng: Rng): string => `${rng.int(2, 980)}${rng.pick(MEASURES)}`;
const count = (rng: Rng): string => `${rng.int(2, 300)}${rng.pick(COUNTS)}`;
const money = (rng: Rng): string => `${rng.int(2, 98)}.${rng.int(1, 9)}亿元`;
const clause = (rng: Rng): string =>
  `${rng.pick(PLACES)}${rng.pick(AGENCIES)}${rng.pick(ADVERBS)}${rng.pick(VERBS)}${rng.pick(OBJECTS)}`;

const TEMPLATES: readonly ((rng: Rng) => string)[] = [
  (r) => `${r.pick(TIMES)}，${clause(r)}，${r.pick(OBJECTS)}${r.pick(ADVERBS)}改善。`,
  (r) => `${r.pick(TIMES)}，${r.pick(PLACES)}${r.pick(METRICS)}同比增长${percent(r)}，达到${amount(r)}。`,
  (r) => `${r.pick(AGENCIES)}${r.pick(PEOPLE)}${r.pick(SAY)}，${r.pick(DISTRICTS)}将${r.pick(VERBS)}${r.pick(OBJECTS)}和${r.pick(OBJECTS)}，预计投入${money(r)}。`,
  (r) => `${r.pick(LINKERS)}，${r.pick(PLACES)}在${r.pick(OBJECTS)}、${r.pick(OBJECTS)}和${r.pick(OBJECTS)}等方面${r.pick(ADVERBS)}${r.pick(VERBS)}了相关工作。`,
  (r) => `“${clause(r)}，${r.pick(PEOPLE)}的感受很明显。”${r.pick(PEOPLE)}${r.pick(SURNAMES)}先生${r.pick(SAY)}。`,
  (r) => `${r.pick(PLACES)}气象台预计，${r.pick(TIMES)}全市以${r.pick(WEATHER)}天气为主，最高气温${r.int(12, 36)}摄氏度，最低气温${r.int(-5, 24)}摄氏度。`,
  (r) => `据${r.pick(PEOPLE)}介绍，${r.pick(DISTRICTS)}已有${count(r)}完成${r.pick(OBJECTS)}${r.pick(VERBS)}，${r.pick(METRICS)}比去年提高${r.int(1, 9)}个百分点。`,
  (r) => `${r.pick(TIMES)}，${r.pick(AGENCIES)}召开会议，研究${r.pick(OBJECTS)}、${r.pick(OBJECTS)}等问题，并对下一阶段工作作出部署。`,
  (r) => `不少${r.pick(PEOPLE)}反映，${r.pick(DISTRICTS)}的${r.pick(OBJECTS)}还存在不足，希望有关部门${r.pick(URGING)}${r.pick(VERBS)}。`,
];

export const chineseWriter: NewsWriter = {
  lang: 'zh',
  joiner: '',
  title: (r) =>
    r.chance(0.5)
      ? `${r.pick(PLACES)}${r.pick(ADVERBS)}${r.pick(VERBS)}${r.pick(OBJECTS)}：${r.pick(METRICS)}增长${percent(r)}`
      : `${r.pick(PLACES)}${r.pick(AGENCIES)}${r.pick(VERBS)}${r.pick(OBJECTS)}新${r.pick(['举措', '方案', '规定', '进展', '计划'])}`,
  sentence: (r) => r.pick(TEMPLATES)(r),
  heading: (r) => `${r.pick(OBJECTS)}${r.pick(ADVERBS)}${r.pick(VERBS)}`,
  quote: (r) => `${clause(r)}，这对${r.pick(OBJECTS)}来说是一件好事。`,
  phrase: (r) => `${r.pick(PLACES)}${r.pick(OBJECTS)}`,
  author: (r) => `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.chance(0.6) ? r.pick(GIVEN) : ''}`,
  category: (r) => r.pick(CATEGORIES),
  siteName: (r) => r.pick(SITES),
};
