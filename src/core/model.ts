import { MetricKey, metricKeyOf } from './catalogue';
import { Bilingual, Lang, fill } from './i18n';
import {
  CHAT_MODE, COST_CATEGORY, DIMENSION, Dimension, FREQUENCY, Frequency, LANGUAGE, MODE, OptionSet, PACING, RETRO_STATUS, RetroStatus,
  TASK_STATUS, TaskStatus, WEEKDAY, WORK_CALENDAR, YES_NO, matchOption,
} from './options';
import { Problem } from './problems';
import { ColumnSpec, SETTINGS, SETTINGS_TAB, SettingKey, SettingSpec, TABS, TabKey, tabSpec } from './schema';
import { TableRow, isBlankCell, readTable } from './table';
import {
  CellValue, DateSpan, Day, Direction, isNoData, isoFromDay, parseDate, parseDirection, parseNumber, splitOwners, utcDayOf,
} from './values';

/** The workbook as plain grids, header row first: what the Sheets adapter and the .xlsx reader both produce. */
export type RawWorkbook = Partial<Record<TabKey, CellValue[][]>>;

/** What a plain-data function needs to know about time: today, and how a cell's Date maps to a calendar day. */
export interface TimeContext {
  readonly today: Day;
  readonly dayOf: (date: Date) => Day;
}

export interface Settings {
  readonly team: string;
  readonly region: string;
  readonly cycle: string;
  readonly cycleStart: Day | null;
  readonly cycleEnd: Day | null;
  readonly language: 'auto' | Lang;
  readonly currencyUnit: string;
  /** 0 Sunday … 6 Saturday. */
  readonly reminderWeekday: number;
  readonly reminderHour: number;
  readonly remindersOn: boolean;
  readonly remindersPaused: boolean;
  readonly managerEmails: readonly string[];
  readonly atRiskThreshold: number;
  readonly reportFolder: string;
  readonly allowedDomains: readonly string[];
  /** Settings → Work calendar: 'none' (Monday to Friday) or 'cn' (China, mainland: holidays and make-up workdays). */
  readonly workCalendar: 'none' | 'cn';
  /** Settings → Pacing: what "expected by today" counts. */
  readonly pacing: 'calendar' | 'workdays';
  /** Settings → Mode: one team's tracker, or a director's roll-up of regional trackers. */
  readonly mode: 'tracker' | 'rollup';
  /** Settings → Chat notifications: nothing, the managers' summary, or the summary and each owner's digest. */
  readonly chat: 'off' | 'summary' | 'all';
  /** Sheet row of each setting, for messages and links. */
  readonly rowOf: Readonly<Partial<Record<SettingKey, number>>>;
}

export interface Person {
  readonly row: number; readonly name: string; readonly email: string; readonly role: string;
  readonly department: string; readonly reminders: boolean; readonly language: Lang | null;
  /** For chat @mentions (Team → Mobile, Chat user ID); '' when not given. */
  readonly mobile: string; readonly chatId: string;
}
export type Period = { readonly kind: 'cycle'; readonly label: string } | { readonly kind: 'month'; readonly month: string };
export interface Goal {
  readonly row: number; readonly metric: string; readonly metricKey: MetricKey | null; readonly period: Period | null;
  readonly target: number | null; readonly owners: readonly string[]; readonly note: string;
}
export interface StrategyLine {
  readonly row: number; readonly channel: string; readonly action: string; readonly budget: number | null;
  readonly staffing: string; readonly differentiator: string; readonly owners: readonly string[];
}
export interface Task {
  readonly row: number; readonly stage: string; readonly task: string; readonly owners: readonly string[];
  readonly planned: DateSpan | null; readonly status: TaskStatus | null; readonly progress: string;
  readonly problem: string; readonly solution: string; readonly nextStep: string; readonly nextStepDue: DateSpan | null;
  readonly frequency: Frequency; readonly updated: Day | null;
  /** Escalated to the director (上报销售总监) until set back to No; what was asked, since when, what was decided. */
  readonly needsHelp: boolean; readonly helpNote: string; readonly helpSince: Day | null; readonly decision: string;
}
export interface WeeklyEntry {
  readonly row: number; readonly week: Day | null; readonly owners: readonly string[]; readonly channel: string;
  readonly visits: number | null; readonly leads: number | null; readonly newCustomers: number | null;
  readonly revenue: number | null; readonly cost: number | null; readonly eventParticipants: number | null;
  readonly note: string;
}
export interface EvaluationRow {
  readonly row: number; readonly dimension: Dimension | null; readonly metric: string; readonly metricKey: MetricKey | null;
  readonly unit: string; readonly direction: Direction; readonly target: number | null; readonly actual: number | null;
  readonly targetText: string; readonly actualText: string; readonly analysis: string;
}
export interface CostLine {
  readonly row: number; readonly category: string | null; readonly channel: string; readonly amount: number | null;
  readonly note: string;
}
export interface RetroItem {
  readonly row: number; readonly module: string; readonly highlight: string; readonly problem: string;
  readonly suggestion: string; readonly owners: readonly string[]; readonly due: DateSpan | null;
  readonly status: RetroStatus;
}
export interface Practice {
  readonly row: number; readonly practice: string; readonly evidence: string; readonly sourceCycle: string;
  readonly tags: string;
}

