import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { autoRun, nextWeeklyRun, planReminders, type ReminderPlan } from '../../src/core/digest';
import { checkWorkbook } from '../../src/core/checks';
import { exampleGrids } from '../../src/core/example';
import { expectedToDate, proRataExpected, requiredPerWeek, runRateProjection } from '../../src/core/metrics';
import { readWorkbook } from '../../src/core/model';
import { CellValue, dayFromIso, isoFromDay, utcDayOf, weekdayOf } from '../../src/core/values';
import {
  CALENDAR_DAYS, CHINA, WEEKDAYS, calendarProblems, coveredYears, daysLate, monthEndDigestDay, pacingOf, weeklyDigestDay, workdaysIn,
} from '../../src/core/workCalendar';

const d = dayFromIso;
const FRIDAY = 5;

/** What the daily trigger sends on each day of [from, to] (weekly digest on Fridays). */
function runs(from: string, to: string, calendar = CHINA): Record<string, string> {
  const out: Record<string, string> = {};
  for (let day = d(from); day <= d(to); day++) out[isoFromDay(day)] = autoRun(day, FRIDAY, calendar) ?? '—';
  return out;
}

describe('the bundled data', () => {
  it('is exactly what the chinese-days package holds (the build regenerates it; nothing is fetched at run time)', () => {
    const root = join(__dirname, '../..');
    const generated = execFileSync(process.execPath, [
      '--input-type=module', '-e', "import { generate } from './scripts/calendar-data.mjs'; process.stdout.write(generate());",
    ], { cwd: root, encoding: 'utf8' });
    expect(readFileSync(join(root, 'src/core/chinaCalendarData.ts'), 'utf8')).toBe(generated);
  });

  it('agrees with the package day by day, 2004 to its last year', () => {
    const data = JSON.parse(readFileSync(join(__dirname, '../../node_modules/chinese-days/dist/chinese-days.json'), 'utf8')) as {
      holidays: Record<string, string>; workdays: Record<string, string>;
    };
    const { first, last } = coveredYears();
    expect(first).toBe(2004);
    expect(last).toBeGreaterThanOrEqual(2026);
    for (let day = d(`${first}-01-01`); day <= d(`${last}-12-31`); day++) {
      const iso = isoFromDay(day);
      const weekday = weekdayOf(day);
      const expected = iso in data.workdays || (weekday >= 1 && weekday <= 5 && !(iso in data.holidays));
      if (CHINA.isWorkday(day) !== expected) throw new Error(`${iso}: ${CHINA.isWorkday(day)} ≠ ${expected}`);
    }
  });

  it('knows the festival of a holiday and of a make-up workday, in both languages', () => {
    expect(CHINA.holidayOf(d('2023-09-29'))).toEqual({ en: 'Mid-autumn Festival', zh: '中秋' });
    expect(CHINA.holidayOf(d('2023-10-02'))).toEqual({ en: 'National Day', zh: '国庆节' });
    expect(CHINA.makeUpOf(d('2023-10-07'))).toEqual({ en: 'National Day', zh: '国庆节' });
    expect(CHINA.holidayOf(d('2023-10-09'))).toBeNull();
    expect(CHINA.makeUpOf(d('2024-02-18'))).toEqual({ en: 'Spring Festival', zh: '春节' });
  });
});

