/**
 * The China (mainland) work calendar through the real trigger: the built bundle in the emulator, the
 * daily trigger fired at 09:00 Shanghai on every day of 2023's National Day fortnight and of Spring
 * Festival 2024, and what each run sent and wrote to Log.
 */
import { Emulator } from '../../src/node/emulator';
import { bundleEmulator, exampleEmulator } from './harness';

function setSetting(emulator: Emulator, label: string, value: string): void {
  const sheet = (emulator.spreadsheet.getSheetByName('Settings') ?? emulator.spreadsheet.getSheetByName('设置'))!;
  const labels = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => r[0]);
  const row = labels.indexOf(label);
  if (row < 0) throw new Error(`no setting ${label}`);
  sheet.getRange(row + 1, 2).setValue(value);
}

/** The example sheet, its cycle moved to cover `start`–`end`, with one daily-tracked task per owner and Work calendar set. */
function sheet(calendar: string, start: string, end: string, lang: 'en' | 'zh-CN' = 'en'): Emulator {
  const emulator = exampleEmulator({ now: new Date(`${start}T08:00:00+08:00`), locale: lang === 'zh-CN' ? 'zh_CN' : 'en_US' });
  const zh = lang === 'zh-CN';
  setSetting(emulator, zh ? '周期开始' : 'Cycle start', start);
  setSetting(emulator, zh ? '周期结束' : 'Cycle end', end);
  setSetting(emulator, zh ? '工作日历' : 'Work calendar', calendar);
  const tracking = emulator.spreadsheet.getSheetByName(zh ? '执行跟踪' : 'Tracking')!;
  const daily = zh ? '每日' : 'Daily';
  const li = zh ? '李*' : 'Li*';
  tracking.getRange(tracking.getLastRow() + 1, 1, 2, 12).setValues([
    ['Execute', 'Call back the trade-show leads', li, end, 'In progress', '', '', '', '', '', daily, ''],
    ['Execute', 'Book the Q4 trade-show booth', li, start, 'In progress', '', '', '', '', '', 'Weekly', ''],
  ]);
  emulator.call('menuTurnRemindersOn');
  return emulator;
}

/** Fires the daily trigger at 09:00 on each day; returns, per day, the periods of the emails it sent. */
function runDays(emulator: Emulator, from: string, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let t = Date.parse(`${from}T09:00:00+08:00`); t <= Date.parse(`${to}T09:00:00+08:00`); t += 86_400_000) {
    emulator.clock.set(new Date(t));
    const before = emulator.mail.length;
    emulator.fireTimeTriggers();
    const day = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    const subjects = emulator.mail.slice(before).map((m) => m.subject);
    out[day] = subjects.length === 0 ? '—' : [...new Set(subjects.map(kindOfSubject))].join('+');
  }
  return out;
}

function kindOfSubject(subject: string): string {
  if (/Weekly summary|Your reminders, week|每周汇总|本周提醒/.test(subject)) return 'weekly';
  if (/Daily reminders|每日提醒/.test(subject)) return 'daily';
  if (/Month-end|月末/.test(subject)) return 'monthly';
  return subject;
}

function logDetails(emulator: Emulator, tab = 'Log'): string[] {
  const log = emulator.spreadsheet.getSheetByName(tab)!;
  return log.getRange(2, 1, log.getLastRow() - 1, 4).getValues().map((r) => String(r[3]));
}

describe('Work calendar = China (mainland) through the daily trigger', () => {
  it("2023's National Day fortnight: weekly on Thursday 28 Sep and the make-up Saturday 7 Oct, a daily digest on the make-up Sunday, nothing on holidays", () => {
    const emulator = sheet('China (mainland)', '2023-09-01', '2023-12-31');
    const sent = runDays(emulator, '2023-09-27', '2023-10-09');
    expect(sent).toEqual({
      '2023-09-27': 'daily', '2023-09-28': 'weekly',
      '2023-09-29': '—', '2023-09-30': '—', '2023-10-01': '—', '2023-10-02': '—', '2023-10-03': '—', '2023-10-04': '—', '2023-10-05': '—', '2023-10-06': '—',
      '2023-10-07': 'weekly', '2023-10-08': 'daily', '2023-10-09': 'daily',
    });
    // Overdue counted in workdays: the booth was due 1 September.
    const saturday = emulator.mail.find((m) => m.subject.includes('2023-W40') && m.to.includes('li@example.com'))!;
    expect(saturday.body).toMatch(/Book the Q4 trade-show booth \[Execute\][^\n]*\n {2}\d+ workdays overdue \(due 2023-09-01\)/);
    const log = logDetails(emulator);
    expect(log).toContain(
      'No digest today: 2023-10-03 is a day off (National Day) in the work calendar (Settings → Work calendar); daily digests go out on workdays, make-up workdays included.',
    );
    expect(log).toContain(
      'No digest today: 2023-09-29 is a day off (Mid-autumn Festival) in the work calendar (Settings → Work calendar); daily digests go out on workdays, make-up workdays included.',
    );
  });

  it('the same fortnight without a calendar: Friday weekly, the month end on Saturday 30 Sep, daily digests Monday to Friday through the holiday', () => {
    const emulator = sheet('None', '2023-09-01', '2023-12-31');
    expect(runDays(emulator, '2023-09-27', '2023-10-09')).toEqual({
      '2023-09-27': 'daily', '2023-09-28': 'daily', '2023-09-29': 'weekly', '2023-09-30': 'monthly', '2023-10-01': '—',
      '2023-10-02': 'daily', '2023-10-03': 'daily', '2023-10-04': 'daily', '2023-10-05': 'daily', '2023-10-06': 'weekly',
      '2023-10-07': '—', '2023-10-08': '—', '2023-10-09': 'daily',
    });
  });

  it('Spring Festival 2024 on a Chinese sheet: daily on the make-up Sunday 4 Feb, weekly on Friday 9 Feb and on the make-up Sunday 18 Feb', () => {
    const emulator = sheet('中国大陆', '2024-01-01', '2024-03-31', 'zh-CN');
    expect(runDays(emulator, '2024-02-03', '2024-02-19')).toEqual({
      '2024-02-03': '—', '2024-02-04': 'daily', '2024-02-05': 'daily', '2024-02-06': 'daily', '2024-02-07': 'daily', '2024-02-08': 'daily',
      '2024-02-09': 'weekly',
      '2024-02-10': '—', '2024-02-11': '—', '2024-02-12': '—', '2024-02-13': '—', '2024-02-14': '—', '2024-02-15': '—', '2024-02-16': '—', '2024-02-17': '—',
      '2024-02-18': 'weekly', '2024-02-19': 'daily',
    });
    expect(logDetails(emulator, '日志')).toContain(
      '今天不发送摘要：按工作日历（设置 → 工作日历），2024-02-12 为休息日（春节）；每日摘要只在工作日发送，调休上班日照常发送。',
    );
  });

  it('a Chinese sheet gets China (mainland) from Set up, an English one None', () => {
    const zh = bundleEmulator({ locale: 'zh_CN' });
    zh.call('menuSetupSheets');
    const en = bundleEmulator();
    en.call('menuSetupSheets');
    const value = (emulator: Emulator, tab: string, label: string): unknown =>
      emulator.spreadsheet.getSheetByName(tab)!.getDataRange().getValues().find((r) => r[0] === label)?.[1];
    expect(value(zh, '设置', '工作日历')).toBe('中国大陆');
    expect(value(en, 'Settings', 'Work calendar')).toBe('None (Monday to Friday)');
  });
});
