import { Lang, resolveLang } from '../core/i18n';
import { RawWorkbook, TimeContext, Workbook, readWorkbook } from '../core/model';
import { normalizeLabel } from '../core/options';
import { ALL_TABS, TABS, TabKey } from '../core/schema';
import { CellValue, Day, withNumberFormat } from '../core/values';
import { spreadsheetLocale, spreadsheetTimeZone, tabList, zoneOffsets } from './run';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The project's tabs as they are in this spreadsheet, found by name in either language. */
export function findTabs(ss: Spreadsheet): Map<TabKey, Sheet> {
  const found = new Map<TabKey, Sheet>();
  for (const { sheet, name: tabName } of tabList(ss)) {
    const name = normalizeLabel(tabName);
    const spec = ALL_TABS.find((t) => !found.has(t.key) && (normalizeLabel(t.name.en) === name || normalizeLabel(t.name.zh) === name));
    if (spec) found.set(spec.key, sheet);
  }
  return found;
}

/** Tabs whose figures are read with their number formats, so a cell shown as 24% is read as the 24% it shows. */
const FORMATTED_TABS: ReadonlySet<TabKey> = new Set<TabKey>(['goals', 'strategy', 'weekly', 'evaluation', 'costs']);

/** Whole tab in one read (header row first); empty tabs give []. */
export function readGrid(sheet: Sheet): CellValue[][] {
  return readTab(sheet, false).values;
}

/** One tab as read: what the cells hold, the figures as they read, and (when read) each cell's number format. */
export interface TabRead {
  readonly values: CellValue[][];
  readonly shown: CellValue[][];
  readonly formats: string[][] | null;
}

/** Whether a tab's figures are read with their number formats (openWorkbook, and set-up when it reads tabs). */
export function readsFormats(key: TabKey): boolean {
  return FORMATTED_TABS.has(key);
}

/**
 * Whole tab in one read, and with `withFormats` its figures as the person sees them: number cells formatted as a
 * percentage or 1:X as the text they show ("24%", "1:7.7"), since getValues() gives 0.24 for a cell showing 24%
 * and the unit rule reads a plain 0.24 in a % row differently (units.ts). One more read of the same range.
 */
export function readTab(sheet: Sheet, withFormats: boolean): TabRead {
  // getDataRange() is a handle: the one round trip is getValues() (and getNumberFormats() of the same range).
  const range = sheet.getDataRange();
  const values = range.getValues() as CellValue[][];
  // An empty tab's data range is A1 alone, blank.
  if (values.length === 1 && values[0]!.length === 1 && values[0]![0] === '') return { values: [], shown: [], formats: withFormats ? [] : null };
  if (!withFormats) return { values, shown: values, formats: null };
  const formats = range.getNumberFormats();
  return { values, shown: values.map((row, r) => row.map((value, c) => withNumberFormat(value, formats[r]?.[c]))), formats };
}

