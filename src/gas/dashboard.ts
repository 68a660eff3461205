import { DASHBOARD_NAME, DashboardPlan, planDashboard } from '../core/dashboard';
import { Lang, fill, pick } from '../core/i18n';
import { METRIC_STATUS, normalizeLabel } from '../core/options';
import { TabKey, tabSpec } from '../core/schema';
import { statusColors } from '../core/setup';
import { a1Notation, columnLetter, mapHeaders } from '../core/table';
import { CellValue } from '../core/values';
import { nameOf, tabAdded, tabList } from './run';
import { OpenWorkbook, ensureSize } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Dashboard tab, found by its name in either language. */
export function findDashboard(ss: Spreadsheet): Sheet | null {
  const names = [DASHBOARD_NAME.en, DASHBOARD_NAME.zh].map(normalizeLabel);
  return tabList(ss).find((t) => names.includes(normalizeLabel(t.name)))?.sheet ?? null;
}

function sourcesOf(open: OpenWorkbook): Parameters<typeof planDashboard>[1] {
  const settingsHeader = mapHeaders(tabSpec('settings'), open.raw.settings?.[0] ?? []);
  return {
    lang: open.lang,
    tabName: (tab: TabKey) => {
      const sheet = open.tabs.get(tab);
      return sheet ? nameOf(open.ss, sheet) ?? sheet.getName() : pick(tabSpec(tab).name, open.lang);
    },
    letter: (tab, column) => {
      const grid = open.raw[tab];
      if (!grid || !open.tabs.has(tab)) return null;
      const at = mapHeaders(tabSpec(tab), grid[0] ?? []).index.get(column);
      return at === undefined ? null : columnLetter(at + 1);
    },
    settingRow: (key) => open.workbook.settings.rowOf[key] ?? null,
    settingLetter: columnLetter((settingsHeader.index.get('value') ?? 1) + 1),
  };
}

const STYLE_WEIGHT: Readonly<Record<string, string>> = { title: 'bold', section: 'bold', header: 'bold' };
const STYLE_BACKGROUND: Readonly<Record<string, string>> = { header: '#f1f3f4', section: '#ffffff' };
const STYLE_COLOR: Readonly<Record<string, string>> = { section: '#1a73e8', label: '#5f6368', bar: '#188038' };
const CHART_TYPE = { column: 'COLUMN', line: 'LINE', bar: 'BAR' } as const;

/**
 * Creates or repairs the Dashboard from the workbook as it is now: every cell is a formula the plan owns, so a
 * cell that differs (or is left over from an earlier layout) is rewritten, while a value a person typed on the
 * tab is left where it is. The grid is written in one call and only when something differs; charts are
 * replaced only when they differ from the plan. Returns what it changed, for the dialog and the Log.
 */
export function setUpDashboard(ss: Spreadsheet, open: OpenWorkbook, lang: Lang): string[] {
  const plan = planDashboard(open.workbook, sourcesOf(open));
  const zh = lang === 'zh-CN';
  const changes: string[] = [];
  let sheet = findDashboard(ss);
  const created = sheet === null;
  if (sheet === null) {
    sheet = ss.insertSheet(pick(DASHBOARD_NAME, lang), 0);
    tabAdded(sheet, pick(DASHBOARD_NAME, lang), 0);
    sheet.setTabColor('#1a73e8');
    for (const { column, width } of plan.widths) sheet.setColumnWidth(column, width);
    changes.push(zh ? `新建“${pick(DASHBOARD_NAME, lang)}”` : `created the ${pick(DASHBOARD_NAME, lang)} tab`);
  }
  const name = created ? pick(DASHBOARD_NAME, lang) : nameOf(ss, sheet) ?? sheet.getName();
  const kept = writeGrid(sheet, plan);
  // The helper columns (the work calendar's days the formulas read) are hidden when the grid is written: on a new
  // tab, and on a Dashboard from before they existed.
  if (kept.changed || created) sheet.hideColumns(plan.hiddenColumns.column, plan.hiddenColumns.count);
  if (kept.changed && !created) changes.push(zh ? `“${name}”：更新公式` : `"${name}": updated its formulas`);
  if (kept.foreign > 0) changes.push(pick(fill({ en: '"{name}": left {n} typed {n:cell|cells} as they are', zh: '“{name}”：{n} 个手工填写的单元格保持不变' }, { name, n: kept.foreign }), zh ? 'zh-CN' : 'en'));
  if (writeStatusColours(sheet, plan, lang) && !created) changes.push(zh ? `“${name}”：更新状态颜色` : `"${name}": updated the status colours`);
  if (writeCharts(sheet, plan) && !created) changes.push(zh ? `“${name}”：更新图表` : `"${name}": updated the charts`);
  return changes;
}

