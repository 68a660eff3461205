/**
 * The shared machinery of the emulator: the virtual clock, the call counter (with the modelled
 * latency of each Apps Script call), the fault injector and the 6-minute execution limit.
 * Every emulated service method starts with `rt.hit('Service.method')`.
 */

/** Apps Script's execution limit for one run (consumer and Workspace alike). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

/** Keeps the Apps Script parameter list of each method in K but lets it return R (an emulated object). */
export type Returning<T, K extends keyof T, R> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => R : never;
};

export class VirtualClock {
  private ms: number;
  constructor(start: Date = new Date()) {
    this.ms = start.getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  nowMs(): number {
    return this.ms;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`VirtualClock.advance: ms must be >= 0, got ${ms}`);
    this.ms += ms;
  }
  set(date: Date): void {
    this.ms = date.getTime();
  }
}

/**
 * Modelled latency (ms) of one call, by key. Derived from typical Apps Script timings: a batch
 * read/write costs a round trip plus a little per cell; Document calls are slow; mail is slower;
 * purely local helpers (builders, Utilities, HtmlOutput, Blob, Logger) are nearly free.
 */
export function modelLatency(key: string, cells = 0): number {
  const [service = '', method = ''] = key.split('.');
  if (key === 'MailApp.sendEmail') return 300;
  if (service === 'Utilities' && method === 'sleep') return 0; // sleep advances the clock itself
  if (service === 'Range' && /^(get|set)(Values|DisplayValues|Formulas|NumberFormats|DataValidations|Backgrounds|FontWeights|FontColors|Notes)$/.test(method)) {
    return 50 + 0.01 * cells;
  }
  if (service === 'DocumentApp') return 100;
  if (service === 'Utilities' && method === 'formatDate') return 1;
  if (isLocalCall(key)) return 1;
  return 20;
}

const LOCAL_SERVICES = new Set([
  'Utilities', 'HtmlService', 'HtmlOutput', 'Blob', 'Logger', 'DataTable', 'Menu', 'DataValidation', 'ConditionalFormatRule',
  'BooleanCondition', 'PromptResponse',
]);
/** Calls that hand back a Range to read or write later: Apps Script fetches nothing until a value is read or written. */
const RANGE_HANDLES = new Set(['Sheet.getRange', 'Sheet.getDataRange', 'Sheet.getRangeList', 'Range.offset', 'Range.getCell']);
/**
 * Calls that find an element of an open document: the Document is in the script's hands until saveAndClose
 * flushes its pending updates ("Causes pending updates to be flushed and applied", Document.saveAndClose),
 * so finding a cell or a paragraph fetches nothing; setting an attribute is a call.
 */
const ELEMENT_HANDLES = new Set([
  'Table.getRow', 'Table.getCell', 'TableRow.getCell', 'TableCell.getChild', 'Paragraph.asParagraph', 'Body.getChild',
  'Paragraph.editAsText', 'ListItem.editAsText', 'TableCell.editAsText',
]);

/**
 * Calls that make no round trip to a Google service: builders (menus, rules, charts' data tables, HTML
 * outputs), blobs, logging, local Utilities and Range handles. `Utilities.formatDate` is not one of them
 * here: it stands for the time-zone look-up the product makes with it, counted as a call. A menu is built
 * locally (Ui.createMenu, its items) and sent with Menu.addToUi, its one call.
 */
export function isLocalCall(key: string): boolean {
  const [service = '', method = ''] = key.split('.');
  if (key === 'Utilities.formatDate' || key === 'Menu.addToUi') return false;
  if (service === 'Utilities' && method === 'sleep') return false;
  if (RANGE_HANDLES.has(key) || ELEMENT_HANDLES.has(key) || key === 'Ui.createMenu') return true;
  return /Builder$/.test(service) || LOCAL_SERVICES.has(service);
}

const SERVICE_LABEL: Record<string, string> = {
  DocumentApp: 'Documents', Document: 'Documents', Body: 'Documents', Paragraph: 'Documents', ListItem: 'Documents',
  Table: 'Documents', TableRow: 'Documents', TableCell: 'Documents', InlineImage: 'Documents', Text: 'Documents',
  SpreadsheetApp: 'Spreadsheets', Spreadsheet: 'Spreadsheets', Sheet: 'Spreadsheets', Range: 'Spreadsheets',
  MailApp: 'Mail', DriveApp: 'Drive', File: 'Drive', Folder: 'Drive', ScriptApp: 'Script', Trigger: 'Script',
  PropertiesService: 'Properties', Properties: 'Properties', LockService: 'Lock', Lock: 'Lock', Charts: 'Charts',
};

/** The default fault text, e.g. `Service unavailable: Documents`. */
export function defaultFaultMessage(key: string): string {
  const service = key.split('.')[0] ?? key;
  return `Service unavailable: ${SERVICE_LABEL[service] ?? service}`;
}

const WRITE_RE = /^(set|insert|delete|append|create|clear|copy|move|hide|show|add|remove|merge|sort|auto|activate|flush|toast)/;
const SPREADSHEET_WRITE_RE = /^(Spreadsheet|Sheet|Range)\.(set|insert|delete|append|clear|copy|move|merge|sort|remove|add)/;
const NON_DOCUMENT_SERVICES = /Builder$|^(HtmlOutput|Blob|DataTable|Logger|Utilities|Menu)$/;

