import { normalizeLabel } from './options';

/**
 * Metrics the product understands by name (the seed's metric catalogue), so a Goals or Evaluation row
 * that says 新增客户数 or "New customers" can be tied to the Weekly log's numbers.
 */
export type MetricKey =
  | 'new_customers' | 'revenue' | 'visits' | 'leads' | 'lead_conversion' | 'total_cost' | 'roi'
  | 'event_participants' | 'acquisition_cost' | 'market_share' | 'avg_order_value' | 'satisfaction'
  | 'repeat_rate' | 'referral_rate' | 'marketing_spend' | 'personnel_cost' | 'channel_commission';

const SYNONYMS: Readonly<Record<MetricKey, readonly string[]>> = {
  new_customers: ['new customers', 'new customer', 'new_customers', '新增客户数', '新增客户', '新客户数'],
  revenue: ['revenue', 'sales', '销售额', '营收', '收入'],
  visits: ['customer visits', 'visits', '客户拜访量', '拜访量', '拜访'],
  leads: ['leads', 'lead count', '线索量', '线索数'],
  lead_conversion: ['lead conversion rate', 'lead conversion', 'conversion rate', '线索转化率', '客户转化率', '转化率'],
  total_cost: ['total expansion cost', 'total cost', 'expansion cost', '拓展总成本', '总成本'],
  roi: ['input-output ratio', 'input output ratio', 'roi', '投入产出比'],
  event_participants: ['event participants', 'event turnout', '活动参与人数'],
  acquisition_cost: ['channel acquisition cost', 'acquisition cost', 'customer acquisition cost', 'cac', '渠道获客成本', '获客成本'],
  market_share: ['market share', '市场份额'],
  avg_order_value: ['average order value', 'aov', '客单价'],
  satisfaction: ['customer satisfaction', 'satisfaction', '客户满意度', '满意度'],
  repeat_rate: ['repeat purchase rate', 'repeat rate', '重复购买率', '复购率'],
  referral_rate: ['referral rate', '转介绍率'],
  marketing_spend: ['marketing spend', 'marketing cost', '营销费用'],
  personnel_cost: ['personnel cost', 'staff cost', '人力成本'],
  channel_commission: ['channel commission', '渠道佣金'],
};

// Longest first, so "channel acquisition cost" wins over "cost" and "lead conversion rate" over "leads".
const ORDERED: readonly { key: MetricKey; name: string }[] = (Object.keys(SYNONYMS) as MetricKey[])
  .flatMap((key) => SYNONYMS[key].map((name) => ({ key, name: normalizeLabel(name) })))
  .sort((a, b) => b.name.length - a.name.length);

/** The catalogue metric a free-text metric name refers to, or null for a team's own metric. */
export function metricKeyOf(name: string): MetricKey | null {
  const text = normalizeLabel(name);
  if (text === '') return null;
  const hit = ORDERED.find((entry) => text.includes(entry.name));
  return hit ? hit.key : null;
}

/** Weekly log columns that add up to a catalogue metric's actual. */
export const WEEKLY_COLUMN_OF: Partial<Record<MetricKey, 'visits' | 'leads' | 'newCustomers' | 'revenue' | 'cost' | 'eventParticipants'>> = {
  new_customers: 'newCustomers',
  revenue: 'revenue',
  visits: 'visits',
  leads: 'leads',
  total_cost: 'cost',
  event_participants: 'eventParticipants',
};
