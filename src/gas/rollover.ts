import { Bilingual, Lang, fill, joinList, pick } from '../core/i18n';
import {
  GridWrite, ROLLOVER_MSG, RolloverPlan, changedTabs, describeRollover, planRollover, planSignature, rolloverPropertyKey,
} from '../core/rollover';
import { TabKey, tabSpec } from '../core/schema';
import { retargetSheetRefs } from '../core/sheetRefs';
import { columnLetter } from '../core/table';
import { CellValue, isoFromDay } from '../core/values';
import { withDocumentLock } from './lock';
import { appendLog } from './log';
import { activeSpreadsheet, documentProperties, nameOf, spreadsheetUi, tabAdded, tabList, tabsChanged } from './run';
import { OpenWorkbook, dateMaker, openWorkbook, sizeKeeper } from './spreadsheet';
import { errorText } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What a document property records about a finished rollover. */
interface RolloverRecord {
  readonly to: string;
  /** When, in the spreadsheet's time zone: `2023-10-02 09:00`. */
  readonly at: string;
}

function say(lang: Lang, text: Bilingual, params: Record<string, string | number> = {}): void {
  spreadsheetUi().alert(pick(fill(text, params), lang));
}

function parseRecord(value: string | null): RolloverRecord | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<RolloverRecord>;
    return { to: String(parsed.to ?? ''), at: String(parsed.at ?? '') };
  } catch {
    return { to: '', at: value };
  }
}

/** The tabs whose rows the rollover writes back from their own cells, so their formulas are read too. */
const FORMULA_TABS: readonly TabKey[] = ['goals', 'tracking', 'retrospective', 'settings'];

type Formulas = Partial<Record<TabKey, string[][]>>;

/** What the rollover would do now: the workbook as read, its formulas and the plan (or why not). */
interface Prepared {
  readonly open: OpenWorkbook;
  readonly formulas: Formulas;
  readonly plan: RolloverPlan;
}

/**
 * Menu → Start next cycle. Reads and plans, and asks for confirmation with exactly what will happen, without
 * holding the lock (a dialog can stay open for minutes). After Yes, under the document lock, it reads and
 * plans again: if the sheet changed meanwhile it stops and asks to run it again; otherwise it archives every
 * data tab (sheet copies keep formulas and formats), checks the copies, writes each tab's new content in one
 * setValues, Settings last, and records the rollover. If a write fails, every written range is copied back
 * from its archive copy and checked; if even that fails, the copies stay and the message says how to restore.
 */
export function runStartNextCycle(): void {
  const ss = activeSpreadsheet();
  const first = prepare(ss);
  if ('error' in first) {
    say(first.lang, first.error);
    return;
  }
  const { lang } = first.open;
  const ui = spreadsheetUi();
  if (ui.alert(pick(ROLLOVER_MSG.logAction, lang), describeRollover(first.plan, lang), ui.ButtonSet.YES_NO) !== ui.Button.YES) {
    say(lang, ROLLOVER_MSG.cancelled);
    return;
  }
  withDocumentLock(lang, () => {
    const now = prepare(ss);
    if ('error' in now) {
      say(now.lang, now.error);
      return;
    }
    const changed = changedTabs(first.open.raw, now.open.raw, first.formulas, now.formulas);
    if (changed.length > 0 || planSignature(first.plan) !== planSignature(now.plan)) {
      const tabs = (changed.length > 0 ? changed : ['settings' as TabKey]).map((t) => pick(tabSpec(t).name, lang));
      say(lang, ROLLOVER_MSG.changedDuringConfirm, { tabs: joinList(tabs, lang) });
      return;
    }
    startNextCycle(ss, now);
  });
}

