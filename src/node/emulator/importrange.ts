/**
 * IMPORTRANGE across emulated spreadsheets, as Google's help page describes it
 * (https://support.google.com/docs/answer/3093340, "IMPORTRANGE"):
 *
 * - `IMPORTRANGE(spreadsheet_url, "[sheet_name!]range")` imports the range's values (a formula's result, not
 *   the formula), spilling down and right from the formula's cell.
 * - A destination spreadsheet must be connected to each source once: until someone who can view the source
 *   clicks "Allow access", the cell is `#REF!` ("You need to connect these sheets"). The connection is made
 *   by a person, not by a script, and needs no OAuth scope.
 * - A source that does not exist or that the connecting person cannot view, a sheet name that is not in the
 *   source, or a result that would overwrite typed cells is `#REF!` too. While a source is loading the cell
 *   shows `Loading...`.
 * - Sheets recalculates imports when a destination is opened (or not opened for 5 minutes) and when a source
 *   changes; tests call `recalculate` where Sheets would.
 *
 * Each emulator is one container-bound script with its own spreadsheet, so a roll-up and its regions are
 * several Emulators; a SheetsWorld knows them all (their Drive, in effect) and who may view each.
 */
import { parseA1 } from './a1';
import type { EmuSpreadsheet } from './spreadsheet';

interface Book {
  readonly ss: EmuSpreadsheet;
  readonly viewers: Set<string>;
}

const ID_IN_URL = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/;

export class SheetsWorld {
  private readonly books = new Map<string, Book>();
  /** Destination id → source ids it is connected to. */
  private readonly connections = new Map<string, Set<string>>();
  private readonly loading = new Set<string>();
  /** Cells this world spilled, per destination id, to clear before the next recalculation. */
  private readonly spilledCells = new Map<string, { sheet: string; row: number; col: number }[]>();

  /** Makes a spreadsheet reachable by URL; `viewers` may open it (its owner always can). */
  add(ss: EmuSpreadsheet, owner: string, viewers: readonly string[] = []): void {
    this.books.set(ss.id, { ss, viewers: new Set([owner.toLowerCase(), ...viewers.map((v) => v.toLowerCase())]) });
  }

  share(ss: EmuSpreadsheet, user: string): void {
    this.books.get(ss.id)?.viewers.add(user.toLowerCase());
  }

  private bookOf(url: string): Book | undefined {
    const id = ID_IN_URL.exec(url)?.[1] ?? url;
    return this.books.get(id);
  }

  /**
   * A person clicks "Allow access" on a `#REF!` IMPORTRANGE cell of `destination` for `sourceUrl`. It connects
   * only when the source exists and that person can view it; returns whether it did.
   */
  allowAccess(destination: EmuSpreadsheet, sourceUrl: string, user: string): boolean {
    const source = this.bookOf(sourceUrl);
    if (!source || !source.viewers.has(user.toLowerCase())) return false;
    const set = this.connections.get(destination.id) ?? new Set<string>();
    set.add(source.ss.id);
    this.connections.set(destination.id, set);
    return true;
  }

  /** While set, imports of this source show "Loading...". */
  setLoading(source: EmuSpreadsheet, on: boolean): void {
    if (on) this.loading.add(source.id);
    else this.loading.delete(source.id);
  }

