/**
 * The evaluation report (《市场拓展效果评估报告》) as a plain model: sections of headings, paragraphs,
 * tables, key figures and chart data, in one language. Renderers (Google Doc, .docx) only lay it out.
 *
 * Every number is recomputed here from the plain rows with the core definitions (metrics.ts): the
 * Achievement and Status columns of the sheet are formulas a person may have overwritten, so they are
 * never read.
 */
import { formatNumber, formatPercent } from './format';
import { WEEKLY_COLUMN_OF, MetricKey } from './catalogue';
import { isTaskOverdue, taskDueDay } from './checks';
import { evaluateMetrics, type MetricFigure } from './evaluation';
import { Bilingual, Lang, fill, joinClauses, joinList, pick } from './i18n';
import {
  CyclePhase, Status, achievementRate, isBehind, isOnTarget, netRoi, quotientOf, ratioLabel, statusOf,
} from './metrics';
import { TimeContext, Workbook } from './model';
import { teamMonthlyTargets, goalTargets } from './targets';
import { convertUnit, kindOf, moneyUnit, type ValueKind } from './units';
import { COST_CATEGORY, DIMENSION, Dimension, METRIC_STATUS, RETRO_STATUS, optionLabel } from './options';
import { Problem } from './problems';
import { CONCLUSION_TITLE, buildConclusion, conclusionBlocks } from './conclusion';
import { ChannelComparison, ChannelPerformance, ChannelRanking, channelPerformance } from './channelPerformance';
import type { Figure, FunnelFigures } from './derived';
import { OwnerPerformance, lastCheckInText, ownerPerformance } from './ownerPerformance';
import type { DocBlock, DocCell } from './document';
import { chartBlocks } from './reportCharts';
import { formatValue, furthestFromTarget, gapText, inSentence } from './reportFigureText';
import { RT } from './reportText';
import { Snapshot } from './history';
import { resourcesSection, trendsSection } from './reportWeekly';
import { TABS, TabKey, tabSpec } from './schema';
import { Day, Direction, dayFromParts, daysInMonth, isoFromDay, utcDayOf } from './values';
import { daysLate, workCalendar } from './workCalendar';

// ---------------------------------------------------------------------------------------------
// The model

/** A table cell of the report: a document cell (text, and the status that colours it). */
export type ReportCell = DocCell;

/** The report's blocks are document blocks (core/document.ts): any renderer of a DocModel lays them out. */
export type ReportBlock = DocBlock;

export type SectionId =
  | 'summary' | 'result' | 'process' | 'feedback' | 'inputOutput' | 'targets' | 'charts' | 'trends' | 'execution' | 'resources'
  | 'retrospective' | 'conclusion' | 'quality'
  // The director's roll-up report (rollupReport.ts).
  | 'rollupRegions' | 'rollupMetrics' | 'rollupAttention' | 'rollupMethod'
  // The strategy plan, the weekly tracking sheet and the playbook manual (planDocument.ts, weeklySheet.ts, playbookManual.ts).
  | 'planOverview' | 'planTargets' | 'planStrategy' | 'planLessons' | 'planReview'
  | 'weeklyAttention' | 'weeklyTasks' | 'weeklyNumbers' | 'weeklyChanges'
  | 'manualIntro' | 'manualPractices';

export const SECTION_ORDER: readonly SectionId[] = [
  'summary', 'result', 'process', 'feedback', 'inputOutput', 'targets', 'charts', 'trends', 'execution', 'resources', 'retrospective',
  'conclusion', 'quality',
];

export interface ReportSection {
  readonly id: SectionId;
  readonly title: string;
  /** False when the section only says that there is no data. */
  readonly hasData: boolean;
  readonly blocks: readonly ReportBlock[];
}

export type { MetricFigure, ValueKind };

export interface InputOutputFigures {
  readonly totalCost: number | null;
  readonly revenue: number | null;
  /** revenue ÷ cost (the X of 1:X). */
  readonly ratio: number | null;
  readonly ratioLabel: string;
  /** (revenue − cost) ÷ cost. */
  readonly netRoi: number | null;
  readonly budget: number | null;
  readonly newCustomers: number | null;
  readonly acquisitionCost: number | null;
  readonly costByCategory: readonly { readonly category: string | null; readonly amount: number }[];
  readonly costByChannel: readonly { readonly channel: string; readonly amount: number }[];
  readonly costLines: number;
  /** Where total cost and revenue came from (the report's "how it is computed" column). */
  readonly costFrom: 'evaluation' | 'costs' | 'weekly';
  readonly revenueFrom: 'evaluation' | 'weekly';
  /** Settings → Currency unit (e.g. 10k CNY / 万元): the unit of cost, budget, revenue and acquisition cost; '' when not set. */
  readonly currencyUnit: string;
}

export interface MonthlyFigure {
  readonly metric: string;
  readonly metricKey: MetricKey;
  readonly months: readonly MonthFigure[];
}

export interface MonthFigure {
  readonly month: string;
  readonly target: number;
  /** Null when the month has no data yet (not started, or no Weekly log rows dated in it): drawn as no bar, not as 0. */
  readonly actual: number | null;
  /** True when the Weekly log has rows dated in this month. */
  readonly logged: boolean;
  readonly achievement: number | null;
  readonly status: Status;
}

export interface TaskOwnerFigure {
  readonly owner: string;
  readonly total: number;
  readonly done: number;
  readonly open: number;
  readonly overdue: number;
}

export interface ReportFigures {
  readonly cycle: string;
  readonly region: string;
  readonly team: string;
  readonly asOf: string;
  readonly running: boolean;
  readonly phase: CyclePhase;
  readonly metrics: readonly MetricFigure[];
  readonly inputOutput: InputOutputFigures;
  readonly monthly: readonly MonthlyFigure[];
  readonly tasksByOwner: readonly TaskOwnerFigure[];
  readonly tasks: { readonly total: number; readonly done: number; readonly open: number; readonly overdue: number };
  /** Each channel's funnel against the Strategy tab's plan, best and worst channels (channelPerformance.ts). */
  readonly channels: ChannelComparison;
  /** Each owner's targets, open and overdue tasks and last check-in (ownerPerformance.ts). */
  readonly owners: readonly OwnerPerformance[];
}

export interface ReportModel {
  readonly lang: Lang;
  readonly title: string;
  /** `<cycle> <region> — <title>`; a renderer adds ` v2`, ` v3` for later runs. */
  readonly documentName: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  readonly figures: ReportFigures;
  readonly problemCount: number;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const t = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);

function statusText(status: Status, lang: Lang): string {
  return pick(optionLabel(METRIC_STATUS, status), lang);
}

