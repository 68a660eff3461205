/**
 * Friday reminders in Apps Script: the trigger, sending, preview and test. The rules (who gets what)
 * are in src/core/digest.ts; this adapter reads the sheet once, asks the core for the plan, and
 * delivers it safely.
 *
 * Decisions
 * - Exactly one project trigger (handler onReminderTrigger): every day at the Settings hour, in the
 *   spreadsheet's time zone (DESIGN asks for one trigger; daily tasks need a daily run). Each run decides
 *   what to send with the core's autoKind rule, using the weekday stored when reminders were turned on
 *   (the one the status shows): on that weekday the weekly digest to everyone plus the managers'
 *   summary (daily-tracked tasks marked "tracked daily"; monthly ones when overdue or when the weekday is
 *   the month's last day); on the month's last day otherwise the month-end digest, which covers monthly
 *   tasks and that day's daily tasks in one email per person (no separate daily digest that day), on
 *   any day of the week; on other days Monday to Friday the daily digest, to owners with daily-tracked
 *   tasks to act on only; on a Saturday or Sunday that is neither, nothing (autoRun). No managers'
 *   summary except with the weekly digest.
 * - "Send reminders now" always sends the weekly digest of the current week (a manager can send it on
 *   any day); the trigger's weekly run later that week then sends nobody the week again and, when the
 *   week has gone to everyone on an earlier day (weeklyAlreadySent), sends what another day would: the
 *   month-end digest on the month's last day, else the daily digest (Monday to Friday), so that day's
 *   tasks are not lost. A week sent on the weekday itself covered that day: no fallback. "Send a test
 *   to me" copies what "Send now" would send. "Preview" shows what "Send now" sends and, when reminders are on
 *   and today's automatic run is a daily or month-end digest, what that run sends, under two headings.
 * - Never twice: the recipients of each period (weekly:2023-W30, daily:2023-07-27, monthly:2023-07) are
 *   recorded in document properties under the lock, so a trigger retry, a second trigger in the same
 *   hour or "Send now" after the trigger sends nothing again. Records are chunked under the 9 KB value
 *   limit and pruned after 62 days. People read periods as "week 2023-W30", "2023-07-27 (daily)",
 *   "2023-07 (month end)" (periodLabel); the raw keys stay in properties.
 * - Quota: MailApp.getRemainingDailyQuota() first; managers first, then people deferred earlier, then
 *   the rest; whoever does not fit is recorded as deferred, and a one-off trigger (QUOTA_RETRY_AFTER_MS
 *   later, once the quota has refreshed) sends exactly those for the same period. A later period's
 *   email replaces a deferred one, and the Log says so.
 * - Lock: every sending run takes the document lock first (the trigger waits TRIGGER_LOCK_WAIT_MS: a
 *   report or roll-over may hold it) and only then reads the sheet and plans, so a run that waited acts
 *   on the sheet as the other run left it. Still busy: a Log row (written without the lock: one write) and a one-off retry of the same
 *   period LOCK_RETRY_AFTER_MS later, at most LOCK_RETRY_MAX times.
 * - Retries: at most one pending per digest kind (installing one deletes the previous of its kind), so a
 *   daily run never replaces or removes a weekly run's retry. Each is recorded in the document property
 *   retryProperty(kind) with its trigger id; the handler recognises it by the event's triggerUid and
 *   deletes it before running. Turning reminders on keeps exactly one daily trigger and leaves pending
 *   retries alone; turning them off removes the retries too.
 * - Status: turning on stores weekday, hour, time zone and account; "when it runs next" is computed
 *   from the current time whenever it is shown (menu Reminder status). The Settings Help cell holds a
 *   snapshot worded "Status as of <time>", refreshed by each trigger run, by turning on/off and by
 *   Reminder status; it is written only when blank, holding the template's help text or a status text
 *   this code wrote (statusCellWritable): a note a person typed there is left alone.
 * - Housekeeping after the sends: a trigger run then refreshes the status snapshot and the Goals
 *   progress columns, each in its own try/catch; a failing write (a protected cell) is a Log row of the
 *   run and never costs an email. Reminder status shows its dialog even when the snapshot cannot be written.
 */
import {
  DIGEST_KINDS, LOCK_RETRY_MAX, SENT_PREFIX, TRIGGER_LOCK_WAIT_MS, WEEKLY_SENT_ON_PROPERTY, autoRun, dayInPeriod, encodeChunks, encodeWeeklySentOn,
  formatRun, kindOf, lockRetryDecision, nextDailyRun, nextWeeklyRun, otherDayKind, parseRetry, periodKey, planReminders, quotaRetryAt, readLedger,
  recipientKey, reminderScheduleProblems, retryProperty, scheduleSends, weeklyAlreadySent, weeklySentOn, writeLedger,
  type DigestKind, type PlannedEmail, type ReminderPlan, type RetryRecord,
} from '../core/digest';
import {
  innerHtml, kindLabel, oneLine, periodLabel, renderPreview, skipReasonText, statusCellWritable, testBanner, uiText,
} from '../core/emailText';
import { type Lang, fill, joinList, pick } from '../core/i18n';
import { UI } from '../core/messages';
import { SETTINGS_TAB, TABS, settingSpec, tabSpec, type TabKey } from '../core/schema';
import { WEEKDAY, YES_NO, optionLabel } from '../core/options';
import { matchesSetting } from '../core/model';
import { asLiteral, mapHeaders } from '../core/table';
import { dayFromIso, isoFromDay, type CellValue, type Day } from '../core/values';
import { workCalendar, type WorkCalendar } from '../core/workCalendar';
import { ACCESS } from '../core/accessText';
import { allowedDomains, reminderRecipients, unconfirmed, withAllowedDomains, type AllowedDomains, type Recipient } from '../core/recipients';
import { weeklySheetOf } from './documents';
import { isoWeekLabel } from '../core/weeklySheet';
import { ACTION_SCOPES, SCOPE_TEXT, type ScopeKey } from '../core/scopes';
import { missingScopes } from './consent';
import {
  confirmRecipients, confirmedRecipients, deleteOwnTrigger, lastRunDue, readStatus, recordLastRun, sameAccount, writeStatus,
  type ReminderStatus,
} from './reminderOwner';
import { appendLog, type LogEntry } from './log';
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from './lock';
import { buildMenu } from './menu';
import { postChat } from './chat';
import { deliverRollupWeek } from './rollup';
import { refreshFeed } from './feed';
import { refreshProgress } from './progress';
import { HistoryTail, recentSnapshots, recordSnapshot } from './history';
import { Snapshot, weekOverWeek } from '../core/history';

