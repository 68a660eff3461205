import { type Bilingual } from './i18n';
import { normalizeLabel, type Dimension } from './options';
import { type Direction } from './values';

/**
 * The metrics the product understands by name: the seed's metric catalogue (结果指标 / 过程指标 / 客户反馈 /
 * 投入产出), each with its dimension, unit, direction and whether it adds up over the cycle. A Goals or
 * Evaluation row that says 新增客户数 or "New customers" is tied to the Weekly log's numbers, and a row that
 * leaves Dimension, Unit or Direction blank gets the catalogue's.
 */
export type MetricKey =
  | 'new_customers' | 'revenue' | 'visits' | 'leads' | 'lead_conversion' | 'visit_to_lead' | 'total_cost' | 'roi'
  | 'event_participants' | 'acquisition_cost' | 'market_share' | 'avg_order_value' | 'satisfaction'
  | 'repeat_rate' | 'referral_rate' | 'marketing_spend' | 'personnel_cost' | 'channel_commission';

/** What a metric's figures are: counted things, money (in Settings → Currency unit), a percentage or 1:X. */
export type MetricUnit = 'count' | 'money' | 'percent' | 'ratio';

export interface MetricInfo {
  readonly key: MetricKey;
  readonly label: Bilingual;
  readonly dimension: Dimension;
  readonly unit: MetricUnit;
  readonly direction: Direction;
  /** Adds up over the cycle (a total), so while the cycle runs it is compared with the target expected by today. */
  readonly cumulative: boolean;
  readonly synonyms: readonly string[];
}

const m = (
  key: MetricKey, en: string, zh: string, dimension: Dimension, unit: MetricUnit, direction: Direction, cumulative: boolean,
  synonyms: readonly string[],
): MetricInfo => ({ key, label: { en, zh }, dimension, unit, direction, cumulative, synonyms: [en, zh, ...synonyms] });

export const METRICS: readonly MetricInfo[] = [
  m('new_customers', 'New customers', '新增客户数', 'result', 'count', 'higher', true, ['new customer', 'new_customers', '新增客户', '新客户数']),
  m('revenue', 'Revenue', '销售额', 'result', 'money', 'higher', true, ['sales', '营收', '收入']),
  m('market_share', 'Market share', '市场份额', 'result', 'percent', 'higher', false, ['市场占有率']),
  m('lead_conversion', 'Lead conversion rate', '线索转化率', 'result', 'percent', 'higher', false,
    ['lead conversion', 'conversion rate', '客户转化率', '转化率']),
  m('avg_order_value', 'Average order value', '客单价', 'result', 'money', 'higher', false, ['aov', 'average deal size', '平均客单价']),
  m('visits', 'Customer visits', '客户拜访量', 'process', 'count', 'higher', true, ['visits', '拜访量', '拜访']),
  m('leads', 'Leads', '线索量', 'process', 'count', 'higher', true, ['lead count', '线索数']),
  m('visit_to_lead', 'Visit-to-lead rate', '拜访线索转化率', 'process', 'percent', 'higher', false,
    ['visit to lead rate', 'visit-to-lead conversion', 'visit to lead', '拜访转化率', '拜访转线索率']),
  m('acquisition_cost', 'Acquisition cost', '获客成本', 'process', 'money', 'lower', false,
    ['channel acquisition cost', 'customer acquisition cost', 'cost per customer', 'cac', '渠道获客成本', '单客获客成本']),
  m('event_participants', 'Event participants', '活动参与人数', 'process', 'count', 'higher', true, ['event turnout', '活动人数']),
  m('satisfaction', 'Customer satisfaction', '客户满意度', 'feedback', 'percent', 'higher', false, ['satisfaction', '满意度']),
  m('repeat_rate', 'Repeat purchase rate', '重复购买率', 'feedback', 'percent', 'higher', false, ['repeat rate', '复购率']),
  m('referral_rate', 'Referral rate', '转介绍率', 'feedback', 'percent', 'higher', false, ['推荐率']),
  m('marketing_spend', 'Marketing spend', '营销费用', 'input_output', 'money', 'lower', true, ['marketing cost', '营销成本']),
  m('personnel_cost', 'Personnel cost', '人力成本', 'input_output', 'money', 'lower', true, ['staff cost']),
  m('channel_commission', 'Channel commission', '渠道佣金', 'input_output', 'money', 'lower', true, []),
  m('total_cost', 'Total expansion cost', '拓展总成本', 'input_output', 'money', 'lower', true, ['total cost', 'expansion cost', '总成本']),
  m('roi', 'Input-output ratio', '投入产出比', 'input_output', 'ratio', 'higher', false, ['input output ratio', 'roi']),
];

const BY_KEY = new Map(METRICS.map((info) => [info.key, info]));

export function metricInfo(key: MetricKey): MetricInfo {
  return BY_KEY.get(key)!;
}

// Longest first, so "channel acquisition cost" wins over "cost" and "lead conversion rate" over "leads".
const ORDERED: readonly { key: MetricKey; name: string }[] = METRICS
  .flatMap((info) => info.synonyms.map((name) => ({ key: info.key, name: normalizeLabel(name) })))
  .sort((a, b) => b.name.length - a.name.length);

/** The catalogue metric a free-text metric name refers to, or null for a team's own metric. */
export function metricKeyOf(name: string): MetricKey | null {
  const text = normalizeLabel(name);
  if (text === '') return null;
  const hit = ORDERED.find((entry) => text.includes(entry.name));
  return hit ? hit.key : null;
}

/**
 * Names that, anywhere in a metric's name, say it is not a total that adds up (a rate, an average, a ratio) or
 * that lower is better (a cost). The sheet's and the offline template's formulas test the same words (SEARCH),
 * so the rule is stated as "the name contains one of these", which a formula can check exactly.
 */
export function synonymsWhere(test: (info: MetricInfo) => boolean): string[] {
  return [...new Set(METRICS.filter(test).flatMap((info) => info.synonyms))];
}

const NOT_CUMULATIVE = synonymsWhere((info) => !info.cumulative).map(normalizeLabel);
const LOWER_IS_BETTER = synonymsWhere((info) => info.direction === 'lower').map(normalizeLabel);

/** True when the metric's name says it is a rate, an average or a ratio (not a total paced over the cycle). */
export function namesNonCumulative(name: string): boolean {
  const text = normalizeLabel(name);
  return NOT_CUMULATIVE.some((word) => text.includes(word));
}

/** The direction a blank Direction cell means: lower when the name says it is a cost, else higher. */
export function defaultDirection(name: string): Direction {
  const text = normalizeLabel(name);
  return LOWER_IS_BETTER.some((word) => text.includes(word)) ? 'lower' : 'higher';
}

export type WeeklyColumn = 'visits' | 'leads' | 'newCustomers' | 'revenue' | 'cost' | 'eventParticipants';

/** Weekly log columns that add up to a catalogue metric's actual. */
export const WEEKLY_COLUMN_OF: Partial<Record<MetricKey, WeeklyColumn>> = {
  new_customers: 'newCustomers',
  revenue: 'revenue',
  visits: 'visits',
  leads: 'leads',
  total_cost: 'cost',
  event_participants: 'eventParticipants',
};