function metricLabel(m: { metric: string; unit: string }, lang: Lang): string {
  const unit = m.unit.trim();
  if (unit === '' || m.metric.includes(unit)) return m.metric;
  return lang === 'zh-CN' ? `${m.metric}（${unit}）` : `${m.metric} (${unit})`;
}

/** A money figure's label with Settings → Currency unit: "Total cost (10k CNY)", "拓展总成本（万元）". */
function moneyLabel(label: Bilingual, io: InputOutputFigures, lang: Lang): string {
  return metricLabel({ metric: pick(label, lang), unit: io.currencyUnit }, lang);
}

/** ", in 10k CNY" / "，单位：万元" after money figures in a sentence; '' when no currency unit is set. */
function inUnit(io: InputOutputFigures, lang: Lang): string {
  return io.currencyUnit === '' ? '' : t(RT.inUnit, lang, { unit: io.currencyUnit });
}

function sentenceEnd(lang: Lang): string {
  return lang === 'zh-CN' ? '。' : '.';
}

function ownersText(owners: readonly string[], lang: Lang): string {
  return joinList(owners, lang);
}

// ---------------------------------------------------------------------------------------------
// Figures

function sumOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

const differs = (a: number, b: number): boolean => Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every figure of the report, computed from the plain rows (evaluation.ts for the metrics and totals). */
export function computeFigures(workbook: Workbook, time: TimeContext): ReportFigures {
  const { settings, costs } = workbook;
  const threshold = settings.atRiskThreshold;
  const today = time.today;
  const calendar = workCalendar(settings.workCalendar);
  const evaluated = evaluateMetrics(workbook, today);
  const { metrics, funnel, phase } = evaluated;
  const { totalCost, revenue, newCustomers, ratio } = evaluated.inputOutput;

  // Monthly team targets (owners' shares left out) against monthly actuals from the Weekly log (by each week's month).
  const groups = goalTargets(workbook);
  const monthly: MonthlyFigure[] = [];
  const monthlyKeys = [...new Set(groups.filter((g) => g.period.kind === 'month' && g.metricKey !== null).map((g) => g.metricKey!))];
  const byMonth = new Map(funnel.byMonth.map((m) => [m.month, m]));
  for (const key of monthlyKeys) {
    const column = WEEKLY_COLUMN_OF[key];
    const months = teamMonthlyTargets(groups, { metric: '', metricKey: key });
    if (!column || months.length === 0) continue;
    const name = workbook.evaluation.find((e) => e.metricKey === key)?.metric ?? groups.find((g) => g.metricKey === key)?.metric ?? key;
    monthly.push({
      metric: name,
      metricKey: key,
      months: months.map(({ month, target }) => {
        const started = `${month}-01` <= isoFromDay(today);
        const month_ = byMonth.get(month);
        const logged = month_ !== undefined;
        const total = month_?.[column];
        // A month without any Weekly log rows has no data yet: missing, never 0. An unreadable cell: check data.
        const unreadable = total?.unreadable ?? false;
        const actual = !started || !logged || unreadable ? null : (total?.value ?? 0);
        const achievement = achievementRate(actual, target, 'higher');
        const [year = 0, monthNumber = 1] = month.split('-').map(Number);
        const monthEnded = today >= dayFromParts(year, monthNumber, daysInMonth(year, monthNumber));
        return {
          month, target, actual, logged, achievement,
          status: statusOf(unreadable ? 'unreadable' : achievement, monthEnded ? 'ended' : 'running', threshold),
        };
      }),
    });
  }
  monthly.sort((a, b) => (a.metricKey === 'new_customers' ? -1 : 0) - (b.metricKey === 'new_customers' ? -1 : 0));

  // Costs by category and channel.
  const byCategory = new Map<string | null, number>();
  const byChannel = new Map<string, number>();
  for (const line of costs) {
    if (line.amount === null) continue;
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + line.amount);
    byChannel.set(line.channel, (byChannel.get(line.channel) ?? 0) + line.amount);
  }
  const categoryOrder = COST_CATEGORY.options.map((o) => o.key as string | null);
  const costByCategory = [...byCategory].map(([category, amount]) => ({ category, amount }))
    .sort((a, b) => (categoryOrder.indexOf(a.category) + 1 || 99) - (categoryOrder.indexOf(b.category) + 1 || 99));
  const costByChannel = [...byChannel].map(([channel, amount]) => ({ channel, amount }))
    .sort((a, b) => (a.channel === '' ? 1 : 0) - (b.channel === '' ? 1 : 0) || b.amount - a.amount);

  const budgetRow = workbook.evaluation.find((e) => e.metricKey === 'total_cost' && e.invalid.length === 0);
  const strategyBudget = workbook.strategy.some((s) => s.invalid.includes('budget')) ? null : sumOf(workbook.strategy.map((s) => s.budget));
  const budget = budgetRow?.target != null ? convertUnit(budgetRow.target, budgetRow.unitOf, moneyUnit(settings.currencyUnit)) : strategyBudget;

  // Tasks by owner.
  const owners = new Map<string, { total: number; done: number; open: number; overdue: number }>();
  const tasks = { total: 0, done: 0, open: 0, overdue: 0 };
  for (const task of workbook.tasks) {
    const done = task.status === 'done';
    const overdue = isTaskOverdue(task, today, calendar);
    tasks.total++;
    if (done) tasks.done++;
    else tasks.open++;
    if (overdue) tasks.overdue++;
    for (const owner of task.owners.length > 0 ? task.owners : ['']) {
      const entry = owners.get(owner) ?? { total: 0, done: 0, open: 0, overdue: 0 };
      entry.total++;
      if (done) entry.done++;
      else entry.open++;
      if (overdue) entry.overdue++;
      owners.set(owner, entry);
    }
  }

  return {
    cycle: settings.cycle, region: settings.region, team: settings.team, asOf: isoFromDay(today), running: phase === 'running', phase,
    metrics,
    inputOutput: {
      totalCost, revenue, ratio, ratioLabel: ratioLabel(ratio), netRoi: netRoi(revenue, totalCost), budget, newCustomers,
      acquisitionCost: newCustomers !== null && newCustomers > 0 ? quotientOf(totalCost, newCustomers) : null,
      costByCategory, costByChannel, costLines: costs.filter((c) => c.amount !== null).length, currencyUnit: settings.currencyUnit.trim(),
      costFrom: evaluated.inputOutput.costFrom, revenueFrom: evaluated.inputOutput.revenueFrom,
    },
    monthly,
    tasksByOwner: [...owners].map(([owner, c]) => ({ owner, ...c })),
    tasks,
    channels: channelPerformance(workbook, funnel),
    owners: ownerPerformance(workbook, today),
  };
}

// ---------------------------------------------------------------------------------------------
// Sections