/** How many of the progress history's last rows a run reads: a week and more of daily snapshots of a large plan. */
const HISTORY_ROWS_READ = 2000;
import { writeSetting } from './settings';
import { dateOfDay, openWorkbook, readGrid, type OpenWorkbook } from './spreadsheet';
import { alertText, errorText, showDialog } from './ui';
import { activeSpreadsheet, activeUserEmail, documentProperties, effectiveUserEmail, spreadsheetUi } from './run';

type Trigger = GoogleAppsScript.Script.Trigger;
type Properties = GoogleAppsScript.Properties.Properties;

export const REMINDER_HANDLER = 'onReminderTrigger';
/** Stop sending after this much of the 6-minute limit; the rest is deferred to the next run. */
const TIME_BUDGET_MS = 4.5 * 60 * 1000;
/** Record what was sent every this many emails, so even a killed run does not send twice. */
const FLUSH_EVERY = 20;
// Every tab but Log: the managers' summary lists Check data's problems, and Goals' units come from Evaluation.
const READ_TABS: readonly TabKey[] = TABS.map((tab) => tab.key).filter((key) => key !== 'log');

const say = uiText;

function ourTriggers(): Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === REMINDER_HANDLER);
}

/** The sheet read once for a reminder run (plans of several kinds can be made from it). */
interface Opened {
  /** The workbook as the reminders see it: Allowed email domains defaulted to the sender's company domain. */
  readonly open: OpenWorkbook;
  readonly allowed: AllowedDomains;
  readonly sheetUrl: string;
  readonly tabGids: Partial<Record<TabKey, number>>;
  readonly sender: string;
  readonly senderName: string;
  /** The progress history's last snapshots: last week's figures for the managers' summary. */
  readonly history: readonly Snapshot[];
  /** The same rows as read, for today's snapshot to be appended after them without reading them again. */
  readonly historyTail: HistoryTail | null;
}

interface Prepared extends Opened {
  readonly plan: ReminderPlan;
}

function openForReminders(): Opened {
  const ss = activeSpreadsheet();
  const read = openWorkbook(ss, READ_TABS);
  // The effective user: the person clicking, or the trigger's owner, whose account sends.
  const sender = effectiveUserEmail();
  const allowed = allowedDomains(read.workbook.settings.allowedDomains, sender);
  const open: OpenWorkbook = { ...read, workbook: withAllowedDomains(read.workbook, allowed) };
  const tabGids: Partial<Record<TabKey, number>> = {};
  for (const key of ['tracking', 'retrospective', 'weekly'] as const) {
    const sheet = open.tabs.get(key);
    if (sheet) tabGids[key] = sheet.getSheetId();
  }
  const { team, region } = open.workbook.settings;
  const historyTail = recentSnapshots(open, HISTORY_ROWS_READ);
  return {
    open, allowed, sheetUrl: ss.getUrl(), tabGids, sender, senderName: oneLine(team || region) || say(open.lang, 'logAction'),
    history: historyTail?.snapshots ?? [], historyTail,
  };
}

/** The weekday of the weekly digest: the one stored when reminders were turned on (shown in the status), else Settings. */
function weeklyWeekday(open: OpenWorkbook): number {
  const status = readStatus();
  return status?.on ? status.weekday : open.workbook.settings.reminderWeekday;
}

/** Settings → Work calendar: which days are workdays (the weekly digest moves off a holiday, no daily digest on days off). */
function calendarOf(open: OpenWorkbook): WorkCalendar {
  return workCalendar(open.workbook.settings.workCalendar);
}

/** Plans `kind`; a retry plans its own period (its kind, on a day inside it: see dayInPeriod). */
function planFor(opened: Opened, kind: DigestKind, period: string | null = null): ReminderPlan {
  const { open, sheetUrl, tabGids, sender } = opened;
  const time = period === null ? open.time : { ...open.time, today: dayInPeriod(period, open.time.today) };
  return planReminders(open.workbook, time, {
    kind: period === null ? kind : kindOf(period) ?? kind, sheetUrl, tabGids, sheetLang: open.lang, sentBy: sender,
    weekChanges: weekOverWeek(open.workbook, time.today, opened.history), chat: open.workbook.settings.chat !== 'off',
    weeklySheet: weeklySheetOf(isoWeekLabel(time.today)),
  });
}

/** Reads the sheet once and plans `kind`. */
function prepare(kind: DigestKind): Prepared {
  const opened = openForReminders();
  return { ...opened, plan: planFor(opened, kind) };
}

const label = periodLabel;

function roleText(email: PlannedEmail, lang: Lang): string {
  return say(lang, email.role === 'manager' ? 'roleManager' : 'roleOwner');
}

function skippedEntries(plan: ReminderPlan, lang: Lang, action: string): LogEntry[] {
  return plan.skipped.map((s) => ({ action, detail: say(lang, 'logSkipped', { name: s.name, email: s.email, reason: skipReasonText(s.reason, lang) }) }));
}

type Origin = RetryRecord['origin'];

/** The property of a period's pending retry (one per digest kind). */
function retryKeyOf(period: string): string {
  return retryProperty(kindOf(period) ?? 'weekly');
}

/** Deletes a pending retry (its one-off trigger and its record); returns how many triggers were deleted. */
function removeRetry(props: Properties, record: RetryRecord | null): number {
  if (record === null) return 0;
  const triggers = ourTriggers().filter((t) => t.getUniqueId() === record.id);
  for (const trigger of triggers) ScriptApp.deleteTrigger(trigger);
  props.deleteProperty(retryKeyOf(record.period));
  return triggers.length;
}

/** Replaces the pending retry of the same kind with a one-off trigger at `next.at`: at most one pending retry per kind. */
function installRetry(props: Properties, current: RetryRecord | null, next: Omit<RetryRecord, 'id'>): RetryRecord {
  removeRetry(props, current);
  const trigger = ScriptApp.newTrigger(REMINDER_HANDLER).timeBased().at(new Date(next.at)).create();
  const record: RetryRecord = { ...next, id: trigger.getUniqueId() };
  props.setProperty(retryKeyOf(next.period), JSON.stringify(record));
  return record;
}

