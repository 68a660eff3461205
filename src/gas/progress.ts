import { planProgress } from '../core/progress';
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
    sheet.getRange(write.row, write.column, write.values.length, write.values[0]?.length ?? 1).setValues(write.values);
  }
  return writes.length;
}
