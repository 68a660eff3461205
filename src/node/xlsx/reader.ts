/**
 * Reads a filled .xlsx (from the template, Excel, WPS or LibreOffice) into the core's RawWorkbook: tabs
 * found by name in either language (or, failing that, by their headers), the header row found even below
 * a title row, and every exceljs cell value (rich text, hyperlinks, formula results, dates, errors) turned
 * into the plain values the core parses.
 */
import ExcelJS from 'exceljs';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Bilingual, Lang } from '../../core/i18n';
import { RawWorkbook } from '../../core/model';
import { normalizeLabel } from '../../core/options';
import { TABS, TabKey, TabSpec } from '../../core/schema';
import { headerMatches } from '../../core/table';
import { FormulaCells } from '../../core/typedOver';
import { CellValue, withNumberFormat } from '../../core/values';

/** How many rows above the data a header may sit (a title row or two above the table). */
const HEADER_SEARCH_ROWS = 10;

export interface SheetInfo {
  readonly tab: TabKey;
  /** The sheet's name in the file. */
  readonly sheet: string;
  /** 1-based row of the header. */
  readonly headerRow: number;
  /** Rows with any content below the header. */
  readonly rows: number;
}

export interface ReadResult {
  readonly raw: RawWorkbook;
  readonly sheets: readonly SheetInfo[];
  /** The language the workbook's tab names and headers are written in (more Chinese than English → zh-CN). */
  readonly lang: Lang;
  /** Visible sheets recognised as no tab, by name (a renamed tab may be among them). */
  readonly unrecognised: readonly string[];
  /** For each tab read, which cells hold a formula (rows as in `raw`): Check data finds values typed over the template's. */
  readonly formulas: FormulaCells;
}

/** Called once per tab read, with its data rows (blank and formula-only rows not counted). */
export type Progress = (message: { sheet: string; rows: number }) => void;

const RICH = (v: object): v is ExcelJS.CellRichTextValue => 'richText' in v;
const FORMULA = (v: object): v is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue => 'formula' in v || 'sharedFormula' in v;
const HYPERLINK = (v: object): v is ExcelJS.CellHyperlinkValue => 'hyperlink' in v;
const ERROR = (v: object): v is ExcelJS.CellErrorValue => 'error' in v;

/** An exceljs cell value as a core CellValue. */
export function coreValue(value: ExcelJS.CellValue, numFmt?: string): CellValue {
  // (src/node/xlsx/values.ts reads large files without exceljs and must give exactly these values.)
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return withNumberFormat(value, numFmt);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value;
  if (typeof value !== 'object') return String(value);
  if (RICH(value)) return value.richText.map((part) => part.text).join('');
  if (FORMULA(value)) {
    // A file saved by a spreadsheet program carries each formula's result; one never opened has none.
    const result = value.result;
    return result === undefined ? '' : coreValue(result as ExcelJS.CellValue, numFmt);
  }
  if (HYPERLINK(value)) return coreValue(value.text as ExcelJS.CellValue, numFmt);
  if (ERROR(value)) return value.error;
  return '';
}

function sheetGrid(ws: ExcelJS.Worksheet, formulas?: boolean[][]): CellValue[][] {
  const grid: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const line: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      line[column - 1] = coreValue(cell.value, cell.numFmt);
      if (formulas && cell.value !== null && typeof cell.value === 'object' && FORMULA(cell.value)) (formulas[rowNumber - 1] ??= [])[column - 1] = true;
    });
    for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = '';
    grid[rowNumber - 1] = line;
  });
  for (let r = 0; r < grid.length; r++) if (grid[r] === undefined) grid[r] = [];
  return grid;
}

function headerScore(tab: TabSpec, row: readonly CellValue[] | undefined): number {
  if (!row) return 0;
  let score = 0;
  for (const spec of tab.columns) if (row.some((cell) => headerMatches(spec, cell))) score++;
  return score;
}

/** The row (0-based) that holds the tab's headers: the first of the top rows matching the most columns. */
function findHeaderRow(tab: TabSpec, grid: readonly CellValue[][]): { index: number; score: number } {
  let best = { index: 0, score: headerScore(tab, grid[0]) };
  for (let r = 1; r < Math.min(HEADER_SEARCH_ROWS, grid.length); r++) {
    const score = headerScore(tab, grid[r]);
    if (score > best.score) best = { index: r, score };
  }
  return best;
}

/**
 * The grid with the header moved to the first row and the rows above it blanked, so that data rows keep
 * their sheet row numbers (readTable numbers rows by position) and messages point at the right row.
 */
function withHeaderFirst<T>(grid: T[][], headerIndex: number): T[][] {
  if (headerIndex === 0) return grid;
  const out = grid.slice();
  out[0] = grid[headerIndex] ?? [];
  for (let r = 1; r <= headerIndex; r++) out[r] = [];
  return out;
}

function tabByName(name: string, taken: ReadonlySet<TabKey>): TabSpec | undefined {
  const wanted = normalizeLabel(name);
  return TABS.find((t) => !taken.has(t.key) && (normalizeLabel(t.name.en) === wanted || normalizeLabel(t.name.zh) === wanted || normalizeLabel(t.key) === wanted));
}

const HAN = /[\u3400-\u9fff]/;