/** Every pending retry (weekly, daily, month-end), from one properties read. */
function pendingRetries(stored: Readonly<Record<string, string>>): RetryRecord[] {
  return DIGEST_KINDS.map((kind) => parseRetry(stored[retryProperty(kind)])).filter((r): r is RetryRecord => r !== null);
}

function timeText(ms: number, timeZone: string): string {
  return `${Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm')} (${timeZone})`;
}

/**
 * The trigger could not get the lock within TRIGGER_LOCK_WAIT_MS: say so in Log (one write, without the
 * lock) and schedule a one-off retry of the same period, or give up after LOCK_RETRY_MAX attempts.
 */
function lockBusy(open: OpenWorkbook, period: string, retry: RetryRecord | null, origin: Origin): void {
  const { lang, tabs, timeZone, time } = open;
  const action = say(lang, 'logAction');
  const seconds = TRIGGER_LOCK_WAIT_MS / 1000;
  const decision = lockRetryDecision(period, retry, Date.now(), time.dayOf);
  let detail: string;
  if (!decision.retry) {
    detail = say(lang, 'logBusyGaveUp', { seconds, period: label(period, lang), attempts: decision.attempts });
  } else {
    try {
      const props = documentProperties();
      installRetry(props, parseRetry(props.getProperty(retryKeyOf(period))), {
        period, scope: retry?.scope ?? 'all', origin, attempt: decision.attempt, at: decision.at,
      });
      detail = say(lang, 'logBusyRetry', {
        seconds, period: label(period, lang), time: timeText(decision.at, timeZone), attempt: decision.attempt, max: LOCK_RETRY_MAX,
      });
    } catch (err) {
      detail = say(lang, 'logRetryFailed', { period: label(period, lang), error: errorText(err) });
    }
  }
  appendLog(tabs, [{ action, detail }]);
  if (origin === 'trigger') recordLastRun(detail);
}

/** The status snapshot for the Help cell beside Settings → Reminders on: "Status as of <now>: On: …" or "…: Off …". */
function statusCellText(status: ReminderStatus | null, lang: Lang, timeZone: string): string {
  const text = status?.on ? say(lang, 'statusOn', { schedule: scheduleText(status, lang) }) : say(lang, 'statusOff');
  return say(lang, 'statusCell', { asOf: Utilities.formatDate(new Date(), status?.on ? status.timeZone : timeZone, 'yyyy-MM-dd HH:mm'), status: text });
}

/**
 * Writes the status snapshot into the Help cell beside Settings → Reminders on (one write, only when it
 * changed), unless a person typed their own text there. `grid` is the Settings tab as read (else it is read).
 */
function writeStatusCell(open: OpenWorkbook, text: string, grid: readonly (readonly CellValue[])[] | null = null): void {
  const sheet = open.tabs.get('settings');
  if (!sheet) return;
  const rows = grid ?? open.raw.settings ?? readGrid(sheet);
  const header = mapHeaders(SETTINGS_TAB, rows[0] ?? []);
  const labelColumn = header.index.get('setting') ?? 0;
  const helpColumn = header.index.get('help');
  const spec = settingSpec('remindersOn');
  const row = rows.findIndex((r, i) => i > 0 && matchesSetting(spec, r[labelColumn]));
  if (helpColumn === undefined || row <= 0) return;
  const current = rows[row]?.[helpColumn] ?? '';
  if (String(current) === text || !statusCellWritable(current)) return;
  sheet.getRange(row + 1, helpColumn + 1).setValue(asLiteral(text));
}

/** Refreshes the Help cell's snapshot on a trigger run (only while reminders are on). */
function refreshStatusCell(open: OpenWorkbook, lang: Lang): void {
  const status = readStatus();
  if (status === null || !status.on) return;
  writeStatusCell(open, statusCellText(status, lang, open.timeZone));
}

/**
 * Keeps the sheet current after a trigger run's sends: the status snapshot in Settings and the Goals
 * progress columns (the daily run keeps them current even on days nobody opens the sheet). Each write
 * may fail (a protected range, a full sheet): the emails have gone out by then, and the failure is a
 * Log row of the run, never a failed run.
 */
function keepSheetCurrent(open: OpenWorkbook, log: LogEntry[]): void {
  const { lang } = open;
  const action = say(lang, 'logAction');
  try {
    refreshStatusCell(open, lang);
  } catch (err) {
    log.push({ action, detail: say(lang, 'logStatusFailed', { settings: pick(tabSpec('settings').name, lang), error: errorText(err) }) });
  }
  try {
    refreshProgress(open);
  } catch (err) {
    log.push({ action, detail: say(lang, 'logProgressFailed', { goals: pick(tabSpec('goals').name, lang), error: errorText(err) }) });
  }
  try {
    // The daily run keeps a director's roll-up current even on days nobody opens this sheet.
    refreshFeed(open);
  } catch (err) {
    log.push({ action, detail: pick(fill(UI.feedFailed, { error: errorText(err) }), lang) });
  }
}

/** What a run sends: its plan (null: nothing today) and, when the weekday's weekly digest had already gone to everyone, that weekly plan. */
interface Chosen {
  readonly plan: ReminderPlan | null;
  readonly insteadOf: ReminderPlan | null;
}

/**
 * Today's automatic run: the weekly digest on the weekday, unless it has nothing left to send
 * (weeklyAlreadySent: "Send reminders now" sent it earlier in the week), in which case what another
 * day sends (the month-end digest on the month's last day, else the daily digest Monday to Friday);
 * on other days otherDayKind. `stored` is the document properties read under the lock.
 */
function todaysRun(opened: Opened, stored: Readonly<Record<string, string>>): Chosen {
  const { today } = opened.open.time;
  const calendar = calendarOf(opened.open);
  const kind = autoRun(today, weeklyWeekday(opened.open), calendar);
  if (kind !== 'weekly') return { plan: kind === null ? null : planFor(opened, kind), insteadOf: null };
  const weekly = planFor(opened, 'weekly');
  const other = otherDayKind(today, calendar);
  const done = weeklyAlreadySent(weekly, readLedger(stored, weekly.period, today), weeklySentOn(stored[WEEKLY_SENT_ON_PROPERTY], weekly.period));
  if (other === null || !done) return { plan: weekly, insteadOf: null };
  return { plan: planFor(opened, other), insteadOf: weekly };
}

