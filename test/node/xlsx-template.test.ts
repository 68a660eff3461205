import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { join } from 'node:path';
import { Lang, pick } from '../../src/core/i18n';
import { ratioLabel } from '../../src/core/metrics';
import { readWorkbook } from '../../src/core/model';
import { DIRECTION, METRIC_STATUS, TASK_STATUS, normalizeLabel } from '../../src/core/options';
import { COST_SUMMARY, SETTINGS, TABS, tabSpec } from '../../src/core/schema';
import { optionLabels } from '../../src/core/setup';
import { columnLetter } from '../../src/core/table';
import { CellValue, Direction, dayFromIso, parseDirection } from '../../src/core/values';
import {
  EVALUATION_HELPERS, achievementFormula, costSummaryFormulas, costSummaryLayout, helperFormula, helperLetter, letterOf, statusFormula,
} from '../../src/node/xlsx/formulas';
import { coreValue, readXlsx } from '../../src/node/xlsx/reader';
import { FORMULA_ROWS, TEMPLATE_ROWS, writeTemplate } from '../../src/node/xlsx/template';
import { TYPED_ROWS, TypedRow, reportFigures, typedWorkbook } from './typedCells';
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
      expect(ev.getCell(`${letterOf('evaluation', 'achievement')}${row}`).formula).toBe(achievementFormula(row, lang));
      for (const h of EVALUATION_HELPERS) expect(ev.getCell(`${helperLetter(h.key)}${row}`).formula).toBe(helperFormula(h.key, row));
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

/** The words compared with the Direction cell in a formula, as written. */
function wordsIn(formula: string, cell = 'D7'): string[] {
  const at = cell.replace(/\d+$/, '');
  const row = cell.slice(at.length);
  return [...formula.matchAll(new RegExp(`TRIM\\(${at}${row}\\)="((?:[^"]|"")*)"`, 'g'))].map((m) => m[1]!.replace(/""/g, '"'));
}

function valueOfDirection(word: string): Direction | 'invalid' {
  const parsed = parseDirection(word);
  return parsed.ok ? (parsed.value ?? 'higher') : 'invalid';
}

test('the formulas\' direction words are exactly the DIRECTION option set\'s, the list parseDirection reads', () => {
  const normalized = (words: readonly string[]): string[] => [...new Set(words.map(normalizeLabel))].sort();
  const spellingsOf = (key: Direction): string[] => {
    const o = DIRECTION.options.find((x) => x.key === key)!;
    return [o.key, o.label.en, o.label.zh, ...(o.aliases ?? [])];
  };
  // The lower-is-better helper compares every word for lower, and nothing else.
  // (blank is compared too: a blank Direction on a cost metric means lower.)
  expect(normalized(wordsIn(helperFormula('lowerIsBetter', 7)).filter((w) => w !== ''))).toEqual(normalized(spellingsOf('lower')));
  // The achievement formula accepts blank and every word of the three directions (anything else is Check data).
  expect(normalized(wordsIn(achievementFormula(7, 'en')))).toEqual(normalized(['', ...spellingsOf('higher'), ...spellingsOf('lower'), ...spellingsOf('none')]));
  for (const w of wordsIn(helperFormula('lowerIsBetter', 7)).filter((x) => x !== '')) expect(valueOfDirection(w)).toBe('lower');
});

test('every template formula fits Excel\'s 8,192-character limit', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    const formulas = [achievementFormula(61, lang), statusFormula(61, lang), ...EVALUATION_HELPERS.map((h) => helperFormula(h.key, 61)), ...Object.values(costSummaryFormulas(lang))];
    for (const f of formulas) expect(f.length).toBeLessThan(8192);
  }
});

/** The template's Evaluation formulas over typed rows, as HyperFormula computes them on `today`. */
function templateValues(lang: Lang, rows: readonly TypedRow[], today: string): { achievement: unknown; status: unknown }[] {
  const raw = typedWorkbook(lang, rows);
  const serial = (iso: string): number => dayFromIso(iso) + 25569;
  const settings = raw.settings!.map((line, r) => line.map((v, c) => (r > 0 && c === 1 && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? serial(v) : v)));
  const width = helperLetter('actualRead').charCodeAt(0) - 64;
  const evaluation = raw.evaluation!.map((line, r) => {
    const out: (CellValue | string)[] = Array.from({ length: width }, (_, c) => line[c] ?? null);
    if (r === 0) return out;
    // Text stays text (a leading apostrophe tells HyperFormula), as a cell typed in Excel does.
    for (let c = 0; c < out.length; c++) if (typeof out[c] === 'string' && out[c] !== '') out[c] = `'${String(out[c])}`;
    out[columnIndex('achievement')] = `=${achievementFormula(r + 1, lang)}`;
    out[columnIndex('status')] = `=${statusFormula(r + 1, lang)}`;
    for (const h of EVALUATION_HELPERS) out[helperLetter(h.key).charCodeAt(0) - 65] = `=${helperFormula(h.key, r + 1)}`;
    return out;
  });
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const realNow = Date.now;
  Date.now = () => new Date(year, month - 1, day, 12).getTime();
  const hf = HyperFormula.buildFromSheets({
    [pick(tabSpec('settings').name, lang)]: settings as never, [pick(tabSpec('evaluation').name, lang)]: evaluation as never,
  }, { licenseKey: 'gpl-v3' });
  Date.now = realNow;
  try {
    const sheet = hf.getSheetId(pick(tabSpec('evaluation').name, lang))!;
    return rows.map((_, i) => ({
      achievement: hf.getCellValue({ sheet, row: i + 1, col: columnIndex('achievement') }),
      status: hf.getCellValue({ sheet, row: i + 1, col: columnIndex('status') }),
    }));
  } finally {
    hf.destroy();
  }
}

function columnIndex(key: string): number {
  return tabSpec('evaluation').columns.findIndex((c) => c.key === key);
}

describe.each([
  ['en', '2023-07-28'], ['zh-CN', '2023-07-28'], ['en', '2023-10-08'], ['zh-CN', '2023-09-30'],
] as const)('the template\'s formulas give the report\'s figure or none, never another (%s, %s)', (lang: Lang, today: string) => {
  const sheet = templateValues(lang, TYPED_ROWS, today);
  const report = reportFigures(lang, dayFromIso(today));
  const label = (key: string): string => pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang);
  test.each(TYPED_ROWS.map((row, i) => [row.what, i] as const))('%s', (_what, i) => {
    const row = TYPED_ROWS[i]!;
    const { achievement, status } = sheet[i]!;
    const core = report[i]!;
    if (row.text && core.status !== 'no_data') {
      // Text the built-in formulas cannot read: Check data, never a number.
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
    // The example cycle (2023 Q3) is over: met or missed.
    expect([2, 3, 4, 5].map((r) => value('evaluation', `${h}${r}`))).toEqual([label('missed'), label('met'), label('met'), label('missed')]);
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
