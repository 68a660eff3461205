/**
 * One list of direction words: a workbook whose cost row says 越小越好 (smaller is better) and whose first
 * row has a word nobody knows is recalculated by LibreOffice, and the sheet's achievement and status agree
 * with `report --json` (the core's parseDirection): lower for every lower word, and for an unknown word no
 * rate in the sheet (never a guessed "higher": Check data) while the report lists the cell as a problem.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lang, pick } from '../../src/core/i18n';
import { METRIC_STATUS } from '../../src/core/options';
import { tabSpec } from '../../src/core/schema';
import { main } from '../../src/node/cli';
import { letterOf } from '../../src/node/xlsx/formulas';
import { recordingIo } from '../node/xlsxHelpers';
import { convert, profile, soffice } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'mx-office-direction-'));
const program = soffice();
const profileUrl = profile(join(dir, 'profile'));

describe.each([
  ['zh-CN', '越小越好', '越来越好'],
  ['en', 'lower is better', 'sideways'],
] as const)('LibreOffice and the report read the same direction words (%s)', (lang: Lang, lowerWord: string, unknownWord: string) => {
  const evaluation = pick(tabSpec('evaluation').name, lang);
  const label = (key: string): string => pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang);
  const rate = letterOf('evaluation', 'achievement');
  const status = letterOf('evaluation', 'status');
  const direction = letterOf('evaluation', 'direction');
  let sheet: ExcelJS.Worksheet;
  let json: { metrics: { row: number; direction: string; achievement: number | null; status: string }[] };
  let reportErr: string;
  let reportExit: number;

  beforeAll(async () => {
    const plan = join(dir, `plan-${lang}.xlsx`);
    expect(await main(['template', '--lang', lang, '--example', '--out', plan], recordingIo(dir))).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plan);
    const ws = wb.getWorksheet(evaluation)!;
    ws.getCell(`${direction}6`).value = lowerWord; // Total expansion cost: 30 budget, 28 spent
    ws.getCell(`${direction}2`).value = unknownWord; // New customers: 50 target, 45 actual
    const edited = join(dir, `edited-${lang}.xlsx`);
    await wb.xlsx.writeFile(edited);

    const [saved] = convert(program, profileUrl, edited, 'xlsx:Calc MS Excel 2007 XML', join(dir, `lo-${lang}`));
    const recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(saved!);
    sheet = recalculated.getWorksheet(evaluation)!;

    const run = recordingIo(dir);
    reportExit = await main(['report', edited, '--as-of', '2023-09-30', '--out', join(dir, `report-${lang}.docx`), '--json', '-'], run);
    json = JSON.parse(run.stdout.join('\n')) as typeof json;
    reportErr = run.stderr.join('\n');
  }, 180_000);

  const computed = (address: string): unknown => {
    const value = sheet.getCell(address).value;
    // A formula whose result is the empty string comes back from exceljs with no result at all.
    if (value && typeof value === 'object' && 'formula' in value) return value.result ?? '';
    return value;
  };

  test(`"${lowerWord}" is lower is better in the sheet and in the report: 30 / 28 = 107.1%, met`, () => {
    expect(computed(`${rate}6`)).toBeCloseTo(30 / 28, 9);
    expect(computed(`${status}6`)).toBe(label('met'));
    const row6 = json.metrics.find((m) => m.row === 6)!;
    expect(row6.direction).toBe('lower');
    expect(row6.achievement).toBeCloseTo(computed(`${rate}6`) as number, 9);
    expect(row6.status).toBe('met');
  });

  test(`"${unknownWord}" is not guessed as higher: Check data in the sheet and the report, which names the cell`, () => {
    expect(computed(`${rate}2`)).toBe(label('check_data'));
    expect(computed(`${status}2`)).toBe(label('check_data'));
    expect(json.metrics.find((m) => m.row === 2)).toMatchObject({ achievement: null, status: 'check_data' });
    expect(reportExit).toBe(1);
    // The problem list is in the workbook's language.
    if (lang === 'zh-CN') {
      expect(reportErr).toContain(`${evaluation}，第 2 行`);
      expect(reportErr).toContain(`“${unknownWord}” 不是有效的方向`);
    } else {
      expect(reportErr).toContain(`${evaluation}, row 2`);
      expect(reportErr).toContain(`"${unknownWord}" is not a direction`);
    }
  });
});