/** The plan of a run: "Send now" the current week; a lock retry of today's weekly run what today's run sends; another retry its own period. */
function choosePlan(opened: Opened, mode: 'trigger' | 'now', retry: RetryRecord | null, stored: Readonly<Record<string, string>>): Chosen {
  if (mode === 'now' && retry === null) return { plan: planFor(opened, 'weekly'), insteadOf: null };
  if (retry === null) return todaysRun(opened, stored);
  const { today } = opened.open.time;
  const todaysWeekly = retry.scope === 'all' && retry.origin === 'trigger' && autoRun(today, weeklyWeekday(opened.open), calendarOf(opened.open)) === 'weekly' &&
    retry.period === periodKey('weekly', today);
  return todaysWeekly ? todaysRun(opened, stored) : { plan: planFor(opened, kindOf(retry.period) ?? 'weekly', retry.period), insteadOf: null };
}

/**
 * The lock stayed busy: "Send now" tells the person; the trigger logs it and schedules a retry of the
 * period it would have sent (none on a day without a digest). Reads Settings only (language, time zone).
 */
function whenBusy(mode: 'trigger' | 'now', retry: RetryRecord | null, origin: Origin): void {
  const open = openWorkbook(activeSpreadsheet(), []);
  if (mode === 'now') {
    alertText(open.lang, UI.busy);
    return;
  }
  const kind = autoRun(open.time.today, weeklyWeekday(open), calendarOf(open));
  const period = retry?.period ?? (kind === null ? null : periodKey(kind, open.time.today));
  if (period !== null) lockBusy(open, period, retry, origin);
}

/**
 * One run (trigger, retry or "Send now"). The sheet is read and the run planned only once the document
 * lock is held: when another run (a report, a roll-over) held it and this one waited, the plan is made
 * from the sheet as that run left it, never from data read before it.
 */
function deliver(mode: 'trigger' | 'now', retry: RetryRecord | null = null): void {
  const origin: Origin = retry?.origin ?? mode;
  const waitMs = mode === 'now' ? DEFAULT_LOCK_WAIT_MS : TRIGGER_LOCK_WAIT_MS;
  // Not "interactive" for the helper: whenBusy says it in the sheet's language, read once the wait is over.
  withDocumentLock('en', () => deliverLocked(mode, retry, origin), false, { waitMs, onBusy: () => whenBusy(mode, retry, origin) });
}

function deliverLocked(mode: 'trigger' | 'now', retry: RetryRecord | null, origin: Origin): void {
  const interactive = mode === 'now';
  const opened = openForReminders();
  const { open } = opened;
  const { lang, tabs, workbook } = open;
  const action = say(lang, 'logAction');
  const log: LogEntry[] = [];
  if (retry) log.push({ action, detail: say(lang, 'logRetryRun', { period: label(retry.period, lang) }) });
  let alert: string | null = null;
  if (workbook.settings.remindersPaused) {
    log.push({ action, detail: say(lang, 'logPaused') });
    alert = say(lang, 'paused');
  } else if (origin === 'trigger' && !workbook.settings.remindersOn) {
    log.push({ action, detail: say(lang, 'logOffInSettings') });
  } else if (workbook.settings.mode === 'rollup') {
    // A director's roll-up reminds nobody of tasks: its weekly run is the regions' summary (gas/rollup.ts).
    alert = deliverRollupWeek(open, mode, log);
  } else {
    const props = documentProperties();
    const stored = props.getProperties();
    const { plan, insteadOf } = choosePlan(opened, mode, retry, stored);
    if (plan === null) {
      const calendar = calendarOf(open);
      const holiday = calendar.holidayOf(open.time.today);
      log.push({
        action,
        detail: calendar.key === 'none' ? say(lang, 'logWeekend')
          : say(lang, 'logHoliday', { date: isoFromDay(open.time.today), holiday: holiday ? pick(holiday, lang) : say(lang, 'weekendName') }),
      });
    } else {
      if (insteadOf) log.push({ action, detail: say(lang, 'logWeeklyDone', { week: label(insteadOf.period, lang), kind: kindLabel(plan.kind, lang) }) });
      alert = sendPlan(opened, plan, retry, origin, props, stored, log);
      // Chat after the emails: a chat that fails (or hangs until its retries run out) never costs an email.
      postChat(open, plan, opened.sheetUrl, log);
    }
  }
  // After the sends: a failing write here never stops the emails, and is a Log row of this run.
  if (mode === 'trigger') keepSheetCurrent(open, log);
  try {
    recordSnapshot(open, opened.historyTail);
  } catch (err) {
    log.push({ action, detail: say(lang, 'logHistoryFailed', { history: pick(tabSpec('history').name, lang), error: errorText(err) }) });
  }
  appendLog(tabs, log);
  // What the status shows as the last run: the result line, else the run's last Log detail.
  if (mode === 'trigger') recordLastRun(alert ?? log[log.length - 1]?.detail ?? '');
  if (interactive && alert !== null) spreadsheetUi().alert(alert);
}

/**
 * Sends the plan: none twice per period, managers first, within the mail quota; adds the run's Log rows
 * to `log` and returns what "Send now" tells the person. `retry` is the pending retry this run is (its
 * one-off trigger already deleted), or null.
 */
