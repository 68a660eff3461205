/**
 * Friday reminders in Apps Script: the trigger, sending, preview and test. The rules (who gets what)
 * are in src/core/digest.ts; this adapter reads the sheet once, asks the core for the plan, and
 * delivers it safely.
 *
 * Decisions
 * - One weekly time-driven trigger (handler onReminderTrigger) on the Settings weekday and hour, in the
 *   spreadsheet's time zone: DESIGN asks for exactly one. Each run sends the weekly digest, which
 *   holds daily-tracked tasks too (marked "tracked daily") and monthly-tracked ones in the month's last
 *   run. The separate daily and monthly digests exist in the core (planReminders kind 'daily' /
 *   'monthly') for the offline `remind` command; the sheet does not install a daily trigger.
 * - Never twice: the recipients of each period (e.g. weekly:2023-W30) are recorded in document
 *   properties under the lock, so a trigger retry, a second trigger in the same hour or "Send now"
 *   after the trigger sends nothing again. Records are chunked under the 9 KB value limit and pruned
 *   after 62 days.
 * - Quota: MailApp.getRemainingDailyQuota() first; managers first, then people deferred earlier, then
 *   the rest; whoever does not fit is recorded as deferred, and a one-off trigger (QUOTA_RETRY_AFTER_MS
 *   later, once the quota has refreshed) sends exactly those for the same period. A later period's
 *   email replaces a deferred one, and the Log says so.
 * - Lock: the trigger waits TRIGGER_LOCK_WAIT_MS for the document lock (a report or roll-over may hold
 *   it). Still busy: a Log row (written without the lock: one write) and a one-off retry of the same
 *   period LOCK_RETRY_AFTER_MS later, at most LOCK_RETRY_MAX times.
 * - Retries: never more than one pending (installing one deletes the previous). It is recorded in the
 *   document property RETRY_PROPERTY with its trigger id; the handler recognises it by the event's
 *   triggerUid and deletes it before running. Turning reminders on keeps exactly one weekly trigger
 *   and leaves a pending retry alone; turning them off removes the retry too.
 * - Status: turning on stores weekday, hour, time zone and account; "when it runs next" is computed
 *   from the current time whenever it is shown (menu Reminder status; the Settings Help cell, refreshed
 *   by each trigger run).
 */
import {
  LOCK_RETRY_MAX, RETRY_PROPERTY, SENT_PREFIX, TRIGGER_LOCK_WAIT_MS, dayInPeriod, encodeChunks, formatRun, lockRetryDecision, nextWeeklyRun,
  parseRetry, planReminders, quotaRetryAt, readLedger, recipientKey, reminderScheduleProblems, scheduleSends, writeLedger,
  type DigestKind, type PlannedEmail, type ReminderPlan, type RetryRecord,
} from '../core/digest';
import { innerHtml, oneLine, renderPreview, skipReasonText, testBanner, uiText, type ReminderUiKey } from '../core/emailText';
import { type Lang, pick } from '../core/i18n';
import { SETTINGS_TAB, settingSpec, tabSpec, type TabKey } from '../core/schema';
import { WEEKDAY, YES_NO, optionLabel } from '../core/options';
import { matchesSetting } from '../core/model';
import { asLiteral, mapHeaders } from '../core/table';
import { dayFromIso, type Day } from '../core/values';
import { appendLog, type LogEntry } from './log';
import { withDocumentLock } from './lock';
import { buildMenu } from './menu';
import { writeSetting } from './settings';
import { openWorkbook, readGrid, type OpenWorkbook } from './spreadsheet';
import { showDialog } from './ui';

type Trigger = GoogleAppsScript.Script.Trigger;
type Properties = GoogleAppsScript.Properties.Properties;

export const REMINDER_HANDLER = 'onReminderTrigger';
/** Document property holding the reminder status the menu can show without authorisation. */
export const STATUS_PROPERTY = 'reminders.status';
/** Stop sending after this much of the 6-minute limit; the rest is deferred to the next run. */
const TIME_BUDGET_MS = 4.5 * 60 * 1000;
/** Record what was sent every this many emails, so even a killed run does not send twice. */
const FLUSH_EVERY = 20;
const READ_TABS: readonly TabKey[] = ['team', 'goals', 'tracking', 'weekly', 'retrospective'];
const APPS_SCRIPT_WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

