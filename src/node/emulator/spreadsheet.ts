/** SpreadsheetApp's Spreadsheet, Sheet and Range, data validation and conditional format rules. */
import { columnToLetters, parseA1, toA1 } from './a1';
import { EmuEmbeddedChart, EmuEmbeddedChartBuilder, SheetCharts } from './embeddedCharts';
import { displayValue } from './format';
import { parseUserEntered } from './userEntered';
import { EmuProtection, ProtectionType } from './protection';
import type { Returning, Runtime } from './runtime';
import type { UiRecorder } from './ui';

type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GDataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GCFRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GCFRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

export type CellValue = string | number | boolean | Date;

/** One stored cell. A formula cell's `v` is its last computed value ('' until known). */
export interface Cell {
  v: CellValue;
  f?: string;
  fmt?: string;
  dv?: EmuDataValidation;
  note?: string;
  style?: Record<string, string | number | boolean>;
  /** A value spilled by an array formula elsewhere (set by formulas.applyTo; not user content). */
  spilled?: boolean;
  /** A spilled value that IMPORTRANGE brought in from another spreadsheet (SheetsWorld), not computed here. */
  imported?: boolean;
}

/** Errors Apps Script throws, verbatim. */
export const SheetErrors = {
  duplicateSheet: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  colsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  outOfBounds: 'The coordinates of the range are outside the dimensions of the sheet.',
  rowTooSmall: 'The starting row of the range is too small.',
  colTooSmall: 'The starting column of the range is too small.',
  numRowsTooSmall: 'The number of rows in the range must be at least 1.',
  numColsTooSmall: 'The number of columns in the range must be at least 1.',
};

/** Environment the spreadsheet objects need. */
export interface SheetEnv {
  rt: Runtime;
  ui: UiRecorder;
  /** 'grow' (default): writing beyond getMaxRows()/getMaxColumns() grows the sheet; 'strict': throws like Sheets. */
  sheetBounds: 'grow' | 'strict';
  onCopy: (ss: EmuSpreadsheet) => void;
  registerFile: (id: string, name: string, mimeType: string, url: string) => void;
  /** Called before a read: brings computed formula values up to date, as Sheets always shows them current. */
  beforeRead?: (range: EmuRange) => void;
  /**
   * Throws Apps Script's error when the effective user may not change these cells (protections);
   * `structural`: the sheet itself changes (rows inserted or deleted, renamed, cleared), which only a sheet
   * protection guards.
   */
  beforeWrite?: (sheet: EmuSheet, row: number, col: number, numRows: number, numCols: number, structural?: boolean) => void;
  /** The effective user's email (a protection's creator becomes its editor). */
  user?: () => string;
}

function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

function cloneValue(v: CellValue): CellValue {
  return isDate(v) ? new Date(v.getTime()) : v;
}

/**
 * What Sheets stores when a script writes `value` (setValue/setValues, appendRow): '=…' becomes a formula,
 * a leading apostrophe forces text, other strings are read as a person's typing (USER_ENTERED, see
 * userEntered.ts) unless the cell's number format is '@' plain text; null/undefined clear the cell.
 * `fmt` is the number format Sheets gives a cell whose automatic format a parsed value sets (a date, 12%).
 */
export function coerceWrite(
  value: unknown, numberFormat: string | undefined, where: { locale: string; timeZone: string } = { locale: 'en_US', timeZone: 'UTC' },
): { v: CellValue; f?: string; fmt?: string } {
  if (value === null || value === undefined) return { v: '' };
  if (typeof value === 'number' || typeof value === 'boolean') return { v: value };
  if (isDate(value)) return { v: new Date(value.getTime()) };
  const s = typeof value === 'string' ? value : String(value);
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (numberFormat === '@') return { v: s };
  if (s.length > 1 && s.startsWith('=')) return { v: '', f: s };
  const parsed = parseUserEntered(s, where.locale, where.timeZone);
  if (parsed === null) return { v: s };
  return parsed.fmt !== undefined && (numberFormat === undefined || numberFormat === 'General') ? { v: parsed.v, fmt: parsed.fmt } : { v: parsed.v };
}

/** Stores a written value in a cell the way Sheets does (see coerceWrite). */
function store(cell: Cell, value: unknown, sheet: EmuSheet): void {
  const w = coerceWrite(value, cell.fmt, { locale: sheet.parent.locale, timeZone: sheet.parent.timeZone });
  // Written content, no longer an array's spilled value: the array is blocked (Sheets shows #REF! there).
  delete cell.spilled;
  cell.v = w.v;
  if (w.f !== undefined) cell.f = w.f;
  else delete cell.f;
  if (w.fmt !== undefined) cell.fmt = w.fmt;
}

/* ------------------------------------------------------------------ data validation */

export type DataValidationSlice = Pick<GDataValidation, 'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText'>;

export const DataValidationCriteria = {
  DATE_AFTER: 'DATE_AFTER', DATE_BEFORE: 'DATE_BEFORE', DATE_BETWEEN: 'DATE_BETWEEN', DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE', DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN', DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE', NUMBER_BETWEEN: 'NUMBER_BETWEEN', NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN', NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN', NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN', NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO', TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN', TEXT_EQUAL_TO: 'TEXT_EQUAL_TO', TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL', VALUE_IN_LIST: 'VALUE_IN_LIST', VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA', CHECKBOX: 'CHECKBOX',
} as const;

export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY', CELL_NOT_EMPTY: 'CELL_NOT_EMPTY', DATE_AFTER: 'DATE_AFTER', DATE_BEFORE: 'DATE_BEFORE',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO', NUMBER_BETWEEN: 'NUMBER_BETWEEN', NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN', NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN', NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS', TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN', TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH', TEXT_ENDS_WITH: 'TEXT_ENDS_WITH', CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

