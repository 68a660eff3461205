/**
 * The offline template's Dashboard: the same plan as the Google Sheet's (core/dashboard.ts), built-in formulas
 * only, so Excel, WPS and LibreOffice compute it when the file opens. Embedded charts are not written (exceljs
 * cannot write them); the tables they draw are there.
 */
import ExcelJS from 'exceljs';
import { DASHBOARD_NAME, planDashboard } from '../../core/dashboard';
import { exampleGrids } from '../../core/example';
import { Lang, pick } from '../../core/i18n';
import { RawWorkbook, readWorkbook } from '../../core/model';
import { METRIC_STATUS } from '../../core/options';
import { TABS, tabSpec } from '../../core/schema';
import { statusColors } from '../../core/setup';
import { quote } from '../../core/sheetFormulas';
import { columnLetter } from '../../core/table';
import { utcDayOf } from '../../core/values';
import { letterOf, settingRow } from './formulas';

/** Evaluation rows the empty template's Dashboard shows (typed rows appear as they are filled in). */
export const DASHBOARD_SLOTS = 12;

const WEIGHT: Readonly<Record<string, boolean>> = { title: true, section: true, header: true };
const FILL: Readonly<Record<string, string>> = { header: 'FFF1F3F4' };
const COLOR: Readonly<Record<string, string>> = { section: 'FF1A73E8', label: 'FF5F6368', bar: 'FF188038' };

/**
 * A formula as an .xlsx file stores it: functions newer than Excel 2007 carry the `_xlfn.` prefix (ECMA-376's
 * "future functions"); without it Excel and LibreOffice read MAXIFS as an unknown name (#NAME?).
 */
function storedFormula(formula: string): string {
  return formula.replace(/\bMAXIFS\(/g, '_xlfn.MAXIFS(');
}

/** Adds the Dashboard tab (after the data tabs), planned from the template's own rows (the example, or none). */
export function addDashboard(wb: ExcelJS.Workbook, lang: Lang, example: boolean): ExcelJS.Worksheet {
  const grids: RawWorkbook = example ? exampleGrids(lang) : Object.fromEntries(TABS.map((t) => [t.key, [t.columns.map((c) => pick(c.header, lang))]]));
  const workbook = readWorkbook(grids, { today: 0, dayOf: utcDayOf });
  const plan = planDashboard(workbook, {
    lang,
    tabName: (tab) => pick(tabSpec(tab).name, lang),
    letter: (tab, column) => (tabSpec(tab).columns.some((c) => c.key === column) ? letterOf(tab, column) : null),
    settingRow: (key) => settingRow(key),
    settingLetter: 'B',
  }, { slots: DASHBOARD_SLOTS });
  const ws = wb.addWorksheet(pick(DASHBOARD_NAME, lang), { properties: { tabColor: { argb: 'FF1A73E8' } } });
  for (const { column, width } of plan.widths) ws.getColumn(column).width = Math.round(width / 7);
  const helpers = plan.hiddenColumns;
  for (let column = helpers.column; column < helpers.column + helpers.count; column++) ws.getColumn(column).hidden = true;
  for (const cell of plan.cells) {
    const target = ws.getCell(cell.row, cell.column);
    target.value = { formula: storedFormula(cell.value.slice(1)) } as ExcelJS.CellValue;
    if (cell.format) target.numFmt = cell.format;
    const style = cell.style ?? '';
    if (WEIGHT[style] || COLOR[style]) target.font = { bold: WEIGHT[style] ?? false, ...(COLOR[style] ? { color: { argb: COLOR[style] } } : {}), ...(style === 'title' ? { size: 16 } : {}) };
    if (FILL[style]) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[style] } };
  }
  const colours = statusColors(METRIC_STATUS, lang);
  for (const range of plan.statusRanges) {
    const first = `${columnLetter(range.column)}${range.row}`;
    ws.addConditionalFormatting({
      ref: `${first}:${columnLetter(range.column)}${range.row + range.rows - 1}`,
      rules: colours.map((c, i) => ({
        type: 'expression' as const, priority: i + 1, formulae: [`$${columnLetter(range.column)}${range.row}=${quote(c.text)}`],
        style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: `FF${c.background.replace('#', '').toUpperCase()}` } } },
      })),
    });
  }
  return ws;
}
