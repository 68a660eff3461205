import { planProgress } from '../core/progress';
import { asLiteral } from '../core/table';
import { OpenWorkbook } from './spreadsheet';

/**
 * Brings the Goals tab's progress columns up to date for today (see core/progress.ts): a few batched
 * writes, none when nothing changed. Returns how many ranges were written.
 */
export function refreshProgress(open: OpenWorkbook): number {
  const sheet = open.tabs.get('goals');
  if (!sheet) return 0;
  const writes = planProgress(open.workbook, open.raw, open.time.today, open.lang);
  for (const write of writes) {
    // A rate shown as text ("12%") stays text: Sheets would store 0.12 in a column formatted for counts.
    const values = write.values.map((row) => row.map(asLiteral));
    sheet.getRange(write.row, write.column, values.length, values[0]?.length ?? 1).setValues(values);
  }
  return writes.length;
}
