import { ZoneOffsets, formatDateOffset } from './zoneOffsets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A tab as getSheets() listed it, with its name (each getName() is a service call). */
export interface TabEntry {
  readonly sheet: Sheet;
  readonly name: string;
}

/**
 * What one execution looks up once and shares: the list of tabs, the time zone's offsets, the zone and
 * locale. Apps Script starts every execution with fresh globals, so nothing outlives a run there; the
 * emulator keeps a bundle's globals between runs, so every entry point runs inside inRun (scripts/build.mjs).
 */
interface RunState {
  tabs: TabEntry[] | null;
  readonly zones: Map<string, ZoneOffsets>;
  timeZone: string | null;
  locale: string | null;
}

const fresh = (): RunState => ({ tabs: null, zones: new Map(), timeZone: null, locale: null });

let current: RunState | null = null;
let depth = 0;

/** Runs an entry point with its own run state (nested calls, e.g. a custom function during a run, share it). */
export function inRun<T>(fn: (...args: unknown[]) => T, self: unknown, args: ArrayLike<unknown>): T {
  if (depth === 0) current = fresh();
  depth++;
  try {
    return fn.apply(self, Array.from(args));
  } finally {
    depth--;
    if (depth === 0) current = null;
  }
}

/** Outside a run (unit tests calling an adapter directly) nothing is shared. */
function state(): RunState {
  return current ?? fresh();
}

/** Every tab of the spreadsheet with its name: one getSheets() and one getName() per tab per run. */
export function tabList(ss: Spreadsheet): TabEntry[] {
  const run = state();
  if (!run.tabs) run.tabs = ss.getSheets().map((sheet) => ({ sheet, name: sheet.getName() }));
  return run.tabs;
}

/** A tab's name as tabList found it (no call), or null for a sheet it does not list. */
export function nameOf(ss: Spreadsheet, sheet: Sheet): string | null {
  return tabList(ss).find((t) => t.sheet === sheet)?.name ?? null;
}

/** A tab this run inserted, with the name it was given: listed without listing the tabs again. */
export function tabAdded(sheet: Sheet, name: string, index?: number): void {
  const tabs = current?.tabs;
  if (!tabs) return;
  tabs.splice(index ?? tabs.length, 0, { sheet, name });
}

/** After a tab was added, removed or renamed: the next tabList() lists them again. */
export function tabsChanged(): void {
  if (current) current.tabs = null;
}

/** The spreadsheet's time zone, asked once per run. */
export function spreadsheetTimeZone(ss: Spreadsheet): string {
  const run = state();
  run.timeZone ??= ss.getSpreadsheetTimeZone();
  return run.timeZone;
}

/** The spreadsheet's locale, asked once per run. */
export function spreadsheetLocale(ss: Spreadsheet): string {
  const run = state();
  run.locale ??= ss.getSpreadsheetLocale();
  return run.locale;
}

/** The zone's offsets, shared by every date computation of the run. */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  const run = state();
  let zone = run.zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(formatDateOffset(timeZone));
    run.zones.set(timeZone, zone);
  }
  return zone;
}