const say = uiText;

function ourTriggers(): Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === REMINDER_HANDLER);
}

interface Prepared {
  readonly open: OpenWorkbook;
  readonly plan: ReminderPlan;
  readonly sender: string;
  readonly senderName: string;
}

/** Reads the sheet once and plans the run; a retry plans its own period (see dayInPeriod). */
function prepare(kind: DigestKind, period: string | null = null): Prepared {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const open = openWorkbook(ss, READ_TABS);
  const time = period === null ? open.time : { ...open.time, today: dayInPeriod(period, open.time.today) };
  const sender = Session.getEffectiveUser().getEmail();
  const tabGids: Partial<Record<TabKey, number>> = {};
  for (const key of ['tracking', 'retrospective', 'weekly'] as const) {
    const sheet = open.tabs.get(key);
    if (sheet) tabGids[key] = sheet.getSheetId();
  }
  const plan = planReminders(open.workbook, time, { kind, sheetUrl: ss.getUrl(), tabGids, sheetLang: open.lang, sentBy: sender });
  const { team, region } = open.workbook.settings;
  return { open, plan, sender, senderName: oneLine(team || region) || say(open.lang, 'logAction') };
}

function roleText(email: PlannedEmail, lang: Lang): string {
  return say(lang, email.role === 'manager' ? 'roleManager' : 'roleOwner');
}

function skippedEntries(plan: ReminderPlan, lang: Lang, action: string): LogEntry[] {
  return plan.skipped.map((s) => ({ action, detail: say(lang, 'logSkipped', { name: s.name, email: s.email, reason: skipReasonText(s.reason, lang) }) }));
}

type Origin = RetryRecord['origin'];

/** Deletes the pending retry (its one-off trigger and its record); returns how many triggers were deleted. */
function removeRetry(props: Properties, record: RetryRecord | null): number {
  if (record === null) return 0;
  const triggers = ourTriggers().filter((t) => t.getUniqueId() === record.id);
  for (const trigger of triggers) ScriptApp.deleteTrigger(trigger);
  props.deleteProperty(RETRY_PROPERTY);
  return triggers.length;
}

/** Replaces any pending retry with a one-off trigger at `next.at`: never more than one pending retry. */
function installRetry(props: Properties, current: RetryRecord | null, next: Omit<RetryRecord, 'id'>): RetryRecord {
  removeRetry(props, current);
  const trigger = ScriptApp.newTrigger(REMINDER_HANDLER).timeBased().at(new Date(next.at)).create();
  const record: RetryRecord = { ...next, id: trigger.getUniqueId() };
  props.setProperty(RETRY_PROPERTY, JSON.stringify(record));
  return record;
}

function timeText(ms: number, timeZone: string): string {
  return `${Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm')} (${timeZone})`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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
    detail = say(lang, 'logBusyGaveUp', { seconds, period, attempts: decision.attempts });
  } else {
    try {
      const props = PropertiesService.getDocumentProperties();
      installRetry(props, parseRetry(props.getProperty(RETRY_PROPERTY)), {
        period, scope: retry?.scope ?? 'all', origin, attempt: decision.attempt, at: decision.at,
      });
      detail = say(lang, 'logBusyRetry', { seconds, period, time: timeText(decision.at, timeZone), attempt: decision.attempt, max: LOCK_RETRY_MAX });
    } catch (err) {
      detail = say(lang, 'logRetryFailed', { period, error: errorText(err) });
    }
  }
  appendLog(tabs, [{ action, detail }]);
}

/** Refreshes "when it runs next" in the Help cell beside Settings → Reminders on (one write, only when it changed). */
function refreshStatusCell(open: OpenWorkbook, lang: Lang): void {
  const sheet = open.tabs.get('settings');
  const grid = open.raw.settings;
  const row = open.workbook.settings.rowOf.remindersOn;
  const status = readStatus();
  if (!sheet || !grid || row === undefined || status === null || !status.on) return;
  const column = mapHeaders(SETTINGS_TAB, grid[0] ?? []).index.get('help');
  if (column === undefined) return;
  const text = say(lang, 'statusOn', { schedule: scheduleText(status, lang) });
  if (String(grid[row - 1]?.[column] ?? '') !== text) sheet.getRange(row, column + 1).setValue(asLiteral(text));
}

