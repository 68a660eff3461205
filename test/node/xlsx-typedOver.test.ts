/**
 * Values typed over the offline template's formulas: found in the file by both readers (exceljs and the
 * values reader), reported by the command line with the cell, the value and the fix; a workbook a team typed
 * by hand, without formulas, is left alone.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pick } from '../../src/core/i18n';
import { tabSpec } from '../../src/core/schema';
import { columnLetter } from '../../src/core/table';
import { typedOverFormulaProblems, typedOverFormulas } from '../../src/core/typedOver';
import { main } from '../../src/node/cli';
import { readXlsx } from '../../src/node/xlsx/reader';
import { readXlsxValues } from '../../src/node/xlsx/values';
import { costSummaryLayout } from '../../src/node/xlsx/formulas';
import { writeTemplate } from '../../src/node/xlsx/template';
import { recordingIo, tempDir } from './xlsxHelpers';

const dir = tempDir();
const achievementColumn = tabSpec('evaluation').columns.findIndex((c) => c.key === 'achievement') + 1;
const statusColumn = tabSpec('evaluation').columns.findIndex((c) => c.key === 'status') + 1;
const { valueColumn, rowOf } = costSummaryLayout();

/** The example template with a rate typed over row 3's Achievement formula and a ratio over the Costs panel's. */
async function typedOver(lang: 'en' | 'zh-CN'): Promise<string> {
  const path = join(dir, `typed-${lang}.xlsx`);
  await writeTemplate(path, { lang, example: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const evaluation = wb.getWorksheet(pick(tabSpec('evaluation').name, lang))!;
  evaluation.getCell(3, achievementColumn).value = 0.95;
  const costs = wb.getWorksheet(pick(tabSpec('costs').name, lang))!;
  costs.getCell(rowOf.ratioLabel, valueColumn).value = '1:9';
  await wb.xlsx.writeFile(path);
  return path;
}

describe.each(['en', 'zh-CN'] as const)('a value typed over a template formula (%s)', (lang) => {
  let path: string;
  beforeAll(async () => { path = await typedOver(lang); });

  test('both readers find exactly the two typed cells, with their values', async () => {
    for (const read of [await readXlsx(path), readXlsxValues(path)]) {
      const found = typedOverFormulas(read.raw, read.formulas).map((o) => ({ tab: o.tab, cell: `${columnLetter(o.column)}${o.row}`, key: o.key, value: o.value }));
      expect(found).toEqual([
        { tab: 'evaluation', cell: `${columnLetter(achievementColumn)}3`, key: 'achievement', value: '95%' },
        { tab: 'costs', cell: `${columnLetter(valueColumn)}${rowOf.ratioLabel}`, key: 'ratioLabel', value: '1:9' },
      ]);
    }
  });

  test('Check data names the cell, the value as shown and how to fix the file', async () => {
    const read = readXlsxValues(path);
    const problems = typedOverFormulaProblems(read.raw, read.formulas);
    const texts = problems.map((p) => `${pick(p.message, lang)} ${pick(p.fix, lang)}`);
    const [achievement, panel] = [`${columnLetter(achievementColumn)}3`, `${columnLetter(valueColumn)}${rowOf.ratioLabel}`];
    expect(texts).toEqual(lang === 'en' ? [
      `${achievement} holds the typed value "95%" where the Achievement formula belongs, so this figure is not computed. Copy the formula back from the cell above or below in the same column. The report computes this figure itself either way.`,
      `${panel} holds the typed value "1:9" where the Input-output ratio (text) formula belongs, so this figure is not computed. Copy the formula from the same cell of a new template (market-expansion template --out blank.xlsx). The report computes this figure itself either way.`,
    ] : [
      `${achievement} 原应为“达成率”公式，现为手工输入的“95%”，该数字不再自动计算。 请从同一列上方或下方的单元格把公式复制回来。无论如何，报告都会自行计算该数字。`,
      `${panel} 原应为“投入产出比（文本）”公式，现为手工输入的“1:9”，该数字不再自动计算。 请从新模板（market-expansion template --out blank.xlsx）的同一单元格复制公式。无论如何，报告都会自行计算该数字。`,
    ]);
    expect(problems.map((p) => [p.code, p.severity, p.tab, p.row])).toEqual([['formula_overwritten', 'error', 'evaluation', 3], ['formula_overwritten', 'error', 'costs', rowOf.ratioLabel]]);
  });
});

test('the template untouched has none; a workbook typed by hand without formulas has none', async () => {
  const clean = join(dir, 'clean.xlsx');
  await writeTemplate(clean, { lang: 'en', example: true });
  const read = await readXlsx(clean);
  expect(typedOverFormulas(read.raw, read.formulas)).toEqual([]);
  // The same cells typed as values (no formula left in the column) (every formula cell replaced by a number): nothing says it was the template's.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(clean);
  const evaluation = wb.getWorksheet('Evaluation')!;
  evaluation.eachRow((row, r) => {
    if (r === 1) return;
    row.getCell(achievementColumn).value = 0.9;
    row.getCell(statusColumn).value = 'On track';
  });
  const byHand = join(dir, 'by-hand.xlsx');
  await wb.xlsx.writeFile(byHand);
  const handRead = await readXlsx(byHand);
  expect(typedOverFormulas(handRead.raw, handRead.formulas)).toEqual([]);
});

test('the command line lists them with the data problems, and the report computes the figure the typed value replaced', async () => {
  const path = await typedOver('zh-CN');
  const io = recordingIo(dir);
  const json = join(dir, 'typed.json');
  const code = await main(['report', path, '--as-of', '2023-09-30', '--out', join(dir, 'typed.docx'), '--json', json], io);
  expect(code).toBe(1); // problems found (the report is still written)
  const err = io.stderr.join('\n');
  expect(err).toContain(`${columnLetter(achievementColumn)}3 原应为“达成率”公式，现为手工输入的“95%”`);
  // Row 3 of the example is new customers, 43 of 40: 107.5%, not the 95% typed over its formula.
  const summary = JSON.parse(readFileSync(json, 'utf8')) as { metrics: { row: number; achievement: number | null }[] };
  expect(summary.metrics.find((m) => m.row === 3)?.achievement).toBeCloseTo(1.075, 10);
});
