/**
 * Every entry point in the context Apps Script runs it in (see test/node/strict.test.ts for the rules):
 * onOpen and onEdit as simple triggers (LIMITED), each menu item as a menu run (FULL, as the person
 * clicking), the reminder trigger as a time-driven run (no UI, as its owner), and the custom functions as
 * the sheet's formulas call them (CUSTOM_FUNCTION: read-only, the bundle's own globals).
 */
import { Emulator, MenuEntry } from '../../src/node/emulator';
import { exampleEmulator, formulaReader } from './harness';
import { CUSTOM_FUNCTION_NAMES } from '../../src/core/customFunctions';

function items(emulator: Emulator): { caption: string; fn: string }[] {
  const out: { caption: string; fn: string }[] = [];
  const walk = (entries: readonly MenuEntry[]): void => entries.forEach((e) => {
    if (e.kind === 'item') out.push({ caption: e.caption, fn: e.functionName });
    else if (e.kind === 'submenu') walk(e.menu.entries);
  });
  for (const menu of emulator.ui.menus) walk(menu.entries);
  return out;
}

describe('every entry point in its real context', () => {
  it('onOpen (LIMITED) builds the menu; each of its items runs as a menu click without an error', () => {
    const emulator = exampleEmulator();
    emulator.ui.menus = [];
    emulator.fireOnOpen();
    const all = items(emulator);
    expect(all.map((i) => i.fn)).toEqual(expect.arrayContaining([
      'menuGenerateReport', 'menuCheckData', 'menuSendRemindersNow', 'menuPreviewReminders', 'menuSendTestReminder', 'menuTurnRemindersOn',
      'menuReminderStatus', 'menuChatSettings', 'menuStartNextCycle', 'menuSetupSheets', 'menuLoadExample', 'menuLanguageEnglish',
      'menuLanguageChinese', 'menuLanguageAuto',
    ]));
    const failures: string[] = [];
    for (const item of all) {
      // Start next cycle asks first: answered No here (the roll-over has its own tests).
      if (item.fn === 'menuStartNextCycle') emulator.ui.respondNextAlert('NO');
      try {
        emulator.runMenuFunction(item.fn);
      } catch (error) {
        failures.push(`${item.caption}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    // Turning reminders on made the menu offer the take-over and the off items: they run too.
    emulator.fireOnOpen();
    for (const fn of ['menuTakeOverReminders', 'menuTurnRemindersOff']) expect(() => emulator.runMenuFunction(fn)).not.toThrow();
  });

  it('onEdit runs as a simple trigger and stamps the row', () => {
    const emulator = exampleEmulator();
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    tracking.getRange('E2').setValue('Done');
    const before = emulator.clock.nowMs();
    expect(() => emulator.fireOnEdit(tracking.getRange('E2'), 'In progress')).not.toThrow();
    const header = tracking.getRange(1, 1, 1, tracking.getLastColumn()).getValues()[0]!;
    const stamp = tracking.getRange(2, header.indexOf('Updated') + 1).getValue() as Date;
    expect(stamp.getTime()).toBeGreaterThanOrEqual(before);
    expect(stamp.getTime()).toBeLessThanOrEqual(emulator.clock.nowMs());
  });

  it('the reminder trigger runs time-driven as its owner, with no UI, without an error', () => {
    const emulator = exampleEmulator({ now: new Date('2023-07-27T15:00:00+08:00') });
    emulator.fireOnOpen();
    emulator.runMenuFunction('menuTurnRemindersOn');
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    const runs = emulator.fireTimeTriggers();
    expect(runs.map((r) => r.error?.message)).toEqual([undefined]);
    expect(emulator.mail.length).toBeGreaterThan(0);
  });

  it('the custom functions are the bundle\'s own, run read-only as the sheet\'s formulas call them', () => {
    const emulator = exampleEmulator();
    expect(emulator.customFunctionNames()).toEqual(['ACHIEVEMENT_RATE', 'PACING', 'SUM_AMOUNTS', 'ROI']);
    // The exported workbook carries values for exactly these names (CUSTOM_FUNCTION_NAMES).
    expect([...emulator.customFunctionNames()].sort()).toEqual([...CUSTOM_FUNCTION_NAMES].sort());
    expect(emulator.customFunction('ACHIEVEMENT_RATE', 45, 50)).toBe(0.9);
    expect(emulator.customFunction('ROI', 215, 28, 'label')).toBe('1:7.7');
    const evaluation = emulator.spreadsheet.getSheetByName('Evaluation')!;
    const header = evaluation.getRange(1, 1, 1, evaluation.getLastColumn()).getValues()[0]!;
    const achievement = evaluation.getRange(2, header.indexOf('Achievement') + 1, 4, 1).getValues().map((r) => r[0]);
    expect(achievement).toEqual([0.9, 1.075, 1.1, expect.closeTo(0.8, 12)]);
    expect(formulaReader(emulator).errors()).toEqual([]);
  });
});
