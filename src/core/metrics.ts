/**
 * The product's number definitions (DESIGN "The numbers"). Every report, email, check and
 * custom function computes through these, so a figure means the same thing everywhere.
 */
import { dayFromParts, daysInMonth, type Day, type Direction } from './values';
import { CALENDAR_DAYS, type Pacing } from './workCalendar';

/** Division that treats a zero divisor as "no figure" rather than Infinity. */
function divide(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finiteOrNull(numerator / denominator);
}

/**
 * 达成率. Higher is better: actual ÷ target. Lower is better (costs, cycle days): target ÷ actual,
 * so beating a budget shows above 100%. Never capped: 110% stays 110%.
 */
export function achievementRate(actual: number | null, target: number | null, direction: Direction = 'higher'): number | null {
  if (actual === null || target === null || direction === 'none') return null;
  // A zero target has no meaningful rate for either direction (DESIGN: blank when target is 0).
  if (target === 0) return null;
  return direction === 'lower' ? divide(target, actual) : divide(actual, target);
}

/** 投入产出比: revenue ÷ cost. No cost, no ratio (a ratio against zero or negative cost is meaningless). */
export function inputOutputRatio(revenue: number | null, cost: number | null): number | null {
  if (revenue === null || cost === null || cost <= 0) return null;
  return finiteOrNull(revenue / cost);
}

/** A quotient that overflows (1e300 ÷ 1e-300) is no figure anyone can use: blank, never Infinity. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

// Beyond this, decimals are meaningless and String() would switch to exponent notation.
const LARGEST_PLAIN_RATIO = 1e15;

/** `1:X` with at most one decimal and no trailing `.0`, as the seed writes it (215/28 → 1:7.7). */
export function ratioLabel(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '';
  if (Math.abs(ratio) >= LARGEST_PLAIN_RATIO) return `1:${BigInt(Math.round(ratio)).toString()}`;
  const rounded = Math.round(ratio * 10) / 10;
  return `1:${String(rounded === 0 ? 0 : rounded)}`; // avoid "1:-0"
}

/** Net ROI = (revenue − cost) ÷ cost, a fraction shown as a percentage. */
export function netRoi(revenue: number | null, cost: number | null): number | null {
  if (revenue === null || cost === null || cost <= 0) return null;
  return finiteOrNull((revenue - cost) / cost);
}

export type Status = 'on_target' | 'at_risk' | 'off_target' | 'no_data';

export const DEFAULT_AT_RISK_THRESHOLD = 0.8;

// Rates computed from percentages carry floating-point noise (0.12 / 0.15 = 0.7999999999999999);
// a rate that equals a threshold on paper must count as reaching it.
const EPSILON = 1e-9;

export function statusOf(rate: number | null, atRiskThreshold: number = DEFAULT_AT_RISK_THRESHOLD): Status {
  if (rate === null || Number.isNaN(rate)) return 'no_data';
  if (rate >= 1 - EPSILON) return 'on_target';
  if (rate >= atRiskThreshold - EPSILON) return 'at_risk';
  return 'off_target';
}

export interface MonthlyTarget {
  readonly month: string; // 'YYYY-MM'
  readonly target: number;
}

function monthBounds(month: string): { first: Day; last: Day; length: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const monthNumber = Number(m?.[2]);
  if (!m || monthNumber < 1 || monthNumber > 12) throw new RangeError(`Not a YYYY-MM month: ${month}`);
  const length = daysInMonth(year, monthNumber);
  const first = dayFromParts(year, monthNumber, 1);
  return { first, last: first + length - 1, length };
}

/**
 * The target expected by today: completed months in full, the running month pro rata by the days
 * pacing counts (calendar days, or workdays: Settings → Pacing; today counts as elapsed, so on a
 * month's last day the month counts in full), months not yet started nothing.
 */
export function expectedToDate(monthly: readonly MonthlyTarget[], today: Day, pacing: Pacing = CALENDAR_DAYS): number {
  let expected = 0;
  for (const { month, target } of monthly) {
    const { first, last } = monthBounds(month);
    if (today >= last) expected += target;
    else if (today >= first) {
      const length = pacing.count(first, last);
      expected += length === 0 ? 0 : (target * pacing.count(first, today)) / length;
    }
  }
  return expected;
}

/** Days of [start, end] elapsed by the end of `today`, inclusive, clamped to the span. */
function elapsedDays(start: Day, end: Day, today: Day, pacing: Pacing): number {
  return today < start ? 0 : pacing.count(start, Math.min(today, end));
}

/** target × elapsed ÷ total days of the span (inclusive, as pacing counts them), within [0, target]. */
export function proRataExpected(target: number, start: Day, end: Day, today: Day, pacing: Pacing = CALENDAR_DAYS): number {
  const total = end < start ? 0 : pacing.count(start, end);
  if (total <= 0) return today >= (end < start ? start : end) ? target : 0; // a reversed span is treated as a deadline at start
  return (target * elapsedDays(start, end, today, pacing)) / total;
}

/** Where the cycle ends if the pace so far continues: actual ÷ elapsed days × total days. */
export function runRateProjection(actual: number, start: Day, end: Day, today: Day, pacing: Pacing = CALENDAR_DAYS): number | null {
  if (today < start || end < start) return null;
  const elapsed = elapsedDays(start, end, today, pacing);
  const total = pacing.count(start, end);
  if (elapsed === 0 || total === 0) return null; // no day that counts has passed yet (a cycle starting on a holiday)
  return (actual / elapsed) * total;
}

/**
 * What must still be achieved per week to reach the target by `end`: 0 when already met,
 * null when no days remain after today. Less than a week left counts as one week, so the
 * figure never exceeds what is still missing.
 */
export function requiredPerWeek(target: number, actual: number, today: Day, end: Day, pacing: Pacing = CALENDAR_DAYS): number | null {
  const missing = target - actual;
  if (missing <= 0) return 0;
  const remainingDays = end <= today ? 0 : pacing.count(today + 1, end);
  if (remainingDays <= 0) return null;
  return missing / Math.max(remainingDays / pacing.perWeek, 1);
}
