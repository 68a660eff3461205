import { RawWorkbook, readWorkbook } from './model';
import { Problem } from './problems';
import { TabKey, tabSpec } from './schema';
import { CellValue, utcDayOf } from './values';

/**
 * One cell checked exactly as Check data checks it: the value is read by the workbook reader itself, in a
 * one-row copy of its tab (with the Settings rows, for the units they set), so a form that validates as a
 * person types gives the same message, the same fix and the same number as Check data would.
 */
export interface CellCheck {
  /** The value as the reader understood it (a number, a date span, an option key…); undefined when it could not. */
  readonly value: unknown;
  /** What Check data would report for this cell ([] when it is fine). */
  readonly problems: readonly Problem[];
}

// Required cells the one-row copy needs so that only the checked cell can raise a problem.
const FILLERS: Partial<Record<TabKey, Record<string, CellValue>>> = {
  tracking: { task: 'x', owner: 'x' },
  weekly: { week: '2000-01-03', owner: 'x' },
};

type RecordOf = { readonly row: number } & Record<string, unknown>;

export function checkCell(tab: 'tracking' | 'weekly', column: string, value: CellValue, settings?: CellValue[][]): CellCheck {
  const spec = tabSpec(tab);
  const fillers = FILLERS[tab] ?? {};
  const header = spec.columns.map((c) => c.header.en);
  const row = spec.columns.map((c) => (c.key === column ? value : (fillers[c.key] ?? '')));
  const raw: RawWorkbook = { [tab]: [header, row], ...(settings ? { settings } : {}) };
  const workbook = readWorkbook(raw, { today: 0, dayOf: utcDayOf });
  const records = (tab === 'tracking' ? workbook.tasks : workbook.weekly) as unknown as readonly RecordOf[];
  const problems = workbook.problems.filter((p) => p.tab === tab && p.row === 2 && p.column === column);
  return { value: problems.length > 0 ? undefined : records[0]?.[column], problems };
}