function languageOf(texts: readonly string[]): Lang {
  let zh = 0;
  let en = 0;
  for (const text of texts) {
    if (HAN.test(text)) zh++;
    else if (/[A-Za-z]/.test(text)) en++;
  }
  return zh > en ? 'zh-CN' : 'en';
}

/** One sheet of a workbook file: its name, whether it is hidden, and its cells as the core reads them. */
export interface SheetSource {
  readonly name: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
  grid(): CellValue[][];
  /** Which cells of the grid hold a formula (called after grid()). */
  formulas(): boolean[][];
}

/** The tabs of an exceljs workbook as the core's raw grids. */
export function rawFromWorkbook(wb: ExcelJS.Workbook, progress?: Progress): ReadResult {
  return rawFromSheets(wb.worksheets.map((ws) => {
    const formulas: boolean[][] = [];
    return { name: ws.name, state: ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible', grid: () => sheetGrid(ws, formulas), formulas: () => formulas };
  }), progress);
}

/** The sheets of a workbook file (however they were read) as the core's raw grids: tabs by name, else by their headers. */
export function rawFromSheets(sources: readonly SheetSource[], progress?: Progress): ReadResult {
  const raw: RawWorkbook = {};
  const formulas: Partial<Record<TabKey, boolean[][]>> = {};
  const sheets: SheetInfo[] = [];
  const taken = new Set<TabKey>();
  const grids = new Map<SheetSource, CellValue[][]>();
  const gridOf = (ws: SheetSource): CellValue[][] => {
    let grid = grids.get(ws);
    if (!grid) {
      grid = ws.grid();
      grids.set(ws, grid);
    }
    return grid;
  };
  const place = (tab: TabSpec, ws: SheetSource): void => {
    const grid = gridOf(ws);
    const header = findHeaderRow(tab, grid);
    const rows = withHeaderFirst(grid, header.index);
    raw[tab.key] = rows;
    formulas[tab.key] = withHeaderFirst(ws.formulas(), header.index);
    taken.add(tab.key);
    const filled = rows.slice(1).filter((line) => line.some((v) => v !== '' && v !== null && v !== undefined)).length;
    sheets.push({ tab: tab.key, sheet: ws.name, headerRow: header.index + 1, rows: filled });
    progress?.({ sheet: ws.name, rows: filled });
  };

  const unmatched: SheetSource[] = [];
  for (const ws of sources) {
    if (ws.state === 'veryHidden') continue;
    const tab = tabByName(ws.name, taken);
    if (tab) place(tab, ws);
    else unmatched.push(ws);
  }
  // A renamed tab is recognised by its headers: at least half of its declared columns (and three or more).
  for (const tab of TABS) {
    if (taken.has(tab.key) || tab.key === 'settings') continue;
    let best: { ws: SheetSource; score: number } | null = null;
    for (const ws of unmatched) {
      const { score } = findHeaderRow(tab, gridOf(ws));
      if (score >= Math.max(3, Math.ceil(tab.columns.length / 2)) && (!best || score > best.score)) best = { ws, score };
    }
    if (best) {
      place(tab, best.ws);
      unmatched.splice(unmatched.indexOf(best.ws), 1);
    }
  }

  const texts: string[] = sheets.map((s) => s.sheet);
  for (const info of sheets) {
    for (const cell of raw[info.tab]?.[0] ?? []) if (typeof cell === 'string') texts.push(cell);
  }
  const unrecognised = unmatched.filter((ws) => ws.state !== 'hidden').map((ws) => ws.name);
  return { raw, sheets, lang: languageOf(texts), unrecognised, formulas };
}

export class UnreadableWorkbookError extends Error {
  constructor(readonly path: string, readonly reason: Bilingual) {
    super(`${path}: ${reason.en}`);
  }
}

/** Why a file is not an .xlsx we can read, from its first bytes, or null when it looks like one. */
export function notXlsxReason(path: string): Bilingual | null {
  let head: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { en: 'it is a folder, not a file', zh: '这是文件夹，不是文件' };
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(8);
      readSync(fd, head, 0, 8, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { en: 'no such file', zh: '文件不存在' };
    if (code === 'EACCES') return { en: 'permission denied', zh: '没有读取权限' };
    return { en: (error as Error).message, zh: (error as Error).message };
  }
  if (head[0] === 0x50 && head[1] === 0x4b) return null; // PK: a zip archive, as every .xlsx is
  if (head.readUInt32BE(0) === 0xd0cf11e0) return { en: 'it is an old-style .xls file (or an encrypted workbook)', zh: '这是旧版 .xls 文件（或加密的工作簿）' };
  return { en: 'it is not an Excel workbook (.xlsx)', zh: '这不是 Excel 工作簿（.xlsx）' };
}

/** Loads the file with exceljs (the time the benchmark compares against). */
export async function loadXlsx(path: string): Promise<ExcelJS.Workbook> {
  const reason = notXlsxReason(path);
  if (reason !== null) throw new UnreadableWorkbookError(path, reason);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0] ?? '';
    throw new UnreadableWorkbookError(path, { en: `the file is damaged or not an .xlsx workbook (${detail})`, zh: `文件已损坏或不是 .xlsx 工作簿（${detail}）` });
  }
  return wb;
}

export async function readXlsx(path: string, progress?: Progress): Promise<ReadResult> {
  return rawFromWorkbook(await loadXlsx(path), progress);
}
