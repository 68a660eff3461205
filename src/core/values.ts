/**
 * Reading what people type into cells: numbers with units and noise, dates in the forms a
 * Chinese or English team writes, owner lists and metric directions.
 *
 * The rule everywhere: a placeholder that means "no data" is blank (never zero), and text that
 * is not a value is an error that names the text; it never silently becomes a wrong value.
 */
import { bi, type Bilingual } from './i18n';
import { DIRECTION, matchOption, normalizeLabel } from './options';

export type CellValue = string | number | boolean | Date | null | undefined;

/** `value: null` means the cell is blank ("no data"), which is not an error. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly error: Bilingual };

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: Bilingual): Parsed<T> => ({ ok: false, error });

// ---------------------------------------------------------------------------------------------
// Text clean-up shared by the parsers

/** Full-width ASCII (０-９，．％：＋－／～ and letters) and the ideographic space become plain ASCII. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\u2212/g, '-'); // the typographic minus sign
}

const MAX_QUOTED_LENGTH = 60;

function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** How a cell value is quoted in an error message: short enough to read, exact enough to find. */
export function quoteForMessage(v: CellValue): string {
  let text: string;
  // Local getters: Apps Script runs in the script's time zone, so the date reads as the person typed it.
  if (v instanceof Date) text = Number.isNaN(v.getTime()) ? 'Invalid Date' : localIsoDate(v);
  else if (typeof v === 'boolean') text = v ? 'TRUE' : 'FALSE';
  else text = String(v ?? '');
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// No data

// Compared after trimming and lower-casing. The seed writes "-" where a figure does not apply.
export const NO_DATA_PLACEHOLDERS: ReadonlySet<string> = new Set(['', '-', '--', '－', '—', '——', '–', '/', '／', 'n/a', 'na', '#n/a', '无', '暂无']);

export function isNoData(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  return NO_DATA_PLACEHOLDERS.has(v.trim().toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Numbers

const notANumber = (v: CellValue): Bilingual => {
  const t = quoteForMessage(v);
  return bi(
    `"${t}" is not a number. Type a number such as 45, 12%, 215万 or 1:7.7, or leave the cell empty.`,
    `“${t}” 不是数字。请填写数字，例如 45、12%、215万 或 1:7.7，或留空。`,
  );
};

// Digits with correctly grouped thousands separators, or plain digits, with optional exponent.
// "1,2" is rejected on purpose: it may be a European decimal, and guessing would give a wrong number.
const NUMBER_BODY = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`;

/**
 * Magnitude words scale by a power of ten. 'M' is upper case only because 'm' reads as metres or minutes;
 * 'w' is the shorthand Chinese teams type for 万 (12w = 12万).
 */
export const MAGNITUDE_EXPONENT: Readonly<Record<string, number>> = {
  万亿: 12, 千万: 7, 百万: 6, 十万: 5, 万: 4, 萬: 4, 亿: 8, 億: 8, 千: 3, 百: 2, k: 3, K: 3, w: 4, W: 4, M: 6,
};
const MAGNITUDE = Object.keys(MAGNITUDE_EXPONENT).sort((a, b) => b.length - a.length).join('|');

/** What a unit word measures: money in one currency, a count of things, a time span, a score, a ratio. */
export type UnitFamily = 'money:CNY' | 'money:USD' | 'money:EUR' | 'money:GBP' | 'count' | 'day' | 'week' | 'hour' | 'score' | 'ratio';

/**
 * THE closed list of unit words a number may carry (a closed list, so that "12 or 13" or "12 abc" stay
 * errors). Words are compared lower-cased; each names what it measures, so the unit rule (units.ts) can tell
 * "45家" (a count) from "215万元" (money) and refuse to read one as the other.
 */
export const UNIT_WORDS: Readonly<Record<string, UnitFamily>> = {
  元: 'money:CNY', 块: 'money:CNY', 块钱: 'money:CNY', 人民币: 'money:CNY', rmb: 'money:CNY', cny: 'money:CNY', yuan: 'money:CNY',
  '¥': 'money:CNY', '￥': 'money:CNY',
  美元: 'money:USD', usd: 'money:USD', '$': 'money:USD', 欧元: 'money:EUR', eur: 'money:EUR', '€': 'money:EUR',
  英镑: 'money:GBP', gbp: 'money:GBP', '£': 'money:GBP',
  家: 'count', 条: 'count', 人: 'count', 次: 'count', 个: 'count', 位: 'count', 名: 'count', 户: 'count', 场: 'count',
  件: 'count', 单: 'count', 笔: 'count', 项: 'count', 台: 'count', 套: 'count', 份: 'count', 例: 'count', 人次: 'count',
  家次: 'count', 个客户: 'count', 家客户: 'count',
  customer: 'count', customers: 'count', client: 'count', clients: 'count', account: 'count', accounts: 'count',
  visit: 'count', visits: 'count', lead: 'count', leads: 'count', people: 'count', person: 'count', persons: 'count',
  deal: 'count', deals: 'count', order: 'count', orders: 'count', event: 'count', events: 'count', participant: 'count',
  participants: 'count', unit: 'count', units: 'count', pcs: 'count',
  天: 'day', 日: 'day', day: 'day', days: 'day', 周: 'week', week: 'week', weeks: 'week', 小时: 'hour', hour: 'hour', hours: 'hour',
  分: 'score', point: 'score', points: 'score', pts: 'score',
  倍: 'ratio', times: 'ratio', x: 'ratio',
};
const UNIT_WORD_PATTERN = Object.keys(UNIT_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[$]/g, '\\$'))
  .join('|');
// One or more unit words, optionally "per" another ("元/家"): checked as a whole so nothing unknown slips through.
const UNIT_SUFFIX = new RegExp(String.raw`^((?:(?:${UNIT_WORD_PATTERN})\s*)*)(?:/\s*((?:(?:${UNIT_WORD_PATTERN})\s*)+))?$`, 'i');
const UNIT_WORD = new RegExp(UNIT_WORD_PATTERN, 'gi');

// sign, currency sign or code, sign, number, percent or magnitude, then whatever follows (checked against UNIT_WORDS).
const NUMBER_WITH_NOISE = new RegExp(
  String.raw`^([+-])?\s*(¥|￥|\$|€|£|[A-Za-z]{3})?\s*([+-])?\s*(${NUMBER_BODY})\s*([%‰])?\s*(.*)$`,
);
const LEADING_MAGNITUDE = new RegExp(String.raw`^(${MAGNITUDE})\s*(.*)$`);
const CURRENCY_CODES = new Set(['rmb', 'cny', 'usd', 'eur', 'gbp']);

/**
 * A number as a person typed it, before any unit is applied: its digits, sign, magnitude and the words
 * around it. `units.ts` turns it into a figure in a cell's unit; `parseNumber` reads it without one.
 */
export interface Quantity {
  /** Digits as typed, without sign or thousands separators (e.g. "215", "1.5e3"). */
  readonly digits: string;
  readonly negative: boolean;
  /** Power of ten of a magnitude word (万 4, 亿 8, k 3, M 6), 0 when none. */
  readonly magnitude: number;
  /** Typed with % (or ‰): the number is in percent (per mille). */
  readonly percent: '' | '%' | '‰';
  /** Written 1:X. */
  readonly ratio: boolean;
  /** Unit words after the number or currency before it, lower-cased ("元", "cny", "家"); "per" words after a slash. */
  readonly words: readonly string[];
  readonly perWords: readonly string[];
  /** The cell held a number (not text): Sheets and Excel store a cell shown as 24% as 0.24. */
  readonly fromNumber: boolean;
}

/**
 * Scales by a power of ten through the decimal exponent rather than by multiplying, so that
 * "1.1万" is exactly 11000 and "12%" exactly 0.12 (1.1 × 10000 is 11000.000000000002 in floating point).
 */
export function scaleDecimal(digits: string, extraExponent: number): number {
  const [mantissa = '0', exponent = '0'] = digits.replace(/,/g, '').split(/[eE]/);
  return Number(`${mantissa}e${Number(exponent) + extraExponent}`);
}

/** The quantity's number after applying `exponent` more powers of ten (its own magnitude and percent included). */
export function quantityValue(q: Quantity, exponent = 0): number {
  const percent = q.percent === '%' ? -2 : q.percent === '‰' ? -3 : 0;
  const value = scaleDecimal(q.digits, q.magnitude + percent + exponent);
  return q.negative && value !== 0 ? -value : value;
}

function wordsOf(text: string | undefined): string[] {
  return (text ?? '').match(UNIT_WORD)?.map((w) => w.toLowerCase()) ?? [];
}

function parseQuantityText(text: string): Quantity | null {
  const ratio = /^1\s*[:：]\s*([^:：]+)$/.exec(text);
  if (ratio) {
    const inner = parseQuantityText((ratio[1] ?? '').trim());
    return inner && !inner.ratio && inner.percent === '' ? { ...inner, ratio: true } : null;
  }

  // Accounting style "(5)" is a negative number.
  const accounting = /^\(\s*([^()+-][^()]*)\)$/.exec(text);
  if (accounting) {
    const inner = parseQuantityText((accounting[1] ?? '').trim());
    return inner ? { ...inner, negative: !inner.negative } : null;
  }

  const m = NUMBER_WITH_NOISE.exec(text);
  if (!m) return null;
  const [, sign1, currency, sign2, body = '', percent, rest = ''] = m;
  if (sign1 && sign2) return null;
  if (currency && /^[A-Za-z]+$/.test(currency) && !CURRENCY_CODES.has(currency.toLowerCase())) return null;
  // A magnitude word, unless its letters start a unit word ("12 weeks" is not 12w + "eeks").
  let magnitude = '';
  let suffix: RegExpExecArray | null = null;
  const scaled = percent ? null : LEADING_MAGNITUDE.exec(rest.trim());
  if (scaled) {
    suffix = UNIT_SUFFIX.exec((scaled[2] ?? '').trim());
    if (suffix) magnitude = scaled[1] ?? '';
  }
  suffix ??= UNIT_SUFFIX.exec(rest.trim());
  if (!suffix) return null;
  const words = [...(currency ? [currency.toLowerCase()] : []), ...wordsOf(suffix[1])];
  const q: Quantity = {
    digits: body.replace(/,/g, ''), negative: sign1 === '-' || sign2 === '-', magnitude: magnitude ? (MAGNITUDE_EXPONENT[magnitude] ?? 0) : 0,
    percent: percent === '%' || percent === '‰' ? percent : '', ratio: false, words, perWords: wordsOf(suffix[2]), fromNumber: false,
  };
  return Number.isFinite(quantityValue(q)) ? q : null;
}

/** The quantity a cell holds: blank (null) for a placeholder, an error quoting the cell for anything that is not a number. */
export function parseQuantity(v: CellValue): Parsed<Quantity> {
  if (isNoData(v)) return ok(null);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail(notANumber(v));
    return ok({ digits: String(Math.abs(v)), negative: v < 0, magnitude: 0, percent: '', ratio: false, words: [], perWords: [], fromNumber: true });
  }
  if (typeof v !== 'string') return fail(notANumber(v)); // booleans and dates are not amounts
  const text = toHalfWidth(v).trim();
  if (isNoData(text)) return ok(null);
  const q = parseQuantityText(text);
  return q === null ? fail(notANumber(v)) : ok(q);
}

/**
 * A number read without a unit context (settings, thresholds): magnitude words scale it, percent text is a
 * fraction (`12%` = 0.12), `1:X` reads as X, unit words are dropped. Cells of the plan's tabs are read with
 * their unit instead (units.ts), so that `215万元` in a 万元 row is 215.
 */
export function parseNumber(v: CellValue): Parsed<number> {
  const parsed = parseQuantity(v);
  if (!parsed.ok || parsed.value === null) return parsed.ok ? ok(null) : parsed;
  return ok(quantityValue(parsed.value));
}

/**
 * A number cell as the person sees it when its number format says it is a percentage or a 1:X ratio: the
 * Sheets adapter and the .xlsx reader pass such cells on as "24%" and "1:7.7", so a percentage formatted
 * cell is read as the percentage it shows (Sheets and Excel store it as 0.24).
 */
export function withNumberFormat(value: CellValue, numberFormat: string | undefined): CellValue {
  if (typeof value !== 'number' || !numberFormat || !Number.isFinite(value)) return value;
  const unquoted = numberFormat.replace(/"[^"]*"|\\./g, '');
  if (unquoted.includes('%')) return `${Number((value * 100).toPrecision(12))}%`;
  if (/^\[[^\]]*\]\s*"1:"|^"1:"/.test(numberFormat.trim())) return `1:${Number(value.toPrecision(12))}`;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Calendar days

/** Whole days since 1970-01-01. Calendar days carry no time zone, so date arithmetic cannot drift by an hour. */
export type Day = number;

// Howard Hinnant's civil-date algorithms: exact for any proleptic Gregorian date, no Date object needed.
export function dayFromParts(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function partsOfDay(day: Day): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfMonth };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function isoFromDay(day: Day): string {
  const p = partsOfDay(day);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

export function monthOf(day: Day): string {
  return isoFromDay(day).slice(0, 7);
}

/** 0 Sunday .. 6 Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return dayFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayFromParts(year, month, 1);
}

function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Strict `YYYY-MM-DD` for values the program wrote itself; typed input goes through parseDate. */
export function dayFromIso(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (!m || !isRealDate(year, month, day)) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  return dayFromParts(year, month, day);
}

/** The calendar day of a Date in UTC: right for tests and UTC contexts; the sheet passes its own time-zone-aware dayOf. */
export function utcDayOf(d: Date): Day {
  return Math.floor(d.getTime() / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// Dates and date ranges

export interface DateSpan {
  readonly start: Day;
  readonly end: Day;
}

const notADate = (v: CellValue): Bilingual => {
  const t = quoteForMessage(v);
  return bi(
    `"${t}" is not a date. Type a date such as 2023-07-31, 2023/7/31, 7/31/2023 or 2023年7月31日, ` +
      `or a range such as 2023-07-10-12 or 2023-07-10 to 2023-07-12, or leave the cell empty.`,
    `“${t}” 不是日期。请填写日期，例如 2023-07-31、2023/7/31、7/31/2023 或 2023年7月31日，` +
      `或日期范围，例如 2023-07-10-12 或 2023-07-10 至 2023-07-12，或留空。`,
  );
};

const notARealDate = (v: CellValue, year: number, month: number): Bilingual => {
  const t = quoteForMessage(v);
  if (month < 1 || month > 12) {
    return bi(
      `"${t}" is not a real date: there is no month ${month}. Use a month from 1 to 12.`,
      `“${t}” 不是有效日期：没有 ${month} 月。月份应为 1 到 12。`,
    );
  }
  const days = daysInMonth(year, month);
  return bi(
    `"${t}" is not a real date: ${year}-${pad(month, 2)} has ${days} days.`,
    `“${t}” 不是有效日期：${year}年${month}月只有 ${days} 天。`,
  );
};

const endsBeforeStart = (v: CellValue): Bilingual => {
  const t = quoteForMessage(v);
  return bi(
    `"${t}" ends before it starts. Write the earlier date first, e.g. 2023-07-10 to 2023-07-12.`,
    `“${t}” 的结束日期早于开始日期。请先写较早的日期，例如 2023-07-10 至 2023-07-12。`,
  );
};

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}
interface Match<T> {
  readonly value: T;
  readonly rest: string;
}

// A time after a date (from ISO text or a pasted timestamp) does not change the calendar day written.
const TIME_SUFFIX = /^(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)/;

function matchFullDate(text: string): Match<DateParts> | null {
  const forms: ReadonlyArray<[RegExp, (m: RegExpExecArray) => DateParts]> = [
    [/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/, (m) => ({ year: +(m[1] ?? ''), month: +(m[3] ?? ''), day: +(m[4] ?? '') })],
    [/^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/, (m) => ({ year: +(m[1] ?? ''), month: +(m[2] ?? ''), day: +(m[3] ?? '') })],
    // US order, as Google Sheets in an English locale writes it.
    [/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/, (m) => ({ year: +(m[3] ?? ''), month: +(m[1] ?? ''), day: +(m[2] ?? '') })],
    [/^(\d{4})(\d{2})(\d{2})(?!\d)/, (m) => ({ year: +(m[1] ?? ''), month: +(m[2] ?? ''), day: +(m[3] ?? '') })],
  ];
  for (const [pattern, toParts] of forms) {
    const m = pattern.exec(text);
    if (m) {
      const rest = text.slice(m[0].length);
      return { value: toParts(m), rest: rest.replace(TIME_SUFFIX, '') };
    }
  }
  return null;
}

/** The end of a range may leave out what it shares with the start: `2023-07-10-12`, `2023/7/10-7/12`. */
function matchRangeEnd(text: string, start: DateParts): Match<DateParts> | null {
  const full = matchFullDate(text);
  if (full) return full;
  const monthDay = /^(\d{1,2})(?:[-/.]|\s*月\s*)(\d{1,2})\s*[日号]?(?!\d)/.exec(text);
  if (monthDay) {
    return { value: { year: start.year, month: +(monthDay[1] ?? ''), day: +(monthDay[2] ?? '') }, rest: text.slice(monthDay[0].length) };
  }
  const dayOnly = /^(\d{1,2})\s*[日号]?(?!\d)/.exec(text);
  if (dayOnly) return { value: { ...start, day: +(dayOnly[1] ?? '') }, rest: text.slice(dayOnly[0].length) };
  return null;
}

const RANGE_SEPARATOR = /^\s*(?:-|~|–|—|to|until|至|到)\s*/i;

function parseDateText(original: CellValue, text: string): Parsed<DateSpan> {
  const start = matchFullDate(text);
  if (!start) return fail(notADate(original));
  let end: Match<DateParts> = start;
  if (start.rest.trim() !== '') {
    const separator = RANGE_SEPARATOR.exec(start.rest);
    if (!separator) return fail(notADate(original));
    const matchedEnd = matchRangeEnd(start.rest.slice(separator[0].length), start.value);
    if (!matchedEnd || matchedEnd.rest.trim() !== '') return fail(notADate(original));
    end = matchedEnd;
  }
  for (const p of [start.value, end.value]) {
    if (p.year < 1000 || !isRealDate(p.year, p.month, p.day)) return fail(notARealDate(original, p.year, p.month));
  }
  const span = {
    start: dayFromParts(start.value.year, start.value.month, start.value.day),
    end: dayFromParts(end.value.year, end.value.month, end.value.day),
  };
  return span.end < span.start ? fail(endsBeforeStart(original)) : ok(span);
}

// Google Sheets and Excel count days from 1899-12-30; that day is 25569 days before 1970-01-01.
const SHEETS_EPOCH_OFFSET = 25569;
const LAST_SUPPORTED_DAY = dayFromParts(9999, 12, 31);

/**
 * A single date or a range. `dayOf` turns a Date from the sheet into a calendar day in the
 * spreadsheet's time zone (a Date at local midnight is the previous day in UTC east of Greenwich).
 */
export function parseDate(v: CellValue, dayOf: (d: Date) => Day): Parsed<DateSpan> {
  if (isNoData(v)) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail(notADate(v));
    const day = dayOf(v);
    return ok({ start: day, end: day });
  }
  if (typeof v === 'number') {
    // Serial 0 is an empty-looking zero, not a plausible date in a plan.
    if (!Number.isFinite(v) || v < 1) return fail(notADate(v));
    const day = Math.floor(v) - SHEETS_EPOCH_OFFSET;
    return day > LAST_SUPPORTED_DAY ? fail(notADate(v)) : ok({ start: day, end: day });
  }
  if (typeof v !== 'string') return fail(notADate(v));
  const text = toHalfWidth(v).trim();
  if (isNoData(text)) return ok(null);
  return parseDateText(v, text);
}

// ---------------------------------------------------------------------------------------------
// Owners

// "和" and " and " join two names in speech; a Chinese given name containing 和 would be split
// too, which Check data then reports as an unknown owner rather than silently dropping anyone.
const OWNER_SEPARATORS = /[、,，/／;；&＆\n\r]|\s+and\s+|和/i;

export function splitOwners(v: CellValue): string[] {
  if (isNoData(v) || typeof v === 'boolean' || v instanceof Date) return [];
  const seen = new Set<string>();
  const owners: string[] = [];
  for (const piece of String(v).split(OWNER_SEPARATORS)) {
    const name = piece.trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    owners.push(name);
  }
  return owners;
}

// ---------------------------------------------------------------------------------------------
// Metric direction

export type Direction = 'higher' | 'lower' | 'none';

/** Blank means the usual direction, higher; the seed's "-" means the metric has no rate. */
export function parseDirection(v: CellValue): Parsed<Direction> {
  if (v === null || v === undefined) return ok('higher');
  const invalid = (): Parsed<Direction> => {
    const t = quoteForMessage(v);
    return fail(bi(
      `"${t}" is not a direction. Use higher, lower or none, or leave the cell empty for higher.`,
      `“${t}” 不是有效的方向。请填写 越高越好（higher）、越低越好（lower）或 无（none），留空表示越高越好。`,
    ));
  };
  if (typeof v !== 'string') return invalid();
  if (normalizeLabel(v) === '') return ok('higher');
  // The words are the DIRECTION option set's (keys, both labels, aliases): one list for every reader.
  const direction = matchOption(DIRECTION, v);
  return direction ? ok(direction) : invalid();
}
