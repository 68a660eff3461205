/**
 * The Dashboard (看板): a tab of formulas only, built-in functions only, so it is live (it changes when a cell
 * changes, with no script run and no custom function) and the same text works in Google Sheets, the offline
 * .xlsx template and HyperFormula. Set up writes it and repairs it; nothing here runs when the sheet opens.
 *
 * It reads, with the report's definitions: per Evaluation metric the actual as typed, else the Weekly log (or
 * Costs) total within the cycle, its achievement with the metric's direction and its status (against what is
 * expected by today while the cycle runs, for the figures the Weekly log adds up); monthly new customers against
 * the monthly targets; cumulative revenue by week against what is expected by each week's end; cost, new
 * customers, acquisition cost, revenue and input-output ratio by channel; and per owner their targets, open and
 * overdue tasks and last check-in. "Expected by today" follows Settings → Pacing (calendar days, or workdays of
 * Settings → Work calendar, read live): the China calendar's holidays and make-up workdays sit in hidden helper
 * columns of the tab, so NETWORKDAYS and WORKDAY can count them.
 * The layout is planned from the workbook as Set up finds it: re-run Set up after adding metrics, channels or
 * owner targets.
 */
import { MetricKey, WEEKLY_COLUMN_OF } from './catalogue';
import { Bilingual, Lang, pick } from './i18n';
import { Workbook } from './model';
import { METRIC_STATUS, PACING, TASK_STATUS, WORK_CALENDAR, normalizeLabel, optionLabel } from './options';
import { personKey } from './people';
import { goalTargets } from './targets';
import { weekStartOf } from './digest';
import { SettingKey, TabKey } from './schema';
import { achievementExpression, isOneOf, quote, sheetName, spellings, statusExpression } from './sheetFormulas';
import { Day, dayFromParts, daysInMonth, partsOfDay, weekdayOf } from './values';
import { CHINA, coveredYears } from './workCalendar';

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
  /** Columns of helper data the formulas read (the work calendar's days, Settings read once): hidden from view. */
  readonly hiddenColumns: { readonly column: number; readonly count: number };
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
  overdueTasks: { en: 'Overdue tasks', zh: '逾期任务' },
  lastUpdate: { en: 'Last update', zh: '最近更新' },
  lastWeek: { en: 'Last Weekly log', zh: '最近周报' },
  ownersShare: {
    en: 'A share counts the Weekly log rows of its owner; a team target the whole team\'s.',
    zh: '个人分解目标只统计该责任人在“周报”中的行，团队目标统计全队。',
  },
  ownersPacing: {
    en: 'Expected by today follows Settings → Pacing: calendar days, or workdays of Settings → Work calendar.',
    zh: '“截至今日应完成”按“设置 → 进度计算”计算：自然日，或按“设置 → 工作日历”的工作日。',
  },
  ownersOverdue: {
    en: 'Overdue: not done, and the later of Planned date and Next step due has passed (with the China calendar, by a workday).',
    zh: '逾期：未完成，且“计划完成时间”与“下一步截止”中较晚的日期已过（使用中国大陆日历时，须已过至少一个工作日）。',
  },
  ownersCheckIn: {
    en: 'Last update: the latest Updated stamp of the owner\'s Tracking rows. Last Weekly log: the latest week they reported, up to today.',
    zh: '最近更新：该责任人在“执行跟踪”中各行最近的“更新时间”；最近周报：截至今日最近填报的一周。',
  },
  ownersBlank: {
    en: 'Blank: a row names the owner among others, or a cell is text a formula cannot read (such as the date range 2023-07-10-12 in Planned date).',
    zh: '为空：有行同时列出多位责任人，或单元格是公式无法识别的文字（例如“计划完成时间”填了 2023-07-10-12 这样的日期范围）。',
  },
  ownersExact: {
    en: 'Where a figure here is blank, the managers\' summary and the report still give it exactly.',
    zh: '此处留空的数字，可在管理者汇总和评估报告中查看准确值。',
  },
  helperHolidays: { en: 'Weekday holidays (China work calendar)', zh: '工作日放假（中国大陆工作日历）' },
  helperMakeUp: { en: 'Weekend workdays (China work calendar)', zh: '周末调休上班（中国大陆工作日历）' },
  helperWorkdays: { en: 'Pacing counts workdays', zh: '进度按工作日计算' },
  helperChina: { en: 'Work calendar is China (mainland)', zh: '工作日历为中国大陆' },
  helperCutoff: { en: 'Overdue when due before', zh: '截止日早于此日即逾期' },
  helperWeeksNotDates: { en: 'Weekly log rows whose Week is not a date', zh: '“周”不是日期的周报行数' },
  note: {
    en: 'Live formulas: they change when a cell changes. A total is blank while a Weekly log Week is not a date, or a figure it adds is text (such as 12万); the managers\' summary and the report still read those cells. Re-run Set up or repair sheets after adding metrics, channels or owner targets.',
    zh: '实时公式：单元格变化时自动更新。若“周报”某行的“周”不是日期，或要汇总的数字填成了文字（例如“12万”），相关合计留空；管理者汇总和评估报告仍会读取这些单元格。新增指标、渠道或责任人目标后，请重新运行“创建或修复工作表”。',
  },
} as const satisfies Record<string, Bilingual>;

