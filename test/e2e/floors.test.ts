/**
 * The service-call floors, pinned (counts, never times; npm run bench shows the times): opening the sheet
 * never reads Tracking, a tab is read in one call, date look-ups do not grow with the distinct days in the
 * data, set-up's second run writes nothing, and one run lists the tabs once.
 */
import { Emulator } from '../../src/node/emulator';
import { exampleEmulator } from './harness';

const DAY_MS = 86_400_000;
const JAN_1 = Date.parse('2022-12-31T16:00:00Z'); // 2023-01-01 00:00 in Shanghai

/** Tracking rows whose planned dates and Updated stamps fall on `days` distinct days spread over 2023. */
function trackingRows(n: number, days: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => {
    // Day 0 and day 364 always occur: every sheet spans the same year, only the distinct days differ.
    const day = days === 1 ? 0 : Math.round(((i % days) * 364) / (days - 1));
    return ['Execute', `Task ${i + 1}`, ['Zhang*', 'Li*', 'Wang*'][i % 3]!, new Date(JAN_1 + day * DAY_MS), 'In progress', '', '', '', '', '', 'Weekly',
      new Date(JAN_1 + day * DAY_MS + ((i * 7_919_993) % DAY_MS))];
  });
}

function withRows(rows: unknown[][]): Emulator {
  const emulator = exampleEmulator();
  const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
  const first = sheet.getLastRow() + 1;
  if (first + rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), first + rows.length - sheet.getMaxRows());
  sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
  emulator.recalculate();
  return emulator;
}

function counted(emulator: Emulator, run: () => void): Emulator['calls'] {
  emulator.calls.reset();
  run();
  return emulator.calls;
}

describe('service-call floors', () => {
  const emulator = withRows(trackingRows(600, 365));

  it('opening the sheet reads Settings for the menu, then only the tabs the Goals progress needs: never Tracking', () => {
    const calls = counted(emulator, () => emulator.fireOnOpen());
    expect(calls.tabsRead()).toEqual(['Evaluation', 'Goals', 'Settings', 'Team', 'Weekly log']);
    expect(calls.readsOf('Tracking')).toEqual({});
    expect(emulator.ui.menus.length).toBeGreaterThan(0);
  });

  it.each([
    ['opening the sheet', (e: Emulator) => e.fireOnOpen()],
    ['Check data', (e: Emulator) => e.call('menuCheckData')],
  ])('%s reads each tab in one call (its number formats, where read, from the same range)', (_name, run) => {
    const calls = counted(emulator, () => run(emulator));
    expect(calls.tabsRead().length).toBeGreaterThan(3);
    for (const tab of calls.tabsRead()) expect([tab, calls.readsOf(tab)['Range.getValues']]).toEqual([tab, 1]);
    expect(calls.count('Sheet.getLastRow') + calls.count('Sheet.getLastColumn')).toBeLessThanOrEqual(4);
  });

  it('lists the tabs once per run, with each name once', () => {
    const calls = counted(emulator, () => emulator.call('menuCheckData'));
    expect(calls.count('Spreadsheet.getSheets')).toBe(1);
    expect(calls.count('Sheet.getName')).toBe(emulator.spreadsheet.getSheets().length);
    expect(calls.count('Spreadsheet.getSpreadsheetTimeZone')).toBe(1);
  });

  it("set-up's second run changes nothing and writes nothing", () => {
    const calls = counted(emulator, () => emulator.call('menuSetupSheets'));
    expect(calls.writes((key) => !/^(Ui|Lock)\./.test(key))).toBe(0);
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/nothing|already/i);
  });
});

describe('date look-ups', () => {
  // The same year spanned by 3 distinct days and by 365: a zone's offsets are found once per run, not per day.
  const few = withRows(trackingRows(300, 3));
  const many = withRows(trackingRows(300, 365));

  it.each([
    ['Check data', 'menuCheckData'],
    ['Send reminders now', 'menuSendRemindersNow'],
    ['Start next cycle', 'menuStartNextCycle'],
  ])('%s makes as many Utilities.formatDate calls for 365 distinct days as for 3', (_name, fn) => {
    const lookups = (e: Emulator): number => counted(e, () => e.call(fn)).count('Utilities.formatDate');
    const forFew = lookups(few);
    expect(forFew).toBeGreaterThan(0);
    expect(forFew).toBeLessThanOrEqual(8);
    expect(lookups(many)).toBe(forFew);
  });
});
