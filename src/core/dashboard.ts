/**
 * The Dashboard (看板): a tab of formulas only, built-in functions only, so it is live (it changes when a cell
 * changes, with no script run and no custom function) and the same text works in Google Sheets, the offline
 * .xlsx template and HyperFormula. Set up writes it and repairs it; nothing here runs when the sheet opens.
 *
 * It reads, with the report's definitions: per Evaluation metric the actual as typed, else the Weekly log (or
 * Costs) total within the cycle, its achievement with the metric's direction and its status (against what is
 * expected by today while the cycle runs, for the figures the Weekly log adds up); monthly new customers against
 * the monthly targets; cumulative revenue by week against what is expected by each week's end; cost, new
 * customers, acquisition cost, revenue and input-output ratio by channel; and each owner's share of a target.
 * The layout is planned from the workbook as Set up finds it: re-run Set up after adding metrics, channels or
 * owner targets.
 */
import { MetricKey, WEEKLY_COLUMN_OF } from './catalogue';
import { Bilingual, Lang, pick } from './i18n';
import { Workbook } from './model';
import { TASK_STATUS, normalizeLabel } from './options';
import { personKey } from './people';
import { goalTargets } from './targets';
import { weekStartOf } from './digest';
import { SettingKey, TabKey } from './schema';
import { achievementExpression, quote, sheetName, statusExpression } from './sheetFormulas';

export const DASHBOARD_NAME: Bilingual = { en: 'Dashboard', zh: '看板' };

export interface DashCell {
  readonly row: number;
  readonly column: number;
  /**
   * Always a formula (labels too, as `="Metric"`): every cell of the tab is the script's, so Set up can tell
   * them from anything a person typed there, which it never overwrites.
   */
  readonly value: string;
  readonly format?: string;
  readonly style?: 'title' | 'section' | 'header' | 'label' | 'bar';
}

export interface DashChart {
  readonly id: 'monthly' | 'cumulative' | 'channels';
  readonly kind: 'column' | 'line' | 'bar';
  readonly title: string;
  /** The table the chart draws: its header row first (1-based rows and columns of the Dashboard). */
  readonly range: { readonly row: number; readonly column: number; readonly rows: number; readonly columns: number };
  /** Where it sits: the top-left cell, and its size in pixels. */
  readonly anchor: { readonly row: number; readonly column: number };
  readonly width: number;
  readonly height: number;
}

export interface DashboardPlan {
  readonly cells: readonly DashCell[];
  readonly charts: readonly DashChart[];
  /** Cells whose text is a status word, coloured by the status colours. */
  readonly statusRanges: readonly { readonly row: number; readonly column: number; readonly rows: number }[];
  readonly widths: readonly { readonly column: number; readonly width: number }[];
  /** The last row and column the plan uses: Set up clears its own leftovers beyond them. */
  readonly rows: number;
  readonly columns: number;
}

/** Where the data is: each tab's name and each column's letter, as the sheet (or the template) has them. */
export interface DashboardSources {
  readonly lang: Lang;
  readonly tabName: (tab: TabKey) => string;
  /** The A1 letters of a column of a tab, or null when the tab or column is missing. */
  readonly letter: (tab: TabKey, column: string) => string | null;
  /** Sheet row of a setting's value cell in Settings, and the Value column's letter. */
  readonly settingRow: (key: SettingKey) => number | null;
  readonly settingLetter: string;
}