function noDataWhat(workbook: Workbook, tab: TabKey, lang: Lang): string {
  const name = pick(tabSpec(tab).name, lang);
  return workbook.missingTabs.includes(tab) ? t(RT.noDataTab, lang, { tab: name }) : t(RT.noDataRows, lang, { tab: name });
}

function noDataParagraph(what: string, lang: Lang): ReportBlock {
  return { kind: 'paragraph', style: 'note', text: t(RT.noData, lang, { what }) };
}

function metricTable(id: string, metrics: readonly MetricFigure[], lang: Lang): ReportBlock {
  return {
    kind: 'table',
    id,
    header: [RT.colMetric, RT.colTarget, RT.colActual, RT.colAchievement, RT.colStatus, RT.colAnalysis].map((h) => pick(h, lang)),
    rows: metrics.map((m) => [
      { text: metricLabel(m, lang) },
      { text: formatValue(m.target, m.kind) },
      { text: m.actualSource === 'computed' && m.actual !== null ? t(RT.computed, lang, { value: formatValue(m.actual, m.kind) }) : formatValue(m.actual, m.kind) },
      { text: m.achievement === null ? '—' : formatPercent(m.achievement) },
      { text: statusText(m.status, lang), status: m.status },
      { text: m.analysis },
    ]),
  };
}

/** One plain sentence for a metric, e.g. "New customers 45 of 50 (90%): 5 short; a competitor's August promotion delayed 5 signings." */
export function metricSentence(m: MetricFigure, lang: Lang): string {
  const params = {
    metric: m.metric, actual: formatValue(m.actual, m.kind), target: formatValue(m.target, m.kind),
    rate: m.achievement === null ? '—' : formatPercent(m.achievement),
  };
  let head: string;
  if (m.actual === null || m.target === null || m.achievement === null) {
    head = t(RT.sumNoRate, lang, params);
  } else if (m.direction === 'lower') {
    const gap = m.actual - m.target;
    head = gap > 0 ? t(RT.sumLowerOver, lang, { ...params, gap: gapText(m, gap, lang) })
      : gap < 0 ? t(RT.sumLowerUnder, lang, { ...params, gap: gapText(m, gap, lang) })
        : t(RT.sumExact, lang, params);
  } else {
    const gap = m.actual - m.target;
    head = !differs(m.actual, m.target) ? t(RT.sumExact, lang, params)
      : gap < 0 ? t(RT.sumShort, lang, { ...params, gap: gapText(m, gap, lang) })
        : t(RT.sumAbove, lang, { ...params, gap: gapText(m, gap, lang) });
  }
  const reason = m.analysis.trim() === '' ? '' : `${lang === 'zh-CN' ? '；' : '; '}${inSentence(m.analysis, lang)}`;
  return `${head}${reason}${sentenceEnd(lang)}`;
}

/** Metric sentences in the summary; beyond this, the ones furthest from target and a note. */
export const SUMMARY_SENTENCES_SHOWN = 10;

function summarySection(f: ReportFigures, lang: Lang, problemCount: number, cycleEnd: Day | null): ReportSection {
  const rated = f.metrics.filter((m) => m.achievement !== null);
  const met = rated.filter((m) => isOnTarget(m.status)).length;
  const atRisk = rated.filter((m) => m.status === 'at_risk').length;
  const off = rated.filter((m) => m.status === 'off_track' || m.status === 'missed').length;
  const checkData = f.metrics.filter((m) => m.status === 'check_data').length;
  const io = f.inputOutput;
  const figures: { label: string; value: string; status?: Status }[] = [];
  const headline = (key: MetricKey, label: Bilingual): void => {
    const m = f.metrics.find((x) => x.metricKey === key);
    if (!m || m.actual === null) return;
    const rate = m.achievement === null ? '' : ` (${formatPercent(m.achievement)})`;
    const value = m.target === null ? formatValue(m.actual, m.kind) : `${formatValue(m.actual, m.kind)} / ${formatValue(m.target, m.kind)}${rate}`;
    figures.push({ label: key === 'revenue' ? metricLabel(m, lang) : pick(label, lang), value, status: m.status });
  };
  headline('new_customers', RT.kfNewCustomers);
  headline('revenue', RT.kfRevenue);
  if (rated.length > 0) {
    figures.push({ label: pick(f.running ? RT.kfTargetsOnTrack : RT.kfTargetsMet, lang), value: t(RT.kfTargetsMetValue, lang, { met, total: rated.length }) });
  }
  if (io.ratio !== null) figures.push({ label: pick(RT.kfRatio, lang), value: io.ratioLabel });
  if (io.netRoi !== null) figures.push({ label: pick(RT.kfNetRoi, lang), value: formatPercent(io.netRoi) });

  const blocks: ReportBlock[] = [];
  if (figures.length > 0) blocks.push({ kind: 'keyFigures', figures });
  const tally = f.running ? t(RT.sumTargetsRunning, lang, { met, total: rated.length, atRisk, off }) : t(RT.sumTargets, lang, { met, total: rated.length, off });
  blocks.push({ kind: 'paragraph', style: 'normal', text: rated.length > 0 ? tally : pick(RT.sumNoTargets, lang) });
  if (checkData > 0) blocks.push({ kind: 'paragraph', style: 'normal', text: t(RT.sumCheckData, lang, { n: checkData }) });
  if (f.running && cycleEnd !== null) {
    blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.sumRunning, lang, { end: isoFromDay(cycleEnd), today: f.asOf }) });
  }
  const sentences = f.metrics.filter((m) => m.dimension !== 'input_output' && !(m.actual === null && m.target === null));
  // One sentence per metric reads well for a handful; with many, only those furthest from target (all are in the tables).
  for (const m of furthestFromTarget(sentences, SUMMARY_SENTENCES_SHOWN)) {
    blocks.push({ kind: 'paragraph', style: 'bullet', text: metricSentence(m, lang) });
  }
  if (sentences.length > SUMMARY_SENTENCES_SHOWN) {
    blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.moreSentences, lang, { n: sentences.length - SUMMARY_SENTENCES_SHOWN }) });
  }
  if (io.ratio !== null && io.revenue !== null && io.totalCost !== null) {
    blocks.push({
      kind: 'paragraph', style: 'bullet',
      text: t(RT.sumRatio, lang, {
        ratio: io.ratioLabel, revenue: formatNumber(io.revenue), cost: formatNumber(io.totalCost), roi: formatPercent(io.netRoi ?? 0), unit: inUnit(io, lang),
      }),
    });
  }
  if (f.tasks.total > 0) blocks.push({ kind: 'paragraph', style: 'bullet', text: t(RT.sumTasks, lang, f.tasks) });
  if (problemCount > 0) blocks.push({ kind: 'paragraph', style: 'bullet', text: t(RT.sumProblems, lang, { count: problemCount }) });
  return { id: 'summary', title: pick(RT.secSummary, lang), hasData: rated.length > 0 || f.tasks.total > 0 || io.ratio !== null, blocks };
}