/**
 * Sends the plan: none twice per period, managers first, within the mail quota; everything to Log.
 * `retry` is the pending retry this run is (its one-off trigger already deleted), or null.
 */
function deliver(mode: 'trigger' | 'now', retry: RetryRecord | null = null): void {
  const interactive = mode === 'now';
  const origin: Origin = retry?.origin ?? mode;
  const prepared = prepare('weekly', retry?.period ?? null);
  const { open, plan, senderName } = prepared;
  const { lang, tabs, workbook, timeZone, time } = open;
  const action = say(lang, 'logAction');
  const lockOptions = interactive ? {} : { waitMs: TRIGGER_LOCK_WAIT_MS, onBusy: () => lockBusy(open, plan.period, retry, origin) };
  withDocumentLock(lang, () => {
    const log: LogEntry[] = [];
    if (retry) log.push({ action, detail: say(lang, 'logRetryRun', { period: plan.period }) });
    if (mode === 'trigger') refreshStatusCell(open, lang);
    if (workbook.settings.remindersPaused) {
      appendLog(tabs, [...log, { action, detail: say(lang, 'logPaused') }]);
      if (interactive) SpreadsheetApp.getUi().alert(say(lang, 'paused'));
      return;
    }
    if (origin === 'trigger' && !workbook.settings.remindersOn) {
      appendLog(tabs, [...log, { action, detail: say(lang, 'logOffInSettings') }]);
      return;
    }
    const props = PropertiesService.getDocumentProperties();
    const stored = props.getProperties();
    const ledger = readLedger(stored, plan.period, plan.today);
    // A quota retry sends only the emails held back; a lock retry (or a normal run) the whole period.
    const candidates = retry?.scope === 'deferred' ? plan.emails.filter((e) => ledger.deferred.has(recipientKey(e))) : plan.emails;
    if (retry?.scope === 'deferred') {
      const planned = new Set(plan.emails.map(recipientKey));
      for (const key of ledger.deferred) {
        if (!planned.has(key)) log.push({ action, detail: say(lang, 'logDeferredDropped', { to: key.replace(/^[mo]:/, ''), period: plan.period }) });
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
        log.push({ action, detail: say(lang, 'logSent', { period: plan.period, to: email.to, role: roleText(email, lang), rows }) });
        if (++sinceFlush >= FLUSH_EVERY) {
          props.setProperties(encodeChunks(SENT_PREFIX, plan.period, [...sent]));
          sinceFlush = 0;
        }
      }
    } finally {
      const { set, remove } = writeLedger(stored, plan.period, [...sent], deferred.map(recipientKey));
      props.setProperties(set);
      for (const key of [...remove, ...ledger.obsolete]) props.deleteProperty(key);
    }
    for (const email of schedule.alreadySent) log.push({ action, detail: say(lang, 'logAlready', { to: email.to, period: plan.period }) });
    for (const email of deferred) log.push({ action, detail: say(lang, 'logDeferred', { to: email.to, period: plan.period }) });
    for (const old of ledger.superseded) {
      log.push({ action, detail: say(lang, 'logSuperseded', { oldPeriod: old.period, to: old.key.replace(/^[mo]:/, ''), period: plan.period }) });
    }
    if (!retry) log.push(...skippedEntries(plan, lang, action));
    if (candidates.length === 0) log.push({ action, detail: say(lang, 'logNothing', { period: plan.period }) });

    // Held-back emails go out by themselves once the quota has refreshed: one pending retry at most.
    const pending = parseRetry(stored[RETRY_PROPERTY]);
    let retryTime = '';
    if (deferred.length > 0) {
      const at = quotaRetryAt(plan.period, Date.now(), time.dayOf);
      if (at === null) {
        removeRetry(props, pending);
        log.push({ action, detail: say(lang, 'logQuotaNoRetry', { count: deferred.length, period: plan.period }) });
      } else {
        try {
          installRetry(props, pending, { period: plan.period, scope: 'deferred', origin, attempt: 0, at });
          retryTime = timeText(at, timeZone);
          log.push({ action, detail: say(lang, 'logQuotaRetry', { count: deferred.length, period: plan.period, time: retryTime }) });
        } catch (err) {
          log.push({ action, detail: say(lang, 'logRetryFailed', { period: plan.period, error: errorText(err) }) });
        }
      }
    } else {
      removeRetry(props, pending); // nothing left to retry (or an older period's retry this run replaces)
    }
    appendLog(tabs, log);
    if (interactive) {
      SpreadsheetApp.getUi().alert(say(lang, 'sendResult', {
        period: plan.period, sent: sent.size - ledger.sent.size, already: schedule.alreadySent.length, deferred: deferred.length, skipped: plan.skipped.length,
      }) + (retryTime !== '' ? ` ${say(lang, 'sendResultRetry', { time: retryTime })}` : ''));
    }
  }, interactive, lockOptions);
}

