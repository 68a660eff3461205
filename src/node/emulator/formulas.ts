/**
 * Evaluates the formulas of an emulated spreadsheet with HyperFormula (GPL-3.0: a development
 * dependency, imported by tests, benchmarks and the demo only), configured as HyperFormula's
 * "Compatibility with Google Sheets" guide says, with the project's custom functions registered
 * as a FunctionPlugin. Ranges reach custom functions as 2-D arrays ('' for empty), like Sheets.
 */
import {
  ArraySize, CellError, CellType, DetailedCellError, EmptyValue, ErrorType, ExportedCellChange, FunctionArgumentType, FunctionPlugin,
  HyperFormula, SimpleRangeValue, type ConfigParams, type FunctionPluginDefinition, type ImplementedFunctions, type RawCellContent,
} from 'hyperformula';
import { parseA1, toA1 } from './a1';
import { zonedParts, zonedTimeToDate } from './format';
import type { Cell, CellValue, EmuSheet, EmuSpreadsheet } from './spreadsheet';

export type CustomFunction = (...args: unknown[]) => unknown;

export interface FormulaError {
  sheet: string;
  a1: string;
  formula: string;
  error: string;
  message: string;
}

export interface FormulaReader {
  /** The computed value at sheet!a1: number, string, boolean, Date (date-typed results), '' for empty, '#DIV/0!'-style strings for errors. */
  value(sheetName: string, a1: string): CellValue;
  /** Computed values of a range, like Range.getValues(). */
  values(sheetName: string, a1: string): CellValue[][];
  /** Every formula that evaluated to an error. */
  errors(): FormulaError[];
  /** Stores computed values into the cells (formula cells keep their formula; spilled cells are marked). */
  applyTo(spreadsheet?: EmuSpreadsheet): void;
  readonly hf: HyperFormula;
}

/** HyperFormula options from the "Compatibility with Google Sheets" guide (en-US). */
export const GOOGLE_SHEETS_CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  dateFormats: ['MM/DD/YYYY', 'MM/DD/YY', 'YYYY/MM/DD'],
  timeFormats: ['hh:mm', 'hh:mm:ss', 'hh:mm:ss.sss'],
  currencySymbol: ['$', 'USD'],
  localeLang: 'en-US',
  functionArgSeparator: ',',
  decimalSeparator: '.',
  thousandSeparator: '',
  arrayColumnSeparator: ',',
  arrayRowSeparator: ';',
  nullYear: 30,
  useArrayArithmetic: false,
  leapYear1900: false,
  smartRounding: true,
};

const MS_PER_DAY = 86400000;
const EPOCH_SERIAL = 25569; // 1970-01-01 as a Sheets serial number

/** A Date as a Sheets serial number, read as wall-clock time in the spreadsheet's zone. */
export function dateToSerial(d: Date, timeZone: string): number {
  const p = zonedParts(d, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) / MS_PER_DAY + EPOCH_SERIAL;
}

export function serialToDate(serial: number, timeZone: string): Date {
  const utc = new Date(Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY));
  return zonedTimeToDate(timeZone, utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
}

