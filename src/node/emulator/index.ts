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
import { AuthMode, EmuScriptApp, EmuTrigger, ExecutionEnded } from './script';
import { Account, LIMIT_MS, activeEmailVisible, guard, type AccountOptions, type Execution, type ExecutionKind } from './auth';
import {
  EmuHtmlService, EmuLockService, EmuLogger, EmuPropertiesService, EmuSession, EmuUtilities, LockManager,
} from './services';
import {
  BooleanCriteria, DataValidationCriteria, EmuConditionalFormatRuleBuilder, EmuDataValidationBuilder, EmuRange,
  EmuSpreadsheet, type SheetEnv,
} from './spreadsheet';
import { EmuUi, HtmlPage, UiRecorder, type MenuEntry } from './ui';
import { EmuUrlFetchApp, URLFETCH_DAILY } from './urlfetch';
import { zonedParts } from './format';
import { PROTECTED_MESSAGE, ProtectionType } from './protection';
import { FormulaEngine, type FormulaReader } from './formulas';
import { StateCopier } from './snapshot';

export * from './runtime';
export * from './spreadsheet';
export * from './documents';
export * from './drive';
export { textPdf } from './pdf';
export * from './charts';
export * from './embeddedCharts';
export * from './mail';
export * from './script';
export * from './auth';
export * from './protection';
export * from './services';
export * from './ui';
export { SheetsWorld } from './importrange';
export { SnapshotError } from './snapshot';
export { EmuUrlFetchApp, isLoopback, type FetchRecord } from './urlfetch';
export { parseA1, toA1, columnToLetters, lettersToColumn } from './a1';
export { formatDate, displayValue, zonedParts, zonedTimeToDate } from './format';

export interface EmulatorOptions {
  /** Spreadsheet and script time zone; default 'Asia/Shanghai'. */
  timeZone?: string;
  /** 'en_US' | 'zh_CN'; default 'en_US'. */
  locale?: string;
  /** Virtual clock start; default: the real current time. */
  now?: Date;
  /** The first account (the script's and the spreadsheet's owner): consumer (default; 100 recipients a day) or workspace (1,500). */
  accountType?: 'consumer' | 'workspace';
  /** The first account's email; default 'director@example.com'. */
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
  /**
   * 'incremental' (default): one formula engine kept between recalculations, given only the cells that changed
   * (formulas.ts FormulaEngine); 'full': a new engine from the whole spreadsheet every time (the reference the
   * incremental one is tested against). Default: the EMULATOR_RECALCULATION environment variable, else 'incremental'.
   */
  recalculation?: 'incremental' | 'full';
}

export type SpreadsheetAppSlice = Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getActiveSpreadsheet' | 'getActive' | 'openById', EmuSpreadsheet> &
  Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getUi', EmuUi> &
  Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newDataValidation', EmuDataValidationBuilder> &
  Returning<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'newConditionalFormatRule', EmuConditionalFormatRuleBuilder> &
  Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'flush'>;

const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class EmuSpreadsheetApp implements SpreadsheetAppSlice {
  readonly ProtectionType = ProtectionType;
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
  /** The trigger did not run: its owner's account left (Google runs nothing as a deleted or suspended account). */
  skipped?: 'owner left';
}

/** What loadManifest reads from appsscript.json. */
export interface Manifest {
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
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
  /** Everyone who uses the spreadsheet; the first is the owner of the spreadsheet and of its bound script. */
  readonly accounts = new Map<string, Account>();
  readonly scriptOwner: Account;
  /** The person at the keyboard: menu runs, onOpen and onEdit run as them. */
  current: Account;
  /** The running execution (null between runs). */
  execution: Execution | null = null;
  /** The manifest's oauthScopes once loadManifest ran; null: no limit from a manifest. */
  manifestScopes: string[] | null = null;
  /** The services as the bundle sees them (also usable directly from tests). */
  readonly services: {
    SpreadsheetApp: EmuSpreadsheetApp; DocumentApp: EmuDocumentApp; DriveApp: EmuDriveApp; Drive: EmuDriveAdvanced; Charts: EmuCharts; MailApp: EmuMailApp;
    ScriptApp: EmuScriptApp; PropertiesService: EmuPropertiesService; LockService: EmuLockService; Session: EmuSession;
    Utilities: EmuUtilities; HtmlService: EmuHtmlService; Logger: EmuLogger; UrlFetchApp: EmuUrlFetchApp;
  };
  private context: vm.Context | null = null;
  private code = '';
  private bundleFile = 'Code.js';
  private formulasDirty = false;
  private hostFunctions: Record<string, (...args: unknown[]) => unknown> = {};
  private readonly formulas: FormulaEngine;
  private readonly incremental: boolean;
  /** Changes when the custom functions do (a bundle loaded, host functions defined): the formula engine is built again. */
  private functionsVersion = 0;
  private customFunctionsFor = -1;
  private customFunctionsNow: Record<string, (...args: unknown[]) => unknown> = {};
  private advancedDrive = true;
  private lastModelled = 0;
  private readonly verbose: boolean;
  /** What the emulator was made with: a snapshot's copies are made with the same. */
  private readonly options: EmulatorOptions;