export function runSendRemindersNow(): void {
  deliver('now');
}

/**
 * The handler of both the weekly trigger and the one-off retry. A retry is recognised by its trigger id
 * (the event's triggerUid) matching the document's retry record; it deletes itself first, then runs
 * its period again.
 */
export function runReminderTrigger(e?: GoogleAppsScript.Events.TimeDriven): void {
  const props = PropertiesService.getDocumentProperties();
  const record = parseRetry(props.getProperty(RETRY_PROPERTY));
  const uid = e?.triggerUid;
  const retry = record !== null && uid !== undefined && String(uid) === record.id ? record : null;
  if (retry) removeRetry(props, retry);
  deliver('trigger', retry);
}

/** Shows what each person would get. Sends nothing and records nothing (apart from a Log line). */
export function runPreviewReminders(): void {
  const { open, plan } = prepare('weekly');
  const { lang } = open;
  const stored = PropertiesService.getDocumentProperties().getProperties();
  const ledger = readLedger(stored, plan.period, plan.today);
  const quota = plan.emails.length > 0 ? MailApp.getRemainingDailyQuota() : 0;
  const html = renderPreview(plan, (e) => ledger.sent.has(recipientKey(e)), quota, lang);
  appendLog(open.tabs, [{ action: say(lang, 'logActionPreview'), detail: `${plan.period}: ${plan.emails.map((e) => e.to).join(', ')}` }]);
  showDialog(say(lang, 'previewTitle'), html, 860, 600);
}

/** Everything the run would send, to the person clicking only, marked [TEST]; no period is recorded. */
export function runSendTestReminder(): void {
  const { open, plan, senderName } = prepare('weekly');
  const { lang, tabs, workbook } = open;
  const ui = SpreadsheetApp.getUi();
  const me = Session.getActiveUser().getEmail();
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
      appendLog(tabs, [{ action, detail: say(lang, 'logNothing', { period: plan.period }) }]);
      ui.alert(say(lang, 'nothingToSend', { period: plan.period }));
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

/** What "Turn reminders on" stores; the next run is computed from the current time whenever it is shown. */
export interface ReminderStatus {
  readonly on: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly timeZone: string;
  readonly account: string;
}

function readStatus(): ReminderStatus | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(STATUS_PROPERTY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<ReminderStatus>;
    if (typeof s.weekday !== 'number' || typeof s.hour !== 'number' || typeof s.timeZone !== 'string') return null;
    return { on: s.on === true, weekday: s.weekday, hour: s.hour, timeZone: s.timeZone, account: typeof s.account === 'string' ? s.account : '' };
  } catch {
    return null; // an unreadable status reads as off
  }
}

function nowInZone(timeZone: string): { today: Day; hour: number } {
  const [date = '', hour = '0'] = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH').split(' ');
  return { today: dayFromIso(date), hour: Number(hour) };
}

/** The schedule with its next run seen from now (the stored status holds no "next": it would go stale). */
function scheduleText(status: ReminderStatus, lang: Lang): string {
  const weekday = WEEKDAY.options[(status.weekday + 6) % 7];
  const now = nowInZone(status.timeZone);
  return say(lang, 'schedule', {
    weekday: weekday ? pick(weekday.label, lang) : String(status.weekday), hour: String(status.hour).padStart(2, '0'),
    timeZone: status.timeZone, next: formatRun(nextWeeklyRun(now.today, now.hour, status.weekday, status.hour)), account: status.account,
  });
}

