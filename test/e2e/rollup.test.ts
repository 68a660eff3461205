/**
 * The director's roll-up end to end: three regional trackers (East China in English, 华南区域 in Chinese,
 * West China with its columns moved and its amounts in 元), a fourth the director cannot open, and a
 * roll-up spreadsheet, each a built bundle in its own emulator (each is its own container-bound script),
 * joined by IMPORTRANGE (SheetsWorld). The Roll-up tab's per-region and total figures equal the offline
 * `market-expansion rollup` of the same three workbooks; the unreadable region is named with why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pick } from '../../src/core/i18n';
import { TABS } from '../../src/core/schema';
import { CellValue } from '../../src/core/values';
import { Emulator, SheetsWorld } from '../../src/node/emulator';
import { main } from '../../src/node/cli';
import { recordingIo, tempDir } from '../node/xlsxHelpers';
import { RegionGrids, threeRegions, writeRegionXlsx } from '../regions';
import { BUNDLE } from './harness';

const NOW = new Date('2023-09-30T12:00:00+08:00');
const DIRECTOR = 'director@example.com';
const code = readFileSync(BUNDLE, 'utf8');

/** A regional tracker as its team typed it (its tabs, language and column order), set up and checked (Check data fills its Roll-up data). */
function regionSheet(world: SheetsWorld, region: RegionGrids, owner: string, viewers: string[]): Emulator {
  const emulator = new Emulator({
    now: NOW, locale: region.lang === 'zh-CN' ? 'zh_CN' : 'en_US', userEmail: owner, spreadsheetName: region.name,
    spreadsheetId: `1region${owner.replace(/\W/g, '')}${'x'.repeat(30)}`,
  });
  emulator.loadBundle(code);
  for (const tab of TABS) {
    const grid = region.raw[tab.key];
    if (!grid) continue;
    const width = Math.max(...grid.map((r) => r.length));
    const sheet = emulator.spreadsheet.insertSheet(pick(tab.name, region.lang));
    if (grid.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
    if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    sheet.getRange(1, 1, grid.length, width).setValues(grid.map((r) => [...r, ...new Array(width - r.length).fill('')].map((c) => (c ?? '') as CellValue)));
  }
  emulator.call('menuSetupSheets');
  emulator.call('menuCheckData');
  world.add(emulator.spreadsheet, owner, viewers);
  return emulator;
}

function setSetting(emulator: Emulator, label: string, value: string): void {
  const sheet = emulator.spreadsheet.getSheetByName('Settings')!;
  const row = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().findIndex((r) => r[0] === label) + 1;
  if (row < 1) throw new Error(`no setting ${label}`);
  sheet.getRange(row, 2).setValue(value);
}

interface Json {
  regions: { region: string; state: string; metrics?: { metricKey: string; target: number | null; actual: number | null; achievement: number | null }[] }[];
  total: { metrics: { metricKey: string; metric: string; target: number | null; actual: number | null; achievement: number | null }[] };
  unreadable: { region: string }[];
}

describe('a director\'s roll-up of three regional trackers in Google Sheets', () => {
  const world = new SheetsWorld();
  const regions = threeRegions();
  const sheets = regions.map((r, i) => regionSheet(world, r, `lead${i + 1}@example.com`, [DIRECTOR]));
  // North China's sheet exists but is not shared with the director.
  const north = regionSheet(world, { ...regions[0]!, name: 'North China' }, 'north@example.com', []);
  const rollup = new Emulator({ now: NOW, userEmail: DIRECTOR, spreadsheetName: 'China roll-up', spreadsheetId: `1rollup${'x'.repeat(36)}` });
  rollup.loadBundle(code);
  let offline: Json;

  beforeAll(async () => {
    rollup.call('menuSetupSheets');
    setSetting(rollup, 'Mode', 'Regional roll-up');
    setSetting(rollup, 'Region', 'China');
    setSetting(rollup, 'Cycle', '2023 Q3');
    setSetting(rollup, 'Currency unit', '万元');
    rollup.call('menuSetupSheets');
    const list = rollup.spreadsheet.getSheetByName('Regions')!;
    const names = [...regions.map((r) => r.name), 'North China'];
    const urls = [...sheets, north].map((s) => s.spreadsheet.getUrl());
    list.getRange(2, 1, 4, 3).setValues(names.map((name, i) => [name, urls[i]!, `lead${i + 1}@example.com`]));
    rollup.call('menuSetupSheets');
    // The director clicks Allow access once per region; North China's cannot be connected (not shared).
    for (const url of urls) world.allowAccess(rollup.spreadsheet, url, DIRECTOR);
    world.recalculate(rollup.spreadsheet);
    rollup.call('menuRefreshRegions');

    const dir = tempDir();
    const files = ['east.xlsx', 'south.xlsx', 'west.xlsx', 'north.xlsx'];
    for (const [i, region] of regions.entries()) await writeRegionXlsx(region, join(dir, files[i]!));
    writeFileSync(join(dir, 'north.xlsx'), 'no access');
    await main(['rollup', ...files, '--as-of', '2023-09-30', '--currency', '万元', '--json', 'rollup.json'], recordingIo(dir));
    offline = JSON.parse(readFileSync(join(dir, 'rollup.json'), 'utf8')) as Json;
  });

  const rollupTab = (): CellValue[][] => {
    const sheet = rollup.spreadsheet.getSheetByName('Roll-up')!;
    return sheet.getRange(1, 1, sheet.getLastRow(), 9).getValues() as CellValue[][];
  };

  it('Set up writes one IMPORTRANGE per region into a hidden tab, and the menu is the roll-up\'s', () => {
    const imports = rollup.spreadsheet.getSheetByName('Region imports')!;
    expect(imports.isSheetHidden()).toBe(true);
    const formulas = imports.getRange(2, 1, 1, 4 * 13).getFormulas()[0]!.filter((f) => f !== '');
    expect(formulas).toHaveLength(4);
    const url = `https://docs.google.com/spreadsheets/d/${sheets[0]!.spreadsheet.getId()}`;
    expect(formulas[0]).toBe(`=IFERROR(IMPORTRANGE("${url}", "'Roll-up data'!A1:L200"), IMPORTRANGE("${url}", "'汇总数据'!A1:L200"))`);
    rollup.fireOnOpen();
    const menu = rollup.ui.menus.at(-1)!;
    const items = menu.entries.flatMap((e) => (e.kind === 'item' ? [e.caption] : []));
    expect(items).toEqual(['Refresh regions', 'Generate 2023 Q3 roll-up report', 'Send roll-up summary now', 'Turn Friday reminders on', 'Chat settings…', 'Set up or repair sheets']);
    // Each regional tracker keeps its Roll-up data hidden.
    expect(sheets[1]!.spreadsheet.getSheetByName('汇总数据')!.isSheetHidden()).toBe(true);
  });

  it('names the region that cannot be read, with why, and rolls up the rest', () => {
    const list = rollup.spreadsheet.getSheetByName('Regions')!;
    const rows = list.getRange(2, 1, 4, 9).getValues();
    expect(rows.map((r) => [r[0], r[3]])).toEqual([['East China', 'OK'], ['华南区域', 'OK'], ['West China', 'OK'], ['North China', 'Cannot be read']]);
    expect(String(rows[3]![8])).toMatch(/^its sheet cannot be read \(#REF!\): open the hidden Region imports tab and click Allow access/);
    expect(offline.unreadable.map((u) => u.region)).toEqual(['north']);
  });

  it('per-region and total figures equal the offline roll-up of the same three workbooks', () => {
    const rows = rollupTab().slice(1);
    const totalLabel = 'Total';
    let compared = 0;
    for (const total of offline.total.metrics) {
      const lines = rows.filter((r) => r[0] === total.metric);
      const sheetTotal = lines.find((r) => r[2] === totalLabel)!;
      const blank = (v: number | null): CellValue => (v === null ? '' : v);
      expect([sheetTotal[3], sheetTotal[4]]).toEqual([blank(total.target), blank(total.actual)]);
      if (total.achievement === null) expect(sheetTotal[5]).toBe('');
      else expect(sheetTotal[5] as number).toBeCloseTo(total.achievement, 12);
      for (const region of offline.regions.filter((r) => r.state !== 'unreadable')) {
        const figure = region.metrics!.find((m) => m.metricKey === total.metricKey)!;
        const line = lines.find((r) => r[2] === region.region)!;
        expect(line[3]).toEqual(blank(figure.target));
        expect(typeof line[4] === 'number' ? line[4] : null).toBeCloseTo(figure.actual ?? NaN, 9);
        compared++;
      }
    }
    expect(compared).toBe(offline.total.metrics.length * 3);
  });

  it('rates are recomputed from the sums, never averaged', () => {
    const rows = rollupTab().slice(1);
    const total = (metric: string): CellValue[] => rows.find((r) => r[0] === metric && r[2] === 'Total')!;
    // New customers: 45/50, 44/40 and 45/50 are 134/140, not the mean of 90%, 110% and 90%.
    expect(total('New customers').slice(3, 6)).toEqual([140, 134, 134 / 140]);
    // Revenue in 万元: 215/200, 120/150 and West's 1,100,000元/1,000,000元 = 110/100.
    expect(total('Revenue').slice(3, 6)).toEqual([450, 445, 445 / 450]);
  });

  it('makes the roll-up report as a Google Doc named "2023 Q3 China — regional roll-up"', () => {
    rollup.call('menuGenerateRollupReport');
    const doc = rollup.documents.at(-1)!;
    expect(doc.getName()).toBe('2023 Q3 China — regional roll-up');
    const text = doc.getBody().getText();
    expect(text).toContain('Regions rolled up');
    expect(text).toContain('North China (Cannot be read): its sheet cannot be read (#REF!)');
  });

  it('sends the managers\' summary to Settings → Manager emails', () => {
    setSetting(rollup, 'Manager emails', 'vp@example.com');
    rollup.call('menuSendRollupSummary');
    const mail = rollup.mail.at(-1)!;
    expect(mail.to).toBe('vp@example.com');
    expect(mail.subject).toBe('[China] Regional roll-up, 2023 Q3, 2023-09-30');
    expect(mail.body).toContain('China: 3 of 4 regions, cycle 2023 Q3, figures as of 2023-09-30.');
    // Once a week: pressing it again sends nobody the week again.
    const before = rollup.mail.length;
    rollup.call('menuSendRollupSummary');
    expect(rollup.mail.length).toBe(before);
    expect(rollup.ui.alerts.at(-1)!.prompt).toMatch(/^Nobody got the roll-up summary now/);
  });

  it('the weekly trigger sends the roll-up summary on the reminder day, and reminds no owner', () => {
    setSetting(rollup, 'Manager emails', 'ceo@example.com');
    rollup.call('menuTurnRemindersOn');
    // Friday 2023-10-06 is a normal Friday without a work calendar; 09:00 is the reminder hour.
    rollup.clock.set(new Date('2023-10-06T09:00:00+08:00'));
    const before = rollup.mail.length;
    rollup.fireTimeTriggers();
    const sent = rollup.mail.slice(before);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([['ceo@example.com', '[China] Regional roll-up, 2023 Q3, 2023-10-06']]);
  });

  it('reads its regions with a few calls, however many rows they have', () => {
    rollup.calls.reset();
    rollup.call('menuRefreshRegions');
    expect(rollup.calls.count('Range.getValues')).toBeLessThanOrEqual(6);
  });
});
