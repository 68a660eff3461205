import { Bilingual } from './i18n';

/** Every word on the report's charts (titles, axis titles, legend entries, captions), in both languages. */
export const CT = {
  targetVsActualTitle: { en: 'Target vs actual per metric', zh: '各指标目标与实际' },
  targetVsActualAxis: { en: 'Achievement (% of target)', zh: '达成率（占目标 %）' },
  metricAxis: { en: 'Metric', zh: '指标' },
  targetVsActualCaption: {
    en: 'Each metric as a percentage of its own target, since the metrics have different units. Grey bars: the target (100%); coloured bars: the actual, in the colour of its status in the tables.',
    zh: '由于各指标单位不同，图中均以占各自目标的百分比表示。灰色柱为目标（100%），彩色柱为实际，颜色与表格中的状态一致。',
  },
  capped: {
    en: 'The chart shows the {shown} metrics furthest from their target, of {total}; every metric is in the tables above.',
    zh: '图中仅显示距离目标最远的 {shown} 项指标（共 {total} 项）；全部指标见上文表格。',
  },
  monthlyTitle: { en: '{metric} by month vs monthly target', zh: '月度{metric}与月度目标' },
  monthAxis: { en: 'Month', zh: '月份' },
  monthlyCaption: {
    en: 'Monthly targets from Goals against the monthly totals of the Weekly log.',
    zh: '“目标”中的月度目标与“周报”的月度合计对比。',
  },
  monthsBlank: {
    en: 'No bar for {months}: the Weekly log has no rows in these months yet.',
    zh: '{months} 在“周报”中尚无记录，图中不绘制。',
  },
  pacingTitle: { en: '{metric}: cumulative actual vs expected pace', zh: '{metric}：累计实际与应完成进度' },
  weekAxis: { en: 'Week starting', zh: '周（起始日）' },
  cumulativeAxis: { en: '{metric}, cumulative', zh: '{metric}累计' },
  seriesStatus: { en: '{series}: {status}', zh: '{series}：{status}' },
  seriesCumulative: { en: 'Actual to date', zh: '累计实际' },
  seriesExpected: { en: 'Expected by then', zh: '截至当时应完成' },
  cycleTarget: { en: 'Cycle target {target}', zh: '周期目标 {target}' },
  pacingCaption: {
    en: 'The solid line adds up the Weekly log week by week; the dashed line is what the targets expect by the end of each week (monthly targets, else the cycle target pro rata).',
    zh: '实线为“周报”逐周累计；虚线为截至每周末按目标应完成的数量（有月度目标按月度目标，否则按周期目标按天折算）。',
  },
  costsTitle: { en: 'Costs by channel and acquisition cost per new customer', zh: '各渠道成本与单个新客户获客成本' },
  channelAxis: { en: 'Channel', zh: '渠道' },
  costAxis: { en: 'Cost{unit}', zh: '成本{unit}' },
  acquisitionAxis: { en: 'Acquisition cost per new customer{unit}', zh: '获客成本{unit}' },
  seriesCost: { en: 'Cost', zh: '成本' },
  seriesAcquisition: { en: 'Acquisition cost per new customer', zh: '单个新客户获客成本' },
  unitSuffix: { en: ' ({unit})', zh: '（{unit}）' },
  costsCaption: {
    en: 'Bars: the channel\'s cost lines in Costs; line: that cost divided by the new customers the Weekly log credits to the channel (no point where it logged none).',
    zh: '柱为“投入”中该渠道的费用合计；折线为该费用除以“周报”中该渠道的新增客户数（没有新增客户的渠道不画点）。',
  },
  costsUnattributed: {
    en: 'Costs without a channel, {amount}, are in the totals but not in this chart.',
    zh: '未指定渠道的费用（{amount}）计入合计，但不在此图中。',
  },
  seriesTarget: { en: 'Target', zh: '目标' },
  seriesActual: { en: 'Actual', zh: '实际' },
} as const satisfies Record<string, Bilingual>;
