/**
 * The offline template's formulas: Excel / WPS / LibreOffice built-ins only (no custom functions, no
 * dynamic arrays, no LET), written as the IF/IFERROR equivalents of ACHIEVEMENT_RATE and ROI.
 *
 * Every column letter comes from the schema's column order, and every label compared in a formula comes
 * from the option sets, so the formulas follow the schema rather than a copy of it.
 */
import { Lang, pick } from '../../core/i18n';
import { METRIC_STATUS } from '../../core/options';
import { directionWords, isOneOf, quote } from '../../core/sheetFormulas';
import { COST_SUMMARY, CostSummaryKey, SETTINGS, TabKey, settingSpec, tabSpec } from '../../core/schema';
import { columnLetter } from '../../core/table';
import { DEFAULT_AT_RISK_THRESHOLD } from '../../core/metrics';

/** A1 letters of a schema column in the template (schema order). */
export function letterOf(tab: TabKey, key: string): string {
  const index = tabSpec(tab).columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`Unknown column ${tab}.${key}`);
  return columnLetter(index + 1);
}

/** The tab's name as the template names it, quoted for use in a formula (`'Weekly log'!G:G`). */
export function sheetRef(tab: TabKey, lang: Lang): string {
  return `'${pick(tabSpec(tab).name, lang).replace(/'/g, "''")}'`;
}

export { directionWords, quote } from '../../core/sheetFormulas';

/**
 * Achievement (达成率) of Evaluation row `row`: actual ÷ target when the direction is blank or a word for
 * higher, target ÷ actual for a word for lower; blank when the direction is none or a word the option set
 * does not know (the report flags that cell; the sheet never guesses "higher"), when either figure is
 * blank, the target is 0 or a figure is text. TRIM ignores stray spaces, as the report does.
 */
export function achievementFormula(row: number): string {
  const target = `${letterOf('evaluation', 'target')}${row}`;
  const actual = `${letterOf('evaluation', 'actual')}${row}`;
  const direction = `TRIM(${letterOf('evaluation', 'direction')}${row})`;
  const higher = isOneOf(direction, ['', ...directionWords('higher')]);
  const lower = isOneOf(direction, directionWords('lower'));
  return `IF(OR(${actual}="",${target}=""),"",IFERROR(IF(${target}=0,"",IF(${higher},${actual}/${target},IF(${lower},${target}/${actual},""))),""))`;
}

/**
 * The at-risk threshold, looked up by its Settings label (so moving Settings rows does not break it);
 * 80% when the setting is missing, blank or zero.
 */
export function thresholdExpression(lang: Lang): string {
  const label = pick(settingSpec('atRiskThreshold').label, lang);
  const settings = `${sheetRef('settings', lang)}!$A:$B`;
  return `IFERROR(1/(1/VLOOKUP(${quote(label)},${settings},2,FALSE)),${DEFAULT_AT_RISK_THRESHOLD})`;
}

/**
 * Status of Evaluation row `row` from its achievement (metrics.statusOf): blank row → blank, no rate → No
 * data, ≥ 100% on target, ≥ threshold at risk, else off target. ROUND removes the floating-point noise of
 * rates like 0.12/0.15 = 0.7999999999999999, as statusOf's epsilon does.
 */
export function statusFormula(row: number, lang: Lang): string {
  const metric = `${letterOf('evaluation', 'metric')}${row}`;
  const rate = `${letterOf('evaluation', 'achievement')}${row}`;
  const label = (key: 'on_target' | 'at_risk' | 'off_target' | 'no_data'): string =>
    quote(pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang));
  return `IF(${metric}="","",IF(${rate}="",${label('no_data')},IF(ROUND(${rate},9)>=1,${label('on_target')},` +
    `IF(ROUND(${rate},9)>=${thresholdExpression(lang)},${label('at_risk')},${label('off_target')}))))`;
}

/** Where the Costs summary panel sits: one blank column right of the table, labels then values. */
export function costSummaryLayout(): { labelColumn: number; valueColumn: number; rowOf: Record<CostSummaryKey, number> } {
  const labelColumn = tabSpec('costs').columns.length + 2;
  const rowOf = {} as Record<CostSummaryKey, number>;
  COST_SUMMARY.forEach((spec, i) => { rowOf[spec.key] = i + 1; });
  return { labelColumn, valueColumn: labelColumn + 1, rowOf };
}

/** The Costs panel's formulas: total cost, revenue from the Weekly log, ratio (shown 1:X), its text, net ROI. */
export function costSummaryFormulas(lang: Lang): Record<CostSummaryKey, string> {
  const { valueColumn, rowOf } = costSummaryLayout();
  const v = (key: CostSummaryKey): string => `${columnLetter(valueColumn)}${rowOf[key]}`;
  const amount = letterOf('costs', 'amount');
  const revenue = letterOf('weekly', 'revenue');
  return {
    totalCost: `SUM(${amount}:${amount})`,
    revenue: `SUM(${sheetRef('weekly', lang)}!${revenue}:${revenue})`,
    ratio: `IF(N(${v('totalCost')})>0,${v('revenue')}/${v('totalCost')},"")`,
    ratioLabel: `IF(${v('ratio')}="","","1:"&ROUND(${v('ratio')},1))`,
    netRoi: `IF(N(${v('totalCost')})>0,(${v('revenue')}-${v('totalCost')})/${v('totalCost')},"")`,
  };
}

/** Row of a setting in the template's Settings tab (header in row 1, settings in schema order). */
export function settingRow(key: (typeof SETTINGS)[number]['key']): number {
  return SETTINGS.findIndex((s) => s.key === key) + 2;
}
