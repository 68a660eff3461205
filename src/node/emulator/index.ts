/**
 * A small, faithful, in-memory emulator of the slice of Apps Script this project uses. It runs the
 * built bundle (dist/Code.js) in a fresh `vm` context whose globals are the emulated services.
 * See docs in DESIGN.md, "The local Apps Script emulator".
 */
import { exportDocumentsDocx } from './docExport';
import * as vm from 'node:vm';
import { EmuCharts } from './charts';
import { DriveStore, EmuDocument, EmuDocumentApp, EmuDriveApp } from './documents';
import { EmuDriveAdvanced, EmuDriveFiles } from './drive';
import { exportMail, exportXlsx } from './export';
import { DAILY_RECIPIENTS, EmuMailApp, type SentMail } from './mail';
import { CallCounter, FaultInjector, Runtime, VirtualClock, type Returning } from './runtime';
import { AuthMode, EmuScriptApp, EmuTrigger } from './script';
import {
  EmuHtmlService, EmuLockService, EmuLogger, EmuPropertiesService, EmuSession, EmuUtilities, LockManager,
} from './services';
import {
  BooleanCriteria, DataValidationCriteria, EmuConditionalFormatRuleBuilder, EmuDataValidationBuilder, EmuRange,
  EmuSpreadsheet, type SheetEnv,
} from './spreadsheet';
import { EmuUi, HtmlPage, UiRecorder } from './ui';
import { EmuUrlFetchApp, URLFETCH_DAILY } from './urlfetch';
import { zonedParts } from './format';

export * from './runtime';
export * from './spreadsheet';
export * from './documents';
export * from './drive';
export { textPdf } from './pdf';
export * from './charts';
export * from './embeddedCharts';
export * from './mail';
export * from './script';
export * from './services';
export * from './ui';
export { SheetsWorld } from './importrange';
export { EmuUrlFetchApp, isLoopback, type FetchRecord } from './urlfetch';
export { parseA1, toA1, columnToLetters, lettersToColumn } from './a1';
export { formatDate, displayValue, zonedParts, zonedTimeToDate } from './format';
export { renderChart, pngSize, crc32, Raster, PNG_SIGNATURE } from './png';

export interface EmulatorOptions {
  /** Spreadsheet and script time zone; default 'Asia/Shanghai'. */
  timeZone?: string;
  /** 'en_US' | 'zh_CN'; default 'en_US'. */
  locale?: string;
  /** Virtual clock start; default: the real current time. */
  now?: Date;
  /** Mail quota: 100 (consumer, default) or 1,500 (workspace) recipients per day. */
  accountType?: 'consumer' | 'workspace';
  /** Default 'director@example.com'. */
  userEmail?: string;
  /** Default 'Market Expansion Tracker'. */
  spreadsheetName?: string;
  /** The spreadsheet's ID (default: generated). Several emulators in one test (a roll-up and its regions) need distinct ones. */
  spreadsheetId?: string;
  /** 'strict' (default): a range beyond the grid throws, as in Sheets; 'grow': writes beyond the grid grow it. */
  sheetBounds?: 'grow' | 'strict';
  /** Echo Logger.log/console output to the host console. */
  verbose?: boolean;
  /** false: the script runs outside its container's context, so LockService.getDocumentLock() is null. Default true. */
  bound?: boolean;
}

export type SpreadsheetAppSlice = Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getActiveSpreadsheet' | 'getActive' | 'openById', EmuSpreadsheet> &
  Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getUi', EmuUi> &
  Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newDataValidation', EmuDataValidationBuilder> &
  Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newConditionalFormatRule', EmuConditionalFormatRuleBuilder> &
  Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'flush'>;

