/** How numbers read in everything a person sees (report, emails, dialogs): one definition. */

function trimDecimals(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** At most two decimals, thousands grouped: 1234.5 → "1,234.5", 13.548 → "13.55". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const fixed = trimDecimals(Math.abs(n).toFixed(2));
  const [whole = '0', decimals] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = n < 0 && fixed !== '0' ? '-' : '';
  return `${sign}${grouped}${decimals ? `.${decimals}` : ''}`;
}

/** A fraction as a percentage with at most one decimal: 0.9 → "90%", 1.075 → "107.5%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction) || Math.abs(fraction) > 1e12) return '—';
  const value = Math.round(fraction * 1000) / 10;
  return `${trimDecimals(value.toFixed(1))}%`;
}
