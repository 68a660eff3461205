/**
 * A real spreadsheet engine checks the offline template: LibreOffice opens the .xlsx written by
 * `template --example`, recalculates every formula, and the seed's figures come back: 90%, 107.5%, 110%,
 * 80%, and the input-output ratio 7.68 shown 1:7.7. Run with `npm run test:office` (needs LibreOffice).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lang, pick } from '../../src/core/i18n';
import { METRIC_STATUS } from '../../src/core/options';
import { EXAMPLE_OWNERS } from '../../src/core/example';
import { tabSpec } from '../../src/core/schema';
import { columnLetter } from '../../src/core/table';
import { main } from '../../src/node/cli';
import { costSummaryLayout, letterOf } from '../../src/node/xlsx/formulas';
import { convert, csvFields, profile, soffice } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'mx-office-'));
const program = soffice();
const profileUrl = profile(join(dir, 'profile'));
const quietIo = { out: () => undefined, err: () => undefined, env: { LANG: 'en_US.UTF-8' }, cwd: dir, now: () => new Date('2023-09-30T12:00:00Z') };

describe.each(['en', 'zh-CN'] as const)('LibreOffice recalculates the example template (%s)', (lang: Lang) => {
  const xlsx = join(dir, `plan-${lang}.xlsx`);
  let recalculated: ExcelJS.Workbook;
  let shown: Map<string, string[][]>;

  beforeAll(async () => {
    expect(await main(['template', '--lang', lang, '--example', '--out', xlsx], quietIo)).toBe(0);
    // Saved back as .xlsx: every formula cell now carries the value LibreOffice computed.
    const [saved] = convert(program, profileUrl, xlsx, 'xlsx:Calc MS Excel 2007 XML', join(dir, `xlsx-${lang}`));
    recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(saved!);
    // Every sheet as CSV, values as shown (formatted), to see what a person sees.
    const csvs = convert(program, profileUrl, xlsx, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', join(dir, `csv-${lang}`));
    shown = new Map(csvs.map((file) => [
      file.slice(file.lastIndexOf(`plan-${lang}-`) + `plan-${lang}-`.length, -'.csv'.length),
      readFileSync(file, 'utf8').split(/\r?\n/).map(csvFields),
    ]));
  }, 120_000);

  const computed = (tab: 'evaluation' | 'costs', address: string): unknown => {
    const value = recalculated.getWorksheet(pick(tabSpec(tab).name, lang))!.getCell(address).value;
    return value && typeof value === 'object' && 'result' in value ? value.result : value;
  };
  const display = (tab: 'evaluation' | 'costs', row: number, column: number): string =>
    shown.get(pick(tabSpec(tab).name, lang))?.[row - 1]?.[column - 1] ?? '';

  test('the Dashboard computes the seed figures in LibreOffice too (built-in formulas only)', () => {
    const ws = recalculated.getWorksheet(lang === 'zh-CN' ? '看板' : 'Dashboard')!;
    const result = (address: string): unknown => {
      const value = ws.getCell(address).value;
      return value && typeof value === 'object' && 'result' in value ? value.result : value;
    };
    expect(['D7', 'D8', 'D9', 'D10'].map((a) => Math.round((result(a) as number) * 1e6) / 1e6)).toEqual([0.9, 1.075, 1.1, 0.8]);
    expect(result('C12')).toBeCloseTo(215 / 28, 9);
    // No formula fails, the hidden work-calendar columns (NETWORKDAYS, WORKDAY, MAXIFS over them) included.
    const failed: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => {
      const value = cell.value;
      if (value && typeof value === 'object' && 'result' in value && value.result && typeof value.result === 'object' && 'error' in value.result) failed.push(cell.address);
    }));
    expect(failed).toEqual([]);
    // Progress by owner, on Wang*'s first row: open and overdue tasks (the follow-up was due 2023-08-10), last Weekly log.
    const wang = Array.from({ length: 30 }, (_, i) => 40 + i).find((r) => result(`A${r}`) === pick(EXAMPLE_OWNERS.wang, lang))!;
    const day = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10) : v);
    expect([result(`H${wang}`), result(`I${wang}`), day(result(`K${wang}`))]).toEqual([1, 1, '2023-09-25']);
  });

  test('achievement 90%, 107.5%, 110%, 80%', () => {
    const g = letterOf('evaluation', 'achievement');
    const rates = [2, 3, 4, 5].map((row) => computed('evaluation', `${g}${row}`) as number);
    expect(rates.map((r) => Math.round(r * 1e6) / 1e6)).toEqual([0.9, 1.075, 1.1, 0.8]);
    const column = tabSpec('evaluation').columns.findIndex((c) => c.key === 'achievement') + 1;
    expect([2, 3, 4, 5].map((row) => display('evaluation', row, column))).toEqual(['90.0%', '107.5%', '110.0%', '80.0%']);
  });

  test('status after the cycle: met or missed (the example cycle, 2023 Q3, is over)', () => {
    const h = letterOf('evaluation', 'status');
    const label = (key: string): string => pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang);
    expect([2, 3, 4, 5, 6].map((row) => computed('evaluation', `${h}${row}`)))
      .toEqual([label('missed'), label('met'), label('met'), label('missed'), label('met')]);
  });

  test('total cost 28, revenue 215, ratio 7.68 shown 1:7.7, net ROI 667.9%', () => {
    const { valueColumn, rowOf } = costSummaryLayout();
    const at = (key: keyof typeof rowOf): unknown => computed('costs', `${columnLetter(valueColumn)}${rowOf[key]}`);
    expect(at('totalCost')).toBe(28);
    expect(at('revenue')).toBe(215);
    expect(Math.round((at('ratio') as number) * 100) / 100).toBe(7.68);
    expect(display('costs', rowOf.ratio, valueColumn)).toBe('1:7.7');
    expect(at('ratioLabel')).toBe('1:7.7');
    expect(display('costs', rowOf.netRoi, valueColumn)).toBe('667.9%');
  });
});

test('LibreOffice opens the generated report .docx and converts it to PDF', async () => {
  const plan = join(dir, 'report-plan.xlsx');
  const docx = join(dir, 'report.docx');
  expect(await main(['template', '--lang', 'zh-CN', '--example', '--out', plan], quietIo)).toBe(0);
  expect(await main(['report', plan, '--as-of', '2023-09-30', '--out', docx], quietIo)).toBe(0);
  const [pdf] = convert(program, profileUrl, docx, 'pdf:writer_pdf_Export', join(dir, 'pdf'));
  const bytes = readFileSync(pdf!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  // More than a title page: the tables and the two charts take several pages.
  const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(2);
}, 120_000);