describe("2023's National Day week: Mid-autumn on Friday 29 September, holidays to 6 October, make-up Saturday and Sunday 7-8 October", () => {
  it('workdays: Thursday 28 September, then Saturday 7 and Sunday 8 October', () => {
    const days = ['2023-09-28', '2023-09-29', '2023-09-30', '2023-10-01', '2023-10-02', '2023-10-06', '2023-10-07', '2023-10-08', '2023-10-09'];
    expect(days.map((x) => CHINA.isWorkday(d(x)))).toEqual([true, false, false, false, false, false, true, true, true]);
    expect(days.map((x) => WEEKDAYS.isWorkday(d(x)))).toEqual([true, true, false, false, true, true, false, false, true]);
  });

  it('the Friday reminder moves to Thursday 28 September, and to the make-up Saturday 7 October in the holiday week', () => {
    expect(isoFromDay(weeklyDigestDay(CHINA, d('2023-09-25'), FRIDAY)!)).toBe('2023-09-28');
    expect(isoFromDay(weeklyDigestDay(CHINA, d('2023-10-04'), FRIDAY)!)).toBe('2023-10-07');
    expect(isoFromDay(weeklyDigestDay(CHINA, d('2023-10-09'), FRIDAY)!)).toBe('2023-10-13');
    // Without a calendar it stays on the Friday, holiday or not.
    expect(isoFromDay(weeklyDigestDay(WEEKDAYS, d('2023-09-25'), FRIDAY)!)).toBe('2023-09-29');
  });

  it('day by day: the weekly digest on the moved days, daily digests on workdays (make-up Sunday included), nothing on holidays', () => {
    expect(runs('2023-09-25', '2023-10-13')).toEqual({
      '2023-09-25': 'daily', '2023-09-26': 'daily', '2023-09-27': 'daily',
      '2023-09-28': 'weekly', // Friday 29th is Mid-autumn; Thursday is also September's last workday
      '2023-09-29': '—', '2023-09-30': '—', '2023-10-01': '—', '2023-10-02': '—', '2023-10-03': '—', '2023-10-04': '—', '2023-10-05': '—',
      '2023-10-06': '—',
      '2023-10-07': 'weekly', // the holiday week's only workday before Sunday
      '2023-10-08': 'daily', // make-up Sunday
      '2023-10-09': 'daily', '2023-10-10': 'daily', '2023-10-11': 'daily', '2023-10-12': 'daily', '2023-10-13': 'weekly',
    });
    // Without a calendar: Friday weekly, month end on Saturday 30th, daily digests Monday to Friday.
    expect(runs('2023-09-28', '2023-10-08', WEEKDAYS)).toEqual({
      '2023-09-28': 'daily', '2023-09-29': 'weekly', '2023-09-30': 'monthly', '2023-10-01': '—', '2023-10-02': 'daily', '2023-10-03': 'daily',
      '2023-10-04': 'daily', '2023-10-05': 'daily', '2023-10-06': 'weekly', '2023-10-07': '—', '2023-10-08': '—',
    });
  });

  it("September's month-end digest goes on its last workday, Thursday 28th (with the weekly digest that day)", () => {
    expect(isoFromDay(monthEndDigestDay(CHINA, d('2023-09-10')))).toBe('2023-09-28');
    expect(isoFromDay(monthEndDigestDay(WEEKDAYS, d('2023-09-10')))).toBe('2023-09-30');
  });

  it('overdue counts workdays: due Wednesday 27 September is 1 day late on the 28th, still 1 through the holidays, 3 on the make-up Sunday', () => {
    const due = d('2023-09-27');
    expect(['2023-09-28', '2023-10-03', '2023-10-06', '2023-10-07', '2023-10-08', '2023-10-09'].map((x) => daysLate(CHINA, due, d(x)))).toEqual([1, 1, 1, 2, 3, 4]);
    expect(daysLate(WEEKDAYS, due, d('2023-10-08'))).toBe(11);
    // Before the due day: minus the calendar days still to go ("due in 11 days").
    expect(daysLate(CHINA, d('2023-10-09'), d('2023-09-28'))).toBe(-11);
  });

  it('"when does the weekly digest go next" follows the moves', () => {
    expect(isoFromDay(nextWeeklyRun(d('2023-09-26'), 10, FRIDAY, 9, CHINA).day)).toBe('2023-09-28');
    expect(isoFromDay(nextWeeklyRun(d('2023-09-28'), 10, FRIDAY, 9, CHINA).day)).toBe('2023-10-07');
    expect(isoFromDay(nextWeeklyRun(d('2023-09-28'), 8, FRIDAY, 9, CHINA).day)).toBe('2023-09-28');
    expect(isoFromDay(nextWeeklyRun(d('2023-09-26'), 10, FRIDAY, 9).day)).toBe('2023-09-29');
  });
});

describe('Spring Festival 2024: holidays 10-17 February, make-up Sundays 4 and 18 February', () => {
  it('day by day', () => {
    expect(runs('2024-02-03', '2024-02-19')).toEqual({
      '2024-02-03': '—', '2024-02-04': 'daily', // make-up Sunday
      '2024-02-05': 'daily', '2024-02-06': 'daily', '2024-02-07': 'daily', '2024-02-08': 'daily',
      '2024-02-09': 'weekly', // Friday 9th (除夕) is a workday in 2024
      '2024-02-10': '—', '2024-02-11': '—', '2024-02-12': '—', '2024-02-13': '—', '2024-02-14': '—', '2024-02-15': '—', '2024-02-16': '—',
      '2024-02-17': '—',
      '2024-02-18': 'weekly', // the holiday week's digest goes out on its make-up Sunday
      '2024-02-19': 'daily',
    });
  });
});

