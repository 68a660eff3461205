/**
 * Friday reminders (DESIGN "Friday reminders"): who gets which email, computed from plain rows and a
 * clock. Nothing here sends anything: the Apps Script adapter (src/gas/reminders.ts) and the offline
 * command line take the planned emails and deliver or write them.
 *
 * Rules
 * - One email per owner per run, listing only that owner's rows: overdue tasks (with days overdue),
 *   tasks due in the next 7 days, tasks not updated this week, open retrospective actions due in the
 *   next 7 days (or overdue), and a request for this week's numbers in Weekly log.
 * - A task's due date is its planned date (the end of a range), or its next-step due date when that is
 *   later and the task is not done (the team agreed a later next step). Done tasks are never listed.
 * - Frequency: the weekly digest covers daily and weekly tasks, and monthly tasks only when overdue or
 *   when the weekly run falls on the month's last day; overdue tasks are listed whatever their frequency.
 *   A daily digest covers daily tasks only (due today or tomorrow, not updated since yesterday). The
 *   month-end digest (kind 'monthly', on the month's last day) covers monthly tasks (due in 7 days, not
 *   updated this month) and, because it replaces that day's daily digest, daily tasks with the daily
 *   rules: one email per person that day. Retrospective actions and the numbers request are in the
 *   weekly digest only.
 * - Days (autoRun): the weekly digest on the reminder weekday; the month-end digest on the month's last
 *   day; the daily digest Monday to Friday only. A weekday whose week already went to everyone on an
 *   earlier day ("Send reminders now") sends what another day would (weeklyAlreadySent).
 * - Owners with nothing to say get nothing. The numbers request counts as something to say only for
 *   people who report numbers (they have Weekly log rows this cycle or own a goal) and have not yet
 *   entered this week's.
 * - Managers (Settings → Manager emails) get one summary each with the weekly digest: each target's
 *   progress against the target expected to date, the run-rate projection, each owner's targets, open
 *   and overdue tasks and last check-in (ownerPerformance.ts, the report's and the Dashboard's table too),
 *   the biggest risks and the people who could not be reminded (and why).
 * - A period key (`weekly:2023-W30`, `daily:2023-07-28`, `monthly:2023-07`) names the run, so the
 *   adapter can make sure no recipient gets the same period's email twice.
 */
import { type Lang } from './i18n';
import { isBehind } from './metrics';
import { ownerPerformance, type OwnerTarget } from './ownerPerformance';
import { targetProgress, type TargetProgress } from './progress';
import { EMAIL_PATTERN, type Person, type TimeContext, type Workbook } from './model';
import { type Frequency, type TaskStatus } from './options';
import { checkWorkbook, taskDueDay } from './checks';
import { personKey } from './people';
import { type Problem } from './problems';
import { type TabKey } from './schema';
import { dayFromIso, dayFromParts, daysInMonth, isoFromDay, monthOf, partsOfDay, utcDayOf, weekdayOf, type Day } from './values';
import { renderManagerEmail, renderOwnerEmail, type RenderContext } from './emailText';
import type { HelpItem, WeekChange } from './weekChange';
import {
  WEEKDAYS, WORKDAYS_PER_WEEK, calendarOn, daysLate, monthEndDigestDay, nthWorkdayBack, weeklyDigestDay, workCalendar,
  workdayOnOrBefore, type WorkCalendar,
} from './workCalendar';

export type DigestKind = 'weekly' | 'daily' | 'monthly';

export interface ReminderOptions {
  /**
   * Which digest; 'auto' (default) picks weekly on the reminder weekday, monthly on a month's last day,
   * else daily, and plans nobody on a Saturday or Sunday that is neither (daily digests: Monday to Friday).
   */
  readonly kind?: DigestKind | 'auto';
  /** The spreadsheet's URL; rows link to `<sheetUrl>#gid=<sheetId>&range=A<row>`. Empty offline (no links). */
  readonly sheetUrl: string;
  /** Sheet id (gid) of each tab, for row links. */
  readonly tabGids?: Partial<Record<TabKey, number>>;
  /** The sheet's language (Settings, else the spreadsheet locale): used for people without their own. */
  readonly sheetLang: Lang;
  /** Whose account sends, shown in the footer. */
  readonly sentBy?: string;
  /** Most items listed per section before "and N more" (default 20), so an email stays readable. */
  readonly maxItemsPerSection?: number;
  /** Most risks in the managers' summary (default 5). */
  readonly maxRisks?: number;
  /** Also render what the team's chat group gets (plan.chat), in the sheet's language. */
  readonly chat?: boolean;
  /** Each target's change over the last week (core/history.ts weekOverWeek), for the managers' summary. */
  readonly weekChanges?: readonly WeekChange[];
  /** This week's weekly tracking sheet, linked from the managers' summary (null: not made yet; absent: not said). */
  readonly weeklySheet?: { readonly name: string; readonly url: string } | null;
}

/** Where a listed item lives in the sheet. */
export interface RowRef {
  readonly tab: TabKey;
  readonly row: number;
  /** Link to the row, or '' offline. */
  readonly link: string;
}

export interface TaskItem extends RowRef {
  readonly task: string;
  readonly stage: string;
  readonly status: TaskStatus | null;
  readonly frequency: Frequency;
  readonly due: Day | null;
  /** today − due; positive when overdue. */
  readonly daysOverdue: number;
  readonly nextStep: string;
  readonly updated: Day | null;
  /** Not updated within the digest's window (this week for the weekly digest). */
  readonly stale: boolean;
}

export interface RetroActionItem extends RowRef {
  readonly module: string;
  readonly suggestion: string;
  readonly due: Day;
  readonly daysOverdue: number;
}

