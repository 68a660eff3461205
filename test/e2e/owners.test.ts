/**
 * A whole team on one spreadsheet. ScriptApp.getProjectTriggers returns "the installable triggers
 * associated with the current project and current user" (reference: ScriptApp), and an installable
 * trigger always runs as the account that created it (guide: Installable triggers, Restrictions), so
 * the spreadsheet records one owner: the owner's trigger alone sends, any other retires itself.
 * Every run leaves a Log row; nobody ever gets a period's email twice.
 */
import { Emulator } from '../../src/node/emulator';
import { SCOPES } from '../../src/core/scopes';
import { bundleEmulator } from './harness';

const A = 'director@example.com';
const B = 'lead@example.com';
const C = 'deputy@example.com';
const THURSDAY = new Date('2023-07-27T15:00:00+08:00');
const FRIDAY_9 = new Date('2023-07-28T09:00:00+08:00');

/** The example sheet shared by A (its owner), B and C, all of one company (Workspace, example.com). */
function team(): Emulator {
  const emulator = bundleEmulator({ now: THURSDAY, accountType: 'workspace', userEmail: A });
  emulator.addUser(B);
  emulator.addUser(C);
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  emulator.fireOnOpen();
  return emulator;
}

/** As `who` opens the sheet and clicks it: Turn reminders on, or, while they are on, Send reminders from my account (take over). */
function turnOn(emulator: Emulator, who: string): void {
  emulator.as(who, () => {
    emulator.fireOnOpen();
    const menu = JSON.stringify(emulator.ui.menus);
    emulator.runMenuFunction(menu.includes('"menuTurnRemindersOn"') ? 'menuTurnRemindersOn' : 'menuTakeOverReminders');
  });
}

function logDetails(emulator: Emulator): string[] {
  const sheet = emulator.spreadsheet.getSheetByName('Log')!;
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 4).getValues().map((r) => String(r[3]));
}

const reminderTriggers = (emulator: Emulator): { owner: string; id: string }[] =>
  emulator.triggers.filter((t) => t.spec.handler === 'onReminderTrigger').map((t) => ({ owner: t.spec.owner, id: t.id }));

/** Each recipient's emails by subject: a period's email is never sent twice. */
function noneTwice(emulator: Emulator): void {
  const seen = new Map<string, number>();
  for (const m of emulator.mail) seen.set(`${m.to}|${m.subject}`, (seen.get(`${m.to}|${m.subject}`) ?? 0) + 1);
  expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
}

const status = (emulator: Emulator): Record<string, unknown> => JSON.parse(emulator.properties.document.get('reminders.status')!);