export class CallCounter {
  private counts = new Map<string, number>();
  private byTarget = new Map<string, Map<string, number>>();
  /** `on`: the tab a Range read was of (tests pin which tabs an operation reads). */
  record(key: string, on?: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (on === undefined) return;
    let keys = this.byTarget.get(on);
    if (!keys) this.byTarget.set(on, (keys = new Map()));
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  /** The reads made of one tab since the last reset, by method, e.g. { 'Range.getValues': 1 }. */
  readsOf(tab: string): Record<string, number> {
    return Object.fromEntries(this.byTarget.get(tab) ?? []);
  }
  /** The tabs read since the last reset. */
  tabsRead(): string[] {
    return [...this.byTarget.keys()].sort();
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** Calls that reach a Google service (isLocalCall excluded), date look-ups included: the bench's `calls`. */
  serviceCalls(): number {
    return this.total((k) => !isLocalCall(k));
  }
  total(filter?: (key: string) => boolean): number {
    let n = 0;
    for (const [k, v] of this.counts) if (!filter || filter(k)) n += v;
    return n;
  }
  reset(): void {
    this.counts.clear();
    this.byTarget.clear();
  }
  byService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.counts) {
      const s = k.split('.')[0] ?? k;
      out[s] = (out[s] ?? 0) + v;
    }
    return out;
  }
  /** Mutating calls (set*, insert*, delete*, append*, create*, …) on document-like services (builders excluded). */
  writes(filter?: (key: string) => boolean): number {
    return this.total((k) => {
      const [service = '', method = ''] = k.split('.');
      return WRITE_RE.test(method) && !NON_DOCUMENT_SERVICES.test(service) && (!filter || filter(k));
    });
  }
}

export interface FaultSpec {
  /** Succeed this many matching calls first (counted from failOn()). */
  after?: number;
  /** Error text; default `Service unavailable: <Service>`. */
  message?: string;
  /** How many times to fail (default: forever). */
  times?: number;
}

interface ActiveFault {
  key: string;
  after: number;
  message: string;
  remaining: number;
  seen: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  /** Mail quota override (remaining recipients today), set by setMailQuota. */
  mailQuotaOverride: number | null = null;
  onMailQuotaSet: ((n: number, account?: string) => void) | null = null;

  failOn(key: string, spec: FaultSpec = {}): void {
    this.faults.push({
      key,
      after: spec.after ?? 0,
      message: spec.message ?? defaultFaultMessage(key),
      remaining: spec.times ?? Infinity,
      seen: 0,
    });
  }
  /** Sets the remaining daily mail quota (recipients) to n, e.g. to make it run out mid-run. */
  /** Sets the remaining daily mail quota of an account (default: the script's owner, the first account). */
  setMailQuota(n: number, account?: string): void {
    if (this.onMailQuotaSet) this.onMailQuotaSet(n, account);
  }
  clear(): void {
    this.faults = [];
  }
  /** Throws when a fault is due for this key. */
  check(key: string): void {
    for (const f of this.faults) {
      if (f.key !== key) continue;
      f.seen++;
      if (f.seen > f.after && f.remaining > 0) {
        f.remaining--;
        throw new Error(f.message);
      }
    }
  }
}

/** What every emulated object holds: counting, latency, faults, the clock, and the rules of the running execution. */
export class Runtime {
  readonly calls = new CallCounter();
  readonly faults = new FaultInjector();
  /** Modelled ms consumed since the current call() started. */
  modelled = 0;
  /**
   * CPU ms the emulator spent standing in for Google (recomputing the sheet's formulas, as Sheets does on its
   * servers) since the counter was last reset: the bench subtracts it from a run's CPU time to get the script's own.
   */
  hostCpuMs = 0;
  /** True while a bundle function runs under Emulator.call (the execution's time limit applies). */
  inExecution = false;
  /** The running execution's time limit (6 minutes; 30 s for simple triggers and custom functions). */
  limitMs = EXECUTION_LIMIT_MS;
  /** Throws what Apps Script throws for a call not allowed in the running execution (set by the Emulator). */
  guard: ((key: string) => void) | null = null;
  /** Told of every call that may change a spreadsheet (so computed formula values are refreshed before the next read). */
  onSpreadsheetWrite: (() => void) | null = null;
  private idSeq = 0;
  private chartSeq = 0;

  constructor(readonly clock: VirtualClock) {}

  /** Records one service call: count, permission, fault, latency, execution limit. */
  hit(key: string, cells = 0, on?: string): void {
    this.calls.record(key, on);
    this.guard?.(key);
    this.faults.check(key);
    if (this.onSpreadsheetWrite && SPREADSHEET_WRITE_RE.test(key)) this.onSpreadsheetWrite();
    this.spend(modelLatency(key, cells));
  }

  /** Advances virtual time (service latency or Utilities.sleep) and enforces the execution's time limit. */
  spend(ms: number): void {
    if (ms <= 0) return;
    this.clock.advance(ms);
    this.modelled += ms;
    if (this.inExecution && this.modelled > this.limitMs) {
      throw new Error('Exceeded maximum execution time');
    }
  }

  /** Deterministic ids, shaped like Drive ids (44 characters). */
  newId(prefix: string): string {
    this.idSeq++;
    return `1${prefix}${String(this.idSeq).padStart(43 - prefix.length, '0')}`;
  }
  seq(): number {
    return ++this.idSeq;
  }
  /** Embedded charts' ids (Sheets numbers them within a spreadsheet), apart from the Drive-shaped ids. */
  nextChartId(): number {
    return ++this.chartSeq;
  }
}