export interface Workbook {
  readonly settings: Settings;
  readonly team: readonly Person[];
  readonly goals: readonly Goal[];
  readonly strategy: readonly StrategyLine[];
  readonly tasks: readonly Task[];
  readonly weekly: readonly WeeklyEntry[];
  readonly evaluation: readonly EvaluationRow[];
  readonly costs: readonly CostLine[];
  readonly retrospective: readonly RetroItem[];
  readonly playbook: readonly Practice[];
  /** Tabs that were not in the workbook at all. */
  readonly missingTabs: readonly TabKey[];
  /** Everything that could not be read as typed: bad numbers, dates, choices, missing columns. */
  readonly problems: readonly Problem[];
}

const MSG = {
  missingTab: { en: 'The tab "{tab}" is missing.', zh: '缺少工作表“{tab}”。' },
  missingTabFix: { en: 'Run menu → Set up or repair sheets.', zh: '请运行菜单 → 创建或修复工作表。' },
  missingColumn: { en: 'The column "{column}" is missing.', zh: '缺少列“{column}”。' },
  badOption: { en: '"{value}" is not one of: {choices}.', zh: '“{value}”不是可选值：{choices}。' },
  badOptionFix: { en: 'Pick a value from the drop-down.', zh: '请从下拉列表中选择。' },
  missingValue: { en: '{column} is empty.', zh: '“{column}”为空。' },
  missingValueFix: { en: 'Fill in {column}, or delete the row if it is not needed.', zh: '请填写“{column}”，不需要的行可删除。' },
  badSetting: { en: 'Setting "{setting}" has "{value}": {reason}', zh: '设置“{setting}”的值“{value}”：{reason}' },
  badNumberFix: { en: 'Type a number such as 45, 12%, 215万 or 1:7.7, or leave it empty.', zh: '请填写数字，例如 45、12%、215万 或 1:7.7，或留空。' },
  badDateFix: { en: 'Type a date such as 2023-07-31, 2023/7/31 or 2023年7月31日.', zh: '请填写日期，例如 2023-07-31、2023/7/31 或 2023年7月31日。' },
  badPeriod: { en: '"{value}" is neither the cycle label nor a month like 2023-07.', zh: '“{value}”既不是周期标签，也不是 2023-07 这样的月份。' },
  badEmail: { en: '"{value}" is not an email address.', zh: '“{value}”不是有效的邮箱地址。' },
  badEmailFix: { en: 'Type an address like name@example.com.', zh: '请填写类似 name@example.com 的地址。' },
} as const satisfies Record<string, Bilingual>;

export const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Human text of a cell: a date as its calendar day in the spreadsheet's zone (UTC without a zone). */
export function cellText(value: CellValue, dayOf: (date: Date) => Day = utcDayOf): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoFromDay(dayOf(value));
  return String(value).trim();
}

function headerText(tab: TabKey, column: string): Bilingual {
  const spec = tabSpec(tab).columns.find((c) => c.key === column);
  return spec ? spec.header : { en: column, zh: column };
}

function choices(options: OptionSet, lang: 'en' | 'zh'): string {
  return options.options.map((o) => o.label[lang]).join(' / ');
}

/** Reads one tab's rows and reports cells that do not fit their column's type. */
class TabReader {
  constructor(
    private readonly tab: TabKey,
    private readonly problems: Problem[],
    private readonly time: TimeContext,
    /** Columns the tab has: a missing column is reported once, not as an empty cell on every row. */
    private readonly present: ReadonlySet<string>,
  ) {}

  text(row: TableRow, key: string): string {
    return cellText(row.cells[key], this.time.dayOf);
  }

