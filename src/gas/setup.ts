import { planExampleLoad } from '../core/exampleLoad';
import { Lang, joinClauses, joinList, pick } from '../core/i18n';
import { UI } from '../core/messages';
import { RawWorkbook } from '../core/model';
import { ALL_TABS, ColumnSpec, TabKey, tabSpec } from '../core/schema';
import { SetupAction, SetupPlan, TOP_ROWS, TabState, planSetup, setupTabs } from '../core/setup';
import { asLiteral } from '../core/table';
import { CellValue } from '../core/values';
import { setUpDashboard } from './dashboard';
import { appendLog } from './log';
import { setUpImports } from './rollup';
import { withDocumentLock } from './lock';
import { buildMenu } from './menu';
import { OpenWorkbook, TabRead, dateMaker, findTabs, sizeKeeper, languageOf, openWorkbook, readTab, readsFormats } from './spreadsheet';
import { nameOf, tabAdded, tabList, tabsChanged } from './run';
import { alertText } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Settings is a short list, read whole; every other tab only its top rows. */
const SETTINGS_ROWS_READ = 200;

/** The tabs whose top rows' formulas set-up checks (the template formulas it restores: Evaluation, the Costs panel). */
const FORMULA_TABS: ReadonlySet<TabKey> = new Set<TabKey>(['evaluation', 'costs']);

/**
 * What set-up needs of one tab, from its one read (`read`: the whole data range, so its size is the last row and
 * column) plus only the properties the tab's schema has: frozen rows always; the drop-downs, number formats and
 * status colours of row 2 only where the schema sets them (each is its own call in Apps Script); the formulas
 * only of the tabs with template formulas; the grid's height only when an action needs it.
 */
function readState(sheet: Sheet, key: TabKey, name: string, read: TabRead): TabState {
  const spec = ALL_TABS.find((t) => t.key === key);
  const lastRow = read.values.length;
  const lastColumn = read.values[0]?.length ?? 0;
  const rows = Math.min(lastRow, key === 'settings' ? SETTINGS_ROWS_READ : TOP_ROWS);
  const columns = Math.max(lastColumn, 1);
  const top = read.values.slice(0, rows);
  const second = (): Range => sheet.getRange(2, 1, 1, columns);
  const needs = (test: (c: ColumnSpec) => boolean): boolean => spec === undefined || spec.columns.some(test);
  let maxRows: number | null = null;
  return {
    name,
    lastRow,
    lastColumn,
    get maxRows(): number {
      maxRows ??= sheet.getMaxRows();
      return maxRows;
    },
    frozenRows: sheet.getFrozenRows(),
    top,
    topFormulas: rows === 0 || !FORMULA_TABS.has(key) ? [] : sheet.getRange(1, 1, rows, columns).getFormulas(),
    validated: needs((c) => c.options !== undefined && !c.computed) ? second().getDataValidations()[0]!.map((v) => v !== null) : [],
    // Row 2's formats come with the figures of a tab read with its formats (when it has a row 2).
    formats: !needs((c) => c.numberFormat !== undefined) ? [] : read.formats && lastRow >= 2 ? read.formats[1]! : second().getNumberFormats()[0]!,
    conditionalRules: spec === undefined || spec.statusColumn ? sheet.getConditionalFormatRules().length : 0,
  };
}

function apply(ss: Spreadsheet, tabs: Map<TabKey, Sheet>, plan: SetupPlan): void {
  const sheet = (tab: TabKey): Sheet => tabs.get(tab)!;
  const ensureSize = sizeKeeper();
  for (const action of plan.actions) applyOne(ss, tabs, sheet, action, ensureSize);
}