const PERCENT = '0.0%';
const COUNT_FORMAT = '0';
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

/**
 * The China (mainland) calendar as two lists a formula can use, for every year the bundled data covers: the
 * weekdays that are holidays (NETWORKDAYS' and WORKDAY's holidays) and the weekend days worked instead (counted
 * in by COUNTIFS). Read off workCalendar.CHINA day by day, so the formulas and the core share one rule; a year
 * the data does not cover is Monday to Friday in both.
 */
let chinaDays: { readonly holidays: readonly Day[]; readonly makeUp: readonly Day[] } | null = null;
function chinaCalendarDays(): NonNullable<typeof chinaDays> {
  if (chinaDays === null) {
    const { first, last } = coveredYears();
    const holidays: Day[] = [];
    const makeUp: Day[] = [];
    for (let day = dayFromParts(first, 1, 1); day <= dayFromParts(last, 12, 31); day++) {
      const weekday = weekdayOf(day) >= 1 && weekdayOf(day) <= 5;
      const works = CHINA.isWorkday(day);
      if (weekday && !works) holidays.push(day);
      else if (!weekday && works) makeUp.push(day);
    }
    chinaDays = { holidays, makeUp };
  }
  return chinaDays;
}

/** A day as a formula writes it (the same serial in every spreadsheet, whatever its locale). */
function dateFormula(day: Day): string {
  const p = partsOfDay(day);
  return `DATE(${p.year},${p.month},${p.day})`;
}

