import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { planReminders } from '../../src/core/digest';
import { exampleGrids } from '../../src/core/example';
import { readWorkbook } from '../../src/core/model';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';
import { writeEml } from '../../src/node/eml';
import { Emulator, EmulatorOptions } from '../../src/node/emulator';
import { exampleEmulator } from './harness';

const THURSDAY = new Date('2023-07-27T15:00:00+08:00');
const FRIDAY_9 = new Date('2023-07-28T09:00:00+08:00');

function exampleSheet(opts: EmulatorOptions = {}): Emulator {
  return exampleEmulator({ now: THURSDAY, ...opts });
}

function setSetting(emulator: Emulator, label: string, value: string): void {
  const sheet = emulator.spreadsheet.getSheetByName('Settings')!;
  const labels = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => r[0]);
  const row = labels.indexOf(label);
  if (row < 0) throw new Error(`no setting ${label}`);
  sheet.getRange(row + 1, 2).setValue(value);
}

function setting(emulator: Emulator, label: string): unknown[] {
  const sheet = emulator.spreadsheet.getSheetByName('Settings')!;
  return sheet.getRange(1, 1, sheet.getLastRow(), 3).getValues().find((r) => r[0] === label)!;
}

/** Friday's run with two managers and a mail quota of 3: the managers and Zhang are sent, Li and Wang held back. */
function deferredRun(): Emulator {
  const emulator = exampleSheet();
  setSetting(emulator, 'Manager emails', 'director@example.com, vp@example.com');
  emulator.call('menuTurnRemindersOn');
  emulator.clock.set(FRIDAY_9);
  emulator.faults.setMailQuota(3);
  emulator.fireTimeTriggers();
  return emulator;
}

/** Appends tracking rows (schema order: stage, task, owner, planned, status, …, frequency, updated). */
function addTasks(emulator: Emulator, rows: [task: string, owner: string, planned: string][]): void {
  const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
  const values = rows.map(([task, owner, planned]) => ['Execute', task, owner, planned, 'In progress', '', '', '', '', '', 'Weekly', '']);
  sheet.getRange(sheet.getLastRow() + 1, 1, values.length, 12).setValues(values);
}

function logDetails(emulator: Emulator): string[] {
  const sheet = emulator.spreadsheet.getSheetByName('Log')!;
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 4).getValues().map((r) => String(r[3]));
}

const countBy = (list: readonly string[]): Record<string, number> =>
  list.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

describe('Friday reminders: the trigger', () => {
  it('turning on twice leaves one trigger, every day in the sheet time zone at the Settings hour; off removes only ours', () => {
    const emulator = exampleSheet();
    emulator.services.ScriptApp.newTrigger('someoneElsesHandler').timeBased().everyHours(1).create();
    emulator.call('menuTurnRemindersOn');
    emulator.call('menuTurnRemindersOn');
    const ours = emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.spec).toMatchObject({ eventType: 'CLOCK', everyDays: 1, hour: 9, timeZone: 'Asia/Shanghai' });
    expect(ours[0]!.spec.weekDay).toBeUndefined();
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      "Friday reminders are on: every day at 09:00 (Asia/Shanghai): the weekly digest on Fridays, daily tasks on other days Monday to Friday, monthly tasks on the month's last day; " +
      'next run 2023-07-28 09:00, next weekly digest 2023-07-28 09:00; sent by director@example.com. Turning them on again keeps a single trigger.',
    );
    expect(setting(emulator, 'Reminders on')).toEqual([
      'Reminders on', 'Yes',
      "Status as of 2023-07-27 15:00 (refreshed by each run and by Reminder status): On: every day at 09:00 (Asia/Shanghai): the weekly digest on Fridays, daily tasks on other days Monday to Friday, monthly tasks on the month's last day; " +
      'next run 2023-07-28 09:00, next weekly digest 2023-07-28 09:00; sent by director@example.com',
    ]);
    // The menu now offers to turn them off.
    const reminders = emulator.ui.menus.at(-1)!.entries.find((e) => e.kind === 'submenu');
    expect(JSON.stringify(reminders)).toContain('Turn Friday reminders off');

    emulator.call('menuTurnRemindersOff');
    expect(emulator.triggers.map((t) => t.spec.handler)).toEqual(['someoneElsesHandler']);
    expect(setting(emulator, 'Reminders on')[1]).toBe('No');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Friday reminders are off. 1 trigger removed; nothing else was changed.');
  });

  it('uses the weekday and hour from Settings', () => {
    const emulator = exampleSheet();
    setSetting(emulator, 'Reminder weekday', 'Monday');
    setSetting(emulator, 'Reminder hour', '17');
    emulator.call('menuTurnRemindersOn');
    expect(emulator.triggers[0]!.spec).toMatchObject({ everyDays: 1, hour: 17 });
    expect(emulator.ui.alerts.at(-1)?.prompt).toContain(
      'every day at 17:00 (Asia/Shanghai): the weekly digest on Mondays, daily tasks on other days Monday to Friday, monthly tasks on the month\'s last day; next run 2023-07-27 17:00, next weekly digest 2023-07-31 17:00;',
    );
  });

  it('fires on Friday at 9; firing twice in the same hour and "send now" afterwards give each person one email', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(new Date('2023-07-28T08:00:00+08:00'));
    expect(emulator.fireTimeTriggers()).toEqual([]);
    emulator.clock.set(FRIDAY_9);
    const runs = emulator.fireTimeTriggers();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.error).toBeUndefined();
    emulator.clock.set(new Date('2023-07-28T09:20:00+08:00'));
    emulator.fireTrigger(emulator.triggers[0]!); // a retry in the same hour
    emulator.call('menuSendRemindersNow');
    expect(countBy(emulator.mail.map((m) => m.to))).toEqual({
      'director@example.com': 1, 'zhang@example.com': 1, 'li@example.com': 1, 'wang@example.com': 1,
    });
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      'week 2023-W30: 0 emails sent, 4 already sent earlier in this period, 0 deferred to the next run (mail quota), 0 people not reminded. Details are in Log.',
    );
    const log = logDetails(emulator);
    expect(log).toContain('Sent week 2023-W30 to wang@example.com (owner, rows listed: 1)');
    expect(log.filter((l) => l === 'Not sent again: wang@example.com already got week 2023-W30')).toHaveLength(2);
    expect(emulator.mail.every((m) => m.htmlBody !== undefined && m.body !== '')).toBe(true);
    // The next week is a new period: people are reminded again.
    emulator.clock.set(new Date('2023-08-04T09:00:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail.filter((m) => m.to === 'wang@example.com').map((m) => m.subject)).toEqual([
      '[East China sales team] Your reminders, week 2023-W30',
      '[East China sales team] Your reminders, week 2023-W31',
    ]);
  });

  it('with a mail quota of 3 and 5 recipients sends the managers first and the rest on the next run', () => {
    const emulator = deferredRun();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'vp@example.com', 'zhang@example.com']);
    expect(logDetails(emulator)).toEqual(expect.arrayContaining([
      'Deferred to the next run (mail quota): li@example.com (week 2023-W30)',
      'Deferred to the next run (mail quota): wang@example.com (week 2023-W30)',
    ]));
    expect(emulator.properties.document.get('reminders.deferred.weekly:2023-W30')).toBe('["o:li@example.com","o:wang@example.com"]');
    // The next day the quota is back; "send now" is the next run of the same week.
    emulator.clock.set(new Date('2023-07-29T10:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'vp@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
    expect(emulator.properties.document.has('reminders.deferred.weekly:2023-W30')).toBe(false);
  });
});

