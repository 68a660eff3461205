import { STATUS_COLORS, TASK_STATUS_COLORS } from './colors';
import { Bilingual, Lang, pick } from './i18n';
import { Problem } from './problems';
import { matchesSetting } from './model';
import { DEFAULT_AT_RISK_THRESHOLD } from './metrics';
import { METRIC_STATUS, MetricStatus, OptionSet, matchOption, normalizeLabel, optionLabel } from './options';
import {
  COST_SUMMARY, ColumnSpec, FEED_TAB, ROLLUP_TABS, SETTINGS, TABS, TabKey, TabSpec, settingSpec, tabSpec,
} from './schema';
import { HeaderMap, columnLetter, isBlankCell, mapHeaders } from './table';
import { CellValue } from './values';
import { TypedOverFormula, quotedValue, typedOverProblem } from './typedOver';

/**
 * Set up or repair sheets, as a plan: from what each tab looks like now (a few top rows and its shape),
 * the writes that make it match the schema. Every write goes to an empty cell or adds something missing,
 * so a person's typing is never moved or overwritten, and a second run plans nothing — with one exception:
 * a template formula (Evaluation Achievement and Status, the Costs panel) that a typed value replaced or
 * blocks is put back, and the summary (shown and written to the Log) quotes the typed value and its cell.
 */

/** What the adapter read of one existing tab (constant size: it never depends on the number of rows). */
export interface TabState {
  readonly name: string;
  readonly lastRow: number;
  readonly lastColumn: number;
  readonly maxRows: number;
  readonly frozenRows: number;
  /** Values of the top rows (header first), as wide as lastColumn. */
  readonly top: readonly (readonly CellValue[])[];
  /** Formulas of the same cells ('' where none). */
  readonly topFormulas: readonly (readonly string[])[];
  /** For each column of row 2: whether a drop-down is set. */
  readonly validated: readonly boolean[];
  /** Number format of each column in row 2. */
  readonly formats: readonly string[];
  readonly conditionalRules: number;
}

export const TOP_ROWS = 8;
export const NEW_TAB_ROWS = 1000;

export type SetupAction =
  | { readonly kind: 'createTab'; readonly tab: TabKey; readonly name: string; readonly index: number; readonly color?: string; readonly hidden?: boolean }
  | { readonly kind: 'cells'; readonly tab: TabKey; readonly row: number; readonly column: number; readonly values: readonly (readonly CellValue[])[] }
  | { readonly kind: 'headerStyle'; readonly tab: TabKey; readonly columns: number }
  | { readonly kind: 'freeze'; readonly tab: TabKey; readonly rows: number }
  | { readonly kind: 'validation'; readonly tab: TabKey; readonly column: number; readonly rows: number; readonly values: readonly string[] }
  | { readonly kind: 'numberFormat'; readonly tab: TabKey; readonly row: number; readonly column: number; readonly rows: number; readonly format: string }
  | { readonly kind: 'formula'; readonly tab: TabKey; readonly row: number; readonly column: number; readonly formula: string }
  | { readonly kind: 'statusColors'; readonly tab: TabKey; readonly column: number; readonly rows: number; readonly colors: readonly { readonly text: string; readonly background: string }[] }
  | { readonly kind: 'columnWidth'; readonly tab: TabKey; readonly column: number; readonly width: number };

export interface SetupPlan {
  readonly actions: readonly SetupAction[];
  /** One line per change, for the dialog and the Log. */
  readonly summary: readonly string[];
  /** The template formulas a typed value replaced or blocks, which the plan puts back (for Check data too). */
  readonly overwritten?: readonly TypedOverFormula[];
}

/** The label each option shows in a sheet of this language. */
export function optionLabels(options: OptionSet, lang: Lang): string[] {
  return options.options.map((o) => pick(o.label, lang));
}

export function headerLabel(spec: ColumnSpec, lang: Lang): string {
  return pick(spec.header, lang);
}