export interface OwnerDigest {
  /** The Team name, or the owner text as typed when the owner is not in Team. */
  readonly name: string;
  readonly person: Person | null;
  /** Each task appears in one section only: overdue, else due soon, else not updated. */
  readonly overdue: readonly TaskItem[];
  readonly dueSoon: readonly TaskItem[];
  readonly stale: readonly TaskItem[];
  readonly retro: readonly RetroActionItem[];
  /** Ask for this week's numbers in Weekly log. */
  readonly numbersRequest: boolean;
  /** The person's first row (an open task, else a Weekly log row), so the email opens the sheet there, not at A1. */
  readonly firstRow: RowRef | null;
}

export type { TargetProgress };
export { targetProgress };

/** One owner's line of the managers' summary: their targets' progress, their work, their last check-in (ownerPerformance.ts). */
export interface OwnerLoad {
  readonly name: string;
  /** Cycle targets of Goals rows naming this owner alone, against what is expected by today. */
  readonly targets: readonly OwnerTarget[];
  readonly open: number;
  readonly overdue: number;
  readonly stale: number;
  readonly retroOverdue: number;
  readonly lastUpdated: Day | null;
  readonly lastWeek: Day | null;
}

export type Risk =
  | { readonly kind: 'metric'; readonly target: TargetProgress }
  | { readonly kind: 'task'; readonly item: TaskItem; readonly owners: readonly string[] }
  | { readonly kind: 'blocked'; readonly item: TaskItem; readonly owners: readonly string[] }
  | { readonly kind: 'retro'; readonly item: RetroActionItem; readonly owners: readonly string[] };

export type SkipReason = 'not_in_team' | 'no_email' | 'invalid_email' | 'domain_not_allowed' | 'opted_out';

export interface SkippedRecipient {
  readonly name: string;
  readonly email: string;
  readonly role: 'owner' | 'manager';
  readonly reason: SkipReason;
  /** Rows the person would have been reminded of (owners), or the Settings row (managers). */
  readonly rows: readonly { readonly tab: TabKey; readonly row: number }[];
}

export interface ManagerSummary {
  readonly targets: readonly TargetProgress[];
  readonly owners: readonly OwnerLoad[];
  readonly risks: readonly Risk[];
  readonly skipped: readonly SkippedRecipient[];
  /** Owner emails in this run. */
  readonly ownerEmails: number;
  /** Day of the cycle (1-based) and its length, when the cycle dates are set. */
  readonly cycleDay: number | null;
  readonly cycleDays: number | null;
  /** Check data's list (checks.checkWorkbook): the same problems the sheet's dialog, the report and the command line show. */
  readonly problems: readonly Problem[];
  /** Tasks flagged "needs help", longest waiting first: the top of the summary. */
  readonly needsHelp: readonly HelpItem[];
  /** Each target's change over the last week. */
  readonly changes: readonly WeekChange[];
}

export interface PlannedEmail {
  readonly to: string;
  readonly role: 'owner' | 'manager';
  readonly name: string;
  readonly lang: Lang;
  readonly kind: DigestKind;
  readonly period: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Rows this email lists (owner digests), for tests and the Log. */
  readonly rows: readonly { readonly tab: TabKey; readonly row: number }[];
}

export interface ChatPlan {
  readonly summary: { readonly subject: string; readonly text: string } | null;
  /** Owners with something to say, whether or not they can get email (a person without an address may still be in the group). */
  readonly owners: readonly { readonly name: string; readonly person: Person | null; readonly subject: string; readonly text: string }[];
}

export interface ReminderPlan {
  readonly kind: DigestKind;
  readonly period: string;
  readonly today: Day;
  /** Monday of today's week. */
  readonly weekStart: Day;
  /** Managers first, then owners in Team order. */
  readonly emails: readonly PlannedEmail[];
  readonly skipped: readonly SkippedRecipient[];
  readonly digests: readonly OwnerDigest[];
  readonly summary: ManagerSummary | null;
  /** What the team's chat group gets, in the sheet's language (only when opts.chat): the managers' summary and each owner's digest. */
  readonly chat?: ChatPlan;
}

// ---------------------------------------------------------------------------------------------
// Calendar

/** Monday of the ISO week holding `day`. */
export function weekStartOf(day: Day): Day {
  return day - ((weekdayOf(day) + 6) % 7);
}

/** ISO 8601 week: the year is that of the week's Thursday. */
export function isoWeekOf(day: Day): { year: number; week: number } {
  const thursday = weekStartOf(day) + 3;
  const year = partsOfDay(thursday).year;
  return { year, week: Math.floor((thursday - dayFromParts(year, 1, 1)) / 7) + 1 };
}

export function lastDayOfMonth(day: Day): Day {
  const p = partsOfDay(day);
  return day - p.day + daysInMonth(p.year, p.month);
}

export function periodKey(kind: DigestKind, today: Day): string {
  if (kind === 'daily') return `daily:${isoFromDay(today)}`;
  if (kind === 'monthly') return `monthly:${monthOf(today)}`;
  const { year, week } = isoWeekOf(today);
  return `weekly:${year}-W${String(week).padStart(2, '0')}`;
}

