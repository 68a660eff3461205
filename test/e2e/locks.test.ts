import { Emulator } from '../../src/node/emulator';
import { exampleEmulator } from './harness';

/** Lock contention of the Friday reminder trigger: another run (a report, a roll-over) holds the document lock. */

const THURSDAY = new Date('2023-07-27T15:00:00+08:00');
const FRIDAY_9 = new Date('2023-07-28T09:00:00+08:00');

function remindersOn(): Emulator {
  const emulator = exampleEmulator({ now: THURSDAY });
  emulator.call('menuTurnRemindersOn');
  emulator.clock.set(FRIDAY_9);
  return emulator;
}

function logDetails(emulator: Emulator): string[] {
  const sheet = emulator.spreadsheet.getSheetByName('Log')!;
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 4).getValues().map((r) => String(r[3]));
}

const ours = (emulator: Emulator) => emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger');
const oneOffs = (emulator: Emulator) => ours(emulator).filter((t) => t.spec.at !== undefined);
const EVERYONE = ['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com'];

describe('the reminder trigger when another run holds the document lock', () => {
  it('waits up to 30 s for the lock, then sends as usual', () => {
    const emulator = remindersOn();
    emulator.locks.holdByOther('document', 20_000);
    const runs = emulator.fireTimeTriggers();
    expect(runs[0]!.error).toBeUndefined();
    expect(emulator.mail.map((m) => m.to)).toEqual(EVERYONE);
    expect(oneOffs(emulator)).toEqual([]);
  });

  it('having waited, plans from the sheet as the other run left it, not from data read before the wait', () => {
    const emulator = remindersOn();
    emulator.locks.holdByOther('document', 20_000);
    // While the trigger waits, the other run (here: someone's script holding the lock) changes Team and Settings.
    const acquire = emulator.locks.acquire.bind(emulator.locks);
    let edited = false;
    emulator.locks.acquire = (scope, timeoutMs) => {
      if (!edited) {
        edited = true;
        const team = emulator.spreadsheet.getSheetByName('Team')!;
        const rows = team.getRange(1, 1, team.getLastRow(), team.getLastColumn()).getValues();
        const emailColumn = rows[0]!.indexOf('Email');
        const wangRow = rows.findIndex((r) => r.includes('wang@example.com'));
        team.getRange(wangRow + 1, emailColumn + 1).setValue('wang.new@example.com');
        const settings = emulator.spreadsheet.getSheetByName('Settings')!;
        const labels = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
        settings.getRange(labels.indexOf('Manager emails') + 1, 2).setValue('vp@example.com');
      }
      return acquire(scope, timeoutMs);
    };
    const runs = emulator.fireTimeTriggers();
    expect(edited).toBe(true);
    expect(runs[0]!.error).toBeUndefined();
    // Planned from the sheet as the other run left it: the two addresses it typed in are planned, and (not yet
    // confirmed by anyone) wait for confirmation instead of being mailed; wang@ is no longer planned at all.
    expect(emulator.mail.map((m) => m.to)).toEqual(['zhang@example.com', 'li@example.com']);
    const log = logDetails(emulator);
    for (const email of ['vp@example.com', 'wang.new@example.com']) {
      expect(log).toContain(`Not sent to ${email}: the address was added after the recipients were confirmed. Confirm it with Reminders → Turn reminders on or Send reminders now.`);
    }
  });

  it('still busy after 30 s: writes a Log row and a one-off retry of the same week, which sends and deletes itself', () => {
    const emulator = remindersOn();
    emulator.locks.holdByOther('document');
    const runs = emulator.fireTimeTriggers();
    expect(runs[0]!.error).toBeUndefined();
    expect(emulator.mail).toEqual([]);
    expect(logDetails(emulator).at(-1)).toBe(
      'Another run held the sheet for 30 s, so week 2023-W30 was not sent now; it is retried automatically at 2023-07-28 09:10 (Asia/Shanghai) (attempt 1 of 6).',
    );
    expect(ours(emulator)).toHaveLength(2);
    expect(oneOffs(emulator)).toHaveLength(1);
    const retry = JSON.parse(emulator.properties.document.get('reminders.retry')!) as Record<string, unknown>;
    expect(retry).toMatchObject({ id: oneOffs(emulator)[0]!.id, period: 'weekly:2023-W30', scope: 'all', origin: 'trigger', attempt: 1 });
    // The status dialog mentions the pending retry.
    emulator.call('menuReminderStatus');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      "On: every day at 09:00 (Asia/Shanghai): the weekly digest on Fridays, daily tasks on other days Monday to Friday, monthly tasks on the month's last day; " +
      'next run 2023-07-29 09:00, next weekly digest 2023-08-04 09:00; sent by director@example.com\n' +
      'Last run 2023-07-28 09:00: Another run held the sheet for 30 s, so week 2023-W30 was not sent now; it is retried automatically at 2023-07-28 09:10 (Asia/Shanghai) (attempt 1 of 6).\n' +
      'A retry of week 2023-W30 is scheduled for 2023-07-28 09:10 (Asia/Shanghai).',
    );

    emulator.locks.releaseOther('document');
    emulator.clock.set(new Date('2023-07-28T09:15:00+08:00'));
    const retried = emulator.fireTimeTriggers();
    expect(retried).toHaveLength(1);
    expect(retried[0]!.trigger.spec.at).toBeDefined();
    expect(emulator.mail.map((m) => m.to)).toEqual(EVERYONE);
    expect(emulator.mail.every((m) => m.subject.endsWith('week 2023-W30'))).toBe(true);
    expect(logDetails(emulator)).toContain('Automatic retry of week 2023-W30');
    // Exactly one daily trigger is left, and no record of a retry.
    expect(ours(emulator).map((t) => t.spec.everyDays)).toEqual([1]);
    expect(emulator.properties.document.has('reminders.retry')).toBe(false);
  });

  it('a retry past midnight on Sunday still sends the week it retries, not the next one', () => {
    const emulator = exampleEmulator({ now: THURSDAY });
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const labels = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
    settings.getRange(labels.indexOf('Reminder weekday') + 1, 2).setValue('Sunday');
    settings.getRange(labels.indexOf('Reminder hour') + 1, 2).setValue(23);
    emulator.call('menuTurnRemindersOn');
    emulator.locks.holdByOther('document');
    emulator.clock.set(new Date('2023-07-30T23:45:00+08:00')); // the weekly trigger fires late in its hour
    expect(emulator.fireTimeTriggers()).toHaveLength(1);
    expect(emulator.mail).toEqual([]);
    expect(logDetails(emulator).at(-1)).toContain('it is retried automatically at 2023-07-30 23:55 (Asia/Shanghai)');
    emulator.locks.releaseOther('document');
    emulator.clock.set(new Date('2023-07-31T00:05:00+08:00')); // Monday: ISO week 31 has begun
    expect(emulator.fireTimeTriggers()).toHaveLength(1);
    expect(emulator.mail.map((m) => [m.to, m.subject.replace(/^\[East China sales team\] /, '')])).toEqual([
      ['director@example.com', 'Weekly summary, week 2023-W30'],
      ['zhang@example.com', 'Your reminders, week 2023-W30'],
      ['li@example.com', 'Your reminders, week 2023-W30'],
      ['wang@example.com', 'Your reminders, week 2023-W30'],
    ]);
    expect(emulator.properties.document.has('reminders.sent.weekly:2023-W30')).toBe(true);
    expect(emulator.properties.document.has('reminders.sent.weekly:2023-W31')).toBe(false);
  });

  it('never keeps more than one pending retry, and gives up (in Log) after 6 attempts', () => {
    const emulator = remindersOn();
    emulator.locks.holdByOther('document');
    emulator.fireTimeTriggers();
    let retries = 0;
    for (let step = 0; step < 12 && oneOffs(emulator).length > 0; step++) {
      emulator.clock.advance(11 * 60_000);
      retries += emulator.fireTimeTriggers().length;
      expect(oneOffs(emulator).length).toBeLessThanOrEqual(1);
    }
    expect(retries).toBe(6);
    expect(emulator.mail).toEqual([]);
    expect(oneOffs(emulator)).toEqual([]);
    const log = logDetails(emulator).filter((l) => l.startsWith('Another run held the sheet'));
    expect(log).toHaveLength(7);
    expect(log[5]).toMatch(/\(attempt 6 of 6\)\.$/);
    expect(log[6]).toBe(
      'Another run held the sheet for 30 s, so week 2023-W30 was not sent; no more automatic retries after 6 attempts. Use Reminders → Send reminders now.',
    );
    expect(ours(emulator).map((t) => t.spec.everyDays)).toEqual([1]);
    // Once the lock is free, "send now" sends the week.
    emulator.locks.releaseOther('document');
    emulator.call('menuSendRemindersNow');
    expect(emulator.mail.map((m) => m.to)).toEqual(EVERYONE);
  });

  it('"send now" while the lock is busy tells the person, and schedules nothing', () => {
    const emulator = remindersOn();
    emulator.locks.holdByOther('document');
    emulator.call('menuSendRemindersNow');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Another run is in progress. Try again in a minute.');
    expect(oneOffs(emulator)).toEqual([]);
    expect(emulator.mail).toEqual([]);
  });
});
