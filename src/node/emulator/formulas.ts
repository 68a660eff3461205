/**
 * Evaluates the formulas of an emulated spreadsheet with HyperFormula (GPL-3.0: a development
 * dependency, imported by tests, benchmarks and the demo only), configured as HyperFormula's
 * "Compatibility with Google Sheets" guide says, with the project's custom functions registered
 * as a FunctionPlugin. Ranges reach custom functions as 2-D arrays ('' for empty), like Sheets.
 */
import {
  ArraySize, CellError, DetailedCellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula,
  SimpleRangeValue, type ConfigParams, type ImplementedFunctions, type RawCellContent,
} from 'hyperformula';
import { parseA1, toA1 } from './a1';
import { zonedParts, zonedTimeToDate } from './format';
import type { CellValue, EmuSpreadsheet } from './spreadsheet';

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

export function evaluateFormulas(spreadsheet: EmuSpreadsheet, customFunctions: Record<string, CustomFunction> = {}): FormulaReader {
  const tz = spreadsheet.timeZone;
  const sizes = new Map<string, ArraySize>();
  let mispredicted = false;
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
    proto[method] = function (this: FunctionPlugin & { runFunction: unknown; metadata: (n: string) => unknown; dependencyGraph: { getCellValue(at: unknown): unknown } }, ast: { args: unknown[] }, state: { formulaAddress: { sheet: number; row: number; col: number } }) {
      const run = this.runFunction as (args: unknown[], state: unknown, metadata: unknown, impl: (...a: unknown[]) => unknown) => unknown;
      // HyperFormula hands a single-cell argument over as a bare number; Sheets gives a Date for a date cell.
      const dateRefs = ast.args.map((arg) => {
        const ref = arg as { type?: string; reference?: { toSimpleCellAddress(base: unknown): { sheet: number; row: number; col: number } } };
        if (ref.type !== 'CELL_REFERENCE' || !ref.reference) return false;
        const at = ref.reference.toSimpleCellAddress(state.formulaAddress);
        const value = this.dependencyGraph.getCellValue(at);
        return typeof value === 'object' && value !== null && /^Date(Time)?Number$/.test((value as object).constructor.name);
      });
      return run(ast.args, state, this.metadata(id), (...args: unknown[]) => {
        const err = args.find((a) => a instanceof CellError);
        if (err) return err;
        let out: unknown;
        try {
          out = fn(...args.map((a, i) => (dateRefs[i] && typeof a === 'number' ? serialToDate(a, tz) : toJs(a))));
        } catch (e) {
          return new CellError(ErrorType.ERROR, e instanceof Error ? e.message : String(e));
        }
        if (Array.isArray(out)) {
          const rows = (out.length && out.every((r) => Array.isArray(r)) ? out : out.map((x) => [x])) as unknown[][];
          const width = Math.max(1, ...rows.map((r) => r.length));
          const data = rows.map((r) => Array.from({ length: width }, (_, j) => toHf(r[j])));
          const predicted = sizes.get(keyOf(state.formulaAddress)) ?? ArraySize.scalar();
          if (predicted.width !== width || predicted.height !== rows.length) {
            sizes.set(keyOf(state.formulaAddress), new ArraySize(width, Math.max(1, rows.length)));
            mispredicted = true;
            return data[0]?.[0] ?? EmptyValue;
          }
          return SimpleRangeValue.onlyValues(data as never);
        }
        return toHf(out);
      });
    };
    proto[sizeMethod] = function (_ast: unknown, state: { formulaAddress: { sheet: number; row: number; col: number } }) {
      return sizes.get(keyOf(state.formulaAddress)) ?? ArraySize.scalar();
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

  const sheetsData = (): Record<string, RawCellContent[][]> => {
    const out: Record<string, RawCellContent[][]> = {};
    for (const sheet of spreadsheet.sheets) {
      // Array.from, not map: rows and cells never written are holes in the sparse arrays, and HyperFormula wants dense ones.
      out[sheet.name] = Array.from(sheet.cells, (row) =>
        Array.from(row ?? [], (c): RawCellContent => {
          if (!c || (c.spilled && !c.imported)) return null;
          // IMPORTRANGE is computed by SheetsWorld (importrange.ts): its cells enter as the values it gave.
          if (c.f && !isImport(c.f)) return c.f;
          const v = c.v;
          if (v === '') return null;
          if (typeof v === 'string') return `'${v}`;
          // Given as date text so HyperFormula types it as a date: custom functions then receive a Date, as in Sheets.
          if (isDate(v)) return dateText(v, tz);
          return v;
        }),
      );
    }
    return out;
  };

  let hf!: HyperFormula;
  for (let attempt = 0; attempt < 6; attempt++) {
    mispredicted = false;
    hf = HyperFormula.buildFromSheets(sheetsData(), GOOGLE_SHEETS_CONFIG);
    hf.addNamedExpression('TRUE', '=TRUE()');
    hf.addNamedExpression('FALSE', '=FALSE()');
    if (!mispredicted) break;
    hf.destroy();
  }

  const sheetIdOf = (name: string): number => {
    const id = hf.getSheetId(name);
    if (id === undefined) throw new Error(`No sheet named ${name}`);
    return id;
  };
  const read = (sheet: number, row: number, col: number): CellValue => {
    const addr = { sheet, row, col };
    const v = hf.getCellValue(addr);
    if (v instanceof DetailedCellError) return v.value;
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      const t = hf.getCellValueDetailedType(addr);
      if (t === 'NUMBER_DATE' || t === 'NUMBER_DATETIME') return serialToDate(v, tz);
    }
    return v;
  };

  const reader: FormulaReader = {
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
  return reader;
}