/** The status line the menu or a dialog can show (from document properties: no authorisation needed). */
export function reminderStatusText(lang: Lang): string {
  const status = readStatus();
  const text = status?.on ? say(lang, 'statusOn', { schedule: scheduleText(status, lang) }) : say(lang, 'statusOff');
  const retry = parseRetry(PropertiesService.getDocumentProperties().getProperty(RETRY_PROPERTY));
  return retry ? `${text} ${say(lang, 'statusRetry', { period: retry.period, time: timeText(retry.at, status?.timeZone ?? Session.getScriptTimeZone()) })}` : text;
}

/** Menu item "Reminder status": whether reminders are on, when they run next and whose account sends. */
export function runShowReminderStatus(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { lang } = openWorkbook(ss, []);
  SpreadsheetApp.getUi().alert(say(lang, 'menuStatus'), reminderStatusText(lang), SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Writes the status beside "Reminders on" in Settings (its Help cell), so the sheet shows it too. */
function showStatusInSettings(open: OpenWorkbook, text: string): void {
  const sheet = open.tabs.get('settings');
  if (!sheet) return;
  const grid = readGrid(sheet);
  const header = mapHeaders(SETTINGS_TAB, grid[0] ?? []);
  const labelColumn = header.index.get('setting') ?? 0;
  const helpColumn = header.index.get('help');
  const spec = settingSpec('remindersOn');
  const row = grid.findIndex((r, i) => i > 0 && matchesSetting(spec, r[labelColumn]));
  if (helpColumn === undefined || row <= 0) return;
  sheet.getRange(row + 1, helpColumn + 1).setValue(asLiteral(text));
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
  SpreadsheetApp.getUi().alert(message);
  return true;
}

function setReminders(on: boolean): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const open = openWorkbook(ss, []);
  const { lang, tabs, workbook, timeZone } = open;
  if (on && refuseBadSchedule(open)) return;
  const result = withDocumentLock(lang, () => {
    const props = PropertiesService.getDocumentProperties();
    const retry = parseRetry(props.getProperty(RETRY_PROPERTY));
    // Exactly one weekly trigger: turning on replaces every trigger of ours except a pending one-off
    // retry (it still has a period to finish); turning off removes the retry too.
    const existing = ourTriggers().filter((t) => on === false || retry === null || t.getUniqueId() !== retry.id);
    for (const trigger of existing) ScriptApp.deleteTrigger(trigger);
    if (!on) props.deleteProperty(RETRY_PROPERTY);
    const { reminderWeekday, reminderHour } = workbook.settings;
    const account = Session.getEffectiveUser().getEmail();
    let status: ReminderStatus | null = null;
    if (on) {
      const weekday = APPS_SCRIPT_WEEKDAYS[reminderWeekday] ?? 'FRIDAY';
      ScriptApp.newTrigger(REMINDER_HANDLER).timeBased()
        .onWeekDay(ScriptApp.WeekDay[weekday]).atHour(reminderHour).inTimezone(timeZone).create();
      status = { on: true, weekday: reminderWeekday, hour: reminderHour, timeZone, account };
    }
    if (status) props.setProperty(STATUS_PROPERTY, JSON.stringify(status));
    else props.deleteProperty(STATUS_PROPERTY);
    writeSetting(tabs, settingSpec('remindersOn'), pick(optionLabel(YES_NO, on ? 'yes' : 'no'), lang));
    const schedule = status ? scheduleText(status, lang) : '';
    showStatusInSettings(open, status ? say(lang, 'statusOn', { schedule }) : say(lang, 'statusOff'));
    appendLog(tabs, [{ action: say(lang, 'logAction'), detail: status ? say(lang, 'logOn', { schedule }) : say(lang, 'logOff', { count: existing.length }) }]);
    const message: [ReminderUiKey, Record<string, string | number>] = status ? ['turnedOn', { schedule }] : ['turnedOff', { count: existing.length }];
    return message;
  });
  if (result === null) return;
  buildMenu();
  SpreadsheetApp.getUi().alert(say(lang, result[0], result[1]));
}

export function runTurnRemindersOn(): void {
  setReminders(true);
}

export function runTurnRemindersOff(): void {
  setReminders(false);
}