function dimensionSection(id: 'result' | 'process' | 'feedback', dimension: Dimension, title: Bilingual, workbook: Workbook, f: ReportFigures, lang: Lang): ReportSection {
  const rows = f.metrics.filter((m) => m.dimension === dimension);
  if (rows.length === 0) {
    const what = workbook.evaluation.length === 0
      ? noDataWhat(workbook, 'evaluation', lang)
      : t(RT.noDataDimension, lang, { dimension: pick(optionLabel(DIMENSION, dimension), lang) });
    return { id, title: pick(title, lang), hasData: false, blocks: [noDataParagraph(what, lang)] };
  }
  return { id, title: pick(title, lang), hasData: true, blocks: [metricTable(`metrics-${id}`, rows, lang)] };
}

function budgetText(io: InputOutputFigures, lang: Lang): string {
  if (io.totalCost === null || io.budget === null) return '';
  const gap = io.budget - io.totalCost;
  const params = { actual: formatNumber(io.totalCost), budget: formatNumber(io.budget), gap: formatNumber(Math.abs(gap)) };
  if (!differs(io.totalCost, io.budget)) return t(RT.onBudget, lang, params);
  if (gap > 0) return t(RT.underBudget, lang, { ...params, used: io.budget > 0 ? formatPercent(io.totalCost / io.budget) : '—' });
  return t(RT.overBudget, lang, params);
}

function inputOutputSection(workbook: Workbook, f: ReportFigures, lang: Lang): ReportSection {
  const io = f.inputOutput;
  const title = pick(RT.secInputOutput, lang);
  if (io.totalCost === null && io.revenue === null && io.costLines === 0) {
    return { id: 'inputOutput', title, hasData: false, blocks: [noDataParagraph(pick(RT.noDataCosts, lang), lang)] };
  }
  const costRow = workbook.evaluation.find((e) => e.metricKey === 'total_cost');
  const costHow = io.costFrom === 'evaluation' ? pick(RT.howCostEvaluation, lang)
    : io.costFrom === 'costs' ? t(RT.howCost, lang, { lines: io.costLines }) : pick(RT.howCostWeekly, lang);
  const revenueHow = io.revenueFrom === 'evaluation' ? pick(RT.howRevenueEvaluation, lang) : pick(RT.howRevenueWeekly, lang);
  const budgetHow = costRow?.target != null ? pick(RT.howBudgetEvaluation, lang) : pick(RT.howBudgetStrategy, lang);
  const num = (v: number | null): string => (v === null ? '—' : formatNumber(v));
  const cost = num(io.totalCost);
  const revenue = num(io.revenue);
  const underOver = budgetText(io, lang);
  const costStatus: Status | undefined = io.totalCost !== null && io.budget !== null
    ? statusOf(achievementRate(io.totalCost, io.budget, 'lower'), f.phase, workbook.settings.atRiskThreshold) : undefined;
  const rows: ReportCell[][] = [
    [{ text: moneyLabel(RT.kfTotalCost, io, lang) }, costStatus ? { text: cost, status: costStatus } : { text: cost }, { text: costHow }],
  ];
  if (io.budget !== null) rows.push([{ text: moneyLabel(RT.kfBudget, io, lang) }, { text: formatNumber(io.budget) }, { text: joinClauses([budgetHow, underOver].filter((x) => x !== ''), lang) }]);
  rows.push([{ text: moneyLabel(RT.kfRevenue, io, lang) }, { text: revenue }, { text: revenueHow }]);
  rows.push([{ text: pick(RT.kfRatio, lang) }, { text: io.ratioLabel || '—' }, { text: t(RT.howRatio, lang, { revenue, cost }) }]);
  rows.push([{ text: pick(RT.kfNetRoi, lang) }, { text: io.netRoi === null ? '—' : formatPercent(io.netRoi) }, { text: t(RT.howNetRoi, lang, { revenue, cost }) }]);
  rows.push([{ text: moneyLabel(RT.kfAcquisition, io, lang) }, { text: num(io.acquisitionCost) }, { text: t(RT.howAcquisition, lang, { cost, customers: num(io.newCustomers) }) }]);

  const blocks: ReportBlock[] = [];
  if (underOver) blocks.push({ kind: 'paragraph', style: 'normal', text: `${moneyLabel(RT.kfTotalCost, io, lang)}${lang === 'zh-CN' ? '：' : ': '}${underOver}${sentenceEnd(lang)}` });
  blocks.push({ kind: 'table', id: 'io-figures', header: [pick(RT.colFigure, lang), pick(RT.colValue, lang), pick(RT.colHow, lang)], rows });

  const ioMetrics = f.metrics.filter((m) => m.dimension === 'input_output');
  if (ioMetrics.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: pick(RT.subInputOutputMetrics, lang) });
    blocks.push(metricTable('metrics-inputOutput', ioMetrics, lang));
  }
  const total = io.costByCategory.reduce((a, c) => a + c.amount, 0);
  const share = (amount: number): string => (total > 0 ? formatPercent(amount / total) : '—');
  blocks.push({ kind: 'heading', level: 3, text: pick(RT.subCostsByCategory, lang) });
  if (io.costByCategory.length === 0) {
    blocks.push(noDataParagraph(noDataWhat(workbook, 'costs', lang), lang));
  } else {
    blocks.push({
      kind: 'table', id: 'costs-category',
      header: [pick(RT.colCategory, lang), moneyLabel(RT.colAmount, io, lang), pick(RT.colShare, lang)],
      rows: [
        ...io.costByCategory.map((c) => [
          { text: c.category === null ? '—' : pick(optionLabel(COST_CATEGORY, c.category as never), lang) },
          { text: formatNumber(c.amount) }, { text: share(c.amount) },
        ]),
        [{ text: pick(RT.total, lang) }, { text: formatNumber(total) }, { text: total > 0 ? '100%' : '—' }],
      ],
    });
    blocks.push({ kind: 'heading', level: 3, text: pick(RT.subCostsByChannel, lang) });
    blocks.push({
      kind: 'table', id: 'costs-channel',
      header: [pick(RT.colChannel, lang), moneyLabel(RT.colAmount, io, lang), pick(RT.colShare, lang)],
      rows: [
        ...io.costByChannel.map((c) => [{ text: c.channel === '' ? pick(RT.noChannel, lang) : c.channel }, { text: formatNumber(c.amount) }, { text: share(c.amount) }]),
        [{ text: pick(RT.total, lang) }, { text: formatNumber(total) }, { text: total > 0 ? '100%' : '—' }],
      ],
    });
  }
  blocks.push(...channelBlocks(f, lang));
  return { id: 'inputOutput', title, hasData: true, blocks };
}