  number(row: TableRow, key: string): number | null {
    const parsed = parseNumber(row.cells[key]);
    if (parsed.ok) return parsed.value;
    this.problems.push({
      code: 'bad_number', severity: 'error', tab: this.tab, row: row.row, column: key, value: this.text(row, key),
      message: parsed.error, fix: MSG.badNumberFix,
    });
    return null;
  }

  date(row: TableRow, key: string): DateSpan | null {
    const parsed = parseDate(row.cells[key], this.time.dayOf);
    if (parsed.ok) return parsed.value;
    this.problems.push({
      code: 'bad_date', severity: 'error', tab: this.tab, row: row.row, column: key, value: this.text(row, key),
      message: parsed.error, fix: MSG.badDateFix,
    });
    return null;
  }

  option<K extends string>(row: TableRow, key: string, options: OptionSet<K>): K | null {
    const text = this.text(row, key);
    if (text === '' || isNoData(text)) return null;
    const hit = matchOption(options, text);
    if (hit === null) {
      this.problems.push({
        code: 'bad_option', severity: 'error', tab: this.tab, row: row.row, column: key, value: text,
        message: { en: fill(MSG.badOption, { value: text, choices: choices(options, 'en') }).en, zh: fill(MSG.badOption, { value: text, choices: choices(options, 'zh') }).zh },
        fix: MSG.badOptionFix,
      });
    }
    return hit;
  }

  required(row: TableRow, key: string): void {
    if (this.present.has(key) && isBlankCell(row.cells[key] ?? '')) {
      const header = headerText(this.tab, key);
      this.problems.push({
        code: 'missing_value', severity: 'error', tab: this.tab, row: row.row, column: key, value: '',
        message: { en: fill(MSG.missingValue, { column: header.en }).en, zh: fill(MSG.missingValue, { column: header.zh }).zh },
        fix: { en: fill(MSG.missingValueFix, { column: header.en }).en, zh: fill(MSG.missingValueFix, { column: header.zh }).zh },
      });
    }
  }
}

function settingsFrom(grid: CellValue[][] | undefined, problems: Problem[], time: TimeContext): Settings {
  const values = new Map<SettingKey, CellValue>();
  const rowOf: Partial<Record<SettingKey, number>> = {};
  if (grid) {
    const { rows } = readTable(SETTINGS_TAB, grid);
    for (const row of rows) {
      const spec = SETTINGS.find((s) => matchesSetting(s, row.cells.setting));
      if (spec && !values.has(spec.key)) {
        values.set(spec.key, row.cells.value ?? '');
        rowOf[spec.key] = row.row;
      }
    }
  }
  const report = (spec: SettingSpec, value: CellValue, reason: Bilingual): void => {
    const fallback = spec.defaultValue === '' ? null : String(spec.defaultValue);
    problems.push({
      code: 'setting_invalid', severity: 'error', tab: 'settings', row: rowOf[spec.key] ?? null, column: 'value',
      value: cellText(value, time.dayOf),
      message: {
        en: fill(MSG.badSetting, { setting: spec.label.en, value: cellText(value, time.dayOf), reason: reason.en }).en,
        zh: fill(MSG.badSetting, { setting: spec.label.zh, value: cellText(value, time.dayOf), reason: reason.zh }).zh,
      },
      fix: settingFix(spec, fallback),
    });
  };
  const raw = (key: SettingKey): CellValue => {
    const v = values.get(key);
    return v === undefined || isBlankCell(v) ? SETTINGS.find((s) => s.key === key)!.defaultValue : v;
  };
  const spec = (key: SettingKey): SettingSpec => SETTINGS.find((s) => s.key === key)!;
  const text = (key: SettingKey): string => cellText(raw(key), time.dayOf);
  const day = (key: SettingKey): Day | null => {
    const v = raw(key);
    if (isBlankCell(v)) return null;
    const parsed = parseDate(v, time.dayOf);
    if (parsed.ok) return parsed.value ? parsed.value.start : null;
    report(spec(key), v, parsed.error);
    return null;
  };
  const option = <K extends string>(key: SettingKey, options: OptionSet<K>): K => {
    const v = raw(key);
    const hit = matchOption(options, cellText(v));
    if (hit !== null) return hit;
    report(spec(key), v, { en: `choose ${choices(options, 'en')}`, zh: `请选择 ${choices(options, 'zh')}` });
    return matchOption(options, String(spec(key).defaultValue)) as K;
  };
  const number = (key: SettingKey, min: number, max: number, whole = false): number => {
    const v = raw(key);
    const parsed = parseNumber(v);
    const fits = parsed.ok && parsed.value !== null && parsed.value >= min && parsed.value <= max && (!whole || Number.isInteger(parsed.value));
    if (fits) return parsed.value!;
    const range = whole
      ? { en: `use a whole number from ${min} to ${max}`, zh: `请填写 ${min} 到 ${max} 之间的整数` }
      : { en: `use a value from ${min} to ${max}`, zh: `请填写 ${min} 到 ${max} 之间的值` };
    report(spec(key), v, parsed.ok ? range : parsed.error);
    return Number(spec(key).defaultValue);
  };
  const list = (key: SettingKey): string[] => text(key).split(/[,，;；\s]+/).map((s) => s.trim()).filter((s) => s !== '');
  const weekdayKey = option('reminderWeekday', WEEKDAY);
  const managerEmails = list('managerEmails');
  for (const email of managerEmails) {
    if (!EMAIL_PATTERN.test(email)) report(spec('managerEmails'), email, fill(MSG.badEmail, { value: email }));
  }
  return {
    team: text('team'),
    region: text('region'),
    cycle: text('cycle'),
    cycleStart: day('cycleStart'),
    cycleEnd: day('cycleEnd'),
    language: option('language', LANGUAGE) as Settings['language'],
    currencyUnit: text('currencyUnit'),
    reminderWeekday: (WEEKDAY.options.findIndex((o) => o.key === weekdayKey) + 1) % 7,
    reminderHour: number('reminderHour', 0, 23, true),
    remindersOn: option('remindersOn', YES_NO) === 'yes',
    remindersPaused: option('remindersPaused', YES_NO) === 'yes',
    managerEmails: managerEmails.filter((e) => EMAIL_PATTERN.test(e)),
    atRiskThreshold: number('atRiskThreshold', 0, 1),
    reportFolder: text('reportFolder'),
    allowedDomains: list('allowedDomains').map((d) => d.replace(/^@/, '').toLowerCase()),
    workCalendar: option('workCalendar', WORK_CALENDAR),
    pacing: option('pacing', PACING),
    mode: option('mode', MODE),
    chat: option('chat', CHAT_MODE),
    rowOf,
  };
}