describe('pacing in workdays', () => {
  const workdays = pacingOf('workdays', CHINA);

  it('counts 19 workdays in October 2023 (22 weekdays, 5 of them holidays, plus the make-up weekend)', () => {
    expect(workdays.count(d('2023-10-01'), d('2023-10-31'))).toBe(19);
    expect(workdaysIn(WEEKDAYS, d('2023-10-01'), d('2023-10-31'))).toBe(22);
  });

  it("expects nothing of October's target during the holiday, 2 of 19 parts after the make-up weekend", () => {
    const monthly = [{ month: '2023-10', target: 19 }];
    expect(expectedToDate(monthly, d('2023-10-06'), workdays)).toBe(0);
    expect(expectedToDate(monthly, d('2023-10-08'), workdays)).toBe(2);
    expect(expectedToDate(monthly, d('2023-10-08'), CALENDAR_DAYS)).toBeCloseTo((19 * 8) / 31, 10);
    expect(expectedToDate(monthly, d('2023-10-31'), workdays)).toBe(19);
  });

  it('the run-rate projection and the rate needed per week count workdays too', () => {
    // Q4 2023 (2023-10-01 to 2023-12-31) has 19 + 22 + 21 = 62 workdays in China.
    expect(workdays.count(d('2023-10-01'), d('2023-12-31'))).toBe(62);
    expect(runRateProjection(4, d('2023-10-01'), d('2023-12-31'), d('2023-10-08'), workdays)).toBe(124);
    expect(runRateProjection(4, d('2023-10-01'), d('2023-12-31'), d('2023-10-06'), workdays)).toBeNull(); // no workday yet
    expect(proRataExpected(62, d('2023-10-01'), d('2023-12-31'), d('2023-10-08'), workdays)).toBe(2);
    // 60 workdays left after 8 October: 12 working weeks, so 60 still missing is 5 a week.
    expect(requiredPerWeek(62, 2, d('2023-10-08'), d('2023-12-31'), workdays)).toBe(5);
    expect(requiredPerWeek(62, 2, d('2023-10-08'), d('2023-12-31'))).toBeCloseTo(60 / (84 / 7), 10);
  });

  it('calendar-day pacing is unchanged by the calendar (property: the default equals explicit calendar days)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: -20, max: 220 }), (target, span, offset) => {
      const start = d('2023-01-01') + offset;
      const end = start + span;
      const today = start + offset;
      expect(proRataExpected(target, start, end, today)).toBeCloseTo(proRataExpected(target, start, end, today, CALENDAR_DAYS), 9);
      expect(proRataExpected(target, start, end, today)).toBeCloseTo((target * Math.min(Math.max(today - start + 1, 0), span + 1)) / (span + 1), 9);
    }));
  });
});

describe('a year the data does not cover', () => {
  const { last } = coveredYears();
  const next = last + 1;

  it('falls back to Monday to Friday', () => {
    for (let day = d(`${next}-01-01`); day <= d(`${next}-12-31`); day++) {
      const weekday = weekdayOf(day);
      expect(CHINA.isWorkday(day)).toBe(weekday >= 1 && weekday <= 5);
    }
    expect(CHINA.covers(d(`${next}-03-01`))).toBe(false);
  });

  it('says so once for the cycle, in both languages, naming the year and the years covered', () => {
    const problems = calendarProblems(CHINA, d(`${last}-10-01`), d(`${next}-03-31`), 19);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'calendar_not_covered', severity: 'warning', tab: 'settings', row: 19 });
    expect(problems[0]!.message.en).toBe(
      `The China (mainland) work calendar has no holiday data for ${next} (it covers 2004–${last}): Monday to Friday are used as workdays for those dates.`,
    );
    expect(problems[0]!.message.zh).toBe(`中国大陆工作日历没有 ${next} 年的节假日数据（现有 2004–${last} 年）：这些日期按周一至周五为工作日计算。`);
    expect(calendarProblems(WEEKDAYS, d(`${next}-01-01`), d(`${next}-03-31`), 19)).toEqual([]);
    expect(calendarProblems(CHINA, d('2023-07-01'), d('2023-09-30'), 19)).toEqual([]);
  });
});

