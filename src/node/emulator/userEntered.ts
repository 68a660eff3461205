/**
 * What Sheets stores when a script writes a string with Range.setValue(s): the string is parsed as if a
 * person typed it (the Sheets API calls this USER_ENTERED) — '2023-07-20' becomes a date, '1,200' the
 * number 1200, '12%' 0.12 with a percent format, 'TRUE' a boolean — unless the cell's number format is
 * plain text ('@') or the string starts with an apostrophe. gas-fakes notes the same conversion on real
 * Apps Script (test/testsheetsvalues.js: "gas automatically detects and converts types").
 *
 * Strict where unsure: full dates (year, month, day; optional time) in ISO and in the locale's order,
 * grouped thousands, percent, currency of the locale, times of day. A month alone ('2023-07') and ranges
 * ('2023-07-10-12') stay text here; the README's "verify on a real Sheet" list names them.
 */
import { zonedTimeToDate } from './format';

export type Coerced = { v: string | number | boolean | Date; fmt?: string };

const NUMERIC_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d+)?$/;
const PERCENT_RE = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*%$/;
const ISO_DATE_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ZH_DATE_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$/;
const CURRENCY: Record<string, { symbol: string; format: string }> = {
  en_US: { symbol: '$', format: '"$"#,##0.00' },
  zh_CN: { symbol: '¥', format: '"¥"#,##0.00' },
};

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function number(text: string): number | null {
  if (NUMERIC_RE.test(text)) return Number(text);
  const grouped = GROUPED_RE.exec(text);
  if (grouped) return Number(`${grouped[1]}${grouped[2]!.replace(/,/g, '')}${grouped[3] ?? ''}`);
  return null;
}

function date(y: string, m: string, d: string, h: string | undefined, min: string | undefined, sec: string | undefined, timeZone: string): Coerced | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (!validDate(year, month, day)) return null;
  const hour = Number(h ?? 0);
  const minute = Number(min ?? 0);
  const second = Number(sec ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const withTime = h !== undefined;
  return { v: zonedTimeToDate(timeZone, year, month, day, hour, minute, second), fmt: withTime ? 'yyyy-MM-dd H:mm:ss' : 'yyyy-MM-dd' };
}

/**
 * The value Sheets stores for a string typed (or written by setValue) into a cell of `locale` and
 * `timeZone`; null when the string stays text.
 */
export function parseUserEntered(text: string, locale: string, timeZone: string): Coerced | null {
  const t = text.trim();
  if (t === '') return null;
  const plain = number(t);
  if (plain !== null) return GROUPED_RE.test(t) ? { v: plain, fmt: '#,##0.##' } : { v: plain };
  if (/^true$/i.test(t)) return { v: true };
  if (/^false$/i.test(t)) return { v: false };
  const percent = PERCENT_RE.exec(t);
  if (percent) {
    const n = number(percent[1]!);
    if (n !== null) return { v: n / 100, fmt: percent[1]!.includes('.') ? '0.00%' : '0%' };
  }
  const currency = CURRENCY[locale];
  if (currency && t.startsWith(currency.symbol)) {
    const n = number(t.slice(currency.symbol.length).trim());
    if (n !== null) return { v: n, fmt: currency.format };
  }
  const iso = ISO_DATE_RE.exec(t);
  if (iso) return date(iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5], iso[6], timeZone);
  const us = locale === 'en_US' ? US_DATE_RE.exec(t) : null;
  if (us) return date(us[3]!, us[1]!, us[2]!, us[4], us[5], us[6], timeZone);
  const zh = ZH_DATE_RE.exec(t);
  if (zh) return date(zh[1]!, zh[2]!, zh[3]!, undefined, undefined, undefined, timeZone);
  const time = TIME_RE.exec(t);
  if (time) {
    let hour = Number(time[1]);
    const minute = Number(time[2]);
    const second = Number(time[3] ?? 0);
    const half = time[4]?.toLowerCase();
    if (half) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (half === 'pm' ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return null;
    // A time of day is a date-time on Sheets' epoch day, 1899-12-30.
    return { v: zonedTimeToDate(timeZone, 1899, 12, 30, hour, minute, second), fmt: 'H:mm:ss' };
  }
  return null;
}
