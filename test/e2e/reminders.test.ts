import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { planReminders } from '../../src/core/digest';
import { exampleGrids } from '../../src/core/example';
import { readWorkbook } from '../../src/core/model';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';
import { writeEml } from '../../src/node/eml';
import { Emulator, EmulatorOptions } from '../../src/node/emulator';
import { bundleEmulator } from './harness';

const THURSDAY = new Date('2023-07-27T15:00:00+08:00');
const FRIDAY_9 = new Date('2023-07-28T09:00:00+08:00');

function exampleSheet(opts: EmulatorOptions = {}): Emulator {
  const emulator = bundleEmulator({ now: THURSDAY, ...opts });
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  return emulator;
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
  it('turning on twice leaves one trigger, in the sheet time zone at the Settings weekday and hour; off removes only ours', () => {
    const emulator = exampleSheet();
    emulator.services.ScriptApp.newTrigger('someoneElsesHandler').timeBased().everyHours(1).create();
    emulator.call('menuTurnRemindersOn');
    emulator.call('menuTurnRemindersOn');
    const ours = emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.spec).toMatchObject({ eventType: 'CLOCK', weekDay: 'FRIDAY', hour: 9, timeZone: 'Asia/Shanghai' });
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      'Friday reminders are on: every Friday at 09:00 (Asia/Shanghai), next 2023-07-28 09:00, sent by director@example.com. Turning them on again keeps a single trigger.',
    );
    expect(setting(emulator, 'Reminders on')).toEqual(['Reminders on', 'Yes', 'On: every Friday at 09:00 (Asia/Shanghai), next 2023-07-28 09:00, sent by director@example.com']);
    // The menu now offers to turn them off.
    const reminders = emulator.ui.menus.at(-1)!.entries.find((e) => e.kind === 'submenu');
    expect(JSON.stringify(reminders)).toContain('Turn Friday reminders off');

    emulator.call('menuTurnRemindersOff');
    expect(emulator.triggers.map((t) => t.spec.handler)).toEqual(['someoneElsesHandler']);
    expect(setting(emulator, 'Reminders on')[1]).toBe('No');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Friday reminders are off. 1 trigger(s) removed; nothing else was changed.');
  });

  it('uses the weekday and hour from Settings', () => {
    const emulator = exampleSheet();
    setSetting(emulator, 'Reminder weekday', 'Monday');
    setSetting(emulator, 'Reminder hour', '17');
    emulator.call('menuTurnRemindersOn');
    expect(emulator.triggers[0]!.spec).toMatchObject({ weekDay: 'MONDAY', hour: 17 });
    expect(emulator.ui.alerts.at(-1)?.prompt).toContain('every Monday at 17:00 (Asia/Shanghai), next 2023-07-31 17:00');
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
      'weekly:2023-W30: 0 email(s) sent, 4 already sent earlier in this period, 0 deferred to the next run (mail quota), 0 person(s) not reminded. Details are in Log.',
    );
    const log = logDetails(emulator);
    expect(log).toContain('Sent weekly:2023-W30 to wang@example.com (owner, rows listed: 1)');
    expect(log.filter((l) => l === 'Not sent again: wang@example.com already got weekly:2023-W30')).toHaveLength(2);
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
    const emulator = exampleSheet();
    setSetting(emulator, 'Manager emails', 'director@example.com, vp@example.com');
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.faults.setMailQuota(3);
    emulator.fireTimeTriggers();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'vp@example.com', 'zhang@example.com']);
    expect(logDetails(emulator)).toEqual(expect.arrayContaining([
      'Deferred to the next run (mail quota): li@example.com (weekly:2023-W30)',
      'Deferred to the next run (mail quota): wang@example.com (weekly:2023-W30)',
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
const weeklies = (emulator: Emulator) => emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger' && t.spec.weekDay !== undefined);

describe('Friday reminders: emails held back by the mail quota', () => {
  function deferredRun(): Emulator {
    const emulator = exampleSheet();
    setSetting(emulator, 'Manager emails', 'director@example.com, vp@example.com');
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.faults.setMailQuota(3);
    emulator.fireTimeTriggers();
    return emulator;
  }

  it('are sent by a one-off trigger the next day, with no manual action: each person gets one email for the week', () => {
    const emulator = deferredRun();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'vp@example.com', 'zhang@example.com']);
    expect(weeklies(emulator)).toHaveLength(1);
    expect(oneOffs(emulator).map((t) => t.spec.at!.toISOString().slice(0, 16))).toEqual(['2023-07-29T01:05']); // Saturday 09:05 Shanghai (plus the run's seconds)
    expect(logDetails(emulator)).toContain(
      'The 2 email(s) of weekly:2023-W30 held back by the mail quota are sent automatically at 2023-07-29 09:05 (Asia/Shanghai), once the quota has refreshed.',
    );
    // The summary does not claim the held-back reminders went out.
    const summary = emulator.mail.find((m) => m.to === 'director@example.com')!;
    expect(summary.body).toContain('Owner reminders planned for this week: 3. Any the daily mail quota holds back are sent automatically later');

    emulator.clock.set(new Date('2023-07-29T09:00:00+08:00'));
    expect(emulator.fireTimeTriggers()).toEqual([]); // not due yet
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
    expect(weeklies(emulator)).toHaveLength(1);
    expect(emulator.properties.document.has('reminders.deferred.weekly:2023-W30')).toBe(false);
    expect(emulator.properties.document.has('reminders.retry')).toBe(false);
    expect(logDetails(emulator).slice(-3)).toEqual([
      'Automatic retry of weekly:2023-W30',
      'Sent weekly:2023-W30 to li@example.com (owner)',
      'Sent weekly:2023-W30 to wang@example.com (owner, rows listed: 1)',
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
      /^weekly:2023-W30: 2 email\(s\) sent, 0 already sent earlier in this period, 2 deferred to the next run \(mail quota\), 0 person\(s\) not reminded\. Details are in Log\. They are sent automatically at 2023-07-29 15:05 \(Asia\/Shanghai\)\.$/,
    );
    expect(oneOffs(emulator)).toHaveLength(1);
    // Reminders are off in Settings, but a "send now" retry still finishes what the person started.
    emulator.clock.set(new Date('2023-07-29T15:10:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
  });

  it('turning reminders off removes a pending retry too; turning on again keeps one weekly trigger and the retry', () => {
    const emulator = deferredRun();
    emulator.call('menuTurnRemindersOn');
    expect(weeklies(emulator)).toHaveLength(1);
    expect(oneOffs(emulator)).toHaveLength(1);
    emulator.call('menuTurnRemindersOff');
    expect(emulator.triggers).toEqual([]);
    expect(emulator.properties.document.has('reminders.retry')).toBe(false);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Friday reminders are off. 2 trigger(s) removed; nothing else was changed.');
  });
});

describe('Friday reminders: status and settings', () => {
  it('"when it runs next" follows the clock: in the status dialog and, after each run, in Settings', () => {
    const emulator = exampleSheet();
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    expect(setting(emulator, 'Reminders on')[2]).toBe('On: every Friday at 09:00 (Asia/Shanghai), next 2023-08-04 09:00, sent by director@example.com');
    emulator.clock.set(new Date('2023-08-20T10:00:00+08:00'));
    emulator.call('menuReminderStatus');
    expect(emulator.ui.alerts.at(-1)).toMatchObject({
      title: 'Reminder status', prompt: 'On: every Friday at 09:00 (Asia/Shanghai), next 2023-08-25 09:00, sent by director@example.com',
    });
    emulator.call('menuTurnRemindersOff');
    emulator.call('menuReminderStatus');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Off (use the menu: Turn Friday reminders on)');
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
    expect(weeklies(emulator)).toHaveLength(1);
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
    expect(dialog.html).toContain('weekly:2023-W30: 4 email(s) would be sent (0 already sent in this period). Mail quota left today: 100.');
    expect(emulator.properties.document.size).toBe(0);
  });

  it('"send a test to me" sends everything to the person clicking only, marked [TEST], and records no period', () => {
    const emulator = exampleSheet({ now: FRIDAY_9, userEmail: 'me@example.com' });
    emulator.call('menuSendTestReminder');
    expect(emulator.mail.map((m) => m.to)).toEqual(['me@example.com', 'me@example.com', 'me@example.com', 'me@example.com']);
    expect(emulator.mail.every((m) => m.subject.startsWith('[TEST] '))).toBe(true);
    expect(emulator.mail[1]!.htmlBody).toContain('Test: in a real run this email goes to zhang@example.com.');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('4 test email(s) sent to me@example.com, each marked [TEST]. Nothing was sent to anyone else and nothing was recorded as sent.');
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
