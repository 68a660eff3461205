/**
 * The evaluation report's charts as chart models (core/chart.ts), built from the report's figures and
 * the Weekly log: target vs actual per metric, monthly actual vs monthly target, the cumulative pace
 * over the cycle's weeks, and costs by channel with the acquisition cost of each channel.
 */
import {
  ACTUAL_SERIES_COLOR, ChartModel, EXPECTED_SERIES_COLOR, RATE_SERIES_COLOR, TARGET_SERIES_COLOR, statusBarColor,
} from './chart';
import { CT } from './chartText';
import type { DocBlock } from './document';
import { formatNumber } from './format';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { MonthlyTarget, Status, expectedToDate, proRataExpected } from './metrics';
import { METRIC_STATUS } from './options';
import type { TimeContext, WeeklyEntry, Workbook } from './model';
import type { ReportFigures } from './report';
import { furthestFromTarget } from './reportFigureText';
import { Day, isoFromDay, weekdayOf } from './values';

const t = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);

/** Metrics in the target-vs-actual chart; beyond this, the ones furthest from target and a note. */
export const CHART_METRICS_SHOWN = 20;

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** One legend entry per status the points show, in the vocabulary's order: "Actual: on target", "Actual: at risk". */
function statusLegend(series: string, statuses: readonly Status[], lang: Lang): { name: string; color: string }[] {
  const present = new Set(statuses);
  return METRIC_STATUS.options.filter((o) => present.has(o.key)).map((o) => ({
    name: t(CT.seriesStatus, lang, { series, status: lang === 'en' ? o.label.en.toLowerCase() : o.label.zh }),
    color: statusBarColor(o.key),
  }));
}

function unitSuffix(unit: string, lang: Lang): string {
  return unit.trim() === '' ? '' : t(CT.unitSuffix, lang, { unit: unit.trim() });
}

/** Target vs actual per metric, each as % of its own target (the metrics have different units). */
export function targetVsActualChart(f: ReportFigures, lang: Lang): { chart: ChartModel; shown: number; total: number } | null {
  const rated = f.metrics.filter((m) => m.achievement !== null);
  if (rated.length === 0) return null;
  // A chart of 200 bars is unreadable: at most CHART_METRICS_SHOWN, those furthest from target.
  const shown = furthestFromTarget(rated, CHART_METRICS_SHOWN);
  return {
    shown: shown.length,
    total: rated.length,
    chart: {
      id: 'targetVsActual',
      title: pick(CT.targetVsActualTitle, lang),
      categories: shown.map((m) => m.metric),
      categoryAxis: { title: pick(CT.metricAxis, lang) },
      valueAxis: { title: pick(CT.targetVsActualAxis, lang) },
      series: [
        { name: pick(CT.seriesTarget, lang), values: shown.map(() => 100), type: 'bar', role: 'target', color: TARGET_SERIES_COLOR, labels: false, axis: 'primary' },
        {
          name: pick(CT.seriesActual, lang), values: shown.map((m) => round1((m.achievement ?? 0) * 100)), type: 'bar', role: 'actual',
          color: ACTUAL_SERIES_COLOR, pointColors: shown.map((m) => statusBarColor(m.status)), labels: true, labelSuffix: '%', axis: 'primary',
          pointLegend: statusLegend(pick(CT.seriesActual, lang), shown.map((m) => m.status), lang),
        },
      ],
      caption: pick(CT.targetVsActualCaption, lang),
    },
  };
}

