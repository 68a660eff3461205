/**
 * The strategy plan (《市场拓展策略方案》), the form's phase-one document, as sections of document blocks
 * (core/document.ts) rendered by the same renderers as the evaluation report: the cycle, region and team; the
 * headline targets and their quarter → month → owner breakdown (table and chart); the Strategy tab by channel
 * with its budget against the cost target; the lessons carried from the previous cycle (its results, the
 * retrospective actions carried over, the proven practices of the Playbook); and the plan review.
 */
import { ACTUAL_SERIES_COLOR, ChartModel, TARGET_SERIES_COLOR } from './chart';
import type { DocBlock, DocCell } from './document';
import { formatNumber, formatPercent } from './format';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { achievementRate } from './metrics';
import { TimeContext, Workbook } from './model';
import { RETRO_STATUS, optionLabel } from './options';
import { PlanTarget, costTarget, planReview, planTargets } from './planReview';
import { PreviousCycle, resultOf } from './previousCycles';
import { withoutCarriedMarkers } from './rollover';
import { Problem } from './problems';
import type { ReportSection } from './report';
import { formatValue } from './reportFigureText';
import { tabSpec } from './schema';
import { TargetGroup, goalTargets } from './targets';
import { isoFromDay } from './values';

const b = (en: string, zh: string): Bilingual => ({ en, zh });

