import { tabSpec } from '../core/schema';
import { isBlankCell, mapHeaders } from '../core/table';
import { CellValue } from '../core/values';
import { YES_NO, matchOption } from '../core/options';
import { dateOfDay, findTabs, timeContext } from './spreadsheet';

/**
 * Stamps Updated on the tracking rows an edit touched. A simple trigger: no email, no lock, and it must
 * stay fast (30 s limit), so it reads only the header row.
 */
export function stampUpdated(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const sheet = range.getSheet();
  const tracking = findTabs(sheet.getParent()).get('tracking');
  if (!tracking || tracking.getSheetId() !== sheet.getSheetId()) return;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow) return;
  const header = mapHeaders(tabSpec('tracking'), sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0] ?? []);
  const updatedColumn = header.index.get('updated');
  if (updatedColumn === undefined) return;
  // An edit of only the Updated column itself is the person correcting the stamp: leave it.
  if (range.getColumn() === updatedColumn + 1 && range.getNumColumns() === 1) return;
  // One read of the touched rows: a row a person emptied gets no stamp (its old stamp is cleared), so a
  // cleared row does not turn into a half-filled one that Check data would flag.
  const width = Math.max(sheet.getLastColumn(), updatedColumn + 1);
  const rows = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
  const now = new Date();
  const stamps = rows.map((row) => [row.some((cell, i) => i !== updatedColumn && !isBlankCell(cell as CellValue)) ? now : '']);
  sheet.getRange(firstRow, updatedColumn + 1, stamps.length, 1).setValues(stamps);
  stampFlaggedOn(sheet, header, firstRow, rows as CellValue[][]);
}

/**
 * A task just flagged "needs help" gets Flagged on = today (the escalation's "since when"), unless it has a
 * date already; clearing the flag leaves the date as a record. One write, only when a row needs it.
 */
function stampFlaggedOn(sheet: GoogleAppsScript.Spreadsheet.Sheet, header: ReturnType<typeof mapHeaders>, firstRow: number, rows: CellValue[][]): void {
  const flag = header.index.get('needsHelp');
  const since = header.index.get('helpSince');
  if (flag === undefined || since === undefined) return;
  const due = rows.map((row) => matchOption(YES_NO, String(row[flag] ?? '')) === 'yes' && isBlankCell(row[since]));
  if (!due.includes(true)) return;
  const timeZone = sheet.getParent().getSpreadsheetTimeZone();
  const today = dateOfDay(timeContext(timeZone).today, timeZone);
  const values = rows.map((row, i) => [due[i] ? today : (row[since] ?? '')]);
  sheet.getRange(firstRow, since + 1, values.length, 1).setValues(values);
}
