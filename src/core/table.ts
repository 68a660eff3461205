import { Bilingual } from './i18n';
import { normalizeLabel } from './options';
import { ColumnSpec, TabKey, TabSpec } from './schema';
import { CellValue } from './values';

/** Where each declared column sits in a tab as a person left it (found by header text, never by position). */
export interface HeaderMap {
  /** Column key → 0-based column index. */
  readonly index: ReadonlyMap<string, number>;
  /** Declared columns with no matching header. */
  readonly missing: readonly ColumnSpec[];
  /** Headers a team added that the schema does not declare (kept untouched). */
  readonly extra: readonly { readonly column: number; readonly header: string }[];
}

function names(header: Bilingual): string[] {
  return [header.en, header.zh].map(normalizeLabel);
}

/** True when a header cell names this column in either language (case, spaces and width ignored). */
export function headerMatches(spec: ColumnSpec, cell: CellValue): boolean {
  if (typeof cell !== 'string') return false;
  const text = normalizeLabel(cell);
  return text !== '' && (names(spec.header).includes(text) || normalizeLabel(spec.key) === text);
}

export function mapHeaders(tab: TabSpec, headerRow: readonly CellValue[]): HeaderMap {
  const index = new Map<string, number>();
  const extra: { column: number; header: string }[] = [];
  headerRow.forEach((cell, column) => {
    const spec = tab.columns.find((c) => !index.has(c.key) && headerMatches(c, cell));
    if (spec) index.set(spec.key, column);
    else if (String(cell ?? '').trim() !== '') extra.push({ column, header: String(cell) });
  });
  return { index, missing: tab.columns.filter((c) => !index.has(c.key)), extra };
}

/** One data row as the core sees it: cells by column key, and the sheet row it came from (1-based). */
export interface TableRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export function isBlankCell(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The data rows of a tab read as a whole grid (header row first). Blank rows are skipped; the header
 * is the first row, as the template freezes it.
 */
export function readTable(tab: TabSpec, grid: readonly (readonly CellValue[])[]): { header: HeaderMap; rows: TableRow[] } {
  const header = mapHeaders(tab, grid[0] ?? []);
  const rows: TableRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    const cells: Record<string, CellValue> = {};
    let any = false;
    for (const [key, column] of header.index) {
      const value = line[column];
      cells[key] = value === undefined ? '' : value;
      if (!isBlankCell(value)) any = true;
    }
    if (any) rows.push({ row: r + 1, cells });
  }
  return { header, rows };
}

/** One rectangle of a tab to write with one setValues (row and column 1-based). */
export interface CellWrite {
  readonly tab: TabKey;
  readonly row: number;
  readonly column: number;
  readonly values: CellValue[][];
}

/** Column number (1-based) to its A1 letters. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A range's A1 notation as Range.getA1Notation gives it ("B2", "B2:B40"), computed without a call. */
export function a1Notation(row: number, column: number, rows = 1, columns = 1): string {
  const start = `${columnLetter(column)}${row}`;
  return rows === 1 && columns === 1 ? start : `${start}:${columnLetter(column + columns - 1)}${row + rows - 1}`;
}

/**
 * Text Sheets would not keep as text when a script writes it (setValue/setValues parse a string as if a
 * person typed it): a formula (`=`, `+`, `@`), a number (`1,200`, `12%`, `¥3,500`), a boolean, a date
 * (`2023-07-31`, `7/31/2023`, `2023年7月31日`) or a time (`9:30`).
 */
const SHEETS_WOULD_PARSE = new RegExp([
  '^[=+@]',
  '^\\s*[+-]?[$¥]?\\s*(\\d[\\d,]*\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*%?\\s*$',
  '^\\s*(true|false)\\s*$',
  '^\\s*\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2})?)?\\s*$',
  '^\\s*\\d{1,2}/\\d{1,2}/\\d{2,4}',
  '^\\s*\\d{4}年\\d{1,2}月\\d{1,2}日\\s*$',
  '^\\s*\\d{1,2}:\\d{2}',
].join('|'), 'i');

/**
 * Text made safe to write with setValues so it stays exactly that text: a string Sheets would turn into a
 * formula, number, boolean, date or time gets a leading apostrophe (Sheets stores the text without it).
 */
export function asLiteral(value: CellValue): CellValue {
  if (typeof value === 'string' && SHEETS_WOULD_PARSE.test(value)) return `'${value}`;
  return value;
}