/** Where the helper data sits: columns past the charts, hidden (see DashboardPlan.hiddenColumns). */
const HELPER_COLUMN = 20;

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
  type WeeklyColumn = 'visits' | 'leads' | 'newCustomers' | 'revenue' | 'cost' | 'eventParticipants';
  /** The SUMIFS/COUNTIFS criteria of the cycle's weeks up to `until` (a day expression), plus `extra`. */
  const weeklyRows = (until: string, extra: string): string => `,${week},">="&${FIRST_WEEK},${week},"<="&${until}${extra}`;
  /** Whether weeklySum(column, until, extra) is blank because a row cannot be added up (null: no such column). */
  const weeklyUnreadable = (column: WeeklyColumn, until: string = END, extra = ''): string | null => {
    const values = ref('weekly', column);
    if (values === null || week === null) return null;
    const rows = weeklyRows(until, extra);
    const notNumbers = `COUNTIFS(${values},"<>"${rows})-COUNTIFS(${values},">=0"${rows})-COUNTIFS(${values},"<0"${rows})`;
    return `OR(${WEEKS_NOT_DATES}>0,${notNumbers}>0)`;
  };
  /**
   * Sum of a Weekly log column over the cycle's weeks, up to `until`. SUMIFS skips what is not a number, so a total
   * that would skip a row is blank instead of low: while any Week is not a date (no date criterion matches it), or
   * while a cell it adds holds text (an amount typed with its unit, 12万; a note).
   */
  const weeklySum = (column: WeeklyColumn, until: string = END, extra = ''): string | null => {
    const values = ref('weekly', column);
    const unreadable = weeklyUnreadable(column, until, extra);
    return values === null || unreadable === null ? null : `IF(${unreadable},"",SUMIFS(${values}${weeklyRows(until, extra)}))`;
  };
  const checkDataWord = quote(pick(optionLabel(METRIC_STATUS, 'check_data'), lang));
  const amount = ref('costs', 'amount');
  /** Costs amounts typed as text (with a unit, say): SUM and SUMIF would skip them. The header is the one text cell expected. */
  const costsText = amount === null ? null : `COUNTA(${amount})-COUNT(${amount})>1`;
  const costsTotal = amount === null ? null : `IF(${costsText},"",SUM(${amount}))`;

  // Goals: the cycle target row and the monthly rows of each metric (targets referenced by cell, so edits show).
  const goalTarget = (row: number): string | null => cellOf('goals', 'target', row);
  const cycleGoal = (key: MetricKey): number | null => workbook.goals.find((g) => g.metricKey === key && g.period?.kind === 'cycle' && g.owners.length <= 1)?.row ?? null;
  const monthlyGoals = (key: MetricKey): { row: number; month: string }[] =>
    workbook.goals.flatMap((g) => (g.metricKey === key && g.period?.kind === 'month' ? [{ row: g.row, month: g.period.month }] : []))
      .sort((a, b) => a.month.localeCompare(b.month));
  // Helper cells (hidden columns): the China calendar's days, and Settings → Pacing and Work calendar read once.
  const calendar = chinaCalendarDays();
  const [HOLIDAY_COLUMN, MAKE_UP_COLUMN, LABEL_COLUMN, VALUE_COLUMN] = [0, 1, 2, 3].map((i) => HELPER_COLUMN + i) as [number, number, number, number];
  const helperLetter = (column: number): string => String.fromCharCode(64 + column);
  const HOLIDAYS = `$${helperLetter(HOLIDAY_COLUMN)}$2:$${helperLetter(HOLIDAY_COLUMN)}$${calendar.holidays.length + 1}`;
  const MAKE_UP = `$${helperLetter(MAKE_UP_COLUMN)}$2:$${helperLetter(MAKE_UP_COLUMN)}$${calendar.makeUp.length + 1}`;
  const valueCell = (row: number): string => `$${helperLetter(VALUE_COLUMN)}$${row}`;
  const WORKDAY_PACING = valueCell(1);
  const CHINA_CALENDAR = valueCell(2);
  const CUTOFF = valueCell(3);
  const WEEKS_NOT_DATES = valueCell(4);
  put(1, HOLIDAY_COLUMN, say(T.helperHolidays), { style: 'label' });
  calendar.holidays.forEach((day, i) => put(i + 2, HOLIDAY_COLUMN, `=${dateFormula(day)}`, { format: DATE }));
  put(1, MAKE_UP_COLUMN, say(T.helperMakeUp), { style: 'label' });
  calendar.makeUp.forEach((day, i) => put(i + 2, MAKE_UP_COLUMN, `=${dateFormula(day)}`, { format: DATE }));
  // The option words as model.readSettings matches them (case and surrounding spaces ignored); anything else is the default.
  put(1, LABEL_COLUMN, say(T.helperWorkdays), { style: 'label' });
  put(1, VALUE_COLUMN, `=${isOneOf(`TRIM(${setting('pacing')})`, spellings(PACING, 'workdays'))}`);
  put(2, LABEL_COLUMN, say(T.helperChina), { style: 'label' });
  put(2, VALUE_COLUMN, `=${isOneOf(`TRIM(${setting('workCalendar')})`, spellings(WORK_CALENDAR, 'cn'))}`);
  // workCalendar.daysLate: late once a day that counts has passed since the due day — any day without a
  // calendar, a workday with China's: due before the latest workday on or before today.
  put(3, LABEL_COLUMN, say(T.helperCutoff), { style: 'label' });
  put(3, VALUE_COLUMN, `=IF(${CHINA_CALENDAR},MAX(WORKDAY(${TODAY}+1,-1,${HOLIDAYS}),MAXIFS(${MAKE_UP},${MAKE_UP},"<="&${TODAY})),${TODAY})`, { format: DATE });
  // Every Week cell, less the numbers (dates are numbers) and the header.
  put(4, LABEL_COLUMN, say(T.helperWeeksNotDates), { style: 'label' });
  put(4, VALUE_COLUMN, week === null ? '=0' : `=MAX(0,COUNTA(${week})-COUNT(${week})-1)`, { format: COUNT_FORMAT });
  const helperRows = Math.max(calendar.holidays.length, calendar.makeUp.length, 4) + 1;

  /** The days of [first, last] Settings → Pacing counts (workCalendar.pacingOf): calendar days, or workdays. */
  const counted = (first: string, last: string): string => {
    const workdays = `IF(${CHINA_CALENDAR},NETWORKDAYS(${first},${last},${HOLIDAYS})+COUNTIFS(${MAKE_UP},">="&${first},${MAKE_UP},"<="&${last}),NETWORKDAYS(${first},${last}))`;
    return `IF(${WORKDAY_PACING},IF(${last}<${first},0,${workdays}),MAX(0,${last}-${first}+1))`;
  };
  /** metrics.proRataExpected: `target` × the counted days of the cycle elapsed by `day` ÷ the cycle's. */
  const proRata = (target: string, day: string): string => {
    const total = counted(START, END);
    const elapsed = `IF(${day}<${START},0,${counted(START, `MIN(${day},${END})`)})`;
    return `IF(OR(${START}="",${END}=""),"",IF(${total}<=0,IF(${day}>=MAX(${START},${END}),N(${target}),0),N(${target})*${elapsed}/${total}))`;
  };
  /**
   * What is expected by `day` of a metric, as progress.targetProgress says: its monthly targets (metrics.expectedToDate:
   * months ended in full, the running month pro rata by the counted days), else the cycle target pro rata.
   */
  const expectedBy = (key: MetricKey, target: string, day: string): string => {
    const months = monthlyGoals(key);
    if (months.length > 0) {
      return months.map(({ row, month }) => {
        const [y, m] = month.split('-').map(Number) as [number, number];
        const first = `DATE(${y},${m},1)`;
        const last = `DATE(${y},${m},${daysInMonth(y, m)})`;
        const share = `IFERROR(${counted(first, day)}/${counted(first, last)},0)`;
        return `IF(${day}>=${last},N(${goalTarget(row)}),IF(${day}>=${first},N(${goalTarget(row)})*${share},0))`;
      }).join('+');
    }
    return proRata(target, day);
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
      put(row, 8, `=IF(OR(${A}="",$F${row}="",$G${row}="",$G${row}=0),"",$F${row}/$G${row})`, { format: PERCENT });
      // While the cycle runs a cumulative figure is judged against what is expected by today; a to-date figure
      // left blank because a row cannot be added up says so (its own status word, not "No data").
      const judged = `IF(${RUNNING},${statusExpression(`$H${row}`, threshold, lang, '', 'TRUE()')},${statusExpression(`$D${row}`, threshold, lang)})`;
      put(row, 5, `=IF(${A}="","",IF(AND(${RUNNING},${weeklyUnreadable(column, TODAY)}),${checkDataWord},${judged}))`);
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

  const chartColumn = 12;
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
    for (const channel of channels) {
      const byChannel = `,${weeklyChannel},$A${row}`;
      put(row, 1, `=${quote(channel)}`);
      // Costs by channel when the Costs tab has amounts (as the report counts cost), else the Weekly log's Cost.
      const fromCosts = costChannel !== null && amount !== null ? `IF(${costsText},"",SUMIF(${costChannel},$A${row},${amount}))` : null;
      const fromWeekly = weeklySum('cost', END, byChannel);
      const cost = fromCosts !== null ? `IF(COUNT(${amount})>0,${fromCosts},${fromWeekly ?? 0})` : (fromWeekly ?? '""');
      put(row, 2, `=${cost}`, { format: NUMBER });
      put(row, 3, `=${weeklySum('newCustomers', END, byChannel) ?? '""'}`, { format: NUMBER });
      put(row, 4, `=IF(OR(N($C${row})=0,N($B${row})=0),"",$B${row}/$C${row})`, { format: NUMBER });
      put(row, 5, `=${weeklySum('revenue', END, byChannel) ?? '""'}`, { format: NUMBER });
      put(row, 6, `=IF(OR($E${row}="",N($B${row})<=0),"",$E${row}/$B${row})`, { format: RATIO });
      row++;
    }
    chart({ id: 'channels', kind: 'column', title: say(T.channels), range: { row: header, column: 1, rows: row - header, columns: 2 } });
    row++;
  }

  // Section: each owner's targets (Goals rows with one owner), open and overdue tasks and last check-in, as
  // ownerPerformance.ts counts them: an owner's share on the Weekly log rows they are on, the team's own target (one
  // row, one owner) on the team's. A figure a formula cannot make exact is blank, never a guess (T.ownersBlank, T.ownersExact).
  const weeklyOwner = ref('weekly', 'owner');
  const groups = goalTargets(workbook);
  const teamRows = new Set(groups.flatMap((g) => (g.team ? [g.team.row] : [])));
  const ownerGoals = workbook.goals.filter((g) => g.period?.kind === 'cycle' && g.owners.length === 1 && g.metricKey !== null && WEEKLY_COLUMN_OF[g.metricKey] !== undefined);
  if (ownerGoals.length > 0 && weeklyOwner !== null) {
    put(row, 1, say(T.owners), { style: 'section' });
    row++;
    [T.owner, T.metric, T.target, T.toDate, T.expected, T.progress, T.bar, T.openTasks, T.overdueTasks, T.lastUpdate, T.lastWeek].forEach((h, i) => put(row, i + 1, say(h), { style: 'header' }));
    row++;
    const trackingOwner = ref('tracking', 'owner');
    const trackingTask = ref('tracking', 'task');
    const trackingStatus = ref('tracking', 'status');
    const trackingPlanned = ref('tracking', 'plannedDate');
    const trackingNext = ref('tracking', 'nextStepDue');
    const trackingUpdated = ref('tracking', 'updated');
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
        put(row, 5, `=IF(${START}="","",${proRata(`$C${row}`, TODAY)})`, { format: NUMBER });
      }
      put(row, 6, `=IF(OR($D${row}="",N($E${row})=0),"",$D${row}/$E${row})`, { format: PERCENT });
      put(row, 7, `=${barExpression(`$F${row}`)}`, { style: 'bar' });
      // Tasks and check-ins on the owner's first row, as ownerPerformance counts them.
      const ownerId = personKey(goal.owners[0]!);
      const first = !seenOwners.has(ownerId);
      seenOwners.add(ownerId);
      if (first && trackingOwner !== null && trackingTask !== null && trackingStatus !== null) {
        const tasks = (owner: string, extra = ''): string => `COUNTIFS(${trackingOwner},${owner},${trackingTask},"<>"${extra})`;
        const amongOthers = `${tasks(within)}<>${tasks(name)}`;
        // Open: a task whose Status is none of Done's spellings (COUNTIFS ignores case); a Status with spaces around
        // it may still be Done to the core (options.normalizeLabel), so it leaves the count blank.
        const notDone = DONE_WORDS.map((w) => `,${trackingStatus},${quote(`<>${w}`)}`).join('');
        const open = (extra = ''): string => tasks(name, `${notDone}${extra}`);
        const spaced = `${open(`,${trackingStatus}," *"`)}+${open(`,${trackingStatus},"* "`)}>0`;
        put(row, 8, `=IF(OR(${amongOthers},${spaced}),"",${open()})`, { format: COUNT_FORMAT });
        if (trackingPlanned !== null && trackingNext !== null) {
          // checks.isTaskOverdue: due on the later of Planned date and Next step due, late when that is before the
          // cut-off day. COUNTIFS compares real dates only, so an open task with a due cell that is not one (text such as
          // the range 2023-07-10-12 or a date typed as text, or a number below 1) leaves the count blank. Not-a-date is
          // counted as filled minus dates: LibreOffice's "*" matches numbers too.
          const before = `"<"&${CUTOFF}`;
          const overdue = [[before, before], [before, '""'], ['""', before]]
            .map(([p, n]) => open(`,${trackingPlanned},${p},${trackingNext},${n}`)).join('+');
          const unreadable = [trackingPlanned, trackingNext].map((due) => `${open(`,${due},"<>"`)}-${open(`,${due},">=1"`)}`).join('+');
          put(row, 9, `=IF(OR(${amongOthers},${spaced},${unreadable}>0),"",${overdue})`, { format: COUNT_FORMAT });
        }
        if (trackingUpdated !== null) {
          // The latest Updated stamp of the owner's tasks, done or not; a stamp typed as text leaves it blank.
          const latest = `MAXIFS(${trackingUpdated},${trackingOwner},${name},${trackingTask},"<>")`;
          const notDates = `${tasks(name, `,${trackingUpdated},"<>"`)}-${tasks(name, `,${trackingUpdated},">=1"`)}`;
          put(row, 10, `=IF(OR(${amongOthers},${notDates}>0),"",IFERROR(1/(1/INT(${latest})),""))`, { format: DATE });
        }
      }
      if (first && week !== null) {
        // The latest week the owner reported up to today, of this cycle's weeks (a week starting up to 6 days before
        // the cycle counts); blank when a row names them among others or a Week is text.
        const inCycle = `,${week},">="&IF(${START}="",0,${START}-6),${week},"<="&IF(${END}="",${TODAY},MIN(${TODAY},${END}))`;
        const rows = (owner: string, extra = ''): string => `COUNTIFS(${weeklyOwner},${owner}${extra})`;
        const shared = `${rows(within, inCycle)}<>${rows(name, inCycle)}`;
        const latest = `MAXIFS(${week},${weeklyOwner},${name}${inCycle})`;
        const notDates = `${rows(within, `,${week},"<>"`)}-${rows(within, `,${week},">=1"`)}`;
        put(row, 11, `=IF(OR(${shared},${notDates}>0),"",IFERROR(1/(1/INT(${latest})),""))`, { format: DATE });
      }
      row++;
    }
    // One short sentence a row, so the notes read within the table's width.
    for (const line of [T.ownersShare, T.ownersPacing, T.ownersOverdue, T.ownersCheckIn, T.ownersBlank, T.ownersExact]) {
      put(row, 1, say(line), { style: 'label' });
      row++;
    }
    // The owners' bars show their progress: no chart beside them.
  }

  const widths = [170, 190, 90, 110, 120, 130, 110, 90, 100, 100, 120].map((width, i) => ({ column: i + 1, width }));
  const rows = Math.max(row, chartRow, helperRows);
  return {
    cells, charts, statusRanges, widths, rows, columns: VALUE_COLUMN,
    hiddenColumns: { column: HOLIDAY_COLUMN, count: VALUE_COLUMN - HOLIDAY_COLUMN + 1 },
  };
}

