/** The offline template's Dashboard: the Google Sheet's plan in built-in formulas, computed by HyperFormula. */
import { HyperFormula } from 'hyperformula';
import { join } from 'node:path';
import { Lang } from '../../src/core/i18n';
import { writeTemplate } from '../../src/node/xlsx/template';
import { loadWorkbook, sheetContent, tempDir } from './xlsxHelpers';

const round = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v);

async function dashboard(lang: Lang, example: boolean): Promise<{ hf: HyperFormula; name: string }> {
  const path = join(tempDir(), `dash-${lang}-${example}.xlsx`);
  await writeTemplate(path, { lang, example });
  const wb = await loadWorkbook(path);
  const sheets: Record<string, ReturnType<typeof sheetContent>> = {};
  for (const ws of wb.worksheets) sheets[ws.name] = sheetContent(ws);
  return { hf: HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' }), name: lang === 'zh-CN' ? '看板' : 'Dashboard' };
}

function grid(hf: HyperFormula, name: string, rows: number, columns: number): unknown[][] {
  const sheet = hf.getSheetId(name)!;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => round(hf.getCellValue({ sheet, row: r, col: c }))));
}

describe.each(['en', 'zh-CN'] as const)('the example template\'s Dashboard (%s)', (lang) => {
  beforeAll(() => jest.useFakeTimers({ now: new Date('2023-10-08T10:00:00+08:00'), doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'] }));
  afterAll(() => jest.useRealTimers());

  test('every formula computes, and the tiles hold the seed figures', async () => {
    const { hf, name } = await dashboard(lang, true);
    const values = grid(hf, name, 60, 11);
    // Every cell computes, the hidden helper columns (the China calendar's days, Settings read once) included.
    expect(grid(hf, name, 400, 23).flat().filter((v) => typeof v === 'object' && v !== null)).toEqual([]);
    const tiles = values.slice(6, 12).map((row) => row.slice(1, 4));
    expect(tiles).toEqual([[50, 45, 0.9], [200, 215, 1.075], [200, 220, 1.1], [0.15, 0.12, 0.8], [30, 28, 1.0714], [6, 7.6786, 1.2798]]);
    // Progress by owner: the team targets each owner answers for, with open and overdue tasks (Wang*'s follow-up was
    // due 2023-08-10), last update (no Updated stamp in the example) and last Weekly log on the owner's first row.
    const owners = values.filter((row) => String(row[1]).includes(lang === 'zh-CN' ? '团队目标' : 'team target')).map((row) => [...row.slice(2, 6), ...row.slice(7, 11)]);
    const week = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
    expect(owners).toEqual([
      [50, 45, 50, 0.9, 1, 1, '', week('2023-09-25')],
      [200, 215, 200, 1.075, 0, 0, '', week('2023-09-18')],
      [200, 220, 200, 1.1, null, null, null, null], // no formula there: an empty cell
    ]);
    hf.destroy();
  });
});

test('the empty template\'s Dashboard shows Evaluation rows as they are typed', async () => {
  const { hf, name } = await dashboard('en', false);
  const values = grid(hf, name, 20, 5);
  expect(values.flat().filter((v) => typeof v === 'object' && v !== null)).toEqual([]);
  expect(values[5]!.slice(0, 5)).toEqual(['Metric', 'Target', 'Actual', 'Achievement', 'Status']);
  expect(values.slice(6, 18).every((row) => row[0] === '')).toBe(true);
  hf.destroy();
});
