/**
 * The offline template's formulas: Excel / WPS / LibreOffice built-ins only (no custom functions, no
 * dynamic arrays, no LET), written as the IF/IFERROR equivalents of ACHIEVEMENT_RATE and ROI.
 *
 * Every column letter comes from the schema's column order, and every label compared in a formula comes
 * from the option sets, so the formulas follow the schema rather than a copy of it.
 */
import { synonymsWhere } from '../../core/catalogue';
import { Lang, pick } from '../../core/i18n';
import { DEFAULT_AT_RISK_THRESHOLD, MAX_RATE } from '../../core/metrics';
import { METRIC_STATUS, MetricStatus, normalizeLabel, optionLabel } from '../../core/options';
import { directionWords, isOneOf, quote } from '../../core/sheetFormulas';
import { COST_SUMMARY, CostSummaryKey, SETTINGS, SettingKey, TabKey, settingSpec, tabSpec } from '../../core/schema';
import { columnLetter } from '../../core/table';
import { MAX_MAGNITUDE, PERCENT_WORDS, RATIO_WORDS } from '../../core/units';
import { NO_DATA_PLACEHOLDERS } from '../../core/values';

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
 * Words of a list that no other word of the list is part of: "the name contains one of these" means the same
 * with fewer tests (转化率 covers 线索转化率), which keeps the formulas short.
 */
function essentialWords(words: readonly string[]): string[] {
  const norm = [...new Set(words.map(normalizeLabel))].filter((w) => w !== '');
  return norm.filter((w) => !norm.some((other) => other !== w && w.includes(other)));
}

/** True when the cell's text contains one of the words (SEARCH: case-insensitive, as the core's matching is). */
function containsAny(cell: string, words: readonly string[]): string {
  const tests = essentialWords(words).map((w) => `ISNUMBER(SEARCH(${quote(w.replace(/[~*?]/g, (c) => `~${c}`))},${cell}))`);
  return tests.length === 1 ? tests[0]! : `OR(${tests.join(',')})`;
}

/** A cell that means "no data" (values.isNoData): empty, or a placeholder such as -, N/A, 无. */
function noData(cell: string): string {
  return isOneOf(`TRIM(${cell})`, [...NO_DATA_PLACEHOLDERS]);
}

/** A cell a built-in formula cannot read as a figure: text that is not a placeholder, a boolean, or beyond 10^15. */
function unreadable(cell: string): string {
  return `IF(ISNUMBER(${cell}),ABS(${cell})>${MAX_MAGNITUDE.toFixed(0)},NOT(${noData(cell)}))`;
}

function statusLabel(key: MetricStatus, lang: Lang): string {
  return quote(pick(optionLabel(METRIC_STATUS, key), lang));
}

/**
 * Hidden helper columns of the template's Evaluation tab, right of the table (one blank column between): what
 * the achievement and status formulas need to know about a row, each worked out once so every formula stays
 * short enough for Excel (8,192 characters) and readable.
 */
export const EVALUATION_HELPERS = [
  { key: 'percentRow', header: { en: '(helper) % row', zh: '（辅助）百分比行' } },
  { key: 'lowerIsBetter', header: { en: '(helper) lower is better', zh: '（辅助）越低越好' } },
  { key: 'pace', header: { en: '(helper) pacing', zh: '（辅助）进度折算' } },
  { key: 'targetRead', header: { en: '(helper) target', zh: '（辅助）目标值' } },
  { key: 'actualRead', header: { en: '(helper) actual', zh: '（辅助）实际值' } },
] as const;
export type EvaluationHelper = (typeof EVALUATION_HELPERS)[number]['key'];

/** A1 letters of a helper column of the template's Evaluation tab. */
export function helperLetter(key: EvaluationHelper): string {
  return columnLetter(tabSpec('evaluation').columns.filter((c) => !c.computed).length + 2 + EVALUATION_HELPERS.findIndex((h) => h.key === key));
}

/** The cells of Evaluation row `row` the formulas read. */
function evaluationCells(row: number): { metric: string; unit: string; direction: string; target: string; actual: string; rate: string } {
  const at = (key: string): string => `${letterOf('evaluation', key)}${row}`;
  return { metric: at('metric'), unit: `TRIM(${at('unit')})`, direction: `TRIM(${at('direction')})`, target: at('target'), actual: at('actual'), rate: at('achievement') };
}

/** A cell's figure in a % row: a plain number above 1 is in percentage points, up to 1 a fraction (units.ts). */
function inPercent(cell: string): string {
  return `IF(ABS(${cell})>1,${cell}/100,${cell})`;
}