/** A formula SheetsWorld computes (importrange.ts), not HyperFormula. */
function isImport(formula: string): boolean {
  return /IMPORTRANGE\s*\(/i.test(formula);
}

function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

/** A value as Sheets hands it to a custom function: '' for empty, a Date for a date or date-time, else the number, string or boolean. */
function fromInternal(v: unknown, timeZone: string): unknown {
  if (v === EmptyValue || v === null || v === undefined) return '';
  if (typeof v === 'object' && v !== null && 'val' in v && typeof (v as { val: unknown }).val === 'number') {
    const kind = (v as object).constructor.name;
    const serial = (v as { val: number }).val;
    // HyperFormula keeps date-typed numbers as DateNumber / DateTimeNumber (internal classes, not exported).
    return kind === 'DateNumber' || kind === 'DateTimeNumber' ? serialToDate(serial, timeZone) : serial;
  }
  return v;
}

/** A Date as text HyperFormula parses into a date-typed value (dateFormats YYYY/MM/DD, timeFormats hh:mm:ss). */
function dateText(d: Date, timeZone: string): string {
  const p = zonedParts(d, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${p.year}/${pad(p.month)}/${pad(p.day)}`;
  return p.hour === 0 && p.minute === 0 && p.second === 0 ? day : `${day} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

let registered: { plugin: typeof FunctionPlugin; names: string[] } | null = null;

/** What one HyperFormula build's custom functions report while it evaluates. */
interface CustomFunctionState {
  /** A custom function returned an array of another size than predicted (HyperFormula sizes arrays when it parses a formula). */
  mispredicted: boolean;
  /** True while the incremental engine applies changes to a built engine (FormulaEngine.update). */
  updating: boolean;
}

/**
 * Registers the custom functions with HyperFormula (a static registry: an engine keeps the plugins registered when
 * it was built, so engines built earlier keep theirs). Array sizes are predicted from `sizes`, which the functions
 * correct when a result has another size (the caller then rebuilds).
 */
function registerCustomFunctions(customFunctions: Record<string, CustomFunction>, tz: string, sizes: Map<string, ArraySize>, state: CustomFunctionState): void {
  const keyOf = (a: { sheet: number; row: number; col: number }): string => `${a.sheet}:${a.row}:${a.col}`;

  const toJs = (v: unknown): unknown => {
    if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map((x) => fromInternal(x, tz)));
    return fromInternal(v, tz);
  };
  const toHf = (v: unknown): unknown => {
    if (isDate(v)) return dateToSerial(v, tz);
    if (v === null || v === undefined || v === '') return EmptyValue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return String(v);
  };

  const implemented: ImplementedFunctions = {};
  const names = Object.keys(customFunctions).map((n) => n.toUpperCase());
  class CustomFunctionsPlugin extends FunctionPlugin {
    static override implementedFunctions = implemented;
  }
  for (const [name, fn] of Object.entries(customFunctions)) {
    const id = name.toUpperCase();
    const method = `fn_${id.replace(/\W/g, '_')}`;
    const sizeMethod = `size_${id.replace(/\W/g, '_')}`;
    implemented[id] = {
      method,
      sizeOfResultArrayMethod: sizeMethod,
      parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
      isVolatile: false,
    };
    const proto = CustomFunctionsPlugin.prototype as unknown as Record<string, unknown>;
    proto[method] = function (this: FunctionPlugin & { runFunction: unknown; metadata: (n: string) => unknown; dependencyGraph: { getCellValue(at: unknown): unknown } }, ast: { args: unknown[] }, state_: { formulaAddress: { sheet: number; row: number; col: number } }) {
      const run = this.runFunction as (args: unknown[], state: unknown, metadata: unknown, impl: (...a: unknown[]) => unknown) => unknown;
      // HyperFormula hands a single-cell argument over as a bare number; Sheets gives a Date for a date cell.
      const dateRefs = ast.args.map((arg) => {
        const ref = arg as { type?: string; reference?: { toSimpleCellAddress(base: unknown): { sheet: number; row: number; col: number } } };
        if (ref.type !== 'CELL_REFERENCE' || !ref.reference) return false;
        const at = ref.reference.toSimpleCellAddress(state_.formulaAddress);
        const value = this.dependencyGraph.getCellValue(at);
        return typeof value === 'object' && value !== null && /^Date(Time)?Number$/.test((value as object).constructor.name);
      });
      const result = run(ast.args, state_, this.metadata(id), (...args: unknown[]) => {
        const err = args.find((a) => a instanceof CellError);
        if (err) return err;
        let out: unknown;
        try {
          out = fn(...args.map((a, i) => (dateRefs[i] && typeof a === 'number' ? serialToDate(a, tz) : toJs(a))));
        } catch (e) {
          return new CellError(ErrorType.ERROR, e instanceof Error ? e.message : String(e));
        }
        const key = keyOf(state_.formulaAddress);
        const predicted = sizes.get(key) ?? ArraySize.scalar();
        if (Array.isArray(out)) {
          const rows = (out.length && out.every((r) => Array.isArray(r)) ? out : out.map((x) => [x])) as unknown[][];
          const width = Math.max(1, ...rows.map((r) => r.length));
          const data = rows.map((r) => Array.from({ length: width }, (_, j) => toHf(r[j])));
          if (predicted.width !== width || predicted.height !== rows.length) {
            sizes.set(key, new ArraySize(width, Math.max(1, rows.length)));
            state.mispredicted = true;
            return data[0]?.[0] ?? EmptyValue;
          }
          return SimpleRangeValue.onlyValues(data as never);
        }
        return toHf(out);
      });
      // Between builds, a formula sized for an array that now gives one value or an error (its arguments changed
      // since the build) needs a new build to size it afresh. Not while building: there, a formula with an array
      // call and a one-value call shares one size (keyed by the formula's cell), as it always has.
      if (state.updating && !(result instanceof SimpleRangeValue)) {
        const predicted = sizes.get(keyOf(state_.formulaAddress));
        if (predicted && (predicted.width !== 1 || predicted.height !== 1)) state.mispredicted = true;
      }
      return result;
    };
    proto[sizeMethod] = function (_ast: unknown, state_: { formulaAddress: { sheet: number; row: number; col: number } }) {
      return sizes.get(keyOf(state_.formulaAddress)) ?? ArraySize.scalar();
    };
  }

  if (registered) {
    for (const n of registered.names) {
      try {
        HyperFormula.unregisterFunction(n);
      } catch {
        /* already gone */
      }
    }
    registered = null;
  }
  if (names.length) {
    const translations = Object.fromEntries(names.map((n) => [n, n]));
    HyperFormula.registerFunctionPlugin(CustomFunctionsPlugin, { enGB: translations, enUS: translations });
    registered = { plugin: CustomFunctionsPlugin, names };
  }
}

/**
 * What HyperFormula is given for a cell: null for an empty cell and for a value an array formula spilled (the
 * formula computes it); a formula; a value (text forced with an apostrophe, a date as date text).
 */
function cellInput(c: Cell | undefined, tz: string): RawCellContent {
  if (!c || (c.spilled && !c.imported)) return null;
  // IMPORTRANGE is computed by SheetsWorld (importrange.ts): its cells enter as the values it gave.
  if (c.f && !isImport(c.f)) return c.f;
  const v = c.v;
  if (v === '') return null;
  if (typeof v === 'string') return `'${v}`;
  // Given as date text so HyperFormula types it as a date: custom functions then receive a Date, as in Sheets.
  if (isDate(v)) return dateText(v, tz);
  return v;
}

type InputKey = string | number | boolean | null;

/** cellInput, with a date as its instant (cheap to compare; the time zone is the same between two recalculations). */
function inputKey(c: Cell | undefined): InputKey {
  if (!c || (c.spilled && !c.imported)) return null;
  if (c.f && !isImport(c.f)) return c.f;
  const v = c.v;
  if (v === '') return null;
  if (typeof v === 'string') return `'${v}`;
  if (isDate(v)) return `\u0000date ${v.getTime()}`;
  return v;
}

function sheetsData(spreadsheet: EmuSpreadsheet): Record<string, RawCellContent[][]> {
  const tz = spreadsheet.timeZone;
  const out: Record<string, RawCellContent[][]> = {};
  for (const sheet of spreadsheet.sheets) {
    // Array.from, not map: rows and cells never written are holes in the sparse arrays, and HyperFormula wants dense ones.
    out[sheet.name] = Array.from(sheet.cells, (row) => Array.from(row ?? [], (c) => cellInput(c, tz)));
  }
  return out;
}

/**
 * HyperFormula's TODAY and NOW, not volatile: when the date changes, the formulas that call them are given to the
 * engine again (and Date.now() is that date's noon while it evaluates), so their value holds between days — and a
 * volatile TODAY would recompute everything that depends on it (whole ARRAYFORMULA columns) after every write.
 */
function withStableClock<T>(build: () => T): T {
  const today = HyperFormula.getFunctionPlugin('TODAY');
  const todayMeta = today?.implementedFunctions.TODAY;
  const nowMeta = today?.implementedFunctions.NOW;
  if (!today || today !== HyperFormula.getFunctionPlugin('NOW') || !todayMeta || !nowMeta) return build();
  const base = today as unknown as new (...args: never[]) => object;
  class StableClockPlugin extends base {
    static implementedFunctions: ImplementedFunctions = {
      TODAY: { ...todayMeta!, method: todayMeta!.method, isVolatile: false },
      NOW: { ...nowMeta!, method: nowMeta!.method, isVolatile: false },
    };
  }
  // HyperFormula takes a function's method only from the plugin's own prototype.
  for (const method of [todayMeta.method, nowMeta.method]) {
    Object.defineProperty(StableClockPlugin.prototype, method, { value: (today.prototype as unknown as Record<string, unknown>)[method] });
  }
  const stable = StableClockPlugin as unknown as FunctionPluginDefinition;
  HyperFormula.registerFunction('TODAY', stable);
  HyperFormula.registerFunction('NOW', stable);
  try {
    return build();
  } finally {
    // The registry is HyperFormula's, shared: other engines (evaluateFormulas, the .xlsx checks) keep the volatile ones.
    HyperFormula.registerFunction('TODAY', today);
    HyperFormula.registerFunction('NOW', today);
  }
}

/** A HyperFormula engine over the whole spreadsheet, built again while a custom function's array size was mispredicted. */
function buildEngine(
  spreadsheet: EmuSpreadsheet, customFunctions: Record<string, CustomFunction>, config: Partial<ConfigParams>, stableClock = false,
): HyperFormula {
  const sizes = new Map<string, ArraySize>();
  const state: CustomFunctionState = { mispredicted: false, updating: false };
  registerCustomFunctions(customFunctions, spreadsheet.timeZone, sizes, state);
  const build = (): HyperFormula => {
    let hf!: HyperFormula;
    for (let attempt = 0; attempt < 6; attempt++) {
      state.mispredicted = false;
      hf = HyperFormula.buildFromSheets(sheetsData(spreadsheet), config);
      hf.addNamedExpression('TRUE', '=TRUE()');
      hf.addNamedExpression('FALSE', '=FALSE()');
      if (!state.mispredicted) break;
      hf.destroy();
    }
    return hf;
  };
  const hf = stableClock ? withStableClock(build) : build();
  engineStates.set(hf, state);
  return hf;
}

/** Each engine's custom-function state, for the incremental engine to see a misprediction during a batch. */
const engineStates = new WeakMap<HyperFormula, CustomFunctionState>();

/** A cell's computed value as Range.getValues gives it. */
function readCell(hf: HyperFormula, sheet: number, row: number, col: number, tz: string): CellValue {
  const addr = { sheet, row, col };
  const v = hf.getCellValue(addr);
  if (v instanceof DetailedCellError) return v.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    const t = hf.getCellValueDetailedType(addr);
    if (t === 'NUMBER_DATE' || t === 'NUMBER_DATETIME') return serialToDate(v, tz);
  }
  return v;
}

function readerOf(hf: HyperFormula, spreadsheet: EmuSpreadsheet): FormulaReader {
  const tz = spreadsheet.timeZone;
  const sheetIdOf = (name: string): number => {
    const id = hf.getSheetId(name);
    if (id === undefined) throw new Error(`No sheet named ${name}`);
    return id;
  };
  const read = (sheet: number, row: number, col: number): CellValue => readCell(hf, sheet, row, col, tz);
  return {
    hf,
    value(sheetName, a1) {
      const g = parseA1(a1, 1, 1);
      return read(sheetIdOf(sheetName), g.row - 1, g.col - 1);
    },
    values(sheetName, a1) {
      const sheet = spreadsheet.sheets.find((s) => s.name === sheetName);
      const g = parseA1(a1, sheet?.maxRows ?? 1000, sheet?.maxCols ?? 26);
      const id = sheetIdOf(sheetName);
      return Array.from({ length: g.numRows }, (_, i) => Array.from({ length: g.numCols }, (_, j) => read(id, g.row - 1 + i, g.col - 1 + j)));
    },
    errors() {
      const out: FormulaError[] = [];
      for (const sheet of spreadsheet.sheets) {
        const id = sheetIdOf(sheet.name);
        sheet.cells.forEach((row, r) => row?.forEach((c, col) => {
          if (!c?.f) return;
          const v = hf.getCellValue({ sheet: id, row: r, col });
          if (v instanceof DetailedCellError) {
            out.push({ sheet: sheet.name, a1: toA1(r + 1, col + 1), formula: c.f, error: v.value, message: v.message });
          }
        }));
      }
      return out;
    },
    applyTo(target = spreadsheet) {
      for (const sheet of target.sheets) {
        const id = hf.getSheetId(sheet.name);
        if (id === undefined) continue;
        for (const row of sheet.cells) for (const [j, c] of (row ?? []).entries()) if (c?.spilled && !c.imported) {
          c.v = '';
          delete c.spilled;
          if (row) row[j] = c.f || c.fmt || c.style || c.dv || c.note ? c : undefined;
        }
        const dims = hf.getSheetDimensions(id);
        for (let r = 0; r < dims.height; r++) {
          for (let col = 0; col < dims.width; col++) {
            const cell = sheet.cellAt(r + 1, col + 1);
            if (cell?.imported || (cell?.f && isImport(cell.f))) continue;
            if (cell?.f) {
              cell.v = read(id, r, col);
            } else if ((!cell || cell.v === '') && hf.isCellPartOfArray({ sheet: id, row: r, col })) {
              const v = read(id, r, col);
              if (v !== '') {
                const c = sheet.cellFor(r + 1, col + 1);
                c.v = v;
                c.spilled = true;
              }
            }
          }
        }
      }
    },
  };
}

/** Evaluates every formula of the spreadsheet from scratch (a new engine each call; see FormulaEngine to keep one). */
export function evaluateFormulas(spreadsheet: EmuSpreadsheet, customFunctions: Record<string, CustomFunction> = {}): FormulaReader {
  return readerOf(buildEngine(spreadsheet, customFunctions, GOOGLE_SHEETS_CONFIG), spreadsheet);
}

/** A stored cell as the engine last saw it: after a recalculation, what the cell held (its object and fields). */
interface Seen {
  cell: Cell;
  v: CellValue;
  f: string | undefined;
  spilled: boolean;
  imported: boolean;
  key: InputKey;
}

/** What a recalculation depends on beyond the cells: a change here means a new engine. */
export interface RecalcBasis {
  /** The custom functions (changes when a bundle is loaded or host functions defined). */
  customFunctions: Record<string, CustomFunction>;
  functionsVersion: number;
  /** TODAY() in the spreadsheet's zone (yyyy-mm-dd): a new day recomputes the formulas that call TODAY or NOW. */
  today: string;
}

interface SheetShape {
  sheet: EmuSheet;
  name: string;
  cells: EmuSheet['cells'];
  structureVersion: number;
  id: number;
}

/** A formula whose value depends on the date: TODAY and NOW (not volatile here; see withStableClock). */
const CLOCK_FORMULA = /\b(?:TODAY|NOW)\s*\(/i;

/** What HyperFormula shows in an array formula's cell when a value is in the array's way. */
const SPILL = '#SPILL!';

/** Columns per row in a cell's number (a sheet has at most 18,278 columns). */
const COLS = 32768;

/**
 * Keeps one HyperFormula engine for a spreadsheet between recalculations, as Sheets keeps its computed values.
 * A recalculation compares every stored cell with what the engine was last given (the cell object and its value,
 * formula and spill marks: a few comparisons per cell, whichever way it was changed — a Range method, a copy, a
 * host helper) and hands HyperFormula only the cells that changed, in one batch (on a new day, also every formula
 * that calls TODAY or NOW); then it writes back the cells HyperFormula reports changed, the cells it was given, and
 * the cells an array formula spilled (a blocked array leaves them without reporting them). Sheets added are added to the engine. It builds a new engine from the
 * whole spreadsheet when anything else changed: the sheets (removed, renamed, copied over), a sheet's rows or columns (inserted,
 * deleted, cleared), the custom functions (a bundle loaded), the time zone, a custom function's
 * array size (HyperFormula fixes it when it parses the formula), or a change while an array shows #SPILL!.
 * test/node/recalculation.test.ts checks it against a new engine per recalculation on random sequences of changes.
 */
export class FormulaEngine {
  private hf: HyperFormula | null = null;
  private reader: FormulaReader | null = null;
  private basis: (RecalcBasis & { timeZone: string; sheets: SheetShape[] }) | null = null;
  private seen = new Map<EmuSheet, Array<Array<Seen | undefined> | undefined>>();
  /**
   * Formula cells showing #SPILL! (an array with a value in its way). HyperFormula does not spill the array again
   * when the way is cleared, so any change while one shows means a new engine.
   */
  private blocked = new Set<string>();
  /** How recalculations went (tests check the incremental path is taken). */
  readonly stats = { rebuilds: 0, updates: 0, unchanged: 0 };

  constructor(private readonly spreadsheet: EmuSpreadsheet) {}

  /** Brings every computed value up to date; `incremental: false` always builds a new engine. */
  recalculate(basis: RecalcBasis, incremental = true): FormulaReader {
    const added = incremental && this.hf && this.reader ? this.addedSheets(basis) : null;
    if (added) {
      const reader = this.update(added, basis.today !== this.basis!.today);
      if (reader) {
        this.basis!.today = basis.today;
        return reader;
      }
    }
    return this.rebuild(basis);
  }

  /** Frees the engine. */
  destroy(): void {
    this.hf?.destroy();
    this.hf = null;
    this.reader = null;
    this.basis = null;
    this.seen.clear();
    this.blocked.clear();
  }

  private shapes(): Omit<SheetShape, 'id'>[] {
    return this.spreadsheet.sheets.map((sheet) => ({ sheet, name: sheet.name, cells: sheet.cells, structureVersion: sheet.structureVersion }));
  }

  /**
   * The sheets added since the last recalculation, when that is all that changed beyond cells (HyperFormula
   * resolves formulas that named a sheet before it existed); null when only a new engine will do.
   */
  private addedSheets(basis: RecalcBasis): EmuSheet[] | null {
    const b = this.basis;
    if (!b || b.customFunctions !== basis.customFunctions || b.functionsVersion !== basis.functionsVersion) return null;
    if (b.timeZone !== this.spreadsheet.timeZone) return null;
    const sheets = this.spreadsheet.sheets;
    const kept = b.sheets.every((s) => sheets.includes(s.sheet) && s.name === s.sheet.name && s.cells === s.sheet.cells && s.structureVersion === s.sheet.structureVersion);
    return kept ? sheets.filter((sheet) => !b.sheets.some((s) => s.sheet === sheet)) : null;
  }

  private rebuild(basis: RecalcBasis): FormulaReader {
    this.destroy();
    const hf = buildEngine(this.spreadsheet, basis.customFunctions, { ...GOOGLE_SHEETS_CONFIG, undoLimit: 0 }, true);
    const reader = readerOf(hf, this.spreadsheet);
    reader.applyTo();
    this.hf = hf;
    this.reader = reader;
    this.basis = {
      ...basis, timeZone: this.spreadsheet.timeZone,
      sheets: this.shapes().map((s) => ({ ...s, id: hf.getSheetId(s.name)! })),
    };
    for (const sheet of this.spreadsheet.sheets) {
      const seen: Array<Array<Seen | undefined> | undefined> = [];
      sheet.cells.forEach((row, r) => row?.forEach((cell, c) => {
        if (cell) (seen[r] ??= [])[c] = FormulaEngine.see(cell);
        if (cell?.f && cell.v === SPILL) this.blocked.add(`${sheet.sheetId}:${r}:${c}`);
      }));
      this.seen.set(sheet, seen);
    }
    this.stats.rebuilds++;
    return reader;
  }

  private static see(cell: Cell): Seen {
    return { cell, v: cell.v, f: cell.f, spilled: !!cell.spilled, imported: !!cell.imported, key: inputKey(cell) };
  }

  /** Applies what changed since the last recalculation (`newDay`: the date too); null when only a new engine will do. */
  private update(added: EmuSheet[], newDay: boolean): FormulaReader | null {
    const hf = this.hf!;
    const tz = this.spreadsheet.timeZone;
    if (added.length && this.blocked.size) return null;
    const state = engineStates.get(hf)!;
    /** Runs HyperFormula operations as one batch; the cells whose values changed, or null when a new engine is needed. */
    const batch = (operations: () => void): ExportedCellChange[] | null => {
      state.mispredicted = false;
      state.updating = true;
      try {
        const changes = hf.batch(operations);
        return state.mispredicted ? null : changes.filter((c): c is ExportedCellChange => c instanceof ExportedCellChange);
      } catch {
        return null;
      } finally {
        state.updating = false;
      }
    };
    // Sheets added are added empty first (formulas that named them find them), then filled by the batch of cells
    // below: every stored cell of theirs is new to the engine.
    const sheetChanges = added.length === 0 ? [] : batch(() => {
      for (const sheet of added) {
        const name = hf.addSheet(sheet.name);
        this.basis!.sheets.push({ sheet, name: sheet.name, cells: sheet.cells, structureVersion: sheet.structureVersion, id: hf.getSheetId(name)! });
        this.seen.set(sheet, []);
      }
    });
    if (!sheetChanges) return null;
    const inputs: { id: number; row: number; col: number; content: RawCellContent }[] = [];
    const touched = new Map<number, Set<number>>();
    const mark = (id: number, row: number, col: number): void => {
      let set = touched.get(id);
      if (!set) touched.set(id, (set = new Set()));
      set.add(row * COLS + col);
    };
    for (const shape of this.basis!.sheets) {
      const { sheet, id } = shape;
      const seen = this.seen.get(sheet)!;
      const cells = sheet.cells;
      const rows = Math.max(cells.length, seen.length);
      for (let r = 0; r < rows; r++) {
        const line = cells[r];
        const seenLine = seen[r];
        if (!line && !seenLine) continue;
        const cols = Math.max(line?.length ?? 0, seenLine?.length ?? 0);
        for (let c = 0; c < cols; c++) {
          const cell = line?.[c];
          const was = seenLine?.[c];
          if (cell === undefined && was === undefined) continue;
          if (cell !== undefined && was !== undefined && cell === was.cell && cell.v === was.v && cell.f === was.f &&
            !!cell.spilled === was.spilled && !!cell.imported === was.imported) {
            // An array formula's spilled value: written back each time (a value typed into the array's way blocks it).
            if (was.spilled && !was.imported) mark(id, r, c);
            continue;
          }
          const key = inputKey(cell);
          if (key !== (was?.key ?? null)) inputs.push({ id, row: r, col: c, content: cellInput(cell, tz) });
          mark(id, r, c);
        }
      }
      if (newDay) {
        // Given again, an unchanged formula that calls TODAY or NOW is evaluated at the new date, and so is what depends on it.
        for (let r = 0; r < seen.length; r++) seen[r]?.forEach((was, c) => {
          if (!was?.f || was.key !== was.f || !CLOCK_FORMULA.test(was.f) || was.cell !== cells[r]?.[c] || was.f !== was.cell.f) return;
          inputs.push({ id, row: r, col: c, content: was.f });
          mark(id, r, c);
        });
      }
    }
    if (inputs.length === 0 && touched.size === 0 && sheetChanges.length === 0) {
      this.stats.unchanged++;
      return this.reader;
    }
    if (inputs.length && this.blocked.size) return null;
    const cellChanges = inputs.length === 0 ? [] : batch(() => {
      for (const i of inputs) hf.setCellContents({ sheet: i.id, row: i.row, col: i.col }, i.content);
    });
    if (!cellChanges) return null;
    for (const change of [...sheetChanges, ...cellChanges]) mark(change.address.sheet, change.address.row, change.address.col);
    // HyperFormula reports an array formula's error (#CYCLE!, say) at its cell only, though the array shows it in
    // every cell: each formula cell written back brings the cells of its array along.
    for (const [id, set] of touched) {
      for (const n of [...set]) {
        const r = Math.floor(n / COLS);
        const c = n % COLS;
        if (hf.getCellType({ sheet: id, row: r, col: c }) !== CellType.ARRAYFORMULA) continue;
        let width = 1;
        while (hf.getCellType({ sheet: id, row: r, col: c + width }) === CellType.ARRAY) width++;
        let height = 1;
        while (hf.getCellType({ sheet: id, row: r + height, col: c }) === CellType.ARRAY) height++;
        for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) set.add((r + i) * COLS + c + j);
      }
    }
    const byId = new Map(this.basis!.sheets.map((s) => [s.id, s.sheet]));
    for (const [id, set] of touched) {
      const sheet = byId.get(id);
      if (!sheet) continue;
      const seen = this.seen.get(sheet)!;
      for (const n of set) {
        const r = Math.floor(n / COLS);
        const c = n % COLS;
        const cell = this.applyCell(sheet, id, r, c, tz);
        if (cell) (seen[r] ??= [])[c] = FormulaEngine.see(cell);
        else if (seen[r]) seen[r]![c] = undefined;
        if (cell?.f && cell.v === SPILL) this.blocked.add(`${sheet.sheetId}:${r}:${c}`);
      }
    }
    this.stats.updates++;
    return this.reader;
  }

  /** One cell as FormulaReader.applyTo leaves it (0-based row and column); returns the stored cell, if any. */
  private applyCell(sheet: EmuSheet, id: number, r: number, col: number, tz: string): Cell | undefined {
    const hf = this.hf!;
    const row = sheet.cells[r];
    let cell = row?.[col];
    if (cell?.spilled && !cell.imported) {
      cell.v = '';
      delete cell.spilled;
      if (!(cell.f || cell.fmt || cell.style || cell.dv || cell.note)) {
        row![col] = undefined;
        cell = undefined;
      }
    }
    if (cell?.imported || (cell?.f && isImport(cell.f))) return cell;
    if (cell?.f) {
      cell.v = readCell(hf, id, r, col, tz);
    } else if ((!cell || cell.v === '') && hf.isCellPartOfArray({ sheet: id, row: r, col })) {
      const v = readCell(hf, id, r, col, tz);
      if (v !== '') {
        cell = sheet.cellFor(r + 1, col + 1);
        cell.v = v;
        cell.spilled = true;
      }
    }
    return cell;
  }
}