const SETTING_FIX = {
  date: { en: 'Type a date such as 2023-07-01', zh: '请填写日期，例如 2023-07-01' },
  option: { en: 'Pick one of: {choices}', zh: '请选择：{choices}' },
  hour: { en: 'Type a whole hour from 0 to 23, e.g. 9', zh: '请填写 0 到 23 之间的整点，例如 9' },
  percent: { en: 'Type a percentage such as 80%', zh: '请填写百分比，例如 80%' },
  number: { en: 'Type a number', zh: '请填写数字' },
  emails: { en: 'Type addresses like name@example.com, separated by commas', zh: '请填写类似 name@example.com 的地址，用逗号分隔' },
  text: { en: 'Correct the value', zh: '请更正该值' },
  where: { en: '{how} in Settings → {setting}.', zh: '{how}（“设置”→“{setting}”）。' },
  fallback: { en: ' Until then, {value} is used.', zh: '在此之前使用 {value}。' },
} as const satisfies Record<string, Bilingual>;

/** How to correct a setting: what to type where, and what is used meanwhile. */
function settingFix(spec: SettingSpec, fallback: string | null): Bilingual {
  const how = spec.type === 'option' && spec.options
    ? { en: fill(SETTING_FIX.option, { choices: choices(spec.options, 'en') }).en, zh: fill(SETTING_FIX.option, { choices: choices(spec.options, 'zh') }).zh }
    : SETTING_FIX[spec.type];
  const shown = (lang: 'en' | 'zh'): string => {
    if (fallback === null) return '';
    const option = spec.options?.options.find((o) => o.key === fallback);
    const value = option ? option.label[lang] : spec.type === 'percent' ? `${Math.round(Number(fallback) * 100)}%` : fallback;
    return fill(SETTING_FIX.fallback, { value })[lang];
  };
  return {
    en: fill(SETTING_FIX.where, { how: how.en, setting: spec.label.en }).en + shown('en'),
    zh: fill(SETTING_FIX.where, { how: how.zh, setting: spec.label.zh }).zh + shown('zh'),
  };
}