  constructor(opts: EmulatorOptions = {}) {
    this.options = { ...opts };
    this.clock = new VirtualClock(opts.now ?? new Date());
    this.rt = new Runtime(this.clock);
    this.calls = this.rt.calls;
    this.faults = this.rt.faults;
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.scriptOwner = new Account(opts.userEmail ?? 'director@example.com', { kind: opts.accountType ?? 'consumer' });
    this.accounts.set(this.scriptOwner.email, this.scriptOwner);
    this.current = this.scriptOwner;
    this.verbose = opts.verbose ?? false;
    const locale = opts.locale ?? 'en_US';
    this.drive = new DriveStore(this.rt);
    this.locks = new LockManager(this.rt);
    const env: SheetEnv = {
      rt: this.rt, ui: this.ui, sheetBounds: opts.sheetBounds ?? 'strict',
      beforeRead: (range) => {
        if (this.formulasDirty && range.hasComputedCells()) this.recalculate();
      },
      user: () => this.effective().email,
      // The spreadsheet's owner (the first account, who made the bound script) and a protection's editors may edit.
      beforeWrite: (sheet, row, col, numRows, numCols, structural) => {
        const who = this.effective().email;
        if (sheet.parent !== this.spreadsheet || sameEmail(who, this.scriptOwner.email)) return;
        const refused = sheet.parent.protections.some((p) => p.sheet === sheet && !p.warningOnly && (!structural || p.type === 'SHEET') &&
          p.covers(row, col, numRows, numCols) && !p.allows(who, this.scriptOwner.domain));
        if (refused) throw new Error(PROTECTED_MESSAGE);
      },
      onCopy: (ss) => this.spreadsheetCopies.push(ss),
      registerFile: (id, name, mime, url) => this.drive.addFile(id, name, mime, url),
    };
    const ssId = opts.spreadsheetId ?? this.rt.newId('ss');
    this.spreadsheet = new EmuSpreadsheet(env, ssId, opts.spreadsheetName ?? 'Market Expansion Tracker', this.timeZone, locale);
    this.formulas = new FormulaEngine(this.spreadsheet);
    // EMULATOR_RECALCULATION=full runs a whole test suite the old way, to compare results and time.
    this.incremental = (opts.recalculation ?? process.env.EMULATOR_RECALCULATION ?? 'incremental') !== 'full';
    this.drive.addFile(ssId, this.spreadsheet.name, 'application/vnd.google-apps.spreadsheet', this.spreadsheet.url(), false);
    const ui = new EmuUi(this.rt, this.ui);
    const mailApp = new EmuMailApp(this.rt, this.mail, (email) => DAILY_RECIPIENTS[this.accounts.get(email)?.kind ?? 'consumer'], () => this.effective().email);
    this.faults.onMailQuotaSet = (n, account) => mailApp.setRemaining(n, account ?? this.scriptOwner.email);
    this.rt.guard = (key) => guard(this.execution, key, this.manifestScopes);
    this.rt.onSpreadsheetWrite = () => {
      this.formulasDirty = true;
    };
    const documentApp = new EmuDocumentApp(this.rt, this.drive, this.documents);
    this.services = {
      SpreadsheetApp: new EmuSpreadsheetApp(this.rt, this, ui),
      DocumentApp: documentApp,
      DriveApp: new EmuDriveApp(this.rt, this.drive),
      Drive: new EmuDriveAdvanced(new EmuDriveFiles(this.rt, this.drive, (item) => documentApp.adopt(item), () => false)),
      Charts: new EmuCharts(this.rt),
      MailApp: mailApp,
      ScriptApp: new EmuScriptApp(this.rt, this.triggers, {
        user: () => this.effective().email, timeZone: () => this.timeZone, scriptId: this.rt.newId('script'),
        granted: (scope) => this.effective().has(scope, this.manifestScopes), manifestScopes: () => this.manifestScopes,
        interactive: () => this.execution === null || this.execution.kind === 'menu' || this.execution.kind === 'editor',
        prompt: (scopes) => this.ui.authPrompts.push({ user: this.effective().email, scopes: [...scopes], at: this.clock.now() }),
      }),
      PropertiesService: new EmuPropertiesService(this.rt, { ...this.properties, user: () => this.effective().userProperties }),
      LockService: new EmuLockService(this.rt, this.locks, () => opts.bound ?? true),
      Session: new EmuSession(this.rt, {
        activeEmail: () => (activeEmailVisible(this.execution, this.scriptOwner) ? (this.execution?.active ?? this.current).email : ''),
        effectiveEmail: () => this.effective().email,
        timeZone: () => this.timeZone, locale: () => this.spreadsheet.locale,
      }),
      Utilities: new EmuUtilities(this.rt),
      HtmlService: new EmuHtmlService(this.rt),
      Logger: new EmuLogger(this.rt, this.logs),
      UrlFetchApp: new EmuUrlFetchApp(this.rt, URLFETCH_DAILY[opts.accountType ?? 'consumer']),
    };
  }

