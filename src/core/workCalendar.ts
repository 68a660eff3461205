/**
 * The work calendar (Settings → Work calendar): which days people work. `none` is Monday to Friday with
 * no holidays; `cn` (China, mainland) adds the statutory holidays (放假) and the weekend days worked
 * instead (调休上班 / 补班) from the bundled State Council data (chinaCalendarData.ts), for the years it
 * covers; a year it does not cover falls back to Monday to Friday, and calendarProblems says so once.
 *
 * One definition each, used by reminders (which day the weekly digest goes out, daily digests on
 * workdays only), by "overdue" and "not updated" (counted in workdays when a calendar is on) and by
 * pacing (Settings → Pacing: calendar days or workdays).
 */
import { CHINA_CALENDAR_SOURCE, CHINA_CALENDAR_YEARS, CHINA_HOLIDAYS, CHINA_MAKEUP_WORKDAYS, FESTIVALS } from './chinaCalendarData';
import { Bilingual, fill, joinList } from './i18n';
import { Problem } from './problems';
import { Day, dayFromParts, daysInMonth, isoFromDay, partsOfDay, weekdayOf } from './values';

export type CalendarKey = 'none' | 'cn';
export type PacingKey = 'calendar' | 'workdays';

export interface WorkCalendar {
  readonly key: CalendarKey;
  /** A day people work: Monday to Friday unless a holiday, and make-up weekend days. */
  isWorkday(day: Day): boolean;
  /** A statutory holiday (a day off by the calendar that is not simply a weekend), with its festival. */
  holidayOf(day: Day): Bilingual | null;
  /** A weekend day worked instead of a holiday (调休上班), with its festival. */
  makeUpOf(day: Day): Bilingual | null;
  /** Whether the data covers the year of `day` (always true for `none`). */
  covers(day: Day): boolean;
}

function isWeekday(day: Day): boolean {
  const weekday = weekdayOf(day);
  return weekday >= 1 && weekday <= 5;
}

/** Monday to Friday, no holidays: Settings → Work calendar = None, and the fallback for uncovered years. */
export const WEEKDAYS: WorkCalendar = {
  key: 'none',
  isWorkday: isWeekday,
  holidayOf: () => null,
  makeUpOf: () => null,
  covers: () => true,
};

type DayIndex = ReadonlyMap<Day, Bilingual>;

/** Decodes one year's runs (`0929:6 0930-1006:3`) into days with their festival. */
function decodeYear(year: number, runs: string, into: Map<Day, Bilingual>): void {
  for (const run of runs.split(' ')) {
    const m = /^(\d{2})(\d{2})(?:-(\d{2})(\d{2}))?:(\d+)$/.exec(run);
    if (!m) continue;
    const first = dayFromParts(year, Number(m[1]), Number(m[2]));
    const last = m[3] ? dayFromParts(year, Number(m[3]), Number(m[4])) : first;
    const festival = FESTIVALS[Number(m[5])];
    if (!festival) continue;
    for (let day = first; day <= last; day++) into.set(day, festival);
  }
}

let chinaIndex: { holidays: DayIndex; workdays: DayIndex; years: ReadonlySet<number> } | null = null;

/** The bundled data, decoded on first use (most runs of a sheet without the calendar never need it). */
function china(): NonNullable<typeof chinaIndex> {
  if (chinaIndex === null) {
    const holidays = new Map<Day, Bilingual>();
    const workdays = new Map<Day, Bilingual>();
    for (const year of CHINA_CALENDAR_YEARS) {
      decodeYear(year, CHINA_HOLIDAYS[year] ?? '', holidays);
      decodeYear(year, CHINA_MAKEUP_WORKDAYS[year] ?? '', workdays);
    }
    chinaIndex = { holidays, workdays, years: new Set(CHINA_CALENDAR_YEARS) };
  }
  return chinaIndex;
}

export const CHINA: WorkCalendar = {
  key: 'cn',
  isWorkday: (day) => {
    const data = china();
    if (data.workdays.has(day)) return true;
    return isWeekday(day) && !data.holidays.has(day);
  },
  holidayOf: (day) => china().holidays.get(day) ?? null,
  makeUpOf: (day) => china().workdays.get(day) ?? null,
  covers: (day) => china().years.has(partsOfDay(day).year),
};

export function workCalendar(key: CalendarKey): WorkCalendar {
  return key === 'cn' ? CHINA : WEEKDAYS;
}

/** Where the data comes from, for the README, Help and messages. */
export const CALENDAR_SOURCE = CHINA_CALENDAR_SOURCE;

/** The years the bundled data covers, first and last. */
export function coveredYears(): { first: number; last: number } {
  return { first: CHINA_CALENDAR_YEARS[0]!, last: CHINA_CALENDAR_YEARS[CHINA_CALENDAR_YEARS.length - 1]! };
}

// ---------------------------------------------------------------------------------------------
// Counting days

/** Workdays in [first, last], both included (0 when last < first). */
export function workdaysIn(calendar: WorkCalendar, first: Day, last: Day): number {
  let count = 0;
  for (let day = first; day <= last; day++) if (calendar.isWorkday(day)) count++;
  return count;
}

/** Whether a calendar is on: then overdue, not-updated and workday pacing count workdays, not calendar days. */
export function calendarOn(calendar: WorkCalendar): boolean {
  return calendar.key !== 'none';
}

/**
 * How late something due on `due` is on `today`: calendar days without a calendar; with one, the workdays
 * after `due` up to and including today (a task due the day before a week of holidays is 0 days late until
 * the first day back). Before the due day, minus the calendar days still to go ("due in 2 days") either way.
 */