/** Every word of the strategy plan. Chinese from the form: 拓展目标与策略制定, 目标拆解, 资源投入, 差异化卖点. */
export const PLAN_DOC = {
  title: b('Market expansion strategy plan', '市场拓展策略方案'),
  subtitle: b('{team} · cycle {cycle} ({start} – {end}) · as of {today}', '{team} · 周期 {cycle}（{start} – {end}）· 编制日期 {today}'),
  secOverview: b('Overview', '方案概述'),
  secTargets: b('Targets and their breakdown', '拓展目标与目标拆解'),
  secStrategy: b('Strategy by channel', '策略与资源投入'),
  secLessons: b('Lessons carried from the previous cycle', '上一周期的经验与教训'),
  secReview: b('Plan review', '方案审核'),
  kfTarget: b('{metric} target', '{metric}目标'),
  kfBudget: b('Total budget', '预算合计'),
  kfBudgetValue: b('{total} of {target}', '{total} / {target}'),
  kfLines: b('Strategy lines', '策略条目'),
  kfReview: b('Plan review', '方案审核'),
  kfReviewValue: b('{n} {n:finding|findings}', '{n} 项提示'),
  kfReviewClean: b('nothing to question', '未发现问题'),
  objective: b('Objective: {text}', '总体目标：{text}'),
  cycleLine: b('{region} · cycle {cycle}, {start} to {end} · {n} {n:person|people} in the team.', '{region} · 周期 {cycle}，{start} 至 {end} · 团队 {n} 人。'),
  subTeam: b('Team and responsibilities', '团队与分工'),
  colName: b('Name', '姓名'),
  colRole: b('Role', '角色'),
  colDepartment: b('Department', '部门'),
  colOwns: b('Answers for', '负责内容'),
  colMetric: b('Metric', '指标'),
  colTarget: b('Target', '目标值'),
  colOwner: b('Owner', '责任人'),
  colSource: b('Set in', '来源'),
  colMonth: b('Month', '月份'),
  colShare: b('Share of the cycle', '占周期目标'),
  colOwnerShares: b('Owners\' shares', '各责任人分解'),
  total: b('Total', '合计'),
  fromGoals: b('Goals row {row}', '“目标”第 {row} 行'),
  fromEvaluation: b('Evaluation row {row}', '“效果评估”第 {row} 行'),
  noTargets: b('No targets yet: fill the Goals tab with the cycle\'s targets (Period = {cycle}) and their monthly targets (Period = 2023-07 …), each with an owner.', '尚无目标：请在“目标”表中填写本周期目标（周期 = {cycle}）及月度目标（周期 = 2023-07 等），并明确每个目标的责任人。'),
  subHeadline: b('Headline targets', '总体目标'),
  subMonthly: b('Monthly breakdown: {metric}', '阶段性目标拆解：{metric}'),
  monthlyNone: b('No monthly targets are set for {metrics}: the plan has no milestones to track {n:it|them} by.', '{metrics}未设置月度目标，执行中无法按阶段跟踪。'),
  chartTitle: b('Monthly targets: {metric}', '月度目标：{metric}'),
  chartAxisMonth: b('Month', '月份'),
  chartAxisTarget: b('Target', '目标值'),
  chartSeriesTarget: b('Monthly target', '月度目标'),
  chartCaption: b('Bars: the monthly targets of {metric} ({sum} in all, cycle target {target}).', '柱形为“{metric}”的月度目标（合计 {sum}，周期目标 {target}）。'),
  chartCaptionOwners: b('Bars: each owner\'s monthly target of {metric} ({sum} in all, cycle target {target}).', '柱形为各责任人“{metric}”的月度目标（合计 {sum}，周期目标 {target}）。'),
  colChannel: b('Channel', '渠道'),
  colAction: b('Action', '行动方案'),
  colBudget: b('Budget', '预算'),
  colStaffing: b('Staffing', '人员配置'),
  colDifferentiator: b('Differentiator', '差异化卖点'),
  noStrategy: b('No strategy lines yet: fill the Strategy tab (channel, action, budget, staffing, differentiator, owner).', '尚无策略：请填写“策略”表（渠道、行动方案、预算、人员配置、差异化卖点、责任人）。'),
  budgetUnder: b('Budgets add up to {total} of the cost target {target} ({from}): {used} planned, {left} left unallocated{unit}.', '预算合计 {total}{u}，占成本目标 {target}{u}（{from}）的 {used}，尚有 {left}{u}未分配。'),
  budgetExact: b('Budgets add up to exactly the cost target of {target} ({from}){unit}.', '预算合计 {total}{u}，恰好等于成本目标（{from}）。'),
  budgetOver: b('Budgets add up to {total}, {over} more than the cost target of {target} ({from}){unit}: see the plan review.', '预算合计 {total}{u}，比成本目标 {target}{u}（{from}）多 {over}{u}，详见方案审核。'),
  budgetNoTarget: b('Budgets add up to {total}{unit}; no cost target is set (Goals or Evaluation: Total expansion cost) to compare them with.', '预算合计 {total}{u}；未设置成本目标（“目标”或“效果评估”中的“拓展总成本”），无法比较。'),
  inUnit: b(', in {unit}', '，单位：{unit}'),
  unitBrackets: b(' ({unit})', '（{unit}）'),
  byDifferentiator: b('Differentiators: {list}.', '差异化卖点：{list}。'),
  subPrevious: b('Results of {cycle}', '{cycle} 的结果'),
  previousFrom: b('From the archived tab "{sheet}".', '数据来自归档工作表“{sheet}”。'),
  previousHistory: b('From the progress history, snapshot of {date}.', '数据来自进度历史（{date} 的快照）。'),
  previousToDate: b('From the progress history, snapshot of {date}: taken before {cycle} ended, so these are figures to date, not results; the plan review does not compare with them.', '数据来自进度历史（{date} 的快照），拍摄于 {cycle} 结束之前，仅为截至当时的数据而非最终结果，方案审核不据此比较。'),
  noPrevious: b('No earlier cycle is on record (an archive from Start next cycle, or the progress history), so targets are not compared with history.', '尚无以往周期的记录（“开启下一周期”生成的归档或进度历史），因此未将目标与历史比较。'),
  colActual: b('Actual', '实际值'),
  colAchievement: b('Achievement', '达成率'),
  colPlanned: b('Planned now', '本期目标'),
  subCarried: b('Retrospective actions carried over', '延续的复盘改进措施'),
  colModule: b('Module', '复盘模块'),
  colProblem: b('Problem', '问题识别'),
  colSuggestion: b('Action', '优化建议'),
  colDue: b('Due', '完成时间'),
  colStatus: b('Status', '状态'),
  carriedNone: b('No open retrospective actions.', '没有未完成的复盘改进措施。'),
  subPractices: b('Proven practices (Playbook)', '已验证的有效做法（经验库）'),
  colPractice: b('Practice', '有效做法'),
  colEvidence: b('Evidence', '依据'),
  colSourceCycle: b('Source cycle', '来源周期'),
  practicesNone: b('No proven practices in the Playbook yet: practices marked Proven in Retrospective are added when the next cycle starts.', '经验库中尚无已验证的做法：在“复盘”中标记为“已验证”的做法会在开启下一周期时加入经验库。'),
  reviewClean: b('The plan review found nothing to question: monthly targets and owners\' shares add up, every target and strategy line has an owner, budgets fit the cost target{history}.', '方案审核未发现问题：月度目标与各责任人分解均与总目标一致，每个目标和策略都有责任人，预算未超出成本目标{history}。'),
  reviewCleanHistory: b(', and targets are in line with history', '，目标与历史数据相符'),
  reviewIntro: b('The plan review found {n} {n:point|points} to settle before the cycle starts. They are warnings: the plan can go ahead, but each deserves an answer.', '方案审核发现 {n} 项需在周期开始前确认的内容。以下均为提示而非阻止：方案可照常执行，但每一项都应有答复。'),
  colTab: b('Tab', '工作表'),
  colRow: b('Row', '行'),
  colFinding: b('Finding', '审核意见'),
  colFix: b('What to do', '处理建议'),
  reviewThresholds: b('Thresholds: growth margin {growth} over the best growth on record; targets more than {shortfall} below the last cycle\'s actual are questioned (Settings → Plan review).', '审核阈值：增幅容差为历史最佳增幅之上 {growth}；目标低于上一周期实际超过 {shortfall} 即提示（“设置 → 方案审核”）。'),
} as const satisfies Record<string, Bilingual>;

