import { ZoneOffsets, formatDateOffset } from './zoneOffsets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;

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
  spreadsheet: Spreadsheet | null;
  ui: GoogleAppsScript.Base.Ui | null;
  properties: RunProperties | null;
  users: { active?: string; effective?: string };
}

const fresh = (): RunState => ({ tabs: null, zones: new Map(), timeZone: null, locale: null, spreadsheet: null, ui: null, properties: null, users: {} });

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

/** The active spreadsheet, asked once per run. */
export function activeSpreadsheet(): Spreadsheet {
  const run = state();
  run.spreadsheet ??= SpreadsheetApp.getActiveSpreadsheet();
  return run.spreadsheet;
}

/** The spreadsheet's Ui, asked once per run (it throws where there is no Ui, e.g. a time-driven trigger). */
export function spreadsheetUi(): GoogleAppsScript.Base.Ui {
  const run = state();
  run.ui ??= SpreadsheetApp.getUi();
  return run.ui;
}

/** The effective user's email (the trigger's owner, or the person running), asked once per run. */
export function effectiveUserEmail(): string {
  const { users } = state();
  users.effective ??= Session.getEffectiveUser().getEmail();
  return users.effective;
}

/** The active user's email ('' where Apps Script does not tell it), asked once per run. */
export function activeUserEmail(): string {
  const { users } = state();
  users.active ??= Session.getActiveUser().getEmail();
  return users.active;
}

/**
 * The document properties as one run sees them: every value read with one getProperties() when first needed
 * (getProperty is a call per key), then kept as this run writes them, every write still made at once. Taking the
 * document lock drops the copy (another run may have written while this one waited): see propertiesMayHaveChanged.
 */
class RunProperties {
  private values: Record<string, string> | null = null;
  constructor(private readonly real: Properties) {}
  private all(): Record<string, string> {
    this.values ??= { ...this.real.getProperties() };
    return this.values;
  }
  forget(): void {
    this.values = null;
  }
  getProperty(key: string): string | null {
    return this.all()[key] ?? null;
  }
  getProperties(): Record<string, string> {
    return { ...this.all() };
  }
  getKeys(): string[] {
    return Object.keys(this.all());
  }
  setProperty(key: string, value: string): this {
    this.real.setProperty(key, value);
    if (this.values) this.values[key] = String(value);
    return this;
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    this.real.setProperties(properties, deleteAllOthers);
    if (this.values) {
      if (deleteAllOthers) this.values = {};
      for (const [key, value] of Object.entries(properties)) this.values[key] = String(value);
    }
    return this;
  }
  deleteProperty(key: string): this {
    this.real.deleteProperty(key);
    if (this.values) delete this.values[key];
    return this;
  }
  deleteAllProperties(): this {
    this.real.deleteAllProperties();
    this.values = {};
    return this;
  }
}

/** The run's document properties (one PropertiesService.getDocumentProperties() and one read of all values per run). */
export function documentProperties(): Properties {
  const run = state();
  run.properties ??= new RunProperties(PropertiesService.getDocumentProperties());
  return run.properties as unknown as Properties;
}

/** The document lock was just taken: properties read before it are read again. */
export function propertiesMayHaveChanged(): void {
  current?.properties?.forget();
}