function sendPlan(
  opened: Opened, plan: ReminderPlan, retry: RetryRecord | null, origin: Origin, props: Properties, stored: Readonly<Record<string, string>>, log: LogEntry[],
): string {
  const { open, senderName } = opened;
  const { lang, timeZone, time } = open;
  const action = say(lang, 'logAction');
  const period = label(plan.period, lang);
  const ledger = readLedger(stored, plan.period, plan.today);
  // A quota retry sends only the emails held back; a lock retry (or a normal run) the whole period.
  const planned = retry?.scope === 'deferred' ? plan.emails.filter((e) => ledger.deferred.has(recipientKey(e))) : plan.emails;
  // Only addresses someone confirmed (Turn reminders on, Send reminders now): an address typed in later waits.
  const confirmed = new Set(confirmedRecipients().map((e) => e.toLowerCase()));
  const candidates = planned.filter((e) => confirmed.has(e.to.trim().toLowerCase()));
  for (const email of planned) {
    if (!confirmed.has(email.to.trim().toLowerCase())) log.push({ action, detail: pick(fill(ACCESS.logUnconfirmed, { email: email.to }), lang) });
  }
  if (retry?.scope === 'deferred') {
    const planned = new Set(plan.emails.map(recipientKey));
    for (const key of ledger.deferred) {
      if (!planned.has(key)) log.push({ action, detail: say(lang, 'logDeferredDropped', { to: key.replace(/^[mo]:/, ''), period }) });
    }
  }
  const quota = candidates.length > 0 ? MailApp.getRemainingDailyQuota() : 0;
  const schedule = scheduleSends(candidates, ledger, quota);
  const sent = new Set(ledger.sent);
  const deferred: PlannedEmail[] = [...schedule.deferred];
  const started = Date.now();
  let quotaGone = false;
  let sinceFlush = 0;
  try {
    for (const email of schedule.send) {
      if (quotaGone || Date.now() - started > TIME_BUDGET_MS) {
        deferred.push(email);
        continue;
      }
      try {
        MailApp.sendEmail({ to: email.to, subject: email.subject, body: email.text, htmlBody: email.html, name: senderName });
      } catch (err) {
        const message = errorText(err);
        // "Service invoked too many times for one day: email." — the quota ran out mid-run.
        if (/too many times|quota|limit/i.test(message)) quotaGone = true;
        else log.push({ action, detail: say(lang, 'logFailed', { to: email.to, error: message }) });
        deferred.push(email);
        continue;
      }
      sent.add(recipientKey(email));
      const rows = email.rows.length > 0 ? say(lang, 'rowsCount', { count: email.rows.length }) : '';
      log.push({ action, detail: say(lang, 'logSent', { period, to: email.to, role: roleText(email, lang), rows }) });
      if (++sinceFlush >= FLUSH_EVERY) {
        props.setProperties(encodeChunks(SENT_PREFIX, plan.period, [...sent]));
        sinceFlush = 0;
      }
    }
  } finally {
    const { set, remove } = writeLedger(stored, plan.period, [...sent], deferred.map(recipientKey));
    // The day a weekly period last sent: the weekday's run falls back to the daily or month-end digest
    // only for a week sent on an earlier day (see weeklyAlreadySent).
    if (plan.kind === 'weekly' && sent.size > ledger.sent.size) set[WEEKLY_SENT_ON_PROPERTY] = encodeWeeklySentOn(plan.period, time.today);
    props.setProperties(set);
    for (const key of [...remove, ...ledger.obsolete]) props.deleteProperty(key);
  }
  for (const email of schedule.alreadySent) log.push({ action, detail: say(lang, 'logAlready', { to: email.to, period }) });
  for (const email of deferred) log.push({ action, detail: say(lang, 'logDeferred', { to: email.to, period }) });
  for (const old of ledger.superseded) {
    log.push({ action, detail: say(lang, 'logSuperseded', { oldPeriod: label(old.period, lang), to: old.key.replace(/^[mo]:/, ''), period }) });
  }
  if (!retry) log.push(...skippedEntries(plan, lang, action));
  if (candidates.length === 0) log.push({ action, detail: say(lang, 'logNothing', { period }) });

  // Held-back emails go out by themselves once the quota has refreshed: one pending retry per kind at most.
  const pending = parseRetry(stored[retryProperty(plan.kind)]);
  let retryTime = '';
  if (deferred.length > 0) {
    const at = quotaRetryAt(plan.period, Date.now(), time.dayOf);
    if (at === null) {
      removeRetry(props, pending);
      log.push({ action, detail: say(lang, 'logQuotaNoRetry', { count: deferred.length, period }) });
    } else {
      try {
        installRetry(props, pending, { period: plan.period, scope: 'deferred', origin, attempt: 0, at });
        retryTime = timeText(at, timeZone);
        log.push({ action, detail: say(lang, 'logQuotaRetry', { count: deferred.length, period, time: retryTime }) });
      } catch (err) {
        log.push({ action, detail: say(lang, 'logRetryFailed', { period, error: errorText(err) }) });
      }
    }
  } else {
    removeRetry(props, pending); // nothing left to retry (or an older period's retry of this kind, which this run replaces)
  }
  return say(lang, 'sendResult', {
    period, sent: sent.size - ledger.sent.size, already: schedule.alreadySent.length, deferred: deferred.length, skipped: plan.skipped.length,
  }) + (retryTime !== '' ? ` ${say(lang, 'sendResultRetry', { time: retryTime })}` : '');
}

/**
 * Every address reminders can reach, with the allowed domains they were filtered by (as the sender's
 * account sees them: its company domain by default). Reads Team and Settings.
 */
function currentRecipients(): { open: OpenWorkbook; allowed: AllowedDomains; recipients: Recipient[]; me: string } {
  const read = openWorkbook(activeSpreadsheet(), ['team']);
  const me = effectiveUserEmail();
  const allowed = allowedDomains(read.workbook.settings.allowedDomains, me);
  const open: OpenWorkbook = { ...read, workbook: withAllowedDomains(read.workbook, allowed) };
  return { open, allowed, recipients: reminderRecipients(open.workbook, me), me };
}

/** Before a send, the person sees (and confirms) the recipients whenever an address nobody confirmed has come in. */
function recipientsConfirmed(): boolean {
  const { open, allowed, recipients, me } = currentRecipients();
  const confirmed = confirmedRecipients();
  if (confirmed.length > 0 && unconfirmed(recipients, confirmed).length === 0) return true;
  if (confirmRecipients(recipients, allowed, me, open.lang)) {
    appendLog(open.tabs, [{ action: say(open.lang, 'logAction'), detail: pick(fill(ACCESS.logConfirmed, { me, count: recipients.length, list: recipients.map((r) => r.email).join(', ') }), open.lang) }]);
    return true;
  }
  spreadsheetUi().alert(pick(ACCESS.recipientsDeclined, open.lang));
  return false;
}

export function runSendRemindersNow(): void {
  if (recipientsConfirmed()) deliver('now');
}

/**
 * A trigger that is not the recorded owner's (nor a recorded retry) deletes itself and sends nothing:
 * someone took over, or turned reminders off. One Log row says so.
 */
