import { Bilingual, Lang, fill, pick } from '../core/i18n';
import { GridWrite, ROLLOVER_MSG, RolloverPlan, describeRollover, planRollover, rolloverPropertyKey } from '../core/rollover';
import { TabKey, tabSpec } from '../core/schema';
import { CellValue, isoFromDay } from '../core/values';
import { withDocumentLock } from './lock';
import { appendLog } from './log';
import { dateOfDay, ensureSize, languageOf, openWorkbook } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What a document property records about a finished rollover. */
interface RolloverRecord {
  readonly to: string;
  /** When, in the spreadsheet's time zone: `2023-10-02 09:00`. */
  readonly at: string;
}

function say(lang: Lang, text: Bilingual, params: Record<string, string | number> = {}): void {
  SpreadsheetApp.getUi().alert(pick(fill(text, params), lang));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

/**
 * Menu → Start next cycle. Asks for confirmation with exactly what will happen, then under the document
 * lock: archives every data tab (sheet copies keep formulas and formats), checks the copies, writes each
 * tab's new content in one setValues, Settings last, and records the rollover. If a write fails, every
 * written range is put back from its archive copy; if even that fails, the message says how to restore.
 */
export function runStartNextCycle(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  withDocumentLock(languageOf(ss, null), () => startNextCycle(ss));
}

function startNextCycle(ss: Spreadsheet): void {
  const open = openWorkbook(ss);
  const { lang, workbook } = open;
  const properties = PropertiesService.getDocumentProperties();
  const cycle = workbook.settings.cycle.trim();
  const recorded = properties.getProperties();
  const done = cycle === '' ? null : parseRecord(recorded[rolloverPropertyKey(cycle)] ?? null);
  if (done) {
    say(lang, ROLLOVER_MSG.alreadyRolled, { cycle, when: done.at.slice(0, 10) || '?' });
    return;
  }
  // Was this cycle itself opened by a rollover? Then it is not closed again before its end.
  const opened = Object.entries(recorded)
    .filter(([key]) => key.startsWith(rolloverPropertyKey('')))
    .map(([, value]) => parseRecord(value))
    .find((r) => r !== null && r.to !== '' && r.to === cycle);
  const result = planRollover(workbook, open.raw, open.time, lang, {
    sheetNames: ss.getSheets().map((s) => s.getName()),
    dateCell: (day) => dateOfDay(day, open.timeZone),
    ...(opened ? { openedByRolloverOn: opened.at.slice(0, 10) } : {}),
  });
  if ('error' in result) {
    say(lang, result.error);
    return;
  }
  const plan = result;

  const ui = SpreadsheetApp.getUi();
  if (ui.alert(pick(ROLLOVER_MSG.logAction, lang), describeRollover(plan, lang), ui.ButtonSet.YES_NO) !== ui.Button.YES) {
    say(lang, ROLLOVER_MSG.cancelled);
    return;
  }

  // 1. Archive first. Until every copy exists and is complete, nothing else is touched.
  const copies = archive(ss, open.tabs, open.raw, plan, lang);
  if (!copies) return;

  // 2. The new cycle, one write per tab, Settings last.
  let current: GridWrite | null = null;
  try {
    for (const write of plan.writes) {
      current = write;
      const sheet = open.tabs.get(write.tab);
      if (!sheet) continue;
      const rows = write.values.length;
      const columns = write.values[0]?.length ?? 0;
      if (rows === 0 || columns === 0) continue;
      ensureSize(sheet, write.row + rows - 1, write.column + columns - 1);
      sheet.getRange(write.row, write.column, rows, columns).setValues(write.values);
    }
  } catch (error) {
    recover(ss, open.tabs, copies, plan, current, error, lang);
    return;
  }

  // 3. Record it: a document property and a Log row. The rollover itself is already complete.
  const names = plan.archives.map((a) => a.name);
  const notes: string[] = [];
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
        names: names.join(', '), tasks: plan.carriedTasks.length, taskRows: plan.carriedTasks.map((t) => t.fromRow).join(', ') || '-',
        actions: plan.carriedActions.length, actionRows: plan.carriedActions.map((a) => a.fromRow).join(', ') || '-',
        practices: plan.playbookAdded.length,
      }), lang),
    }]);
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