export interface PlanModel {
  readonly lang: Lang;
  readonly title: string;
  readonly documentName: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  /** The plan review's findings (problems of Check data's one list). */
  readonly review: readonly Problem[];
  readonly problemCount: number;
  readonly figures: PlanFigures;
}

export interface PlanFigures {
  readonly cycle: string;
  readonly region: string;
  readonly team: string;
  readonly targets: readonly {
    readonly metric: string; readonly target: number; readonly owners: readonly string[];
    readonly months: readonly { readonly month: string; readonly target: number; readonly owners: readonly string[]; readonly shares: readonly { readonly owner: string; readonly target: number }[] }[];
  }[];
  readonly strategy: readonly { readonly channel: string; readonly action: string; readonly budget: number | null; readonly owners: readonly string[] }[];
  readonly budgetTotal: number | null;
  readonly costTarget: number | null;
  readonly previousCycle: string | null;
}

const say = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);
const cell = (text: string): DocCell => ({ text });

/** `<cycle> <region> — <title>`, as the report is named. */
export function documentNameOf(workbook: Workbook, title: string): string {
  const prefix = [workbook.settings.cycle, workbook.settings.region].filter((s) => s.trim() !== '').join(' ');
  return prefix === '' ? title : `${prefix} — ${title}`;
}

export function subtitleOf(workbook: Workbook, time: TimeContext, lang: Lang, text: Bilingual): string {
  const { settings } = workbook;
  return say(text, lang, {
    team: settings.team || settings.region || '—', cycle: settings.cycle || '—',
    start: settings.cycleStart === null ? '—' : isoFromDay(settings.cycleStart), end: settings.cycleEnd === null ? '—' : isoFromDay(settings.cycleEnd),
    today: isoFromDay(time.today),
  });
}

