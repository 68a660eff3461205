/**
 * A real spreadsheet engine against the report on the same typed cells: the offline template with Evaluation rows
 * typed the way people type them (units in the cell, percentages both ways, blanks, bad and huge cells), a cycle
 * that runs today, recalculated by LibreOffice. Each row's achievement and status is the report's — or, where a
 * built-in formula cannot read the cell (a unit written in it), Check data: never a different number.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lang, pick } from '../../src/core/i18n';
import { METRIC_STATUS } from '../../src/core/options';
import { SETTINGS, tabSpec } from '../../src/core/schema';
import { dayFromIso, isoFromDay } from '../../src/core/values';
import { letterOf } from '../../src/node/xlsx/formulas';
import { writeTemplate } from '../../src/node/xlsx/template';
import { CURRENCY, TYPED_ROWS, reportFigures } from '../node/typedCells';
import { convert, profile, soffice } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'mx-office-typed-'));
const program = soffice();
const profileUrl = profile(join(dir, 'profile'));

// LibreOffice's TODAY() is the real date: a cycle around it, so the running-cycle words are checked.
const now = new Date();
const today = dayFromIso(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
const cycle = { start: isoFromDay(today - 27), end: isoFromDay(today + 64) };

describe.each(['en', 'zh-CN'] as const)('LibreOffice and the report read the same typed cells (%s)', (lang: Lang) => {
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const plan = join(dir, `typed-${lang}.xlsx`);
    await writeTemplate(plan, { lang });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plan);
    const settings = wb.getWorksheet(pick(tabSpec('settings').name, lang))!;
    const row = (key: (typeof SETTINGS)[number]['key']): number => SETTINGS.findIndex((s) => s.key === key) + 2;
    settings.getCell(row('cycleStart'), 2).value = new Date(dayFromIso(cycle.start) * 86_400_000);
    settings.getCell(row('cycleEnd'), 2).value = new Date(dayFromIso(cycle.end) * 86_400_000);
    settings.getCell(row('currencyUnit'), 2).value = CURRENCY;
    const ws = wb.getWorksheet(pick(tabSpec('evaluation').name, lang))!;
    TYPED_ROWS.forEach((typed, i) => {
      for (const key of ['metric', 'unit', 'direction', 'target', 'actual'] as const) {
        const value = typed[key];
        ws.getCell(`${letterOf('evaluation', key)}${i + 2}`).value = value === '' ? null : (value as ExcelJS.CellValue);
      }
      ws.getCell(`${letterOf('evaluation', 'dimension')}${i + 2}`).value = lang === 'zh-CN' ? '结果指标' : 'Result';
    });
    const edited = join(dir, `edited-${lang}.xlsx`);
    await wb.xlsx.writeFile(edited);
    const [saved] = convert(program, profileUrl, edited, 'xlsx:Calc MS Excel 2007 XML', join(dir, `lo-${lang}`));
    const recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(saved!);
    sheet = recalculated.getWorksheet(pick(tabSpec('evaluation').name, lang))!;
  }, 180_000);

  const computed = (address: string): unknown => {
    const value = sheet.getCell(address).value;
    if (value && typeof value === 'object' && 'formula' in value) return value.result ?? '';
    return value;
  };
  const label = (key: string): string => pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang);

  test.each(TYPED_ROWS.map((row, i) => [row.what, i] as const))('%s', (_what, i) => {
    const row = TYPED_ROWS[i]!;
    const core = reportFigures(lang, today, TYPED_ROWS, cycle)[i]!;
    const achievement = computed(`${letterOf('evaluation', 'achievement')}${i + 2}`);
    const status = computed(`${letterOf('evaluation', 'status')}${i + 2}`);
    if (row.text && core.status !== 'no_data') {
      expect([achievement, status]).toEqual([label('check_data'), label('check_data')]);
    } else if (core.achievement === null) {
      expect(achievement === '' || achievement === label('check_data')).toBe(true);
      expect(status).toBe(label(core.status));
    } else {
      expect(achievement).toEqual(expect.closeTo(core.achievement, 9));
      expect(status).toBe(label(core.status));
    }
  });
});
