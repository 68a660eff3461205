/**
 * The product's number definitions (DESIGN "The numbers"). Every report, email, check and
 * custom function computes through these, so a figure means the same thing everywhere.
 */
import { type MetricStatus } from './options';
import { dayFromParts, daysInMonth, type Day, type Direction } from './values';
import { CALENDAR_DAYS, type Pacing } from './workCalendar';

/** Division that treats a zero divisor as "no figure" rather than Infinity. */
function divide(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finiteOrNull(numerator / denominator);
}

/**
 * An achievement rate beyond this (100,000%) is no figure anyone can use: it comes from a unit typed wrong or a
 * target of almost 0. It is blank with a Check data problem, never printed.
 */
export const MAX_RATE = 1000;
/** An input-output ratio beyond 1:10,000 is a unit error (revenue in 元 against cost in 万元), not a result. */
export const MAX_RATIO = 10_000;

/**
 * 达成率. Higher is better: actual ÷ target. Lower is better (costs, cycle days): target ÷ actual,
 * so beating a budget shows above 100%. Never capped: 110% stays 110%.
 */
export function achievementRate(actual: number | null, target: number | null, direction: Direction = 'higher'): number | null {
  if (actual === null || target === null || direction === 'none') return null;
  // A zero target has no meaningful rate for either direction (DESIGN: blank when target is 0).
  if (target === 0) return null;
  const rate = direction === 'lower' ? divide(target, actual) : divide(actual, target);
  return rate === null || Math.abs(rate) > MAX_RATE ? null : rate;
}

/** The rate when it is beyond MAX_RATE (for the message that says so), else null. */
export function rateBeyondLimit(actual: number | null, target: number | null, direction: Direction = 'higher'): number | null {
  if (actual === null || target === null || direction === 'none' || target === 0 || actual === 0) return null;
  const rate = direction === 'lower' ? target / actual : actual / target;
  return Math.abs(rate) > MAX_RATE ? rate : null;
}

/** 投入产出比: revenue ÷ cost. No cost, no ratio (a ratio against zero or negative cost is meaningless). */
export function inputOutputRatio(revenue: number | null, cost: number | null): number | null {
  if (revenue === null || cost === null || cost < NEAR_ZERO) return null;
  const ratio = finiteOrNull(revenue / cost);
  // A revenue that is not 0 but vanishes against the cost (1e-300 ÷ 1e8) would read as 1:0: no figure either.
  if (ratio !== null && revenue !== 0 && Math.abs(ratio) < NEAR_ZERO) return null;
  return ratio === null || Math.abs(ratio) > MAX_RATIO ? null : ratio;
}

/** A cost or ratio below this is 0 for any purpose: dividing by it (1 ÷ 5e-324) is no figure. */
const NEAR_ZERO = 1e-9;
/** No quotient the product shows (a cost per customer, an order value) is beyond the unit rule's 10^15. */
const LARGEST_QUOTIENT = 1e15;

/**
 * A derived figure n ÷ d (lead conversion, average order value, acquisition cost): blank when d is 0 or
 * vanishingly small (18 ÷ 1e-307 is no cost per customer) or the result is beyond any real figure.
 */
export function quotientOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || Math.abs(denominator) < NEAR_ZERO) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) && Math.abs(value) <= LARGEST_QUOTIENT ? value : null;
}

/** The ratio when it is beyond MAX_RATIO (for the message that says so), else null. */
export function ratioBeyondLimit(revenue: number | null, cost: number | null): number | null {
  if (revenue === null || cost === null || cost < NEAR_ZERO) return null;
  const ratio = revenue / cost;
  return Math.abs(ratio) > MAX_RATIO ? ratio : null;
}

/** A quotient that overflows (1e300 ÷ 1e-300) is no figure anyone can use: blank, never Infinity. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

// Beyond this, decimals are meaningless and String() would switch to exponent notation.
const LARGEST_PLAIN_RATIO = 1e15;

/**
 * `1:X` as the seed writes it: at most one decimal and no trailing `.0` (215/28 → 1:7.7, 60/10 → 1:6); a ratio
 * below 1 keeps two significant digits, so a small return never reads as 1:0 (0.5/28 → 1:0.018).
 */