function retire(uid: string, status: ReminderStatus | null): void {
  deleteOwnTrigger(REMINDER_HANDLER, uid);
  const open = openWorkbook(activeSpreadsheet(), []);
  const me = effectiveUserEmail();
  const reason = status?.on ? pick(fill(ACCESS.retiredNewOwner, { owner: status.account }), open.lang) : pick(ACCESS.retiredOff, open.lang);
  appendLog(open.tabs, [{ action: say(open.lang, 'logAction'), detail: pick(fill(ACCESS.logRetired, { account: me, reason }), open.lang) }]);
}

/**
 * The trigger's account no longer grants a scope the run needs: record it, tell the owner once (by email
 * when mail is still allowed, and in Log and the Settings status), and remove the trigger and its retries
 * so it does not fail every day.
 */
function stopForGrants(uid: string, missing: readonly ScopeKey[], status: ReminderStatus | null): void {
  const me = effectiveUserEmail();
  const canTrigger = !missing.includes('triggers');
  if (canTrigger) {
    deleteOwnTrigger(REMINDER_HANDLER, uid);
    for (const trigger of ourTriggers()) ScriptApp.deleteTrigger(trigger);
  }
  const props = documentProperties();
  for (const kind of DIGEST_KINDS) props.deleteProperty(retryProperty(kind));
  if (status !== null) writeStatus({ ...status, on: false, triggerId: '', stopped: { at: Date.now(), account: me, scopes: [...missing] } });
  const first = missing[0]!;
  const message = (lang: Lang): string => pick(fill(ACCESS.triggerStopped, {
    account: me, why: pick(SCOPE_TEXT[first].why, lang), consent: pick(SCOPE_TEXT[first].consent, lang),
  }), lang);
  if (!missing.includes('sheet')) {
    const open = openWorkbook(activeSpreadsheet(), []);
    const { lang, tabs } = open;
    try {
      writeSetting(tabs, settingSpec('remindersOn'), pick(optionLabel(YES_NO, 'no'), lang));
      writeStatusCell(open, statusCellText(readStatus(), lang, open.timeZone));
    } catch {
      // Log below still says it.
    }
    appendLog(tabs, [{ action: say(lang, 'logAction'), detail: message(lang) }]);
    if (!missing.includes('sendMail') && me !== '') {
      MailApp.sendEmail({ to: me, subject: pick(ACCESS.triggerStoppedSubject, lang), body: message(lang) });
    }
  } else if (!missing.includes('sendMail') && me !== '') {
    MailApp.sendEmail({ to: me, subject: `${ACCESS.triggerStoppedSubject.en} / ${ACCESS.triggerStoppedSubject.zh}`, body: `${message('en')}\n\n${message('zh-CN')}` });
  }
}

/**
 * The handler of both the daily trigger and the one-off retries. Only the recorded owner's daily
 * trigger, or a recorded retry, runs: any other retires itself (see reminderOwner.ts). A run first checks
 * its account still grants what it needs; a retry is recognised by its trigger id (the event's
 * triggerUid) matching a retry record, deletes itself first, then runs its period again.
 */
export function runReminderTrigger(e?: GoogleAppsScript.Events.TimeDriven): void {
  const props = documentProperties();
  const uid = e?.triggerUid === undefined ? null : String(e.triggerUid);
  const status = readStatus();
  const retry = uid === null ? null : pendingRetries(props.getProperties()).find((r) => r.id === uid) ?? null;
  const me = effectiveUserEmail();
  const owner = status !== null && status.on && sameAccount(status.account, me);
  // A status from before trigger ids were recorded: the owner's one daily trigger is this one.
  if (uid !== null && owner && status.triggerId === '' && retry === null) writeStatus({ ...status, triggerId: uid });
  const current = uid === null || retry !== null || (owner && (status.triggerId === '' || status.triggerId === uid));
  if (!current && uid !== null) {
    retire(uid, status);
    return;
  }
  const { missing } = missingScopes(ACTION_SCOPES.reminderTrigger);
  if (missing.length > 0 && uid !== null) {
    stopForGrants(uid, missing, status);
    return;
  }
  if (retry) removeRetry(props, retry);
  deliver('trigger', retry);
}


/**
 * Shows what each person would get: what "Send reminders now" sends (the weekly digest) and, when
 * reminders are on and today's automatic run is a daily or month-end digest, what that run sends.
 * Sends nothing and records nothing (apart from a Log line).
 */
export function runPreviewReminders(): void {
  const opened = openForReminders();
  const { open } = opened;
  const { lang } = open;
  const stored = documentProperties().getProperties();
  const plans = [planFor(opened, 'weekly')];
  const today = readStatus()?.on ? todaysRun(opened, stored).plan : null;
  if (today && today.kind !== 'weekly') plans.push(today);
  const quota = plans.some((p) => p.emails.length > 0) ? MailApp.getRemainingDailyQuota() : 0;
  const html = plans.map((plan, i) => {
    const ledger = readLedger(stored, plan.period, plan.today);
    const heading = plans.length > 1 ? say(lang, i === 0 ? 'previewSendNow' : 'previewToday', { kind: kindLabel(plan.kind, lang) }) : '';
    return renderPreview(plan, (e) => ledger.sent.has(recipientKey(e)), quota, lang, heading);
  }).join('<hr>');
  const detail = plans.map((plan) => `${label(plan.period, lang)}: ${plan.emails.map((e) => e.to).join(', ')}`).join('; ');
  appendLog(open.tabs, [{ action: say(lang, 'logActionPreview'), detail }]);
  showDialog(say(lang, 'previewTitle'), html, 860, 600);
}

