import { Bilingual, Lang, fill } from './i18n';
import { Day, dayFromParts, daysInMonth, isoFromDay, partsOfDay } from './values';

/**
 * Cycle label arithmetic for "Start next cycle": the label and dates of the cycle after this one.
 *
 * Dates: the next cycle starts the day after this one ends. A cycle that runs from the first of a month
 * to the last of a month (calendar quarters, halves, years, months, and fiscal ones) is followed by one of
 * the same number of months; any other range by one of the same number of days.
 *
 * Label: a quarter, half, year or month label (in the forms an English or Chinese team writes) moves on
 * by one, keeping the way it was written; any other label gets "(next)" / "（下一周期）".
 */
export interface CycleSpan {
  readonly label: string;
  readonly start: Day;
  readonly end: Day;
}

export type NextCycleResult = CycleSpan | { readonly error: Bilingual };

const MSG = {
  noLabel: {
    en: 'Settings → Cycle is empty. Type the label of the cycle that is ending, e.g. 2023 Q3.',
    zh: '“设置 → 周期”为空。请填写即将结束的周期标签，例如 2023 Q3。',
  },
  noStart: {
    en: 'Settings → Cycle start is missing or not a date. Type the first day of the cycle, e.g. 2023-07-01.',
    zh: '“设置 → 周期开始”为空或不是日期。请填写周期第一天，例如 2023-07-01。',
  },
  noEnd: {
    en: 'Settings → Cycle end is missing or not a date. Type the last day of the cycle, e.g. 2023-09-30.',
    zh: '“设置 → 周期结束”为空或不是日期。请填写周期最后一天，例如 2023-09-30。',
  },
  endBeforeStart: {
    en: 'Settings → Cycle end ({end}) is before Cycle start ({start}). Correct the dates so the cycle ends on or after its first day.',
    zh: '“设置 → 周期结束”（{end}）早于“周期开始”（{start}）。请修改日期，使周期结束日不早于开始日。',
  },
} as const satisfies Record<string, Bilingual>;

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** One recognised label form: how to read it and how to write the next one in the same style. */
interface LabelForm {
  readonly pattern: RegExp;
  readonly next: (m: RegExpExecArray) => string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Rewrites a month number the way the original wrote it (zero-padded or not). */
const monthLike = (original: string, month: number): string => (original.length === 2 ? pad2(month) : String(month));

const LABEL_FORMS: readonly LabelForm[] = [
  // 2023 Q3, 2023Q3, 2023-Q3, FY2023 Q3, 2023年Q3, 2023年 Q3
  {
    pattern: /^(\D*?)(\d{4})(\s*年?\s*[-/_.]?\s*)([Qq])([1-4])(\s*)$/,
    next: (m) => {
      const [year, q] = [Number(m[2]), Number(m[5])];
      return `${m[1]}${q === 4 ? year + 1 : year}${m[3]}${m[4]}${q === 4 ? 1 : q + 1}${m[6]}`;
    },
  },
  // Q3 2023, Q3-2023, Q3/2023
  {
    pattern: /^([Qq])([1-4])(\s*[-/_.]?\s*)(\d{4})(\s*)$/,
    next: (m) => {
      const [q, year] = [Number(m[2]), Number(m[4])];
      return `${m[1]}${q === 4 ? 1 : q + 1}${m[3]}${q === 4 ? year + 1 : year}${m[5]}`;
    },
  },
  // 2023年第三季度, 2023年第3季度, 2023年三季度, 2023第三季度
  {
    pattern: /^(\d{4})(\s*年?\s*第?\s*)([一二三四1-4])(\s*季度?\s*)$/,
    next: (m) => {
      const raw = m[3] ?? '';
      const q = /\d/.test(raw) ? Number(raw) : CN_DIGITS.indexOf(raw);
      const nextQ = q === 4 ? 1 : q + 1;
      return `${Number(m[1]) + (q === 4 ? 1 : 0)}${m[2]}${/\d/.test(raw) ? String(nextQ) : CN_DIGITS[nextQ]}${m[4]}`;
    },
  },
  // 2024 H1, 2024H2, 2024-H1, FY2024 H1, H1 2024
  {
    pattern: /^(\D*?)(\d{4})(\s*年?\s*[-/_.]?\s*)([Hh])([12])(\s*)$/,
    next: (m) => {
      const [year, h] = [Number(m[2]), Number(m[5])];
      return `${m[1]}${h === 2 ? year + 1 : year}${m[3]}${m[4]}${h === 2 ? 1 : 2}${m[6]}`;
    },
  },
  {
    pattern: /^([Hh])([12])(\s*[-/_.]?\s*)(\d{4})(\s*)$/,
    next: (m) => {
      const [h, year] = [Number(m[2]), Number(m[4])];
      return `${m[1]}${h === 2 ? 1 : 2}${m[3]}${h === 2 ? year + 1 : year}${m[5]}`;
    },
  },
  // 2024年上半年 / 2024年下半年
  {
    pattern: /^(\d{4})(\s*年?\s*)([上下])(半年度?\s*)$/,
    next: (m) => (m[3] === '上' ? `${m[1]}${m[2]}下${m[4]}` : `${Number(m[1]) + 1}${m[2]}上${m[4]}`),
  },
  // 2023-07, 2023/7, 2023.07, 2023年7月, 2023年07月
  {
    pattern: /^(\d{4})(\s*[-/.]\s*)(\d{1,2})(\s*)$/,
    next: (m) => {
      const [year, month] = [Number(m[1]), Number(m[3])];
      if (month < 1 || month > 12) return '';
      return `${month === 12 ? year + 1 : year}${m[2]}${monthLike(m[3] ?? '', month === 12 ? 1 : month + 1)}${m[4]}`;
    },
  },
  {
    pattern: /^(\d{4})(\s*年\s*)(\d{1,2})(\s*月份?\s*)$/,
    next: (m) => {
      const [year, month] = [Number(m[1]), Number(m[3])];
      if (month < 1 || month > 12) return '';
      return `${month === 12 ? year + 1 : year}${m[2]}${monthLike(m[3] ?? '', month === 12 ? 1 : month + 1)}${m[4]}`;
    },
  },
  // 2023, FY2023, 2023年, 2023年度, 2023 annual
  {
    pattern: /^(\D*?)(\d{4})(\s*(?:年度?|fy|annual|year)?\s*)$/i,
    next: (m) => `${m[1]}${Number(m[2]) + 1}${m[3]}`,
  },
];

const NEXT_SUFFIX = { en: ' (next)', zh: '（下一周期）' } as const;

/** `Pilot` → `Pilot (next)`, `Pilot (next)` → `Pilot (next 2)`, and the same in Chinese. */
function customNextLabel(label: string, lang: Lang): string {
  const en = /^(.*) \(next(?: (\d+))?\)$/.exec(label);
  if (en) return `${en[1]} (next ${en[2] ? Number(en[2]) + 1 : 2})`;
  const zh = /^(.*)（下一周期(?: ?(\d+))?）$/.exec(label);
  if (zh) return `${zh[1]}（下一周期 ${zh[2] ? Number(zh[2]) + 1 : 2}）`;
  return `${label}${lang === 'zh-CN' ? NEXT_SUFFIX.zh : NEXT_SUFFIX.en}`;
}

/** The label after `label`, or null when it is not one of the recognised forms. */
export function nextLabel(label: string): string | null {
  const text = label.trim();
  for (const form of LABEL_FORMS) {
    const m = form.pattern.exec(text);
    if (m) {
      const next = form.next(m);
      if (next !== '') return next;
    }
  }
  return null;
}

/** Adds whole months to the first day of a month. */
function addMonths(year: number, month: number, count: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The number of whole months from start to end when the range runs from a 1st to a month's last day. */
export function wholeMonths(start: Day, end: Day): number | null {
  const s = partsOfDay(start);
  const e = partsOfDay(end);
  if (s.day !== 1 || e.day !== daysInMonth(e.year, e.month)) return null;
  const months = (e.year - s.year) * 12 + (e.month - s.month) + 1;
  return months >= 1 ? months : null;
}

/** Dates of the period that follows [start, end], of the same length in months (month-aligned) or days. */
export function nextRange(start: Day, end: Day): { start: Day; end: Day } {
  const nextStart = end + 1;
  const months = wholeMonths(start, end);
  if (months !== null) {
    const first = partsOfDay(nextStart);
    const last = addMonths(first.year, first.month, months - 1);
    return { start: nextStart, end: dayFromParts(last.year, last.month, daysInMonth(last.year, last.month)) };
  }
  return { start: nextStart, end: nextStart + (end - start) };
}

/** The cycle after this one, or a bilingual message saying what to fix in Settings. */
export function nextCycle(label: string, start: Day | null, end: Day | null, lang: Lang = 'en'): NextCycleResult {
  const text = label.trim();
  if (text === '') return { error: MSG.noLabel };
  if (start === null) return { error: MSG.noStart };
  if (end === null) return { error: MSG.noEnd };
  if (end < start) return { error: fill(MSG.endBeforeStart, { start: isoFromDay(start), end: isoFromDay(end) }) };
  const range = nextRange(start, end);
  return { label: nextLabel(text) ?? customNextLabel(text, lang), ...range };
}

/** Month shift between two cycles (how far monthly goal periods move): months from one start to the other. */
export function monthsBetween(from: Day, to: Day): number {
  const a = partsOfDay(from);
  const b = partsOfDay(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** `2023-07` moved by `count` months. */
export function shiftMonth(month: string, count: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const moved = addMonths(Number(m[1]), Number(m[2]), count);
  return `${moved.year}-${pad2(moved.month)}`;
}