// Each action is one service call (or two), and a plan has a bounded number of them: none depends on rows.
function applyOne(
  ss: Spreadsheet, tabs: Map<TabKey, Sheet>, sheet: (tab: TabKey) => Sheet, action: SetupAction, ensureSize: ReturnType<typeof sizeKeeper>,
): void {
  switch (action.kind) {
    case 'createTab': {
      const created = ss.insertSheet(action.name);
      tabAdded(created, action.name);
      if (action.color) created.setTabColor(action.color);
      if (action.hidden) created.hideSheet();
      tabs.set(action.tab, created);
      return;
    }
    case 'cells': {
      const width = Math.max(...action.values.map((r) => r.length));
      const values = action.values.map((r) => [...r.map(asLiteral), ...new Array(width - r.length).fill('')]);
      ensureSize(sheet(action.tab), action.row + values.length - 1, action.column + width - 1);
      sheet(action.tab).getRange(action.row, action.column, values.length, width).setValues(values);
      return;
    }
    case 'headerStyle':
      sheet(action.tab).getRange(1, 1, 1, action.columns).setFontWeight('bold').setBackground('#f1f3f4');
      return;
    case 'freeze':
      sheet(action.tab).setFrozenRows(action.rows);
      return;
    case 'validation': {
      // allowInvalid: a value typed in the other language is still read correctly, so warn rather than reject.
      const rule = SpreadsheetApp.newDataValidation().requireValueInList([...action.values], true).setAllowInvalid(true).build();
      sheet(action.tab).getRange(2, action.column, action.rows, 1).setDataValidation(rule);
      return;
    }
    case 'numberFormat':
      sheet(action.tab).getRange(action.row, action.column, action.rows, 1).setNumberFormat(action.format);
      return;
    case 'formula':
      ensureSize(sheet(action.tab), action.row, action.column);
      sheet(action.tab).getRange(action.row, action.column).setFormula(action.formula);
      return;
    case 'statusColors': {
      const target = sheet(action.tab);
      const range = target.getRange(2, action.column, action.rows, 1);
      const rules = action.colors.map((c) =>
        SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(c.text).setBackground(c.background).setRanges([range]).build(),
      );
      target.setConditionalFormatRules([...target.getConditionalFormatRules(), ...rules]);
      return;
    }
    case 'columnWidth':
      sheet(action.tab).setColumnWidth(action.column, action.width);
      return;
  }
}

/** Plans and applies set-up; returns the plan so callers can report what changed. */
/** The names a new spreadsheet gives its first tab, in the languages people use. */
const DEFAULT_TAB = /^(sheet|工作表|feuille|hoja|blatt|foglio|planilha|página|シート|시트)\s?1$/i;

/**
 * A new spreadsheet's empty first tab (Sheet1 / 工作表1) is left over once the tracker's tabs exist: it
 * goes, but only while it is empty (nothing typed, not even a cell) and other tabs remain.
 */
function removeEmptyDefaultTab(ss: Spreadsheet): void {
  const sheets = tabList(ss);
  if (sheets.length < 2) return;
  for (const { sheet, name } of sheets) {
    if (!DEFAULT_TAB.test(name.trim())) continue;
    if (sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) {
      ss.deleteSheet(sheet);
      tabsChanged();
    }
  }
}

/**
 * Plans and applies set-up: each tab read once (Settings not again when the run has just read it, `settings`),
 * and the Dashboard planned from those reads where set-up wrote nothing to the tab.
 */
