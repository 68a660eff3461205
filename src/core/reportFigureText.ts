/**
 * How the report's figures read in words: a value by its kind, a gap, a reason inside a sentence, and
 * which metrics are furthest from target. Shared by the report's sections, its charts and its conclusion.
 */
import { formatNumber, formatPercent } from './format';
import { Lang, fill, pick } from './i18n';
import { ratioLabel } from './metrics';
import type { MetricFigure, ValueKind } from './report';
import { RT } from './reportText';

export function formatValue(value: number | null, kind: ValueKind): string {
  if (value === null) return '—';
  if (kind === 'percent') return formatPercent(value);
  if (kind === 'ratio') return ratioLabel(value);
  return formatNumber(value);
}

/** The gap between actual and target in words: "5", "3 percentage points", "1:1.7". */
export function gapText(m: Pick<MetricFigure, 'kind' | 'unit'>, gap: number, lang: Lang): string {
  if (m.kind === 'percent') return pick(fill(RT.points, { n: formatNumber(Math.abs(gap) * 100) }), lang);
  if (m.kind === 'ratio') return formatNumber(Math.abs(gap));
  const unit = lang === 'zh-CN' && m.unit.trim() !== '' ? ` ${m.unit.trim()}` : '';
  return `${formatNumber(Math.abs(gap))}${unit}`;
}

/** "A competitor's …" reads as "a competitor's …" inside a sentence; acronyms stay as written. */
export function inSentence(text: string, lang: Lang): string {
  const trimmed = text.trim().replace(/[.。；;]+$/, '');
  if (lang === 'zh-CN') return trimmed;
  return /^[A-Z](?![A-Z])/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
}

/** How far a metric is from its target (0 = exactly on target); metrics without a rate come last. */
function distanceFromTarget(m: MetricFigure): number {
  return m.achievement === null ? -1 : Math.abs(m.achievement - 1);
}

/** The `n` metrics furthest from their target, kept in sheet order. */
export function furthestFromTarget(metrics: readonly MetricFigure[], n: number): MetricFigure[] {
  if (metrics.length <= n) return [...metrics];
  const keep = new Set([...metrics].sort((a, b) => distanceFromTarget(b) - distanceFromTarget(a) || a.row - b.row).slice(0, n));
  return metrics.filter((m) => keep.has(m));
}
