/** A1 notation helpers (1-based rows and columns, as Apps Script uses). */

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/**
 * Parses 'A1', 'A1:C3', 'B:B', 'B:D', '2:2', '2:5', 'A2:C' (open-ended), with optional '$' and an
 * optional sheet prefix ('Sheet 1'!A1 or Sheet1!A1, returned as sheetName). Whole columns/rows use
 * the sheet's maximum rows/columns.
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): GridRef & { sheetName?: string } {
  let ref = a1.trim();
  let sheetName: string | undefined;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = ref.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  ref = ref.replace(/\$/g, '').toUpperCase();
  const parts = ref.split(':');
  if (parts.length > 2 || parts.length === 0) throw new Error(`Range not found`);
  const cell = /^([A-Z]*)(\d*)$/;
  const a = cell.exec(parts[0] ?? '');
  const b = cell.exec(parts[1] ?? parts[0] ?? '');
  if (!a || !b || (!a[1] && !a[2])) throw new Error('Range not found');
  const c1 = a[1] ? lettersToColumn(a[1]) : 1;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c2 = b[1] ? lettersToColumn(b[1]) : a[1] && parts.length === 1 ? c1 : maxCols;
  const r2 = b[2] ? Number(b[2]) : a[2] && parts.length === 1 ? r1 : maxRows;
  if (parts.length === 1 && (!a[1] || !a[2])) throw new Error('Range not found');
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  const out: GridRef & { sheetName?: string } = {
    row,
    col,
    numRows: Math.abs(r2 - r1) + 1,
    numCols: Math.abs(c2 - c1) + 1,
  };
  if (sheetName !== undefined) out.sheetName = sheetName;
  return out;
}

export function toA1(row: number, col: number, numRows = 1, numCols = 1): string {
  const start = `${columnToLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnToLetters(col + numCols - 1)}${row + numRows - 1}`;
}