export function ratioLabel(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '';
  if (Math.abs(ratio) >= LARGEST_PLAIN_RATIO) return `1:${BigInt(Math.round(ratio)).toString()}`;
  const size = Math.abs(ratio);
  if (size >= 0.95) {
    const rounded = Math.round(ratio * 10) / 10;
    return `1:${String(rounded === 0 ? 0 : rounded)}`; // avoid "1:-0"
  }
  // Below 10^-12 a ratio is 0 for any purpose; above, two significant digits written out (never 1e-7).
  if (size < 1e-12) return '1:0';
  const decimals = 1 - Math.floor(Math.log10(size));
  return `1:${ratio.toFixed(decimals).replace(/(\.\d*?[1-9])0+$/, '$1')}`;
}

/** Net ROI = (revenue − cost) ÷ cost, a fraction shown as a percentage. */
export function netRoi(revenue: number | null, cost: number | null): number | null {
  if (inputOutputRatio(revenue, cost) === null) return null;
  return finiteOrNull((revenue! - cost!) / cost!);
}

/** A metric's status: one of METRIC_STATUS (options.ts). */
export type Status = MetricStatus;

/** While the cycle runs, figures are compared with what is expected by today; once it has ended, with the full target. */
export type CyclePhase = 'running' | 'ended';

/**
 * The cycle's phase on `today`: ended from its last day on (the full target is due that day), and when the
 * cycle has no end date (nothing to pace against, so the full target applies).
 */
export function cyclePhase(cycleEnd: Day | null, today: Day): CyclePhase {
  return cycleEnd === null || today >= cycleEnd ? 'ended' : 'running';
}

export const DEFAULT_AT_RISK_THRESHOLD = 0.8;

// Rates computed from percentages carry floating-point noise (0.12 / 0.15 = 0.7999999999999999);
// a rate that equals a threshold on paper must count as reaching it.
export const STATUS_EPSILON = 1e-9;

/** A rate, blank (no data), or 'unreadable' when a cell it depends on could not be read. */
export type RateInput = number | null | 'unreadable';

/**
 * THE status rule, used by every figure the product shows (sheet formulas follow the same steps): a cell that is
 * not a number → check data; no rate → no data; after the cycle → met when the rate reaches 100%, else missed;
 * during the cycle (the rate taken against the target expected by today) → on track from 100%, at risk from the
 * at-risk threshold, else off track.
 */
export function statusOf(rate: RateInput, phase: CyclePhase, atRiskThreshold: number = DEFAULT_AT_RISK_THRESHOLD): Status {
  if (rate === 'unreadable') return 'check_data';
  if (rate === null || Number.isNaN(rate)) return 'no_data';
  if (!Number.isFinite(rate)) return 'check_data';
  if (phase === 'ended') return rate >= 1 - STATUS_EPSILON ? 'met' : 'missed';
  if (rate >= 1 - STATUS_EPSILON) return 'on_track';
  if (rate >= atRiskThreshold - STATUS_EPSILON) return 'at_risk';
  return 'off_track';
}

/** True for the statuses that call for attention (behind while running, or missed at the end). */
export function isBehind(status: Status): boolean {
  return status === 'at_risk' || status === 'off_track' || status === 'missed';
}

/** True for met and on track. */
export function isOnTarget(status: Status): boolean {
  return status === 'met' || status === 'on_track';
}

/** Share of [start, end] elapsed by the end of `today`, from 0 to 1 (1 for a reversed span once it starts). */
export function elapsedShare(start: Day, end: Day, today: Day): number {
  const total = end - start + 1;
  if (total <= 0) return today >= start ? 1 : 0;
  // Calendar days, whatever Settings → Pacing says: the sheet's Status formula paces by TODAY() and the cycle dates.
  return elapsedDays(start, end, today, CALENDAR_DAYS) / total;
}

/**
 * How a rate against the full target becomes a rate against the target expected by today: a total where higher
 * is better is divided by the elapsed share (10 of 50 on a fifth of the cycle is on track), a total where lower is
 * better (a cost against its budget) multiplied by it, and a rate, average or ratio is compared as it stands (0).
 */
export type PaceExponent = -1 | 0 | 1;

export function paceExponent(cumulative: boolean, direction: Direction): PaceExponent {
  if (!cumulative || direction === 'none') return 0;
  return direction === 'lower' ? -1 : 1;
}

/** The rate against the target expected by today (see PaceExponent); null before anything is expected. */
export function pacedRate(rate: number | null, share: number, exponent: PaceExponent): number | null {
  if (rate === null || exponent === 0) return rate;
  if (share <= 0) return null;
  return exponent > 0 ? rate / share : rate * share;
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
