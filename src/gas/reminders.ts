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
 *   the rest; whoever does not fit is recorded as deferred and sent on the next run of the same period
 *   (a later period's email replaces a deferred one, and the Log says so).
 */
import {
  SENT_PREFIX, encodeChunks, nextWeeklyRun, planReminders, readLedger, recipientKey, scheduleSends, writeLedger,
  type DigestKind, type PlannedEmail, type ReminderPlan,
} from '../core/digest';
import { innerHtml, oneLine, renderPreview, skipReasonText, testBanner, uiText, type ReminderUiKey } from '../core/emailText';
import { type Lang, pick } from '../core/i18n';
import { SETTINGS_TAB, settingSpec, type TabKey } from '../core/schema';
import { WEEKDAY, YES_NO, optionLabel } from '../core/options';
import { matchesSetting } from '../core/model';
import { mapHeaders } from '../core/table';
import { dayFromIso, isoFromDay, type Day } from '../core/values';
import { appendLog, type LogEntry } from './log';
import { withDocumentLock } from './lock';
import { buildMenu } from './menu';
import { writeSetting } from './settings';
import { openWorkbook, readGrid, type OpenWorkbook } from './spreadsheet';
import { showDialog } from './ui';

type Trigger = GoogleAppsScript.Script.Trigger;

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

function prepare(kind: DigestKind): Prepared {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const open = openWorkbook(ss, READ_TABS);
  const sender = Session.getEffectiveUser().getEmail();
  const tabGids: Partial<Record<TabKey, number>> = {};
  for (const key of ['tracking', 'retrospective', 'weekly'] as const) {
    const sheet = open.tabs.get(key);
    if (sheet) tabGids[key] = sheet.getSheetId();
  }
  const plan = planReminders(open.workbook, open.time, { kind, sheetUrl: ss.getUrl(), tabGids, sheetLang: open.lang, sentBy: sender });
  const { team, region } = open.workbook.settings;
  return { open, plan, sender, senderName: oneLine(team || region) || say(open.lang, 'logAction') };
}

function roleText(email: PlannedEmail, lang: Lang): string {
  return say(lang, email.role === 'manager' ? 'roleManager' : 'roleOwner');
}

function skippedEntries(plan: ReminderPlan, lang: Lang, action: string): LogEntry[] {
  return plan.skipped.map((s) => ({ action, detail: say(lang, 'logSkipped', { name: s.name, email: s.email, reason: skipReasonText(s.reason, lang) }) }));
}

/** Sends the plan: none twice per period, managers first, within the mail quota; everything to Log. */
function deliver(mode: 'trigger' | 'now'): void {
  const interactive = mode === 'now';
  const prepared = prepare('weekly');
  const { open, plan, senderName } = prepared;
  const { lang, tabs, workbook } = open;
  const action = say(lang, 'logAction');
  withDocumentLock(lang, () => {
    const log: LogEntry[] = [];
    if (workbook.settings.remindersPaused) {
      appendLog(tabs, [{ action, detail: say(lang, 'logPaused') }]);
      if (interactive) SpreadsheetApp.getUi().alert(say(lang, 'paused'));
      return;
    }
    if (mode === 'trigger' && !workbook.settings.remindersOn) {
      appendLog(tabs, [{ action, detail: say(lang, 'logOffInSettings') }]);
      return;
    }
    const props = PropertiesService.getDocumentProperties();
    const stored = props.getProperties();
    const ledger = readLedger(stored, plan.period, plan.today);
    const quota = plan.emails.length > 0 ? MailApp.getRemainingDailyQuota() : 0;
    const schedule = scheduleSends(plan.emails, ledger, quota);
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
          const message = err instanceof Error ? err.message : String(err);
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
    log.push(...skippedEntries(plan, lang, action));
    if (plan.emails.length === 0) log.push({ action, detail: say(lang, 'logNothing', { period: plan.period }) });
    appendLog(tabs, log);
    if (interactive) {
      SpreadsheetApp.getUi().alert(say(lang, 'sendResult', {
        period: plan.period, sent: sent.size - ledger.sent.size, already: schedule.alreadySent.length, deferred: deferred.length, skipped: plan.skipped.length,
      }));
    }
  }, interactive);
}

export function runSendRemindersNow(): void {
  deliver('now');
}

export function runReminderTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  deliver('trigger');
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

export interface ReminderStatus {
  readonly on: boolean;
  readonly weekday: number;
  readonly hour: number;
  readonly timeZone: string;
  readonly next: string;
  readonly account: string;
}

function scheduleText(status: ReminderStatus, lang: Lang): string {
  const weekday = WEEKDAY.options[(status.weekday + 6) % 7];
  return say(lang, 'schedule', {
    weekday: weekday ? pick(weekday.label, lang) : String(status.weekday), hour: String(status.hour).padStart(2, '0'),
    timeZone: status.timeZone, next: status.next, account: status.account,
  });
}

/** The status line the menu or a dialog can show (from document properties: no authorisation needed). */
export function reminderStatusText(lang: Lang): string {
  const raw = PropertiesService.getDocumentProperties().getProperty(STATUS_PROPERTY);
  if (raw) {
    try {
      const status = JSON.parse(raw) as ReminderStatus;
      if (status.on) return say(lang, 'statusOn', { schedule: scheduleText(status, lang) });
    } catch {
      // fall through: an unreadable status reads as off
    }
  }
  return say(lang, 'statusOff');
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
  sheet.getRange(row + 1, helpColumn + 1).setValue(text);
}

function nowInZone(timeZone: string): { today: Day; hour: number } {
  const [date = '', hour = '0'] = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH').split(' ');
  return { today: dayFromIso(date), hour: Number(hour) };
}

function setReminders(on: boolean): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const open = openWorkbook(ss, []);
  const { lang, tabs, workbook, timeZone } = open;
  const result = withDocumentLock(lang, () => {
    const existing = ourTriggers();
    for (const trigger of existing) ScriptApp.deleteTrigger(trigger);
    const { reminderWeekday, reminderHour } = workbook.settings;
    const account = Session.getEffectiveUser().getEmail();
    let status: ReminderStatus | null = null;
    if (on) {
      const weekday = APPS_SCRIPT_WEEKDAYS[reminderWeekday] ?? 'FRIDAY';
      ScriptApp.newTrigger(REMINDER_HANDLER).timeBased()
        .onWeekDay(ScriptApp.WeekDay[weekday]).atHour(reminderHour).inTimezone(timeZone).create();
      const now = nowInZone(timeZone);
      const next = nextWeeklyRun(now.today, now.hour, reminderWeekday, reminderHour);
      status = { on: true, weekday: reminderWeekday, hour: reminderHour, timeZone, account, next: `${isoFromDay(next.day)} ${String(next.hour).padStart(2, '0')}:00` };
    }
    const props = PropertiesService.getDocumentProperties();
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

