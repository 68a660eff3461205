/**
 * The workbook `npm start` writes, as a person opens it: calendar days in the spreadsheet's time zone
 * (2023-07-01, never the UTC instant 2023-06-30), figures where Sheets-only formulas were (Excel, WPS and
 * LibreOffice know no ACHIEVEMENT_RATE or ARRAYFORMULA), columns wide enough for what they show, no empty
 * Sheet1 left behind, and the archive tabs of a closed cycle hidden and named in Log.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleEmulator, formulaReader } from './harness';
import { CUSTOM_FUNCTION_NAMES } from '../../src/core/customFunctions';

async function exported(emulator: ReturnType<typeof exampleEmulator>): Promise<ExcelJS.Workbook> {
  formulaReader(emulator).applyTo();
  const path = join(mkdtempSync(join(tmpdir(), 'export-')), 'book.xlsx');
  await emulator.exportXlsx(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const settingValue = (wb: ExcelJS.Workbook, label: string): ExcelJS.CellValue => {
  const ws = wb.getWorksheet('Settings')!;
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return ws.getCell(r, 2).value;
  return undefined;
};

describe('the exported workbook', () => {
  it('holds the calendar days of the sheet (Asia/Shanghai), not the UTC instants', async () => {
    const wb = await exported(exampleEmulator());
    expect((settingValue(wb, 'Cycle start') as Date).toISOString()).toBe('2023-07-01T00:00:00.000Z');
    expect((settingValue(wb, 'Cycle end') as Date).toISOString()).toBe('2023-09-30T00:00:00.000Z');
  });

  it('holds figures and words where Sheets-only formulas were, and keeps built-in formulas with their values', async () => {
    const wb = await exported(exampleEmulator());
    const ws = wb.getWorksheet('Evaluation')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const column = (name: string): number => header.indexOf(name);
    const achievement = [2, 3, 4, 5].map((r) => ws.getCell(r, column('Achievement')).value);
    expect(achievement.map((v) => Math.round(Number(v) * 1000) / 1000)).toEqual([0.9, 1.075, 1.1, 0.8]);
    expect([2, 3, 4, 5].map((r) => ws.getCell(r, column('Status')).value)).toEqual(['On track', 'On track', 'On track', 'At risk']);
    const formulas: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.formula) formulas.push(cell.formula);
    })));
    // No custom function of the bundle (Excel and LibreOffice show #NAME? for them) and no Sheets-only built-in.
    expect(formulas.filter((f) => new RegExp(`\\b(${CUSTOM_FUNCTION_NAMES.join('|')}|ARRAYFORMULA)\\s*\\(`, 'i').test(f))).toEqual([]);
    expect(formulas.length).toBeGreaterThan(0);
  });

  it('makes columns wide enough for their dates and text, and leaves no empty Sheet1', async () => {
    const wb = await exported(exampleEmulator());
    expect(wb.worksheets.map((w) => w.name)).not.toContain('Sheet1');
    const tracking = wb.getWorksheet('Tracking')!;
    const header = (tracking.getRow(1).values as unknown[]).map(String);
    // A date (2023-07-31) needs about 10 characters.
    expect(tracking.getColumn(header.indexOf('Planned date')).width ?? 0).toBeGreaterThanOrEqual(11);
  });

  it('after the roll-over, the archive tabs are hidden and Log says where they are', async () => {
    const emulator = exampleEmulator();
    emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    emulator.ui.respondNextAlert('YES');
    emulator.call('menuStartNextCycle');
    const wb = await exported(emulator);
    const archives = wb.worksheets.filter((w) => w.name.startsWith('Archive 2023 Q3'));
    expect(archives.length).toBeGreaterThan(5);
    expect(archives.every((w) => w.state === 'hidden')).toBe(true);
    expect(wb.worksheets.filter((w) => w.state !== 'hidden').map((w) => w.name)).toContain('Tracking');
    const log = wb.getWorksheet('Log')!;
    const details: string[] = [];
    log.eachRow((row) => details.push(String(row.getCell(4).value ?? '')));
    const last = details.find((d) => d.includes('2023 Q3 → 2023 Q4')) ?? '';
    expect(last).toContain('Archive 2023 Q3 — Tracking');
    expect(last).toContain('The archive tabs are hidden');
  });
});