export class EmuDataValidation implements DataValidationSlice {
  constructor(
    private readonly rt: Runtime,
    readonly criteriaType: string,
    readonly criteriaValues: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    this.rt.hit('DataValidation.getCriteriaType');
    return this.criteriaType as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): unknown[] {
    this.rt.hit('DataValidation.getCriteriaValues');
    return [...this.criteriaValues];
  }
  getAllowInvalid(): boolean {
    this.rt.hit('DataValidation.getAllowInvalid');
    return this.allowInvalid;
  }
  getHelpText(): string {
    this.rt.hit('DataValidation.getHelpText');
    return this.helpText;
  }
  copy(): EmuDataValidationBuilder {
    this.rt.hit('DataValidation.copy');
    const b = new EmuDataValidationBuilder(this.rt);
    b.state = { type: this.criteriaType, values: [...this.criteriaValues], allowInvalid: this.allowInvalid, helpText: this.helpText };
    return b;
  }
  /** The list of allowed values for VALUE_IN_LIST (host helper, not counted). */
  listValues(): string[] | null {
    return this.criteriaType === 'VALUE_IN_LIST' ? ((this.criteriaValues[0] as string[]) ?? []).map(String) : null;
  }
}

export type DataValidationBuilderSlice = Returning<GDataValidationBuilder,
  'requireValueInList' | 'requireNumberBetween' | 'requireNumberGreaterThanOrEqualTo' | 'requireNumberLessThanOrEqualTo' |
  'requireDate' | 'requireCheckbox' | 'requireFormulaSatisfied' | 'requireTextIsEmail' | 'setAllowInvalid' | 'setHelpText',
  EmuDataValidationBuilder> & Returning<GDataValidationBuilder, 'build', EmuDataValidation>;