/** Copies each tab to its archive name and checks every copy; on failure removes partial copies and says so. */
function archive(ss: Spreadsheet, tabs: Map<TabKey, Sheet>, raw: Partial<Record<TabKey, CellValue[][]>>, plan: RolloverPlan, lang: Lang): Map<TabKey, Sheet> | null {
  const copies = new Map<TabKey, Sheet>();
  let failedTab: TabKey | null = null;
  let failure: unknown = null;
  for (const entry of plan.archives) {
    const source = tabs.get(entry.tab);
    if (!source) continue;
    try {
      const copy = source.copyTo(ss);
      copies.set(entry.tab, copy);
      copy.setName(entry.name);
      // A copy is complete when it has the source's extent as it was read.
      const grid = raw[entry.tab] ?? [];
      if (copy.getLastRow() !== grid.length || copy.getLastColumn() !== (grid.length === 0 ? 0 : (grid[0]?.length ?? 0))) {
        throw new Error(pick(fill(ROLLOVER_MSG.archiveNotVerified, { name: entry.name }), lang));
      }
    } catch (error) {
      failedTab = entry.tab;
      failure = error;
      break;
    }
  }
  if (failedTab === null) return copies;
  const left = removeCopies(ss, copies);
  const cleanup = left.length > 0 ? pick(fill(ROLLOVER_MSG.archiveCleanupFailed, { names: left.join(', ') }), lang) : '';
  say(lang, ROLLOVER_MSG.archiveFailed, { tab: pick(tabSpec(failedTab).name, lang), error: errorText(failure), cleanup });
  return null;
}

/**
 * After a failed write: puts back every range the plan writes (up to and including the one that failed)
 * from the archive copies, values and formulas both, then removes the copies. If that fails too, the
 * copies stay and the message says how to restore by hand.
 */
function recover(
  ss: Spreadsheet, tabs: Map<TabKey, Sheet>, copies: Map<TabKey, Sheet>, plan: RolloverPlan, failed: GridWrite | null,
  error: unknown, lang: Lang,
): void {
  const names = plan.archives.map((a) => a.name).join(', ');
  const tab = failed ? pick(tabSpec(failed.tab).name, lang) : '?';
  const upTo = failed ? plan.writes.indexOf(failed) : plan.writes.length - 1;
  try {
    for (const write of plan.writes.slice(0, upTo + 1)) {
      const sheet = tabs.get(write.tab);
      const copy = copies.get(write.tab);
      const rows = write.values.length;
      const columns = write.values[0]?.length ?? 0;
      if (!sheet || !copy || rows === 0 || columns === 0) continue;
      // Rows the write added below the archive's extent were empty before.
      const inCopy = Math.max(0, Math.min(rows, copy.getMaxRows() - write.row + 1));
      const original: CellValue[][] = [];
      if (inCopy > 0) {
        const range = copy.getRange(write.row, write.column, inCopy, columns);
        const values = range.getValues() as CellValue[][];
        const formulas = range.getFormulas();
        values.forEach((line, i) => original.push(line.map((v, j) => formulas[i]?.[j] || restorable(v))));
      }
      while (original.length < rows) original.push(new Array<CellValue>(columns).fill(''));
      sheet.getRange(write.row, write.column, rows, columns).setValues(original);
    }
  } catch (restoreError) {
    say(lang, ROLLOVER_MSG.failedNotRestored, { tab, error: errorText(error), restoreError: errorText(restoreError), names, from: plan.from.label });
    return;
  }
  const left = removeCopies(ss, copies);
  if (left.length > 0) say(lang, ROLLOVER_MSG.failedRestoredKeptArchive, { tab, error: errorText(error), names: left.join(', ') });
  else say(lang, ROLLOVER_MSG.failedRestored, { tab, error: errorText(error) });
}

/** A value read from the archive, written back so Sheets stores the same thing (text stays text). */
function restorable(value: CellValue): CellValue {
  if (typeof value !== 'string' || value === '') return value;
  return `'${value}`;
}

/** Deletes archive copies made by this run (it only ever deletes its own copies); returns the names it could not. */
function removeCopies(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, copies: Map<unknown, GoogleAppsScript.Spreadsheet.Sheet>): string[] {
  const left: string[] = [];
  for (const copy of copies.values()) {
    try {
      ss.deleteSheet(copy);
    } catch {
      left.push(copy.getName());
    }
  }
  return left;
}