/** Reads the workbook (values, and formulas of the tabs rows are copied within: one getFormulas each) and plans. */
function prepare(ss: Spreadsheet): Prepared | { error: Bilingual; lang: Lang } {
  const open = openWorkbook(ss);
  const { lang, workbook } = open;
  const formulas: Formulas = {};
  for (const tab of FORMULA_TABS) {
    const sheet = open.tabs.get(tab);
    const grid = open.raw[tab];
    const columns = grid?.[0]?.length ?? 0;
    if (sheet && grid && grid.length > 0 && columns > 0) formulas[tab] = sheet.getRange(1, 1, grid.length, columns).getFormulas();
  }
  const properties = documentProperties();
  const cycle = workbook.settings.cycle.trim();
  const recorded = properties.getProperties();
  const done = cycle === '' ? null : parseRecord(recorded[rolloverPropertyKey(cycle)] ?? null);
  if (done) return { lang, error: fill(ROLLOVER_MSG.alreadyRolled, { cycle, when: done.at.slice(0, 10) || '?' }) };
  // Was this cycle itself opened by a rollover? Then it is not closed again before its end.
  const opened = Object.entries(recorded)
    .filter(([key]) => key.startsWith(rolloverPropertyKey('')))
    .map(([, value]) => parseRecord(value))
    .find((r) => r !== null && r.to !== '' && r.to === cycle);
  const result = planRollover(workbook, open.raw, open.time, lang, {
    sheetNames: tabList(ss).map((t) => t.name),
    dateCell: dateMaker(open.timeZone),
    formulas,
    ...(opened ? { openedByRolloverOn: opened.at.slice(0, 10) } : {}),
  });
  if ('error' in result) return { lang, error: result.error };
  return { open, formulas, plan: result };
}

function startNextCycle(ss: Spreadsheet, prepared: Prepared): void {
  const { open, plan } = prepared;
  const { lang } = open;
  const properties = documentProperties();
  const ui = spreadsheetUi();

  // 1. Archive first. Until every copy exists and is complete, nothing else is touched.
  const archived = archive(ss, open.tabs, open.raw, plan, lang);
  if (!archived) return;
  const { copies, copyFormulas } = archived;

  // 2. The new cycle, one write per tab, Settings last.
  let current: GridWrite | null = null;
  const ensureSize = sizeKeeper();
  try {
    for (const write of plan.writes) {
      current = write;
      const sheet = open.tabs.get(write.tab);
      if (!sheet) continue;
      const rows = write.values.length;
      const columns = write.values[0]?.length ?? 0;
      if (rows === 0 || columns === 0) continue;
      // Inside the data range read the grid is big enough: its size is asked only for a write past it.
      const read = open.raw[write.tab] ?? [];
      if (write.row + rows - 1 > read.length || write.column + columns - 1 > (read[0]?.length ?? 0)) ensureSize(sheet, write.row + rows - 1, write.column + columns - 1);
      sheet.getRange(write.row, write.column, rows, columns).setValues(write.values);
    }
  } catch (error) {
    recover(ss, open.tabs, copies, copyFormulas, plan, current, error, lang);
    return;
  }

  // 3. Record it: a document property and a Log row. The rollover itself is already complete.
  const names = plan.archives.map((a) => a.name);
  const notes: string[] = [];
  try {
    pointArchivesAtArchives(ss, open.tabs, copies, copyFormulas);
  } catch (error) {
    notes.push(pick(fill(ROLLOVER_MSG.archiveRefsNotRetargeted, { error: errorText(error) }), lang));
  }
  try {
    const at = Utilities.formatDate(new Date(), open.timeZone, 'yyyy-MM-dd HH:mm');
    properties.setProperty(plan.propertyKey, JSON.stringify({ to: plan.to.label, at } satisfies RolloverRecord));
  } catch (error) {
    notes.push(pick(fill(ROLLOVER_MSG.doneNotRecorded, { error: errorText(error), from: plan.from.label }), lang));
  }
  try {
    appendLog(open.tabs, [{
      action: pick(ROLLOVER_MSG.logAction, lang),
      detail: pick(fill(ROLLOVER_MSG.logDetail, {
        from: plan.from.label, to: plan.to.label, start: isoFromDay(plan.to.start), end: isoFromDay(plan.to.end),
        names: joinList(names, lang), tasks: plan.carriedTasks.length, taskRows: plan.carriedTasks.map((t) => t.fromRow).join(', ') || '-',
        actions: plan.carriedActions.length, actionRows: plan.carriedActions.map((a) => a.fromRow).join(', ') || '-',
        practices: plan.playbookAdded.length,
      }), lang) + pick(ROLLOVER_MSG.archivesHidden, lang),
    }]);
  } catch (error) {
    notes.push(errorText(error));
  }
  // The archive tabs are kept but hidden, so the new cycle's tabs stay in view; Log names them.
  try {
    for (const copy of copies.values()) copy.hideSheet();
  } catch (error) {
    notes.push(errorText(error));
  }
  const message = pick(fill(ROLLOVER_MSG.done, {
    to: plan.to.label, from: plan.from.label, start: isoFromDay(plan.to.start), end: isoFromDay(plan.to.end),
    count: names.length, example: plan.archives.find((a) => a.tab === 'tracking')?.name ?? names[0] ?? '',
    tasks: plan.carriedTasks.length, actions: plan.carriedActions.length, practices: plan.playbookAdded.length,
  }), lang);
  ui.alert([message, ...notes].join('\n\n'));
}