/** The formula of a helper column in Evaluation row `row`. */
export function helperFormula(key: EvaluationHelper, row: number): string {
  const c = evaluationCells(row);
  const helper = (k: EvaluationHelper): string => `${helperLetter(k)}${row}`;
  switch (key) {
    // The unit is a percentage: a % word, or blank on a metric the catalogue measures in % (units.evaluationUnit).
    case 'percentRow':
      return `OR(${isOneOf(c.unit, [...PERCENT_WORDS])},AND(${c.unit}="",${containsAny(c.metric, synonymsWhere((m) => m.unit === 'percent'))}))`;
    // Lower is better: a word for lower, or blank on a metric whose name says it is a cost (catalogue.defaultDirection).
    case 'lowerIsBetter':
      return `OR(${isOneOf(c.direction, directionWords('lower'))},AND(${c.direction}="",${containsAny(c.metric, synonymsWhere((m) => m.direction === 'lower'))}))`;
    // evaluation.paceOf: 0 for a rate, average or ratio (by its unit or its name) or no direction; −1 a cost; 1 a total.
    case 'pace':
      return `IF(OR(${isOneOf(c.unit, [...PERCENT_WORDS, ...RATIO_WORDS])},LEFT(${c.unit},2)="1:",LEFT(${c.unit},2)="1：",` +
        `${isOneOf(c.direction, directionWords('none'))},${containsAny(c.metric, synonymsWhere((m) => !m.cumulative))}),0,IF(${helper('lowerIsBetter')},-1,1))`;
    case 'targetRead':
      return `IF(${helper('percentRow')},${inPercent(c.target)},${c.target})`;
    case 'actualRead':
      return `IF(${helper('percentRow')},${inPercent(c.actual)},${c.actual})`;
  }
}

/**
 * Achievement (达成率) of Evaluation row `row`, the built-in equivalent of =ACHIEVEMENT_RATE with the unit rule:
 * "Check data" when Target or Actual is text the formula cannot read (a unit written in the cell, such as 215万:
 * only the report can convert it), a value beyond 10^15, a Direction word the option set does not know, or a rate
 * beyond 100,000%; blank when either figure is blank, the direction is none or the target is 0; else actual ÷ target
 * (target ÷ actual when lower is better, including a blank Direction on a cost), plain numbers above 1 in a % row
 * read as percentage points, as the report reads them (the helper columns).
 */
export function achievementFormula(row: number, lang: Lang): string {
  const c = evaluationCells(row);
  const helper = (k: EvaluationHelper): string => `${helperLetter(k)}${row}`;
  const higher = isOneOf(c.direction, ['', ...directionWords('higher')]);
  const lower = isOneOf(c.direction, directionWords('lower'));
  const none = isOneOf(c.direction, directionWords('none'));
  const check = statusLabel('check_data', lang);
  const rate = `IF(${helper('lowerIsBetter')},${helper('targetRead')}/${helper('actualRead')},${helper('actualRead')}/${helper('targetRead')})`;
  const bad = `OR(${unreadable(c.actual)},${unreadable(c.target)},NOT(OR(${higher},${lower},${none})))`;
  const blank = `OR(${noData(c.actual)},${noData(c.target)},${none},N(${c.target})=0)`;
  return `IF(${bad},${check},IF(${blank},"",IFERROR(IF(ABS(${rate})>${MAX_RATE},${check},${rate}),"")))`;
}

/** A Settings value looked up by its label in the template's language. */
function settingLookup(key: SettingKey, lang: Lang): string {
  return `VLOOKUP(${quote(pick(settingSpec(key).label, lang))},${sheetRef('settings', lang)}!$A:$B,2,0)`;
}

/**
 * The at-risk threshold, looked up by its Settings label (so moving Settings rows does not break it);
 * 80% when the setting is missing, blank or zero.
 */
export function thresholdExpression(lang: Lang): string {
  return `IFERROR(1/(1/${settingLookup('atRiskThreshold', lang)}),${DEFAULT_AT_RISK_THRESHOLD})`;
}

/**
 * Status of Evaluation row `row`, the same steps as metrics.statusOf (and the Google Sheet's Status formula):
 * blank row → blank; an achievement that is not a number → Check data (blank → No data); from Settings → Cycle end
 * on → Met / Missed; before it, the achievement against the target expected by today — divided by the elapsed share
 * of the cycle for a total, multiplied by it for a cost, as it stands for a rate, average or ratio (the pacing
 * helper, evaluation.paceOf) — → On track / At risk / Off track. ROUND removes the floating-point noise of rates like
 * 0.12/0.15 = 0.7999999999999999, as statusOf's epsilon does.
 */
