/**
 * Growth targets (the form's "Q3华东区域销售额提升30%"): a Goals target written as a change over a baseline —
 * `+30%`, `提升30%`, `增长 30%`, `grow 30%`, `30% growth`, `降低20%`, `-20%` — rather than a figure. The target is
 * the baseline × (1 + growth): the baseline is the Goals row's Baseline when typed, else the previous cycle's
 * actual of the same metric (and owner) from the progress history. Without either it is no target at all (a
 * problem for Check data), never a guess.
 */
import { Snapshot, sameMetric } from './history';
import { MetricKey } from './catalogue';
import { personKey } from './digest';

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const PERCENT = String.raw`\s*[%％]`;

// Words that say "more than the baseline" and "less than the baseline", in both languages.
const UP_ZH = '提升|提高|增长|增加|上升|上涨|增幅';
const DOWN_ZH = '降低|减少|下降|下调|压缩|降幅';
const UP_EN = 'grow|growth|increase|raise|lift|up|more|higher|boost';
const DOWN_EN = 'cut|reduce|reduction|decrease|lower|down|less|drop';

const FORMS: readonly { readonly pattern: RegExp; readonly sign: (m: RegExpExecArray) => 1 | -1; readonly number: number }[] = [
  // +30%, -20%, ＋30％
  { pattern: new RegExp(String.raw`^\s*([+＋\-－−])\s*${NUMBER}${PERCENT}\s*$`), sign: (m) => (m[1] === '+' || m[1] === '＋' ? 1 : -1), number: 2 },
  // 提升30%, 同比增长 30%, 获客成本降低20%
  { pattern: new RegExp(String.raw`(${UP_ZH}|${DOWN_ZH})\s*${NUMBER}${PERCENT}`), sign: (m) => (new RegExp(`^(?:${DOWN_ZH})$`).test(m[1] ?? '') ? -1 : 1), number: 2 },
  // grow 30%, increase by 30%, cut cost by 20%
  { pattern: new RegExp(String.raw`\b(${UP_EN}|${DOWN_EN})\b[^0-9%％]{0,20}?${NUMBER}${PERCENT}`, 'i'), sign: (m) => (new RegExp(`^(?:${DOWN_EN})$`, 'i').test(m[1] ?? '') ? -1 : 1), number: 2 },
  // 30% growth, 20% less
  { pattern: new RegExp(String.raw`${NUMBER}${PERCENT}\s*(${UP_EN}|${DOWN_EN})\b`, 'i'), sign: (m) => (new RegExp(`^(?:${DOWN_EN})$`, 'i').test(m[2] ?? '') ? -1 : 1), number: 1 },
];

/** The growth a target cell asks for (0.3 for `+30%`, −0.2 for `降低20%`), or null when it is not a growth target. */
export function parseGrowth(cell: unknown): number | null {
  if (typeof cell !== 'string') return null;
  const text = cell.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  for (const form of FORMS) {
    const m = form.pattern.exec(text);
    if (m) {
      const value = Number(m[form.number]);
      if (Number.isFinite(value)) return (form.sign(m) * value) / 100;
    }
  }
  return null;
}

/** baseline × (1 + growth), rounded to remove floating-point noise (200 × 1.3 = 260, not 260.00000000000003). */
export function grownTarget(baseline: number, growth: number): number {
  return Math.round(baseline * (1 + growth) * 1e9) / 1e9;
}

export interface Baseline {
  readonly value: number;
  /** Where it came from: the Goals row's Baseline, or the history's last snapshot of an earlier cycle. */
  readonly source: { readonly kind: 'typed' } | { readonly kind: 'history'; readonly cycle: string };
}

/**
 * The previous cycle's actual of a metric (for `owner`, '' for the team): the latest snapshot with an actual
 * from a cycle other than `cycle`, taken before this cycle's first snapshot (so a later cycle never counts).
 */
export function historyBaseline(
  snapshots: readonly Snapshot[], cycle: string, metric: { readonly metric: string; readonly metricKey: MetricKey | null }, owner: string,
): Baseline | null {
  const mine = snapshots.filter((s) => s.cycle === cycle).map((s) => s.date);
  const before = mine.length > 0 ? Math.min(...mine) : Infinity;
  let best: Snapshot | null = null;
  for (const s of snapshots) {
    if (s.cycle === cycle || s.date > before || s.actual === null || personKey(s.owner) !== personKey(owner) || !sameMetric(s, metric)) continue;
    if (best === null || s.date > best.date || (s.date === best.date && s.row > best.row)) best = s;
  }
  return best === null || best.actual === null ? null : { value: best.actual, source: { kind: 'history', cycle: best.cycle } };
}