/** The plan's monthly targets of a headline target: team targets by month, with the owners' shares of each. */
function monthsOf(groups: readonly TargetGroup[], target: PlanTarget): PlanFigures['targets'][number]['months'] {
  const id = (g: { metric: string; metricKey: string | null }): string => g.metricKey ?? g.metric.trim().toLowerCase();
  return groups
    .filter((g) => g.period.kind === 'month' && id(g) === id(target) && g.teamTarget !== null)
    .map((g) => ({
      month: (g.period as { month: string }).month,
      target: g.teamTarget!,
      owners: [...new Set([...(g.team?.owners ?? []), ...g.shares.flatMap((s) => s.owners)])],
      shares: g.shares.filter((s) => s.target !== null).map((s) => ({ owner: joinList(s.owners, 'en'), target: s.target! })),
    }))
    .sort((a, b2) => a.month.localeCompare(b2.month));
}

function monthlyChart(metric: string, months: PlanFigures['targets'][number]['months'], cycleTarget: string, lang: Lang): ChartModel {
  const owners = [...new Set(months.flatMap((m) => m.shares.map((s) => s.owner)))];
  const sum = formatNumber(months.reduce((a, m) => a + m.target, 0));
  const palette = [ACTUAL_SERIES_COLOR, '#188038', '#e37400', '#9334e6', '#d93025', '#007b83'];
  const series: ChartModel['series'] = owners.length > 0
    ? owners.map((owner, i) => ({
      name: owner, values: months.map((m) => m.shares.find((s) => s.owner === owner)?.target ?? null), type: 'bar' as const, role: 'target' as const,
      color: palette[i % palette.length]!, labels: true, axis: 'primary' as const,
    }))
    : [{ name: say(PLAN_DOC.chartSeriesTarget, lang), values: months.map((m) => m.target), type: 'bar', role: 'target', color: TARGET_SERIES_COLOR, labels: true, axis: 'primary' }];
  return {
    id: 'planMonthly',
    title: say(PLAN_DOC.chartTitle, lang, { metric }),
    categories: months.map((m) => m.month),
    categoryAxis: { title: say(PLAN_DOC.chartAxisMonth, lang) },
    valueAxis: { title: say(PLAN_DOC.chartAxisTarget, lang) },
    series,
    caption: say(owners.length > 0 ? PLAN_DOC.chartCaptionOwners : PLAN_DOC.chartCaption, lang, { metric, sum, target: cycleTarget }),
  };
}