export class EmuSpreadsheetApp implements SpreadsheetAppSlice {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
  readonly FontWeight = { BOLD: 'bold', NORMAL: 'normal' } as const;
  constructor(private readonly rt: Runtime, private readonly emu: Emulator, private readonly ui: EmuUi) {}
  getActiveSpreadsheet(): EmuSpreadsheet {
    this.rt.hit('SpreadsheetApp.getActiveSpreadsheet');
    return this.emu.spreadsheet;
  }
  getActive(): EmuSpreadsheet {
    this.rt.hit('SpreadsheetApp.getActive');
    return this.emu.spreadsheet;
  }
  openById(id: string): EmuSpreadsheet {
    this.rt.hit('SpreadsheetApp.openById');
    const ss = [this.emu.spreadsheet, ...this.emu.spreadsheetCopies].find((s) => s.id === id);
    if (!ss) throw new Error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return ss;
  }
  getUi(): EmuUi {
    this.rt.hit('SpreadsheetApp.getUi');
    return this.ui;
  }
  flush(): void {
    this.rt.hit('SpreadsheetApp.flush');
  }
  newDataValidation(): EmuDataValidationBuilder {
    this.rt.hit('SpreadsheetApp.newDataValidation');
    return new EmuDataValidationBuilder(this.rt);
  }
  newConditionalFormatRule(): EmuConditionalFormatRuleBuilder {
    this.rt.hit('SpreadsheetApp.newConditionalFormatRule');
    return new EmuConditionalFormatRuleBuilder(this.rt);
  }
}

export interface TriggerRun {
  trigger: EmuTrigger;
  at: Date;
  result?: unknown;
  error?: Error;
}

/** The `Date` seen by the bundle: host-realm Dates, with no-argument construction and Date.now() on the virtual clock. */
function makeVirtualDate(clock: VirtualClock): DateConstructor {
  const HostDate = Date;
  function VDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new HostDate(clock.nowMs()).toString();
    if (args.length === 0) return new HostDate(clock.nowMs());
    return new (HostDate as unknown as new (...a: unknown[]) => Date)(...args);
  }
  VDate.prototype = HostDate.prototype;
  Object.assign(VDate, { now: () => clock.nowMs(), parse: HostDate.parse, UTC: HostDate.UTC });
  return VDate as unknown as DateConstructor;
}

export class Emulator {
  readonly clock: VirtualClock;
  readonly rt: Runtime;
  readonly calls: CallCounter;
  readonly faults: FaultInjector;
  readonly ui = new UiRecorder();
  readonly documents: EmuDocument[] = [];
  readonly mail: SentMail[] = [];
  readonly triggers: EmuTrigger[] = [];
  readonly triggerRuns: TriggerRun[] = [];
  readonly properties = { script: new Map<string, string>(), document: new Map<string, string>(), user: new Map<string, string>() };
  readonly spreadsheetCopies: EmuSpreadsheet[] = [];
  readonly logs: string[] = [];
  readonly locks: LockManager;
  readonly drive: DriveStore;
  readonly spreadsheet: EmuSpreadsheet;
  readonly timeZone: string;
  readonly userEmail: string;
  /** The services as the bundle sees them (also usable directly from tests). */
  readonly services: {
    SpreadsheetApp: EmuSpreadsheetApp; DocumentApp: EmuDocumentApp; DriveApp: EmuDriveApp; Drive: EmuDriveAdvanced; Charts: EmuCharts; MailApp: EmuMailApp;
    ScriptApp: EmuScriptApp; PropertiesService: EmuPropertiesService; LockService: EmuLockService; Session: EmuSession;
    Utilities: EmuUtilities; HtmlService: EmuHtmlService; Logger: EmuLogger; UrlFetchApp: EmuUrlFetchApp;
  };
  private context: vm.Context | null = null;
  private lastModelled = 0;
  private readonly verbose: boolean;