/** A figure as a table cell: "check data" when a cell it depends on cannot be read, '—' when there is none. */
function figureCell(figure: Figure, format: (n: number) => string, lang: Lang): ReportCell {
  if (figure.unreadable) return { text: pick(RT.checkData, lang), status: 'check_data' };
  return { text: figure.value === null ? '—' : format(figure.value) };
}

/**
 * The sentence naming the best and worst channels by one figure; with every ranked channel tied, that they tie;
 * null when fewer than two channels have a readable figure (channelPerformance.rankChannels).
 */
function rankingSentence(
  cmp: ChannelComparison, ranking: ChannelRanking | null, value: (x: FunnelFigures) => Figure, format: (n: number) => string,
  texts: { best: Bilingual; tied: Bilingual }, unit: string, lang: Lang,
): string | null {
  if (ranking === null) return null;
  const valueOf = (c: ChannelPerformance): number => value(c.funnel!).value!;
  if (ranking.best.length === 0) {
    const sample = cmp.channels.find((c) => c.funnel !== null && value(c.funnel).value !== null && !value(c.funnel).unreadable);
    return sample ? t(texts.tied, lang, { value: format(valueOf(sample)), unit }) : null;
  }
  const names = (list: readonly ChannelPerformance[]): string => joinList(list.map((c) => c.channel), lang);
  return t(texts.best, lang, {
    best: names(ranking.best), bestValue: format(valueOf(ranking.best[0]!)), worst: names(ranking.worst), worstValue: format(valueOf(ranking.worst[0]!)), unit,
  });
}

/** The channel funnel and the plan-against-result tables, and which channels did best and worst (哪些策略有效). */
function channelBlocks(f: ReportFigures, lang: Lang): ReportBlock[] {
  const io = f.inputOutput;
  const cmp = f.channels;
  const active = cmp.channels.filter((c) => c.funnel !== null);
  if (active.length === 0 && cmp.unassigned === null) return [];
  const money = (label: Bilingual): string => moneyLabel(label, io, lang);
  const num = (n: number): string => formatNumber(n);
  const pct = (n: number): string => formatPercent(n);
  const ratio = (n: number): string => ratioLabel(n) || '—';
  const unitAfter = io.currencyUnit === '' ? '' : lang === 'zh-CN' ? ` ${io.currencyUnit}` : ` (${io.currencyUnit})`;
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 3, text: pick(RT.subChannelFunnel, lang) }];
  const funnelRow = (label: string, x: FunnelFigures): ReportCell[] => [
    { text: label }, figureCell(x.visits, num, lang), figureCell(x.leads, num, lang), figureCell(x.visitToLead, pct, lang),
    figureCell(x.newCustomers, num, lang), figureCell(x.leadConversion, pct, lang), figureCell(x.revenue, num, lang),
    figureCell(x.cost, num, lang), figureCell(x.acquisitionCost, num, lang), figureCell(x.inputOutputRatio, ratio, lang),
  ];
  blocks.push({
    kind: 'table', id: 'channel-funnel',
    header: [pick(RT.colChannel, lang), pick(RT.colVisits, lang), pick(RT.colLeads, lang), pick(RT.colVisitToLead, lang), pick(RT.colNewCustomers, lang),
      // Ten columns on a portrait page: the money unit is in the note under the table, not in each header.
      pick(RT.colLeadToCustomer, lang), pick(RT.colRevenue, lang), pick(RT.colCost, lang), pick(RT.colAcquisition, lang), pick(RT.colRatio, lang)],
    rows: [
      ...active.map((c) => funnelRow(c.channel, c.funnel!)),
      ...(cmp.unassigned ? [funnelRow(pick(RT.noChannel, lang), cmp.unassigned)] : []),
      funnelRow(pick(RT.total, lang), cmp.total),
    ],
  });
  blocks.push({
    kind: 'paragraph', style: 'note',
    text: t(RT.channelFunnelNote, lang, {
      costFrom: pick(cmp.total.costSource === 'costs' ? RT.costFromCosts : RT.costFromWeekly, lang),
      unit: io.currencyUnit === '' ? '' : t(RT.moneyIn, lang, { unit: io.currencyUnit }),
    }),
  });
  // A rate above 100% reads as an error unless the table says why it is not one.
  const beyond = [
    ...active.filter((c) => (c.funnel!.visitToLead.value ?? 0) > 1).map((c) => c.channel),
    ...(cmp.unassigned && (cmp.unassigned.visitToLead.value ?? 0) > 1 ? [pick(RT.noChannel, lang)] : []),
  ];
  if (beyond.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.leadsBeyondVisits, lang, { list: joinList(beyond, lang) }) });

  blocks.push({ kind: 'heading', level: 3, text: pick(RT.subStrategy, lang) });
  if (!cmp.hasStrategy) blocks.push({ kind: 'paragraph', style: 'note', text: pick(RT.strategyNone, lang) });
  else {
    const none: Figure = { value: null, unreadable: false };
    blocks.push({
      kind: 'table', id: 'channel-strategy',
      header: [pick(RT.colChannel, lang), money(RT.colBudget), money(RT.colSpent), pick(RT.colBudgetUsed, lang), pick(RT.colNewCustomers, lang),
        money(RT.colRevenue), pick(RT.colRatio, lang)],
      rows: cmp.channels.map((c) => [
        { text: c.planned ? c.channel : lang === 'zh-CN' ? `${c.channel}（${pick(RT.notPlanned, lang)}）` : `${c.channel} (${pick(RT.notPlanned, lang)})` },
        c.planned ? figureCell(c.budget, num, lang) : { text: '—' },
        c.funnel ? figureCell(c.funnel.cost, num, lang) : { text: pick(RT.noActivity, lang) },
        figureCell(c.budgetUsed, pct, lang),
        figureCell(c.funnel?.newCustomers ?? none, num, lang), figureCell(c.funnel?.revenue ?? none, num, lang),
        figureCell(c.funnel?.inputOutputRatio ?? none, ratio, lang),
      ]),
    });
    const unplanned = cmp.channels.filter((c) => !c.planned);
    const idle = cmp.channels.filter((c) => c.planned && !c.active);
    if (unplanned.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.strategyUnplanned, lang, { n: unplanned.length, list: joinList(unplanned.map((c) => c.channel), lang) }) });
    if (idle.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.strategyIdle, lang, { n: idle.length, list: joinList(idle.map((c) => c.channel), lang) }) });
  }

  // Which channels worked: best and worst by acquisition cost and by input-output ratio.
  const sentences = [
    rankingSentence(cmp, cmp.byAcquisitionCost, (x) => x.acquisitionCost, num, { best: RT.bestAcquisition, tied: RT.tiedAcquisition }, unitAfter, lang),
    rankingSentence(cmp, cmp.byRatio, (x) => x.inputOutputRatio, ratio, { best: RT.bestRatio, tied: RT.tiedRatio }, '', lang),
  ].filter((x): x is string => x !== null);
  if (sentences.length === 0) {
    const withFigures = active.filter((c) => [c.funnel!.acquisitionCost, c.funnel!.inputOutputRatio].some((x) => x.value !== null && !x.unreadable));
    sentences.push(withFigures.length === 1 ? t(RT.oneChannel, lang, { channel: withFigures[0]!.channel }) : pick(RT.noChannelFigures, lang));
  }
  const unreadable = active.filter((c) => c.funnel!.acquisitionCost.unreadable || c.funnel!.inputOutputRatio.unreadable).length;
  if (unreadable > 0) sentences.push(t(RT.rankingSkipped, lang, { n: unreadable }));
  for (const text of sentences) blocks.push({ kind: 'paragraph', style: 'bullet', text });
  return blocks;
}

