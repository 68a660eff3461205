/**
 * Service calls of one reminder run ("Send reminders now" on Friday 2023-07-28) against the size of the
 * Tracking tab: the calls must stay flat as rows grow (one batch read per tab, one Log write, one
 * property read and write); only MailApp.sendEmail grows, with the number of emails. The second table
 * is the daily trigger's run on a non-weekday (Thursday 2023-07-27: the daily digest, daily-tracked
 * tasks only, no managers' summary).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator } from '../src/node/emulator';

const BUNDLE = join(__dirname, '..', 'dist', 'Code.js');
const OWNERS = ['Zhang*', 'Li*', 'Wang*', 'Zhao*'];

function trackingRows(n: number): unknown[][] {
  // Every third task is overdue, every third due soon, the rest due later; none updated this week.
  return Array.from({ length: n }, (_, i) => {
    const due = i % 3 === 0 ? '2023-07-20' : i % 3 === 1 ? '2023-08-02' : '2023-09-15';
    return ['Execute', `Task ${i + 1}`, OWNERS[i % OWNERS.length], due, 'In progress', '', '', '', `Next step ${i + 1}`, '', i % 5 === 0 ? 'Daily' : 'Weekly', ''];
  });
}

interface Row {
  rows: number;
  calls: number;
  sheets: number;
  mail: number;
  properties: number;
  other: number;
  emails: number;
  modelledMs: number;
}

function measure(rows: number, run: 'now' | 'daily' = 'now'): Row {
  const emulator = new Emulator({ now: new Date(run === 'now' ? '2023-07-28T09:00:00+08:00' : '2023-07-26T15:00:00+08:00') });
  emulator.loadBundle(readFileSync(BUNDLE, 'utf8'));
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
  // Replace the example's 3 tasks by exactly `rows` tasks.
  if (rows + 1 > tracking.getMaxRows()) tracking.insertRowsAfter(tracking.getMaxRows(), rows + 1 - tracking.getMaxRows());
  tracking.getRange(2, 1, rows, 12).setValues(trackingRows(rows));
  if (run === 'daily') {
    emulator.call('menuTurnRemindersOn');
    emulator.clock.set(new Date('2023-07-27T09:00:00+08:00'));
  }
  emulator.calls.reset();
  if (run === 'now') emulator.call('menuSendRemindersNow');
  else if (emulator.fireTimeTriggers().length !== 1) throw new Error('the daily trigger did not fire once');
  const byService = emulator.calls.byService();
  const of = (...services: string[]): number => services.reduce((s, k) => s + (byService[k] ?? 0), 0);
  const total = emulator.calls.total();
  const sheets = of('SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range');
  const mail = of('MailApp');
  const properties = of('PropertiesService', 'Properties');
  return { rows, calls: total, sheets, mail, properties, other: total - sheets - mail - properties, emails: emulator.mail.length, modelledMs: emulator.modelledMs() };
}

function printTable(title: string, results: readonly Row[]): void {
  console.log(title);
  console.log('tracking rows | service calls | spreadsheet | mail | properties | other | emails (owners + managers) | modelled time');
  console.log('------------- | ------------- | ----------- | ---- | ---------- | ----- | -------------------------- | -------------');
  for (const r of results) {
    console.log(
      `${String(r.rows).padStart(13)} | ${String(r.calls).padStart(13)} | ${String(r.sheets).padStart(11)} | ${String(r.mail).padStart(4)} | ` +
      `${String(r.properties).padStart(10)} | ${String(r.other).padStart(5)} | ${String(r.emails).padStart(26)} | ${(r.modelledMs / 1000).toFixed(1)} s`,
    );
  }
}

export async function benchReminders(): Promise<void> {
  const sizes = [10, 1_000, 10_000];
  printTable('\nReminders: service calls per run ("Send reminders now", the weekly digest) by tracking rows', sizes.map((n) => measure(n)));
  printTable('\nReminders: service calls of the daily trigger run on a non-weekday (the daily digest) by tracking rows', sizes.map((n) => measure(n, 'daily')));
  await Promise.resolve();
}

if (require.main === module) {
  benchReminders().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
