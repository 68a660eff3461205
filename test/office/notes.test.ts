/**
 * A workbook in which people added notes (批注) and LibreOffice saved it is read like any other: the report
 * from it gives the seed's figures, exactly as from the file before (issue #10: such files were refused as
 * "damaged"). Run with `npm run test:office` (needs LibreOffice).
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lang, pick } from '../../src/core/i18n';
import { tabSpec } from '../../src/core/schema';
import { main } from '../../src/node/cli';
import { openXlsx } from '../../src/node/xlsx/open';
import { convert, profile, soffice } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'mx-office-notes-'));
const program = soffice();
const profileUrl = profile(join(dir, 'profile'));
const quietIo = { out: () => undefined, err: () => undefined, env: { LANG: 'en_US.UTF-8' }, cwd: dir, now: () => new Date('2023-09-30T12:00:00Z') };

async function summary(file: string, name: string): Promise<{ code: number; json: Record<string, unknown> }> {
  const json = join(dir, `${name}.json`);
  const code = await main(['report', file, '--as-of', '2023-09-30', '--out', join(dir, `${name}.docx`), '--json', json, '--quiet'], quietIo);
  return { code, json: JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown> };
}

describe.each(['en', 'zh-CN'] as const)('a workbook with notes saved by LibreOffice (%s)', (lang: Lang) => {
  const plan = join(dir, `plan-${lang}.xlsx`);
  const noted = join(dir, `noted-${lang}.xlsx`);
  let saved: string;

  beforeAll(async () => {
    expect(await main(['template', '--lang', lang, '--example', '--out', plan], quietIo)).toBe(0);
    // People's notes on typed cells of several tabs, in both languages.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plan);
    const sheet = (tab: Parameters<typeof tabSpec>[0]): ExcelJS.Worksheet => wb.getWorksheet(pick(tabSpec(tab).name, lang))!;
    sheet('evaluation').getCell('F2').note = '批注：数据来自 CRM 导出，8月30日核对';
    sheet('evaluation').getCell('E3').note = 'Target agreed with the director on 3 July';
    sheet('weekly').getCell('G3').note = { texts: [{ text: '含', font: { bold: true } }, { text: '一笔预付款 (prepayment)' }] };
    sheet('tracking').getCell('B4').note = '王*：合同在法务审核';
    await wb.xlsx.writeFile(noted);
    saved = convert(program, profileUrl, noted, 'xlsx:Calc MS Excel 2007 XML', join(dir, `lo-${lang}`))[0]!;
  }, 180_000);

  test('LibreOffice kept the notes in the file', () => {
    const files = unzipSync(readFileSync(saved));
    const comments = Object.keys(files).filter((n) => /comments?\d*\.xml$/i.test(n)).map((n) => strFromU8(files[n]!)).join('\n')
      // LibreOffice splits a note into runs by script (CJK / Latin fonts): compare the text without the markup.
      .replace(/<[^>]+>/g, '');
    expect(comments).toContain('数据来自 CRM 导出');
    expect(comments).toContain('合同在法务审核');
  });

  test('it is read, and the report gives the same figures as the file before the notes (90%, 107.5%, 110%, 80%, 1:7.7)', async () => {
    const read = await openXlsx(saved);
    expect(read.sheets.map((s) => s.tab)).toEqual(expect.arrayContaining(['settings', 'evaluation', 'weekly', 'tracking', 'costs']));
    const before = await summary(plan, `before-${lang}`);
    const after = await summary(saved, `after-${lang}`);
    expect(after.code).toBe(before.code);
    expect(after.json).toEqual(before.json);
    const text = JSON.stringify(after.json);
    for (const figure of ['0.9', '1.075', '1.1', '0.8']) expect(text).toContain(figure);
  });
});