  /** The values one IMPORTRANGE call gives, or the error string the cell shows. */
  private importRange(destination: EmuSpreadsheet, url: string, range: string): unknown[][] | string {
    const source = this.bookOf(url);
    if (!source) return '#REF!';
    if (!this.connections.get(destination.id)?.has(source.ss.id)) return '#REF!';
    if (this.loading.has(source.ss.id)) return 'Loading...';
    const bang = range.lastIndexOf('!');
    const sheetName = bang < 0 ? null : range.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    const a1 = bang < 0 ? range : range.slice(bang + 1);
    const sheet = sheetName === null ? source.ss.sheets[0] : source.ss.sheets.find((s) => s.name === sheetName);
    if (!sheet) return '#REF!';
    const parsed = parseA1(a1, sheet.maxRows, sheet.maxCols);
    // A range past the source's grid imports what there is.
    const rows = Math.min(parsed.numRows, sheet.maxRows - parsed.row + 1);
    const cols = Math.min(parsed.numCols, sheet.maxCols - parsed.col + 1);
    const out: unknown[][] = [];
    for (let r = 0; r < rows; r++) {
      const line: unknown[] = [];
      for (let c = 0; c < cols; c++) {
        const v = sheet.cellAt(parsed.row + r, parsed.col + c)?.v ?? '';
        line.push(v instanceof Date ? new Date(v.getTime()) : v);
      }
      out.push(line);
    }
    return out;
  }

  /** Evaluates an IMPORTRANGE formula (alone, or as IFERROR(IMPORTRANGE(…), IMPORTRANGE(…))). */
  private evaluate(destination: EmuSpreadsheet, formula: string): unknown[][] | string | null {
    const call = /IMPORTRANGE\(\s*"([^"]*)"\s*,\s*"((?:[^"]|"")*)"\s*\)/gi;
    const calls = [...formula.matchAll(call)].map((m) => ({ url: m[1]!, range: m[2]!.replace(/""/g, '"') }));
    if (calls.length === 0) return null;
    const iferror = /^=\s*IFERROR\s*\(/i.test(formula);
    let result: unknown[][] | string = '#REF!';
    for (const c of iferror ? calls : calls.slice(0, 1)) {
      result = this.importRange(destination, c.url, c.range);
      if (typeof result !== 'string' || result === 'Loading...') break;
    }
    return result;
  }

  /** What Sheets does when the destination opens or a source changes: every IMPORTRANGE cell recomputed. */
  recalculate(destination: EmuSpreadsheet): void {
    for (const cell of this.spilledCells.get(destination.id) ?? []) {
      const c = destination.sheets.find((s) => s.name === cell.sheet)?.cellAt(cell.row, cell.col);
      if (c?.spilled) {
        c.v = '';
        delete c.spilled;
        delete c.imported;
      }
    }
    const spilled: { sheet: string; row: number; col: number }[] = [];
    for (const sheet of destination.sheets) {
      sheet.cells.forEach((line, r) => line?.forEach((cell, c) => {
        if (!cell?.f || !/IMPORTRANGE/i.test(cell.f)) return;
        const result = this.evaluate(destination, cell.f);
        if (result === null) return;
        if (typeof result === 'string') {
          cell.v = result;
          return;
        }
        // An array result does not overwrite typed cells, nor grow the grid: #REF! ("would overwrite data in …",
        // "Result was not automatically expanded, please insert more rows/columns").
        const blocked = result.some((row, i) => row.some((v, j) => {
          if (i === 0 && j === 0) return false;
          if (v !== '' && (r + 1 + i > sheet.maxRows || c + 1 + j > sheet.maxCols)) return true;
          const other = sheet.cellAt(r + 1 + i, c + 1 + j);
          return other !== undefined && !other.spilled && (other.f !== undefined || (other.v !== '' && other.v !== null));
        }));
        if (blocked) {
          cell.v = '#REF!';
          return;
        }
        result.forEach((row, i) => row.forEach((v, j) => {
          if (i === 0 && j === 0) {
            cell.v = v as never;
            return;
          }
          if (v === '') return;
          const target = sheet.cellFor(r + 1 + i, c + 1 + j);
          target.v = v as never;
          target.spilled = true;
          // Kept by the live formula evaluation (formulas.ts), which does not compute IMPORTRANGE itself.
          target.imported = true;
          spilled.push({ sheet: sheet.name, row: r + 1 + i, col: c + 1 + j });
        }));
      }));
    }
    this.spilledCells.set(destination.id, spilled);
  }
}