const COLOR_OF: Readonly<Record<string, string>> = { ...STATUS_COLORS, ...TASK_STATUS_COLORS };

export function statusColors(options: OptionSet, lang: Lang): { text: string; background: string }[] {
  return options.options
    .filter((o) => COLOR_OF[o.key] !== undefined)
    .map((o) => ({ text: pick(o.label, lang), background: COLOR_OF[o.key]! }));
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function isDefaultFormat(format: string | undefined): boolean {
  return format === undefined || format === '' || format === 'General' || format === '0.###############';
}

interface TabLayout {
  readonly name: string;
  readonly header: HeaderMap;
  readonly maxRows: number;
}

/**
 * The tabs Set up makes: a team tracker's, with its hidden Roll-up data for a director's roll-up; or, in a
 * roll-up (Settings → Mode), Settings, Regions, Roll-up, Team and Log (the Region imports tab is the roll-up
 * adapter's). Tabs of the other mode that exist are left alone.
 */
export function setupTabs(mode: 'tracker' | 'rollup'): readonly TabSpec[] {
  return mode === 'rollup' ? ROLLUP_TABS : [...TABS, FEED_TAB];
}

/** The tabs Set up creates hidden: the script's own data, read by formulas and other trackers. */
const HIDDEN_TABS: ReadonlySet<TabKey> = new Set<TabKey>(['feed', 'imports']);

/** Plans set-up for the whole spreadsheet. `states` holds only the tabs that exist. */
export function planSetup(states: Partial<Record<TabKey, TabState>>, lang: Lang, tabs: readonly TabSpec[] = TABS): SetupPlan {
  const actions: SetupAction[] = [];
  const summary: string[] = [];
  const layouts = new Map<TabKey, TabLayout>();
  const zh = lang === 'zh-CN';

  tabs.forEach((spec, index) => {
    const state = states[spec.key];
    const name = state ? state.name : pick(spec.name, lang);
    if (!state) {
      actions.push({
        kind: 'createTab', tab: spec.key, name, index, ...(spec.tabColor ? { color: spec.tabColor } : {}), ...(HIDDEN_TABS.has(spec.key) ? { hidden: true } : {}),
      });
      summary.push(zh ? `新建工作表“${name}”` : `created tab "${name}"`);
    }
    const top = state?.top ?? [];
    const lastColumn = state?.lastColumn ?? 0;
    // Asked only when an action fills the column down the grid (the grid's height is a call of its own).
    const maxRows = (): number => (state ? Math.max(state.maxRows, 2) : NEW_TAB_ROWS);
    const exact = (c: ColumnSpec): string => headerLabel(c, lang);
    const found = mapHeaders(spec, top[0] ?? []);

    // Missing headers go after the last used column, so nothing a person typed moves.
    const headerWrites: { column: number; text: string }[] = [];
    let next = lastColumn;
    const columnOf = new Map<string, number>();
    for (const [key, column] of found.index) columnOf.set(key, column);
    for (const column of spec.columns) {
      if (!columnOf.has(column.key)) {
        columnOf.set(column.key, next);
        headerWrites.push({ column: next + 1, text: exact(column) });
        next += 1;
      }
    }
    // A header spelt with other case or spacing is rewritten exactly; the other language is left as chosen.
    for (const [key, column] of found.index) {
      const cell = top[0]?.[column];
      const columnSpec = spec.columns.find((c) => c.key === key)!;
      if (typeof cell === 'string' && cell !== columnSpec.header.en && cell !== columnSpec.header.zh) {
        headerWrites.push({ column: column + 1, text: normalizeLabel(cell) === normalizeLabel(columnSpec.header.zh) ? columnSpec.header.zh : columnSpec.header.en });
      }
    }
    for (const write of headerWrites) {
      actions.push({ kind: 'cells', tab: spec.key, row: 1, column: write.column, values: [[write.text]] });
    }
    if (headerWrites.length > 0) {
      actions.push({ kind: 'headerStyle', tab: spec.key, columns: Math.max(next, lastColumn) });
      summary.push(zh ? `“${name}”：写入表头 ${headerWrites.map((w) => w.text).join('、')}` : `"${name}": wrote headers ${headerWrites.map((w) => w.text).join(', ')}`);
    }
    const header: HeaderMap = { index: columnOf, missing: [], extra: found.extra };
    layouts.set(spec.key, { name, header, get maxRows() { return maxRows(); } });

    if (!state || state.frozenRows === 0) {
      actions.push({ kind: 'freeze', tab: spec.key, rows: 1 });
      if (state) summary.push(zh ? `“${name}”：冻结表头行` : `"${name}": froze the header row`);
    }

    for (const column of spec.columns) {
      const at = columnOf.get(column.key)!;
      const isNew = !state || at >= lastColumn;
      // A computed column holds what the script writes: no drop-down to pick from.
      if (column.options && !column.computed && (isNew || !state.validated[at])) {
        actions.push({ kind: 'validation', tab: spec.key, column: at + 1, rows: maxRows() - 1, values: optionLabels(column.options, lang) });
        if (!isNew) summary.push(zh ? `“${name}”：为“${exact(column)}”添加下拉列表` : `"${name}": added the drop-down to ${exact(column)}`);
      }
      if (column.numberFormat && (isNew || (isDefaultFormat(state.formats[at]) && state.formats[at] !== column.numberFormat))) {
        actions.push({ kind: 'numberFormat', tab: spec.key, row: 2, column: at + 1, rows: maxRows() - 1, format: column.numberFormat });
      }
      if (!state && column.width) actions.push({ kind: 'columnWidth', tab: spec.key, column: at + 1, width: column.width });
    }

    if (spec.statusColumn && (!state || state.conditionalRules === 0)) {
      const column = spec.columns.find((c) => c.key === spec.statusColumn)!;
      actions.push({ kind: 'statusColors', tab: spec.key, column: columnOf.get(column.key)! + 1, rows: maxRows() - 1, colors: statusColors(column.options!, lang) });
      if (state) summary.push(zh ? `“${name}”：添加状态颜色` : `"${name}": added status colours`);
    }
  });

  if (!states.settings) {
    const rows = SETTINGS.map((s) => [pick(s.label, lang), defaultSettingValue(s.key, lang), pick(s.help, lang)]);
    actions.push({ kind: 'cells', tab: 'settings', row: 2, column: 1, values: rows });
  } else {
    actions.push(...missingSettings(states.settings, layouts.get('settings')!, lang, summary));
  }

  const overwritten: TypedOverFormula[] = [];
  if (layouts.has('evaluation')) actions.push(...evaluationFormulas(states, layouts, lang, summary, overwritten));
  if (layouts.has('costs') && layouts.has('weekly')) actions.push(...costSummary(states, layouts, lang, summary, overwritten));
  return { actions, summary, ...(overwritten.length > 0 ? { overwritten } : {}) };
}

export function defaultSettingValue(key: Parameters<typeof settingSpec>[0], lang: Lang): CellValue {
  const spec = settingSpec(key);
  if (spec.options) {
    const hit = matchOption(spec.options, String((lang === 'zh-CN' ? spec.defaultByLang?.['zh-CN'] : undefined) ?? spec.defaultValue));
    const option = spec.options.options.find((o) => o.key === hit);
    return option ? pick(option.label, lang) : spec.defaultValue;
  }
  return spec.defaultValue;
}

/** Settings rows that are not there yet are appended below the last row; present ones are never touched. */
function missingSettings(state: TabState, layout: TabLayout, lang: Lang, summary: string[]): SetupAction[] {
  const labelColumn = layout.header.index.get('setting') ?? 0;
  const valueColumn = layout.header.index.get('value') ?? 1;
  const helpColumn = layout.header.index.get('help') ?? 2;
  // Settings is short by design, so the adapter reads all of it into `top`.
  const present = SETTINGS.filter((s) => state.top.some((row, i) => i > 0 && matchesSetting(s, row[labelColumn])));
  const missing = SETTINGS.filter((s) => !present.includes(s));
  if (missing.length === 0) return [];
  const width = Math.max(labelColumn, valueColumn, helpColumn) + 1;
  const rows = missing.map((s) => {
    const row: CellValue[] = new Array(width).fill('');
    row[labelColumn] = pick(s.label, lang);
    row[valueColumn] = defaultSettingValue(s.key, lang);
    row[helpColumn] = pick(s.help, lang);
    return row;
  });
  summary.push(lang === 'zh-CN' ? `“设置”：补充 ${missing.map((s) => s.label.zh).join('、')}` : `Settings: added ${missing.map((s) => s.label.en).join(', ')}`);
  return [{ kind: 'cells', tab: 'settings', row: Math.max(state.lastRow, 1) + 1, column: 1, values: rows }];
}

/** Row of a setting in the Settings tab as it will be after set-up (for formulas that refer to it). */
function settingRow(states: Partial<Record<TabKey, TabState>>, key: Parameters<typeof settingSpec>[0], layout: TabLayout): number {
  const spec = settingSpec(key);
  const state = states.settings;
  if (!state) return SETTINGS.indexOf(spec) + 2;
  const labelColumn = layout.header.index.get('setting') ?? 0;
  const at = state.top.findIndex((row, i) => i > 0 && matchesSetting(spec, row[labelColumn]));
  if (at > 0) return at + 1;
  const missing = SETTINGS.filter((s) => !state.top.some((row, i) => i > 0 && matchesSetting(s, row[labelColumn])));
  return Math.max(state.lastRow, 1) + 1 + missing.indexOf(spec);
}

/** A value typed where the template keeps a formula (a value and no formula), or null. */
function typedOverFormula(state: TabState | undefined, row: number, column: number): CellValue | null {
  if (!state) return null;
  const value = state.top[row - 1]?.[column - 1];
  const formula = state.topFormulas[row - 1]?.[column - 1] ?? '';
  return formula === '' && !isBlankCell(value ?? '') ? (value ?? null) : null;
}


/** "restored the Achievement formula in E2 (the value typed there was "0.9")" in the sheet's language. */
function restoredLine(tabName: string, header: string, cell: string, value: CellValue, lang: Lang): string {
  return lang === 'zh-CN'
    ? `“${tabName}”：已恢复 ${cell} 的“${header}”公式（该单元格原先手工输入的值为“${quotedValue(value)}”，记录于此日志）`
    : `"${tabName}": restored the ${header} formula in ${cell} (the value typed over it was "${quotedValue(value)}", kept in this Log entry)`;
}

function cellIsEmpty(state: TabState | undefined, row: number, column: number): boolean {
  if (!state) return true;
  const value = state.top[row - 1]?.[column - 1];
  const formula = state.topFormulas[row - 1]?.[column - 1];
  return isBlankCell(value ?? '') && (formula === undefined || formula === '');
}

/** A Settings value cell as an absolute reference from another tab (`'Settings'!$B$13`). */
function settingRef(states: Partial<Record<TabKey, TabState>>, layouts: Map<TabKey, TabLayout>, key: Parameters<typeof settingSpec>[0]): string {
  const settings = layouts.get('settings')!;
  const valueLetter = columnLetter((settings.header.index.get('value') ?? 1) + 1);
  return `${quoteSheet(settings.name)}!$${valueLetter}$${settingRow(states, key, settings)}`;
}

/**
 * The Evaluation Status formula (one ARRAYFORMULA for the column): the same steps as metrics.statusOf on the
 * same cells. Achievement not a number (its cell shows why) → Check data; blank → No data; from Settings →
 * Cycle end on → Met / Missed; before it, the rate against the target expected by today — the achievement
 * divided (a total), multiplied (a cost) or left (a rate) by the elapsed share of the cycle, as =PACING says —
 * → On track / At risk / Off track. TODAY() is the spreadsheet's date (custom functions may not use it, so the
 * phase is decided by built-ins).
 */
export function evaluationStatusFormula(refs: {
  readonly metric: string; readonly unit: string; readonly direction: string; readonly target: string; readonly actual: string;
  readonly rate: string; readonly threshold: string; readonly start: string; readonly end: string; readonly currency: string;
}, label: (key: MetricStatus) => string): string {
  const date = (cell: string): string => `IF(ISNUMBER(${cell}),${cell},IFERROR(DATEVALUE(${cell}),0))`;
  const start = date(refs.start);
  const end = date(refs.end);
  const threshold = `IF(AND(ISNUMBER(${refs.threshold}),${refs.threshold}>=0,${refs.threshold}<=1),${refs.threshold},${DEFAULT_AT_RISK_THRESHOLD})`;
  const share = `IF(OR(${start}=0,${end}=0),1,MIN(1,MAX(0,(TODAY()-${start}+1)/(${end}-${start}+1))))`;
  const paced = `${refs.rate}*POWER(${share},-PACING(${refs.metric},${refs.unit},${refs.direction},${refs.target},${refs.actual},${refs.currency}))`;
  const eps = '0.000000001';
  const running = `IFERROR(CHOOSE(1+(${paced}>=${threshold}-${eps})+(${paced}>=1-${eps}),${label('off_track')},${label('at_risk')},${label('on_track')}),${label('no_data')})`;
  const ended = `IF(${refs.rate}>=1-${eps},${label('met')},${label('missed')})`;
  return `=ARRAYFORMULA(IF(${refs.metric}="","",IF(ISNUMBER(${refs.rate}),IF(TODAY()>=${end},${ended},${running}),` +
    `IF(${refs.rate}="",${label('no_data')},${label('check_data')}))))`;
}

/** The Evaluation tab's Achievement and Status columns: one formula each, in the first data row, filling the column. */
function evaluationFormulas(
  states: Partial<Record<TabKey, TabState>>, layouts: Map<TabKey, TabLayout>, lang: Lang, summary: string[], overwritten: TypedOverFormula[],
): SetupAction[] {
  const layout = layouts.get('evaluation')!;
  const spec = tabSpec('evaluation');
  const state = states.evaluation;
  const last = layout.maxRows;
  const ref = (key: string): string => {
    const letter = columnLetter(layout.header.index.get(key)! + 1);
    return `${letter}2:${letter}${last}`;
  };
  const currency = settingRef(states, layouts, 'currencyUnit');
  const actions: SetupAction[] = [];
  for (const column of spec.columns) {
    if (!column.formula) continue;
    const at = layout.header.index.get(column.key)! + 1;
    const letter = columnLetter(at);
    // The formula fills its column from row 2: a value typed below it blocks it (Sheets shows #REF! in row 2).
    // Values below row 2 are typed only when row 2 has no formula or shows #REF! (otherwise they are the
    // formula's own results, which getFormulas reports as ''); those in the rows read are cleared, each
    // quoted in the Log, and one further down is named by the #REF! it causes.
    const anchorFormula = state?.topFormulas[1]?.[at - 1] ?? '';
    const blocked = anchorFormula !== '' && /^#REF!/.test(String(state?.top[1]?.[at - 1] ?? ''));
    const belowTyped = anchorFormula === '' || blocked;
    for (let row = 3; belowTyped && row <= (state?.top.length ?? 0); row++) {
      const blocking = typedOverFormula(state, row, at);
      if (blocking === null) continue;
      actions.push({ kind: 'cells', tab: 'evaluation', row, column: at, values: [['']] });
      overwritten.push({ tab: 'evaluation', row, column: at, key: column.key, header: column.header, kind: 'blocking', value: blocking });
      summary.push(lang === 'zh-CN'
        ? `“${layout.name}”：已清除 ${letter}${row} 中手工输入的“${quotedValue(blocking)}”（它会挡住“${headerLabel(column, lang)}”公式，记录于此日志）`
        : `"${layout.name}": cleared "${quotedValue(blocking)}" typed in ${letter}${row}, which blocked the ${headerLabel(column, lang)} formula (kept in this Log entry)`);
    }
    const typed = typedOverFormula(state, 2, at);
    if (typed === null && !cellIsEmpty(state, 2, at)) {
      if (blocked && !actions.some((a) => a.kind === 'cells' && a.column === at)) {
        summary.push(lang === 'zh-CN'
          ? `“${layout.name}”：${letter}2 的“${headerLabel(column, lang)}”公式显示 #REF!：第 ${TOP_ROWS} 行以下的 ${letter} 列有手工输入的值挡住了它，请清除该值`
          : `"${layout.name}": the ${headerLabel(column, lang)} formula in ${letter}2 shows #REF!: a value typed in column ${letter} below row ${TOP_ROWS} blocks it; clear that value`);
      }
      continue;
    }
    let formula: string;
    if (column.formula.kind === 'achievement') {
      formula = `=ACHIEVEMENT_RATE(${ref(column.formula.actual)}, ${ref(column.formula.target)}, ${ref(column.formula.direction)}, ${ref('unit')}, ${ref('metric')}, ${currency})`;
    } else {
      const label = (key: MetricStatus): string => `"${pick(optionLabel(METRIC_STATUS, key), lang)}"`;
      formula = evaluationStatusFormula({
        metric: ref('metric'), unit: ref('unit'), direction: ref('direction'), target: ref('target'), actual: ref('actual'),
        rate: ref(column.formula.rate), threshold: settingRef(states, layouts, 'atRiskThreshold'),
        start: settingRef(states, layouts, 'cycleStart'), end: settingRef(states, layouts, 'cycleEnd'), currency,
      }, label);
    }
    actions.push({ kind: 'formula', tab: 'evaluation', row: 2, column: at, formula });
    if (typed !== null) {
      summary.push(restoredLine(layout.name, headerLabel(column, lang), `${letter}2`, typed, lang));
      overwritten.push({ tab: 'evaluation', row: 2, column: at, key: column.key, header: column.header, kind: 'replaced', value: typed });
    }
    else if (state) summary.push(lang === 'zh-CN' ? `“${layout.name}”：写入“${headerLabel(column, lang)}”公式` : `"${layout.name}": wrote the ${headerLabel(column, lang)} formula`);
  }
  return actions;
}

/** The Costs tab's totals and ratio panel, beside the table and found again by its labels. */
function costSummary(
  states: Partial<Record<TabKey, TabState>>, layouts: Map<TabKey, TabLayout>, lang: Lang, summary: string[], overwritten: TypedOverFormula[],
): SetupAction[] {
  const layout = layouts.get('costs')!;
  const weekly = layouts.get('weekly')!;
  const state = states.costs;
  const labels = COST_SUMMARY.map((item) => [item.label.en, item.label.zh].map(normalizeLabel));
  // Find the panel: a cell in the top rows holding the first label.
  let labelColumn = 0;
  let firstRow = 1;
  state?.top.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (labelColumn === 0 && typeof cell === 'string' && labels[0]!.includes(normalizeLabel(cell))) {
        labelColumn = c + 1;
        firstRow = r + 1;
      }
    }),
  );
  const tableWidth = Math.max(...[...layout.header.index.values()].map((c) => c + 1), state?.lastColumn ?? 0);
  if (labelColumn === 0) {
    labelColumn = tableWidth + 2;
    // Move right past anything a person typed there.
    while (COST_SUMMARY.some((_, i) => !cellIsEmpty(state, firstRow + i, labelColumn) || !cellIsEmpty(state, firstRow + i, labelColumn + 1))) labelColumn += 1;
  }
  const valueColumn = labelColumn + 1;
  const valueCell = (key: string): string => `${columnLetter(valueColumn)}${firstRow + COST_SUMMARY.findIndex((i) => i.key === key)}`;
  const amount = columnLetter(layout.header.index.get('amount')! + 1);
  const revenue = columnLetter(weekly.header.index.get('revenue')! + 1);
  const weeklyCost = columnLetter(weekly.header.index.get('cost')! + 1);
  const currency = settingRef(states, layouts, 'currencyUnit');
  const formulas: Record<string, string> = {
    // Whole columns (the header row skipped), so rows added below the grid still count; read in Settings → Currency unit.
    // Costs lines, else the Weekly log's Cost column (the report's total cost, derived.ts).
    totalCost: `=IF(SUM_AMOUNTS(${amount}:${amount}, ${currency}, 1)="", SUM_AMOUNTS(${quoteSheet(weekly.name)}!${weeklyCost}:${weeklyCost}, ${currency}, 1), SUM_AMOUNTS(${amount}:${amount}, ${currency}, 1))`,
    revenue: `=SUM_AMOUNTS(${quoteSheet(weekly.name)}!${revenue}:${revenue}, ${currency}, 1)`,
    ratio: `=ROI(${valueCell('revenue')}, ${valueCell('totalCost')})`,
    ratioLabel: `=ROI(${valueCell('revenue')}, ${valueCell('totalCost')}, "label")`,
    netRoi: `=ROI(${valueCell('revenue')}, ${valueCell('totalCost')}, "net")`,
  };
  const actions: SetupAction[] = [];
  const restored: string[] = [];
  COST_SUMMARY.forEach((item, i) => {
    const row = firstRow + i;
    const labelled = !cellIsEmpty(state, row, labelColumn);
    if (!labelled) {
      actions.push({ kind: 'cells', tab: 'costs', row, column: labelColumn, values: [[pick(item.label, lang)]] });
    }
    // A figure typed over a panel formula beside its label (a total typed by hand) is replaced by the formula.
    const typed = labelled ? typedOverFormula(state, row, valueColumn) : null;
    if (cellIsEmpty(state, row, valueColumn) || typed !== null) {
      actions.push({ kind: 'formula', tab: 'costs', row, column: valueColumn, formula: formulas[item.key]! });
      actions.push({ kind: 'numberFormat', tab: 'costs', row, column: valueColumn, rows: 1, format: item.numberFormat });
    }
    if (typed !== null) {
      restored.push(restoredLine(layout.name, pick(item.label, lang), `${columnLetter(valueColumn)}${row}`, typed, lang));
      overwritten.push({ tab: 'costs', row, column: valueColumn, key: item.key, header: item.label, kind: 'replaced', value: typed });
    }
  });
  if (restored.length > 0) summary.push(...restored);
  else if (state && actions.length > 0) summary.push(lang === 'zh-CN' ? `“${layout.name}”：添加合计与投入产出比` : `"${layout.name}": added totals and the input-output ratio`);
  return actions;
}

/**
 * Check data's problems for template formulas a typed value replaced or blocks: what Set up would put back,
 * from the tabs' top rows (values and formulas), each naming the cell, the typed value and the fix.
 */
export function overwrittenFormulaProblems(states: Partial<Record<TabKey, TabState>>): Problem[] {
  return (planSetup(states, 'en').overwritten ?? []).map((o) => typedOverProblem(o, SET_UP_FIX));
}

const SET_UP_FIX: Bilingual = { en: 'Run menu → Set up or repair sheets: it puts the formula back and keeps the typed value in the Log.', zh: '请运行菜单 → 创建或修复工作表：将恢复公式，并在日志中保留手工输入的值。' };