/** The header row alone (one read of row 1, trailing blanks dropped), or [] for an empty tab. */
export function readHeader(sheet: Sheet): CellValue[][] {
  const row = (sheet.getRange('1:1').getValues()[0] ?? []) as CellValue[];
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return end === 0 ? [] : [row.slice(0, end)];
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

/**
 * ensureSize for a run that writes many ranges to the same tabs: each tab's grid size is asked once, then kept
 * as the writes grow it (nothing else resizes the tabs meanwhile).
 */
export function sizeKeeper(): (sheet: Sheet, rows: number, columns: number) => void {
  const sizes = new Map<Sheet, { rows: number; columns: number }>();
  return (sheet, rows, columns) => {
    let size = sizes.get(sheet);
    if (!size) {
      size = { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
      sizes.set(sheet, size);
    }
    if (rows > size.rows) {
      sheet.insertRowsAfter(size.rows, rows - size.rows);
      size.rows = rows;
    }
    if (columns > size.columns) {
      sheet.insertColumnsAfter(size.columns, columns - size.columns);
      size.columns = columns;
    }
  };
}

const TEAM_TAB_KEYS: ReadonlySet<TabKey> = new Set(TABS.map((t) => t.key));

export interface OpenWorkbook {
  readonly ss: Spreadsheet;
  readonly tabs: Map<TabKey, Sheet>;
  readonly raw: RawWorkbook;
  /** The figures as they read (number formats applied): what `workbook` was parsed from. */
  readonly shown: RawWorkbook;
  readonly time: TimeContext;
  readonly workbook: Workbook;
  readonly lang: Lang;
  readonly timeZone: string;
}

/**
 * Reads every tab once (or those in `only`, Settings always) and parses it: the one way the adapters get at
 * the data. Tabs already read this run into `reuse` (nothing written to them since) are not read again.
 */
export function openWorkbook(ss: Spreadsheet, only?: readonly TabKey[], reuse?: Pick<OpenWorkbook, 'raw' | 'shown'>): OpenWorkbook {
  const tabs = findTabs(ss);
  // `raw` is what the cells hold (written back as it is by the roll-over); `shown` what the figures read as.
  const raw: RawWorkbook = {};
  const shown: RawWorkbook = {};
  for (const [key, sheet] of tabs) {
    // Log only grows and nothing reads it back: leaving it out keeps every run's read size flat over time.
    if (key === 'log') continue;
    // The progress history only grows too: gas/history.ts reads its header and recent rows itself. Unread, it is
    // present but empty here (so it is not a missing tab).
    if (key === 'history') {
      shown[key] = raw[key] = only?.includes(key) ? readHeader(sheet) : [];
      continue;
    }
    // The roll-up's tabs and the Roll-up data feed are read by their own adapters (gas/rollup.ts, gas/feed.ts).
    if (!TEAM_TAB_KEYS.has(key)) continue;
    if (!only || only.includes(key) || key === 'settings') {
      const earlier = reuse?.raw[key];
      if (earlier && reuse) {
        raw[key] = earlier;
        shown[key] = reuse.shown[key] ?? earlier;
        continue;
      }
      const grid = readTab(sheet, FORMATTED_TABS.has(key));
      raw[key] = grid.values;
      shown[key] = grid.shown;
    }
  }
  const timeZone = spreadsheetTimeZone(ss);
  const time = timeContext(timeZone, Object.values(raw));
  const workbook = readWorkbook(shown, time);
  return { ss, tabs, raw, shown, time, workbook, timeZone, lang: languageOf(ss, workbook) };
}

export function languageOf(ss: Spreadsheet, workbook: Workbook | null): Lang {
  const setting = workbook ? workbook.settings.language : 'auto';
  return resolveLang(setting, spreadsheetLocale(ss));
}

const MS_PER_DAY = 86_400_000;

/** The earliest and latest instants of the Date cells in some grids (and now), or null when there are none. */
function dateSpan(grids: readonly (readonly (readonly CellValue[])[] | undefined)[]): { from: number; to: number } {
  let from = Date.now();
  let to = from;
  for (const grid of grids) {
    if (!grid) continue;
    for (const row of grid) {
      for (const cell of row) {
        if (!(cell instanceof Date)) continue;
        const ms = cell.getTime();
        if (ms < from) from = ms;
        else if (ms > to) to = ms;
      }
    }
  }
  return { from, to };
}

/**
 * Calendar days in the spreadsheet's time zone. Utilities.formatDate is a service call, so the zone's offsets
 * are resolved once per run over the span of the data's dates (zoneOffsets.ts: a fixed handful of look-ups
 * however many rows and distinct days there are) and every day is computed in plain code. Pass the grids
 * about to be read so their whole span is resolved up front; a date outside it extends the span.
 */
export function timeContext(timeZone: string, grids: readonly (readonly (readonly CellValue[])[] | undefined)[] = []): TimeContext {
  const zone = zoneOffsets(timeZone);
  const span = dateSpan(grids);
  zone.cover(span.from, span.to);
  const dayOf = (date: Date): Day => {
    const ms = date.getTime();
    return Math.floor((ms + zone.offsetAt(ms) * 60_000) / MS_PER_DAY);
  };
  return { today: dayOf(new Date()), dayOf };
}

/** Dates for calendar days as Sheets stores them: midnight in the spreadsheet's zone. */
export function dateMaker(timeZone: string): (day: Day) => Date {
  const zone = zoneOffsets(timeZone);
  return (day) => {
    const utcMidnight = day * MS_PER_DAY;
    // The offset at local midnight, which differs from the one at UTC midnight on a DST switch day.
    const guess = utcMidnight - zone.offsetAt(utcMidnight) * 60_000;
    return new Date(utcMidnight - zone.offsetAt(guess) * 60_000);
  };
}

/** One calendar day as a Date (see dateMaker). */
export function dateOfDay(day: Day, timeZone: string): Date {
  return dateMaker(timeZone)(day);
}
