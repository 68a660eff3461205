/**
 * The service-call floors, pinned (counts, never times; npm run bench shows the times): opening the sheet
 * never reads Tracking, a tab is read in one call, date look-ups do not grow with the distinct days in the
 * data, set-up's second run writes nothing, and one run lists the tabs once.
 */
import { Measured, OPERATIONS, floorOf, measureRun, seeded } from '../../bench/operations';
import { WEEKLY_ATTENTION_SHOWN, WEEKLY_TASKS_SHOWN } from '../../src/core/weeklySheet';
import { Emulator } from '../../src/node/emulator';
import { setUpExample } from './harness';

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
  // Set up the slow way: these floors count calls, and set-up's second run is one of the operations measured.
  const emulator = setUpExample();
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

  it("set-up's second run changes nothing, writes nothing and reads each tab once", () => {
    const calls = counted(emulator, () => emulator.call('menuSetupSheets'));
    expect(calls.writes((key) => !/^(Ui|Lock)\./.test(key))).toBe(0);
    expect(calls.tabsRead().length).toBe(emulator.spreadsheet.getSheets().length);
    for (const tab of calls.tabsRead()) expect([tab, calls.readsOf(tab)['Range.getValues']]).toEqual([tab, 1]);
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

/**
 * Every operation of the benchmark (bench/operations.ts) against its floor, at 10 tracking rows and at BIG, dates
 * over a year: within 1.5× the floor, and the same count (±2) at both sizes. Counts only (npm run bench shows the
 * times and 10,000 rows). Operations that leave the sheet as another can start from share one seeded sheet per
 * size and run in the same order on both, so the two sizes stay comparable.
 */
describe('every operation within 1.5× its floor, flat in rows', () => {
  const BIG = 1_500;
  const REPORT_DAY = new Date('2023-10-08T10:00:00+08:00');
  const tabsOf = (e: Emulator): number => e.spreadsheet.getSheets().length;
  const measure = (name: string, e: Emulator, run: () => void): { calls: number; floor: number } => {
    const m = measureRun(e, run);
    return { calls: m.calls, floor: floorOf(name, m, tabsOf(e)).floor };
  };
  const expectWithin = (name: string, small: { calls: number; floor: number }, big: { calls: number; floor: number }): void => {
    expect([name, small.calls <= 1.5 * small.floor, big.calls <= 1.5 * big.floor]).toEqual([name, true, true]);
    expect([name, Math.abs(big.calls - small.calls) <= 2]).toEqual([name, true]);
  };

  /** Operations run in this order on one sheet per size (the day of each sequence is its first operation's). */
  const sequences: { now?: Date; ops: [string, (e: Emulator) => void][] }[] = [
    { ops: [['open', (e) => e.fireOnOpen()], ['setupAgain', (e) => e.call('menuSetupSheets')], ['check', (e) => e.call('menuCheckData')], ['remindWeekly', (e) => e.call('menuSendRemindersNow')]] },
    {
      now: REPORT_DAY,
      ops: [['plan', (e) => e.call('menuGeneratePlan')], ['playbook', (e) => e.call('menuPlaybookManual')], ['report', (e) => e.call('menuGenerateReport')], ['rollover', (e) => e.call('menuStartNextCycle')]],
    },
  ];
  for (const { now, ops } of sequences) {
    describe(ops.map(([name]) => name).join(', '), () => {
      const results = new Map<string, { calls: number; floor: number }[]>();
      beforeAll(() => {
        for (const rows of [10, BIG]) {
          const e = seeded(rows, now);
          for (const [name, run] of ops) results.set(name, [...(results.get(name) ?? []), measure(name, e, () => run(e))]);
        }
      }, 600_000);
      it.each(ops.map(([name]) => name))('%s', (name) => {
        const [small, big] = results.get(name)!;
        expectWithin(name, small!, big!);
      });
    });
  }

  it.each(['remindDaily', 'checkIn'])('%s (its own sheet per size)', (name) => {
    const op = OPERATIONS.find((o) => o.name === name)!;
    const [small, big] = [10, BIG].map((rows) => {
      const { emulator, run } = op.prepare(rows);
      return measure(name, emulator, run);
    });
    expectWithin(name, small!, big!);
  }, 600_000);

  it('refreshing a roll-up of two regions (10 and 300 rows each)', () => {
    const op = OPERATIONS.find((o) => o.name === 'rollupRefresh')!;
    const [small, big] = [10, 300].map((rows) => {
      const { emulator, run } = op.prepare(rows);
      return measure('rollupRefresh', emulator, run);
    });
    expectWithin('rollupRefresh', small!, big!);
  }, 600_000);

  it('set-up on a blank spreadsheet stays within 1.5× its floor', () => {
    const { emulator, run } = OPERATIONS.find((o) => o.name === 'setup')!.prepare(0);
    const m = measure('setup', emulator, run);
    expect(m.calls).toBeLessThanOrEqual(1.5 * m.floor);
  }, 600_000);

  it("the weekly tracking sheet grows with the rows only by its status cells' backgrounds, up to the sheet's caps", () => {
    const op = OPERATIONS.find((o) => o.name === 'weeklySheet')!;
    const [small, big] = [10, BIG].map((rows) => {
      const { emulator, run } = op.prepare(rows);
      const m = measureRun(emulator, run);
      return { ...m, floor: floorOf('weeklySheet', m, tabsOf(emulator)).floor };
    });
    for (const m of [small!, big!]) expect(m.calls).toBeLessThanOrEqual(1.5 * m.floor);
    const backgrounds = (m: Measured): number => m.byKey['TableCell.setBackgroundColor'] ?? 0;
    // One status cell per task and per attention line shown (core/weeklySheet.ts caps both), one more for the note.
    expect(backgrounds(big!)).toBeLessThanOrEqual(WEEKLY_TASKS_SHOWN + WEEKLY_ATTENTION_SHOWN + 1);
    // Besides them, only the note under each of the two capped tables saying how many rows it leaves out (a
    // paragraph and its style: two calls each).
    expect(Math.abs(big!.calls - backgrounds(big!) - (small!.calls - backgrounds(small!)))).toBeLessThanOrEqual(2 + 2 * 2);
  }, 600_000);
});
