import { tabSpec } from '../core/schema';
import { mapHeaders } from '../core/table';
import { findTabs } from './spreadsheet';

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
  const now = new Date();
  const stamps = Array.from({ length: lastRow - firstRow + 1 }, () => [now]);
  sheet.getRange(firstRow, updatedColumn + 1, stamps.length, 1).setValues(stamps);
}