/** "A", "A and B", "A, B and C". */
function listInEnglish(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ownersOf(owners: readonly string[], lang: Lang): string {
  return owners.length === 0 ? '—' : joinList(owners, lang);
}

function targetsSection(workbook: Workbook, targets: readonly PlanTarget[], lang: Lang): ReportSection {
  const title = say(PLAN_DOC.secTargets, lang);
  if (targets.length === 0) {
    return { id: 'planTargets', title, hasData: false, blocks: [{ kind: 'paragraph', style: 'note', text: say(PLAN_DOC.noTargets, lang, { cycle: workbook.settings.cycle || '2023 Q3' }) }] };
  }
  const groups = goalTargets(workbook);
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 3, text: say(PLAN_DOC.subHeadline, lang) },
    {
      kind: 'table', id: 'plan-targets',
      header: [PLAN_DOC.colMetric, PLAN_DOC.colTarget, PLAN_DOC.colOwner, PLAN_DOC.colSource].map((h) => say(h, lang)),
      rows: targets.map((t) => [
        cell(t.metric), cell(formatValue(t.target, t.kind)), cell(ownersOf(t.owners, lang)),
        cell(say(t.tab === 'goals' ? PLAN_DOC.fromGoals : PLAN_DOC.fromEvaluation, lang, { row: t.row ?? '' })),
      ]),
    },
  ];
  let charted = false;
  const withoutMonths: string[] = [];
  for (const target of targets.filter((t) => t.tab === 'goals')) {
    const months = monthsOf(groups, target);
    if (months.length === 0) {
      withoutMonths.push(target.metric);
      continue;
    }
    blocks.push({ kind: 'heading', level: 3, text: say(PLAN_DOC.subMonthly, lang, { metric: target.metric }) });
    const sum = months.reduce((a, m) => a + m.target, 0);
    const hasShares = months.some((m) => m.shares.length > 0);
    const show = (v: number): string => formatValue(v, target.kind);
    blocks.push({
      kind: 'table', id: `plan-monthly-${target.metricKey ?? target.metric}`, totalRow: true,
      header: [PLAN_DOC.colMonth, PLAN_DOC.colTarget, PLAN_DOC.colOwner, ...(hasShares ? [PLAN_DOC.colOwnerShares] : []), PLAN_DOC.colShare].map((h) => say(h, lang)),
      rows: [
        ...months.map((m) => [
          cell(m.month), cell(show(m.target)), cell(ownersOf(m.owners, lang)),
          ...(hasShares ? [cell(m.shares.map((s) => `${s.owner} ${show(s.target)}`).join(lang === 'zh-CN' ? '，' : ', ') || '—')] : []),
          cell(target.kind === 'number' && target.target > 0 ? formatPercent(m.target / target.target) : '—'),
        ]),
        [
          cell(say(PLAN_DOC.total, lang)), cell(show(sum)), cell(ownersOf(target.owners, lang)), ...(hasShares ? [cell('')] : []),
          cell(target.kind === 'number' && target.target > 0 ? formatPercent(sum / target.target) : '—'),
        ],
      ],
    });
    // One chart: the first target broken down by month (the form's example: 15 / 18 / 17 new customers).
    if (!charted && target.kind === 'number') {
      blocks.push({ kind: 'chart', chart: monthlyChart(target.metric, months, show(target.target), lang) });
      charted = true;
    }
  }
  if (withoutMonths.length > 0) {
    const quoted = withoutMonths.map((m) => (lang === 'zh-CN' ? `“${m}”` : `"${m}"`));
    blocks.push({ kind: 'paragraph', style: 'note', text: say(PLAN_DOC.monthlyNone, lang, { metrics: lang === 'zh-CN' ? quoted.join('、') : listInEnglish(quoted), n: quoted.length }) });
  }
  return { id: 'planTargets', title, hasData: true, blocks };
}

