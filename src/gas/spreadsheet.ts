import { Lang, resolveLang } from '../core/i18n';
import { RawWorkbook, TimeContext, Workbook, readWorkbook } from '../core/model';
import { normalizeLabel } from '../core/options';
import { ALL_TABS, TABS, TabKey } from '../core/schema';
import { CellValue, Day, withNumberFormat } from '../core/values';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The project's tabs as they are in this spreadsheet, found by name in either language. */
export function findTabs(ss: Spreadsheet): Map<TabKey, Sheet> {
  const found = new Map<TabKey, Sheet>();
  for (const sheet of ss.getSheets()) {
    const name = normalizeLabel(sheet.getName());
    const spec = ALL_TABS.find((t) => !found.has(t.key) && (normalizeLabel(t.name.en) === name || normalizeLabel(t.name.zh) === name));
    if (spec) found.set(spec.key, sheet);
  }
  return found;
}

/** Tabs whose figures are read with their number formats, so a cell shown as 24% is read as the 24% it shows. */
const FORMATTED_TABS: ReadonlySet<TabKey> = new Set<TabKey>(['goals', 'strategy', 'weekly', 'evaluation', 'costs']);

/** Whole tab in one read (header row first); empty tabs give []. */
export function readGrid(sheet: Sheet): CellValue[][] {
  return readGridWithFormats(sheet, false).values;
}

/**
 * Whole tab in one read, and with `withFormats` its figures as the person sees them: number cells formatted as a
 * percentage or 1:X as the text they show ("24%", "1:7.7"), since getValues() gives 0.24 for a cell showing 24%
 * and the unit rule reads a plain 0.24 in a % row differently (units.ts). One more read of the same range.
 */
function readGridWithFormats(sheet: Sheet, withFormats: boolean): { values: CellValue[][]; shown: CellValue[][] } {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return { values: [], shown: [] };
  const range = sheet.getRange(1, 1, lastRow, lastColumn);
  const values = range.getValues() as CellValue[][];
  if (!withFormats) return { values, shown: values };
  const formats = range.getNumberFormats();
  return { values, shown: values.map((row, r) => row.map((value, c) => withNumberFormat(value, formats[r]?.[c]))) };
}

/** The header row alone (one read), or [] for an empty tab. */
export function readHeader(sheet: Sheet): CellValue[][] {
  const lastColumn = sheet.getLastColumn();
  if (sheet.getLastRow() === 0 || lastColumn === 0) return [];
  return sheet.getRange(1, 1, 1, lastColumn).getValues() as CellValue[][];
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

const TEAM_TAB_KEYS: ReadonlySet<TabKey> = new Set(TABS.map((t) => t.key));

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
  // `raw` is what the cells hold (written back as it is by the roll-over); `shown` what the figures read as.
  const raw: RawWorkbook = {};
  const shown: RawWorkbook = {};
  for (const [key, sheet] of tabs) {
    // Log only grows and nothing reads it back: leaving it out keeps every run's read size flat over time.
    if (key === 'log') continue;
    // The progress history only grows too: its header row says it is there; gas/history.ts reads its rows.
    if (key === 'history') {
      if (!only || only.includes(key)) shown[key] = raw[key] = readHeader(sheet);
      continue;
    }
    // The roll-up's tabs and the Roll-up data feed are read by their own adapters (gas/rollup.ts, gas/feed.ts).
    if (!TEAM_TAB_KEYS.has(key)) continue;
    if (!only || only.includes(key) || key === 'settings') {
      const grid = readGridWithFormats(sheet, FORMATTED_TABS.has(key));
      raw[key] = grid.values;
      shown[key] = grid.shown;
    }
  }
  const timeZone = ss.getSpreadsheetTimeZone();
  const time = timeContext(timeZone);
  const workbook = readWorkbook(shown, time);
  return { ss, tabs, raw, time, workbook, timeZone, lang: languageOf(ss, workbook) };
}

export function languageOf(ss: Spreadsheet, workbook: Workbook | null): Lang {
  const setting = workbook ? workbook.settings.language : 'auto';
  return resolveLang(setting, ss.getSpreadsheetLocale());
}

/** The zone's offset from UTC in minutes at an instant, from formatDate's 'Z' pattern (e.g. +0800). */
function offsetMinutes(date: Date, timeZone: string): number {
  const offset = Utilities.formatDate(date, timeZone, 'Z');
  return (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
}

const MS_PER_DAY = 86_400_000;

/**
 * Calendar days in the spreadsheet's time zone. Utilities.formatDate is a service call, so the zone's
 * offset is looked up at the start and end of each UTC day and the day computed in plain code: the
 * calls grow with the distinct days in the data, never with its rows. Only on the two days a year
 * when a DST switch falls inside a UTC day is each instant of that day asked for separately.
 */
export function timeContext(timeZone: string): TimeContext {
  const offsets = new Map<number, number | null>();
  const dayOf = (date: Date): Day => {
    const utcDay = Math.floor(date.getTime() / MS_PER_DAY);
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      const atStart = offsetMinutes(new Date(utcDay * MS_PER_DAY), timeZone);
      const atEnd = offsetMinutes(new Date((utcDay + 1) * MS_PER_DAY - 1), timeZone);
      offset = atStart === atEnd ? atStart : null;
      offsets.set(utcDay, offset);
    }
    const minutes = offset ?? offsetMinutes(date, timeZone);
    return Math.floor((date.getTime() + minutes * 60_000) / MS_PER_DAY);
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
      const utcMidnight = new Date(day * MS_PER_DAY);
      date = new Date(utcMidnight.getTime() - offsetMinutes(utcMidnight, timeZone) * 60_000);
      cache.set(day, date);
    }
    return date;
  };
}

/** One calendar day as a Date (see dateMaker; prefer it when converting many days). */
export function dateOfDay(day: Day, timeZone: string): Date {
  return dateMaker(timeZone)(day);
}