export class EmuDataValidationBuilder implements DataValidationBuilderSlice {
  state: { type: string; values: unknown[]; allowInvalid: boolean; helpText: string } = {
    type: '', values: [], allowInvalid: true, helpText: '',
  };
  constructor(private readonly rt: Runtime) {}
  private crit(method: string, type: string, values: unknown[]): this {
    this.rt.hit(`DataValidationBuilder.${method}`);
    this.state.type = type;
    this.state.values = values;
    return this;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    return this.crit('requireValueInList', 'VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.crit('requireNumberBetween', 'NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.crit('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.crit('requireNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireDate(): this {
    return this.crit('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireCheckbox(): this {
    return this.crit('requireCheckbox', 'CHECKBOX', []);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.crit('requireFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }
  requireTextIsEmail(): this {
    return this.crit('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.rt.hit('DataValidationBuilder.setAllowInvalid');
    this.state.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): this {
    this.rt.hit('DataValidationBuilder.setHelpText');
    this.state.helpText = helpText;
    return this;
  }
  build(): EmuDataValidation {
    this.rt.hit('DataValidationBuilder.build');
    if (!this.state.type) throw new Error('You must specify a criteria before building the data validation rule.');
    return new EmuDataValidation(this.rt, this.state.type, this.state.values, this.state.allowInvalid, this.state.helpText);
  }
}

/* ------------------------------------------------------------------ conditional format rules */

export class EmuBooleanCondition {
  constructor(
    private readonly rt: Runtime,
    readonly criteriaType: string,
    readonly criteriaValues: unknown[],
    readonly background: string | null,
    readonly fontColor: string | null,
    readonly bold: boolean | null,
  ) {}
  getCriteriaType(): string {
    this.rt.hit('BooleanCondition.getCriteriaType');
    return this.criteriaType;
  }
  getCriteriaValues(): unknown[] {
    this.rt.hit('BooleanCondition.getCriteriaValues');
    return [...this.criteriaValues];
  }
  getBackground(): string | null {
    this.rt.hit('BooleanCondition.getBackground');
    return this.background;
  }
  getFontColor(): string | null {
    this.rt.hit('BooleanCondition.getFontColor');
    return this.fontColor;
  }
}

export type ConditionalFormatRuleSlice = Returning<GCFRule, 'getRanges', EmuRange[]> & Returning<GCFRule, 'getBooleanCondition', EmuBooleanCondition | null>;

export class EmuConditionalFormatRule implements ConditionalFormatRuleSlice {
  constructor(private readonly rt: Runtime, readonly ranges: EmuRange[], readonly condition: EmuBooleanCondition) {}
  getRanges(): EmuRange[] {
    this.rt.hit('ConditionalFormatRule.getRanges');
    return [...this.ranges];
  }
  getBooleanCondition(): EmuBooleanCondition | null {
    this.rt.hit('ConditionalFormatRule.getBooleanCondition');
    return this.condition;
  }
}

export type ConditionalFormatRuleBuilderSlice = Returning<GCFRuleBuilder,
  'whenTextEqualTo' | 'whenTextContains' | 'whenFormulaSatisfied' | 'whenCellEmpty' | 'whenCellNotEmpty' | 'whenNumberLessThan' |
  'whenNumberGreaterThan' | 'whenNumberBetween' | 'setBackground' | 'setFontColor' | 'setBold' | 'setRanges',
  EmuConditionalFormatRuleBuilder> & Returning<GCFRuleBuilder, 'build', EmuConditionalFormatRule>;

export class EmuConditionalFormatRuleBuilder implements ConditionalFormatRuleBuilderSlice {
  private type = '';
  private values: unknown[] = [];
  private background: string | null = null;
  private fontColor: string | null = null;
  private bold: boolean | null = null;
  private ranges: EmuRange[] = [];
  constructor(private readonly rt: Runtime) {}
  private when(method: string, type: string, values: unknown[]): this {
    this.rt.hit(`ConditionalFormatRuleBuilder.${method}`);
    this.type = type;
    this.values = values;
    return this;
  }
  whenTextEqualTo(text: string): this {
    return this.when('whenTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }
  /** Newer Apps Script: any of the texts. */
  whenTextEqualToAny(texts: string[]): this {
    return this.when('whenTextEqualToAny', 'TEXT_EQUAL_TO_ANY', [...texts]);
  }
  whenTextContains(text: string): this {
    return this.when('whenTextContains', 'TEXT_CONTAINS', [text]);
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }
  whenCellEmpty(): this {
    return this.when('whenCellEmpty', 'CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this.when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []);
  }
  whenNumberLessThan(n: number): this {
    return this.when('whenNumberLessThan', 'NUMBER_LESS_THAN', [n]);
  }
  whenNumberGreaterThan(n: number): this {
    return this.when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', [n]);
  }
  whenNumberBetween(a: number, b: number): this {
    return this.when('whenNumberBetween', 'NUMBER_BETWEEN', [a, b]);
  }
  setBackground(color: string | null): this {
    this.rt.hit('ConditionalFormatRuleBuilder.setBackground');
    this.background = color;
    return this;
  }
  setFontColor(color: string | null): this {
    this.rt.hit('ConditionalFormatRuleBuilder.setFontColor');
    this.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null): this {
    this.rt.hit('ConditionalFormatRuleBuilder.setBold');
    this.bold = bold;
    return this;
  }
  setRanges(ranges: Array<EmuRange | GRange>): this {
    this.rt.hit('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = ranges as EmuRange[];
    return this;
  }
  build(): EmuConditionalFormatRule {
    this.rt.hit('ConditionalFormatRuleBuilder.build');
    if (!this.type) throw new Error('Conditional format rule must have a condition.');
    return new EmuConditionalFormatRule(this.rt, [...this.ranges],
      new EmuBooleanCondition(this.rt, this.type, this.values, this.background, this.fontColor, this.bold));
  }
}

/* ------------------------------------------------------------------ Range */

export type RangeSlice = Pick<GRange,
  'getValues' | 'getDisplayValues' | 'getValue' | 'getDisplayValue' | 'getFormulas' | 'getFormula' | 'getNumberFormats' |
  'getNumberFormat' | 'getRow' | 'getColumn' | 'getNumRows' | 'getNumColumns' | 'getLastRow' | 'getLastColumn' |
  'getA1Notation' | 'getNote' | 'getBackground' | 'getFontWeight' | 'getFontColor' | 'isBlank'> &
  Returning<GRange,
    'setValues' | 'setValue' | 'setFormulas' | 'setFormula' | 'setNumberFormats' | 'setNumberFormat' | 'setDataValidations' |
    'setDataValidation' | 'setFontWeight' | 'setFontWeights' | 'setBackground' | 'setBackgrounds' | 'setFontColor' | 'setFontColors' | 'setWrap' |
    'setHorizontalAlignment' | 'setVerticalAlignment' | 'setNote' | 'setFontSize' | 'offset' | 'getCell' | 'clearContent' |
    'clear' | 'activate', EmuRange> &
  Returning<GRange, 'getSheet', EmuSheet> &
  Returning<GRange, 'getDataValidations', Array<Array<EmuDataValidation | null>>> &
  Returning<GRange, 'getDataValidation', EmuDataValidation | null>;

export class EmuRange implements RangeSlice {
  constructor(
    readonly sheet: EmuSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}
  private get rt(): Runtime {
    return this.sheet.env.rt;
  }
  /**
   * Whether a formula may compute a cell of this range (host helper): a formula in it, or above or to
   * the left of it (an array formula spills down and right).
   */
  hasComputedCells(): boolean {
    const lastRow = this.row + this.numRows - 1;
    const lastCol = this.col + this.numCols - 1;
    for (let r = 0; r < Math.min(lastRow, this.sheet.cells.length); r++) {
      const line = this.sheet.cells[r];
      if (!line) continue;
      for (let c = 0; c < Math.min(lastCol, line.length); c++) {
        const cell = line[c];
        if (cell && (cell.f || cell.spilled)) return true;
      }
    }
    return false;
  }
  private get cellCount(): number {
    return this.numRows * this.numCols;
  }
  private grid<T>(fn: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const row: T[] = [];
      for (let j = 0; j < this.numCols; j++) row.push(fn(this.sheet.cellAt(this.row + i, this.col + j), this.row + i, this.col + j));
      out.push(row);
    }
    return out;
  }
  private checkShape(data: unknown, what = 'data'): unknown[][] {
    if (!Array.isArray(data)) throw new Error(`Invalid argument: ${what}`);
    if (data.length !== this.numRows) throw new Error(SheetErrors.rowsMismatch(data.length, this.numRows));
    for (const row of data) {
      if (!Array.isArray(row)) throw new Error(`Invalid argument: ${what}`);
      if (row.length !== this.numCols) throw new Error(SheetErrors.colsMismatch(row.length, this.numCols));
    }
    return data as unknown[][];
  }
  private eachWrite(data: unknown[][], fn: (cell: Cell, value: unknown, r: number, c: number) => void): void {
    this.sheet.env.beforeWrite?.(this.sheet, this.row, this.col, this.numRows, this.numCols);
    this.sheet.ensureSize(this.row + this.numRows - 1, this.col + this.numCols - 1);
    for (let i = 0; i < this.numRows; i++) {
      const row = data[i] ?? [];
      for (let j = 0; j < this.numCols; j++) fn(this.sheet.cellFor(this.row + i, this.col + j), row[j], this.row + i, this.col + j);
    }
  }
  private fill<T>(value: T): T[][] {
    return Array.from({ length: this.numRows }, () => Array.from({ length: this.numCols }, () => value));
  }

  getValues(): CellValue[][] {
    this.rt.hit('Range.getValues', this.cellCount, this.sheet.name);
    this.sheet.env.beforeRead?.(this);
    return this.grid((c) => (c ? cloneValue(c.v) : ''));
  }
  getDisplayValues(): string[][] {
    this.rt.hit('Range.getDisplayValues', this.cellCount, this.sheet.name);
    this.sheet.env.beforeRead?.(this);
    const ss = this.sheet.parent;
    return this.grid((c) => (c ? displayValue(c.v, c.fmt ?? 'General', ss.timeZone, ss.locale) : ''));
  }
  getValue(): CellValue {
    this.rt.hit('Range.getValue');
    this.sheet.env.beforeRead?.(this);
    const c = this.sheet.cellAt(this.row, this.col);
    return c ? cloneValue(c.v) : '';
  }
  getDisplayValue(): string {
    this.rt.hit('Range.getDisplayValue');
    this.sheet.env.beforeRead?.(this);
    const c = this.sheet.cellAt(this.row, this.col);
    const ss = this.sheet.parent;
    return c ? displayValue(c.v, c.fmt ?? 'General', ss.timeZone, ss.locale) : '';
  }
  setValues(values: unknown[][]): this {
    this.rt.hit('Range.setValues', Array.isArray(values) ? values.length * this.numCols : 0);
    const data = this.checkShape(values, 'values');
    this.eachWrite(data, (cell, v) => store(cell, v, this.sheet));
    return this;
  }
  setValue(value: unknown): this {
    this.rt.hit('Range.setValue');
    return this.writeAll((cell) => store(cell, value, this.sheet));
  }
  private writeAll(fn: (cell: Cell) => void): this {
    this.eachWrite(this.fill(undefined), (cell) => fn(cell));
    return this;
  }
  getFormulas(): string[][] {
    this.rt.hit('Range.getFormulas', this.cellCount, this.sheet.name);
    return this.grid((c) => c?.f ?? '');
  }
  getFormula(): string {
    this.rt.hit('Range.getFormula');
    return this.sheet.cellAt(this.row, this.col)?.f ?? '';
  }
  private static applyFormula(cell: Cell, f: unknown, sheet: EmuSheet): void {
    const s = f === null || f === undefined ? '' : String(f);
    delete cell.spilled;
    if (s === '') {
      cell.v = '';
      delete cell.f;
    } else if (s.startsWith('=')) {
      cell.f = s;
      cell.v = '';
    } else {
      store(cell, s, sheet);
    }
  }
  setFormulas(formulas: string[][]): this {
    this.rt.hit('Range.setFormulas', this.cellCount);
    this.eachWrite(this.checkShape(formulas, 'formulas'), (cell, f) => EmuRange.applyFormula(cell, f, this.sheet));
    return this;
  }
  setFormula(formula: string): this {
    this.rt.hit('Range.setFormula');
    return this.writeAll((cell) => EmuRange.applyFormula(cell, formula, this.sheet));
  }
  getNumberFormats(): string[][] {
    this.rt.hit('Range.getNumberFormats', this.cellCount, this.sheet.name);
    return this.grid((c) => c?.fmt ?? 'General');
  }
  getNumberFormat(): string {
    this.rt.hit('Range.getNumberFormat');
    return this.sheet.cellAt(this.row, this.col)?.fmt ?? 'General';
  }
  setNumberFormats(numberFormats: unknown[][]): this {
    this.rt.hit('Range.setNumberFormats', this.cellCount);
    this.eachWrite(this.checkShape(numberFormats, 'numberFormats'), (cell, f) => {
      cell.fmt = String(f);
    });
    return this;
  }
  setNumberFormat(numberFormat: string): this {
    this.rt.hit('Range.setNumberFormat');
    return this.writeAll((cell) => {
      cell.fmt = numberFormat;
    });
  }
  getDataValidations(): Array<Array<EmuDataValidation | null>> {
    this.rt.hit('Range.getDataValidations', this.cellCount);
    return this.grid((c) => c?.dv ?? null);
  }
  getDataValidation(): EmuDataValidation | null {
    this.rt.hit('Range.getDataValidation');
    return this.sheet.cellAt(this.row, this.col)?.dv ?? null;
  }
  setDataValidations(rules: Array<Array<EmuDataValidation | GDataValidation | null>>): this {
    this.rt.hit('Range.setDataValidations', this.cellCount);
    this.eachWrite(this.checkShape(rules, 'rules'), (cell, r) => {
      if (r) cell.dv = r as EmuDataValidation;
      else delete cell.dv;
    });
    return this;
  }
  setDataValidation(rule: EmuDataValidation | GDataValidation | null): this {
    this.rt.hit('Range.setDataValidation');
    return this.writeAll((cell) => {
      if (rule) cell.dv = rule as EmuDataValidation;
      else delete cell.dv;
    });
  }
  private styleGet(key: string, dflt: string): string {
    const v = this.sheet.cellAt(this.row, this.col)?.style?.[key];
    return v === undefined ? dflt : String(v);
  }
  private styleSet(method: string, key: string, value: string | number | boolean | null): this {
    this.rt.hit(`Range.${method}`);
    return this.writeAll((cell) => {
      cell.style ??= {};
      if (value === null) delete cell.style[key];
      else cell.style[key] = value;
    });
  }
  private stylesSet(method: string, key: string, values: unknown[][]): this {
    this.rt.hit(`Range.${method}`, this.cellCount);
    this.eachWrite(this.checkShape(values), (cell, v) => {
      cell.style ??= {};
      if (v === null || v === undefined) delete cell.style[key];
      else cell.style[key] = v as string;
    });
    return this;
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): this {
    return this.styleSet('setFontWeight', 'fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): this {
    return this.stylesSet('setFontWeights', 'fontWeight', fontWeights);
  }
  getFontWeight(): 'bold' | 'normal' {
    this.rt.hit('Range.getFontWeight');
    return this.styleGet('fontWeight', 'normal') === 'bold' ? 'bold' : 'normal';
  }
  setBackground(color: string | null): this {
    return this.styleSet('setBackground', 'background', color);
  }
  setBackgrounds(color: Array<Array<string | null>>): this {
    return this.stylesSet('setBackgrounds', 'background', color);
  }
  getBackground(): string {
    this.rt.hit('Range.getBackground');
    return this.styleGet('background', '#ffffff');
  }
  setFontColor(color: string | null): this {
    return this.styleSet('setFontColor', 'fontColor', color);
  }
  setFontColors(colors: unknown[][]): this {
    return this.stylesSet('setFontColors', 'fontColor', colors as Array<Array<string | null>>);
  }
  getFontColor(): string {
    this.rt.hit('Range.getFontColor');
    return this.styleGet('fontColor', '#000000');
  }
  setFontSize(size: number): this {
    return this.styleSet('setFontSize', 'fontSize', size);
  }
  setWrap(isWrapEnabled: boolean): this {
    return this.styleSet('setWrap', 'wrap', isWrapEnabled);
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): this {
    return this.styleSet('setHorizontalAlignment', 'horizontalAlignment', alignment);
  }
  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): this {
    return this.styleSet('setVerticalAlignment', 'verticalAlignment', alignment);
  }
  setNote(note: string | null): this {
    this.rt.hit('Range.setNote');
    return this.writeAll((cell) => {
      if (note) cell.note = note;
      else delete cell.note;
    });
  }
  getNote(): string {
    this.rt.hit('Range.getNote');
    return this.sheet.cellAt(this.row, this.col)?.note ?? '';
  }
  isBlank(): boolean {
    this.rt.hit('Range.isBlank');
    return this.grid((c) => !c || (c.v === '' && !c.f)).every((r) => r.every(Boolean));
  }
  clearContent(): this {
    this.rt.hit('Range.clearContent');
    return this.writeAll((cell) => {
      cell.v = '';
      delete cell.f;
    });
  }
  clear(): this {
    this.rt.hit('Range.clear');
    return this.writeAll((cell) => {
      cell.v = '';
      delete cell.f;
      delete cell.fmt;
      delete cell.style;
      delete cell.note;
    });
  }
  activate(): this {
    this.rt.hit('Range.activate');
    this.sheet.parent.activeSheet = this.sheet;
    return this;
  }
  getRow(): number {
    this.rt.hit('Range.getRow');
    return this.row;
  }
  getColumn(): number {
    this.rt.hit('Range.getColumn');
    return this.col;
  }
  getNumRows(): number {
    this.rt.hit('Range.getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.rt.hit('Range.getNumColumns');
    return this.numCols;
  }
  getLastRow(): number {
    this.rt.hit('Range.getLastRow');
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    this.rt.hit('Range.getLastColumn');
    return this.col + this.numCols - 1;
  }
  getA1Notation(): string {
    this.rt.hit('Range.getA1Notation');
    return this.a1();
  }
  /** A1 notation without counting (host helper). */
  a1(): string {
    return toA1(this.row, this.col, this.numRows, this.numCols);
  }
  getSheet(): EmuSheet {
    this.rt.hit('Range.getSheet');
    return this.sheet;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): EmuRange {
    this.rt.hit('Range.offset');
    return this.sheet.makeRange(this.row + rowOffset, this.col + columnOffset, numRows ?? this.numRows, numColumns ?? this.numCols);
  }
  /**
   * Range.copyTo(destination): copies everything (values, formulas, number formats, notes, data validation,
   * styles) to the destination, following its size as Sheets does (gas-fakes test/testsheets.js "Range.copyTo",
   * test/testassist.js prepareTarget): a destination smaller than the source still receives the whole source;
   * a larger one is filled with as many whole copies of the source as fit in each direction (at least one).
   * Both ranges must be in the same spreadsheet. Not modelled: the copyPasteType/options overloads and moving
   * relative references in formulas (copying a formula cell to another position throws instead).
   */
  copyTo(destination: EmuRange | GRange, ...rest: unknown[]): void {
    this.rt.hit('Range.copyTo', this.cellCount);
    if (rest.length > 0) throw new Error('Emulator: Range.copyTo with a paste type or options is not modelled.');
    const target = destination as EmuRange;
    if (!(target instanceof EmuRange)) throw new Error("Exception: The parameters (String) don't match the method signature for SpreadsheetApp.Range.copyTo.");
    if (target.sheet.parent !== this.sheet.parent) throw new Error('Target range and source range must be on the same spreadsheet.');
    const rows = Math.max(1, Math.floor(target.numRows / this.numRows)) * this.numRows;
    const cols = Math.max(1, Math.floor(target.numCols / this.numCols)) * this.numCols;
    const moved = target.row !== this.row || target.col !== this.col || rows !== this.numRows || cols !== this.numCols;
    const source = this.grid((c) => c);
    if (moved && source.some((line) => line.some((c) => c?.f !== undefined))) {
      throw new Error('Emulator: Range.copyTo of formulas to another position (relative references move) is not modelled.');
    }
    target.sheet.env.beforeWrite?.(target.sheet, target.row, target.col, rows, cols);
    target.sheet.ensureSize(target.row + rows - 1, target.col + cols - 1);
    for (let i = 0; i < rows; i++) {
      const r = target.row + i - 1;
      const row = target.sheet.cells[r] ?? (target.sheet.cells[r] = []);
      for (let j = 0; j < cols; j++) {
        const c = source[i % this.numRows]?.[j % this.numCols];
        row[target.col + j - 1] = c ? { ...c, v: cloneValue(c.v), ...(c.style ? { style: { ...c.style } } : {}) } : undefined;
      }
    }
  }

  /** Protects this range: the spreadsheet's owner and the creator (an editor) can still edit it. */
  protect(): EmuProtection {
    this.rt.hit('Range.protect');
    return this.sheet.parent.addProtection(new EmuProtection(this.rt, 'RANGE', this.sheet, this, this.sheet.env.user?.() ?? ''));
  }
  getCell(row: number, column: number): EmuRange {
    this.rt.hit('Range.getCell');
    if (row < 1 || row > this.numRows || column < 1 || column > this.numCols) throw new Error(SheetErrors.outOfBounds);
    return this.sheet.makeRange(this.row + row - 1, this.col + column - 1, 1, 1);
  }
}

/* ------------------------------------------------------------------ Sheet */

export type SheetSlice = Pick<GSheet,
  'getName' | 'getSheetId' | 'getIndex' | 'getLastRow' | 'getLastColumn' | 'getMaxRows' | 'getMaxColumns' |
  'getFrozenRows' | 'getFrozenColumns' | 'isSheetHidden' | 'getTabColor' | 'getColumnWidth' | 'deleteRows' | 'deleteColumns' |
  'hideColumns' | 'showColumns' | 'isColumnHiddenByUser'> &
  Returning<GSheet,
    'setName' | 'setFrozenRows' | 'setFrozenColumns' | 'insertColumnsAfter' | 'insertColumnsBefore' | 'insertRowsAfter' |
    'insertRowsBefore' | 'activate' | 'hideSheet' | 'showSheet' | 'setTabColor' | 'autoResizeColumns' | 'setColumnWidth' |
    'appendRow' | 'clear' | 'clearContents', EmuSheet> &
  Returning<GSheet, 'getDataRange', EmuRange> &
  Returning<GSheet, 'getConditionalFormatRules', EmuConditionalFormatRule[]> &
  Returning<GSheet, 'setConditionalFormatRules', void> &
  Returning<GSheet, 'copyTo', EmuSheet> &
  Returning<GSheet, 'getParent', EmuSpreadsheet>;

export class EmuSheet implements SheetSlice {
  /** cells[row-1][col-1] */
  cells: Array<Array<Cell | undefined> | undefined> = [];
  maxRows = 1000;
  maxCols = 26;
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths = new Map<number, number>();
  /** Columns hidden with hideColumns (1-based). */
  hiddenColumns = new Set<number>();
  cfRules: EmuConditionalFormatRule[] = [];
  /**
   * Counts changes to the sheet's grid as a whole (rows or columns inserted or deleted, the sheet cleared): the
   * formula engine (formulas.ts FormulaEngine) builds itself again after one, rather than follow cells that moved.
   */
  structureVersion = 0;
  /** Charts embedded in the sheet (embeddedCharts.ts). */
  readonly embedded: SheetCharts;

  constructor(readonly env: SheetEnv, public parent: EmuSpreadsheet, public name: string, readonly sheetId: number) {
    this.embedded = new SheetCharts(env.rt);
  }
  newChart(): EmuEmbeddedChartBuilder {
    return this.embedded.newChart();
  }
  insertChart(chart: EmuEmbeddedChart): void {
    this.embedded.insertChart(chart);
  }
  getCharts(): EmuEmbeddedChart[] {
    return this.embedded.getCharts();
  }
  removeChart(chart: EmuEmbeddedChart): void {
    this.embedded.removeChart(chart);
  }
  updateChart(chart: EmuEmbeddedChart): void {
    this.embedded.updateChart(chart);
  }

  private get rt(): Runtime {
    return this.env.rt;
  }
  cellAt(row: number, col: number): Cell | undefined {
    return this.cells[row - 1]?.[col - 1];
  }
  cellFor(row: number, col: number): Cell {
    let r = this.cells[row - 1];
    if (!r) {
      r = [];
      this.cells[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = { v: '' };
      r[col - 1] = c;
    }
    return c;
  }
  ensureSize(row: number, col: number): void {
    if (row <= this.maxRows && col <= this.maxCols) return;
    if (this.env.sheetBounds === 'strict') throw new Error(SheetErrors.outOfBounds);
    this.maxRows = Math.max(this.maxRows, row);
    this.maxCols = Math.max(this.maxCols, col);
  }
  makeRange(row: number, col: number, numRows: number, numCols: number): EmuRange {
    if (!Number.isInteger(row) || row < 1) throw new Error(SheetErrors.rowTooSmall);
    if (!Number.isInteger(col) || col < 1) throw new Error(SheetErrors.colTooSmall);
    if (!Number.isInteger(numRows) || numRows < 1) throw new Error(SheetErrors.numRowsTooSmall);
    if (!Number.isInteger(numCols) || numCols < 1) throw new Error(SheetErrors.numColsTooSmall);
    if (this.env.sheetBounds === 'strict' && (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols)) {
      throw new Error(SheetErrors.outOfBounds);
    }
    return new EmuRange(this, row, col, numRows, numCols);
  }
  private static hasContent(c: Cell | undefined): boolean {
    return !!c && (c.v !== '' || !!c.f);
  }
  /** Last row with a value or formula (host helper, not counted). */
  lastRow(): number {
    for (let r = this.cells.length; r >= 1; r--) if (this.cells[r - 1]?.some(EmuSheet.hasContent)) return r;
    return 0;
  }
  lastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (EmuSheet.hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  getName(): string {
    this.rt.hit('Sheet.getName');
    return this.name;
  }
  /** Protects the whole sheet (setUnprotectedRanges leaves parts open). */
  protect(): EmuProtection {
    this.rt.hit('Sheet.protect');
    return this.parent.addProtection(new EmuProtection(this.rt, 'SHEET', this, null, this.env.user?.() ?? ''));
  }
  /** A change to the sheet as a whole (insert or delete rows and columns, rename, clear): refused on a protected sheet. */
  private structural(): void {
    this.env.beforeWrite?.(this, 1, 1, this.maxRows, this.maxCols, true);
  }
  setName(name: string): this {
    this.rt.hit('Sheet.setName');
    this.structural();
    this.parent.assertNameFree(name, this);
    this.name = name;
    return this;
  }
  getSheetId(): number {
    this.rt.hit('Sheet.getSheetId');
    return this.sheetId;
  }
  getIndex(): number {
    this.rt.hit('Sheet.getIndex');
    return this.parent.sheets.indexOf(this) + 1;
  }
  getParent(): EmuSpreadsheet {
    this.rt.hit('Sheet.getParent');
    return this.parent;
  }
  getLastRow(): number {
    this.rt.hit('Sheet.getLastRow');
    return this.lastRow();
  }
  getLastColumn(): number {
    this.rt.hit('Sheet.getLastColumn');
    return this.lastColumn();
  }
  getMaxRows(): number {
    this.rt.hit('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.rt.hit('Sheet.getMaxColumns');
    return this.maxCols;
  }
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): EmuRange {
    this.rt.hit('Sheet.getRange');
    if (typeof a === 'string') {
      const g = parseA1(a, this.maxRows, this.maxCols);
      if (g.sheetName !== undefined && g.sheetName !== this.name) throw new Error('Range not found');
      return this.makeRange(g.row, g.col, g.numRows, g.numCols);
    }
    if (column === undefined) throw new Error('Exception: The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
    return this.makeRange(a, column, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange(): EmuRange {
    this.rt.hit('Sheet.getDataRange');
    return this.makeRange(1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }
  getFrozenRows(): number {
    this.rt.hit('Sheet.getFrozenRows');
    return this.frozenRows;
  }
  setFrozenRows(rows: number): this {
    this.rt.hit('Sheet.setFrozenRows');
    this.frozenRows = rows;
    return this;
  }
  getFrozenColumns(): number {
    this.rt.hit('Sheet.getFrozenColumns');
    return this.frozenCols;
  }
  setFrozenColumns(columns: number): this {
    this.rt.hit('Sheet.setFrozenColumns');
    this.frozenCols = columns;
    return this;
  }
  private shiftColumns(after: number, n: number): void {
    this.structureVersion++;
    for (const row of this.cells) if (row && row.length > after) row.splice(after, 0, ...new Array<Cell | undefined>(n));
    this.maxCols += n;
  }
  private shiftRows(after: number, n: number): void {
    this.structureVersion++;
    if (this.cells.length > after) this.cells.splice(after, 0, ...new Array<Array<Cell | undefined> | undefined>(n));
    this.maxRows += n;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.rt.hit('Sheet.insertColumnsAfter');
    this.structural();
    this.shiftColumns(afterPosition, howMany);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.rt.hit('Sheet.insertColumnsBefore');
    this.structural();
    this.shiftColumns(beforePosition - 1, howMany);
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.rt.hit('Sheet.insertRowsAfter');
    this.structural();
    this.shiftRows(afterPosition, howMany);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.rt.hit('Sheet.insertRowsBefore');
    this.structural();
    this.shiftRows(beforePosition - 1, howMany);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.rt.hit('Sheet.deleteRows');
    this.structural();
    this.structureVersion++;
    this.cells.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.rt.hit('Sheet.deleteColumns');
    this.structural();
    this.structureVersion++;
    for (const row of this.cells) row?.splice(columnPosition - 1, howMany);
    this.maxCols -= howMany;
  }
  appendRow(rowContents: unknown[]): this {
    this.rt.hit('Sheet.appendRow');
    const row = this.lastRow() + 1;
    this.ensureSize(row, rowContents.length);
    this.env.beforeWrite?.(this, row, 1, 1, Math.max(rowContents.length, 1));
    rowContents.forEach((v, j) => store(this.cellFor(row, j + 1), v, this));
    return this;
  }
  clear(): this {
    this.rt.hit('Sheet.clear');
    this.structural();
    this.structureVersion++;
    this.cells = [];
    return this;
  }
  clearContents(): this {
    this.rt.hit('Sheet.clearContents');
    this.structural();
    this.structureVersion++;
    for (const row of this.cells) for (const c of row ?? []) if (c) {
      c.v = '';
      delete c.f;
    }
    return this;
  }
  getConditionalFormatRules(): EmuConditionalFormatRule[] {
    this.rt.hit('Sheet.getConditionalFormatRules');
    return [...this.cfRules];
  }
  setConditionalFormatRules(rules: Array<EmuConditionalFormatRule | GCFRule>): void {
    this.rt.hit('Sheet.setConditionalFormatRules');
    this.cfRules = [...(rules as EmuConditionalFormatRule[])];
  }
  copyTo(spreadsheet: EmuSpreadsheet | GSpreadsheet): EmuSheet {
    this.rt.hit('Sheet.copyTo');
    const target = spreadsheet as EmuSpreadsheet;
    let name = `Copy of ${this.name}`;
    for (let i = 2; target.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()); i++) name = `Copy ${i} of ${this.name}`;
    const copy = target.addSheet(name, target.sheets.length, false);
    this.cloneInto(copy);
    return copy;
  }
  /** Deep-copies content and formatting into another sheet (host helper). */
  cloneInto(copy: EmuSheet): void {
    copy.cells = this.cells.map((row) => row?.map((c) => (c ? { ...c, v: cloneValue(c.v), ...(c.style ? { style: { ...c.style } } : {}) } : undefined)));
    copy.maxRows = this.maxRows;
    copy.maxCols = this.maxCols;
    copy.frozenRows = this.frozenRows;
    copy.frozenCols = this.frozenCols;
    copy.tabColor = this.tabColor;
    copy.columnWidths = new Map(this.columnWidths);
    copy.hiddenColumns = new Set(this.hiddenColumns);
    copy.cfRules = this.cfRules.map((r) => new EmuConditionalFormatRule(this.rt,
      r.ranges.map((g) => new EmuRange(copy, g.row, g.col, g.numRows, g.numCols)), r.condition));
  }
  activate(): this {
    this.rt.hit('Sheet.activate');
    this.parent.activeSheet = this;
    return this;
  }
  hideSheet(): this {
    this.rt.hit('Sheet.hideSheet');
    this.hidden = true;
    return this;
  }
  showSheet(): this {
    this.rt.hit('Sheet.showSheet');
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.rt.hit('Sheet.isSheetHidden');
    return this.hidden;
  }
  setTabColor(color: string | null): this {
    this.rt.hit('Sheet.setTabColor');
    this.tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    this.rt.hit('Sheet.getTabColor');
    return this.tabColor;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this.rt.hit('Sheet.autoResizeColumns');
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let w = 60;
      for (const row of this.cells) {
        const cell = row?.[c - 1];
        if (cell) w = Math.max(w, Math.min(400, 8 * String(cell.v).length + 12));
      }
      this.columnWidths.set(c, w);
    }
    return this;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.rt.hit('Sheet.setColumnWidth');
    this.columnWidths.set(columnPosition, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.rt.hit('Sheet.getColumnWidth');
    return this.columnWidths.get(columnPosition) ?? 100;
  }
  // Sheet.hideColumns(columnIndex[, numColumns]) / showColumns / isColumnHiddenByUser (developers.google.com/apps-script/reference/spreadsheet/sheet).
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.rt.hit('Sheet.hideColumns');
    this.columnsInGrid(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.rt.hit('Sheet.showColumns');
    this.columnsInGrid(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.rt.hit('Sheet.isColumnHiddenByUser');
    return this.hiddenColumns.has(columnPosition);
  }
  private columnsInGrid(columnIndex: number, numColumns: number): void {
    if (!Number.isInteger(columnIndex) || !Number.isInteger(numColumns) || columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > this.maxCols) {
      throw new Error('Those columns are out of bounds.');
    }
  }
}

/* ------------------------------------------------------------------ Spreadsheet */

export type SpreadsheetSlice = Pick<GSpreadsheet,
  'getId' | 'getName' | 'getUrl' | 'getSpreadsheetTimeZone' | 'setSpreadsheetTimeZone' | 'getSpreadsheetLocale' |
  'setSpreadsheetLocale' | 'toast' | 'getNumSheets' | 'deleteSheet'> &
  Returning<GSpreadsheet, 'getSheets', EmuSheet[]> &
  Returning<GSpreadsheet, 'getSheetByName', EmuSheet | null> &
  Returning<GSpreadsheet, 'getActiveSheet' | 'setActiveSheet', EmuSheet> &
  Returning<GSpreadsheet, 'copy' | 'rename', EmuSpreadsheet> &
  Returning<GSpreadsheet, 'getRange', EmuRange>;

export { ProtectionType };

export class EmuSpreadsheet implements SpreadsheetSlice {
  sheets: EmuSheet[] = [];
  protections: EmuProtection[] = [];
  activeSheet: EmuSheet | null = null;
  private nextSheetId = 0;

  constructor(
    readonly env: SheetEnv,
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
    withDefaultSheet = true,
  ) {
    if (withDefaultSheet) this.addSheet(locale === 'zh_CN' ? '工作表1' : 'Sheet1', 0, true);
  }
  private get rt(): Runtime {
    return this.env.rt;
  }
  assertNameFree(name: string, except?: EmuSheet): void {
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(SheetErrors.duplicateSheet(name));
    }
  }
  /** Adds a sheet (host helper, not counted). */
  addSheet(name: string, index: number, activate: boolean): EmuSheet {
    this.assertNameFree(name);
    const id = this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new EmuSheet(this.env, this, name, id);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    if (activate || !this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }
  addProtection(p: EmuProtection): EmuProtection {
    this.protections.push(p);
    return p;
  }
  dropProtection(p: EmuProtection): void {
    this.protections = this.protections.filter((x) => x !== p);
  }
  /** Protections of one type (SpreadsheetApp.ProtectionType.SHEET or RANGE), in creation order. */
  getProtections(type: string): EmuProtection[] {
    this.rt.hit('Spreadsheet.getProtections');
    return this.protections.filter((p) => p.type === String(type) && this.sheets.includes(p.sheet));
  }
  /** Host helper: sheet by name or throw. */
  sheet(name: string): EmuSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named ${name}`);
    return s;
  }

  getId(): string {
    this.rt.hit('Spreadsheet.getId');
    return this.id;
  }
  getName(): string {
    this.rt.hit('Spreadsheet.getName');
    return this.name;
  }
  rename(newName: string): this {
    this.rt.hit('Spreadsheet.rename');
    this.name = newName;
    return this;
  }
  getUrl(): string {
    this.rt.hit('Spreadsheet.getUrl');
    return this.url();
  }
  url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSheets(): EmuSheet[] {
    this.rt.hit('Spreadsheet.getSheets');
    return [...this.sheets];
  }
  getNumSheets(): number {
    this.rt.hit('Spreadsheet.getNumSheets');
    return this.sheets.length;
  }
  getSheetByName(name: string): EmuSheet | null {
    this.rt.hit('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  insertSheet(a?: string | number | object, b?: number | object): EmuSheet {
    this.rt.hit('Spreadsheet.insertSheet');
    let name: string | undefined;
    let index = this.sheets.length;
    if (typeof a === 'string') name = a;
    if (typeof a === 'number') index = a;
    if (typeof b === 'number') index = b;
    if (name === undefined) {
      let n = this.sheets.length + 1;
      const base = this.locale === 'zh_CN' ? '工作表' : 'Sheet';
      while (this.sheets.some((s) => s.name.toLowerCase() === `${base}${n}`.toLowerCase())) n++;
      name = `${base}${n}`;
    }
    return this.addSheet(name, index, true);
  }
  deleteSheet(sheet: EmuSheet | GSheet): void {
    this.rt.hit('Spreadsheet.deleteSheet');
    const s = sheet as EmuSheet;
    this.env.beforeWrite?.(s, 1, 1, s.maxRows, s.maxCols, true);
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((x) => x !== s);
    if (this.activeSheet === s) this.activeSheet = this.sheets[0] ?? null;
  }
  getActiveSheet(): EmuSheet {
    this.rt.hit('Spreadsheet.getActiveSheet');
    const s = this.activeSheet ?? this.sheets[0];
    if (!s) throw new Error('No sheets');
    return s;
  }
  setActiveSheet(sheet: EmuSheet | GSheet): EmuSheet {
    this.rt.hit('Spreadsheet.setActiveSheet');
    this.activeSheet = sheet as EmuSheet;
    return sheet as EmuSheet;
  }
  getRange(a1Notation: string): EmuRange {
    this.rt.hit('Spreadsheet.getRange');
    const g = parseA1(a1Notation, 1000000, 18278);
    const sheet = g.sheetName !== undefined ? this.sheets.find((s) => s.name === g.sheetName) : this.activeSheet;
    if (!sheet) throw new Error('Range not found');
    const full = parseA1(a1Notation, sheet.maxRows, sheet.maxCols);
    return sheet.makeRange(full.row, full.col, full.numRows, full.numCols);
  }
  getSpreadsheetTimeZone(): string {
    this.rt.hit('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.rt.hit('Spreadsheet.setSpreadsheetTimeZone');
    this.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    this.rt.hit('Spreadsheet.getSpreadsheetLocale');
    return this.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.rt.hit('Spreadsheet.setSpreadsheetLocale');
    this.locale = locale;
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.rt.hit('Spreadsheet.toast');
    this.env.ui.toasts.push({ message: String(msg), title: title ?? '', timeoutSeconds: timeoutSeconds ?? 5, at: this.rt.clock.now() });
  }
  copy(name: string): EmuSpreadsheet {
    this.rt.hit('Spreadsheet.copy');
    const ss = new EmuSpreadsheet(this.env, this.rt.newId('ss'), name, this.timeZone, this.locale, false);
    for (const s of this.sheets) {
      const c = ss.addSheet(s.name, ss.sheets.length, false);
      s.cloneInto(c);
      c.hidden = s.hidden;
    }
    ss.activeSheet = ss.sheets[0] ?? null;
    this.env.registerFile(ss.id, name, 'application/vnd.google-apps.spreadsheet', ss.url());
    this.env.onCopy(ss);
    return ss;
  }
  /** Host helper: a column letter. */
  static col(n: number): string {
    return columnToLetters(n);
  }
}