/**
 * Sheet.copyTo keeps a copy's formulas pointing at the original tabs: the archive of Costs would sum the new
 * cycle's Weekly log. Points every archive formula that refers to an archived tab at that tab's archive
 * copy, from each copy's formulas as read when it was checked, one write per run of changed cells in a column.
 */
function pointArchivesAtArchives(ss: Spreadsheet, tabs: Map<TabKey, Sheet>, copies: Map<TabKey, Sheet>, copyFormulas: Map<TabKey, string[][]>): void {
  const renames = new Map<string, string>();
  for (const [key, copy] of copies) {
    const source = tabs.get(key);
    if (source) renames.set(nameOf(ss, source) ?? source.getName(), nameOf(ss, copy) ?? copy.getName());
  }
  for (const [key, copy] of copies) {
    const formulas = copyFormulas.get(key) ?? [];
    const rows = formulas.length;
    const columns = formulas[0]?.length ?? 0;
    for (let c = 0; c < columns; c++) {
      let r = 0;
      while (r < rows) {
        const start = r;
        const run: string[][] = [];
        for (; r < rows; r++) {
          const formula = formulas[r]?.[c] ?? '';
          const moved = retargetSheetRefs(formula, renames);
          if (formula === '' || moved === formula) break;
          run.push([moved]);
        }
        if (run.length > 0) copy.getRange(start + 1, c + 1, run.length, 1).setFormulas(run);
        else r++;
      }
    }
  }
}

/**
 * Copies each tab to its archive name and checks every copy (its formulas, read in one call of its data range,
 * have the source's extent as it was read; they are kept to point the copies at each other); on failure removes
 * partial copies and says so.
 */
function archive(
  ss: Spreadsheet, tabs: Map<TabKey, Sheet>, raw: Partial<Record<TabKey, CellValue[][]>>, plan: RolloverPlan, lang: Lang,
): { copies: Map<TabKey, Sheet>; copyFormulas: Map<TabKey, string[][]> } | null {
  const copies = new Map<TabKey, Sheet>();
  const copyFormulas = new Map<TabKey, string[][]>();
  let failedTab: TabKey | null = null;
  let failure: unknown = null;
  for (const entry of plan.archives) {
    const source = tabs.get(entry.tab);
    if (!source) continue;
    try {
      const copy = source.copyTo(ss);
      copies.set(entry.tab, copy);
      copy.setName(entry.name);
      tabAdded(copy, entry.name);
      // A copy is complete when it has the source's extent as it was read.
      const grid = raw[entry.tab] ?? [];
      const rows = grid.length;
      const columns = rows === 0 ? 0 : (grid[0]?.length ?? 0);
      const formulas = copy.getDataRange().getFormulas();
      // A data range of one cell is a tab of one cell or an empty one: only getLastRow tells which.
      const single = formulas.length === 1 && (formulas[0]?.length ?? 0) === 1;
      const extent = single ? [copy.getLastRow(), copy.getLastColumn()] : [formulas.length, formulas[0]?.length ?? 0];
      if (extent[0] !== rows || extent[1] !== columns) {
        throw new Error(pick(fill(ROLLOVER_MSG.archiveNotVerified, { name: entry.name }), lang));
      }
      copyFormulas.set(entry.tab, rows === 0 ? [] : formulas);
    } catch (error) {
      failedTab = entry.tab;
      failure = error;
      break;
    }
  }
  if (failedTab === null) return { copies, copyFormulas };
  tabsChanged();
  const left = removeCopies(ss, copies);
  const cleanup = left.length > 0 ? pick(fill(ROLLOVER_MSG.archiveCleanupFailed, { names: left.join(', ') }), lang) : '';
  say(lang, ROLLOVER_MSG.archiveFailed, { tab: pick(tabSpec(failedTab).name, lang), error: errorText(failure), cleanup });
  return null;
}

