import { Bilingual, Lang, pick } from './i18n';
import {
  COST_CATEGORY, DIMENSION, DIRECTION, FREQUENCY, OptionSet, RETRO_STATUS, TASK_STATUS, WEEKDAY, WORK_CALENDAR, YES_NO,
  optionLabel,
} from './options';
import { SETTINGS, SettingKey, TABS, TabKey } from './schema';
import { CellValue } from './values';

/**
 * The worked example of the form this product replaces (East China, 2023 Q3), as rows keyed by schema
 * column. Every figure of the seed's three tables is here as the seed states it; the weekly log and the
 * split of the 28 (10k CNY) cost into categories are illustrative, chosen to add up to the seed's totals.
 */
export interface ExampleData {
  readonly settings: Readonly<Partial<Record<SettingKey, CellValue>>>;
  readonly tabs: Readonly<Partial<Record<TabKey, readonly Readonly<Record<string, CellValue>>[]>>>;
}

const t = (en: string, zh: string): Bilingual => ({ en, zh });

function label<K extends string>(set: OptionSet<K>, key: K, lang: Lang): string {
  return pick(optionLabel(set, key), lang);
}

export const EXAMPLE_OWNERS = {
  zhang: t('Zhang*', '张*'), li: t('Li*', '李*'), wang: t('Wang*', '王*'), zhao: t('Zhao*', '赵*'),
} as const;

/** Weekly figures: the seed's quarter totals spread over the weeks (Monday dates) of each month. */
const MONTHS = [
  { weeks: ['2023-07-03', '2023-07-10', '2023-07-17', '2023-07-24', '2023-07-31'], newCustomers: 12, revenue: 60, visits: 80, leads: 150, events: 120 },
  { weeks: ['2023-08-07', '2023-08-14', '2023-08-21', '2023-08-28'], newCustomers: 14, revenue: 65, visits: 70, leads: 110, events: 60 },
  { weeks: ['2023-09-04', '2023-09-11', '2023-09-18', '2023-09-25'], newCustomers: 19, revenue: 90, visits: 70, leads: 115, events: 80 },
];

function spread(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total - base * parts ? 1 : 0));
}

function weeklyRows(lang: Lang): Record<string, CellValue>[] {
  const owners = [EXAMPLE_OWNERS.wang, EXAMPLE_OWNERS.li, EXAMPLE_OWNERS.zhang];
  const channels = [t('Trade shows', '行业展会'), t('Online platforms', '线上获客平台'), t('Partner referrals', '合作伙伴转介绍')];
  const rows: Record<string, CellValue>[] = [];
  for (const month of MONTHS) {
    const n = month.weeks.length;
    const [customers, revenue, visits, leads, events] = [month.newCustomers, month.revenue, month.visits, month.leads, month.events].map((v) => spread(v, n));
    month.weeks.forEach((week, i) => {
      const k = rows.length % owners.length;
      rows.push({
        week, owner: pick(owners[k]!, lang), channel: pick(channels[k]!, lang), visits: visits![i]!, leads: leads![i]!,
        newCustomers: customers![i]!, revenue: revenue![i]!, cost: '', eventParticipants: events![i]!, note: '',
      });
    });
  }
  return rows;
}