/** The first monthly metric (new customers first): monthly actual vs monthly target. */
export function monthlyChart(f: ReportFigures, lang: Lang): { chart: ChartModel; blankMonths: string[] } | null {
  const group = f.monthly[0];
  if (!group) return null;
  const unit = f.metrics.find((m) => m.metricKey === group.metricKey)?.unit ?? '';
  return {
    blankMonths: group.months.filter((m) => m.actual === null).map((m) => m.month),
    chart: {
      id: 'monthly',
      title: t(CT.monthlyTitle, lang, { metric: group.metric }),
      categories: group.months.map((m) => m.month),
      categoryAxis: { title: pick(CT.monthAxis, lang) },
      valueAxis: { title: `${group.metric}${unitSuffix(unit, lang)}` },
      series: [
        { name: pick(CT.seriesTarget, lang), values: group.months.map((m) => m.target), type: 'bar', role: 'target', color: TARGET_SERIES_COLOR, labels: true, axis: 'primary' },
        {
          name: pick(CT.seriesActual, lang), values: group.months.map((m) => m.actual), type: 'bar', role: 'actual', color: ACTUAL_SERIES_COLOR,
          pointColors: group.months.map((m) => (m.actual === null ? null : statusBarColor(m.status))), labels: true, axis: 'primary',
          pointLegend: statusLegend(pick(CT.seriesActual, lang), group.months.filter((m) => m.actual !== null).map((m) => m.status), lang),
        },
      ],
      caption: pick(CT.monthlyCaption, lang),
    },
  };
}

type WeeklyColumn = 'newCustomers' | 'revenue' | 'visits' | 'leads' | 'eventParticipants';
const PACED: readonly { key: 'new_customers' | 'revenue' | 'visits'; column: WeeklyColumn }[] = [
  { key: 'new_customers', column: 'newCustomers' }, { key: 'revenue', column: 'revenue' }, { key: 'visits', column: 'visits' },
];

/** The Monday on or before a day. */
function mondayOf(day: Day): Day {
  return day - ((weekdayOf(day) + 6) % 7);
}

/**
 * Cumulative actual against the expected pace over the cycle's weeks, for the first cumulative metric
 * with a target (new customers, else revenue, else visits): a point at the end of each calendar week.
 * Weeks after the report's day have no actual point.
 */
export function pacingChart(workbook: Workbook, f: ReportFigures, time: TimeContext, lang: Lang): ChartModel | null {
  const { cycleStart, cycleEnd } = workbook.settings;
  if (cycleStart === null || cycleEnd === null || cycleEnd < cycleStart) return null;
  const chosen = PACED.map((p) => ({ ...p, metric: f.metrics.find((m) => m.metricKey === p.key && m.target !== null) }))
    .find((p) => p.metric !== undefined && workbook.weekly.some((w) => w[p.column] !== null));
  if (!chosen || !chosen.metric) return null;
  const metric = chosen.metric;
  const target = metric.target!;
  const monthly: MonthlyTarget[] = workbook.goals
    .flatMap((g) => (g.metricKey === chosen.key && g.period?.kind === 'month' && g.target !== null ? [{ month: g.period.month, target: g.target }] : []));
  const expectedBy = (day: Day): number => (monthly.length > 0 ? expectedToDate(monthly, day) : proRataExpected(target, cycleStart, cycleEnd, day));
  const entries = workbook.weekly.filter((w): w is WeeklyEntry & { week: Day } => w.week !== null && w[chosen.column] !== null);
  const categories: string[] = [];
  const actual: (number | null)[] = [];
  const expected: number[] = [];
  for (let monday = mondayOf(cycleStart); monday <= cycleEnd; monday += 7) {
    const end = Math.min(monday + 6, cycleEnd);
    categories.push(isoFromDay(Math.max(monday, cycleStart)).slice(5));
    expected.push(round1(expectedBy(end)));
    actual.push(monday > time.today ? null : entries.filter((w) => w.week <= end).reduce((sum, w) => sum + (w[chosen.column] ?? 0), 0));
  }
  const unit = unitSuffix(metric.unit, lang);
  return {
    id: 'pacing',
    title: t(CT.pacingTitle, lang, { metric: metric.metric }),
    categories,
    categoryAxis: { title: pick(CT.weekAxis, lang) },
    valueAxis: { title: `${t(CT.cumulativeAxis, lang, { metric: metric.metric })}${unit}` },
    series: [
      { name: pick(CT.seriesExpected, lang), values: expected, type: 'line', role: 'expected', color: EXPECTED_SERIES_COLOR, labels: false, axis: 'primary', dashed: true },
      { name: pick(CT.seriesCumulative, lang), values: actual, type: 'line', role: 'actual', color: statusBarColor(metric.status), labels: true, axis: 'primary' },
    ],
    referenceLine: { value: target, label: t(CT.cycleTarget, lang, { target: formatNumber(target) }) },
    caption: pick(CT.pacingCaption, lang),
  };
}

