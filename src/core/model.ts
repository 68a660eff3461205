import { MetricKey, defaultDirection, metricInfo, metricKeyOf } from './catalogue';
import { Bilingual, Lang, fill } from './i18n';
import {
  CHAT_MODE, COST_CATEGORY, DIMENSION, Dimension, FREQUENCY, Frequency, LANGUAGE, MODE, OptionSet, PACING, PLAYBOOK_STATUS, PlaybookStatus, RETRO_STATUS, RetroStatus,
  TASK_STATUS, TaskStatus, WEEKDAY, WORK_CALENDAR, YES_NO, matchOption,
} from './options';
import { Problem } from './problems';
import { ColumnSpec, SETTINGS, SETTINGS_TAB, SettingKey, SettingSpec, TABS, TabKey, tabSpec } from './schema';
import { TableRow, isBlankCell, readTable } from './table';
import {
  COUNT, Unit, ValueKind, carriesUnit, catalogueUnit, evaluationUnit, inferredUnit, kindOf, moneyUnit, quantityIn,
} from './units';
import {
  CellValue, DateSpan, Day, Direction, Quantity, isNoData, isoFromDay, parseDate, parseDirection, parseNumber, parseQuantity,
  quoteForMessage, splitOwners, utcDayOf,
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
  /** Settings → Plan review thresholds (fractions): growth margin over history's best, and how far below last cycle's actual. */
  readonly planGrowthMargin: number;
  readonly planShortfallMargin: number;
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
/** Column keys of a row whose cell could not be read as a figure: what depends on them is "check data", never a number. */
export type Invalid = readonly string[];

export interface Goal {
  readonly row: number; readonly metric: string; readonly metricKey: MetricKey | null; readonly period: Period | null;
  readonly target: number | null; readonly owners: readonly string[]; readonly note: string;
  /** The unit the target is read in (its metric's Evaluation row, else the catalogue's). */
  readonly unit: Unit; readonly invalid: Invalid;
}
export interface StrategyLine {
  readonly row: number; readonly channel: string; readonly action: string; readonly budget: number | null;
  readonly staffing: string; readonly differentiator: string; readonly owners: readonly string[]; readonly invalid: Invalid;
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
  readonly note: string; readonly invalid: Invalid;
}
export interface EvaluationRow {
  readonly row: number; readonly dimension: Dimension | null; readonly metric: string; readonly metricKey: MetricKey | null;
  /** The Unit cell as typed ('' when blank). */
  readonly unit: string;
  /** The unit target and actual are read in: the Unit cell, else the catalogue's, else what the cells say (% or 1:X). */
  readonly unitOf: Unit;
  readonly kind: ValueKind;
  readonly direction: Direction; readonly target: number | null; readonly actual: number | null;
  readonly targetText: string; readonly actualText: string; readonly analysis: string;
  /** target, actual, direction or unit when that cell could not be read: the row's achievement is then "check data". */
  readonly invalid: Invalid;
}
export interface CostLine {
  readonly row: number; readonly category: string | null; readonly channel: string; readonly amount: number | null;
  readonly note: string; readonly invalid: Invalid;
}
export interface RetroItem {
  readonly row: number; readonly module: string; readonly highlight: string; readonly problem: string;
  readonly suggestion: string; readonly owners: readonly string[]; readonly due: DateSpan | null;
  readonly status: RetroStatus;
}
export interface Practice {
  readonly row: number; readonly practice: string; readonly evidence: string; readonly sourceCycle: string;
  readonly tags: string;
  readonly howToApply: string;
  /** Playbook → Status: blank reads as active. */
  readonly status: PlaybookStatus;
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
  unitFixNumber: { en: 'Type a number in {unit} (a plain number is read in {unit}; 215万 or 2,150,000元 are converted), or leave it empty.', zh: '请填写以“{unit}”为单位的数字（纯数字即按“{unit}”读取；215万、2,150,000元 等会自动换算），或留空。' },
  unitFixPlain: { en: 'Type a number such as 45, 12%, 215万 or 1:7.7, or leave it empty.', zh: '请填写数字，例如 45、12%、215万 或 1:7.7，或留空。' },
  unitFixCount: { en: 'Type a count such as 45 (45家 and 1.2万 are read too), or leave it empty.', zh: '请填写数量，例如 45（也可写 45家、1.2万），或留空。' },
  unitFixPercent: { en: 'Type a percentage such as 12% (or 12), or leave it empty.', zh: '请填写百分比，例如 12%（或 12），或留空。' },
  unitFixRatio: { en: 'Type a ratio such as 1:7.7 (or 7.7), or leave it empty.', zh: '请填写比值，例如 1:7.7（或 7.7），或留空。' },
  ambiguousFix: { en: 'If that is right, type it with its % sign (e.g. 24%) so it reads the same everywhere; otherwise correct "{value}".', zh: '如读法正确，请连同 % 号填写（例如 24%），以免歧义；否则请更正“{value}”。' },
  noCurrencyUnit: {
    en: 'Settings → Currency unit is blank, so "{value}" is read as {read} and plain amounts as they are typed.',
    zh: '“设置 → 金额单位”为空，因此“{value}”读作 {read}，纯数字金额按原样读取。',
  },
  noCurrencyUnitFix: { en: 'Fill Settings → Currency unit (e.g. 万元 or CNY) so every amount is read in it.', zh: '请填写“设置 → 金额单位”（例如 万元 或 元），使所有金额按同一单位读取。' },
  negativeAmount: { en: '"{value}" is negative; it is counted as a refund or credit.', zh: '“{value}”为负数，按退款或冲减计入。' },
  negativeAmountFix: { en: 'If it is not a refund, correct the amount.', zh: '如不是退款，请更正金额。' },
  negativeCount: { en: '"{value}" is negative, and a count cannot be.', zh: '“{value}”为负数，数量不能为负。' },
  negativeCountFix: { en: 'Type the count as 0 or more.', zh: '请填写 0 或更大的数量。' },
  unitNeeded: {
    en: 'Unit is blank and the metric is not one the tracker knows, but {withUnit} is typed with a unit and {plain} is not, so they cannot be compared.',
    zh: '“单位”为空且该指标不在指标库中，但{withUnit}带有单位而{plain}没有，无法比较。',
  },
  unitNeededFix: { en: 'Fill Unit (e.g. 万元, 家 or %), or type both figures the same way.', zh: '请填写“单位”（例如 万元、家 或 %），或两个数值采用相同写法。' },
} as const satisfies Record<string, Bilingual>;

/** How to fix a cell that could not be read in `unit`. */
function unitFix(unit: Unit): Bilingual {
  if (unit.family === 'percent') return MSG.unitFixPercent;
  if (unit.family === 'ratio') return MSG.unitFixRatio;
  if (unit.text !== '') return fill(MSG.unitFixNumber, { unit: unit.text });
  return unit.family === 'count' ? MSG.unitFixCount : MSG.unitFixPlain;
}


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

  /** The cell as a number without a unit context (settings-like cells). */
  number(row: TableRow, key: string): number | null {
    const parsed = parseNumber(row.cells[key]);
    if (parsed.ok) return parsed.value;
    this.badNumber(row, key, parsed.error, MSG.badNumberFix);
    return null;
  }

  /** The cell read in `unit` (units.ts); a cell that cannot be read is a problem and marks the row's column invalid. */
  measure(row: TableRow, key: string, unit: Unit, invalid: string[], quantity?: Quantity | null): number | null {
    const cell = row.cells[key];
    const q = quantity === undefined ? parseQuantity(cell) : { ok: true as const, value: quantity };
    if (!q.ok) {
      this.badNumber(row, key, q.error, unitFix(unit));
      invalid.push(key);
      return null;
    }
    if (q.value === null) return null;
    const reading = quantityIn(cell, q.value, unit);
    if (!reading.ok) {
      this.badNumber(row, key, reading.error, unitFix(unit));
      invalid.push(key);
      return null;
    }
    if (reading.warning) this.push('ambiguous_value', 'warning', row, key, reading.warning, fill(MSG.ambiguousFix, { value: this.text(row, key) }));
    else if (unit.money && unit.text === '' && carriesUnit(q.value)) {
      this.push('ambiguous_value', 'warning', row, key, fill(MSG.noCurrencyUnit, { value: this.text(row, key), read: String(reading.value) }), MSG.noCurrencyUnitFix);
    }
    return reading.value;
  }

  /** A money or count cell: read in its unit; a negative count is an error, a negative amount a warning (a refund?). */
  amount(row: TableRow, key: string, unit: Unit, invalid: string[]): number | null {
    const value = this.measure(row, key, unit, invalid);
    if (value === null || value >= 0) return value;
    if (unit.money) {
      this.push('negative_amount', 'warning', row, key, fill(MSG.negativeAmount, { value: this.text(row, key) }), MSG.negativeAmountFix);
      return value;
    }
    this.push('negative_amount', 'error', row, key, fill(MSG.negativeCount, { value: this.text(row, key) }), MSG.negativeCountFix);
    invalid.push(key);
    return null;
  }

  private badNumber(row: TableRow, key: string, error: Bilingual, fix: Bilingual): void {
    this.push('bad_number', 'error', row, key, error, fix);
  }

  /** A problem of one cell; the message starts with the column's header, so every list names the column it quotes. */
  push(code: Problem['code'], severity: Problem['severity'], row: TableRow, key: string, message: Bilingual, fix: Bilingual): void {
    const header = headerText(this.tab, key);
    this.problems.push({
      code, severity, tab: this.tab, row: row.row, column: key, value: this.text(row, key),
      message: { en: `${header.en}: ${message.en}`, zh: `“${header.zh}”：${message.zh}` }, fix,
    });
  }

  date(row: TableRow, key: string): DateSpan | null {
    const parsed = parseDate(row.cells[key], this.time.dayOf);
    if (parsed.ok) return parsed.value;
    this.push('bad_date', 'error', row, key, parsed.error, MSG.badDateFix);
    return null;
  }

  option<K extends string>(row: TableRow, key: string, options: OptionSet<K>): K | null {
    const text = this.text(row, key);
    if (text === '' || isNoData(text)) return null;
    const hit = matchOption(options, text);
    if (hit === null) {
      this.push('bad_option', 'error', row, key,
        { en: fill(MSG.badOption, { value: text, choices: choices(options, 'en') }).en, zh: fill(MSG.badOption, { value: text, choices: choices(options, 'zh') }).zh },
        MSG.badOptionFix);
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
    planGrowthMargin: number('planGrowthMargin', 0, 100),
    planShortfallMargin: number('planShortfallMargin', 0, 1),
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

  const money = moneyUnit(settings.currencyUnit);

  const evaluation = (() => {
    const { reader, rows } = rowsOf('evaluation');
    return rows.map((r): EvaluationRow => {
      reader.required(r, 'metric');
      const metric = reader.text(r, 'metric');
      const metricKey = metricKeyOf(metric);
      const invalid: string[] = [];
      // A blank Dimension, Unit or Direction of a catalogue metric takes the catalogue's.
      const dimensionText = reader.text(r, 'dimension');
      if (metricKey === null) reader.required(r, 'dimension');
      const dimension = reader.option(r, 'dimension', DIMENSION) ?? (dimensionText === '' && metricKey ? metricInfo(metricKey).dimension : null);
      let direction: Direction;
      if (reader.text(r, 'direction') === '') {
        direction = defaultDirection(metric);
      } else {
        const parsed = parseDirection(r.cells.direction);
        if (!parsed.ok) {
          reader.push('bad_option', 'error', r, 'direction', parsed.error, MSG.badOptionFix);
          invalid.push('direction');
        }
        direction = parsed.ok ? (parsed.value ?? 'higher') : 'higher';
      }
      const unitText = reader.text(r, 'unit');
      const { unit, unitMissing } = evaluationUnit(unitText, metric, settings.currencyUnit, r.cells.target, r.cells.actual);
      if (unitMissing !== null) {
        // Without a unit, "215万" against "200" could be 215万 against 200 or 200万: say so rather than guess.
        const withUnit = unitMissing === 'target' ? 'actual' : 'target';
        const name = (key: string): Bilingual => headerText('evaluation', key);
        const what = (lang: 'en' | 'zh', key: string): string =>
          lang === 'en' ? `${name(key).en} "${quoteForMessage(r.cells[key])}"` : `“${name(key).zh}”（${quoteForMessage(r.cells[key])}）`;
        reader.push('unit_missing', 'error', r, 'unit', {
          en: fill(MSG.unitNeeded, { withUnit: what('en', withUnit), plain: what('en', unitMissing) }).en,
          zh: fill(MSG.unitNeeded, { withUnit: what('zh', withUnit), plain: what('zh', unitMissing) }).zh,
        }, MSG.unitNeededFix);
        invalid.push('unit');
      }
      const targetQ = parseQuantity(r.cells.target);
      const actualQ = parseQuantity(r.cells.actual);
      const target = reader.measure(r, 'target', unit, invalid, targetQ.ok ? targetQ.value : undefined);
      const actual = reader.measure(r, 'actual', unit, invalid, actualQ.ok ? actualQ.value : undefined);
      return {
        row: r.row, dimension, metric, metricKey, unit: unitText, unitOf: unit, kind: kindOf(unit), direction,
        target: invalid.includes('unit') ? null : target, actual: invalid.includes('unit') ? null : actual,
        targetText: reader.text(r, 'target'), actualText: reader.text(r, 'actual'), analysis: reader.text(r, 'analysis'), invalid,
      };
    });
  })();

  /** A Goals target is in its metric's unit: the Evaluation row's, else the catalogue's, else what the cell says. */
  const goalUnit = (metric: string, key: MetricKey | null, cell: CellValue): Unit => {
    const name = metric.trim().toLowerCase();
    const row = evaluation.find((e) => (key !== null && e.metricKey === key) || e.metric.trim().toLowerCase() === name);
    if (row && !row.invalid.includes('unit')) return row.unitOf;
    if (key !== null) return catalogueUnit(key, settings.currencyUnit);
    const q = parseQuantity(cell);
    return inferredUnit([q.ok ? q.value : null]);
  };

  const goals = (() => {
    const { reader, rows } = rowsOf('goals');
    return rows.map((r): Goal => {
      reader.required(r, 'metric');
      const periodText = reader.text(r, 'period');
      const period = periodOf(periodText, settings.cycle);
      if (period === null) {
        reader.push('bad_date', 'error', r, 'period', fill(MSG.badPeriod, { value: periodText }),
          { en: `Type ${settings.cycle || 'the cycle label'} or a month such as 2023-07.`, zh: `请填写 ${settings.cycle || '周期标签'} 或 2023-07 这样的月份。` });
      }
      const metric = reader.text(r, 'metric');
      const metricKey = metricKeyOf(metric);
      const unit = goalUnit(metric, metricKey, r.cells.target);
      const invalid: string[] = [];
      return {
        row: r.row, metric, metricKey, period, target: reader.measure(r, 'target', unit, invalid),
        owners: splitOwners(r.cells.owner), note: reader.text(r, 'note'), unit, invalid,
      };
    });
  })();

  const strategy = (() => {
    const { reader, rows } = rowsOf('strategy');
    return rows.map((r): StrategyLine => {
      const invalid: string[] = [];
      return {
        row: r.row, channel: reader.text(r, 'channel'), action: reader.text(r, 'action'), budget: reader.amount(r, 'budget', money, invalid),
        staffing: reader.text(r, 'staffing'), differentiator: reader.text(r, 'differentiator'), owners: splitOwners(r.cells.owner), invalid,
      };
    });
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
      const invalid: string[] = [];
      return {
        row: r.row, week: reader.date(r, 'week')?.start ?? null, owners: splitOwners(r.cells.owner),
        channel: reader.text(r, 'channel'), visits: reader.amount(r, 'visits', COUNT, invalid), leads: reader.amount(r, 'leads', COUNT, invalid),
        newCustomers: reader.amount(r, 'newCustomers', COUNT, invalid), revenue: reader.amount(r, 'revenue', money, invalid),
        cost: reader.amount(r, 'cost', money, invalid), eventParticipants: reader.amount(r, 'eventParticipants', COUNT, invalid),
        note: reader.text(r, 'note'), invalid,
      };
    });
  })();

  const costs = (() => {
    const { reader, rows } = rowsOf('costs');
    return rows.map((r): CostLine => {
      const invalid: string[] = [];
      return {
        row: r.row, category: reader.option(r, 'category', COST_CATEGORY), channel: reader.text(r, 'channel'),
        amount: reader.amount(r, 'amount', money, invalid), note: reader.text(r, 'note'), invalid,
      };
    });
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
      sourceCycle: reader.text(r, 'sourceCycle'), tags: reader.text(r, 'tags'), howToApply: reader.text(r, 'howToApply'),
      status: reader.option(r, 'status', PLAYBOOK_STATUS) ?? 'active',
    }));
  })();

  return { settings, team, goals, strategy, tasks, weekly, evaluation, costs, retrospective, playbook, missingTabs, problems };
}