export function exampleData(lang: Lang): ExampleData {
  const p = (text: Bilingual): string => pick(text, lang);
  const { zhang, li, wang, zhao } = EXAMPLE_OWNERS;
  return {
    settings: {
      team: p(t('East China sales team', '华东销售团队')),
      region: p(t('East China', '华东区域')),
      cycle: '2023 Q3',
      cycleStart: '2023-07-01',
      cycleEnd: '2023-09-30',
      language: lang === 'zh-CN' ? '简体中文' : 'English',
      currencyUnit: p(t('10k CNY', '万元')),
      reminderWeekday: label(WEEKDAY, 'friday', lang),
      reminderHour: 9,
      remindersOn: label(YES_NO, 'no', lang),
      remindersPaused: label(YES_NO, 'no', lang),
      managerEmails: 'director@example.com',
      atRiskThreshold: 0.8,
      reportFolder: '',
      allowedDomains: 'example.com',
      // What Set up writes on a sheet of this language (the example's figures do not depend on it).
      workCalendar: label(WORK_CALENDAR, lang === 'zh-CN' ? 'cn' : 'none', lang),
    },
    tabs: {
      team: [
        { name: p(zhang), email: 'zhang@example.com', role: p(t('Sales manager', '销售经理')), department: p(t('Sales', '销售部')), reminders: label(YES_NO, 'yes', lang) },
        { name: p(li), email: 'li@example.com', role: p(t('Marketing lead', '市场主管')), department: p(t('Marketing', '市场部')), reminders: label(YES_NO, 'yes', lang) },
        { name: p(wang), email: 'wang@example.com', role: p(t('Regional lead', '区域主管')), department: p(t('Sales', '销售部')), reminders: label(YES_NO, 'yes', lang) },
        { name: p(zhao), email: 'zhao@example.com', role: p(t('After-sales lead', '售后主管')), department: p(t('After-sales', '售后部')), reminders: label(YES_NO, 'yes', lang) },
        { name: p(t('Director', '销售总监')), email: 'director@example.com', role: p(t('Sales director', '销售总监')), department: p(t('Sales', '销售部')), reminders: label(YES_NO, 'no', lang) },
      ],
      goals: [
        { metric: p(t('New customers', '新增客户数')), period: '2023 Q3', target: 50, owner: p(wang), note: p(t('Q3: grow East China revenue by 30% and win 50 new customers', 'Q3华东区域销售额提升30%，新增客户50家')) },
        { metric: p(t('New customers', '新增客户数')), period: '2023-07', target: 15, owner: p(wang), note: '' },
        { metric: p(t('New customers', '新增客户数')), period: '2023-08', target: 18, owner: p(wang), note: '' },
        { metric: p(t('New customers', '新增客户数')), period: '2023-09', target: 17, owner: p(wang), note: '' },
        { metric: p(t('East China revenue', '华东区域销售额')), period: '2023 Q3', target: 200, owner: p(zhang), note: '' },
        { metric: p(t('Customer visits', '客户拜访量')), period: '2023 Q3', target: 200, owner: p(wang), note: '' },
        { metric: p(t('Lead conversion rate', '线索转化率')), period: '2023 Q3', target: '15%', owner: p(li), note: '' },
      ],
      strategy: [
        { channel: p(t('Trade shows', '行业展会')), action: p(t('Exhibit at 3 industry trade shows in July', '7月参加3场行业展会')), budget: 10, staffing: p(t('2 sales + 1 marketing', '销售2人+市场1人')), differentiator: p(t('Customised service', '定制化服务')), owner: p(li) },
        { channel: p(t('Online platforms', '线上获客平台')), action: p(t('Targeted ads for manufacturing SMEs', '面向制造业中小企业精准投放')), budget: 8, staffing: p(t('1 marketing', '市场1人')), differentiator: p(t('Price advantage', '价格优势')), owner: p(li) },
        { channel: p(t('Partner referrals', '合作伙伴转介绍')), action: p(t('Visit 20 key accounts with partners', '与合作伙伴共同拜访20家重点客户')), budget: 5, staffing: p(t('3 sales', '销售3人')), differentiator: p(t('Customised service', '定制化服务')), owner: p(wang) },
      ],
      tracking: [
        { stage: p(t('Plan', '计划')), task: p(t('Research East China manufacturing customers', '华东区域制造业客户调研')), owner: p(zhang), plannedDate: '2023-07-03', status: label(TASK_STATUS, 'done', lang), progress: p(t('Done', '已完成')), problem: p(t("Some companies' data is not transparent", '部分企业数据不透明')), solution: p(t('Obtain it through the industry association', '通过行业协会获取')), nextStep: p(t('Write the Customer Needs Report', '形成《客户需求报告》')), nextStepDue: '', frequency: label(FREQUENCY, 'weekly', lang) },
        { stage: p(t('Execute', '执行')), task: p(t('Exhibit at the Shanghai trade show', '上海行业展会参展')), owner: p(li), plannedDate: '2023-07-10-12', status: label(TASK_STATUS, 'done', lang), progress: p(t('Done, 80 leads collected', '完成，收集线索80条')), problem: p(t('Lead quality is uneven', '线索质量参差不齐')), solution: p(t('Add a company-size screening criterion', '增加“企业规模”筛选维度')), nextStep: p(t('Grade the leads before 15 July', '7月15日前完成线索分级评估')), nextStepDue: '2023-07-15', frequency: label(FREQUENCY, 'daily', lang) },
        { stage: p(t('Execute', '执行')), task: p(t('Follow up new-customer contracts', '新增客户签约跟进')), owner: p(wang), plannedDate: '2023-07-31', status: label(TASK_STATUS, 'in_progress', lang), progress: p(t('12 signed (target 15)', '签约12家（目标15家）')), problem: p(t('3 customers have long decision cycles', '3家客户决策周期长')), solution: p(t('Weekly progress sync and trial support', '每周同步项目进度，提供试用支持')), nextStep: p(t('Get the remaining 2 signed before 10 August', '8月10日前推动剩余2家签约')), nextStepDue: '2023-08-10', frequency: label(FREQUENCY, 'weekly', lang) },
      ],
      weekly: weeklyRows(lang),
      evaluation: [
        { dimension: label(DIMENSION, 'result', lang), metric: p(t('New customers', '新增客户数')), unit: p(t('customers', '家')), direction: label(DIRECTION, 'higher', lang), target: 50, actual: 45, analysis: p(t("A competitor's August promotion delayed 5 customers' signing", '受竞品8月促销活动影响，5家客户延迟签约')) },
        { dimension: label(DIMENSION, 'result', lang), metric: p(t('East China revenue', '华东区域销售额')), unit: p(t('10k CNY', '万元')), direction: label(DIRECTION, 'higher', lang), target: 200, actual: 215, analysis: p(t('Key-industry breakthroughs beat expectations: 2 new major accounts', '重点行业客户突破超预期，新增大客户2家')) },
        { dimension: label(DIMENSION, 'process', lang), metric: p(t('Customer visits', '客户拜访量')), unit: p(t('visits', '家')), direction: label(DIRECTION, 'higher', lang), target: 200, actual: 220, analysis: p(t('Visited prospects more often to lift conversion', '为提升转化率，增加潜在客户拜访频次')) },
        { dimension: label(DIMENSION, 'process', lang), metric: p(t('Lead conversion rate', '线索转化率')), unit: '%', direction: label(DIRECTION, 'higher', lang), target: '15%', actual: '12%', analysis: p(t('Over-strict lead screening lost good leads', '线索筛选标准过严，导致优质线索流失')) },
        { dimension: label(DIMENSION, 'input_output', lang), metric: p(t('Total expansion cost', '拓展总成本')), unit: p(t('10k CNY', '万元')), direction: label(DIRECTION, 'lower', lang), target: 30, actual: 28, analysis: p(t('Optimised online ads; acquisition cost down 5%', '优化线上广告投放，获客成本降低5%')) },
        { dimension: label(DIMENSION, 'input_output', lang), metric: p(t('Input-output ratio (ROI)', '投入产出比')), unit: '1:X', direction: label(DIRECTION, 'higher', lang), target: '1:6', actual: '1:7.7', analysis: p(t('Revenue beat target; returns clearly up', '销售额增长超目标，收益提升明显')) },
      ],
      costs: [
        { category: label(COST_CATEGORY, 'marketing', lang), channel: p(t('Trade shows', '行业展会')), amount: 10, note: p(t('Illustrative split of the seed total (28)', '示例拆分（合计28）')) },
        { category: label(COST_CATEGORY, 'marketing', lang), channel: p(t('Online platforms', '线上获客平台')), amount: 8, note: '' },
        { category: label(COST_CATEGORY, 'personnel', lang), channel: '', amount: 7, note: '' },
        { category: label(COST_CATEGORY, 'channel_commission', lang), channel: p(t('Partner referrals', '合作伙伴转介绍')), amount: 3, note: '' },
      ],
      retrospective: [
        { module: p(t('Strategy effectiveness', '策略有效性')), highlight: p(t('Trade shows acquire precisely: 20% conversion', '行业展会精准获客，转化率达20%')), problem: p(t('Online-channel lead quality is unstable', '线上渠道线索质量不稳定')), suggestion: p(t('Build a lead-to-customer fit scoring model', '建立“线索-客户”匹配度评分模型')), owner: p(li), due: '2023-08-15', status: label(RETRO_STATUS, 'proven', lang) },
        { module: p(t('Teamwork', '团队协作')), highlight: p(t('Joint sales + marketing field push: event turnout 30% over target', '销售+市场部联合地推，活动参与人数超目标30%')), problem: p(t('Follow-up records out of sync, causing duplicate contact', '客户跟进信息不同步，导致重复沟通')), suggestion: p(t('Adopt a CRM to unify follow-up records', '引入CRM系统，统一客户跟进记录')), owner: p(t('Zhang, Zhao', '张、赵')), due: '2023-08-20', status: label(RETRO_STATUS, 'open', lang) },
        { module: p(t('Resource use', '资源利用')), highlight: p(t('Referrals from existing customers are cheapest (200 CNY per customer)', '老客户转介绍成本最低（获客成本200元/家）')), problem: p(t('New-customer development takes too long (45 days on average)', '新客户开发周期过长（平均45天）')), suggestion: p(t('Launch a fast-response package for new customers', '针对新客户推出“快速响应套餐”')), owner: p(wang), due: '2023-09-01', status: label(RETRO_STATUS, 'open', lang) },
      ],
    },
  };
}


/**
 * The example as plain grids in schema column order (header row first), the shape both adapters read:
 * for tests and for building workbooks without a spreadsheet.
 */
export function exampleGrids(lang: Lang): Partial<Record<TabKey, CellValue[][]>> {
  const data = exampleData(lang);
  const grids: Partial<Record<TabKey, CellValue[][]>> = {};
  for (const spec of TABS) {
    const header = spec.columns.map((c) => pick(c.header, lang));
    if (spec.key === 'settings') {
      grids.settings = [header, ...SETTINGS.map((s) => [pick(s.label, lang), data.settings[s.key] ?? s.defaultValue, pick(s.help, lang)])];
      continue;
    }
    const rows = data.tabs[spec.key] ?? [];
    grids[spec.key] = [header, ...rows.map((row) => spec.columns.map((c) => row[c.key] ?? ''))];
  }
  return grids;
}
