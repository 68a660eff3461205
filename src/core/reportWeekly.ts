/**
 * The report's parts that come from the weekly loop: the resources section (tasks escalated to the director —
 * what was asked, by whom, since when, what was decided) and the trends section (progress against what was
 * expected, week by week, from the progress history; and, when the history holds an earlier cycle, this cycle
 * against it). Blocks of the report model (core/report.ts), in one language.
 */
import { weekStartOf } from './digest';
import { formatNumber, formatPercent } from './format';
import { Snapshot, sameMetric } from './history';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { Workbook } from './model';
import type { ReportBlock, ReportCell } from './report';
import { Day, isoFromDay } from './values';

const b = (en: string, zh: string): Bilingual => ({ en, zh });

export const WEEKLY_REPORT_TEXT = {
  secResources: b('Resources and escalations', '资源协调与上报'),
  resourcesIntro: b('Tasks the owners have escalated to the director (上报销售总监) and not yet cleared: what was asked, by whom, since when, and what was decided.', '责任人已上报销售总监、尚未关闭的任务：需求内容、上报人、上报时间及处理决定。'),
  resourcesNone: b('No task is escalated to the director.', '目前没有上报销售总监的任务。'),
  colTask: b('Task', '任务名称'),
  colOwner: b('Owner', '责任人'),
  colAsked: b('Help asked for', '需协调的资源'),
  colSince: b('Flagged on', '上报日期'),
  colDecision: b('Decision', '处理决定'),
  colState: b('State', '状态'),
  stateOpen: b('Open ({days} days)', '待处理（{days} 天）'),
  stateOpenNoDate: b('Open', '待处理'),
  noDecision: b('—', '—'),
  secTrends: b('Trends and comparison', '趋势与对比'),
  trendIntro: b('Progress against what was expected by each week\'s end, from the progress history (the last snapshot of each week).', '各周末进度（对比应完成），取自“历史”中每周最后一次快照。'),
  trendNone: b('The progress history has no snapshots of this cycle yet: they are added by each reminder run and by Check data.', '“历史”中尚无本周期的快照：每次发送提醒和运行“检查数据”时都会添加。'),
  trendChart: b('Progress against expected, by week (%)', '各周进度（对比应完成，%）'),
  trendLegend: b('100% = on pace with the target expected by that week.', '100% 表示与该周应完成的目标进度持平。'),
  colWeek: b('Week of', '周（周一）'),
  compareTitle: b('{cycle} against {previous}', '{cycle} 与 {previous} 对比'),
  compareIntro: b('Each metric at the end of {previous} (its last snapshot) and in {cycle}.', '各指标在 {previous}（最后一次快照）与 {cycle} 的对比。'),
  colMetric: b('Metric', '指标'),
  colChange: b('Change', '变化'),
  compareNone: b('The progress history holds no earlier cycle to compare with.', '“历史”中没有可对比的上一周期。'),
} as const satisfies Record<string, Bilingual>;

function say(lang: Lang, key: keyof typeof WEEKLY_REPORT_TEXT, params: Record<string, string | number> = {}): string {
  return pick(fill(WEEKLY_REPORT_TEXT[key], params), lang);
}

export interface SectionParts {
  readonly title: string;
  readonly hasData: boolean;
  readonly blocks: readonly ReportBlock[];
}

/** Escalations: every open task flagged "needs help", longest waiting first; a task leaves once it is cleared. */
export function resourcesSection(workbook: Workbook, today: Day, lang: Lang): SectionParts {
  const title = say(lang, 'secResources');
  const items = workbook.tasks
    .filter((t) => t.task !== '' && t.needsHelp && t.status !== 'done')
    .sort((x, y) => (x.helpSince ?? Infinity) - (y.helpSince ?? Infinity) || x.row - y.row);
  // No escalation is a finding when there are tasks; without any task the section has no data.
  if (items.length === 0) return { title, hasData: workbook.tasks.length > 0, blocks: [{ kind: 'paragraph', style: 'normal', text: say(lang, 'resourcesNone') }] };
  const rows: ReportCell[][] = items.map((task) => [
    { text: task.task }, { text: joinList(task.owners, lang) }, { text: task.helpNote },
    { text: task.helpSince === null ? '' : isoFromDay(task.helpSince) },
    { text: task.decision.trim() === '' ? say(lang, 'noDecision') : task.decision },
    { text: task.helpSince === null ? say(lang, 'stateOpenNoDate') : say(lang, 'stateOpen', { days: Math.max(0, today - task.helpSince) }), status: 'at_risk' },
  ]);
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', style: 'normal', text: say(lang, 'resourcesIntro') },
    {
      kind: 'table', id: 'escalations',
      header: (['colTask', 'colOwner', 'colAsked', 'colSince', 'colDecision', 'colState'] as const).map((k) => say(lang, k)),
      rows,
    },
  ];
  return { title, hasData: true, blocks };
}

const TREND_COLORS = ['#1a73e8', '#188038', '#f9ab00', '#9334e6', '#d93025', '#5f6368'];
const TREND_METRICS_SHOWN = 6;

