/**
 * The offline template: the same tabs, headers, drop-downs, number formats, status colours and frozen
 * headers as the Google Sheet, as an .xlsx for Excel and WPS, written from the one schema.
 */
import ExcelJS from 'exceljs';
import { exampleData } from '../../core/example';
import { Lang, pick } from '../../core/i18n';
import { METRIC_STATUS, OptionSet, TASK_STATUS } from '../../core/options';
import {
  COST_SUMMARY, ColumnSpec, DATE_FORMAT, PERCENT_FORMAT, RATIO_FORMAT, SETTINGS, TABS, TabKey, TabSpec, tabSpec,
} from '../../core/schema';
import { defaultSettingValue, optionLabels, statusColors } from '../../core/setup';
import { columnLetter } from '../../core/table';
import { CellValue, dayFromIso, parseNumber } from '../../core/values';
import { addDashboard } from './dashboard';
import {
  EVALUATION_HELPERS, achievementFormula, costSummaryFormulas, costSummaryLayout, helperFormula, helperLetter, quote, statusFormula,
} from './formulas';

/** Rows (after the header) that carry drop-downs, formats and colours in an empty template. */
export const TEMPLATE_ROWS = 1000;
/** Evaluation rows pre-filled with the achievement and status formulas. */
export const FORMULA_ROWS = 60;

export interface TemplateOptions {
  readonly lang: Lang;
  /** Fill the worked example (East China, 2023 Q3). */
  readonly example?: boolean;
}

const HEADER_FILL = 'FFE8EAED';
const PIXELS_PER_CHARACTER = 7;
const DEFAULT_WIDTH_PX = 120;

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

function listValidation(set: OptionSet, lang: Lang): ExcelJS.DataValidation {
  // Warning style: a person may still type a key or the other language's label, which the reader accepts.
  return {
    type: 'list', allowBlank: true, formulae: [quote(optionLabels(set, lang).join(','))], showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: lang === 'zh-CN' ? '不在下拉列表中' : 'Not in the list',
    error: lang === 'zh-CN' ? `请从下拉列表中选择：${optionLabels(set, lang).join('、')}` : `Pick one of: ${optionLabels(set, lang).join(', ')}`,
  };
}

/** Validations are added by range (exceljs writes one <dataValidation sqref="E2:E1001">). */
function addValidation(ws: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { bold: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  cell.alignment = { vertical: 'middle' };
  cell.numFmt = 'General';
}

/** The same status colours as the Google Sheet (core/setup.ts), matching the label in either language. */
function statusRules(set: OptionSet, column: string, firstRow: number): ExcelJS.ConditionalFormattingRule[] {
  const en = statusColors(set, 'en');
  const zh = statusColors(set, 'zh-CN');
  const cell = `$${column}${firstRow}`;
  return en.map((colour, i) => {
    const names = [...new Set([colour.text, zh[i]?.text ?? colour.text])].map((n) => `${cell}=${quote(n)}`);
    return {
      type: 'expression' as const, priority: i + 1, formulae: [names.length === 1 ? names[0] : `OR(${names.join(',')})`],
      style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: argb(colour.background) } } },
    };
  });
}

const STATUS_SETS: Readonly<Partial<Record<TabKey, OptionSet>>> = { tracking: TASK_STATUS, evaluation: METRIC_STATUS };

/** Strict ISO text → a real date, so Excel can sort and compute with it; ranges like 2023-07-10-12 stay text. */
function isoDate(value: CellValue): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return new Date(dayFromIso(value) * 86_400_000);
  } catch {
    return null;
  }
}

/**
 * A value of the worked example as the cell should hold it: dates as dates, "15%" as 0.15 shown as a
 * percentage and "1:6" as 6 shown 1:6.0, so the template's formulas compute with real numbers.
 */
function exampleCell(spec: ColumnSpec | null, value: CellValue): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === undefined || value === null || value === '') return { value: null };
  const date = isoDate(value);
  if (date && (spec === null || spec.type === 'date' || spec.type === 'timestamp')) return { value: date, numFmt: DATE_FORMAT };
  if (typeof value === 'string' && (spec === null || spec.type === 'measure' || spec.type === 'number' || spec.type === 'percent')) {
    const parsed = parseNumber(value);
    if (parsed.ok && parsed.value !== null) {
      if (/%|％/.test(value)) return { value: parsed.value, numFmt: PERCENT_FORMAT };
      if (/^\s*1\s*:/.test(value)) return { value: parsed.value, numFmt: RATIO_FORMAT };
      return { value: parsed.value };
    }
  }
  return { value: value as ExcelJS.CellValue };
}

function addTab(wb: ExcelJS.Workbook, tab: TabSpec, lang: Lang): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(pick(tab.name, lang), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    // Printed (or saved as PDF): landscape, as wide as one page, the header row repeated on every page.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', showGridLines: true },
    properties: tab.tabColor ? { tabColor: { argb: argb(tab.tabColor) } } : {},
  });
  tab.columns.forEach((spec, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.round((spec.width ?? DEFAULT_WIDTH_PX) / PIXELS_PER_CHARACTER);
    if (spec.numberFormat) column.numFmt = spec.numberFormat;
    const header = ws.getCell(1, i + 1);
    header.value = pick(spec.header, lang);
    styleHeader(header);
    if (spec.note) header.note = pick(spec.note, lang);
    const letter = columnLetter(i + 1);
    if (spec.options) addValidation(ws, `${letter}2:${letter}${TEMPLATE_ROWS + 1}`, listValidation(spec.options, lang));
  });
  const statusSet = STATUS_SETS[tab.key];
  const statusIndex = tab.columns.findIndex((c) => c.key === (tab.statusColumn ?? 'status'));
  if (statusSet && statusIndex >= 0) {
    const letter = columnLetter(statusIndex + 1);
    ws.addConditionalFormatting({ ref: `${letter}2:${letter}${TEMPLATE_ROWS + 1}`, rules: statusRules(statusSet, letter, 2) });
  }
  return ws;
}