/** First day of a period key, or null for a key that is not one (used to prune old records). */
export function periodStart(key: string): Day | null {
  const weekly = /^weekly:(\d{4})-W(\d{2})$/.exec(key);
  if (weekly) {
    const year = Number(weekly[1]);
    const jan4 = dayFromParts(year, 1, 4); // 4 January is always in week 1
    return weekStartOf(jan4) + (Number(weekly[2]) - 1) * 7;
  }
  const daily = /^daily:(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (daily) return dayFromParts(Number(daily[1]), Number(daily[2]), Number(daily[3]));
  const monthly = /^monthly:(\d{4})-(\d{2})$/.exec(key);
  if (monthly) return dayFromParts(Number(monthly[1]), Number(monthly[2]), 1);
  return null;
}

export function kindOf(period: string): DigestKind | null {
  const kind = period.split(':')[0];
  return kind === 'weekly' || kind === 'daily' || kind === 'monthly' ? kind : null;
}

/** The digest an automatic run produces today (with a work calendar, the weekly digest moves off a holiday: weeklyDigestDay). */
export function autoKind(today: Day, reminderWeekday: number, calendar: WorkCalendar = WEEKDAYS): DigestKind {
  // The run on the reminder weekday is the weekly digest even at month end: it then lists monthly tasks too.
  if (weeklyDigestDay(calendar, today, reminderWeekday) === today) return 'weekly';
  if (today === monthEndDigestDay(calendar, today)) return 'monthly';
  return 'daily';
}

/** Daily digests go out on workdays only: Monday to Friday, or the work calendar's workdays (make-up days included). */
export function isWorkday(day: Day, calendar: WorkCalendar = WEEKDAYS): boolean {
  return calendar.isWorkday(day);
}

/**
 * What an automatic run sends on a day without the weekly digest (not the reminder weekday, or the
 * weekday once its weekly digest has gone out to everyone): the month-end digest on the month's last
 * day (its last workday with a work calendar), whatever the day of the week; else the daily digest on
 * workdays only; else nothing (null).
 */
export function otherDayKind(today: Day, calendar: WorkCalendar = WEEKDAYS): DigestKind | null {
  if (today === monthEndDigestDay(calendar, today)) return 'monthly';
  return isWorkday(today, calendar) ? 'daily' : null;
}

/**
 * What the daily trigger sends today: the weekly digest on the week's digest day (the reminder weekday,
 * moved off a statutory holiday by the work calendar), else otherDayKind (null: nothing).
 */
export function autoRun(today: Day, reminderWeekday: number, calendar: WorkCalendar = WEEKDAYS): DigestKind | null {
  return weeklyDigestDay(calendar, today, reminderWeekday) === today ? 'weekly' : otherDayKind(today, calendar);
}

/**
 * Document property naming the last weekly period that sent an email and the day it did
 * (`{"period":"weekly:2023-W39","day":"2023-09-27"}`): the weekday's run tells a week sent earlier (by
 * "Send reminders now") from one its own run sent today.
 */
export const WEEKLY_SENT_ON_PROPERTY = 'reminders.weeklySentOn';

export function encodeWeeklySentOn(period: string, day: Day): string {
  return JSON.stringify({ period, day: isoFromDay(day) });
}

/** The day the weekly `period` last sent an email, from the stored property; null when unknown. */
export function weeklySentOn(raw: string | null | undefined, period: string): Day | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { period?: unknown; day?: unknown };
    if (parsed.period !== period || typeof parsed.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(parsed.day)) return null;
    return dayFromIso(parsed.day);
  } catch {
    return null;
  }
}

/**
 * Whether the weekly digest of the weekday's run has nothing left to send: the period went out earlier
 * (someone is recorded as sent, on a day before today or an unknown day) and every email planned now is
 * recorded as sent. The run then sends what another day sends (otherDayKind) instead of nothing, so that
 * day's daily tasks, or the month's monthly tasks, are not lost after "Send reminders now". When the
 * weekly digest went out today it covered today's tasks already: no fallback (a second firing sends nothing).
 */
export function weeklyAlreadySent(plan: Pick<ReminderPlan, 'kind' | 'today' | 'emails'>, ledger: Pick<Ledger, 'sent'>, sentOn: Day | null): boolean {
  if (plan.kind !== 'weekly' || ledger.sent.size === 0) return false;
  if (sentOn !== null && sentOn >= plan.today) return false;
  return plan.emails.every((email) => ledger.sent.has(recipientKey(email)));
}

/**
 * When a weekly trigger on `weekday` at `hour` runs next, seen at `today` `hourNow` (spreadsheet time
 * zone). A run in the current hour counts as past: the trigger for it has fired or is firing.
 */
export function nextWeeklyRun(today: Day, hourNow: number, weekday: number, hour: number, calendar: WorkCalendar = WEEKDAYS): { day: Day; hour: number } {
  // The weekly digest day of this week, else of the weeks after (a week entirely off has none).
  for (let week = 0; week < 8; week++) {
    const day = weeklyDigestDay(calendar, today + 7 * week, weekday);
    if (day !== null && (day > today || (day === today && hourNow < hour))) return { day, hour };
  }
  let ahead = (weekday - weekdayOf(today) + 7) % 7;
  if (ahead === 0 && hourNow >= hour) ahead = 7;
  return { day: today + ahead, hour };
}

/** When a daily trigger at `hour` runs next, seen at `today` `hourNow` (the current hour counts as past). */
export function nextDailyRun(today: Day, hourNow: number, hour: number): { day: Day; hour: number } {
  return { day: hourNow >= hour ? today + 1 : today, hour };
}

/** A run time as shown to people: `2023-07-28 09:00`. */
export function formatRun(run: { readonly day: Day; readonly hour: number }): string {
  return `${isoFromDay(run.day)} ${String(run.hour).padStart(2, '0')}:00`;
}

/** Last day of a period key, or null for a key that is not one. */
export function periodEnd(key: string): Day | null {
  const start = periodStart(key);
  const kind = kindOf(key);
  if (start === null || kind === null) return null;
  if (kind === 'daily') return start;
  if (kind === 'monthly') return lastDayOfMonth(start);
  return start + 6;
}

/**
 * The day a run of `period` is planned as: today while the period lasts, else its nearest day. A retry
 * that lands after the period (a lock retry past midnight on Sunday, a quota retry the next day) still
 * sends that period's email, not the next period's.
 */
export function dayInPeriod(period: string, today: Day): Day {
  const start = periodStart(period);
  const end = periodEnd(period);
  if (start === null || end === null) return today;
  return today < start ? start : today > end ? end : today;
}

// ---------------------------------------------------------------------------------------------
// Retries: a one-off trigger that runs the same period again later

/**
 * Document property holding the pending retry of weekly periods. There is at most one pending retry per
 * digest kind (see retryProperty), so a daily run never replaces or removes a weekly run's retry.
 */
export const RETRY_PROPERTY = 'reminders.retry';
export const DIGEST_KINDS: readonly DigestKind[] = ['weekly', 'daily', 'monthly'];