const sameChannel = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Costs per channel (Costs) with the acquisition cost per new customer of each channel (Weekly log). */
export function costsChart(workbook: Workbook, f: ReportFigures, lang: Lang): { chart: ChartModel; unattributed: number } | null {
  const io = f.inputOutput;
  const channels = io.costByChannel.filter((c) => c.channel.trim() !== '');
  if (channels.length === 0) return null;
  const customersOf = (channel: string): number | null => {
    const rows = workbook.weekly.filter((w) => sameChannel(w.channel, channel) && w.newCustomers !== null);
    return rows.length === 0 ? null : rows.reduce((sum, w) => sum + (w.newCustomers ?? 0), 0);
  };
  const acquisition = channels.map((c) => {
    const customers = customersOf(c.channel);
    return customers === null || customers <= 0 ? null : Math.round((c.amount / customers) * 100) / 100;
  });
  const unit = unitSuffix(io.currencyUnit, lang);
  const unattributed = io.costByChannel.filter((c) => c.channel.trim() === '').reduce((a, c) => a + c.amount, 0);
  const hasRate = acquisition.some((a) => a !== null);
  return {
    unattributed,
    chart: {
      id: 'costs',
      title: pick(CT.costsTitle, lang),
      categories: channels.map((c) => c.channel),
      categoryAxis: { title: pick(CT.channelAxis, lang) },
      valueAxis: { title: t(CT.costAxis, lang, { unit }) },
      ...(hasRate ? { secondaryAxis: { title: t(CT.acquisitionAxis, lang, { unit }) } } : {}),
      series: [
        { name: pick(CT.seriesCost, lang), values: channels.map((c) => c.amount), type: 'bar', role: 'cost', color: ACTUAL_SERIES_COLOR, labels: true, axis: 'primary' },
        ...(hasRate
          ? [{ name: pick(CT.seriesAcquisition, lang), values: acquisition, type: 'line' as const, role: 'rate' as const, color: RATE_SERIES_COLOR, labels: true, axis: 'secondary' as const }]
          : []),
      ],
      caption: pick(CT.costsCaption, lang),
    },
  };
}

/** The Charts section's blocks: each chart with its notes, or a "no data" line where a chart cannot be drawn. */
export function chartBlocks(
  workbook: Workbook, f: ReportFigures, time: TimeContext, lang: Lang, noData: (what: string) => DocBlock, noDataWhat: { metrics: string; monthly: string },
): { blocks: DocBlock[]; hasData: boolean } {
  const blocks: DocBlock[] = [];
  const note = (text: string): DocBlock => ({ kind: 'paragraph', style: 'note', text });
  const first = targetVsActualChart(f, lang);
  if (first) {
    blocks.push({ kind: 'chart', chart: first.chart });
    if (first.shown < first.total) blocks.push(note(t(CT.capped, lang, { shown: first.shown, total: first.total })));
  } else {
    blocks.push(noData(noDataWhat.metrics));
  }
  const monthly = monthlyChart(f, lang);
  if (monthly) {
    blocks.push({ kind: 'chart', chart: monthly.chart });
    if (monthly.blankMonths.length > 0) blocks.push(note(t(CT.monthsBlank, lang, { months: joinList(monthly.blankMonths, lang) })));
  } else {
    blocks.push(noData(noDataWhat.monthly));
  }
  const pacing = pacingChart(workbook, f, time, lang);
  if (pacing) blocks.push({ kind: 'chart', chart: pacing });
  const costs = costsChart(workbook, f, lang);
  if (costs) {
    blocks.push({ kind: 'chart', chart: costs.chart });
    if (costs.unattributed > 0) {
      const unit = f.inputOutput.currencyUnit;
      const amount = unit === '' ? formatNumber(costs.unattributed) : lang === 'zh-CN' ? `${formatNumber(costs.unattributed)}${unit}` : `${formatNumber(costs.unattributed)} (${unit})`;
      blocks.push(note(t(CT.costsUnattributed, lang, { amount })));
    }
  }
  return { blocks, hasData: first !== null || monthly !== null || pacing !== null || costs !== null };
}
