import type { Snapshot } from '../core/history';
import { checkWorkbook } from '../core/checks';
import { fill, pick } from '../core/i18n';
import { UI } from '../core/messages';
import { Problem } from '../core/problems';
import { TabKey, tabSpec } from '../core/schema';
import { TOP_ROWS, TabState, overwrittenFormulaProblems } from '../core/setup';
import { escapeHtml, htmlTable } from '../core/html';
import { Lang } from '../core/i18n';
import { appendLog } from './log';
import { refreshFeed } from './feed';
import { refreshProgress } from './progress';
import { recordSnapshot } from './history';
import { nameOf } from './run';
import { openWorkbook } from './spreadsheet';
import { previousCyclesOf } from './previous';
import type { PreviousCycle } from '../core/previousCycles';
import { errorText, showDialog } from './ui';

/** Check data: every problem, each with tab, row, value and fix, in one dialog and one Log row. */
export function runCheckData(): Problem[] {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const open = openWorkbook(ss);
  const { lang, tabs } = open;
  const problems = sheetProblems(open);
  const title = pick(UI.checkTitle, lang);
  const headline = problems.length === 0 ? pick(UI.checkClean, lang) : pick(fill(UI.checkFound, { count: problems.length }), lang);
  // The list is what the person asked for: a write that fails (a protected tab) is noted, never in its way.
  const notes: string[] = [];
  try {
    refreshProgress(open);
  } catch (error) {
    notes.push(pick(fill(UI.progressFailed, { error: errorText(error) }), lang));
  }
  try {
    // At most one snapshot a day: a reminder run earlier today already took it.
    recordSnapshot(open);
  } catch (error) {
    notes.push(pick(fill(UI.historyFailed, { error: errorText(error) }), lang));
  }
  try {
    refreshFeed(open);
  } catch (error) {
    notes.push(pick(fill(UI.feedFailed, { error: errorText(error) }), lang));
  }
  try {
    appendLog(tabs, [{ action: pick(UI.logCheck, lang), detail: headline }]);
  } catch (error) {
    notes.push(pick(fill(UI.logFailed, { error: errorText(error) }), lang));
  }
  const noteHtml = notes.map((note) => `<p style="color:#b06000">${escapeHtml(note)}</p>`).join('');
  showDialog(title, `<p>${escapeHtml(headline)}</p>${noteHtml}${problems.length ? problemTable(problems, lang) : ''}`);
  return problems;
}

export function problemTable(problems: readonly Problem[], lang: Lang): string {
  const header = [UI.colTab, UI.colRow, UI.colValue, UI.colProblem, UI.colFix].map((t) => pick(t, lang));
  const rows = problems.map((p) => [pick(tabSpec(p.tab).name, lang), p.row === null ? '' : String(p.row), p.value ?? '', pick(p.message, lang), pick(p.fix, lang)]);
  return htmlTable(header, rows);
}

/** Check data's one list: the workbook's problems and the template formulas a typed value replaced. */
export function sheetProblems(open: ReturnType<typeof openWorkbook>, snapshots?: readonly Snapshot[]): Problem[] {
  // The plan review compares targets with earlier cycles (archive tabs, History): reading them may not stop the check.
  let previous: PreviousCycle[] = [];
  try {
    previous = previousCyclesOf(open, snapshots);
  } catch (error) {
    console.warn(`Earlier cycles not read: ${errorText(error)}`);
  }
  return [...checkWorkbook(open.workbook, open.time, previous), ...templateFormulaProblems(open)];
}

/**
 * Template formulas a typed value replaced or blocks (Evaluation Achievement and Status, the Costs panel): the
 * top rows' formulas, one getFormulas per tab, beside the values already read.
 */
function templateFormulaProblems(open: ReturnType<typeof openWorkbook>): Problem[] {
  const states: Partial<Record<TabKey, TabState>> = {};
  for (const key of ['evaluation', 'costs'] as const) {
    const sheet = open.tabs.get(key);
    const grid = open.raw[key];
    if (!sheet || !grid || grid.length === 0) continue;
    const width = Math.max(1, ...grid.slice(0, TOP_ROWS).map((r) => r.length));
    const top = grid.slice(0, TOP_ROWS).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    const topFormulas = sheet.getRange(1, 1, top.length, width).getFormulas();
    states[key] = {
      name: nameOf(open.ss, sheet) ?? sheet.getName(), lastRow: grid.length, lastColumn: width, maxRows: grid.length, frozenRows: 1, top, topFormulas,
      validated: top[0]!.map(() => true), formats: top[0]!.map(() => ''), conditionalRules: 1,
    };
  }
  return overwrittenFormulaProblems(states);
}