export function matchesSetting(spec: SettingSpec, cell: CellValue): boolean {
  const pseudoColumn: ColumnSpec = { key: spec.key, header: spec.label, type: 'text' };
  return readTable({ key: 'settings', name: SETTINGS_TAB.name, columns: [pseudoColumn] }, [[cell]]).header.index.has(spec.key);
}

function periodOf(text: string, cycle: string): Period | null {
  const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text);
  if (month) return { kind: 'month', month: `${month[1]}-${month[2]!.padStart(2, '0')}` };
  if (text !== '' && (cycle === '' || text.replace(/\s+/g, '').toLowerCase() === cycle.replace(/\s+/g, '').toLowerCase())) {
    return { kind: 'cycle', label: text };
  }
  return null;
}

/** Reads every tab into typed records; what cannot be read becomes a Problem naming tab, row and value. */
export function readWorkbook(raw: RawWorkbook, time: TimeContext): Workbook {
  const problems: Problem[] = [];
  const missingTabs = TABS.filter((t) => t.key !== 'log' && raw[t.key] === undefined).map((t) => t.key);
  for (const tab of missingTabs) {
    const name = tabSpec(tab).name;
    problems.push({
      code: 'missing_tab', severity: 'warning', tab, row: null,
      message: { en: fill(MSG.missingTab, { tab: name.en }).en, zh: fill(MSG.missingTab, { tab: name.zh }).zh },
      fix: MSG.missingTabFix,
    });
  }
  const settings = settingsFrom(raw.settings, problems, time);

  const rowsOf = (tab: TabKey): { reader: TabReader; rows: TableRow[] } => {
    const grid = raw[tab];
    if (!grid || grid.length === 0) return { reader: new TabReader(tab, problems, time, new Set()), rows: [] };
    const { header, rows } = readTable(tabSpec(tab), grid);
    const reader = new TabReader(tab, problems, time, new Set(header.index.keys()));
    for (const spec of header.missing) {
      if (!spec.required && !spec.essential) continue;
      problems.push({
        code: 'missing_column', severity: 'error', tab, row: 1, column: spec.key,
        message: { en: fill(MSG.missingColumn, { column: spec.header.en }).en, zh: fill(MSG.missingColumn, { column: spec.header.zh }).zh },
        fix: MSG.missingTabFix,
      });
    }
    return { reader, rows };
  };

  const team = (() => {
    const { reader, rows } = rowsOf('team');
    return rows.map((r): Person => {
      reader.required(r, 'name');
      const email = reader.text(r, 'email');
      if (email !== '' && !EMAIL_PATTERN.test(email)) {
        problems.push({
          code: 'bad_email', severity: 'error', tab: 'team', row: r.row, column: 'email', value: email,
          message: fill(MSG.badEmail, { value: email }), fix: MSG.badEmailFix,
        });
      }
      const language = reader.option(r, 'language', LANGUAGE);
      return {
        row: r.row, name: reader.text(r, 'name'), email, role: reader.text(r, 'role'),
        department: reader.text(r, 'department'), reminders: reader.option(r, 'reminders', YES_NO) !== 'no',
        mobile: reader.text(r, 'mobile').replace(/[\s-]/g, ''), chatId: reader.text(r, 'chatId'),
        language: language === 'en' || language === 'zh-CN' ? language : null,
      };
    });
  })();

  const goals = (() => {
    const { reader, rows } = rowsOf('goals');
    return rows.map((r): Goal => {
      reader.required(r, 'metric');
      const periodText = reader.text(r, 'period');
      const period = periodOf(periodText, settings.cycle);
      if (period === null) {
        problems.push({
          code: 'bad_date', severity: 'error', tab: 'goals', row: r.row, column: 'period', value: periodText,
          message: fill(MSG.badPeriod, { value: periodText }),
          fix: { en: `Type ${settings.cycle || 'the cycle label'} or a month such as 2023-07.`, zh: `请填写 ${settings.cycle || '周期标签'} 或 2023-07 这样的月份。` },
        });
      }
      const metric = reader.text(r, 'metric');
      return {
        row: r.row, metric, metricKey: metricKeyOf(metric), period, target: reader.number(r, 'target'),
        owners: splitOwners(r.cells.owner), note: reader.text(r, 'note'),
      };
    });
  })();

  const strategy = (() => {
    const { reader, rows } = rowsOf('strategy');
    return rows.map((r): StrategyLine => ({
      row: r.row, channel: reader.text(r, 'channel'), action: reader.text(r, 'action'), budget: reader.number(r, 'budget'),
      staffing: reader.text(r, 'staffing'), differentiator: reader.text(r, 'differentiator'), owners: splitOwners(r.cells.owner),
    }));
  })();

  const tasks = (() => {
    const { reader, rows } = rowsOf('tracking');
    return rows.map((r): Task => {
      reader.required(r, 'task');
      const updated = r.cells.updated;
      return {
        row: r.row, stage: reader.text(r, 'stage'), task: reader.text(r, 'task'), owners: splitOwners(r.cells.owner),
        planned: reader.date(r, 'plannedDate'), status: reader.option(r, 'status', TASK_STATUS),
        progress: reader.text(r, 'progress'), problem: reader.text(r, 'problem'), solution: reader.text(r, 'solution'),
        nextStep: reader.text(r, 'nextStep'), nextStepDue: reader.date(r, 'nextStepDue'),
        frequency: reader.option(r, 'frequency', FREQUENCY) ?? 'weekly',
        updated: updated instanceof Date ? time.dayOf(updated) : (reader.date(r, 'updated')?.end ?? null),
        needsHelp: reader.option(r, 'needsHelp', YES_NO) === 'yes', helpNote: reader.text(r, 'helpNote'),
        helpSince: reader.date(r, 'helpSince')?.start ?? null, decision: reader.text(r, 'decision'),
      };
    });
  })();

  const weekly = (() => {
    const { reader, rows } = rowsOf('weekly');
    return rows.map((r): WeeklyEntry => {
      reader.required(r, 'week');
      return {
        row: r.row, week: reader.date(r, 'week')?.start ?? null, owners: splitOwners(r.cells.owner),
        channel: reader.text(r, 'channel'), visits: reader.number(r, 'visits'), leads: reader.number(r, 'leads'),
        newCustomers: reader.number(r, 'newCustomers'), revenue: reader.number(r, 'revenue'), cost: reader.number(r, 'cost'),
        eventParticipants: reader.number(r, 'eventParticipants'), note: reader.text(r, 'note'),
      };
    });
  })();

  const evaluation = (() => {
    const { reader, rows } = rowsOf('evaluation');
    return rows.map((r): EvaluationRow => {
      reader.required(r, 'metric');
      const direction = parseDirection(r.cells.direction);
      if (!direction.ok) {
        problems.push({
          code: 'bad_option', severity: 'error', tab: 'evaluation', row: r.row, column: 'direction',
          value: reader.text(r, 'direction'), message: direction.error, fix: MSG.badOptionFix,
        });
      }
      const metric = reader.text(r, 'metric');
      return {
        row: r.row, dimension: reader.option(r, 'dimension', DIMENSION), metric, metricKey: metricKeyOf(metric),
        unit: reader.text(r, 'unit'), direction: direction.ok ? (direction.value ?? 'higher') : 'higher',
        target: reader.number(r, 'target'), actual: reader.number(r, 'actual'),
        targetText: reader.text(r, 'target'), actualText: reader.text(r, 'actual'), analysis: reader.text(r, 'analysis'),
      };
    });
  })();

  const costs = (() => {
    const { reader, rows } = rowsOf('costs');
    return rows.map((r): CostLine => ({
      row: r.row, category: reader.option(r, 'category', COST_CATEGORY), channel: reader.text(r, 'channel'),
      amount: reader.number(r, 'amount'), note: reader.text(r, 'note'),
    }));
  })();

  const retrospective = (() => {
    const { reader, rows } = rowsOf('retrospective');
    return rows.map((r): RetroItem => ({
      row: r.row, module: reader.text(r, 'module'), highlight: reader.text(r, 'highlight'), problem: reader.text(r, 'problem'),
      suggestion: reader.text(r, 'suggestion'), owners: splitOwners(r.cells.owner), due: reader.date(r, 'due'),
      status: reader.option(r, 'status', RETRO_STATUS) ?? 'open',
    }));
  })();

  const playbook = (() => {
    const { reader, rows } = rowsOf('playbook');
    return rows.map((r): Practice => ({
      row: r.row, practice: reader.text(r, 'practice'), evidence: reader.text(r, 'evidence'),
      sourceCycle: reader.text(r, 'sourceCycle'), tags: reader.text(r, 'tags'),
    }));
  })();

  return { settings, team, goals, strategy, tasks, weekly, evaluation, costs, retrospective, playbook, missingTabs, problems };
}