function targetsSection(workbook: Workbook, f: ReportFigures, lang: Lang): ReportSection {
  const title = pick(RT.secTargets, lang);
  const rated = f.metrics.filter((m) => m.achievement !== null);
  if (rated.length === 0 && f.monthly.length === 0) {
    const what = workbook.evaluation.length === 0 ? noDataWhat(workbook, 'evaluation', lang) : pick(RT.noDataChartMetrics, lang);
    return { id: 'targets', title, hasData: false, blocks: [noDataParagraph(what, lang), noDataParagraph(pick(RT.noDataMonthly, lang), lang)] };
  }
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 3, text: pick(f.running ? RT.subBehind : RT.subMissed, lang) }];
  const missed = rated.filter((m) => isBehind(m.status));
  const withTarget = f.metrics.filter((m) => m.target !== null && m.direction !== 'none');
  const unrated = withTarget.filter((m) => m.achievement === null);
  if (missed.length === 0 && rated.length === 0) {
    // Only true sentences: with no metric rated there is nothing to say about "every metric".
    blocks.push(noDataParagraph(pick(RT.noDataChartMetrics, lang), lang));
  } else if (missed.length === 0) {
    // "Every metric met it" only when every metric with a target has a figure and met it.
    const none = unrated.length === 0 ? pick(f.running ? RT.allOnTrack : RT.allMet, lang) : t(f.running ? RT.noneBehindSome : RT.noneMissedSome, lang, { n: unrated.length });
    blocks.push({ kind: 'paragraph', style: 'normal', text: none });
  } else {
    blocks.push({
      kind: 'table', id: 'missed',
      header: [RT.colMetric, RT.colTarget, RT.colActual, RT.colAchievement, RT.colGap, RT.colStatus, RT.colReason].map((h) => pick(h, lang)),
      rows: missed.map((m) => [
        { text: metricLabel(m, lang) }, { text: formatValue(m.target, m.kind) }, { text: formatValue(m.actual, m.kind) },
        { text: formatPercent(m.achievement ?? 0) },
        { text: m.actual === null || m.target === null ? '—' : gapText(m, m.actual - m.target, lang) },
        { text: statusText(m.status, lang), status: m.status },
        { text: m.analysis.trim() !== '' ? m.analysis : t(RT.noReason, lang, { row: m.row }) },
      ]),
    });
    if (unrated.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.someUnrated, lang, { n: unrated.length }) });
  }
  if (f.monthly.length === 0) {
    blocks.push(noDataParagraph(pick(RT.noDataMonthly, lang), lang));
  }
  for (const group of f.monthly) {
    blocks.push({ kind: 'heading', level: 3, text: t(RT.subMonthly, lang, { metric: group.metric }) });
    const targetSum = group.months.reduce((a, m) => a + m.target, 0);
    const actualSum = sumOf(group.months.map((m) => m.actual));
    const totalRate = achievementRate(actualSum, targetSum, 'higher');
    blocks.push({
      kind: 'table', id: `monthly-${group.metricKey}`,
      header: [pick(RT.colMonth, lang), pick(RT.colTarget, lang), pick(RT.colActual, lang), pick(RT.colAchievement, lang), pick(RT.colStatus, lang)],
      rows: [
        ...group.months.map((m) => [
          { text: m.month }, { text: formatNumber(m.target) }, { text: m.actual === null ? '—' : formatNumber(m.actual) },
          { text: m.achievement === null ? '—' : formatPercent(m.achievement) }, { text: statusText(m.status, lang), status: m.status },
        ]),
        [
          { text: pick(RT.total, lang) }, { text: formatNumber(targetSum) }, { text: actualSum === null ? '—' : formatNumber(actualSum) },
          { text: totalRate === null ? '—' : formatPercent(totalRate) }, { text: '' },
        ],
      ],
    });
  }
  return { id: 'targets', title, hasData: true, blocks };
}

const OPEN_PROBLEMS_SHOWN = 50;
const QUALITY_ROWS_SHOWN = 100;

/** One row per owner and target (the owner's task counts and last check-in on their first row). */
function ownerRows(f: ReportFigures, lang: Lang): ReportCell[][] {
  const rows: ReportCell[][] = [];
  for (const o of f.owners) {
    const checkIn = lastCheckInText(o, lang);
    const tasks: ReportCell[] = [
      { text: String(o.openTasks) }, o.overdueTasks > 0 ? { text: String(o.overdueTasks), status: 'off_track' } : { text: '0' }, { text: checkIn },
    ];
    const blankTasks: ReportCell[] = [{ text: '' }, { text: '' }, { text: '' }];
    if (o.targets.length === 0) rows.push([{ text: o.owner }, { text: pick(RT.noTarget, lang) }, { text: '' }, { text: '' }, { text: '' }, { text: '' }, { text: '' }, ...tasks]);
    o.targets.forEach((target, i) => {
      // The metric with its money unit and, for the team's own target, that it is the team's: "Revenue (10k CNY, team target)".
      const notes = [...(target.unit.family.startsWith('money') && !target.metric.includes(target.unit.text) ? [target.unit.text] : []),
        ...(target.scope === 'team' ? [pick(RT.teamTarget, lang)] : [])];
      const name = notes.length === 0 ? target.metric : lang === 'zh-CN' ? `${target.metric}（${notes.join('，')}）` : `${target.metric} (${notes.join(', ')})`;
      const kind = kindOf(target.unit);
      rows.push([
        { text: o.owner }, { text: name },
        { text: formatValue(target.target, kind) },
        target.status === 'check_data' ? { text: pick(RT.checkData, lang), status: 'check_data' } : { text: formatValue(target.actual, kind) },
        { text: formatValue(target.expected, kind) },
        { text: target.rate === null ? '—' : formatPercent(target.rate) },
        { text: statusText(target.status, lang), status: target.status },
        ...(i === 0 ? tasks : blankTasks),
      ]);
    });
  }
  return rows;
}