const oneOffs = (emulator: Emulator) => emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger' && t.spec.at !== undefined);
const dailies = (emulator: Emulator) => emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger' && t.spec.everyDays === 1);

describe('Friday reminders: emails held back by the mail quota', () => {

  it('are sent by a one-off trigger the next day, with no manual action: each person gets one email for the week', () => {
    const emulator = deferredRun();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'vp@example.com', 'zhang@example.com']);
    expect(dailies(emulator)).toHaveLength(1);
    expect(oneOffs(emulator).map((t) => t.spec.at!.toISOString().slice(0, 16))).toEqual(['2023-07-29T01:05']); // Saturday 09:05 Shanghai (plus the run's seconds)
    expect(logDetails(emulator)).toContain(
      'The 2 emails of week 2023-W30 held back by the mail quota are sent automatically at 2023-07-29 09:05 (Asia/Shanghai), once the quota has refreshed.',
    );
    // The summary does not claim the held-back reminders went out.
    const summary = emulator.mail.find((m) => m.to === 'director@example.com')!;
    expect(summary.body).toContain('Owner reminders planned for this week: 3. Any the daily mail quota holds back are sent automatically later');

    emulator.clock.set(new Date('2023-07-29T09:00:00+08:00'));
    // Saturday's daily run: no daily digest at the weekend, so it sends nothing; the retry is not due yet.
    expect(emulator.fireTimeTriggers().map((r) => [r.trigger.spec.everyDays, r.error])).toEqual([[1, undefined]]);
    expect(emulator.mail).toHaveLength(3);
    expect(logDetails(emulator).at(-1)).toBe('No daily digest on Saturdays and Sundays: daily digests go out Monday to Friday.');
    expect(oneOffs(emulator)).toHaveLength(1); // the daily run leaves the weekly run's retry alone
    emulator.clock.set(new Date('2023-07-29T09:10:00+08:00'));
    const runs = emulator.fireTimeTriggers();
    expect(runs.map((r) => [r.trigger.spec.at !== undefined, r.error])).toEqual([[true, undefined]]);
    expect(emulator.mail.slice(3).map((m) => [m.to, m.subject])).toEqual([
      ['li@example.com', '[East China sales team] Your reminders, week 2023-W30'],
      ['wang@example.com', '[East China sales team] Your reminders, week 2023-W30'],
    ]);
    expect(countBy(emulator.mail.map((m) => m.to))).toEqual({
      'director@example.com': 1, 'vp@example.com': 1, 'zhang@example.com': 1, 'li@example.com': 1, 'wang@example.com': 1,
    });
    // The retry deleted itself; the weekly trigger stays; nothing is left deferred.
    expect(oneOffs(emulator)).toEqual([]);
    expect(dailies(emulator)).toHaveLength(1);
    expect(emulator.properties.document.has('reminders.deferred.weekly:2023-W30')).toBe(false);
    expect(emulator.properties.document.has('reminders.retry')).toBe(false);
    expect(logDetails(emulator).slice(-3)).toEqual([
      'Automatic retry of week 2023-W30',
      'Sent week 2023-W30 to li@example.com (owner)',
      'Sent week 2023-W30 to wang@example.com (owner, rows listed: 1)',
    ]);
    // Firing again sends nothing more for the week.
    emulator.clock.set(new Date('2023-07-29T12:00:00+08:00'));
    expect(emulator.fireTimeTriggers()).toEqual([]);
    expect(emulator.mail).toHaveLength(5);
  });

  it('when the quota is still short the next day, sends what fits and keeps a single pending retry for the rest', () => {
    const emulator = deferredRun();
    emulator.clock.set(new Date('2023-07-29T09:10:00+08:00'));
    emulator.faults.setMailQuota(1);
    emulator.fireTimeTriggers();
    expect(emulator.mail.slice(3).map((m) => m.to)).toEqual(['li@example.com']);
    expect(oneOffs(emulator).map((t) => t.spec.at!.toISOString().slice(0, 16))).toEqual(['2023-07-30T01:15']);
    emulator.clock.set(new Date('2023-07-30T09:20:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail.slice(4).map((m) => m.to)).toEqual(['wang@example.com']);
    expect(oneOffs(emulator)).toEqual([]);
  });

  it('"send now" before the retry sends the held-back emails and removes the retry', () => {
    const emulator = deferredRun();
    emulator.clock.set(new Date('2023-07-29T10:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    expect(emulator.mail.slice(3).map((m) => m.to)).toEqual(['li@example.com', 'wang@example.com']);
    expect(oneOffs(emulator)).toEqual([]);
    expect(emulator.properties.document.has('reminders.retry')).toBe(false);
  });

  it('"send now" that the quota cuts short says when the rest goes out', () => {
    const emulator = exampleSheet({ now: new Date('2023-07-28T15:00:00+08:00') });
    emulator.faults.setMailQuota(2);
    emulator.call('menuSendRemindersNow');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(
      /^week 2023-W30: 2 emails sent, 0 already sent earlier in this period, 2 deferred to the next run \(mail quota\), 0 people not reminded\. Details are in Log\. They are sent automatically at 2023-07-29 15:05 \(Asia\/Shanghai\)\.$/,
    );
    expect(oneOffs(emulator)).toHaveLength(1);
    // Reminders are off in Settings, but a "send now" retry still finishes what the person started.
    emulator.clock.set(new Date('2023-07-29T15:10:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
  });

  it('turning reminders off removes a pending retry too; turning on again keeps one daily trigger and the retry', () => {
    const emulator = deferredRun();
    emulator.call('menuTurnRemindersOn');
    expect(dailies(emulator)).toHaveLength(1);
    expect(oneOffs(emulator)).toHaveLength(1);
    emulator.call('menuTurnRemindersOff');
    expect(emulator.triggers).toEqual([]);
    expect(emulator.properties.document.has('reminders.retry')).toBe(false);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Friday reminders are off. 2 triggers removed; nothing else was changed.');
  });
});

describe('Friday reminders: status and settings', () => {
  it('"when it runs next" follows the clock: in the status dialog and, after each run, in Settings', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    const schedule = (next: string, nextWeekly: string): string =>
      "On: every day at 09:00 (Asia/Shanghai): the weekly digest on Fridays, daily tasks on other days Monday to Friday, monthly tasks on the month's last day; " +
      `next run ${next}, next weekly digest ${nextWeekly}; sent by director@example.com`;
    const asOf = (time: string): string => `Status as of ${time} (refreshed by each run and by Reminder status): `;
    expect(setting(emulator, 'Reminders on')[2]).toBe(asOf('2023-07-28 09:00') + schedule('2023-07-29 09:00', '2023-08-04 09:00'));
    // Saturday's run refreshes the snapshot (one write).
    emulator.clock.set(new Date('2023-07-29T09:00:00+08:00'));
    emulator.fireTimeTriggers();
    expect(setting(emulator, 'Reminders on')[2]).toBe(asOf('2023-07-29 09:00') + schedule('2023-07-30 09:00', '2023-08-04 09:00'));
    emulator.clock.set(new Date('2023-08-20T10:00:00+08:00'));
    emulator.call('menuReminderStatus');
    expect(emulator.ui.alerts.at(-1)).toMatchObject({
      title: 'Reminder status',
      prompt: `${schedule('2023-08-21 09:00', '2023-08-25 09:00')}\nLast run 2023-07-29 09:00: No daily digest on Saturdays and Sundays: daily digests go out Monday to Friday.`,
    });
    // Showing the status refreshes the snapshot too.
    expect(setting(emulator, 'Reminders on')[2]).toBe(asOf('2023-08-20 10:00') + schedule('2023-08-21 09:00', '2023-08-25 09:00'));
    emulator.call('menuTurnRemindersOff');
    emulator.call('menuReminderStatus');
    // Off, and what the last run did is still shown.
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Off (use the menu: Turn Friday reminders on)\nLast run 2023-07-29 09:00: No daily digest on Saturdays and Sundays: daily digests go out Monday to Friday.');
    expect(setting(emulator, 'Reminders on')[2]).toBe(`${asOf('2023-08-20 10:00')}Off (use the menu: Turn Friday reminders on)`);
  });

  it("the managers' summary says to remove the address from Settings → Manager emails", () => {
    const emulator = exampleSheet({ now: FRIDAY_9 });
    emulator.call('menuSendRemindersNow');
    const summary = emulator.mail.find((m) => m.to === 'director@example.com')!;
    expect(summary.body).toContain(
      'Sent automatically by director@example.com from the East China sales team market-expansion sheet. You get this summary because your address is in Settings → Manager emails; to stop it, remove your address there.',
    );
    expect(summary.htmlBody).not.toContain('set Reminders to No');
    expect(emulator.mail.find((m) => m.to === 'wang@example.com')!.body).toContain('set Reminders to No on your row in Team');
  });

  it.each([
    ['Reminder hour', '25', 'Friday reminders were not turned on, because Settings, row 10: Setting "Reminder hour" has "25": use a whole number from 0 to 23. Correct the value in Settings and turn reminders on again.'],
    ['Reminder weekday', 'Fri.', 'Friday reminders were not turned on, because Settings, row 9: Setting "Reminder weekday" has "Fri.": choose Monday / Tuesday / Wednesday / Thursday / Friday / Saturday / Sunday. Correct the value in Settings and turn reminders on again.'],
  ])('refuses to turn on with %s = %s, naming the row, the value and what is accepted', (label, value, message) => {
    const emulator = exampleSheet();
    setSetting(emulator, label, value);
    emulator.call('menuTurnRemindersOn');
    expect(emulator.triggers).toEqual([]);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(message);
    expect(logDetails(emulator).at(-1)).toBe(message);
    expect(setting(emulator, 'Reminders on')[1]).toBe('No');
    expect(emulator.properties.document.has('reminders.status')).toBe(false);
    // Corrected, it turns on.
    setSetting(emulator, label, label === 'Reminder hour' ? '9' : 'Friday');
    emulator.call('menuTurnRemindersOn');
    expect(dailies(emulator)).toHaveLength(1);
  });

  it('refuses in Chinese too', () => {
    const emulator = exampleSheet();
    setSetting(emulator, 'Language', '简体中文');
    setSetting(emulator, 'Reminder hour', '25');
    emulator.call('menuTurnRemindersOn');
    expect(emulator.triggers).toEqual([]);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('周五提醒未开启，原因：设置 第 10 行：设置“提醒时间（时）”的值“25”：请填写 0 到 23 之间的整数。请在“设置”中更正后再次开启提醒。');
  });
});

describe('Friday reminders: what each email holds', () => {
  it('lists only the recipient\'s own tasks, escapes cell text and keeps subjects on one line', () => {
    const emulator = exampleSheet({ now: FRIDAY_9 });
    addTasks(emulator, [
      ['<img src=x onerror=alert(1)>', 'Zhao*', '2023-07-27'],
      ['Li private task', 'Li*', '2023-07-26'],
      ['Zhang private task', 'Zhang*', '2023-07-30'],
    ]);
    setSetting(emulator, 'Team', 'East China\nsales team');
    emulator.call('menuSendRemindersNow');
    const owners = emulator.mail.filter((m) => m.to !== 'director@example.com');
    expect(owners.map((m) => m.to)).toEqual(['zhang@example.com', 'li@example.com', 'wang@example.com', 'zhao@example.com']);
    const own: Record<string, string> = {
      'zhang@example.com': 'Zhang private task', 'li@example.com': 'Li private task',
      'wang@example.com': 'Follow up new-customer contracts', 'zhao@example.com': '&lt;img src=x onerror=alert(1)&gt;',
    };
    for (const mail of owners) {
      for (const [to, name] of Object.entries(own)) {
        expect(mail.htmlBody!.includes(name)).toBe(to === mail.to);
      }
    }
    const zhao = owners.find((m) => m.to === 'zhao@example.com')!;
    expect(zhao.htmlBody).not.toContain('<img');
    expect(zhao.body).toContain('<img src=x onerror=alert(1)>'); // plain text stays as typed
    expect(zhao.htmlBody).toMatch(/<a href="https:\/\/docs\.google\.com\/spreadsheets\/d\/[^"]+#gid=\d+&amp;range=A5">&lt;img/);
    for (const mail of emulator.mail) {
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.subject).toContain('East China sales team');
      expect(mail.subject).toContain('2023-W30');
    }
    // The summary (to the director) shows the overdue tasks among its risks, escaped.
    const summary = emulator.mail.find((m) => m.to === 'director@example.com')!;
    expect(summary.subject).toBe('[East China sales team] Weekly summary, week 2023-W30');
    expect(summary.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt; (Zhao*): 1 day overdue');
    expect(summary.htmlBody).not.toContain('<img');
    // Each owner's targets against what is expected by today, their open and overdue tasks and last check-in (ownerPerformance.ts).
    expect(summary.body).toContain([
      'Progress and work by owner',
      '- Zhang* | Targets against what is expected by today: East China revenue (team target, 10k CNY): 48 against 60.87 expected (78.9%, Off track) | Open tasks: 1 | Overdue tasks: 0 | Not updated this week: 1 | Overdue retrospective actions: 0 | Last check-in: numbers for the week of 2023-07-17',
      '- Li* | Targets against what is expected by today: Lead conversion rate (team target): 8.3% against 15% expected (55.6%, Off track) | Open tasks: 1 | Overdue tasks: 1 | Not updated this week: 1 | Overdue retrospective actions: 0 | Last check-in: numbers for the week of 2023-07-10',
      '- Wang* | Targets against what is expected by today: New customers (team target): 10 against ≈13.5 expected (73.8%, Off track); Customer visits (team target): 64 against ≈60.9 expected (105.1%, On track) | Open tasks: 1 | Overdue tasks: 0 | Not updated this week: 1 | Overdue retrospective actions: 0 | Last check-in: numbers for the week of 2023-07-24',
      '- Zhao* | Targets against what is expected by today: — | Open tasks: 1 | Overdue tasks: 1 | Not updated this week: 1 | Overdue retrospective actions: 0 | Last check-in: —',
    ].join('\n'));
    expect(summary.htmlBody).toContain('padding:4px">Last check-in</th>');
    expect(summary.htmlBody).toContain('New customers (team target): 10 against ≈13.5 expected (73.8%, Off track); Customer visits (team target)');
  });

  it('pause sends nothing, from the trigger or from "send now"', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    setSetting(emulator, 'Pause all email', 'Yes');
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    emulator.call('menuSendRemindersNow');
    emulator.call('menuSendTestReminder');
    expect(emulator.mail).toEqual([]);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Nothing was sent: Settings → Pause all email is Yes. Set it to No to send.');
    expect(logDetails(emulator).filter((l) => l === 'Nothing sent: Settings → Pause all email is Yes')).toHaveLength(3);
  });

  it('preview sends nothing and shows what each person would get', () => {
    const emulator = exampleSheet({ now: FRIDAY_9 });
    emulator.call('menuPreviewReminders');
    expect(emulator.mail).toEqual([]);
    const dialog = emulator.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Preview reminders');
    for (const to of ['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']) expect(dialog.html).toContain(to);
    expect(dialog.html).toContain('week 2023-W30: 4 emails would be sent (0 already sent in this period). Mail quota left today: 100.');
    expect(emulator.properties.document.size).toBe(0);
  });

  it('"send a test to me" sends everything to the person clicking only, marked [TEST], and records no period', () => {
    const emulator = exampleSheet({ now: FRIDAY_9, userEmail: 'me@example.com' });
    emulator.call('menuSendTestReminder');
    expect(emulator.mail.map((m) => m.to)).toEqual(['me@example.com', 'me@example.com', 'me@example.com', 'me@example.com']);
    expect(emulator.mail.every((m) => m.subject.startsWith('[TEST] '))).toBe(true);
    expect(emulator.mail[1]!.htmlBody).toContain('Test: in a real run this email goes to zhang@example.com.');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('4 test emails sent to me@example.com, each marked [TEST]. Nothing was sent to anyone else and nothing was recorded as sent.');
    // The real run afterwards still sends everyone their email.
    emulator.call('menuSendRemindersNow');
    expect(emulator.mail.slice(4).map((m) => m.to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
  });

  it('the trigger sends nothing when Settings says reminders are off', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    setSetting(emulator, 'Reminders on', 'No');
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    expect(emulator.mail).toEqual([]);
    expect(logDetails(emulator).at(-1)).toMatch(/^Nothing sent: Settings → Reminders on is No/);
  });
});

/** Appends tracking rows with a frequency and an Updated date (schema order). */
function addTracked(emulator: Emulator, rows: [task: string, owner: string, planned: string, frequency: string, updated: string][]): void {
  const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
  const values = rows.map(([task, owner, planned, frequency, updated]) => ['Execute', task, owner, planned, 'In progress', '', '', '', '', '', frequency, updated]);
  sheet.getRange(sheet.getLastRow() + 1, 1, values.length, 12).setValues(values);
}

describe('one daily trigger: the weekly digest on the weekday, daily tasks on other days Monday to Friday, monthly tasks at month end', () => {
  function planted(): Emulator {
    const emulator = exampleSheet({ now: new Date('2023-07-26T15:00:00+08:00') });
    addTracked(emulator, [
      ['Prepare trade show booth', 'Zhao*', '2023-07-28', 'Daily', '2023-07-25'],
      ['Review quarter pipeline', 'Wang*', '2023-09-30', 'Monthly', '2023-06-28'],
    ]);
    emulator.call('menuTurnRemindersOn');
    return emulator;
  }
  const subjects = (emulator: Emulator, from = 0): string[][] =>
    emulator.mail.slice(from).map((m) => [m.to, m.subject.replace(/^\[East China sales team\] /, '')]);

  it('sends each kind on its day, to the right people, never twice in a period', () => {
    const emulator = planted();
    // Thursday: the daily digest, only to Zhao (the one daily-tracked task); no managers' summary.
    emulator.clock.set(new Date('2023-07-27T09:00:00+08:00'));
    expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
    expect(subjects(emulator)).toEqual([['zhao@example.com', 'Daily reminders, 2023-07-27 (week 2023-W30)']]);
    expect(emulator.mail[0]!.body).toContain('Due today or tomorrow (1)\n- Prepare trade show booth [Execute]');
    emulator.clock.set(new Date('2023-07-27T09:30:00+08:00'));
    emulator.fireTrigger(dailies(emulator)[0]!); // a second firing the same day
    expect(emulator.mail).toHaveLength(1);
    expect(logDetails(emulator)).toEqual(expect.arrayContaining([
      'Sent 2023-07-27 (daily) to zhao@example.com (owner, rows listed: 1)',
      'Not sent again: zhao@example.com already got 2023-07-27 (daily)',
    ]));
    expect(emulator.properties.document.has('reminders.sent.daily:2023-07-27')).toBe(true);

    // Friday, the Settings weekday: the weekly digest to everyone plus the managers' summary (as before).
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    expect(subjects(emulator, 1)).toEqual([
      ['director@example.com', 'Weekly summary, week 2023-W30'],
      ['zhang@example.com', 'Your reminders, week 2023-W30'],
      ['li@example.com', 'Your reminders, week 2023-W30'],
      ['wang@example.com', 'Your reminders, week 2023-W30'],
      ['zhao@example.com', 'Your reminders, week 2023-W30'],
    ]);
    // Wang's monthly task waits for the month's last day (3 days later), not the last Friday.
    expect(logDetails(emulator)).toContain('Sent week 2023-W30 to wang@example.com (owner, rows listed: 1)');
    expect(emulator.mail.find((m) => m.to === 'wang@example.com')!.body).not.toContain('Review quarter pipeline');

    // Saturday and Sunday: no daily digest (daily digests go out Monday to Friday), though Zhao's booth is overdue.
    for (const day of ['2023-07-29', '2023-07-30']) {
      emulator.clock.set(new Date(`${day}T09:00:00+08:00`));
      expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
      expect(logDetails(emulator).at(-1)).toBe('No daily digest on Saturdays and Sundays: daily digests go out Monday to Friday.');
    }
    expect(emulator.mail).toHaveLength(6);
    expect(emulator.properties.document.has('reminders.sent.daily:2023-07-29')).toBe(false);

    // Monday 31 July, the month's last day: one month-end email per person, monthly and daily tasks together.
    emulator.clock.set(new Date('2023-07-31T09:00:00+08:00'));
    emulator.fireTimeTriggers();
    emulator.fireTrigger(dailies(emulator)[0]!);
    expect(subjects(emulator, 6)).toEqual([
      ['wang@example.com', 'Month-end reminders, 2023-07 (week 2023-W31)'],
      ['zhao@example.com', 'Month-end reminders, 2023-07 (week 2023-W31)'],
    ]);
    expect(emulator.mail[6]!.body).toContain('Not updated this month (1)\n- Review quarter pipeline [Execute]');
    expect(emulator.mail[7]!.body).toContain('3 days overdue (due 2023-07-28)');
    expect(emulator.properties.document.has('reminders.sent.daily:2023-07-31')).toBe(false);
    expect(logDetails(emulator)).toContain('Not sent again: wang@example.com already got 2023-07 (month end)');
    expect(countBy(emulator.mail.map((m) => m.to))).toEqual({
      'director@example.com': 1, 'zhang@example.com': 1, 'li@example.com': 1, 'wang@example.com': 2, 'zhao@example.com': 3,
    });
  });

  it('"send now" on a non-weekday sends the weekly digest of the current week; the weekday run then sends that day\'s daily digest instead', () => {
    const emulator = planted();
    emulator.clock.set(new Date('2023-07-27T10:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    expect(subjects(emulator).map(([, subject]) => subject)).toEqual([
      'Weekly summary, week 2023-W30', 'Your reminders, week 2023-W30', 'Your reminders, week 2023-W30',
      'Your reminders, week 2023-W30', 'Your reminders, week 2023-W30',
    ]);
    expect(JSON.parse(emulator.properties.document.get('reminders.weeklySentOn')!)).toEqual({ period: 'weekly:2023-W30', day: '2023-07-27' });
    // Friday, the weekday: the week has gone to everyone, so nobody gets it again; Zhao's daily task is not lost.
    emulator.clock.set(FRIDAY_9);
    expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
    expect(subjects(emulator, 5)).toEqual([['zhao@example.com', 'Daily reminders, 2023-07-28 (week 2023-W30)']]);
    expect(emulator.mail[5]!.body).toContain('Due today or tomorrow (1)\n- Prepare trade show booth [Execute]');
    expect(logDetails(emulator)).toEqual(expect.arrayContaining([
      'week 2023-W30 already went to everyone earlier, so this run sends the daily digest instead.',
      'Sent 2023-07-28 (daily) to zhao@example.com (owner, rows listed: 1)',
    ]));
    // A second firing that day sends nothing more.
    emulator.clock.set(new Date('2023-07-28T09:30:00+08:00'));
    emulator.fireTrigger(dailies(emulator)[0]!);
    expect(emulator.mail).toHaveLength(6);
    expect(logDetails(emulator).at(-1)).toBe('Not sent again: zhao@example.com already got 2023-07-28 (daily)');
  });

  it('a week sent on the weekday itself (by its run or by "send now" that morning) adds no daily digest that day', () => {
    const byTrigger = planted();
    byTrigger.clock.set(FRIDAY_9);
    byTrigger.fireTimeTriggers();
    expect(byTrigger.mail).toHaveLength(5);
    byTrigger.clock.set(new Date('2023-07-28T09:40:00+08:00'));
    byTrigger.fireTrigger(dailies(byTrigger)[0]!); // a second firing the same day
    expect(byTrigger.mail).toHaveLength(5);
    expect(logDetails(byTrigger).at(-1)).toBe('Not sent again: zhao@example.com already got week 2023-W30');

    const byHand = planted();
    byHand.clock.set(new Date('2023-07-28T08:00:00+08:00'));
    byHand.call('menuSendRemindersNow');
    byHand.clock.set(FRIDAY_9);
    byHand.fireTimeTriggers();
    expect(subjects(byHand).map(([to]) => to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com', 'zhao@example.com']);
    expect(byHand.properties.document.has('reminders.sent.daily:2023-07-28')).toBe(false);
    expect(logDetails(byHand).join('\n')).not.toContain('already went to everyone earlier');
  });

  it('"send now" earlier in the week does not cost the month-end digest when the weekday is the month\'s last day', () => {
    // The reviewer's scenario: weekday Saturday; a monthly task due 2023-10-03, last updated 2023-09-01.
    const emulator = exampleSheet({ now: new Date('2023-09-25T15:00:00+08:00') });
    setSetting(emulator, 'Reminder weekday', 'Saturday');
    addTracked(emulator, [['Monthly review', 'Wang', '2023-10-03', 'Monthly', '2023-09-01']]);
    emulator.call('menuTurnRemindersOn');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/^Saturday reminders are on: every day at 09:00 \(Asia\/Shanghai\): the weekly digest on Saturdays,/);
    emulator.clock.set(new Date('2023-09-27T10:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    const wang = (): string[] => emulator.mail.filter((m) => m.to === 'wang@example.com').map((m) => m.subject.replace(/^\[East China sales team\] /, ''));
    expect(wang()).toEqual(['Your reminders, week 2023-W39']);
    expect(emulator.mail.find((m) => m.to === 'wang@example.com')!.body).not.toContain('Monthly review'); // not due yet, not month end
    const sentBy: Record<string, string[]> = {};
    for (const day of ['2023-09-28', '2023-09-29', '2023-09-30', '2023-10-01']) {
      const before = emulator.mail.length;
      emulator.clock.set(new Date(`${day}T09:00:00+08:00`));
      expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
      sentBy[day] = emulator.mail.slice(before).map((m) => m.to);
    }
    expect(sentBy).toEqual({ '2023-09-28': [], '2023-09-29': [], '2023-09-30': ['wang@example.com'], '2023-10-01': [] });
    expect(wang()).toEqual(['Your reminders, week 2023-W39', 'Month-end reminders, 2023-09 (week 2023-W39)']);
    expect(emulator.mail.at(-1)!.body).toContain('Due in the next 7 days (1)\n- Monthly review [Execute]');
    expect(logDetails(emulator)).toEqual(expect.arrayContaining([
      'week 2023-W39 already went to everyone earlier, so this run sends the month-end digest instead.',
      'Sent 2023-09 (month end) to wang@example.com (owner, rows listed: 1)',
    ]));
  });

  it('preview shows what "send now" sends and, on other days, what today\'s automatic run sends', () => {
    const emulator = planted();
    emulator.clock.set(new Date('2023-07-27T10:00:00+08:00'));
    emulator.call('menuPreviewReminders');
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(emulator.mail).toEqual([]);
    const now = html.indexOf('What Send reminders now sends: the weekly digest');
    const today = html.indexOf('What today&#39;s automatic run sends: the daily digest');
    expect(now).toBeGreaterThanOrEqual(0);
    expect(today).toBeGreaterThan(now);
    expect(html.slice(now, today)).toContain('week 2023-W30: 5 emails would be sent');
    expect(html.slice(today)).toContain('2023-07-27 (daily): 1 email would be sent (0 already sent in this period).');
    expect(html.slice(today)).toContain('Daily reminders, 2023-07-27');
    expect(logDetails(emulator).at(-1)).toBe(
      'week 2023-W30: director@example.com, zhang@example.com, li@example.com, wang@example.com, zhao@example.com; 2023-07-27 (daily): zhao@example.com',
    );
    // On the weekday the two are the same: one preview, no headings.
    emulator.clock.set(FRIDAY_9);
    emulator.call('menuPreviewReminders');
    expect(emulator.ui.dialogs.at(-1)!.html).not.toContain('What Send reminders now sends');
  });

  it('a daily run that finds the sheet busy keeps the weekly run\'s pending retry (one retry per kind)', () => {
    const emulator = planted();
    // Weekday Thursday, so the day after the weekly run (Friday) has a daily digest (none at the weekend).
    setSetting(emulator, 'Reminder weekday', 'Thursday');
    // The managers are set before reminders go on, so the person turning them on confirms both.
    setSetting(emulator, 'Manager emails', 'director@example.com, vp@example.com');
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(new Date('2023-07-27T09:00:00+08:00'));
    emulator.faults.setMailQuota(3);
    emulator.fireTimeTriggers();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'vp@example.com', 'zhang@example.com']);
    emulator.clock.set(FRIDAY_9);
    emulator.locks.holdByOther('document');
    emulator.fireTimeTriggers();
    expect(oneOffs(emulator)).toHaveLength(2);
    expect(JSON.parse(emulator.properties.document.get('reminders.retry')!)).toMatchObject({ period: 'weekly:2023-W30', scope: 'deferred' });
    expect(JSON.parse(emulator.properties.document.get('reminders.retry.daily')!)).toMatchObject({ period: 'daily:2023-07-28', scope: 'all' });
    expect(logDetails(emulator).at(-1)).toContain('so 2023-07-28 (daily) was not sent now; it is retried automatically at 2023-07-28 09:10');
    emulator.locks.releaseOther('document');
    emulator.faults.setMailQuota(100);
    emulator.clock.set(new Date('2023-07-28T09:15:00+08:00'));
    expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined, undefined]);
    expect(emulator.mail.slice(3).map((m) => m.to).sort()).toEqual(['li@example.com', 'wang@example.com', 'zhao@example.com', 'zhao@example.com']);
    expect(oneOffs(emulator)).toEqual([]);
    expect([...emulator.properties.document.keys()].filter((k) => k.startsWith('reminders.retry'))).toEqual([]);
  });
});

describe('the Help cell of Settings → Reminders on', () => {
  it('keeps what a person typed there through turning on, runs, status and turning off', () => {
    const emulator = exampleSheet();
    const sheet = emulator.spreadsheet.getSheetByName('Settings')!;
    const row = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().findIndex((r) => r[0] === 'Reminders on') + 1;
    sheet.getRange(row, 3).setValue('Ask Li before turning this on');
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    emulator.call('menuReminderStatus');
    emulator.call('menuTurnRemindersOff');
    expect(setting(emulator, 'Reminders on')).toEqual(['Reminders on', 'No', 'Ask Li before turning this on']);
    expect(emulator.mail).toHaveLength(4); // the run itself was not affected
  });

  it('replaces the template help text and its own earlier status (also the wording before the daily trigger)', () => {
    const emulator = exampleSheet();
    expect(setting(emulator, 'Reminders on')[2]).toBe('Set by the menu: Turn Friday reminders on / off');
    emulator.call('menuTurnRemindersOn');
    expect(setting(emulator, 'Reminders on')[2]).toMatch(/^Status as of 2023-07-27 15:00 \(refreshed by each run and by Reminder status\): On: every day at 09:00/);
    const sheet = emulator.spreadsheet.getSheetByName('Settings')!;
    const row = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().findIndex((r) => r[0] === 'Reminders on') + 1;
    sheet.getRange(row, 3).setValue('On: every Friday at 09:00 (Asia/Shanghai), next 2023-07-28 09:00, sent by director@example.com');
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    expect(setting(emulator, 'Reminders on')[2]).toMatch(/^Status as of 2023-07-28 09:00 /);
  });

  it('is written in Chinese on a Chinese sheet, and the Log and alerts name the week as 2023年第30周', () => {
    const emulator = exampleSheet({ now: FRIDAY_9 });
    setSetting(emulator, 'Language', '简体中文');
    emulator.call('menuTurnRemindersOn');
    const settings = emulator.spreadsheet.getSheetByName('设置') ?? emulator.spreadsheet.getSheetByName('Settings')!;
    const help = settings.getRange(1, 1, settings.getLastRow(), 3).getValues().find((r) => r[0] === 'Reminders on' || r[0] === '开启提醒')![2];
    expect(help).toMatch(/^截至 2023-07-28 09:00 的状态（每次运行及查看“提醒状态”时更新）：已开启：每天 09:00（Asia\/Shanghai）：星期五发送每周摘要，周一至周五的其他日子提醒每日任务，每月最后一天提醒每月任务；/);
    emulator.call('menuSendRemindersNow');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('2023年第30周：已发送 4 封，本期已发送过 0 封，因配额不足推迟 0 封，0 人未提醒。详情见“日志”。');
    expect(logDetails(emulator)).toContain('已向 zhang@example.com 发送2023年第30周的提醒（责任人）');
    expect(logDetails(emulator).join('\n')).not.toContain('weekly:');
  });
});

describe('the offline path: planned emails as .eml files', () => {
  it('writes one multipart (text + HTML) UTF-8 file per email, subject on one line, cell text escaped', async () => {
    const grids = exampleGrids('zh-CN') as Record<string, CellValue[][]>;
    grids.tracking!.push(['执行', '<img src=x onerror=alert(1)>', '赵*', '2023-07-27', '进行中', '', '', '', '', '', '每周', '']);
    grids.settings![1]![1] = '华东\r\n销售团队';
    const time = { today: dayFromIso('2023-07-28'), dayOf: utcDayOf };
    const plan = planReminders(readWorkbook(grids, time), time, { sheetUrl: '', sheetLang: 'zh-CN' });
    const dir = mkdtempSync(join(tmpdir(), 'eml-'));
    const paths = await writeEml(plan.emails, dir, { date: new Date('2023-07-28T01:00:00Z') });
    expect(paths.map((p) => basename(p))).toEqual([
      '001-manager-director@example.com-weekly-2023-W30.eml',
      '002-owner-zhang@example.com-weekly-2023-W30.eml',
      '003-owner-li@example.com-weekly-2023-W30.eml',
      '004-owner-wang@example.com-weekly-2023-W30.eml',
      '005-owner-zhao@example.com-weekly-2023-W30.eml',
    ]);
    const eml = readFileSync(paths[4]!, 'utf8');
    expect(eml).toMatch(/^To: zhao@example\.com$/m);
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m); // encoded: Chinese, and no raw line break can split it
    expect(eml).toContain('Content-Type: multipart/alternative');
    expect(eml).toContain('X-Reminder-Period: weekly:2023-W30');
    const decoded = eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const [text = '', html = ''] = decoded.split('Content-Type: text/html');
    expect(text).toContain('<img src=x onerror=alert(1)>'); // the plain-text part keeps the cell as typed
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(plan.emails[4]!.subject).toBe('【华东 销售团队】本周提醒（2023年第30周）');
  });
});

describe('a protected Goals or Settings cell never stops the reminders', () => {
  const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

  it('the Goals progress write fails: the emails still go out, and Log says what could not be updated', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    // The run's first Range.setValues is the Goals progress write (the sends and the status cell come before it; Log after it).
    emulator.faults.failOn('Range.setValues', { after: 0, times: 1, message: PROTECTED });
    const runs = emulator.fireTimeTriggers();
    expect(runs.map((r) => r.error)).toEqual([undefined]);
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
    const log = logDetails(emulator);
    expect(log.at(-1)).toBe(`Could not update the Goals progress columns: ${PROTECTED}`);
    expect(log).toContain('Sent week 2023-W30 to wang@example.com (owner, rows listed: 1)');
    // The status snapshot (written before the failing write) is current.
    expect(setting(emulator, 'Reminders on')[2]).toMatch(/^Status as of 2023-07-28 09:00 /);
    // The next run, with the protection gone, sends nobody the week again.
    emulator.clock.set(new Date('2023-07-28T09:30:00+08:00'));
    emulator.fireTrigger(dailies(emulator)[0]!);
    expect(emulator.mail).toHaveLength(4);
  });

  it('says it in Chinese on a Chinese sheet', () => {
    const emulator = exampleSheet();
    setSetting(emulator, 'Language', '简体中文');
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.faults.failOn('Range.setValues', { after: 0, times: 1, message: PROTECTED });
    expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
    expect(emulator.mail).toHaveLength(4);
    expect(logDetails(emulator).at(-1)).toBe(`无法更新“目标”的进度列：${PROTECTED}`);
  });

  it('the Settings status cell fails: the emails and the Goals progress still go through, and Log says so', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.faults.failOn('Range.setValue', { after: 0, times: 1, message: PROTECTED });
    expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
    expect(emulator.mail).toHaveLength(4);
    expect(logDetails(emulator).at(-1)).toBe(`Could not update the reminder status in Settings: ${PROTECTED}`);
    expect(setting(emulator, 'Reminders on')[2]).toMatch(/^Status as of 2023-07-27 15:00 /); // unchanged
  });

  it('Reminder status still shows the dialog when the status cell is protected, and Log says why the cell is old', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(new Date('2023-07-27T16:00:00+08:00'));
    emulator.faults.failOn('Range.setValue', { after: 0, times: 1, message: PROTECTED });
    emulator.call('menuReminderStatus');
    expect(emulator.ui.alerts.at(-1)).toMatchObject({ title: 'Reminder status' });
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      "On: every day at 09:00 (Asia/Shanghai): the weekly digest on Fridays, daily tasks on other days Monday to Friday, monthly tasks on the month's last day; " +
      `next run 2023-07-28 09:00, next weekly digest 2023-07-28 09:00; sent by director@example.com\nNo run yet.\n\nCould not update the reminder status in Settings: ${PROTECTED}`,
    );
    expect(logDetails(emulator).at(-1)).toBe(`Could not update the reminder status in Settings: ${PROTECTED}`);
  });
});

describe('the "turned on" message names the configured weekday', () => {
  it.each([
    ['Monday', 'English', 'Monday reminders are on: every day at 09:00 (Asia/Shanghai): the weekly digest on Mondays,', 'Monday reminders are off. 1 trigger removed; nothing else was changed.'],
    ['Monday', '简体中文', '星期一提醒已开启：每天 09:00（Asia/Shanghai）：星期一发送每周摘要，周一至周五的其他日子提醒每日任务，', '星期一提醒已关闭。已删除 1 个触发器，其他内容未更改。'],
  ])('weekday %s, language %s', (weekday, language, on, off) => {
    const emulator = exampleSheet();
    setSetting(emulator, 'Language', language);
    setSetting(emulator, 'Reminder weekday', weekday);
    emulator.call('menuTurnRemindersOn');
    expect(emulator.ui.alerts.at(-1)!.prompt.startsWith(on)).toBe(true);
    emulator.call('menuTurnRemindersOff');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(off);
  });
});