export function setUp(ss: Spreadsheet, lang: Lang, settings?: readonly CellValue[][]): SetupPlan {
  const tabs = findTabs(ss);
  const states: Partial<Record<TabKey, TabState>> = {};
  const raw: RawWorkbook = {};
  const shown: RawWorkbook = {};
  for (const [key, sheet] of tabs) {
    const read: TabRead = key === 'settings' && settings ? { values: [...settings], shown: [...settings], formats: null } : readTab(sheet, readsFormats(key));
    raw[key] = read.values;
    shown[key] = read.shown;
    states[key] = readState(sheet, key, nameOf(ss, sheet) ?? sheet.getName(), read);
  }
  const mode = tabs.has('settings') ? openWorkbook(ss, ['settings'], { raw, shown }).workbook.settings.mode : 'tracker';
  const planned = planSetup(states, lang, setupTabs(mode));
  apply(ss, tabs, planned);
  removeEmptyDefaultTab(ss);
  // A roll-up's IMPORTRANGE blocks follow its Regions list (gas/rollup.ts).
  const imports = mode === 'rollup' ? setUpImports(ss, tabs, lang) : null;
  // A tracker's Dashboard is planned from the tabs as they now are (headers, Evaluation rows, channels, owner targets):
  // a tab set-up wrote to is read again, the others as read above.
  const written = new Set(planned.actions.map((a) => a.tab));
  const unchanged = (grids: RawWorkbook): RawWorkbook => Object.fromEntries(Object.entries(grids).filter(([key]) => !written.has(key as TabKey)));
  const dashboard = mode === 'tracker' ? setUpDashboard(ss, openWorkbook(ss, undefined, { raw: unchanged(raw), shown: unchanged(shown) }), lang) : [];
  // On a fresh sheet everything is new: the summary stays empty ("all tabs created").
  const fresh = planned.summary.length === 0 && planned.actions.length > 0;
  const extra = [...(imports === null ? [] : [imports]), ...(fresh ? [] : dashboard)];
  const plan: SetupPlan = extra.length === 0 ? planned : { actions: planned.actions, summary: [...planned.summary, ...extra] };
  if (plan.actions.length > 0 || extra.length > 0) appendLog(tabs, [{ action: pick(UI.logSetup, lang), detail: joinClauses(plan.summary, lang) || pick(UI.setupDone, lang) }]);
  return plan;
}

export function runSetup(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // Settings is read under the lock (another run may be adding its rows) and that read is set-up's own.
  let known: ReturnType<typeof currentLang> | null = null;
  const language = (): ReturnType<typeof currentLang> => (known ??= currentLang(ss));
  withDocumentLock(() => language().lang, () => {
    const { lang, settingsRead } = language();
    const plan = setUp(ss, lang, settingsRead?.raw.settings);
    // The menu follows Settings: as read above unless set-up has just added to it.
    buildMenu(settingsRead && !plan.actions.some((a) => a.tab === 'settings') ? settingsRead : undefined);
    const fresh = plan.summary.length === 0 && plan.actions.length > 0;
    if (plan.actions.length === 0 && plan.summary.length === 0) alertText(lang, UI.setupNothing);
    else alertText(lang, UI.setupDone, { changes: fresh ? pick({ en: 'all tabs created', zh: '已创建全部工作表' }, lang) : joinClauses(plan.summary, lang) });
  });
}

/** The sheet's language, from Settings (read once: set-up reuses the read, nothing is written before it). */
function currentLang(ss: Spreadsheet): { lang: Lang; settingsRead?: OpenWorkbook } {
  if (!findTabs(ss).has('settings')) return { lang: languageOf(ss, null) };
  const settingsRead = openWorkbook(ss, ['settings']);
  return { lang: settingsRead.lang, settingsRead };
}

export function runLoadExample(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { lang } = currentLang(ss);
  withDocumentLock(lang, () => {
    setUp(ss, lang);
    const { tabs, raw, timeZone } = openWorkbook(ss);
    const plan = planExampleLoad(raw, lang, dateMaker(timeZone));
    if ('busy' in plan) {
      alertText(lang, UI.exampleRefused, { tabs: joinList(plan.busy.map((key) => pick(tabSpec(key).name, lang)), lang) });
      return;
    }
    for (const write of plan.writes) {
      const sheet = tabs.get(write.tab);
      if (sheet) sheet.getRange(write.row, write.column, write.values.length, write.values[0]?.length ?? 1).setValues(write.values);
    }
    // The Dashboard's tiles, months, weeks and channels follow the rows just loaded.
    setUpDashboard(ss, openWorkbook(ss), lang);
    appendLog(tabs, [{ action: pick(UI.logExample, lang), detail: pick({ en: 'East China, 2023 Q3', zh: '华东区域，2023 Q3' }, lang) }]);
    buildMenu();
    alertText(lang, UI.exampleLoaded);
  });
}