/** The document property of the pending retry of a kind: `reminders.retry` (weekly), `reminders.retry.daily`, `reminders.retry.monthly`. */
export function retryProperty(kind: DigestKind): string {
  return kind === 'weekly' ? RETRY_PROPERTY : `${RETRY_PROPERTY}.${kind}`;
}
/** How long the trigger waits for the document lock (a person waits 5 s; a trigger can wait longer). */
export const TRIGGER_LOCK_WAIT_MS = 30_000;
/** When the lock stayed busy: try again this much later, at most LOCK_RETRY_MAX times. */
export const LOCK_RETRY_AFTER_MS = 10 * 60_000;
export const LOCK_RETRY_MAX = 6;
/** When the mail quota held emails back: the quota refreshes over 24 hours, so try again a day (and a margin) later. */
export const QUOTA_RETRY_AFTER_MS = 24 * 3_600_000 + 5 * 60_000;
/**
 * A period's retries stop this many days after its end (the next period's run replaces its emails by then).
 * A daily period is not retried after its day: the next day's run is a new daily digest.
 */
export const RETRY_GRACE_DAYS = 6;

export interface RetryRecord {
  /** Unique id of the one-off trigger (Trigger.getUniqueId, the event's triggerUid). */
  readonly id: string;
  readonly period: string;
  /** 'all': the whole run did not happen (lock); 'deferred': only the emails the quota held back. */
  readonly scope: 'all' | 'deferred';
  /** What started the period's run: the trigger honours Settings → Reminders on; "Send now" does not. */
  readonly origin: 'trigger' | 'now';
  /** Lock retries made so far. */
  readonly attempt: number;
  /** When the retry runs (ms since the epoch). */
  readonly at: number;
}

/** The stored retry record, or null when there is none or it is unreadable. */
export function parseRetry(raw: string | null | undefined): RetryRecord | null {
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as Partial<RetryRecord>;
    if (typeof r.id !== 'string' || typeof r.period !== 'string' || periodStart(r.period) === null) return null;
    return {
      id: r.id, period: r.period, scope: r.scope === 'deferred' ? 'deferred' : 'all', origin: r.origin === 'now' ? 'now' : 'trigger',
      attempt: typeof r.attempt === 'number' && Number.isFinite(r.attempt) ? r.attempt : 0, at: typeof r.at === 'number' ? r.at : 0,
    };
  } catch {
    return null;
  }
}

/** Whether a retry of `period` on `day` is still worth making. */
export function retryAllowed(period: string, day: Day): boolean {
  const end = periodEnd(period);
  return end !== null && day <= end + (kindOf(period) === 'daily' ? 0 : RETRY_GRACE_DAYS);
}

/** What to do when the trigger could not get the lock: retry (which attempt, when) or give up. */
export function lockRetryDecision(
  period: string, previous: Pick<RetryRecord, 'attempt'> | null, nowMs: number, dayOf: (date: Date) => Day,
): { retry: true; attempt: number; at: number } | { retry: false; attempts: number } {
  const attempt = (previous?.attempt ?? 0) + 1;
  const at = nowMs + LOCK_RETRY_AFTER_MS;
  if (attempt > LOCK_RETRY_MAX || !retryAllowed(period, dayOf(new Date(at)))) return { retry: false, attempts: attempt - 1 };
  return { retry: true, attempt, at };
}

/** When emails the quota held back are sent again, or null when the period is over by then. */
export function quotaRetryAt(period: string, nowMs: number, dayOf: (date: Date) => Day): number | null {
  const at = nowMs + QUOTA_RETRY_AFTER_MS;
  return retryAllowed(period, dayOf(new Date(at))) ? at : null;
}

// ---------------------------------------------------------------------------------------------
// The schedule in Settings

/**
 * What is wrong with Settings → Reminder weekday / Reminder hour (the model reports a bad value and
 * falls back to Friday 09:00; turning reminders on refuses instead of silently using the fallback).
 */
export function reminderScheduleProblems(workbook: Workbook): Problem[] {
  const rows = new Set([workbook.settings.rowOf.reminderWeekday, workbook.settings.rowOf.reminderHour].filter((r): r is number => r !== undefined));
  return workbook.problems.filter((p) => p.tab === 'settings' && p.code === 'setting_invalid' && p.row !== null && rows.has(p.row));
}

// ---------------------------------------------------------------------------------------------
// People

/** A name as compared with Team: case, width and spacing ignored, and the seed's anonymising `*` dropped (`张` matches `张*`). */
export { personKey };

export interface PersonIndex {
  /** The Team person an owner name (or email address) refers to, or null. */
  find(name: string): Person | null;
}

export function indexTeam(team: readonly Person[]): PersonIndex {
  const byName = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  for (const person of team) {
    const key = personKey(person.name);
    if (key !== '' && !byName.has(key)) byName.set(key, person);
    const email = person.email.trim().toLowerCase();
    if (email !== '' && !byEmail.has(email)) byEmail.set(email, person);
  }
  return {
    find: (name: string): Person | null => byName.get(personKey(name)) ?? byEmail.get(name.trim().toLowerCase()) ?? null,
  };
}