const T = {
  title: { en: 'Dashboard', zh: '看板' },
  start: { en: 'Cycle start', zh: '周期开始' },
  end: { en: 'Cycle end', zh: '周期结束' },
  today: { en: 'Today', zh: '今天' },
  day: { en: 'Day of cycle', zh: '周期第几天' },
  weekFrom: { en: 'First week', zh: '首周' },
  headline: { en: 'Targets', zh: '目标达成' },
  metric: { en: 'Metric', zh: '指标' },
  target: { en: 'Target', zh: '目标值' },
  actual: { en: 'Actual', zh: '实际值' },
  achievement: { en: 'Achievement', zh: '达成率' },
  status: { en: 'Status', zh: '状态' },
  toDate: { en: 'Actual to date', zh: '截至今日实际' },
  expected: { en: 'Expected by today', zh: '截至今日应完成' },
  progress: { en: 'Progress vs expected', zh: '进度（对比应完成）' },
  bar: { en: 'Progress bar', zh: '进度条' },
  monthly: { en: 'New customers by month', zh: '月度新增客户' },
  month: { en: 'Month', zh: '月份' },
  cumulative: { en: 'Cumulative revenue by week', zh: '按周累计销售额' },
  week: { en: 'Week of', zh: '周（周一）' },
  cumulativeActual: { en: 'Revenue to date', zh: '累计销售额' },
  cumulativeExpected: { en: 'Expected by week end', zh: '周末应完成' },
  channels: { en: 'Costs and acquisition cost by channel', zh: '各渠道投入与获客成本' },
  channel: { en: 'Channel', zh: '渠道' },
  cost: { en: 'Cost', zh: '成本' },
  newCustomers: { en: 'New customers', zh: '新增客户' },
  acquisition: { en: 'Acquisition cost', zh: '获客成本' },
  revenue: { en: 'Revenue', zh: '销售额' },
  ratio: { en: 'Input-output ratio', zh: '投入产出比' },
  owners: { en: 'Progress by owner', zh: '责任人进度' },
  owner: { en: 'Owner', zh: '责任人' },
  openTasks: { en: 'Open tasks', zh: '未完成任务' },
  teamTarget: { en: 'team target', zh: '团队目标' },
  ownersNote: {
    en: 'A share counts the Weekly log rows of its owner; a team target the whole team\'s. A blank count: a row names the owner among others; overdue tasks and shared rows are in the managers\' summary and the report.',
    zh: '个人分解目标只统计该责任人在“周报”中的行，团队目标统计全队。数量为空：有行同时列出多位责任人；逾期任务及多人共同负责的行见管理者汇总和评估报告。',
  },
  note: {
    en: 'Live formulas: they change when a cell changes. Rows count when their Week is a real date (Check data lists any that are not). Re-run Set up or repair sheets after adding metrics, channels or owner targets.',
    zh: '实时公式：单元格变化时自动更新。“周”为有效日期的行才计入（“检查数据”会列出无效日期）。新增指标、渠道或责任人目标后，请重新运行“创建或修复工作表”。',
  },
} as const satisfies Record<string, Bilingual>;

const PERCENT = '0.0%';
const NUMBER = '#,##0.##';
const DATE = 'yyyy-mm-dd';
const RATIO = '"1:"0.0';
const CUMULATIVE: ReadonlySet<MetricKey> = new Set<MetricKey>(['new_customers', 'revenue', 'visits', 'leads', 'event_participants']);
const BAR_CELLS = 10;
/** What a Tracking Status reads as Done, in either language (COUNTIFS ignores case). */
const DONE_WORDS: readonly string[] = (() => {
  const done = TASK_STATUS.options.find((o) => o.key === 'done')!;
  return [...new Set([done.key, done.label.en, done.label.zh, ...(done.aliases ?? [])].map((w) => w.toLowerCase()))];
})();

/**
 * A figure typed in a cell, as the report reads it: a number as it is, `1:7.7` as 7.7, `15%` as 0.15, and
 * anything else (text with units the formula cannot read) blank — never a wrong number (spreadsheets read
 * `1:6` as a time of day).
 */
function figureOf(cell: string): string {
  return `IF(${cell}="","",IF(ISNUMBER(${cell}),${cell},IF(ISERROR(FIND(":",${cell})),IFERROR(VALUE(${cell}),""),IFERROR(VALUE(MID(${cell},FIND(":",${cell})+1,99)),""))))`;
}

/** A text progress bar of a rate (▇ per tenth, up to 100%), blank without a rate. */
function barExpression(rate: string): string {
  return `IF(${rate}="","",REPT("▇",ROUND(MIN(MAX(${rate},0),1)*${BAR_CELLS},0))&REPT("▁",${BAR_CELLS}-ROUND(MIN(MAX(${rate},0),1)*${BAR_CELLS},0)))`;
}