/**
 * After a failed write: copies every range the plan writes (up to and including the one that failed) back
 * from the archive copy with Range.copyTo, which brings back everything (values, formulas, notes, formats,
 * validation), and removes rows the write added. Then checks each range's values and formulas against the
 * copy; only when all match are the archive copies deleted. Otherwise the copies stay and the message says
 * how to restore by hand.
 */
function recover(
  ss: Spreadsheet, tabs: Map<TabKey, Sheet>, copies: Map<TabKey, Sheet>, copyFormulas: Map<TabKey, string[][]>, plan: RolloverPlan,
  failed: GridWrite | null, error: unknown, lang: Lang,
): void {
  const names = joinList(plan.archives.map((a) => a.name), lang);
  const tab = failed ? pick(tabSpec(failed.tab).name, lang) : '?';
  const upTo = failed ? plan.writes.indexOf(failed) : plan.writes.length - 1;
  const restored: { sheet: Sheet; copy: Sheet; row: number; column: number; rows: number; columns: number }[] = [];
  try {
    for (const write of plan.writes.slice(0, upTo + 1)) {
      const sheet = tabs.get(write.tab);
      const copy = copies.get(write.tab);
      const rows = write.values.length;
      const columns = write.values[0]?.length ?? 0;
      if (!sheet || !copy || rows === 0 || columns === 0) continue;
      // Rows past the archive's grid were added by the write (ensureSize): they go again.
      const copyRows = copy.getMaxRows();
      const inCopy = Math.max(0, Math.min(rows, copyRows - write.row + 1));
      if (inCopy > 0) {
        copy.getRange(write.row, write.column, inCopy, columns).copyTo(sheet.getRange(write.row, write.column, inCopy, columns));
        restored.push({ sheet, copy, row: write.row, column: write.column, rows: inCopy, columns });
      }
      const sheetRows = sheet.getMaxRows();
      if (sheetRows > copyRows) sheet.deleteRows(copyRows + 1, sheetRows - copyRows);
    }
    for (const r of restored) {
      const back = r.sheet.getRange(r.row, r.column, r.rows, r.columns);
      const original = r.copy.getRange(r.row, r.column, r.rows, r.columns);
      if (!sameCells(back.getValues() as CellValue[][], original.getValues() as CellValue[][]) || !sameCells(back.getFormulas(), original.getFormulas())) {
        throw new Error(pick(fill(ROLLOVER_MSG.restoreMismatch, { range: rangeName(r.sheet, r) }), lang));
      }
    }
  } catch (restoreError) {
    // The archive is now the record of the cycle: its formulas must show the archived figures, not the half-written tabs.
    try {
      pointArchivesAtArchives(ss, tabs, copies, copyFormulas);
    } catch {
      // Its typed values are complete either way; the message below says how to restore.
    }
    say(lang, ROLLOVER_MSG.failedNotRestored, { tab, error: errorText(error), restoreError: errorText(restoreError), names, from: plan.from.label });
    return;
  }
  const ranges = restored.map((r) => rangeName(r.sheet, r)).join(', ') || '-';
  const left = removeCopies(ss, copies);
  if (left.length > 0) say(lang, ROLLOVER_MSG.failedRestoredKeptArchive, { tab, error: errorText(error), ranges, names: left.join(', ') });
  else say(lang, ROLLOVER_MSG.failedRestored, { tab, error: errorText(error), ranges, from: plan.from.label });
}

/** `Tracking!A2:O6`, as a person finds it (the sheet name quoted when it has spaces). */
function rangeName(sheet: Sheet, r: { row: number; column: number; rows: number; columns: number }): string {
  const name = sheet.getName();
  const quoted = /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  return `${quoted}!${columnLetter(r.column)}${r.row}:${columnLetter(r.column + r.columns - 1)}${r.row + r.rows - 1}`;
}

function sameCells(a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): boolean {
  const same = (x: unknown, y: unknown): boolean =>
    x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
  return a.length === b.length && a.every((line, i) => line.length === (b[i]?.length ?? -1) && line.every((v, j) => same(v, b[i]?.[j])));
}

/** Deletes archive copies made by this run (it only ever deletes its own copies); returns the names it could not. */
function removeCopies(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, copies: Map<unknown, GoogleAppsScript.Spreadsheet.Sheet>): string[] {
  const left: string[] = [];
  for (const copy of copies.values()) {
    try {
      ss.deleteSheet(copy);
      tabsChanged();
    } catch {
      left.push(copy.getName());
    }
  }
  return left;
}