export function statusFormula(row: number, lang: Lang): string {
  const c = evaluationCells(row);
  const label = (key: MetricStatus): string => statusLabel(key, lang);
  const date = (key: SettingKey): string => `IFERROR(N(${settingLookup(key, lang)}),0)`;
  const start = date('cycleStart');
  const end = date('cycleEnd');
  const share = `IF(OR(${start}=0,${end}=0),1,MIN(1,MAX(0,(TODAY()-${start}+1)/(${end}-${start}+1))))`;
  const paced = `ROUND(${c.rate}*POWER(${share},-${helperLetter('pace')}${row}),9)`;
  const running = `IFERROR(CHOOSE(1+(${paced}>=${thresholdExpression(lang)})+(${paced}>=1),${label('off_track')},${label('at_risk')},${label('on_track')}),${label('no_data')})`;
  const ended = `IF(ROUND(${c.rate},9)>=1,${label('met')},${label('missed')})`;
  return `IF(${c.metric}="","",IF(ISNUMBER(${c.rate}),IF(OR(${end}=0,TODAY()>=${end}),${ended},${running}),` +
    `IF(${c.rate}="",${label('no_data')},${label('check_data')})))`;
}

/** Where the Costs summary panel sits: one blank column right of the table, labels then values. */
export function costSummaryLayout(): { labelColumn: number; valueColumn: number; rowOf: Record<CostSummaryKey, number> } {
  const labelColumn = tabSpec('costs').columns.length + 2;
  const rowOf = {} as Record<CostSummaryKey, number>;
  COST_SUMMARY.forEach((spec, i) => { rowOf[spec.key] = i + 1; });
  return { labelColumn, valueColumn: labelColumn + 1, rowOf };
}

/**
 * A column total the way the report adds it up: "Check data" when a cell holds text the formula cannot read (an
 * amount written with a unit, 12万: only the report converts it) or a value beyond 10^15, never a sum that skipped it.
 */
function columnTotal(range: string, lang: Lang): string {
  // COUNTA − COUNT: cells that hold text, a boolean or an error, none of which is a figure; placeholders are blanks.
  const placeholders = [...NO_DATA_PLACEHOLDERS].filter((p) => p !== '').map((p) => `COUNTIF(${range},${quote(p)})`).join('+');
  const texts = `COUNTA(${range})-COUNT(${range})-(${placeholders})`;
  const huge = `COUNTIF(${range},">${MAX_MAGNITUDE.toFixed(0)}")+COUNTIF(${range},"<-${MAX_MAGNITUDE.toFixed(0)}")`;
  return `IF(${texts}+${huge}>0,${statusLabel('check_data', lang)},IF(COUNT(${range})=0,"",SUM(${range})))`;
}

/** Rows of the template's columns that the panel's totals read (far beyond what a plan fills). */
export const TOTAL_ROWS = 20000;

/** The Costs panel's formulas: total cost (Costs, else the Weekly log's Cost), revenue from the Weekly log, ratio (shown 1:X), its text, net ROI. */
export function costSummaryFormulas(lang: Lang): Record<CostSummaryKey, string> {
  const { valueColumn, rowOf } = costSummaryLayout();
  const v = (key: CostSummaryKey): string => `${columnLetter(valueColumn)}${rowOf[key]}`;
  const amount = letterOf('costs', 'amount');
  const revenue = letterOf('weekly', 'revenue');
  const cost = letterOf('weekly', 'cost');
  const range = (sheet: string, letter: string): string => `${sheet}$${letter}$2:$${letter}$${TOTAL_ROWS}`;
  const costs = columnTotal(range('', amount), lang);
  const weeklyCost = columnTotal(range(`${sheetRef('weekly', lang)}!`, cost), lang);
  const number = (cell: string): string => `ISNUMBER(${cell})`;
  return {
    totalCost: `IF(${costs}="",${weeklyCost},${costs})`,
    revenue: columnTotal(range(`${sheetRef('weekly', lang)}!`, revenue), lang),
    ratio: `IF(AND(${number(v('revenue'))},${number(v('totalCost'))}),IF(${v('totalCost')}>0,IF(${v('revenue')}/${v('totalCost')}>10000,"",${v('revenue')}/${v('totalCost')}),""),"")`,
    ratioLabel: `IF(${v('ratio')}="","","1:"&IF(ABS(${v('ratio')})<0.95,ROUND(${v('ratio')},1-INT(LOG10(ABS(${v('ratio')})))),ROUND(${v('ratio')},1)))`,
    netRoi: `IF(${v('ratio')}="","",(${v('revenue')}-${v('totalCost')})/${v('totalCost')})`,
  };
}

/** Row of a setting in the template's Settings tab (header in row 1, settings in schema order). */
export function settingRow(key: (typeof SETTINGS)[number]['key']): number {
  return SETTINGS.findIndex((s) => s.key === key) + 2;
}