export interface DashboardOptions {
  /**
   * Tile rows for at least this many Evaluation rows (the offline template, which has no Set up to run again):
   * rows beyond those already typed read the Evaluation row's own figures as they are filled in.
   */
  readonly slots?: number;
}

export function planDashboard(workbook: Workbook, src: DashboardSources, options: DashboardOptions = {}): DashboardPlan {
  const { lang } = src;
  const say = (text: Bilingual): string => pick(text, lang);
  const cells: DashCell[] = [];
  const charts: DashChart[] = [];
  const statusRanges: { row: number; column: number; rows: number }[] = [];
  const put = (row: number, column: number, value: string, extra: Partial<DashCell> = {}): void => {
    cells.push({ row, column, value: value.startsWith('=') ? value : `=${quote(value)}`, ...extra });
  };
  const ref = (tab: TabKey, column: string): string | null => {
    const letter = src.letter(tab, column);
    return letter === null ? null : `${sheetName(src.tabName(tab))}!$${letter}:$${letter}`;
  };
  const cellOf = (tab: TabKey, column: string, row: number): string | null => {
    const letter = src.letter(tab, column);
    return letter === null ? null : `${sheetName(src.tabName(tab))}!$${letter}$${row}`;
  };
  const setting = (key: SettingKey): string => {
    const row = src.settingRow(key);
    return row === null ? '""' : `${sheetName(src.tabName('settings'))}!$${src.settingLetter}$${row}`;
  };
  // A Settings date typed as text still counts (DATEVALUE); a real date is used as it is.
  const dateOf = (key: SettingKey): string => `IF(${setting(key)}="","",IFERROR(DATEVALUE(${setting(key)}),${setting(key)}))`;

  // Row 1-2: title, cycle and today (the cells every formula below refers to).
  put(1, 1, `=${quote(say(T.title) + ' — ')}&${setting('cycle')}&" "&${setting('region')}`, { style: 'title' });
  put(2, 1, say(T.start), { style: 'label' });
  put(2, 2, `=${dateOf('cycleStart')}`, { format: DATE });
  put(2, 3, say(T.end), { style: 'label' });
  put(2, 4, `=${dateOf('cycleEnd')}`, { format: DATE });
  put(2, 5, say(T.today), { style: 'label' });
  put(2, 6, '=TODAY()', { format: DATE });
  put(2, 7, say(T.day), { style: 'label' });
  put(2, 8, '=IF(OR($B$2="",$D$2=""),"",MAX(0,MIN($F$2,$D$2)-$B$2+1)&" / "&($D$2-$B$2+1))');
  put(2, 9, say(T.weekFrom), { style: 'label' });
  put(2, 10, '=IF($B$2="","",$B$2-WEEKDAY($B$2,3))', { format: DATE });
  put(3, 1, say(T.note), { style: 'label' });
  const START = '$B$2';
  const END = '$D$2';
  const TODAY = '$F$2';
  const FIRST_WEEK = '$J$2';
  const RUNNING = `AND(${START}<>"",${END}<>"",${TODAY}<${END})`;
  const threshold = `IFERROR(1/(1/${setting('atRiskThreshold')}),0.8)`;

  const week = ref('weekly', 'week');
  /** Sum of a Weekly log column over the cycle's weeks, up to `until` (a day expression). */
  const weeklySum = (column: 'visits' | 'leads' | 'newCustomers' | 'revenue' | 'cost' | 'eventParticipants', until: string = END, extra = ''): string | null => {
    const values = ref('weekly', column);
    if (values === null || week === null) return null;
    return `SUMIFS(${values},${week},">="&${FIRST_WEEK},${week},"<="&${until}${extra})`;
  };
  const costsTotal = ref('costs', 'amount') === null ? null : `SUM(${ref('costs', 'amount')})`;

  // Goals: the cycle target row and the monthly rows of each metric (targets referenced by cell, so edits show).
  const goalTarget = (row: number): string | null => cellOf('goals', 'target', row);
  const cycleGoal = (key: MetricKey): number | null => workbook.goals.find((g) => g.metricKey === key && g.period?.kind === 'cycle' && g.owners.length <= 1)?.row ?? null;
  const monthlyGoals = (key: MetricKey): { row: number; month: string }[] =>
    workbook.goals.flatMap((g) => (g.metricKey === key && g.period?.kind === 'month' ? [{ row: g.row, month: g.period.month }] : []))
      .sort((a, b) => a.month.localeCompare(b.month));
  /** What is expected by `day` of a metric: its monthly targets pro rata by calendar day, else the cycle target pro rata. */
  const expectedBy = (key: MetricKey, target: string, day: string): string => {
    const months = monthlyGoals(key);
    if (months.length > 0) {
      return months.map(({ row, month }) => {
        const [y, m] = month.split('-').map(Number);
        const first = `DATE(${y},${m},1)`;
        return `N(${goalTarget(row)})*MAX(0,MIN(1,(${day}-${first}+1)/DAY(EOMONTH(${first},0))))`;
      }).join('+');
    }
    return `IF(OR(${START}="",${END}=""),"",N(${target})*MAX(0,MIN(1,(${day}-${START}+1)/(${END}-${START}+1))))`;
  };

  // Section: one tile row per Evaluation metric.
  let row = 5;
  put(row, 1, say(T.headline), { style: 'section' });
  row++;
  const headline = [T.metric, T.target, T.actual, T.achievement, T.status, T.toDate, T.expected, T.progress, T.bar];
  headline.forEach((h, i) => put(row, i + 1, say(h), { style: 'header' }));
  row++;
  const firstTile = row;
  const evalCell = (column: string, r: number): string => cellOf('evaluation', column, r) ?? '""';
  const tileRow = new Map<MetricKey, number>();
  const typedRows = workbook.evaluation.map((e) => e.row);
  const lastRow = Math.max(1, ...typedRows);
  const slots = Array.from({ length: Math.max(0, (options.slots ?? 0) - typedRows.length) }, (_, i) => lastRow + 1 + i);
  const tiles = [
    ...workbook.evaluation.map((e) => ({ row: e.row, metricKey: e.metricKey, unit: e.unit, direction: e.direction })),
    ...slots.map((row) => ({ row, metricKey: null, unit: '', direction: 'higher' as const })),
  ];
  for (const metric of tiles) {
    const r = metric.row;
    const key = metric.metricKey;
    if (key !== null && !tileRow.has(key)) tileRow.set(key, row);
    const A = `$A${row}`;
    put(row, 1, `=IF(${evalCell('metric', r)}="","",${evalCell('metric', r)})`);
    put(row, 2, `=IF(${A}="","",${figureOf(evalCell('target', r))})`, { format: key === 'roi' ? RATIO : metric.unit.includes('%') ? PERCENT : NUMBER });
    const column = key ? WEEKLY_COLUMN_OF[key] : undefined;
    let detail: string | null = column ? weeklySum(column) : null;
    if (key === 'total_cost') detail = costsTotal === null ? weeklySum('cost') : `IF(COUNT(${ref('costs', 'amount')})>0,${costsTotal},${weeklySum('cost') ?? '""'})`;
    const typed = figureOf(evalCell('actual', r));
    let actual = detail === null ? typed : `IF(${evalCell('actual', r)}<>"",${typed},${detail})`;
    if (key === 'roi') actual = 'ROI_PLACEHOLDER';
    put(row, 3, `=IF(${A}="","",${actual})`, { format: key === 'roi' ? RATIO : metric.unit.includes('%') ? PERCENT : NUMBER });
    put(row, 4, `=IF(${A}="","",${achievementExpression(`$C${row}`, `$B${row}`, evalCell('direction', r))})`, { format: PERCENT });
    const cumulative = key !== null && CUMULATIVE.has(key) && column !== undefined && metric.direction === 'higher';
    if (cumulative) {
      put(row, 6, `=IF(${A}="","",${weeklySum(column, TODAY)})`, { format: NUMBER });
      put(row, 7, `=IF(${A}="","",IF(${START}="","",${expectedBy(key, `$B${row}`, TODAY)}))`, { format: NUMBER });
      put(row, 8, `=IF(OR(${A}="",$G${row}="",$G${row}=0),"",$F${row}/$G${row})`, { format: PERCENT });
      // While the cycle runs a cumulative figure is judged against what is expected by today.
      put(row, 5, `=IF(${A}="","",IF(${RUNNING},${statusExpression(`$H${row}`, threshold, lang, '', 'TRUE()')},${statusExpression(`$D${row}`, threshold, lang)}))`);
      put(row, 9, `=${barExpression(`$H${row}`)}`, { style: 'bar' });
    } else {
      put(row, 5, `=IF(${A}="","",${statusExpression(`$D${row}`, threshold, lang, '', RUNNING)})`);
      put(row, 9, `=${barExpression(`$D${row}`)}`, { style: 'bar' });
    }
    row++;
  }
  // Input-output ratio: always revenue ÷ cost, from the tiles (as the report recomputes it).
  const revenueTile = tileRow.get('revenue');
  const costTile = tileRow.get('total_cost');
  const revenueExpr = revenueTile ? `$C${revenueTile}` : (weeklySum('revenue') ?? '""');
  const costExpr = costTile ? `$C${costTile}` : (costsTotal ?? '""');
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c.value.includes('ROI_PLACEHOLDER')) {
      cells[i] = { ...c, value: c.value.replace('ROI_PLACEHOLDER', `IF(OR(${revenueExpr}="",N(${costExpr})<=0),"",${revenueExpr}/${costExpr})`) };
    }
  }
  if (row > firstTile) statusRanges.push({ row: firstTile, column: 5, rows: row - firstTile });
  row += 1;

  const chartColumn = 11;
  let chartRow = 5;
  const chart = (c: Omit<DashChart, 'anchor' | 'width' | 'height'>): void => {
    charts.push({ ...c, anchor: { row: chartRow, column: chartColumn }, width: 480, height: 260 });
    chartRow += 14;
  };

  // Section: monthly new customers against the monthly targets.
  const months = monthlyGoals('new_customers');
  if (months.length > 0) {
    put(row, 1, say(T.monthly), { style: 'section' });
    row++;
    const header = row;
    [T.month, T.target, T.actual, T.achievement].forEach((h, i) => put(row, i + 1, say(h), { style: 'header' }));
    row++;
    for (const { row: goalRow, month } of months) {
      const [y, m] = month.split('-').map(Number);
      put(row, 1, `=${quote(month)}`);
      put(row, 2, `=${goalTarget(goalRow)}`, { format: NUMBER });
      const first = `DATE(${y},${m},1)`;
      const sum = weeklySum('newCustomers', `EOMONTH(${first},0)`, `,${week},">="&${first}`);
      // A month that has not started, or has no Weekly log rows yet, has no actual (no bar), never 0.
      const rowsInMonth = week === null ? '0' : `COUNTIFS(${week},">="&${first},${week},"<="&EOMONTH(${first},0))`;
      put(row, 3, `=IF(OR(${TODAY}<${first},${rowsInMonth}=0),"",${sum ?? '""'})`, { format: NUMBER });
      put(row, 4, `=${achievementExpression(`$C${row}`, `$B${row}`, '')}`, { format: PERCENT });
      row++;
    }
    chart({ id: 'monthly', kind: 'column', title: say(T.monthly), range: { row: header, column: 1, rows: row - header, columns: 3 } });
    row++;
  }

  // Section: cumulative revenue by week against what is expected by each week's end.
  const start = workbook.settings.cycleStart;
  const end = workbook.settings.cycleEnd;
  const revenueTarget = cycleGoal('revenue');
  if (start !== null && end !== null && end >= start && revenueTile !== undefined) {
    put(row, 1, say(T.cumulative), { style: 'section' });
    row++;
    const header = row;
    [T.week, T.cumulativeActual, T.cumulativeExpected].forEach((h, i) => put(row, i + 1, say(h), { style: 'header' }));
    row++;
    const weeks = Math.floor((end - weekStartOf(start)) / 7) + 1;
    const target = revenueTarget !== null ? (goalTarget(revenueTarget) ?? `$B${revenueTile}`) : `$B${revenueTile}`;
    for (let i = 0; i < weeks; i++) {
      put(row, 1, `=IF(${FIRST_WEEK}="","",${FIRST_WEEK}+${7 * i})`, { format: DATE });
      put(row, 2, `=IF(OR($A${row}="",$A${row}>${TODAY}),"",${weeklySum('revenue', `$A${row}+6`) ?? '""'})`, { format: NUMBER });
      put(row, 3, `=IF($A${row}="","",${expectedBy('revenue', target, `MIN($A${row}+6,${END})`)})`, { format: NUMBER });
      row++;
    }
    chart({ id: 'cumulative', kind: 'line', title: say(T.cumulative), range: { row: header, column: 1, rows: row - header, columns: 3 } });
    row++;
  }

  // Section: by channel (the plan's channels, then those used in Costs and the Weekly log).
  const channels: string[] = [];
  const seen = new Set<string>();
  for (const name of [...workbook.strategy.map((s) => s.channel), ...workbook.costs.map((c) => c.channel), ...workbook.weekly.map((w) => w.channel)]) {
    const key = normalizeLabel(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    channels.push(name);
  }
  const weeklyChannel = ref('weekly', 'channel');
  if (channels.length > 0 && weeklyChannel !== null) {
    put(row, 1, say(T.channels), { style: 'section' });
    row++;
    const header = row;
    [T.channel, T.cost, T.newCustomers, T.acquisition, T.revenue, T.ratio].forEach((h, i) => put(row, i + 1, say(h), { style: 'header' }));
    row++;
    const costChannel = ref('costs', 'channel');
    const amount = ref('costs', 'amount');
    for (const channel of channels) {
      const byChannel = `,${weeklyChannel},$A${row}`;
      put(row, 1, `=${quote(channel)}`);
      // Costs by channel when the Costs tab has amounts (as the report counts cost), else the Weekly log's Cost.
      const fromCosts = costChannel !== null && amount !== null ? `SUMIF(${costChannel},$A${row},${amount})` : null;
      const fromWeekly = weeklySum('cost', END, byChannel);
      const cost = fromCosts !== null ? `IF(COUNT(${amount})>0,${fromCosts},${fromWeekly ?? 0})` : (fromWeekly ?? '""');
      put(row, 2, `=${cost}`, { format: NUMBER });
      put(row, 3, `=${weeklySum('newCustomers', END, byChannel) ?? '""'}`, { format: NUMBER });
      put(row, 4, `=IF(OR(N($C${row})=0,N($B${row})=0),"",$B${row}/$C${row})`, { format: NUMBER });
      put(row, 5, `=${weeklySum('revenue', END, byChannel) ?? '""'}`, { format: NUMBER });
      put(row, 6, `=IF(N($B${row})<=0,"",$E${row}/$B${row})`, { format: RATIO });
      row++;
    }
    chart({ id: 'channels', kind: 'column', title: say(T.channels), range: { row: header, column: 1, rows: row - header, columns: 2 } });
    row++;
  }

  // Section: each owner's targets (Goals rows with one owner) and open tasks, as ownerPerformance.ts counts them: an
  // owner's share on the Weekly log rows they are on, the team's own target (one row, one owner) on the team's.
  const weeklyOwner = ref('weekly', 'owner');
  const groups = goalTargets(workbook);
  const teamRows = new Set(groups.flatMap((g) => (g.team ? [g.team.row] : [])));
  const ownerGoals = workbook.goals.filter((g) => g.period?.kind === 'cycle' && g.owners.length === 1 && g.metricKey !== null && WEEKLY_COLUMN_OF[g.metricKey] !== undefined);
  if (ownerGoals.length > 0 && weeklyOwner !== null) {
    put(row, 1, say(T.owners), { style: 'section' });
    row++;
    [T.owner, T.metric, T.target, T.toDate, T.expected, T.progress, T.bar, T.openTasks].forEach((h, i) => put(row, i + 1, say(h), { style: 'header' }));
    row++;
    const trackingOwner = ref('tracking', 'owner');
    const trackingTask = ref('tracking', 'task');
    const trackingStatus = ref('tracking', 'status');
    const seenOwners = new Set<string>();
    for (const goal of ownerGoals) {
      const column = WEEKLY_COLUMN_OF[goal.metricKey!]!;
      const team = teamRows.has(goal.row);
      // The name as typed, its anonymising * matched literally; a cell naming it among others ("张*、王*") matches
      // "*name*" but not the name: the count is then left blank (the summary and the report split such cells).
      const name = `SUBSTITUTE($A${row},"*","~*")`;
      const within = `"*"&${name}&"*"`;
      put(row, 1, `=${cellOf('goals', 'owner', goal.row) ?? '""'}`);
      const metric = cellOf('goals', 'metric', goal.row) ?? '""';
      put(row, 2, team ? `=${metric}&${quote(lang === 'zh-CN' ? `（${say(T.teamTarget)}）` : ` (${say(T.teamTarget)})`)}` : `=${metric}`);
      put(row, 3, `=${goalTarget(goal.row) ?? '""'}`, { format: NUMBER });
      if (team) {
        put(row, 4, `=${weeklySum(column, TODAY) ?? '""'}`, { format: NUMBER });
        put(row, 5, `=IF(${START}="","",${expectedBy(goal.metricKey!, `$C${row}`, TODAY)})`, { format: NUMBER });
      } else {
        const own = weeklySum(column, TODAY, `,${weeklyOwner},${name}`);
        const shared = week === null ? null
          : `COUNTIFS(${weeklyOwner},${within},${week},">="&${FIRST_WEEK},${week},"<="&${TODAY})<>COUNTIFS(${weeklyOwner},${name},${week},">="&${FIRST_WEEK},${week},"<="&${TODAY})`;
        put(row, 4, own === null || shared === null ? '=""' : `=IF(${shared},"",${own})`, { format: NUMBER });
        put(row, 5, `=IF(${START}="","",N($C${row})*MAX(0,MIN(1,(${TODAY}-${START}+1)/(${END}-${START}+1))))`, { format: NUMBER });
      }
      put(row, 6, `=IF(OR($D${row}="",N($E${row})=0),"",$D${row}/$E${row})`, { format: PERCENT });
      put(row, 7, `=${barExpression(`$F${row}`)}`, { style: 'bar' });
      // Open tasks on the owner's first row: Tracking rows with a task, not done (in either language or an alias).
      const ownerId = personKey(goal.owners[0]!);
      if (!seenOwners.has(ownerId) && trackingOwner !== null && trackingTask !== null && trackingStatus !== null) {
        seenOwners.add(ownerId);
        const tasks = (owner: string, extra = ''): string => `COUNTIFS(${trackingOwner},${owner},${trackingTask},"<>"${extra})`;
        const done = DONE_WORDS.map((w) => tasks(name, `,${trackingStatus},${quote(w)}`)).join('-');
        put(row, 8, `=IF(${tasks(within)}<>${tasks(name)},"",${tasks(name)}-${done})`, { format: NUMBER });
      }
      row++;
    }
    put(row, 1, say(T.ownersNote), { style: 'label' });
    row++;
    // The owners' bars show their progress: no chart beside them.
  }

  const widths = [220, 110, 110, 110, 100, 110, 110, 120, 130, 110].map((width, i) => ({ column: i + 1, width }));
  const rows = Math.max(row, chartRow);
  return { cells, charts, statusRanges, widths, rows, columns: chartColumn + 6 };
}