function strategySection(workbook: Workbook, lang: Lang): { section: ReportSection; total: number | null; cost: number | null } {
  const title = say(PLAN_DOC.secStrategy, lang);
  const lines = workbook.strategy;
  const cost = costTarget(workbook);
  if (lines.length === 0) {
    return { section: { id: 'planStrategy', title, hasData: false, blocks: [{ kind: 'paragraph', style: 'note', text: say(PLAN_DOC.noStrategy, lang) }] }, total: null, cost: cost?.value ?? null };
  }
  const unit = workbook.settings.currencyUnit.trim();
  const budgeted = lines.filter((l) => l.budget !== null);
  const total = budgeted.length === 0 ? null : budgeted.reduce((a, l) => a + l.budget!, 0);
  const budgetHeader = unit === '' ? say(PLAN_DOC.colBudget, lang) : `${say(PLAN_DOC.colBudget, lang)}${say(PLAN_DOC.unitBrackets, lang, { unit })}`;
  const blocks: DocBlock[] = [{
    kind: 'table', id: 'plan-strategy', totalRow: true,
    header: [say(PLAN_DOC.colChannel, lang), say(PLAN_DOC.colAction, lang), budgetHeader, ...[PLAN_DOC.colStaffing, PLAN_DOC.colDifferentiator, PLAN_DOC.colOwner].map((h) => say(h, lang))],
    rows: [
      ...lines.map((l) => [cell(l.channel), cell(l.action), cell(l.budget === null ? '—' : formatNumber(l.budget)), cell(l.staffing), cell(l.differentiator), cell(ownersOf(l.owners, lang))]),
      [cell(say(PLAN_DOC.total, lang)), cell(''), cell(total === null ? '—' : formatNumber(total)), cell(''), cell(''), cell('')],
    ],
  }];
  // English names the unit once at the end, Chinese after each amount (23万元).
  const unitText = unit === '' ? '' : say(PLAN_DOC.inUnit, lang, { unit });
  const u = { unit: unitText, u: unit };
  if (total !== null) {
    let text: string;
    if (cost === null) text = say(PLAN_DOC.budgetNoTarget, lang, { total: formatNumber(total), ...u });
    else {
      const params = { total: formatNumber(total), target: formatNumber(cost.value), from: pick(cost.from, lang), ...u };
      if (Math.abs(total - cost.value) <= 1e-9 * Math.max(1, cost.value)) text = say(PLAN_DOC.budgetExact, lang, params);
      else if (total > cost.value) text = say(PLAN_DOC.budgetOver, lang, { ...params, over: formatNumber(total - cost.value) });
      else text = say(PLAN_DOC.budgetUnder, lang, { ...params, used: cost.value > 0 ? formatPercent(total / cost.value) : '—', left: formatNumber(cost.value - total) });
    }
    blocks.push({ kind: 'paragraph', style: 'normal', text });
  }
  const differentiators = [...new Set(lines.map((l) => l.differentiator.trim()).filter((d) => d !== ''))];
  if (differentiators.length > 0) blocks.push({ kind: 'paragraph', style: 'normal', text: say(PLAN_DOC.byDifferentiator, lang, { list: joinList(differentiators, lang) }) });
  return { section: { id: 'planStrategy', title, hasData: true, blocks }, total, cost: cost?.value ?? null };
}