function executionSection(workbook: Workbook, f: ReportFigures, time: TimeContext, lang: Lang): ReportSection {
  const title = pick(RT.secExecution, lang);
  if (workbook.tasks.length === 0 && f.owners.length === 0) {
    return { id: 'execution', title, hasData: false, blocks: [noDataParagraph(noDataWhat(workbook, 'tracking', lang), lang)] };
  }
  const blocks: ReportBlock[] = [];
  if (f.tasks.total > 0) blocks.push({ kind: 'paragraph', style: 'normal', text: t(RT.sumTasks, lang, f.tasks) });
  if (f.owners.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: pick(RT.subOwnerPerformance, lang) });
    blocks.push({
      kind: 'table', id: 'owner-performance',
      header: [RT.colOwner, RT.colMetric, RT.colTarget, RT.colToDate, RT.colExpected, RT.colProgress, RT.colStatus, RT.colOpenTasks, RT.colOverdueTasks, RT.colLastCheckIn]
        .map((h) => pick(h, lang)),
      rows: ownerRows(f, lang),
    });
    blocks.push({ kind: 'paragraph', style: 'note', text: pick(RT.ownerNote, lang) });
  }
  const unowned = f.tasksByOwner.find((o) => o.owner === '');
  if (unowned) blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.unownedTasks, lang, { n: unowned.total, open: unowned.open, overdue: unowned.overdue }) });
  if (workbook.tasks.length === 0) return { id: 'execution', title, hasData: true, blocks };
  blocks.push(
    { kind: 'heading', level: 3, text: pick(RT.subOpenProblems, lang) },
  );
  const open = workbook.tasks
    .filter((task) => task.status !== 'done' && task.problem.trim() !== '')
    .map((task) => ({ task, due: taskDueDay(task) }))
    .sort((a, b) => (a.due ?? Infinity) - (b.due ?? Infinity));
  if (open.length === 0) {
    blocks.push({ kind: 'paragraph', style: 'normal', text: pick(RT.openProblemsNone, lang) });
  } else {
    blocks.push({
      kind: 'table', id: 'open-problems',
      header: [RT.colTask, RT.colOwner, RT.colProblem, RT.colSolution, RT.colNextStep, RT.colDue].map((h) => pick(h, lang)),
      rows: open.slice(0, OPEN_PROBLEMS_SHOWN).map(({ task, due }) => [
        { text: task.task }, { text: ownersText(task.owners, lang) }, { text: task.problem }, { text: task.solution },
        { text: task.nextStep },
        due !== null && daysLate(workCalendar(workbook.settings.workCalendar), due, time.today) > 0
          ? { text: isoFromDay(due), status: 'off_track' as const } : { text: due === null ? '' : isoFromDay(due) },
      ]),
    });
    if (open.length > OPEN_PROBLEMS_SHOWN) {
      blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.moreRows, lang, { n: open.length - OPEN_PROBLEMS_SHOWN, tab: pick(tabSpec('tracking').name, lang) }) });
    }
  }
  return { id: 'execution', title, hasData: true, blocks };
}

function retrospectiveSection(workbook: Workbook, lang: Lang): ReportSection {
  const title = pick(RT.secRetro, lang);
  if (workbook.retrospective.length === 0) {
    return { id: 'retrospective', title, hasData: false, blocks: [noDataParagraph(noDataWhat(workbook, 'retrospective', lang), lang)] };
  }
  return {
    id: 'retrospective', title, hasData: true,
    blocks: [{
      kind: 'table', id: 'retrospective',
      header: [RT.colModule, RT.colHighlight, RT.colRetroProblem, RT.colSuggestion, RT.colOwner, RT.colRetroDue, RT.colStatus].map((h) => pick(h, lang)),
      rows: workbook.retrospective.map((r) => [
        { text: r.module }, { text: r.highlight }, { text: r.problem }, { text: r.suggestion }, { text: ownersText(r.owners, lang) },
        { text: r.due === null ? '' : isoFromDay(r.due.end) }, { text: pick(optionLabel(RETRO_STATUS, r.status), lang) },
      ]),
    }],
  };
}

function qualitySection(problems: readonly Problem[], lang: Lang): ReportSection {
  const title = pick(RT.secQuality, lang);
  const notes = problems.map((p) => ({
    tab: pick(tabSpec(p.tab).name, lang), row: p.row === null ? '' : String(p.row), text: pick(p.message, lang), fix: pick(p.fix, lang),
  }));
  if (notes.length === 0) {
    return { id: 'quality', title, hasData: true, blocks: [{ kind: 'paragraph', style: 'normal', text: pick(RT.qualityNone, lang) }] };
  }
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', style: 'normal', text: t(RT.qualityIntro, lang, { count: notes.length }) },
    {
      kind: 'table', id: 'quality',
      header: [RT.colTab, RT.colRow, RT.colNote, RT.colFix].map((h) => pick(h, lang)),
      rows: notes.slice(0, QUALITY_ROWS_SHOWN).map((n) => [{ text: n.tab }, { text: n.row }, { text: n.text }, { text: n.fix }]),
    },
  ];
  if (notes.length > QUALITY_ROWS_SHOWN) {
    blocks.push({ kind: 'paragraph', style: 'note', text: t(RT.moreRows, lang, { n: notes.length - QUALITY_ROWS_SHOWN, tab: pick({ en: 'Check data', zh: '检查数据' }, lang) }) });
  }
  return { id: 'quality', title, hasData: true, blocks };
}

function chartsSection(workbook: Workbook, f: ReportFigures, time: TimeContext, lang: Lang): ReportSection {
  const noData = (what: string): ReportBlock => noDataParagraph(what, lang);
  const { blocks, hasData } = chartBlocks(workbook, f, time, lang, noData, { metrics: pick(RT.noDataChartMetrics, lang), monthly: pick(RT.noDataMonthly, lang) });
  return { id: 'charts', title: pick(RT.secCharts, lang), hasData, blocks };
}

function conclusionSection(workbook: Workbook, f: ReportFigures, lang: Lang): ReportSection {
  const conclusion = buildConclusion(workbook, f, lang);
  const hasData = f.metrics.some((m) => m.achievement !== null) || conclusion.proposals.length > 0;
  return { id: 'conclusion', title: pick(CONCLUSION_TITLE, lang), hasData, blocks: conclusionBlocks(conclusion, lang) };
}

