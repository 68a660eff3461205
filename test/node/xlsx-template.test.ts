import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { join } from 'node:path';
import { Lang, pick } from '../../src/core/i18n';
import { achievementRate, ratioLabel } from '../../src/core/metrics';
import { readWorkbook } from '../../src/core/model';
import { DIRECTION, METRIC_STATUS, TASK_STATUS, normalizeLabel } from '../../src/core/options';
import { COST_SUMMARY, SETTINGS, TABS, tabSpec } from '../../src/core/schema';
import { optionLabels } from '../../src/core/setup';
import { columnLetter } from '../../src/core/table';
import { Direction, parseDirection } from '../../src/core/values';
import { achievementFormula, costSummaryFormulas, costSummaryLayout, letterOf, statusFormula } from '../../src/node/xlsx/formulas';
import { coreValue, readXlsx } from '../../src/node/xlsx/reader';
import { FORMULA_ROWS, TEMPLATE_ROWS, writeTemplate } from '../../src/node/xlsx/template';
import { END_OF_CYCLE, loadWorkbook, rawFromExample, sheetContent, tempDir } from './xlsxHelpers';

const dir = tempDir();
const paths: Record<string, string> = {};

beforeAll(async () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const example of [false, true]) {
      const path = join(dir, `${lang}-${example ? 'example' : 'blank'}.xlsx`);
      await writeTemplate(path, { lang, example });
      paths[`${lang}-${example}`] = path;
    }
  }
});

type Validation = { type: string; formulae: string[] };
function validationAt(ws: ExcelJS.Worksheet, address: string): Validation | undefined {
  return (ws as unknown as { dataValidations: { find(a: string): Validation | undefined } }).dataValidations.find(address);
}

/** What the offline template holds of a tab: every column but those the Apps Script fills. */
const offlineColumns = (tab: (typeof TABS)[number]) => tab.columns.filter((c) => !c.computed);