describe('one reminder owner per spreadsheet', () => {
  it('A on, B on (takes over), A\'s trigger retires, B off: B\'s account sends, once, and every run is a Log row', () => {
    const emulator = team();
    turnOn(emulator, A);
    expect(status(emulator)).toMatchObject({ on: true, account: A, triggerId: reminderTriggers(emulator)[0]!.id });

    turnOn(emulator, B);
    const question = emulator.ui.alerts.find((a) => a.title === 'Take over the reminders?')!;
    expect(question.prompt).toBe(
      `Reminders are sent from ${A}'s account (since 2023-07-27 15:00; no run yet). Take over, so that your account (${B}) sends them from now on? ` +
      `${A}'s trigger then stops itself the next time it runs, and nobody gets an email twice.`,
    );
    // Two daily triggers exist (A cannot see B's, nor B A's), but only B's is recorded.
    const [a1, b1] = reminderTriggers(emulator);
    expect([a1!.owner, b1!.owner]).toEqual([A, B]);
    expect(status(emulator)).toMatchObject({ account: B, triggerId: b1!.id });
    expect(emulator.as(A, () => emulator.services.ScriptApp.getProjectTriggers().map((t) => t.id))).toEqual([a1!.id]);
    expect(logDetails(emulator)).toContain(`${B} took over the reminders from ${A}; ${A}'s trigger stops itself the next time it runs.`);

    emulator.clock.set(FRIDAY_9);
    const runs = emulator.fireTimeTriggers();
    expect(runs.map((r) => [r.trigger.spec.owner, r.error?.message])).toEqual([[A, undefined], [B, undefined]]);
    expect(reminderTriggers(emulator)).toEqual([b1]);
    expect(new Set(emulator.mail.map((m) => m.from))).toEqual(new Set([B]));
    expect(emulator.mail.map((m) => m.to).sort()).toEqual([A, 'li@example.com', 'wang@example.com', 'zhang@example.com']);
    const log = logDetails(emulator);
    expect(log).toContain(`A reminder trigger of ${A} stopped itself and sent nothing: reminders are now sent from ${B}'s account.`);
    expect(log).toContain('Sent week 2023-W30 to wang@example.com (owner, rows listed: 1)');

    // B turns them off: nothing runs any more.
    emulator.as(B, () => emulator.runMenuFunction('menuTurnRemindersOff'));
    expect(reminderTriggers(emulator)).toEqual([]);
    emulator.clock.set(new Date('2023-07-31T09:00:00+08:00'));
    expect(emulator.fireTimeTriggers()).toEqual([]);
    noneTwice(emulator);
  });

  it('turning off by anyone stops sending at once: the owner\'s trigger retires when it next fires', () => {
    const emulator = team();
    turnOn(emulator, A);
    emulator.as(C, () => emulator.runMenuFunction('menuTurnRemindersOff'));
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      `Friday reminders are off. 0 triggers removed; nothing else was changed. ${A}'s trigger stops itself the next time it runs; nothing more is sent.`,
    );
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    expect(emulator.mail).toEqual([]);
    expect(reminderTriggers(emulator)).toEqual([]);
    expect(logDetails(emulator).at(-1)).toBe(`A reminder trigger of ${A} stopped itself and sent nothing: reminders were turned off.`);
  });

  it('three users: A, then B, then C take over; Friday only C sends, the others retire, nobody gets an email twice', () => {
    const emulator = team();
    turnOn(emulator, A);
    turnOn(emulator, B);
    turnOn(emulator, C);
    expect(reminderTriggers(emulator).map((t) => t.owner)).toEqual([A, B, C]);
    emulator.clock.set(FRIDAY_9);
    const logBefore = logDetails(emulator).length;
    const runs = emulator.fireTimeTriggers();
    expect(runs).toHaveLength(3);
    expect(reminderTriggers(emulator).map((t) => t.owner)).toEqual([C]);
    expect(new Set(emulator.mail.map((m) => m.from))).toEqual(new Set([C]));
    expect(emulator.mail).toHaveLength(4);
    const rows = logDetails(emulator).slice(logBefore);
    expect(rows.filter((d) => d.startsWith('A reminder trigger of'))).toEqual([
      `A reminder trigger of ${A} stopped itself and sent nothing: reminders are now sent from ${C}'s account.`,
      `A reminder trigger of ${B} stopped itself and sent nothing: reminders are now sent from ${C}'s account.`,
    ]);
    // The same hour again (a retry, or Send reminders now): still one email each.
    emulator.as(C, () => emulator.runMenuFunction('menuSendRemindersNow'));
    expect(emulator.mail).toHaveLength(4);
    noneTwice(emulator);
  });

  it('the owner leaves: their trigger cannot send, the status says the run did not happen, and someone takes over', () => {
    const emulator = team();
    turnOn(emulator, A);
    emulator.user(A).left = true;
    emulator.clock.set(FRIDAY_9);
    expect(emulator.fireTimeTriggers().map((r) => r.skipped)).toEqual(['owner left']);
    expect(emulator.mail).toEqual([]);
    emulator.clock.set(new Date('2023-07-28T14:00:00+08:00'));
    emulator.as(B, () => emulator.runMenuFunction('menuReminderStatus'));
    expect(emulator.ui.alerts.at(-1)!.prompt).toContain(
      `No run yet.\nThe run due 2023-07-28 09:00 did not happen: ${A}'s account may have left the company or lost access to this spreadsheet. ` +
      'Anyone can take over with Reminders → Turn reminders on.',
    );
    turnOn(emulator, B);
    emulator.clock.set(new Date('2023-08-04T09:00:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail.length).toBeGreaterThan(0);
    expect(new Set(emulator.mail.map((m) => m.from))).toEqual(new Set([B]));
    emulator.as(B, () => emulator.runMenuFunction('menuReminderStatus'));
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(new RegExp(`sent by ${B}\\nLast run 2023-08-04 09:\\d\\d: week 2023-W31: \\d+ emails sent`));
  });

  it('declining to take over changes nothing', () => {
    const emulator = team();
    turnOn(emulator, A);
    emulator.ui.respondNextAlert('NO');
    turnOn(emulator, B);
    expect(status(emulator)).toMatchObject({ account: A });
    expect(reminderTriggers(emulator).map((t) => t.owner)).toEqual([A]);
    expect(logDetails(emulator).at(-1)).toBe(`${B} chose not to take over the reminders from ${A}; nothing was changed.`);
  });

  it('retries follow the owner: after a take-over the deferred emails go out from the new owner, the old retry retires', () => {
    const emulator = team();
    emulator.spreadsheet.getSheetByName('Settings')!; // managers: director only (the example)
    turnOn(emulator, A);
    emulator.clock.set(FRIDAY_9);
    emulator.faults.setMailQuota(2, A);
    emulator.fireTimeTriggers();
    expect(emulator.mail).toHaveLength(2);
    const retryOfA = reminderTriggers(emulator).find((t) => t.owner === A && t.id !== status(emulator).triggerId)!;
    expect(retryOfA).toBeDefined();
    emulator.clock.set(new Date('2023-07-28T11:00:00+08:00'));
    turnOn(emulator, B);
    const retryOfB = reminderTriggers(emulator).filter((t) => t.owner === B);
    expect(retryOfB).toHaveLength(2); // the daily trigger and the moved retry
    emulator.clock.set(new Date('2023-07-29T10:00:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail).toHaveLength(4);
    expect(emulator.mail.slice(2).map((m) => m.from)).toEqual([B, B]);
    // A's retry retired when it fired; A's daily trigger retires the next time it fires.
    expect(reminderTriggers(emulator).map((t) => t.owner)).toEqual([A, B]);
    emulator.clock.set(new Date('2023-07-31T09:00:00+08:00'));
    emulator.fireTimeTriggers();
    expect(reminderTriggers(emulator).map((t) => t.owner)).toEqual([B]);
    noneTwice(emulator);
  });
});

describe('a missing grant in the trigger: recorded, told once, stopped', () => {
  it('the owner revokes "Send email as you": nothing is sent, the trigger removes itself, the status says why, no daily failure', () => {
    const emulator = team();
    turnOn(emulator, A);
    emulator.user(A).decline(SCOPES.sendMail);
    emulator.clock.set(FRIDAY_9);
    const runs = emulator.fireTimeTriggers();
    expect(runs.map((r) => r.error)).toEqual([undefined]);
    expect(emulator.mail).toEqual([]);
    expect(reminderTriggers(emulator)).toEqual([]);
    const stopped = `Reminders stopped: the account ${A} no longer allows the tracker to send the reminders and the managers’ summary ("Send email as you"). ` +
      'Nothing was sent, and the daily trigger was removed so it does not fail every day. To restart: open the spreadsheet as ' +
      `${A}, choose Reminders → Turn reminders on and tick the box on Google's screen.`;
    expect(logDetails(emulator).at(-1)).toBe(stopped);
    emulator.clock.set(new Date('2023-07-31T09:00:00+08:00'));
    expect(emulator.fireTimeTriggers()).toEqual([]);
    emulator.runMenuFunction('menuReminderStatus');
    expect(emulator.ui.alerts.at(-1)!.prompt).toContain('Stopped 2023-07-28 09:00: director@example.com no longer allows the tracker to send the reminders');
  });

  it('a lost trigger permission still stops quietly, and the owner is told by email once', () => {
    const emulator = team();
    turnOn(emulator, A);
    emulator.user(A).decline(SCOPES.triggers);
    emulator.clock.set(FRIDAY_9);
    expect(emulator.fireTimeTriggers().map((r) => r.error)).toEqual([undefined]);
    expect(emulator.mail.map((m) => [m.to, m.subject])).toEqual([[A, 'Market expansion reminders stopped: permission needed']]);
    expect(status(emulator)).toMatchObject({ on: false, stopped: { account: A, scopes: ['triggers'] } });
  });
});

describe('safe recipients', () => {
  it('before the first send the person sees every address, outside-domain ones marked; a later address waits for confirmation', () => {
    const emulator = team();
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const labels = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
    settings.getRange(labels.indexOf('Allowed email domains') + 1, 2).setValue('example.com, partner.cn');
    settings.getRange(labels.indexOf('Manager emails') + 1, 2).setValue('director@example.com, board@partner.cn');
    turnOn(emulator, A);
    const shown = emulator.ui.alerts.find((a) => a.title === 'Who will receive reminders')!;
    expect(shown.buttons).toBe('YES_NO');
    expect(shown.prompt).toContain(`Reminders will go out from your account (${A}) to these 6 address(es):`);
    expect(shown.prompt).toContain('• board@partner.cn (manager: summary) — OUTSIDE example.com');
    expect(shown.prompt).toContain('• director@example.com (manager: summary)\n');
    expect(shown.prompt).toContain('Only addresses in example.com, partner.cn (Settings → Allowed email domains) can receive mail.');

    // Someone adds an address to Team afterwards: the trigger does not mail it.
    const team_ = emulator.spreadsheet.getSheetByName('Team')!;
    team_.getRange(team_.getLastRow() + 1, 1, 1, 5).setValues([['Qian', 'qian@example.com', 'Sales', 'East', 'Yes']]);
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    tracking.getRange(tracking.getLastRow() + 1, 1, 1, 12).setValues([['Execute', 'Call the distributor', 'Qian', '2023-07-26', 'In progress', '', '', '', '', '', 'Weekly', '']]);
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    expect(emulator.mail.map((m) => m.to)).not.toContain('qian@example.com');
    expect(logDetails(emulator)).toContain('Not sent to qian@example.com: the address was added after the recipients were confirmed. Confirm it with Reminders → Turn reminders on or Send reminders now.');
    // Send reminders now shows the list again, the new address marked, and sends it once confirmed.
    emulator.runMenuFunction('menuSendRemindersNow');
    expect(emulator.ui.alerts.filter((a) => a.title === 'Who will receive reminders').at(-1)!.prompt).toContain('• Qian <qian@example.com> (owner) — new');
    expect(emulator.mail.filter((m) => m.to === 'qian@example.com')).toHaveLength(1);
    noneTwice(emulator);
  });

  it('Allowed email domains blank: a Workspace sender\'s own domain by default; a personal account is told what that means', () => {
    const emulator = team();
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const labels = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
    settings.getRange(labels.indexOf('Allowed email domains') + 1, 2).setValue('');
    const team_ = emulator.spreadsheet.getSheetByName('Team')!;
    team_.getRange(team_.getLastRow() + 1, 1, 1, 5).setValues([['Outsider', 'someone@gmail.com', 'Sales', 'East', 'Yes']]);
    turnOn(emulator, A);
    const shown = emulator.ui.alerts.filter((a) => a.title === 'Who will receive reminders').at(-1)!.prompt;
    expect(shown).not.toContain('someone@gmail.com');
    expect(shown).toContain('Settings → Allowed email domains is blank, so only addresses in your own domain (example.com) can receive mail');

    const personal = bundleEmulator({ now: THURSDAY, userEmail: 'coach@gmail.com' });
    personal.call('menuSetupSheets');
    personal.call('menuLoadExample');
    const s2 = personal.spreadsheet.getSheetByName('Settings')!;
    s2.getRange(labels.indexOf('Allowed email domains') + 1, 2).setValue('');
    personal.fireOnOpen();
    personal.runMenuFunction('menuTurnRemindersOn');
    expect(personal.ui.alerts.filter((a) => a.title === 'Who will receive reminders').at(-1)!.prompt).toContain(
      'Your account is a personal one (gmail.com), so there is no company domain to limit mail to',
    );
  });

  it('answering No sends nothing and turns nothing on; managers\' summaries go only to Manager emails', () => {
    const emulator = team();
    emulator.ui.respondNextAlert('NO');
    turnOn(emulator, A);
    expect(reminderTriggers(emulator)).toEqual([]);
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe('Nothing was sent or turned on. Correct Team or Settings → Manager emails, then try again.');
    turnOn(emulator, A);
    emulator.clock.set(FRIDAY_9);
    emulator.fireTimeTriggers();
    const managers = emulator.mail.filter((m) => /summary/i.test(m.subject)).map((m) => m.to);
    expect(managers).toEqual([A]);
  });
});