  /** Runs the bundle in a fresh vm context (services + console + standard builtins; no require, no process). */
  loadBundle(code: string, filename = 'Code.js'): void {
    this.code = code;
    this.bundleFile = filename;
    this.functionsVersion++;
    const log = (level: string) => (...args: unknown[]): void => {
      const line = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.stack ?? a.message : JSON.stringify(a))).join(' ');
      this.logs.push(level === 'log' ? line : `[${level}] ${line}`);
      if (this.verbose) console.log(`[gas ${level}]`, line);
    };
    const { Drive, ...services } = this.services;
    const sandbox: Record<string, unknown> = {
      ...services,
      ...(this.advancedDrive ? { Drive } : {}),
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

  /** The account the running script acts as (the keyboard's between runs). */
  effective(): Account {
    return this.execution?.effective ?? this.current;
  }

  /** Adds a person who uses the spreadsheet (an editor); returns their account, whose grants a test may change. */
  addUser(email: string, opts: AccountOptions = {}): Account {
    if (this.accounts.has(email)) throw new Error(`Emulator: ${email} is already a user`);
    const account = new Account(email, opts);
    this.accounts.set(email, account);
    return account;
  }

  user(email: string): Account {
    const account = this.accounts.get(email);
    if (!account) throw new Error(`Emulator: no user ${email}`);
    return account;
  }

  /** Puts `email` at the keyboard: later menu runs, onOpen and onEdit run as them. */
  switchUser(email: string): Account {
    this.current = this.user(email);
    return this.current;
  }

  /** Runs `fn` with `email` at the keyboard, then gives the keyboard back. */
  as<T>(email: string, fn: () => T): T {
    const before = this.current;
    this.switchUser(email);
    try {
      return fn();
    } finally {
      this.current = before;
    }
  }

  /** The scopes a user may grant are those the project's appsscript.json asks for (and its advanced services exist). */
  loadManifest(manifest: Manifest): void {
    this.manifestScopes = [...(manifest.oauthScopes ?? [])];
    const services = manifest.dependencies?.enabledAdvancedServices ?? [];
    if (this.context && !services.some((s) => s.userSymbol === 'Drive')) delete (this.context as Record<string, unknown>).Drive;
    this.advancedDrive = services.some((s) => s.userSymbol === 'Drive' && s.version === 'v3');
  }

  /**
   * Runs a top-level function of the bundle in an execution context: its authorization mode, whose
   * authority it runs under, its time limit. A nested custom-function run (formulas read during a run)
   * has its own budget and leaves the outer run's untouched.
   */
  private execute(exec: Execution, fn: string, args: unknown[]): unknown {
    const f = this.global(fn);
    if (typeof f !== 'function') throw new Error(`Script function not found: ${fn}`);
    const outer = { execution: this.execution, modelled: this.rt.modelled, inExecution: this.rt.inExecution, limitMs: this.rt.limitMs };
    const separate = !outer.inExecution || exec.kind === 'customFunction';
    this.execution = exec;
    this.rt.inExecution = true;
    this.rt.limitMs = LIMIT_MS[exec.kind];
    if (separate) this.rt.modelled = 0;
    try {
      return (f as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      // requireScopes ended the run and Apps Script showed its consent prompt (recorded in ui.authPrompts).
      if (error instanceof ExecutionEnded) return undefined;
      throw error;
    } finally {
      if (!outer.inExecution) {
        this.lastModelled = this.rt.modelled;
        this.locks.releaseAllSelf();
      }
      this.execution = outer.execution;
      this.rt.inExecution = outer.inExecution;
      this.rt.limitMs = outer.limitMs;
      if (separate) this.rt.modelled = outer.modelled;
    }
  }

  private run(kind: ExecutionKind, as: Account, fn: string, args: unknown[], active: Account = as): unknown {
    return this.execute({ kind, effective: as, active, name: fn }, fn, args);
  }

  /**
   * Calls a top-level function as the person at the keyboard with FULL authorization, as the script
   * editor's Run button does (a menu item's handler: prefer runMenuItem, which finds it by caption).
   */
  call(fn: string, ...args: unknown[]): unknown {
    return this.run(this.execution && this.execution.kind !== 'customFunction' ? this.execution.kind : 'editor', this.execution?.effective ?? this.current, fn, args);
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

  /** Runs the function behind a menu item as the person at the keyboard: runMenuItem('Tracker', 'Build report'). */
  runMenuItem(...captions: string[]): unknown {
    return this.run('menu', this.current, this.ui.menuItem(...captions), []);
  }

  /** Runs a menu handler by its function name, as a person clicking it; it must be an item of a menu they see. */
  runMenuFunction(functionName: string): unknown {
    const inMenu = (entries: readonly MenuEntry[]): boolean =>
      entries.some((e) => (e.kind === 'item' && e.functionName === functionName) || (e.kind === 'submenu' && inMenu(e.menu.entries)));
    if (!this.ui.menus.some((m) => inMenu(m.entries))) throw new Error(`Emulator: no menu item runs ${functionName}`);
    return this.run('menu', this.current, functionName, []);
  }

  /**
   * Calls a custom function as a formula does: CUSTOM_FUNCTION mode (read-only spreadsheet, no service
   * that needs authorization, 30 s), with arguments as Sheets passes them (numbers, strings, booleans,
   * Dates, '' for empty, 2-D arrays for ranges).
   */
  customFunction(name: string, ...args: unknown[]): unknown {
    return this.run('customFunction', this.current, name, args);
  }

  /**
   * Computes every formula now, as Sheets keeps them (HyperFormula; custom functions are the bundle's
   * own, run in CUSTOM_FUNCTION mode with the arguments Sheets passes), and stores the values in the
   * cells. Reads call it by themselves after a write (Range.getValues & co. are always current); tests
   * use the returned reader for formula errors.
   */
  recalculate(): FormulaReader {
    const cpu = process.cpuUsage();
    try {
      return this.recalculateNow();
    } finally {
      const used = process.cpuUsage(cpu);
      this.rt.hostCpuMs += (used.user + used.system) / 1000;
    }
  }

  private recalculateNow(): FormulaReader {
    this.formulasDirty = false;
    if (this.functionsVersion !== this.customFunctionsFor) {
      this.customFunctionsFor = this.functionsVersion;
      this.customFunctionsNow = {
        ...this.hostFunctions,
        ...Object.fromEntries(this.customFunctionNames().map((name) => [name, (...args: unknown[]) => this.customFunction(name, ...args)])),
      };
    }
    // TODAY() is the virtual clock's date in the spreadsheet's zone, as Sheets computes it: HyperFormula reads
    // Date.now() with the process's local date getters, so Date.now() is that date's local noon while it evaluates.
    const { year, month, day } = zonedParts(this.clock.now(), this.spreadsheet.timeZone);
    const realNow = Date.now;
    Date.now = () => new Date(year, month - 1, day, 12).getTime();
    try {
      return this.formulas.recalculate(
        { customFunctions: this.customFunctionsNow, functionsVersion: this.functionsVersion, today: `${year}-${month}-${day}` },
        this.incremental,
      );
    } finally {
      Date.now = realNow;
    }
  }

  /** How recalculations went: engines built from the whole spreadsheet, incremental updates, reads with nothing to do. */
  recalculationStats(): { rebuilds: number; updates: number; unchanged: number } {
    return { ...this.formulas.stats };
  }

  /** Custom functions for an emulator without a bundle (tests of the formula engine itself); a bundle's own take precedence. */
  defineCustomFunctions(functions: Record<string, (...args: unknown[]) => unknown>): void {
    this.hostFunctions = { ...this.hostFunctions, ...functions };
    this.functionsVersion++;
    this.formulasDirty = true;
  }

  /** The bundle's custom functions: top-level functions whose JSDoc carries @customfunction. */
  customFunctionNames(): string[] {
    return [...this.code.matchAll(/@customfunction[\s\S]*?\*\/\s*function\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!);
  }

  private user_(account: Account): { getEmail(): string } {
    // Event objects carry the user like Session does: blank where Apps Script hides the email.
    return { getEmail: () => (activeEmailVisible(this.execution, this.scriptOwner) ? account.email : '') };
  }

  /** Opening the spreadsheet: the simple onOpen(e) in LIMITED mode as the person opening it, then installable ON_OPEN triggers as their owners. */
  fireOnOpen(): void {
    const e = { source: this.spreadsheet, authMode: AuthMode.LIMITED, user: this.user_(this.current) };
    if (typeof this.global('onOpen') === 'function') this.run('simpleTrigger', this.current, 'onOpen', [e]);
    for (const t of this.triggers.filter((x) => x.spec.eventType === 'ON_OPEN')) {
      const owner = this.accounts.get(t.spec.owner);
      if (owner && !owner.left) this.run('installable', owner, t.spec.handler, [{ ...e, authMode: AuthMode.FULL, triggerUid: t.id }], this.current);
    }
  }

  /**
   * A person's edit of `range` (write the new value first): the simple onEdit(e) in LIMITED mode as the
   * editor, then installable ON_EDIT triggers as their owners. Like Apps Script, e.value / e.oldValue are
   * only set for a single cell and are strings.
   */
  fireOnEdit(range: EmuRange, oldValue?: unknown): void {
    const single = range.numRows === 1 && range.numCols === 1;
    const e: Record<string, unknown> = { source: this.spreadsheet, range, user: this.user_(this.current), authMode: AuthMode.LIMITED };
    if (single) {
      const v = range.sheet.cellAt(range.row, range.col)?.v ?? '';
      if (v !== '') e.value = String(v);
      if (oldValue !== undefined && oldValue !== '') e.oldValue = String(oldValue);
    }
    if (typeof this.global('onEdit') === 'function') this.run('simpleTrigger', this.current, 'onEdit', [e]);
    for (const t of this.triggers.filter((x) => x.spec.eventType === 'ON_EDIT')) {
      const owner = this.accounts.get(t.spec.owner);
      if (owner && !owner.left) this.run('installable', owner, t.spec.handler, [{ ...e, authMode: AuthMode.FULL, triggerUid: t.id }], this.current);
    }
  }

  /** Runs every time-driven trigger due at the clock's current time (once per slot), each as its owner. */
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

  /** Runs one trigger's handler now as its owner, with an Apps Script-shaped event; errors are recorded, not thrown. */
  fireTrigger(t: EmuTrigger): TriggerRun {
    const now = this.clock.now();
    const run: TriggerRun = { trigger: t, at: now };
    const owner = this.accounts.get(t.spec.owner);
    if (!owner || owner.left) {
      run.skipped = 'owner left';
      this.triggerRuns.push(run);
      return run;
    }
    const p = zonedParts(now, t.spec.timeZone);
    const e = {
      authMode: AuthMode.FULL, triggerUid: t.id, year: p.year, month: p.month, 'day-of-month': p.day,
      'day-of-week': p.weekday === 0 ? 7 : p.weekday, hour: p.hour, minute: p.minute, second: p.second, timezone: t.spec.timeZone,
    };
    try {
      run.result = this.run(t.spec.eventType === 'CLOCK' ? 'timeDriven' : 'installable', owner, t.spec.handler, [e]);
    } catch (err) {
      run.error = err instanceof Error ? err : new Error(String(err));
    }
    this.triggerRuns.push(run);
    return run;
  }

  /**
   * The emulator's whole state now — spreadsheets (values, formulas, formats, validations, conditional formats,
   * charts, protections, notes), every property store, triggers, Drive and Docs files, the mail outbox, logs, users,
   * the clock, quotas and fault settings, what the UI showed — to start independent emulators from (restore())
   * without running again the steps that led here. Taken between runs; later changes to this emulator do not reach it.
   */
  snapshot(): EmulatorSnapshot {
    // Computed values brought up to date first: a copy then reads them as they are, and builds its formula engine
    // only when a change needs one (the copy's bundle is the same code, so its custom functions give the same values).
    if (this.formulasDirty) this.recalculate();
    const state = this.copyState();
    const { code, bundleFile } = this;
    return new EmulatorSnapshot(() => {
      const emulator = state.copyState();
      // A new Apps Script execution: the script's globals start from its code, nothing kept from the runs before.
      if (code) emulator.loadBundle(code, bundleFile);
      return emulator;
    });
  }

  /** A new emulator made with this one's options and holding a copy of its state (snapshot.ts), with no bundle loaded. */
  private copyState(): Emulator {
    if (this.execution || this.rt.inExecution) throw new Error('Emulator: a snapshot is taken between runs, not during one');
    const copy = new Emulator({ ...this.options, spreadsheetId: this.spreadsheet.id });
    new StateCopier({
      substitutes: new Map<object, object>([[this.calls, copy.calls], [this.formulas, copy.formulas]]),
      freshFields: (target) => FRESH_STATE.get(target.constructor) ?? [],
      foreignPrototypes: this.context ? realmPrototypes(this.context) : new Map(),
    }).into(copy, this);
    return copy;
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

/** A state to start emulators from: see Emulator.snapshot. */
export class EmulatorSnapshot {
  constructor(private readonly make: () => Emulator) {}
  /**
   * A new emulator in the snapshot's state, independent of it and of every other: the bundle loaded afresh into a
   * new context, call counters at zero as a fresh emulator's are, the formula engine built again from the cells at
   * the first recalculation a change calls for (it computes every formula then, as the 'full' recalculation does).
   */
  restore(): Emulator {
    return this.make();
  }
}

/**
 * What a copied emulator starts afresh instead of copying, by class: the vm context and everything derived from the
 * loaded code (loadBundle makes them again), the formula engine (HyperFormula's internals are not copied: a new
 * engine is built from the copied cells), the call counter and the modelled and host time of the runs so far.
 */
const FRESH_STATE = new Map<unknown, readonly string[]>([
  [Emulator, ['options', 'context', 'code', 'bundleFile', 'functionsVersion', 'customFunctionsFor', 'customFunctionsNow', 'formulas', 'calls', 'lastModelled']],
  [Runtime, ['calls', 'modelled', 'hostCpuMs']],
  // A worker thread serves fetches in this process; the copy starts its own when it first fetches.
  [EmuUrlFetchApp, ['worker']],
]);

/** The bundle realm's intrinsic prototypes → the host's: objects the script made and the emulator kept become host objects. */
function realmPrototypes(context: vm.Context): Map<object, object> {
  const names = ['Object', 'Array', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError'] as const;
  const theirs = vm.runInContext(`[${names.map((n) => `${n}.prototype`).join(', ')}]`, context) as object[];
  const ours: object[] = [Object.prototype, Array.prototype, Error.prototype, TypeError.prototype, RangeError.prototype, SyntaxError.prototype,
    ReferenceError.prototype, EvalError.prototype, URIError.prototype];
  return new Map(theirs.map((proto, i) => [proto, ours[i]!]));
}