/** The last team snapshot of each week of `cycle`, per metric (in the order the metrics first appear). */
function weeklyPoints(snapshots: readonly Snapshot[], cycle: string): { metrics: Snapshot[]; weeks: Day[]; at: (metric: Snapshot, week: Day) => Snapshot | null } {
  const team = snapshots.filter((s) => s.cycle === cycle && s.owner === '');
  const metrics: Snapshot[] = [];
  for (const s of team) if (!metrics.some((m) => sameMetric(m, s))) metrics.push(s);
  const weeks = [...new Set(team.map((s) => weekStartOf(s.date)))].sort((x, y) => x - y);
  const last = new Map<string, Snapshot>();
  for (const s of team) {
    const key = `${metrics.findIndex((m) => sameMetric(m, s))}:${weekStartOf(s.date)}`;
    const seen = last.get(key);
    if (!seen || s.date > seen.date || (s.date === seen.date && s.row > seen.row)) last.set(key, s);
  }
  return { metrics, weeks, at: (metric, week) => last.get(`${metrics.findIndex((m) => sameMetric(m, metric))}:${week}`) ?? null };
}

/** The cycle before `cycle` in the history: the one whose snapshots end last before this cycle's first one. */
function previousCycle(snapshots: readonly Snapshot[], cycle: string): string | null {
  const own = snapshots.filter((s) => s.cycle === cycle).map((s) => s.date);
  const start = own.length > 0 ? Math.min(...own) : Infinity;
  let best: { cycle: string; date: Day } | null = null;
  for (const s of snapshots) {
    if (s.cycle === cycle || s.date > start) continue;
    if (best === null || s.date > best.date) best = { cycle: s.cycle, date: s.date };
  }
  return best?.cycle ?? null;
}

/** A figure of a snapshot or of the report: percentages for rates. */
function shown(value: number | null, rate: boolean): string {
  if (value === null) return '—';
  return rate ? formatPercent(value) : formatNumber(value);
}

/**
 * Trends: this cycle's progress week by week (a chart and a table), and this cycle against the previous one in
 * the history. `current` gives each metric's figure in this report (its actual), to compare with the earlier
 * cycle's last snapshot.
 */
export function trendsSection(
  snapshots: readonly Snapshot[], cycle: string, lang: Lang,
  current: readonly { readonly metric: string; readonly metricKey: Snapshot['metricKey']; readonly actual: number | null; readonly isRate: boolean }[],
): SectionParts {
  const title = say(lang, 'secTrends');
  const blocks: ReportBlock[] = [];
  const points = weeklyPoints(snapshots, cycle);
  const charted = points.metrics.filter((m) => points.weeks.some((w) => points.at(m, w)?.progress !== null && points.at(m, w) !== null)).slice(0, TREND_METRICS_SHOWN);
  if (charted.length > 0) {
    blocks.push({ kind: 'paragraph', style: 'normal', text: say(lang, 'trendIntro') });
    blocks.push({
      kind: 'chart', id: 'trend', chartKind: 'line', title: say(lang, 'trendChart'), legend: say(lang, 'trendLegend'),
      categories: points.weeks.map(isoFromDay),
      series: charted.map((m, i) => ({
        name: m.metric, color: TREND_COLORS[i % TREND_COLORS.length]!,
        values: points.weeks.map((w) => {
          const p = points.at(m, w)?.progress ?? null;
          return p === null ? null : Math.round(p * 1000) / 10;
        }),
      })),
    });
    blocks.push({
      kind: 'table', id: 'trend',
      header: [say(lang, 'colWeek'), ...charted.map((m) => m.metric)],
      rows: points.weeks.map((w) => [
        { text: isoFromDay(w) },
        ...charted.map((m): ReportCell => {
          const s = points.at(m, w);
          return s === null || s.progress === null ? { text: '—' } : s.status ? { text: formatPercent(s.progress), status: s.status } : { text: formatPercent(s.progress) };
        }),
      ]),
    });
  } else {
    blocks.push({ kind: 'paragraph', style: 'note', text: say(lang, 'trendNone') });
  }

  const previous = previousCycle(snapshots, cycle);
  if (previous !== null) {
    const earlier = weeklyPoints(snapshots, previous);
    const rows: ReportCell[][] = [];
    for (const metric of current) {
      const match = earlier.metrics.find((m) => sameMetric(m, metric));
      if (!match) continue;
      const last = [...earlier.weeks].reverse().map((w) => earlier.at(match, w)).find((s) => s !== null && s.actual !== null) ?? null;
      if (last === null) continue;
      const change = last.actual !== null && last.actual !== 0 && metric.actual !== null ? (metric.actual - last.actual) / Math.abs(last.actual) : null;
      rows.push([
        { text: metric.metric }, { text: shown(last.actual, metric.isRate) }, { text: shown(metric.actual, metric.isRate) },
        { text: change === null ? '—' : `${change >= 0 ? '+' : '−'}${formatPercent(Math.abs(change))}` },
      ]);
    }
    blocks.push({ kind: 'heading', level: 3, text: say(lang, 'compareTitle', { cycle, previous }) });
    if (rows.length > 0) {
      blocks.push({ kind: 'paragraph', style: 'normal', text: say(lang, 'compareIntro', { cycle, previous }) });
      blocks.push({ kind: 'table', id: 'compare', header: [say(lang, 'colMetric'), previous, cycle, say(lang, 'colChange')], rows });
    } else {
      blocks.push({ kind: 'paragraph', style: 'note', text: say(lang, 'compareNone') });
    }
  }
  return { title, hasData: charted.length > 0 || previous !== null, blocks };
}