/** Why an address cannot be used, or null when it can. Domains match exactly or as a parent domain. */
export function addressProblem(email: string, allowedDomains: readonly string[]): SkipReason | null {
  const address = email.trim();
  if (address === '') return 'no_email';
  if (!EMAIL_PATTERN.test(address)) return 'invalid_email';
  if (allowedDomains.length > 0) {
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    if (!allowedDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) return 'domain_not_allowed';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The plan

const DUE_SOON_DAYS = 7;

export function rowLink(sheetUrl: string, gid: number | undefined, row: number): string {
  if (sheetUrl === '') return '';
  return gid === undefined ? sheetUrl : `${sheetUrl}#gid=${gid}&range=A${row}`;
}

/**
 * The first day that counts as "updated recently" for a digest: since yesterday (daily), this month
 * (monthly), this week from Monday (weekly). With a work calendar on, counted in workdays: since the
 * previous workday, and for the week the last five workdays up to today, so a week of holidays does not
 * make every task "not updated this week" on the first day back.
 */
export function staleSince(calendar: WorkCalendar, today: Day, window: DigestKind, weekStart: Day, monthStart: Day): Day {
  if (window === 'monthly') return monthStart;
  if (!calendarOn(calendar)) return window === 'daily' ? today - 1 : weekStart;
  if (window === 'daily') return workdayOnOrBefore(calendar, today - 1);
  return nthWorkdayBack(calendar, today, WORKDAYS_PER_WEEK);
}

interface Bucket {
  name: string;
  person: Person | null;
  order: number;
  overdue: TaskItem[];
  dueSoon: TaskItem[];
  stale: TaskItem[];
  retro: RetroActionItem[];
  /** Rows the person owns that the digest looked at (for skipped reports). */
  rows: { tab: TabKey; row: number }[];
}

export function planReminders(workbook: Workbook, time: TimeContext, opts: ReminderOptions): ReminderPlan {
  const { settings } = workbook;
  const today = time.today;
  const calendar = workCalendar(settings.workCalendar);
  const kind: DigestKind = !opts.kind || opts.kind === 'auto' ? autoKind(today, settings.reminderWeekday, calendar) : opts.kind;
  const period = periodKey(kind, today);
  const weekStart = weekStartOf(today);
  const monthEnd = monthEndDigestDay(calendar, today);
  const monthStart = lastDayOfMonth(today) - partsOfDay(lastDayOfMonth(today)).day + 1;
  // Daily tasks keep the daily rules in the daily and month-end digests; everything else follows the digest.
  const dailyRules = (frequency: Frequency): boolean => kind === 'daily' || (kind === 'monthly' && frequency === 'daily');
  const dueWindowOf = (frequency: Frequency): number => (dailyRules(frequency) ? 1 : DUE_SOON_DAYS);
  const staleBeforeOf = (frequency: Frequency): Day => staleSince(calendar, today, dailyRules(frequency) ? 'daily' : kind === 'monthly' ? 'monthly' : 'weekly', weekStart, monthStart);
  const staleBefore = staleBeforeOf('weekly');
  const gids = opts.tabGids ?? {};
  const people = indexTeam(workbook.team);

  const buckets = new Map<string, Bucket>();
  const bucketOf = (ownerName: string): Bucket => {
    const person = people.find(ownerName);
    const key = person ? `p:${person.row}` : `n:${personKey(ownerName)}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { name: person ? person.name : ownerName, person, order: person ? person.row : Number.MAX_SAFE_INTEGER, overdue: [], dueSoon: [], stale: [], retro: [], rows: [] };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  const includes = (frequency: Frequency, overdue: boolean): boolean => {
    if (kind === 'daily') return frequency === 'daily';
    if (kind === 'monthly') return frequency === 'monthly' || frequency === 'daily';
    return frequency !== 'monthly' || overdue || today === monthEnd;
  };

  // Risks and loads are counted over every task (the managers see all frequencies).
  const overdueItems: { item: TaskItem; owners: string[] }[] = [];
  const blockedItems: { item: TaskItem; owners: string[] }[] = [];

  for (const task of workbook.tasks) {
    if (task.status === 'done' || task.task === '') continue;
    const due = taskDueDay(task);
    // Workdays with a work calendar on: a task due before a week of holidays is not late until the first day back.
    const daysOverdue = due === null ? 0 : daysLate(calendar, due, today);
    const started = task.status === 'in_progress' || task.status === 'blocked' || task.planned === null || task.planned.start <= today;
    const stale = started && (task.updated === null || task.updated < staleBeforeOf(task.frequency));
    const item: TaskItem = {
      tab: 'tracking', row: task.row, link: rowLink(opts.sheetUrl, gids.tracking, task.row), task: task.task, stage: task.stage,
      status: task.status, frequency: task.frequency, due, daysOverdue, nextStep: task.nextStep, updated: task.updated, stale,
    };
    const overdue = due !== null && daysOverdue > 0;
    const ownerNames = task.owners.map((o) => (people.find(o)?.name ?? o));
    if (overdue) overdueItems.push({ item, owners: ownerNames });
    if (task.status === 'blocked') blockedItems.push({ item, owners: ownerNames });
    if (!includes(task.frequency, overdue)) continue;
    const dueSoon = due !== null && !overdue && due - today <= dueWindowOf(task.frequency);
    for (const owner of task.owners) {
      const bucket = bucketOf(owner);
      if (overdue) bucket.overdue.push(item);
      else if (dueSoon) bucket.dueSoon.push(item);
      else if (stale) bucket.stale.push(item);
      else continue;
      bucket.rows.push({ tab: 'tracking', row: task.row });
    }
  }

  const retroOverdue: { item: RetroActionItem; owners: string[] }[] = [];
  for (const action of workbook.retrospective) {
    if (action.status !== 'open' || action.due === null) continue;
    const item: RetroActionItem = {
      tab: 'retrospective', row: action.row, link: rowLink(opts.sheetUrl, gids.retrospective, action.row),
      module: action.module, suggestion: action.suggestion, due: action.due.end, daysOverdue: daysLate(calendar, action.due.end, today),
    };
    if (item.daysOverdue > 0) retroOverdue.push({ item, owners: action.owners.map((o) => people.find(o)?.name ?? o) });
    if (kind !== 'weekly' || action.due.end > today + DUE_SOON_DAYS) continue;
    for (const owner of action.owners) {
      const bucket = bucketOf(owner);
      bucket.retro.push(item);
      bucket.rows.push({ tab: 'retrospective', row: action.row });
    }
  }

  // Who reports numbers: anyone with a Weekly log row this cycle or a goal; who already did this week.
  const reporters = new Set<string>();
  const reportedThisWeek = new Set<string>();
  const inCycle = (day: Day): boolean =>
    (settings.cycleStart === null || day >= weekStartOf(settings.cycleStart)) && (settings.cycleEnd === null || day <= settings.cycleEnd);
  const idOf = (name: string): string => {
    const person = people.find(name);
    return person ? `p:${person.row}` : `n:${personKey(name)}`;
  };
  for (const entry of workbook.weekly) {
    if (entry.week === null || !inCycle(entry.week)) continue;
    for (const owner of entry.owners) {
      reporters.add(idOf(owner));
      if (weekStartOf(entry.week) === weekStart) reportedThisWeek.add(idOf(owner));
    }
  }
  for (const goal of workbook.goals) for (const owner of goal.owners) reporters.add(idOf(owner));
  if (kind === 'weekly') {
    for (const id of reporters) {
      if (reportedThisWeek.has(id) || buckets.has(id)) continue;
      const person = id.startsWith('p:') ? workbook.team.find((p) => `p:${p.row}` === id) ?? null : null;
      if (person) bucketOf(person.name);
    }
  }

  // Where each person's rows start: their first open task, else their first Weekly log row this cycle.
  const firstRows = new Map<string, RowRef>();
  const noteFirst = (owner: string, tab: TabKey, row: number): void => {
    const id = idOf(owner);
    const seen = firstRows.get(id);
    if (!seen || (seen.tab === tab && row < seen.row)) firstRows.set(id, { tab, row, link: rowLink(opts.sheetUrl, gids[tab], row) });
  };
  for (const task of workbook.tasks) if (task.status !== 'done') for (const owner of task.owners) noteFirst(owner, 'tracking', task.row);
  for (const entry of workbook.weekly) if (entry.week !== null && inCycle(entry.week)) for (const owner of entry.owners) if (!firstRows.has(idOf(owner))) noteFirst(owner, 'weekly', entry.row);

  const cycleRunning = (settings.cycleStart === null || today >= settings.cycleStart) && (settings.cycleEnd === null || today <= settings.cycleEnd);
  const owners = [...buckets.entries()]
    .sort(([, a], [, b]) => a.order - b.order || a.name.localeCompare(b.name))
    .map(([id, b]) => ({
      rows: dedupeRows(b.rows),
      digest: {
        name: b.name, person: b.person,
        overdue: b.overdue.sort((x, y) => y.daysOverdue - x.daysOverdue || x.row - y.row),
        dueSoon: b.dueSoon.sort((x, y) => (x.due ?? 0) - (y.due ?? 0) || x.row - y.row),
        stale: b.stale.sort((x, y) => x.row - y.row),
        retro: b.retro.sort((x, y) => x.due - y.due || x.row - y.row),
        numbersRequest: kind === 'weekly' && cycleRunning && reporters.has(id) && !reportedThisWeek.has(id),
        firstRow: firstRows.get(id) ?? null,
      } satisfies OwnerDigest,
    }))
    .filter((o) => hasSomethingToSay(o.digest));
  const digests = owners.map((o) => o.digest);

  const team = settings.team || settings.region;
  const ctxFor = (lang: Lang): RenderContext => ({
    lang, team, cycle: settings.cycle, kind, period, today, weekStart, week: isoWeekOf(today), sheetUrl: opts.sheetUrl, workdays: calendarOn(calendar),
    weeklyLink: rowLink(opts.sheetUrl, gids.weekly, 1), sentBy: opts.sentBy ?? '', maxItems: opts.maxItemsPerSection ?? 20,
    currencyUnit: settings.currencyUnit, ...(opts.weeklySheet !== undefined ? { weeklySheet: opts.weeklySheet } : {}),
  });

  const skipped: SkippedRecipient[] = [];
  const ownerEmails: PlannedEmail[] = [];
  for (const { digest, rows } of owners) {
    const person = digest.person;
    const reason: SkipReason | null = person === null
      ? 'not_in_team'
      : !person.reminders ? 'opted_out' : addressProblem(person.email, settings.allowedDomains);
    if (reason !== null || person === null) {
      skipped.push({ name: digest.name, email: person?.email ?? '', role: 'owner', reason: reason ?? 'not_in_team', rows });
      continue;
    }
    const lang = person.language ?? opts.sheetLang;
    const rendered = renderOwnerEmail(digest, ctxFor(lang));
    ownerEmails.push({ to: person.email.trim(), role: 'owner', name: person.name, lang, kind, period, ...rendered, rows });
  }

  // Managers: valid addresses from Settings (the model drops invalid ones and reports them as problems).
  const managerEmails: PlannedEmail[] = [];
  let summary: ManagerSummary | null = null;
  if (kind === 'weekly') {
    const managerRow = settings.rowOf.managerEmails;
    for (const problem of workbook.problems) {
      if (problem.tab === 'settings' && problem.row === (managerRow ?? -1) && problem.code === 'setting_invalid' && problem.value !== undefined) {
        // The problem's value is the one bad address (see model.settingsFrom).
        if (!settings.managerEmails.includes(problem.value)) {
          skipped.push({ name: problem.value, email: problem.value, role: 'manager', reason: 'invalid_email', rows: managerRow ? [{ tab: 'settings', row: managerRow }] : [] });
        }
      }
    }
    const managers: { email: string; person: Person | null }[] = [];
    const seen = new Set<string>();
    for (const raw of settings.managerEmails) {
      const email = raw.trim();
      const key = email.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const reason = addressProblem(email, settings.allowedDomains);
      const person = people.find(email);
      if (reason !== null) {
        skipped.push({ name: person?.name ?? email, email, role: 'manager', reason, rows: managerRow ? [{ tab: 'settings', row: managerRow }] : [] });
        continue;
      }
      managers.push({ email, person });
    }
    summary = managerSummary(workbook, today, {
      ownerEmails: ownerEmails.length, skipped, overdueItems, blockedItems, retroOverdue, digests,
      maxRisks: opts.maxRisks ?? 5, staleBefore, weekChanges: opts.weekChanges ?? [],
      link: (row) => rowLink(opts.sheetUrl, gids.tracking, row),
    });
    for (const manager of managers) {
      const lang = manager.person?.language ?? opts.sheetLang;
      const rendered = renderManagerEmail(summary, ctxFor(lang));
      managerEmails.push({ to: manager.email, role: 'manager', name: manager.person?.name ?? manager.email, lang, kind, period, ...rendered, rows: [] });
    }
  }

  // 'auto' follows the trigger: no daily digest on a day off (see autoRun).
  if ((!opts.kind || opts.kind === 'auto') && autoRun(today, settings.reminderWeekday, calendar) === null) {
    return { kind, period, today, weekStart, emails: [], skipped: [], digests: [], summary: null };
  }
  const chat: ChatPlan | undefined = opts.chat
    ? {
      summary: summary === null ? null : renderManagerEmail(summary, ctxFor(opts.sheetLang)),
      owners: owners.map(({ digest }) => ({ name: digest.name, person: digest.person, ...renderOwnerEmail(digest, ctxFor(opts.sheetLang)) })),
    }
    : undefined;
  return { kind, period, today, weekStart, emails: [...managerEmails, ...ownerEmails], skipped, digests, summary, ...(chat ? { chat } : {}) };
}

function hasSomethingToSay(d: OwnerDigest): boolean {
  return d.overdue.length + d.dueSoon.length + d.stale.length + d.retro.length > 0 || d.numbersRequest;
}

function dedupeRows(rows: readonly { tab: TabKey; row: number }[]): { tab: TabKey; row: number }[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.tab}:${r.row}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// The managers' summary

interface SummaryInput {
  ownerEmails: number;
  skipped: readonly SkippedRecipient[];
  overdueItems: readonly { item: TaskItem; owners: string[] }[];
  blockedItems: readonly { item: TaskItem; owners: string[] }[];
  retroOverdue: readonly { item: RetroActionItem; owners: string[] }[];
  digests: readonly OwnerDigest[];
  maxRisks: number;
  staleBefore: Day;
  weekChanges: readonly WeekChange[];
  link: (trackingRow: number) => string;
}

function managerSummary(workbook: Workbook, today: Day, input: SummaryInput): ManagerSummary {
  const targets = targetProgress(workbook, today);
  // Each owner's targets, open and overdue tasks and last check-in, as the report and the Dashboard show them; then
  // what only the reminders count (tasks not updated in the digest's window, overdue retrospective actions).
  const loads = new Map<string, { -readonly [K in keyof OwnerLoad]: OwnerLoad[K] }>();
  const load = (name: string): { -readonly [K in keyof OwnerLoad]: OwnerLoad[K] } => {
    const key = personKey(name);
    let entry = loads.get(key);
    if (!entry) {
      entry = { name, targets: [], open: 0, overdue: 0, stale: 0, retroOverdue: 0, lastUpdated: null, lastWeek: null };
      loads.set(key, entry);
    }
    return entry;
  };
  for (const o of ownerPerformance(workbook, today, targets)) {
    Object.assign(load(o.owner), { targets: o.targets, open: o.openTasks, overdue: o.overdueTasks, lastUpdated: o.lastUpdated, lastWeek: o.lastWeek });
  }
  for (const { owners } of input.retroOverdue) for (const owner of owners) load(owner).retroOverdue++;
  const people = indexTeam(workbook.team);
  for (const task of workbook.tasks) {
    if (task.status === 'done' || task.task === '') continue;
    const started = task.status === 'in_progress' || task.status === 'blocked' || task.planned === null || task.planned.start <= today;
    if (!started || (task.updated !== null && task.updated >= input.staleBefore)) continue;
    for (const owner of task.owners) load(people.find(owner)?.name ?? owner).stale++;
  }
  // Team order (ownerPerformance's), owners with only an overdue retrospective action after them.
  const owners: OwnerLoad[] = [...loads.values()];

  // Biggest risks: targets furthest behind, then the most overdue tasks, blocked tasks, overdue actions.
  const risks: Risk[] = [];
  for (const target of [...targets].filter((t) => isBehind(t.status)).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))) {
    risks.push({ kind: 'metric', target });
  }
  for (const { item, owners: o } of [...input.overdueItems].sort((a, b) => b.item.daysOverdue - a.item.daysOverdue)) risks.push({ kind: 'task', item, owners: o });
  for (const { item, owners: o } of input.blockedItems) {
    if (item.daysOverdue <= 0) risks.push({ kind: 'blocked', item, owners: o });
  }
  for (const { item, owners: o } of [...input.retroOverdue].sort((a, b) => b.item.daysOverdue - a.item.daysOverdue)) risks.push({ kind: 'retro', item, owners: o });

  const { cycleStart, cycleEnd } = workbook.settings;
  const cycleDays = cycleStart !== null && cycleEnd !== null && cycleEnd >= cycleStart ? cycleEnd - cycleStart + 1 : null;
  const cycleDay = cycleDays !== null && cycleStart !== null ? Math.min(Math.max(today - cycleStart + 1, 0), cycleDays) : null;
  const needsHelp = helpItems(workbook, today, people, input.link);
  return {
    targets, owners, risks: risks.slice(0, input.maxRisks), skipped: input.skipped, ownerEmails: input.ownerEmails, cycleDay, cycleDays,
    needsHelp, changes: input.weekChanges, problems: checkWorkbook(workbook, { today, dayOf: utcDayOf }),
  };
}

/** Open tasks flagged "needs help" (上报销售总监), longest waiting first: they stay in the summary until cleared. */
export function helpItems(workbook: Workbook, today: Day, people: PersonIndex, link: (row: number) => string): HelpItem[] {
  return workbook.tasks
    .filter((task) => task.needsHelp && task.status !== 'done' && task.task !== '')
    .map((task): HelpItem => ({
      row: task.row, link: link(task.row), task: task.task, owners: task.owners.map((o) => people.find(o)?.name ?? o),
      asked: task.helpNote, since: task.helpSince, days: task.helpSince === null ? null : Math.max(0, today - task.helpSince), decision: task.decision,
    }))
    .sort((a, b) => (a.since ?? Infinity) - (b.since ?? Infinity) || a.row - b.row);
}

// ---------------------------------------------------------------------------------------------
// What was sent: the ledger kept in document properties (pure, so it is tested without Apps Script)

/** Property keys: one per period (split into numbered chunks under the 9 KB value limit). */
export const SENT_PREFIX = 'reminders.sent.';
export const DEFERRED_PREFIX = 'reminders.deferred.';
/** Records older than this are pruned (the longest period is a month; keep two). */
export const LEDGER_KEEP_DAYS = 62;
const CHUNK_BYTES = 8000;

/** What identifies one email of a period: the same person may get an owner digest and a summary. */
export function recipientKey(email: Pick<PlannedEmail, 'role' | 'to'>): string {
  return `${email.role === 'manager' ? 'm' : 'o'}:${email.to.trim().toLowerCase()}`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function chunkKeys(prefix: string, period: string, index: number): string {
  return index === 0 ? `${prefix}${period}` : `${prefix}${period}#${index}`;
}

/** Keys as JSON arrays, each under CHUNK_BYTES, as property values. */
export function encodeChunks(prefix: string, period: string, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let chunk: string[] = [];
  let size = 2;
  let index = 0;
  const flush = (): void => {
    out[chunkKeys(prefix, period, index)] = JSON.stringify(chunk);
    index++;
    chunk = [];
    size = 2;
  };
  for (const key of keys) {
    const cost = utf8Length(JSON.stringify(key)) + 1;
    if (chunk.length > 0 && size + cost > CHUNK_BYTES) flush();
    chunk.push(key);
    size += cost;
  }
  if (chunk.length > 0 || index === 0) flush();
  return out;
}

function decodeChunks(props: Readonly<Record<string, string>>, prefix: string, period: string): { keys: Set<string>; propertyKeys: string[] } {
  const keys = new Set<string>();
  const propertyKeys: string[] = [];
  for (const [name, value] of Object.entries(props)) {
    if (name !== `${prefix}${period}` && !name.startsWith(`${prefix}${period}#`)) continue;
    propertyKeys.push(name);
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) for (const k of parsed) if (typeof k === 'string') keys.add(k);
    } catch {
      // A damaged record is dropped rather than blocking every future run.
    }
  }
  return { keys, propertyKeys };
}

export interface Ledger {
  readonly sent: ReadonlySet<string>;
  readonly deferred: ReadonlySet<string>;
  /** Deferred recipients of earlier periods of the same kind: this run's email replaces theirs. */
  readonly superseded: readonly { readonly period: string; readonly key: string }[];
  /** Property keys to delete: records past LEDGER_KEEP_DAYS and superseded deferrals. */
  readonly obsolete: readonly string[];
}

export function readLedger(props: Readonly<Record<string, string>>, period: string, today: Day): Ledger {
  const sent = decodeChunks(props, SENT_PREFIX, period).keys;
  const deferred = decodeChunks(props, DEFERRED_PREFIX, period).keys;
  const kind = kindOf(period);
  const superseded: { period: string; key: string }[] = [];
  const obsolete: string[] = [];
  for (const name of Object.keys(props)) {
    const prefix = name.startsWith(SENT_PREFIX) ? SENT_PREFIX : name.startsWith(DEFERRED_PREFIX) ? DEFERRED_PREFIX : null;
    if (prefix === null) continue;
    const other = name.slice(prefix.length).replace(/#\d+$/, '');
    if (other === period) continue;
    const start = periodStart(other);
    if (prefix === DEFERRED_PREFIX && (start === null || kindOf(other) === kind || start < today - LEDGER_KEEP_DAYS)) {
      for (const key of decodeChunks(props, DEFERRED_PREFIX, other).keys) superseded.push({ period: other, key });
      obsolete.push(name);
    } else if (start === null || start < today - LEDGER_KEEP_DAYS) {
      obsolete.push(name);
    }
  }
  return { sent, deferred, superseded, obsolete };
}

/** Property values to write (and chunk keys to delete) so the ledger of `period` holds these sets. */
export function writeLedger(
  props: Readonly<Record<string, string>>, period: string, sent: readonly string[], deferred: readonly string[],
): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = { ...encodeChunks(SENT_PREFIX, period, sent) };
  const remove: string[] = [];
  if (deferred.length > 0) Object.assign(set, encodeChunks(DEFERRED_PREFIX, period, deferred));
  for (const prefix of [SENT_PREFIX, DEFERRED_PREFIX]) {
    for (const name of decodeChunks(props, prefix, period).propertyKeys) if (!(name in set)) remove.push(name);
  }
  return { set, remove };
}

export interface Schedule {
  /** In sending order: managers, then recipients deferred earlier, then the rest. */
  readonly send: readonly PlannedEmail[];
  readonly deferred: readonly PlannedEmail[];
  readonly alreadySent: readonly PlannedEmail[];
}

/** Which emails go now: none twice per period, managers first, at most `quota` recipients. */
export function scheduleSends(emails: readonly PlannedEmail[], ledger: Pick<Ledger, 'sent' | 'deferred'>, quota: number): Schedule {
  const alreadySent: PlannedEmail[] = [];
  const pending: PlannedEmail[] = [];
  const seen = new Set<string>();
  for (const email of emails) {
    const key = recipientKey(email);
    if (seen.has(key)) continue;
    seen.add(key);
    if (ledger.sent.has(key)) alreadySent.push(email);
    else pending.push(email);
  }
  const rank = (e: PlannedEmail): number => (e.role === 'manager' ? 0 : ledger.deferred.has(recipientKey(e)) ? 1 : 2);
  const ordered = pending.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map((x) => x.e);
  const room = Math.max(0, Math.floor(quota));
  return { send: ordered.slice(0, room), deferred: ordered.slice(room), alreadySent };
}