  constructor(opts: EmulatorOptions = {}) {
    this.clock = new VirtualClock(opts.now ?? new Date());
    this.rt = new Runtime(this.clock);
    this.calls = this.rt.calls;
    this.faults = this.rt.faults;
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.userEmail = opts.userEmail ?? 'director@example.com';
    this.verbose = opts.verbose ?? false;
    const locale = opts.locale ?? 'en_US';
    this.drive = new DriveStore(this.rt);
    this.locks = new LockManager(this.rt);
    const env: SheetEnv = {
      rt: this.rt, ui: this.ui, sheetBounds: opts.sheetBounds ?? 'strict',
      onCopy: (ss) => this.spreadsheetCopies.push(ss),
      registerFile: (id, name, mime, url) => this.drive.addFile(id, name, mime, url),
    };
    const ssId = opts.spreadsheetId ?? this.rt.newId('ss');
    this.spreadsheet = new EmuSpreadsheet(env, ssId, opts.spreadsheetName ?? 'Market Expansion Tracker', this.timeZone, locale);
    this.drive.addFile(ssId, this.spreadsheet.name, 'application/vnd.google-apps.spreadsheet', this.spreadsheet.url(), false);
    const ui = new EmuUi(this.rt, this.ui);
    const mailApp = new EmuMailApp(this.rt, this.mail, DAILY_RECIPIENTS[opts.accountType ?? 'consumer'], () => this.userEmail);
    this.faults.onMailQuotaSet = (n) => mailApp.setRemaining(n);
    const documentApp = new EmuDocumentApp(this.rt, this.drive, this.documents);
    this.services = {
      SpreadsheetApp: new EmuSpreadsheetApp(this.rt, this, ui),
      DocumentApp: documentApp,
      DriveApp: new EmuDriveApp(this.rt, this.drive),
      Drive: new EmuDriveAdvanced(new EmuDriveFiles(this.rt, this.drive, (item) => documentApp.adopt(item), () => false)),
      Charts: new EmuCharts(this.rt),
      MailApp: mailApp,
      ScriptApp: new EmuScriptApp(this.rt, this.triggers, { user: () => this.userEmail, timeZone: () => this.timeZone, scriptId: this.rt.newId('script') }),
      PropertiesService: new EmuPropertiesService(this.rt, this.properties),
      LockService: new EmuLockService(this.rt, this.locks, () => opts.bound ?? true),
      Session: new EmuSession(this.rt, { email: () => this.userEmail, timeZone: () => this.timeZone, locale: () => this.spreadsheet.locale }),
      Utilities: new EmuUtilities(this.rt),
      HtmlService: new EmuHtmlService(this.rt),
      Logger: new EmuLogger(this.rt, this.logs),
      UrlFetchApp: new EmuUrlFetchApp(this.rt, URLFETCH_DAILY[opts.accountType ?? 'consumer']),
    };
  }