function fillSettings(ws: ExcelJS.Worksheet, lang: Lang, values: Readonly<Record<string, CellValue>> | null): void {
  SETTINGS.forEach((spec, i) => {
    const row = i + 2;
    ws.getCell(row, 1).value = pick(spec.label, lang);
    ws.getCell(row, 1).font = { bold: true };
    ws.getCell(row, 3).value = pick(spec.help, lang);
    ws.getCell(row, 3).font = { color: { argb: 'FF5F6368' } };
    const value: CellValue = values?.[spec.key] ?? defaultSettingValue(spec.key, lang);
    const cell = ws.getCell(row, 2);
    const date = spec.type === 'date' ? isoDate(value) : null;
    cell.value = date ?? (value === '' ? null : (value as ExcelJS.CellValue));
    if (spec.numberFormat) cell.numFmt = spec.numberFormat;
    if (spec.options) addValidation(ws, `B${row}`, listValidation(spec.options, lang));
  });
}

function fillRows(ws: ExcelJS.Worksheet, tab: TabSpec, rows: readonly Readonly<Record<string, CellValue>>[]): void {
  rows.forEach((record, r) => {
    tab.columns.forEach((spec, c) => {
      if (spec.formula) return;
      const { value, numFmt } = exampleCell(spec, record[spec.key]);
      if (value === null) return;
      const cell = ws.getCell(r + 2, c + 1);
      cell.value = value;
      if (numFmt && numFmt !== spec.numberFormat) cell.numFmt = numFmt;
    });
  });
}

function addFormulas(byTab: Map<TabKey, ExcelJS.Worksheet>, lang: Lang): void {
  const evaluation = byTab.get('evaluation');
  if (evaluation) {
    const columns = tabSpec('evaluation').columns;
    columns.forEach((spec, c) => {
      if (!spec.formula) return;
      for (let row = 2; row <= FORMULA_ROWS + 1; row++) {
        const formula = spec.formula.kind === 'achievement' ? achievementFormula(row, lang) : statusFormula(row, lang);
        evaluation.getCell(row, c + 1).value = { formula };
      }
    });
    // The helper columns the two formulas read, hidden: a person sees the table, Excel sees short formulas.
    for (const helper of EVALUATION_HELPERS) {
      const column = evaluation.getColumn(helperLetter(helper.key));
      column.hidden = true;
      evaluation.getCell(`${helperLetter(helper.key)}1`).value = pick(helper.header, lang);
      for (let row = 2; row <= FORMULA_ROWS + 1; row++) evaluation.getCell(`${helperLetter(helper.key)}${row}`).value = { formula: helperFormula(helper.key, row) };
    }
  }
  const costs = byTab.get('costs');
  if (costs) {
    const { labelColumn, valueColumn, rowOf } = costSummaryLayout();
    const formulas = costSummaryFormulas(lang);
    costs.getColumn(labelColumn).width = 26;
    costs.getColumn(valueColumn).width = 14;
    for (const spec of COST_SUMMARY) {
      const label = costs.getCell(rowOf[spec.key], labelColumn);
      label.value = pick(spec.label, lang);
      styleHeader(label);
      const value = costs.getCell(rowOf[spec.key], valueColumn);
      value.value = { formula: formulas[spec.key] };
      // A text format on a formula cell shows the formula itself in some programs; General shows the text.
      value.numFmt = spec.numberFormat === '@' ? 'General' : spec.numberFormat;
      value.font = { bold: true };
    }
  }
}

/** The template as an exceljs workbook (the caller writes it). */
export function buildTemplate(options: TemplateOptions): ExcelJS.Workbook {
  const { lang } = options;
  const example = options.example ? exampleData(lang) : null;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'market-expansion';
  wb.created = new Date(Date.UTC(2023, 0, 1));
  wb.modified = wb.created;
  // Excel and WPS recalculate every formula when the file opens (the file carries no cached results).
  wb.calcProperties.fullCalcOnLoad = true;
  const byTab = new Map<TabKey, ExcelJS.Worksheet>();
  for (const declared of TABS) {
    // Columns the Apps Script fills (Goals progress) have nothing to fill them in Excel or WPS: left out.
    const tab: TabSpec = { ...declared, columns: declared.columns.filter((c) => !c.computed) };
    const ws = addTab(wb, tab, lang);
    byTab.set(tab.key, ws);
    if (tab.key === 'settings') fillSettings(ws, lang, example ? example.settings : null);
    else if (example) fillRows(ws, tab, example.tabs[tab.key] ?? []);
  }
  addFormulas(byTab, lang);
  addDashboard(wb, lang, options.example === true);
  return wb;
}

/** Writes the template to a file. */
export async function writeTemplate(path: string, options: TemplateOptions): Promise<void> {
  await buildTemplate(options).xlsx.writeFile(path);
}