describe('the reminders with Settings → Work calendar = China (mainland)', () => {
  type Grids = Record<string, CellValue[][]>;
  const setCalendar = (grids: Grids, value: string): void => {
    const row = grids.settings!.find((r) => r[0] === 'Work calendar');
    if (row) row[1] = value;
    else grids.settings!.push(['Work calendar', value, '']);
  };
  const task = (name: string, owner: string, planned: string, updated: CellValue, frequency = 'Weekly'): CellValue[] =>
    ['Execute', name, owner, planned, 'In progress', '', '', '', '', '', frequency, updated];

  function plan(today: string, calendar: string, edit?: (g: Grids) => void): ReminderPlan {
    const grids = exampleGrids('en') as Grids;
    setCalendar(grids, calendar);
    edit?.(grids);
    const time = { today: dayFromIso(today), dayOf: utcDayOf };
    return planReminders(readWorkbook(grids, time), time, { sheetUrl: '', sheetLang: 'en', sentBy: 'director@example.com' });
  }
  const addTasks = (g: Grids): void => {
    g.tracking!.push(
      task('Book the Q4 trade-show booth', 'Li*', '2023-09-27', '2023-09-27'),
      task('Visit the Suzhou distributor', 'Li*', '2023-10-09', '2023-09-26'),
      task('Call back the Ningbo lead', 'Li*', '2023-10-20', '2023-09-25', 'Daily'),
    );
  };

  it('plans the weekly digest on the make-up Saturday 7 October, with overdue days in workdays', () => {
    const p = plan('2023-10-07', 'China (mainland)', addTasks);
    expect(p.kind).toBe('weekly');
    const li = p.digests.find((x) => x.name === 'Li*')!;
    const booth = li.overdue.find((t) => t.task === 'Book the Q4 trade-show booth')!;
    expect(booth.daysOverdue).toBe(2); // 28 September and 7 October
    const email = p.emails.find((e) => e.to === 'li@example.com')!;
    expect(email.text).toContain('2 workdays overdue (due 2023-09-27)');
    // Updated on 26 September: within the last five workdays (7 Oct, 28, 27, 26, 25 Sep), so not "not updated this week".
    expect(li.stale.map((t) => t.task)).not.toContain('Visit the Suzhou distributor');
    expect(li.dueSoon.map((t) => t.task)).toContain('Visit the Suzhou distributor');
  });

  it('without the calendar the same day is a Saturday with nothing to send, and the booth is 10 days overdue', () => {
    const p = plan('2023-10-07', 'None', addTasks);
    expect(p.emails).toEqual([]);
    const friday = plan('2023-10-06', 'None', addTasks);
    expect(friday.kind).toBe('weekly');
    expect(friday.digests.find((x) => x.name === 'Li*')!.overdue.find((t) => t.task === 'Book the Q4 trade-show booth')!.daysOverdue).toBe(9);
  });

  it('sends nothing on a holiday, and the daily digest on the make-up Sunday 8 October', () => {
    expect(plan('2023-10-03', 'China (mainland)', addTasks).emails).toEqual([]);
    const sunday = plan('2023-10-08', 'China (mainland)', addTasks);
    expect(sunday.kind).toBe('daily');
    expect(sunday.digests.find((x) => x.name === 'Li*')!.stale.map((t) => t.task)).toEqual(['Call back the Ningbo lead']);
  });

  it('Check data counts overdue workdays and says nothing about a covered year', () => {
    const grids = exampleGrids('en') as Grids;
    setCalendar(grids, '中国大陆');
    addTasks(grids);
    const time = { today: d('2023-10-08'), dayOf: utcDayOf };
    const problems = checkWorkbook(readWorkbook(grids, time), time);
    const booth = problems.find((p) => p.code === 'task_overdue' && p.message.en.startsWith('"Book the Q4 trade-show booth"'))!;
    expect(booth.value).toBe('2023-09-27'); // the date the message quotes, from the column it names
    expect(booth.message.en).toBe('"Book the Q4 trade-show booth" was due 2023-09-27 (Planned date) and is not done (3 workdays overdue).');
    expect(booth.message.zh).toBe('“Book the Q4 trade-show booth”应于 2023-09-27（计划完成时间）完成，尚未完成（逾期 3 个工作日）。');
    expect(problems.some((p) => p.code === 'calendar_not_covered')).toBe(false);
  });
});