function problemKey(p: Problem): string {
  return [p.code, p.tab, p.row ?? '', p.column ?? '', p.message.en].join('\u0000');
}

/**
 * The whole report. `problems` are Check data's findings; the workbook's own reading problems are
 * included too (once each), so the data-quality notes are complete whichever list the caller passes.
 */
export function buildReport(workbook: Workbook, time: TimeContext, lang: Lang, problems: readonly Problem[], history: readonly Snapshot[] = []): ReportModel {
  const seen = new Set<string>();
  // Evaluation's own findings are in Check data's list already; added here for a caller that passes none.
  const allProblems = [...workbook.problems, ...problems, ...evaluateMetrics(workbook, time.today).problems].filter((p) => {
    const key = problemKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const f = computeFigures(workbook, time);
  const { settings } = workbook;
  const title = pick(RT.title, lang);
  const prefix = [settings.cycle, settings.region].filter((s) => s.trim() !== '').join(' ');
  const documentName = prefix === '' ? title : `${prefix} — ${title}`;
  const subtitle = t(RT.subtitle, lang, {
    team: settings.team || settings.region || '—', cycle: settings.cycle || '—',
    start: settings.cycleStart === null ? '—' : isoFromDay(settings.cycleStart),
    end: settings.cycleEnd === null ? '—' : isoFromDay(settings.cycleEnd), today: f.asOf,
  });
  const problemCount = allProblems.length;
  const sections: ReportSection[] = [
    summarySection(f, lang, problemCount, settings.cycleEnd),
    dimensionSection('result', 'result', RT.secResult, workbook, f, lang),
    dimensionSection('process', 'process', RT.secProcess, workbook, f, lang),
    dimensionSection('feedback', 'feedback', RT.secFeedback, workbook, f, lang),
    inputOutputSection(workbook, f, lang),
    targetsSection(workbook, f, lang),
    chartsSection(workbook, f, time, lang),
    { id: 'trends', ...trendsSection(history, settings.cycle.trim(), lang, f.metrics.map((m) => ({ metric: m.metric, metricKey: m.metricKey, actual: m.actual, isRate: m.kind === 'percent' }))) },
    executionSection(workbook, f, time, lang),
    { id: 'resources', ...resourcesSection(workbook, time.today, lang) },
    retrospectiveSection(workbook, lang),
    conclusionSection(workbook, f, lang),
    qualitySection(allProblems, lang),
  ];
  const empty = sections.filter((s) => !s.hasData).map((s) => s.title);
  if (empty.length > 0) {
    const summary = sections[0]!;
    sections[0] = {
      ...summary,
      blocks: [...summary.blocks, { kind: 'paragraph', style: 'note', text: t(RT.sectionsWithoutData, lang, { list: joinList(empty, lang) }) }],
    };
  }
  return { lang, title, documentName, subtitle, sections, figures: f, problemCount };
}

/**
 * False when the spreadsheet holds none of the tracker's tabs (Log aside): nothing to report, and the
 * person should run Set up or repair sheets first. A partly set-up sheet still gets a report.
 */
export function hasProjectTabs(workbook: Workbook): boolean {
  return TABS.some((tab) => tab.key !== 'log' && !workbook.missingTabs.includes(tab.key));
}

/** `name`, `name v2`, `name v3`: the name of the nth report of a cycle. */
export function versionedName(name: string, version: number): string {
  return version <= 1 ? name : `${name} v${version}`;
}

// ---------------------------------------------------------------------------------------------
// JSON summary (offline CLI: `market-expansion report --json`)

export interface ReportSummaryMetric {
  readonly row: number;
  readonly dimension: Dimension | null;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  /** number, percent (target and actual are fractions: 0.15 = 15%) or ratio (the X of 1:X). */
  readonly kind: ValueKind;
  readonly target: number | null;
  readonly actual: number | null;
  /** typed in Evaluation, computed from the Weekly log or Costs (the Actual was blank), or none. */
  readonly actualSource: 'typed' | 'computed' | 'none';
  /** Fraction (0.9 = 90%) or null when there is no rate. */
  readonly achievement: number | null;
  /** One of METRIC_STATUS: on_track, at_risk, off_track (cycle running), met, missed (cycle ended), no_data, check_data. */
  readonly status: Status;
}

export interface ReportSummary {
  readonly cycle: string;
  readonly region: string;
  readonly team: string;
  readonly asOf: string;
  readonly metrics: readonly ReportSummaryMetric[];
  readonly inputOutput: Pick<InputOutputFigures, 'totalCost' | 'revenue' | 'ratio' | 'ratioLabel' | 'netRoi' | 'budget' | 'acquisitionCost'>;
  readonly monthly: readonly MonthlyFigure[];
}

function isModel(source: ReportModel | Workbook): source is ReportModel {
  return 'sections' in source && 'figures' in source;
}

/**
 * The JSON summary DESIGN specifies. From a model, or straight from a workbook (then `time` says which
 * day the figures are as of; without it they are evaluated as at the end of the cycle).
 */
export function reportSummaryJson(source: ReportModel | Workbook, time?: TimeContext): ReportSummary {
  let f: ReportFigures;
  if (isModel(source)) {
    f = source.figures;
  } else {
    // Without a clock: as at the cycle's end, else as at the last week logged.
    const weeks = source.weekly.map((w) => w.week).filter((d): d is Day => d !== null);
    const end: Day = source.settings.cycleEnd ?? (weeks.length > 0 ? Math.max(...weeks) + 6 : 0);
    f = computeFigures(source, time ?? { today: end, dayOf: utcDayOf });
  }
  const io = f.inputOutput;
  return {
    cycle: f.cycle, region: f.region, team: f.team, asOf: f.asOf,
    metrics: f.metrics.map((m) => ({
      row: m.row, dimension: m.dimension, metric: m.metric, unit: m.unit, direction: m.direction, kind: m.kind, target: m.target,
      actual: m.actual, actualSource: m.actualSource, achievement: m.achievement, status: m.status,
    })),
    inputOutput: {
      totalCost: io.totalCost, revenue: io.revenue, ratio: io.ratio, ratioLabel: io.ratioLabel, netRoi: io.netRoi,
      budget: io.budget, acquisitionCost: io.acquisitionCost,
    },
    monthly: f.monthly,
  };
}

/** The Drive folder ID in a Settings value: an ID, or a folder URL (…/folders/<id>, …?id=<id>); null when blank. */
export function folderIdFrom(setting: string): string | null {
  const text = setting.trim();
  if (text === '') return null;
  const fromUrl = /\/folders\/([\w-]+)/.exec(text) ?? /[?&]id=([\w-]+)/.exec(text);
  return fromUrl ? fromUrl[1]! : text;
}