export function daysLate(calendar: WorkCalendar, due: Day, today: Day): number {
  if (!calendarOn(calendar) || today <= due) return today - due;
  return workdaysIn(calendar, due + 1, today);
}

/** The latest workday on or before `day` (itself when it is one); `day` when none is found within a month. */
export function workdayOnOrBefore(calendar: WorkCalendar, day: Day): Day {
  for (let d = day; d > day - 31; d--) if (calendar.isWorkday(d)) return d;
  return day;
}

/**
 * The start of the window "the last `n` workdays up to today": the earliest of them. With no calendar the
 * caller's own rule (e.g. Monday of this week) applies instead; see staleSince.
 */
export function nthWorkdayBack(calendar: WorkCalendar, today: Day, n: number): Day {
  let found = 0;
  for (let d = today; d > today - 366; d--) {
    if (calendar.isWorkday(d) && ++found === n) return d;
  }
  return today - n + 1;
}

/** A normal working week: what "this week" means when counted in workdays. */
export const WORKDAYS_PER_WEEK = 5;

// ---------------------------------------------------------------------------------------------
// Reminder days

/** Monday of the ISO week holding `day`. */
function mondayOf(day: Day): Day {
  return day - ((weekdayOf(day) + 6) % 7);
}

/**
 * The day of the week holding `day` on which the weekly digest goes out: the reminder weekday (0 Sunday …
 * 6 Saturday), unless it is a statutory holiday: then the last workday before it in the same week, else the
 * first workday after it in the same week (2023's National Day week goes out on the make-up Saturday);
 * null when the whole week is off. Without a calendar always the reminder weekday.
 */
export function weeklyDigestDay(calendar: WorkCalendar, day: Day, reminderWeekday: number): Day | null {
  const monday = mondayOf(day);
  const scheduled = monday + ((reminderWeekday + 6) % 7);
  if (calendar.holidayOf(scheduled) === null) return scheduled;
  for (let d = scheduled - 1; d >= monday; d--) if (calendar.isWorkday(d)) return d;
  for (let d = scheduled + 1; d <= monday + 6; d++) if (calendar.isWorkday(d)) return d;
  return null;
}

/** The last day of the month holding `day`. */
function monthEnd(day: Day): Day {
  const p = partsOfDay(day);
  return dayFromParts(p.year, p.month, daysInMonth(p.year, p.month));
}

/**
 * The day of the month-end digest for the month holding `day`: the month's last day without a calendar
 * (whatever the day of the week); with one, the month's last workday (nobody reads it on a holiday).
 */
export function monthEndDigestDay(calendar: WorkCalendar, day: Day): Day {
  const last = monthEnd(day);
  if (!calendarOn(calendar)) return last;
  const p = partsOfDay(day);
  const first = dayFromParts(p.year, p.month, 1);
  for (let d = last; d >= first; d--) if (calendar.isWorkday(d)) return d;
  return last;
}

// ---------------------------------------------------------------------------------------------
// Pacing

/** How pacing counts time: the days of [first, last] that count, and how many of them make a week. */
export interface Pacing {
  count(first: Day, last: Day): number;
  readonly perWeek: number;
}

export const CALENDAR_DAYS: Pacing = { count: (first, last) => Math.max(0, last - first + 1), perWeek: 7 };

/** Settings → Pacing: workdays of the work calendar (Monday to Friday without one), else calendar days. */
export function pacingOf(pacing: PacingKey, calendar: WorkCalendar): Pacing {
  if (pacing !== 'workdays') return CALENDAR_DAYS;
  return { count: (first, last) => workdaysIn(calendar, first, last), perWeek: WORKDAYS_PER_WEEK };
}

// ---------------------------------------------------------------------------------------------
// What the calendar cannot say

const MSG = {
  notCovered: {
    en: 'The China (mainland) work calendar has no holiday data for {years} (it covers {first}–{last}): Monday to Friday are used as workdays for those dates.',
    zh: '中国大陆工作日历没有 {years} 年的节假日数据（现有 {first}–{last} 年）：这些日期按周一至周五为工作日计算。',
  },
  notCoveredFix: {
    en: 'Update the tracker to a version with the new year\'s holidays (published each November), or set Settings → Work calendar to None.',
    zh: '请将跟踪表更新到包含新一年节假日安排的版本（国务院通常每年 11 月公布），或将“设置 → 工作日历”设为“无”。',
  },
} as const satisfies Record<string, Bilingual>;

/** Years of [start, end] the calendar has no data for. */
export function uncoveredYears(calendar: WorkCalendar, start: Day, end: Day): number[] {
  if (!calendarOn(calendar) || end < start) return [];
  const years: number[] = [];
  for (let year = partsOfDay(start).year; year <= partsOfDay(end).year; year++) {
    if (!calendar.covers(dayFromParts(year, 1, 1))) years.push(year);
  }
  return years;
}

/**
 * One warning (never one per day) when the cycle reaches into years the calendar does not cover: those
 * dates fall back to Monday to Friday. `row` is the Settings row of Work calendar.
 */
export function calendarProblems(calendar: WorkCalendar, start: Day | null, end: Day | null, row: number | null): Problem[] {
  if (start === null || end === null) return [];
  const years = uncoveredYears(calendar, start, end);
  if (years.length === 0) return [];
  const { first, last } = coveredYears();
  const text = (lang: 'en' | 'zh-CN'): string => fill(MSG.notCovered, { first, last, years: joinList(years.map(String), lang) })[lang === 'en' ? 'en' : 'zh'];
  return [{
    code: 'calendar_not_covered', severity: 'warning', tab: 'settings', row, column: 'value', value: `${isoFromDay(start)} – ${isoFromDay(end)}`,
    message: { en: text('en'), zh: text('zh-CN') },
    fix: MSG.notCoveredFix,
  }];
}