/** Everything the run would send, to the person clicking only, marked [TEST]; no period is recorded. */
export function runSendTestReminder(): void {
  const { open, plan, senderName } = prepare('weekly');
  const { lang, tabs, workbook } = open;
  const ui = spreadsheetUi();
  const me = activeUserEmail();
  const action = say(lang, 'logActionTest');
  if (me === '') {
    ui.alert(say(lang, 'noActiveUser'));
    return;
  }
  withDocumentLock(lang, () => {
    if (workbook.settings.remindersPaused) {
      appendLog(tabs, [{ action, detail: say(lang, 'logPaused') }]);
      ui.alert(say(lang, 'paused'));
      return;
    }
    if (plan.emails.length === 0) {
      appendLog(tabs, [{ action, detail: say(lang, 'logNothing', { period: label(plan.period, lang) }) }]);
      ui.alert(say(lang, 'nothingToSend', { period: label(plan.period, lang) }));
      return;
    }
    const quota = MailApp.getRemainingDailyQuota();
    const copies = plan.emails.slice(0, Math.max(0, quota));
    const log: LogEntry[] = [];
    for (const email of copies) {
      const banner = testBanner(email.to, email.lang);
      MailApp.sendEmail({
        to: me, subject: oneLine(`[TEST] ${email.subject}`), name: senderName,
        body: `${banner.text}\n\n${email.text}`,
        htmlBody: email.html.startsWith('<!DOCTYPE html>') ? `<!DOCTYPE html><html><body>${banner.html}${innerHtml(email.html)}</body></html>` : banner.html + email.html,
      });
      log.push({ action, detail: say(lang, 'logTest', { subject: email.subject, to: email.to, me }) });
    }
    const omitted = plan.emails.length - copies.length;
    if (omitted > 0) log.push({ action, detail: say(lang, 'logTestOmitted', { count: omitted }) });
    appendLog(tabs, log);
    ui.alert(say(lang, 'testSent', { count: copies.length, me }) + (omitted > 0 ? ` ${say(lang, 'testOmitted', { count: omitted })}` : ''));
  });
}

// ---------------------------------------------------------------------------------------------
// Turning the trigger on and off

function nowInZone(timeZone: string): { today: Day; hour: number } {
  const [date = '', hour = '0'] = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH').split(' ');
  return { today: dayFromIso(date), hour: Number(hour) };
}

/** A weekday (0 = Sunday … 6 = Saturday) as people read it: "Friday" / "星期五". */
function weekdayName(weekday: number, lang: Lang): string {
  const option = WEEKDAY.options[(weekday + 6) % 7];
  return option ? pick(option.label, lang) : String(weekday);
}

/** The schedule with its next runs seen from now (the stored status holds no "next": it would go stale). */
function scheduleText(status: ReminderStatus, lang: Lang): string {
  const now = nowInZone(status.timeZone);
  return say(lang, status.calendar === 'cn' ? 'scheduleChina' : 'schedule', {
    weekday: weekdayName(status.weekday, lang), hour: String(status.hour).padStart(2, '0'),
    timeZone: status.timeZone, next: formatRun(nextDailyRun(now.today, now.hour, status.hour)),
    nextWeekly: formatRun(nextWeeklyRun(now.today, now.hour, status.weekday, status.hour, workCalendar(status.calendar ?? 'none'))), account: status.account,
  });
}

/** How late a daily run may be before the status says it did not happen (Apps Script fires within the hour). */
const RUN_GRACE_MS = 2 * 3_600_000;

/**
 * The status the menu shows (from document properties): on or off, the schedule and next runs, the owner,
 * the last run and its result, a run that should have happened and did not (the owner may have left),
 * a stop for a missing grant, and pending retries.
 */
export function reminderStatusText(lang: Lang, extra: readonly string[] = []): string {
  const status = readStatus();
  const text = status?.on ? say(lang, 'statusOn', { schedule: scheduleText(status, lang) }) : say(lang, 'statusOff');
  const zone = status?.timeZone ?? Session.getScriptTimeZone();
  const at = (ms: number): string => Utilities.formatDate(new Date(ms), zone, 'yyyy-MM-dd HH:mm');
  const lines = [text];
  if (status?.lastRun) lines.push(pick(fill(ACCESS.statusLastRun, { time: at(status.lastRun.at), result: status.lastRun.result }), lang));
  else if (status?.on) lines.push(pick(ACCESS.statusNoRun, lang));
  if (status?.on) {
    const now = Date.now();
    const due = lastRunDue(status, now, () => dateOfDay(nowInZone(zone).today, zone).getTime());
    if (due !== null && now - due > RUN_GRACE_MS && (status.lastRun === null || status.lastRun.at < due)) {
      lines.push(pick(fill(ACCESS.statusOverdue, { time: at(due), owner: status.account }), lang));
    }
  }
  if (status && !status.on && status.stopped) {
    const first = status.stopped.scopes[0] ?? 'sendMail';
    lines.push(pick(fill(ACCESS.statusStopped, {
      time: at(status.stopped.at), account: status.stopped.account, why: pick(SCOPE_TEXT[first].why, lang), consent: pick(SCOPE_TEXT[first].consent, lang),
    }), lang));
  }
  const retries = pendingRetries(documentProperties().getProperties());
  lines.push(...retries.map((retry) => say(lang, 'statusRetry', { period: label(retry.period, lang), time: timeText(retry.at, zone) })));
  // One line per fact: the alert shows them as paragraphs.
  return [...lines, ...extra].join('\n');
}

/** Menu item "Reminder status": whether reminders are on, when they run next and whose account sends; refreshes the Settings snapshot. */
export function runShowReminderStatus(): void {
  const ss = activeSpreadsheet();
  const open = openWorkbook(ss, []);
  const { lang } = open;
  let failed = '';
  try {
    writeStatusCell(open, statusCellText(readStatus(), lang, open.timeZone));
  } catch (err) {
    // A protected Settings cell must not hide the status: say it in Log and under the status.
    failed = say(lang, 'logStatusFailed', { settings: pick(tabSpec('settings').name, lang), error: errorText(err) });
    try {
      appendLog(open.tabs, [{ action: say(lang, 'logAction'), detail: failed }]);
    } catch {
      // Log is protected too: the dialog below still says it.
    }
  }
  const { recipients } = currentRecipients();
  const waiting = readStatus()?.on ? unconfirmed(recipients, confirmedRecipients()) : [];
  const extra = waiting.length > 0 ? [pick(fill(ACCESS.statusUnconfirmed, { count: waiting.length, list: joinList(waiting.map((r) => r.email), lang) }), lang)] : [];
  const text = reminderStatusText(lang, extra) + (failed !== '' ? `\n\n${failed}` : '');
  spreadsheetUi().alert(say(lang, 'menuStatus'), text, spreadsheetUi().ButtonSet.OK);
}

