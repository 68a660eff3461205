/**
 * Opens any real .xlsx the way a person expects: whatever program saved it. exceljs reads most files, but
 * fails on packages that other writers lay out differently from Excel (its issue tracker: exceljs#2797 — a
 * comments part reached by an absolute or differently named target crashes the load; a workbook whose
 * elements carry a namespace prefix (`<x:workbook>`) crashes it; a number format without a format code
 * crashes it; a sheet part not named `sheetN.xml` is silently dropped). When exceljs throws, or reads fewer
 * sheets than the workbook lists, the same file is read by the values reader (values.ts), which follows the
 * package's own relationships and gives exactly exceljs's values on every file both can read (tested).
 * Only a file neither can read is "damaged".
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Progress, ReadResult, UnreadableWorkbookError, notXlsxReason, rawFromWorkbook } from './reader';
import { listedSheetCount, readXlsxBuffer } from './values';

export interface OpenedXlsx extends ReadResult {
  /** Which reader read the file, and why the values reader was needed (for the tests and --verbose runs). */
  readonly reader: 'exceljs' | 'values';
  readonly fallbackReason?: string;
}

export async function openXlsx(path: string, progress?: Progress): Promise<OpenedXlsx> {
  const reason = notXlsxReason(path);
  if (reason !== null) throw new UnreadableWorkbookError(path, reason);
  const buffer = readFileSync(path);
  let fallbackReason: string;
  try {
    const wb = new ExcelJS.Workbook();
    // exceljs's typings ask for an ArrayBuffer-like; its zip reader takes a Node Buffer as it is (no copy).
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const listed = listedSheetCount(buffer);
    if (wb.worksheets.length >= listed) return { ...rawFromWorkbook(wb, progress), reader: 'exceljs' };
    fallbackReason = `exceljs read ${wb.worksheets.length} of the ${listed} sheets the workbook lists`;
  } catch (error) {
    fallbackReason = `exceljs: ${((error as Error).message ?? String(error)).split('\n')[0] ?? ''}`;
  }
  try {
    return { ...readXlsxBuffer(path, buffer, progress), reader: 'values', fallbackReason };
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) {
      throw new UnreadableWorkbookError(path, {
        en: `${error.reason.en}; ${fallbackReason}`, zh: `${error.reason.zh}；${fallbackReason}`,
      });
    }
    throw error;
  }
}