describe.each(['en', 'zh-CN'] as const)('template (%s) read back', (lang: Lang) => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => { wb = await loadWorkbook(paths[`${lang}-false`]!); });

  test('tabs and headers in schema order, in the chosen language', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([...TABS.map((t) => pick(t.name, lang)), lang === 'zh-CN' ? '看板' : 'Dashboard']);
    for (const tab of TABS) {
      const ws = wb.getWorksheet(pick(tab.name, lang))!;
      const headers = offlineColumns(tab).map((_, i) => ws.getCell(1, i + 1).value);
      expect(headers).toEqual(offlineColumns(tab).map((c) => pick(c.header, lang)));
      expect(ws.getCell(1, offlineColumns(tab).length + 1).value).toBeNull();
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getCell(1, 1).font?.bold).toBe(true);
    }
  });

  test('every option column has its drop-down list on every template row', () => {
    for (const tab of TABS) {
      const ws = wb.getWorksheet(pick(tab.name, lang))!;
      offlineColumns(tab).forEach((spec, i) => {
        if (!spec.options) return;
        const letter = columnLetter(i + 1);
        for (const row of [2, TEMPLATE_ROWS + 1]) {
          const v = validationAt(ws, `${letter}${row}`);
          expect(v?.type).toBe('list');
          expect(v?.formulae[0]).toBe(`"${optionLabels(spec.options, lang).join(',')}"`);
        }
      });
    }
  });

  test('number formats and widths come from the schema', () => {
    for (const tab of TABS) {
      const ws = wb.getWorksheet(pick(tab.name, lang))!;
      offlineColumns(tab).forEach((spec, i) => {
        if (spec.numberFormat) expect(ws.getColumn(i + 1).numFmt).toBe(spec.numberFormat);
        expect(ws.getColumn(i + 1).width).toBe(Math.round((spec.width ?? 120) / 7));
      });
    }
  });

  test('status columns are coloured by label in both languages', () => {
    for (const [key, set] of [['tracking', TASK_STATUS], ['evaluation', METRIC_STATUS]] as const) {
      const ws = wb.getWorksheet(pick(tabSpec(key).name, lang))!;
      const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
      const letter = letterOf(key, 'status');
      expect(cf).toHaveLength(1);
      expect(cf[0]!.ref).toBe(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`);
      const formulas = cf[0]!.rules.map((r) => r.formulae[0]).join(' ');
      for (const option of set.options) {
        expect(formulas).toContain(`"${option.label.en}"`);
        expect(formulas).toContain(`"${option.label.zh}"`);
      }
    }
  });

  test('Settings lists every setting with its label, default and help', () => {
    const ws = wb.getWorksheet(pick(tabSpec('settings').name, lang))!;
    SETTINGS.forEach((spec, i) => {
      expect(ws.getCell(i + 2, 1).value).toBe(pick(spec.label, lang));
      expect(ws.getCell(i + 2, 3).value).toBe(pick(spec.help, lang));
    });
    const threshold = SETTINGS.findIndex((s) => s.key === 'atRiskThreshold') + 2;
    expect(ws.getCell(threshold, 2).value).toBe(0.8);
    expect(ws.getCell(threshold, 2).numFmt).toBe('0%');
    const weekday = SETTINGS.findIndex((s) => s.key === 'reminderWeekday') + 2;
    expect(ws.getCell(weekday, 2).value).toBe(lang === 'en' ? 'Friday' : '星期五');
  });

  test('Evaluation carries the achievement and status formulas; Costs the summary panel', () => {
    const ev = wb.getWorksheet(pick(tabSpec('evaluation').name, lang))!;
    for (const row of [2, FORMULA_ROWS + 1]) {
      expect(ev.getCell(`${letterOf('evaluation', 'achievement')}${row}`).formula).toBe(achievementFormula(row));
      expect(ev.getCell(`${letterOf('evaluation', 'status')}${row}`).formula).toBe(statusFormula(row, lang));
    }
    const costs = wb.getWorksheet(pick(tabSpec('costs').name, lang))!;
    const { labelColumn, valueColumn, rowOf } = costSummaryLayout();
    const formulas = costSummaryFormulas(lang);
    for (const spec of COST_SUMMARY) {
      expect(costs.getCell(rowOf[spec.key], labelColumn).value).toBe(pick(spec.label, lang));
      expect(costs.getCell(rowOf[spec.key], valueColumn).formula).toBe(formulas[spec.key]);
    }
    expect(costs.getCell(rowOf.ratio, valueColumn).numFmt).toBe('"1:"0.0');
  });

  test('an empty template reads back as an empty plan with no reading problems', async () => {
    const read = await readXlsx(paths[`${lang}-false`]!);
    expect(read.lang).toBe(lang);
    const workbook = readWorkbook(read.raw, END_OF_CYCLE);
    expect(workbook.problems).toEqual([]);
    expect(workbook.tasks).toEqual([]);
    expect(workbook.evaluation).toEqual([]);
    expect(workbook.settings.atRiskThreshold).toBe(0.8);
    expect(workbook.settings.reminderWeekday).toBe(5);
  });

  test('the example reads back as the same workbook as example.ts', async () => {
    const read = await readXlsx(paths[`${lang}-true`]!);
    expect(readWorkbook(read.raw, END_OF_CYCLE)).toEqual(readWorkbook(rawFromExample(lang), END_OF_CYCLE));
  });
});

test('the achievement formula names the direction labels of both languages', () => {
  const f = achievementFormula(7);
  for (const key of ['higher', 'lower'] as const) {
    const option = DIRECTION.options.find((o) => o.key === key)!;
    expect(f).toContain(`TRIM(D7)="${option.label.en}"`);
    expect(f).toContain(`TRIM(D7)="${option.label.zh}"`);
  }
  // Blank or a word for higher: actual ÷ target; a word for lower: target ÷ actual; anything else (none, or a
  // word the option set does not know): blank, never a guess.
  expect(f).toMatch(/^IF\(OR\(F7="",E7=""\),"",IFERROR\(IF\(E7=0,"",IF\(OR\(TRIM\(D7\)="",.*\),F7\/E7,IF\(OR\(.*\),E7\/F7,""\)\)\),""\)\)$/);
});

/** The words compared with the Direction cell in one OR(...) of the formula, as written. */
function wordsIn(orGroup: string): string[] {
  return [...orGroup.matchAll(/TRIM\(D7\)="((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
}

test('the formula\'s direction words are exactly the DIRECTION option set\'s, the list parseDirection reads', () => {
  const f = achievementFormula(7);
  const higherGroup = f.slice(f.indexOf('IF(E7=0,"",') + 'IF(E7=0,"",'.length, f.indexOf(',F7/E7,'));
  const lowerGroup = f.slice(f.indexOf(',F7/E7,') + ',F7/E7,'.length, f.indexOf(',E7/F7,'));
  const normalized = (words: readonly string[]): string[] => [...new Set(words.map(normalizeLabel))].sort();
  const spellingsOf = (key: Direction): string[] => {
    const o = DIRECTION.options.find((x) => x.key === key)!;
    return [o.key, o.label.en, o.label.zh, ...(o.aliases ?? [])];
  };
  expect(normalized(wordsIn(higherGroup))).toEqual(normalized(['', ...spellingsOf('higher')]));
  expect(normalized(wordsIn(lowerGroup))).toEqual(normalized(spellingsOf('lower')));
  // None's words are not compared: they fall through to blank, like unknown words.
  expect(wordsIn(f).filter((w) => parseDirection(w).ok && valueOfDirection(w) === 'none')).toEqual([]);
  // Every word the formula compares is one parseDirection reads the same way.
  for (const w of wordsIn(higherGroup)) expect(valueOfDirection(w)).toBe('higher');
  for (const w of wordsIn(lowerGroup)) expect(valueOfDirection(w)).toBe('lower');
  expect(f).toContain('TRIM(D7)="越小越好"');
  expect(f).toContain('TRIM(D7)="lower is better"');
});

function valueOfDirection(word: string): Direction | 'invalid' {
  const parsed = parseDirection(word);
  return parsed.ok ? (parsed.value ?? 'higher') : 'invalid';
}

test('for every direction word (and unknown ones) the formula computes what the report computes (HyperFormula)', () => {
  const words = [
    ...DIRECTION.options.flatMap((o) => [o.key, o.label.en, o.label.zh, ...(o.aliases ?? [])]),
    '', ' 越小越好 ', 'LOWER', 'Higher Is Better', 'sideways', '越来越好', 'lowest', '0',
  ];
  const target = 30;
  const actual = 28;
  // Columns as the template has them (D direction, E target, F actual, G achievement); one row per word.
  expect(['direction', 'target', 'actual', 'achievement'].map((k) => letterOf('evaluation', k))).toEqual(['D', 'E', 'F', 'G']);
  const rows = words.map((w, i) => [null, null, null, w === '' ? null : w, target, actual, `=${achievementFormula(i + 1)}`]);
  const hf = HyperFormula.buildFromArray(rows, { licenseKey: 'gpl-v3' });
  try {
    words.forEach((word, i) => {
      const sheetValue = hf.getCellValue({ sheet: 0, row: i, col: 6 });
      const parsed = parseDirection(word === '' ? null : word);
      const expected = parsed.ok ? achievementRate(actual, target, parsed.value ?? 'higher') : null;
      if (expected === null) expect([word, sheetValue]).toEqual([word, '']);
      else expect([word, sheetValue]).toEqual([word, expect.closeTo(expected, 9)]);
    });
  } finally {
    hf.destroy();
  }
});

describe.each(['en', 'zh-CN'] as const)('the example template computes the seed figures (HyperFormula, %s)', (lang: Lang) => {
  let hf: HyperFormula;
  beforeAll(async () => {
    const wb = await loadWorkbook(paths[`${lang}-true`]!);
    const sheets: Record<string, (string | number | boolean | null)[][]> = {};
    for (const ws of wb.worksheets) sheets[ws.name] = sheetContent(ws);
    hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  });
  afterAll(() => hf.destroy());

  const value = (tab: 'evaluation' | 'costs', address: string): unknown => {
    const sheet = hf.getSheetId(pick(tabSpec(tab).name, lang))!;
    return hf.getCellValue(hf.simpleCellAddressFromString(address, sheet)!);
  };

  test('achievement 90%, 107.5%, 110%, 80%; status from the Settings threshold', () => {
    const g = letterOf('evaluation', 'achievement');
    const h = letterOf('evaluation', 'status');
    const rates = [2, 3, 4, 5].map((r) => value('evaluation', `${g}${r}`) as number);
    expect(rates.map((x) => Math.round(x * 10000) / 10000)).toEqual([0.9, 1.075, 1.1, 0.8]);
    const label = (key: string): string => pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang);
    expect([2, 3, 4, 5].map((r) => value('evaluation', `${h}${r}`))).toEqual([label('at_risk'), label('on_target'), label('on_target'), label('at_risk')]);
    // Cost against budget, lower is better: 30 / 28.
    expect(value('evaluation', `${g}6`)).toBeCloseTo(30 / 28, 9);
    // Rows without a metric stay blank.
    expect(value('evaluation', `${h}20`)).toBe('');
  });

  test('costs 28, revenue 215, ratio 7.68 (1:7.7), net ROI', () => {
    const { valueColumn, rowOf } = costSummaryLayout();
    const at = (key: keyof typeof rowOf): unknown => value('costs', `${columnLetter(valueColumn)}${rowOf[key]}`);
    expect(at('totalCost')).toBe(28);
    expect(at('revenue')).toBe(215);
    expect(at('ratio')).toBeCloseTo(7.68, 2);
    expect(at('ratioLabel')).toBe(ratioLabel(215 / 28));
    expect(at('ratioLabel')).toBe('1:7.7');
    expect(at('netRoi')).toBeCloseTo((215 - 28) / 28, 9);
  });
});

test('exceljs cell values become the values the core parses', () => {
  expect(coreValue({ richText: [{ text: '45' }, { text: '家', font: { bold: true } }] })).toBe('45家');
  expect(coreValue({ text: 'Zhang*', hyperlink: 'mailto:zhang@example.com' })).toBe('Zhang*');
  expect(coreValue({ formula: 'SUM(A1:A3)', result: 215 })).toBe(215);
  expect(coreValue({ formula: 'A1/B1', result: 0.9 }, '0.0%')).toBe('90%');
  expect(coreValue({ formula: 'A1/B1' })).toBe('');
  expect(coreValue({ sharedFormula: 'A2', result: 'x' } as ExcelJS.CellValue)).toBe('x');
  expect(coreValue({ error: '#DIV/0!' })).toBe('#DIV/0!');
  expect(coreValue(0.15, '0.0%')).toBe('15%');
  expect(coreValue(0.075, '0%')).toBe('7.5%');
  expect(coreValue(7.7, '"1:"0.0')).toBe('1:7.7');
  expect(coreValue(1234.5, '#,##0.##')).toBe(1234.5);
  expect(coreValue(3, '"3%" of 0')).toBe(3);
  const date = new Date(Date.UTC(2023, 6, 31));
  expect(coreValue(date, 'yyyy-mm-dd')).toBe(date);
  expect(coreValue(null)).toBe('');
});