/** Refuses to turn reminders on with a bad weekday or hour in Settings: names the row, the value and what is accepted. */
function refuseBadSchedule(open: OpenWorkbook): boolean {
  const problems = reminderScheduleProblems(open.workbook);
  if (problems.length === 0) return false;
  const { lang, tabs } = open;
  const tab = pick(tabSpec('settings').name, lang);
  const list = problems.map((p) => say(lang, 'problemAt', { tab, row: p.row ?? '', message: pick(p.message, lang) })).join(lang === 'zh-CN' ? '' : ' ');
  const message = say(lang, 'notTurnedOn', { problems: list });
  appendLog(tabs, [{ action: say(lang, 'logAction'), detail: message }]);
  spreadsheetUi().alert(message);
  return true;
}

/** "since 2023-07-27 15:00; last run 2023-07-28 09:00" as the take-over question says it. */
function ownerSince(status: ReminderStatus, lang: Lang, timeZone: string): { since: string; lastRun: string } {
  const at = (ms: number): string => Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm');
  return {
    since: status.since > 0 ? pick(fill(ACCESS.since, { time: at(status.since) }), lang) : status.account,
    lastRun: status.lastRun ? pick(fill(ACCESS.lastRunAt, { time: at(status.lastRun.at) }), lang) : pick(ACCESS.lastRunNone, lang),
  };
}

/**
 * Turning reminders on: the person sees who sends now and may take over; sees and confirms every
 * recipient; then their account's one daily trigger is recorded as the owner's, and pending retries move
 * to it. Turning off, by anyone: the record says off at once (the owner's trigger retires itself when it
 * next fires), and the person's own reminder triggers go.
 */
function setReminders(on: boolean): void {
  const ss = activeSpreadsheet();
  const open = openWorkbook(ss, []);
  const { lang, tabs, workbook, timeZone } = open;
  const ui = spreadsheetUi();
  const me = effectiveUserEmail();
  const previous = readStatus();
  const otherOwner = previous !== null && previous.on && previous.account !== '' && !sameAccount(previous.account, me) ? previous.account : null;
  if (on) {
    if (refuseBadSchedule(open)) return;
    if (otherOwner !== null && previous !== null) {
      const question = pick(fill(ACCESS.takeOver, { owner: otherOwner, me, ...ownerSince(previous, lang, timeZone) }), lang);
      if (ui.alert(pick(ACCESS.takeOverTitle, lang), question, ui.ButtonSet.YES_NO) !== ui.Button.YES) {
        appendLog(tabs, [{ action: say(lang, 'logAction'), detail: pick(fill(ACCESS.takeOverDeclined, { me, owner: otherOwner }), lang) }]);
        return;
      }
    }
    const { allowed, recipients } = currentRecipients();
    if (!confirmRecipients(recipients, allowed, me, lang)) {
      ui.alert(pick(ACCESS.recipientsDeclined, lang));
      return;
    }
    appendLog(tabs, [{ action: say(lang, 'logAction'), detail: pick(fill(ACCESS.logConfirmed, { me, count: recipients.length, list: recipients.map((r) => r.email).join(', ') }), lang) }]);
  }
  const result = withDocumentLock(lang, () => {
    const props = documentProperties();
    const retries = pendingRetries(props.getProperties());
    const retryIds = new Set(retries.map((r) => r.id));
    // Exactly one daily trigger of this account: turning on replaces every trigger of ours except pending
    // one-off retries (they still have a period to finish); turning off removes the retries too.
    const existing = ourTriggers().filter((t) => !on || !retryIds.has(t.getUniqueId()));
    for (const trigger of existing) ScriptApp.deleteTrigger(trigger);
    if (!on) for (const kind of DIGEST_KINDS) props.deleteProperty(retryProperty(kind));
    const { reminderWeekday, reminderHour } = workbook.settings;
    // Turning off names the weekday the reminders ran on (the stored one), else the Settings one.
    const weekday = weekdayName(on || previous === null ? reminderWeekday : previous.weekday, lang);
    const log: LogEntry[] = [];
    let status: ReminderStatus;
    if (on) {
      // Every day at the hour: each run picks the weekly, daily or month-end digest (see todaysKind).
      const trigger = ScriptApp.newTrigger(REMINDER_HANDLER).timeBased().everyDays(1).atHour(reminderHour).inTimezone(timeZone).create();
      status = {
        on: true, weekday: reminderWeekday, hour: reminderHour, timeZone, account: me, calendar: workbook.settings.workCalendar,
        triggerId: trigger.getUniqueId(), since: Date.now(), lastRun: previous?.lastRun ?? null, stopped: null,
      };
      writeStatus(status);
      if (otherOwner !== null) {
        // The previous owner's pending retries become this account's (the old ones retire themselves).
        for (const retry of retries) installRetry(props, retry, { period: retry.period, scope: retry.scope, origin: retry.origin, attempt: retry.attempt, at: retry.at });
        log.push({ action: say(lang, 'logAction'), detail: pick(fill(ACCESS.logTakenOver, { me, owner: otherOwner }), lang) });
      }
    } else {
      status = previous === null
        ? { on: false, weekday: reminderWeekday, hour: reminderHour, timeZone, account: '', triggerId: '', since: 0, lastRun: null, stopped: null }
        : { ...previous, on: false, triggerId: '' };
      writeStatus(status);
    }
    writeSetting(tabs, settingSpec('remindersOn'), pick(optionLabel(YES_NO, on ? 'yes' : 'no'), lang));
    const schedule = on ? scheduleText(status, lang) : '';
    const settingsTab = tabs.get('settings');
    writeStatusCell(open, statusCellText(status, lang, timeZone), settingsTab ? readGrid(settingsTab) : null);
    log.push({ action: say(lang, 'logAction'), detail: on ? say(lang, 'logOn', { schedule }) : say(lang, 'logOff', { count: existing.length }) });
    appendLog(tabs, log);
    const message = on ? say(lang, 'turnedOn', { weekday, schedule }) : say(lang, 'turnedOff', { weekday, count: existing.length });
    return !on && otherOwner !== null ? `${message} ${pick(fill(ACCESS.offByOther, { owner: otherOwner }), lang)}` : message;
  });
  if (result === null) return;
  buildMenu();
  ui.alert(result);
}

export function runTurnRemindersOn(): void {
  setReminders(true);
}

export function runTurnRemindersOff(): void {
  setReminders(false);
}

