import { Lang, resolveLang } from '../core/i18n';
import { RawWorkbook, TimeContext, Workbook, readWorkbook } from '../core/model';
import { normalizeLabel } from '../core/options';
import { TABS, TabKey, TabSpec } from '../core/schema';
import { CellValue, Day, dayFromIso } from '../core/values';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The project's tabs as they are in this spreadsheet, found by name in either language. */
export function findTabs(ss: Spreadsheet): Map<TabKey, Sheet> {
  const found = new Map<TabKey, Sheet>();
  for (const sheet of ss.getSheets()) {
    const name = normalizeLabel(sheet.getName());
    const spec = TABS.find((t) => !found.has(t.key) && (normalizeLabel(t.name.en) === name || normalizeLabel(t.name.zh) === name));
    if (spec) found.set(spec.key, sheet);
  }
  return found;
}

/** Whole tab in one read (header row first); empty tabs give []. */
export function readGrid(sheet: Sheet): CellValue[][] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return [];
  return sheet.getRange(1, 1, lastRow, lastColumn).getValues() as CellValue[][];
}

/**
 * Grows a sheet so rows × columns fit: Sheets throws "The coordinates of the range are outside the
 * dimensions of the sheet" for a range past its grid instead of growing it.
 */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

export interface OpenWorkbook {
  readonly ss: Spreadsheet;
  readonly tabs: Map<TabKey, Sheet>;
  readonly raw: RawWorkbook;
  readonly time: TimeContext;
  readonly workbook: Workbook;
  readonly lang: Lang;
  readonly timeZone: string;
}

/** Reads every tab once and parses it: the one way the adapters get at the data. */
export function openWorkbook(ss: Spreadsheet, only?: readonly TabKey[]): OpenWorkbook {
  const tabs = findTabs(ss);
  const raw: RawWorkbook = {};
  for (const [key, sheet] of tabs) {
    if (!only || only.includes(key) || key === 'settings') raw[key] = readGrid(sheet);
  }
  const timeZone = ss.getSpreadsheetTimeZone();
  const time = timeContext(timeZone);
  const workbook = readWorkbook(raw, time);
  return { ss, tabs, raw, time, workbook, timeZone, lang: languageOf(ss, workbook) };
}

export function languageOf(ss: Spreadsheet, workbook: Workbook | null): Lang {
  const setting = workbook ? workbook.settings.language : 'auto';
  return resolveLang(setting, ss.getSpreadsheetLocale());
}

/**
 * Calendar days in the spreadsheet's time zone. Utilities.formatDate is a service call, so results are
 * memoised per hour: the calls grow with the distinct dates in the data, never with its rows.
 */
export function timeContext(timeZone: string): TimeContext {
  const byDay = new Map<number, Day>();
  const dayOf = (date: Date): Day => {
    const hour = Math.floor(date.getTime() / 3_600_000);
    let day = byDay.get(hour);
    if (day === undefined) {
      day = dayFromIso(Utilities.formatDate(date, timeZone, 'yyyy-MM-dd'));
      byDay.set(hour, day);
    }
    return day;
  };
  return { today: dayOf(new Date()), dayOf };
}

/**
 * Dates for calendar days as Sheets stores them (midnight in the spreadsheet's zone). The zone's offset
 * comes from Utilities.formatDate, a service call, so it is looked up once per distinct day.
 */
export function dateMaker(timeZone: string): (day: Day) => Date {
  const cache = new Map<Day, Date>();
  return (day) => {
    let date = cache.get(day);
    if (!date) {
      const utcMidnight = new Date(day * 86_400_000);
      const offset = Utilities.formatDate(utcMidnight, timeZone, 'Z'); // e.g. +0800
      const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
      date = new Date(utcMidnight.getTime() - minutes * 60_000);
      cache.set(day, date);
    }
    return date;
  };
}

/** One calendar day as a Date (see dateMaker; prefer it when converting many days). */
export function dateOfDay(day: Day, timeZone: string): Date {
  return dateMaker(timeZone)(day);
}

export function tabName(spec: TabSpec, lang: Lang): string {
  return lang === 'zh-CN' ? spec.name.zh : spec.name.en;
}