function lessonsSection(workbook: Workbook, targets: readonly PlanTarget[], previous: readonly PreviousCycle[], lang: Lang): ReportSection {
  const blocks: DocBlock[] = [];
  const last = previous[previous.length - 1];
  if (last === undefined) {
    blocks.push({ kind: 'paragraph', style: 'note', text: say(PLAN_DOC.noPrevious, lang) });
  } else {
    blocks.push({ kind: 'heading', level: 3, text: say(PLAN_DOC.subPrevious, lang, { cycle: last.cycle }) });
    const rows = last.results.filter((r) => r.actual !== null || r.target !== null).map((r) => {
      const planned = targets.find((t) => (t.metricKey !== null || r.metricKey !== null ? t.metricKey === r.metricKey : t.metric === r.metric));
      const rate = achievementRate(r.actual, r.target, r.direction);
      return [
        cell(r.metric), cell(formatValue(r.target, r.kind)), cell(formatValue(r.actual, r.kind)), cell(rate === null ? '—' : formatPercent(rate)),
        cell(planned ? formatValue(planned.target, planned.kind) : '—'),
      ];
    });
    blocks.push({
      kind: 'table', id: 'plan-previous',
      header: [PLAN_DOC.colMetric, PLAN_DOC.colTarget, PLAN_DOC.colActual, PLAN_DOC.colAchievement, PLAN_DOC.colPlanned].map((h) => say(h, lang)),
      rows,
    });
    const source = last.source;
    blocks.push({
      kind: 'paragraph', style: 'note',
      text: source.kind === 'archive' ? say(PLAN_DOC.previousFrom, lang, { sheet: source.sheet })
        : source.final ? say(PLAN_DOC.previousHistory, lang, { date: isoFromDay(source.date) })
          : say(PLAN_DOC.previousToDate, lang, { date: isoFromDay(source.date), cycle: last.cycle }),
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: say(PLAN_DOC.subCarried, lang) });
  const open = workbook.retrospective.filter((r) => r.status === 'open');
  if (open.length === 0) blocks.push({ kind: 'paragraph', style: 'normal', text: say(PLAN_DOC.carriedNone, lang) });
  else {
    blocks.push({
      kind: 'table', id: 'plan-carried',
      header: [PLAN_DOC.colModule, PLAN_DOC.colProblem, PLAN_DOC.colSuggestion, PLAN_DOC.colOwner, PLAN_DOC.colDue, PLAN_DOC.colStatus].map((h) => say(h, lang)),
      rows: open.map((r) => [
        // The roll-over's "Carried over from 2023 Q3, row 3 —" note is the section's heading here.
        cell(withoutCarriedMarkers(r.module)), cell(withoutCarriedMarkers(r.problem)), cell(withoutCarriedMarkers(r.suggestion)), cell(ownersOf(r.owners, lang)), cell(r.due === null ? '' : isoFromDay(r.due.end)),
        cell(pick(optionLabel(RETRO_STATUS, r.status), lang)),
      ]),
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: say(PLAN_DOC.subPractices, lang) });
  const practices = workbook.playbook.filter((p) => p.status !== 'retired' && p.practice !== '');
  if (practices.length === 0) blocks.push({ kind: 'paragraph', style: 'normal', text: say(PLAN_DOC.practicesNone, lang) });
  else {
    blocks.push({
      kind: 'table', id: 'plan-practices',
      header: [PLAN_DOC.colPractice, PLAN_DOC.colEvidence, PLAN_DOC.colSourceCycle].map((h) => say(h, lang)),
      rows: practices.map((p) => [cell(p.practice), cell(p.evidence), cell(p.sourceCycle)]),
    });
  }
  return { id: 'planLessons', title: say(PLAN_DOC.secLessons, lang), hasData: last !== undefined || open.length > 0 || practices.length > 0, blocks };
}

function reviewSection(workbook: Workbook, review: readonly Problem[], historyCompared: boolean, lang: Lang): ReportSection {
  const title = say(PLAN_DOC.secReview, lang);
  const thresholds: DocBlock = {
    kind: 'paragraph', style: 'note',
    text: say(PLAN_DOC.reviewThresholds, lang, { growth: formatPercent(workbook.settings.planGrowthMargin), shortfall: formatPercent(workbook.settings.planShortfallMargin) }),
  };
  if (review.length === 0) {
    return {
      id: 'planReview', title, hasData: true,
      blocks: [{ kind: 'paragraph', style: 'normal', text: say(PLAN_DOC.reviewClean, lang, { history: historyCompared ? say(PLAN_DOC.reviewCleanHistory, lang) : '' }) }, thresholds],
    };
  }
  return {
    id: 'planReview', title, hasData: true,
    blocks: [
      { kind: 'paragraph', style: 'normal', text: say(PLAN_DOC.reviewIntro, lang, { n: review.length }) },
      {
        kind: 'table', id: 'plan-review',
        header: [PLAN_DOC.colTab, PLAN_DOC.colRow, PLAN_DOC.colFinding, PLAN_DOC.colFix].map((h) => say(h, lang)),
        rows: review.map((p) => [cell(pick(tabSpec(p.tab).name, lang)), cell(p.row === null ? '' : String(p.row)), cell(pick(p.message, lang)), cell(pick(p.fix, lang))]),
      },
      thresholds,
    ],
  };
}

function overviewSection(workbook: Workbook, targets: readonly PlanTarget[], budget: { total: number | null; cost: number | null }, review: readonly Problem[], lang: Lang): ReportSection {
  const { settings } = workbook;
  const figures = targets.filter((t) => t.tab === 'goals').slice(0, 3).map((t) => ({ label: say(PLAN_DOC.kfTarget, lang, { metric: t.metric }), value: formatValue(t.target, t.kind) }));
  if (budget.total !== null) {
    figures.push({
      label: say(PLAN_DOC.kfBudget, lang),
      value: budget.cost === null ? formatNumber(budget.total) : say(PLAN_DOC.kfBudgetValue, lang, { total: formatNumber(budget.total), target: formatNumber(budget.cost) }),
    });
  }
  figures.push({ label: say(PLAN_DOC.kfReview, lang), value: review.length === 0 ? say(PLAN_DOC.kfReviewClean, lang) : say(PLAN_DOC.kfReviewValue, lang, { n: review.length }) });
  const blocks: DocBlock[] = [{ kind: 'keyFigures', figures }];
  const objective = targets.map((t) => t.group?.team?.note.trim() ?? '').find((n) => n !== '');
  if (objective) blocks.push({ kind: 'paragraph', style: 'normal', text: say(PLAN_DOC.objective, lang, { text: objective }) });
  blocks.push({
    kind: 'paragraph', style: 'normal',
    text: say(PLAN_DOC.cycleLine, lang, {
      region: settings.region || settings.team || '—', cycle: settings.cycle || '—',
      start: settings.cycleStart === null ? '—' : isoFromDay(settings.cycleStart), end: settings.cycleEnd === null ? '—' : isoFromDay(settings.cycleEnd),
      n: workbook.team.length,
    }),
  });
  if (workbook.team.length > 0) {
    const answersFor = (name: string): string => {
      const key = name.trim();
      const owned = [
        ...targets.filter((t) => t.owners.includes(key)).map((t) => t.metric),
        ...workbook.strategy.filter((s) => s.owners.includes(key)).map((s) => s.channel),
      ];
      return [...new Set(owned)].join(lang === 'zh-CN' ? '、' : ', ');
    };
    blocks.push({ kind: 'heading', level: 3, text: say(PLAN_DOC.subTeam, lang) });
    blocks.push({
      kind: 'table', id: 'plan-team',
      header: [PLAN_DOC.colName, PLAN_DOC.colRole, PLAN_DOC.colDepartment, PLAN_DOC.colOwns].map((h) => say(h, lang)),
      rows: workbook.team.map((p) => [cell(p.name), cell(p.role), cell(p.department), cell(answersFor(p.name))]),
    });
  }
  return { id: 'planOverview', title: say(PLAN_DOC.secOverview, lang), hasData: true, blocks };
}

/**
 * The strategy plan of the workbook's cycle. `problems` is Check data's list (its plan review part is shown),
 * `previous` the earlier cycles on record (previousCycles.ts).
 */
export function buildPlan(workbook: Workbook, time: TimeContext, lang: Lang, problems: readonly Problem[], previous: readonly PreviousCycle[] = []): PlanModel {
  const title = say(PLAN_DOC.title, lang);
  const documentName = documentNameOf(workbook, title);
  const targets = planTargets(workbook);
  const review = planReview(problems);
  const strategy = strategySection(workbook, lang);
  const historyCompared = targets.some((t) => previous.some((c) => resultOf(c, t) !== null && (c.source.kind === 'archive' || c.source.final)));
  const sections: ReportSection[] = [
    overviewSection(workbook, targets, strategy, review, lang),
    targetsSection(workbook, targets, lang),
    strategy.section,
    lessonsSection(workbook, targets, previous, lang),
    reviewSection(workbook, review, historyCompared, lang),
  ];
  const groups = goalTargets(workbook);
  return {
    lang, title, documentName, subtitle: subtitleOf(workbook, time, lang, PLAN_DOC.subtitle), sections, review, problemCount: review.length,
    figures: {
      cycle: workbook.settings.cycle, region: workbook.settings.region, team: workbook.settings.team,
      targets: targets.map((t) => ({ metric: t.metric, target: t.target, owners: t.owners, months: t.tab === 'goals' ? monthsOf(groups, t) : [] })),
      strategy: workbook.strategy.map((s) => ({ channel: s.channel, action: s.action, budget: s.budget, owners: s.owners })),
      budgetTotal: strategy.total, costTarget: strategy.cost, previousCycle: previous[previous.length - 1]?.cycle ?? null,
    },
  };
}

