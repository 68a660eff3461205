/**
 * Earlier cycles on record, for the plan and the plan review of Check data: the archive copies of Evaluation that
 * Start next cycle made (read by name, one read each), then the progress history.
 */
import { Snapshot, readSnapshots } from '../core/history';
import { ExtraSheet, PreviousCycle, archiveSheetNames, previousCycles } from '../core/previousCycles';
import { CellValue } from '../core/values';
import { allSnapshots } from './history';
import { OpenWorkbook } from './spreadsheet';

/** The history's snapshots: from the tab read with the workbook, else read now. */
export function snapshotsOf(open: OpenWorkbook): Snapshot[] {
  return open.raw.history ? readSnapshots(open.raw.history, open.time) : allSnapshots(open);
}

/**
 * Earlier cycles on record: archive copies of Evaluation (one read each, by name), then the history. Read for
 * the plan and Check data's plan review.
 */
export function previousCyclesOf(open: OpenWorkbook, snapshots: readonly Snapshot[] = snapshotsOf(open)): PreviousCycle[] {
  const sheets = open.ss.getSheets();
  const wanted = new Set(archiveSheetNames(sheets.map((s) => s.getName())));
  const extra: ExtraSheet[] = sheets.filter((s) => wanted.has(s.getName())).map((s) => ({ name: s.getName(), grid: s.getDataRange().getValues() as CellValue[][] }));
  return previousCycles(open.workbook.settings.cycle, extra, snapshots, open.workbook.settings.currencyUnit);
}