  /** Runs the bundle in a fresh vm context (services + console + standard builtins; no require, no process). */
  loadBundle(code: string, filename = 'Code.js'): void {
    const log = (level: string) => (...args: unknown[]): void => {
      const line = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.stack ?? a.message : JSON.stringify(a))).join(' ');
      this.logs.push(level === 'log' ? line : `[${level}] ${line}`);
      if (this.verbose) console.log(`[gas ${level}]`, line);
    };
    const sandbox: Record<string, unknown> = {
      ...this.services,
      console: { log: log('log'), info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') },
      Date: makeVirtualDate(this.clock),
    };
    this.context = vm.createContext(sandbox, { name: 'apps-script' });
    // Service objects live in the host realm: let `x instanceof Error` / `x instanceof Array` in the
    // bundle accept host errors (thrown by services) and host arrays (from getValues) too.
    (vm.runInContext(
      `(function (HostError, HostArray) {
        var own = Function.prototype[Symbol.hasInstance];
        function widen(C, H) {
          Object.defineProperty(C, Symbol.hasInstance, { configurable: true, value: function (x) {
            return own.call(this, x) || (this === C && own.call(H, x));
          } });
        }
        widen(Error, HostError);
        widen(Array, HostArray);
      })`,
      this.context,
    ) as (e: ErrorConstructor, a: ArrayConstructor) => void)(Error, Array);
    vm.runInContext(code, this.context, { filename });
  }

  private ctx(): vm.Context {
    if (!this.context) throw new Error('loadBundle() first');
    return this.context;
  }

  /** Reads a global of the bundle (function declarations, var, and top-level let/const). */
  global(name: string): unknown {
    const ctx = this.ctx();
    if (name in ctx) return (ctx as Record<string, unknown>)[name];
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
    try {
      return vm.runInContext(`typeof ${name} === 'undefined' ? undefined : ${name}`, ctx);
    } catch {
      return undefined;
    }
  }

  /** Calls a top-level function as Apps Script does, under the 6-minute limit on the virtual clock. */
  call(fn: string, ...args: unknown[]): unknown {
    const f = this.global(fn);
    if (typeof f !== 'function') throw new Error(`Script function not found: ${fn}`);
    const nested = this.rt.inExecution;
    if (!nested) {
      this.rt.modelled = 0;
      this.rt.inExecution = true;
    }
    try {
      return (f as (...a: unknown[]) => unknown)(...args);
    } finally {
      if (!nested) {
        this.rt.inExecution = false;
        this.lastModelled = this.rt.modelled;
        this.locks.releaseAllSelf();
      }
    }
  }

  /** Virtual ms consumed by service calls during the last call(). */
  modelledMs(): number {
    return this.rt.inExecution ? this.rt.modelled : this.lastModelled;
  }

  /**
   * The last sidebar (or the dialog of `kind`) as the person's browser runs it, its google.script.run calling
   * the bundle's top-level functions as Apps Script does. Call page.close() when done.
   */
  openPage(kind: 'sidebar' | 'modal' | 'modeless' = 'sidebar'): HtmlPage {
    const dialog = [...this.ui.dialogs].reverse().find((d) => d.kind === kind);
    if (!dialog) throw new Error(`No ${kind} was shown`);
    return new HtmlPage(dialog.html, (name, args) => this.call(name, ...args));
  }

  /** Runs the function behind a menu item: runMenuItem('Tracker', 'Build report'). */
  runMenuItem(...captions: string[]): unknown {
    return this.call(this.ui.menuItem(...captions));
  }

  private user(): { getEmail(): string } {
    return { getEmail: () => this.userEmail };
  }

  /** Calls the bundle's onOpen(e) (if defined) and installable ON_OPEN triggers. */
  fireOnOpen(): void {
    const e = { source: this.spreadsheet, authMode: AuthMode.LIMITED, user: this.user() };
    if (typeof this.global('onOpen') === 'function') this.call('onOpen', e);
    for (const t of this.triggers.filter((x) => x.spec.eventType === 'ON_OPEN')) this.call(t.spec.handler, { ...e, authMode: AuthMode.FULL, triggerUid: t.id });
  }

  /**
   * Calls onEdit(e) after a user edit of `range` (write the new value first). Like Apps Script,
   * e.value / e.oldValue are only set for a single cell and are strings.
   */
  fireOnEdit(range: EmuRange, oldValue?: unknown): void {
    const single = range.numRows === 1 && range.numCols === 1;
    const e: Record<string, unknown> = { source: this.spreadsheet, range, user: this.user(), authMode: AuthMode.LIMITED };
    if (single) {
      const v = range.sheet.cellAt(range.row, range.col)?.v ?? '';
      if (v !== '') e.value = String(v);
      if (oldValue !== undefined && oldValue !== '') e.oldValue = String(oldValue);
    }
    if (typeof this.global('onEdit') === 'function') this.call('onEdit', e);
    for (const t of this.triggers.filter((x) => x.spec.eventType === 'ON_EDIT')) this.call(t.spec.handler, { ...e, authMode: AuthMode.FULL, triggerUid: t.id });
  }

  /** Runs every time-driven trigger due at the clock's current time (once per slot). */
  fireTimeTriggers(): TriggerRun[] {
    const runs: TriggerRun[] = [];
    for (const t of [...this.triggers]) {
      // A trigger deleted by an earlier handler in this same pass no longer fires, as in Apps Script.
      if (t.deleted) continue;
      const slot = t.dueSlot(this.clock.now());
      if (slot === null || t.fired.has(slot)) continue;
      t.fired.add(slot);
      runs.push(this.fireTrigger(t));
    }
    return runs;
  }

  /** Runs one trigger's handler now with an Apps Script-shaped event; errors are recorded, not thrown. */
  fireTrigger(t: EmuTrigger): TriggerRun {
    const now = this.clock.now();
    const p = zonedParts(now, t.spec.timeZone);
    const e = {
      authMode: AuthMode.FULL, triggerUid: t.id, year: p.year, month: p.month, 'day-of-month': p.day,
      'day-of-week': p.weekday === 0 ? 7 : p.weekday, hour: p.hour, minute: p.minute, second: p.second, timezone: t.spec.timeZone,
    };
    const run: TriggerRun = { trigger: t, at: now };
    try {
      run.result = this.call(t.spec.handler, e);
    } catch (err) {
      run.error = err instanceof Error ? err : new Error(String(err));
    }
    this.triggerRuns.push(run);
    return run;
  }

  /** The spreadsheet as .xlsx (exceljs). */
  exportXlsx(path: string): Promise<void> {
    return exportXlsx(this.spreadsheet, path);
  }

  /** Each Doc not in the trash as a .docx in dir; returns the paths. */
  exportDocs(dir: string): Promise<string[]> {
    return exportDocumentsDocx(this.documents, dir);
  }

  /** Each sent mail as an .eml file in dir; returns the paths. */
  exportMail(dir: string): Promise<string[]> {
    return exportMail(this.mail, dir);
  }
}
