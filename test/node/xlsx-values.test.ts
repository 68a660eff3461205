/**
 * The fast values reader (src/node/xlsx/values.ts, used by `rollup`) gives exactly what the exceljs reader gives,
 * on every kind of workbook the project writes or reads: the templates with and without the example in both
 * languages, the regional workbooks with moved columns and amounts in 元, a big generated workbook with every
 * date form, and a workbook with rich text, booleans, errors, formulas with results, percentages and 1:X.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { UnreadableWorkbookError, readXlsx } from '../../src/node/xlsx/reader';
import { readXlsxValues } from '../../src/node/xlsx/values';
import { writeTemplate } from '../../src/node/xlsx/template';
import { writeBigWorkbook } from '../../bench/offline';
import { threeRegions, writeRegionXlsx } from '../regions';
import { tempDir } from './xlsxHelpers';

describe('the fast values reader reads what the exceljs reader reads', () => {
  const dir = tempDir();
  const files: string[] = [];

  beforeAll(async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const example of [false, true]) {
        const path = join(dir, `template-${lang}-${example}.xlsx`);
        await writeTemplate(path, { lang, example });
        files.push(path);
      }
    }
    for (const [i, region] of threeRegions().entries()) {
      const path = join(dir, `region-${i}.xlsx`);
      await writeRegionXlsx(region, path);
      files.push(path);
    }
    const big = join(dir, 'big.xlsx');
    await writeBigWorkbook(big, 3_000, 500);
    files.push(big);
    // Every kind of cell value exceljs knows.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('效果评估');
    ws.addRow(['评估维度', '核心指标', '单位', '方向', '目标值', '实际值', '达成率', '状态', '分析说明']);
    ws.addRow(['结果指标', { richText: [{ text: '新增' }, { text: '客户数', font: { bold: true } }] }, '家', '越高越好', 50, { formula: 'F3*1', result: 45 }, 0.9, true, 'a & b < c']);
    ws.addRow(['过程指标', '线索转化率', '%', 'higher', 0.15, 0.12, { formula: 'F3/E3', result: 0.8 }, { error: '#N/A' }, '  spaced  ']);
    ws.addRow(['投入产出', '投入产出比', '1:X', '', 6, 7.68, null, false, new Date(Date.UTC(2023, 8, 30))]);
    ws.getCell('E3').numFmt = '0%';
    ws.getCell('F3').numFmt = '0.0%';
    ws.getCell('G3').numFmt = '0.00%';
    ws.getCell('F4').numFmt = '"1:"0.0';
    ws.getCell('I4').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow([]);
    ws.addRow(['', '', '', '', '', '', '', '', 'after a blank row']);
    const hidden = wb.addWorksheet('Notes');
    hidden.state = 'hidden';
    hidden.addRow(['x']);
    const path = join(dir, 'kinds.xlsx');
    await wb.xlsx.writeFile(path);
    files.push(path);
  });

  it('on every workbook', async () => {
    for (const file of files) {
      const slow = await readXlsx(file);
      const fast = readXlsxValues(file);
      expect({ file, ...fast }).toEqual({ file, ...slow });
    }
  });

  it('says a file is not a workbook the same way', async () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    await expect(readXlsx(bad)).rejects.toBeInstanceOf(UnreadableWorkbookError);
    expect(() => readXlsxValues(bad)).toThrow(UnreadableWorkbookError);
  });
});