function writeGrid(sheet: Sheet, plan: DashboardPlan): { changed: boolean; foreign: number } {
  const tableColumns = Math.max(...plan.cells.map((c) => c.column), 1);
  // The tab as it is, in one read of its data range (values and formulas): rows past it are blank.
  const data = sheet.getDataRange();
  const dataValues = data.getValues() as CellValue[][];
  const dataFormulas = data.getFormulas();
  const lastRow = dataValues.length === 1 && dataValues[0]!.length === 1 && dataValues[0]![0] === '' && dataFormulas[0]![0] === '' ? 0 : dataValues.length;
  const rows = Math.max(plan.rows, lastRow, 1);
  const columns = tableColumns;
  const fit = <T>(grid: T[][], blank: T): T[][] =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => grid[r]?.[c] ?? blank));
  const values = fit(dataValues, '' as CellValue);
  const formulas = fit(dataFormulas, '');
  const planned = new Map(plan.cells.map((c) => [`${c.row}:${c.column}`, c]));
  let changed = false;
  let foreign = 0;
  const out = values.map((line, r) => line.map((value, c) => {
    const formula = formulas[r]?.[c] ?? '';
    const cell = planned.get(`${r + 1}:${c + 1}`);
    const typed = formula === '' && value !== '' && value !== null;
    if (typed) {
      // A person's value stays; written back as the same value (text kept as text).
      if (cell) foreign++;
      return typeof value === 'string' ? `'${value}` : value;
    }
    const wanted = cell ? cell.value : '';
    if (wanted !== formula) changed = true;
    return wanted;
  }));
  if (!changed) return { changed, foreign };
  ensureSize(sheet, rows, columns);
  const range = sheet.getRange(1, 1, rows, columns);
  range.setValues(out);
  range.setNumberFormats(values.map((line, r) => line.map((_, c) => planned.get(`${r + 1}:${c + 1}`)?.format ?? 'General')));
  const style = (pick: (style: string) => string | undefined, fallback: string): string[][] =>
    values.map((line, r) => line.map((_, c) => {
      const s = planned.get(`${r + 1}:${c + 1}`)?.style;
      return (s && pick(s)) ?? fallback;
    }));
  range.setFontWeights(style((s) => STYLE_WEIGHT[s], 'normal') as GoogleAppsScript.Spreadsheet.FontWeight[][]);
  range.setBackgrounds(style((s) => STYLE_BACKGROUND[s], '#ffffff'));
  range.setFontColors(style((s) => STYLE_COLOR[s], '#202124'));
  sheet.getRange(1, 1).setFontSize(16);
  return { changed, foreign };
}

/** Status cells coloured as on every other tab; replaced only when the ranges differ. */
function writeStatusColours(sheet: Sheet, plan: DashboardPlan, lang: Lang): boolean {
  const existing = sheet.getConditionalFormatRules();
  const wanted = plan.statusRanges.map((r) => a1Notation(r.row, r.column, r.rows, 1)).sort();
  const have = [...new Set(existing.flatMap((rule) => rule.getRanges().map((r) => r.getA1Notation())))].sort();
  const colours = statusColors(METRIC_STATUS, lang);
  if (have.join() === wanted.join() && existing.length === colours.length * Math.min(wanted.length, 1)) return false;
  const ranges = plan.statusRanges.map((r) => sheet.getRange(r.row, r.column, r.rows, 1));
  const rules = ranges.length === 0 ? [] : colours.map((c) =>
    SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(c.text).setBackground(c.background).setRanges(ranges).build());
  sheet.setConditionalFormatRules(rules);
  return true;
}

function chartKey(a1: string, row: number, column: number, title: unknown): string {
  return [a1, row, column, String(title ?? '')].join('\u0000');
}

/** Embedded charts of the tables beside them; replaced only when they differ from the plan. */
function writeCharts(sheet: Sheet, plan: DashboardPlan): boolean {
  const existing = sheet.getCharts();
  const have = existing.map((chart) => {
    const info = chart.getContainerInfo();
    const ranges = chart.getRanges().map((r) => r.getA1Notation()).join(',');
    return chartKey(ranges, info.getAnchorRow(), info.getAnchorColumn(), chart.getOptions().get('title'));
  }).sort();
  const wanted = plan.charts.map((c) => chartKey(a1Notation(c.range.row, c.range.column, c.range.rows, c.range.columns), c.anchor.row, c.anchor.column, c.title)).sort();
  if (have.join('\n') === wanted.join('\n')) return false;
  for (const chart of existing) sheet.removeChart(chart);
  for (const c of plan.charts) {
    const chart = sheet.newChart()
      .setChartType(Charts.ChartType[CHART_TYPE[c.kind]])
      .addRange(sheet.getRange(c.range.row, c.range.column, c.range.rows, c.range.columns))
      .setNumHeaders(1)
      .setPosition(c.anchor.row, c.anchor.column, 0, 0)
      .setOption('title', c.title)
      .setOption('width', c.width)
      .setOption('height', c.height)
      .setOption('legend', { position: 'bottom' })
      .build();
    sheet.insertChart(chart);
  }
  return true;
}
