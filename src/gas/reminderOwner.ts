/**
 * One reminder owner per spreadsheet. Apps Script gives each account only its own triggers
 * (ScriptApp.getProjectTriggers: "the current project and current user"), so two people turning
 * reminders on would make two daily triggers that neither can see. The spreadsheet therefore records,
 * in document properties (STATUS_PROPERTY), which account sends, the id of its daily trigger, when it
 * last ran and what happened:
 *
 * - a trigger whose id is not the recorded one (nor a recorded retry) deletes itself and sends nothing
 *   (taking over, or turning reminders off by anyone, retires the other account's trigger this way);
 * - a trigger whose account lost a grant records it, tells the owner once and removes itself;
 * - the recipients: every address a run can reach is confirmed by the person turning reminders on
 *   (CONFIRMED_PROPERTY); a run sends only to confirmed addresses.
 *
 * For a later reminder channel (chat): read the owner with readStatus(), never the triggers, and add
 * per-run results through recordLastRun so the status shows them.
 */
import { ACCESS } from '../core/accessText';
import { Lang, fill, joinList, pick } from '../core/i18n';
import { AllowedDomains, Recipient, domainOf } from '../core/recipients';
import { ScopeKey } from '../core/scopes';
import { documentProperties, spreadsheetUi } from './run';

/** Document property holding the reminder status the menu can show without authorisation. */
export const STATUS_PROPERTY = 'reminders.status';
/** Document property: the addresses someone confirmed may receive reminders, and who did. */
export const CONFIRMED_PROPERTY = 'reminders.recipients';

export interface LastRun {
  /** ms since the epoch. */
  readonly at: number;
  /** What the run did, as its Log said it (in the sheet's language of the time). */
  readonly result: string;
}

export interface Stopped {
  readonly at: number;
  readonly account: string;
  readonly scopes: readonly ScopeKey[];
}

/** What "Turn reminders on" stores; the next run is computed from the current time whenever it is shown. */
export interface ReminderStatus {
  readonly on: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly timeZone: string;
  /** The owner: the account whose daily trigger sends. */
  readonly account: string;
  /** Settings → Work calendar when reminders were turned on, for "when the weekly digest goes next". */
  readonly calendar?: 'none' | 'cn';
  /** The owner's daily trigger; any other reminder trigger retires itself. '' when off. */
  readonly triggerId: string;
  /** When this owner turned reminders on or took over (ms). */
  readonly since: number;
  readonly lastRun: LastRun | null;
  /** The trigger stopped itself because its account no longer granted a scope. */
  readonly stopped: Stopped | null;
}

function props(): GoogleAppsScript.Properties.Properties {
  return documentProperties();
}

export function readStatus(): ReminderStatus | null {
  const raw = props().getProperty(STATUS_PROPERTY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<ReminderStatus>;
    if (typeof s.weekday !== 'number' || typeof s.hour !== 'number' || typeof s.timeZone !== 'string') return null;
    const lastRun = s.lastRun && typeof s.lastRun.at === 'number' ? { at: s.lastRun.at, result: String(s.lastRun.result ?? '') } : null;
    const stopped = s.stopped && typeof s.stopped.at === 'number'
      ? { at: s.stopped.at, account: String(s.stopped.account ?? ''), scopes: Array.isArray(s.stopped.scopes) ? s.stopped.scopes : [] }
      : null;
    return {
      on: s.on === true, weekday: s.weekday, hour: s.hour, timeZone: s.timeZone, account: typeof s.account === 'string' ? s.account : '',
      calendar: s.calendar === 'cn' ? 'cn' : 'none', triggerId: typeof s.triggerId === 'string' ? s.triggerId : '',
      since: typeof s.since === 'number' ? s.since : 0, lastRun, stopped,
    };
  } catch {
    return null; // an unreadable status reads as off
  }
}

export function writeStatus(status: ReminderStatus): void {
  props().setProperty(STATUS_PROPERTY, JSON.stringify(status));
}

/** Records the trigger run's result on the status (read again: the run may have changed it). */
export function recordLastRun(result: string): void {
  const status = readStatus();
  if (status === null) return;
  writeStatus({ ...status, lastRun: { at: Date.now(), result: result.slice(0, 500) } });
}

/** Same account, whatever the case of the address. */
export function sameAccount(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Deletes the effective user's reminder trigger with this id (a trigger retiring itself); returns whether it found it. */
export function deleteOwnTrigger(handler: string, uid: string): boolean {
  const trigger = ScriptApp.getProjectTriggers().find((t) => t.getHandlerFunction() === handler && t.getUniqueId() === uid);
  if (!trigger) return false;
  ScriptApp.deleteTrigger(trigger);
  return true;
}

/** When the last daily run should have happened (ms), or null when none was due since the owner turned reminders on. */
export function lastRunDue(status: ReminderStatus, now: number, dayStart: (ms: number) => number): number | null {
  const todayRun = dayStart(now) + status.hour * 3_600_000;
  const due = now >= todayRun ? todayRun : todayRun - 86_400_000;
  return due > status.since ? due : null;
}

// -----------------------------------------------------------------------------------------------
// Recipients confirmed before mail goes out

export function confirmedRecipients(): string[] {
  try {
    const parsed = JSON.parse(props().getProperty(CONFIRMED_PROPERTY) ?? 'null') as { emails?: unknown } | null;
    return Array.isArray(parsed?.emails) ? parsed.emails.map(String) : [];
  } catch {
    return [];
  }
}

export function saveConfirmed(recipients: readonly Recipient[], by: string): void {
  props().setProperty(CONFIRMED_PROPERTY, JSON.stringify({ emails: recipients.map((r) => r.email), by, at: Date.now() }));
}

function t(text: typeof ACCESS[keyof typeof ACCESS], lang: Lang, params: Record<string, string | number> = {}): string {
  return pick(fill(text, params), lang);
}

/** The list as the person confirms it: every address, its role, outside-domain and new ones marked. */
export function recipientsText(recipients: readonly Recipient[], allowed: AllowedDomains, me: string, lang: Lang, fresh: ReadonlySet<string>): string {
  const domain = domainOf(me);
  const list = recipients.map((r) => {
    const who = r.name !== '' ? `${r.name} <${r.email}>` : r.email;
    const role = t(r.role === 'manager' ? ACCESS.recipientManager : ACCESS.recipientOwner, lang);
    const marks = `${r.outside ? t(ACCESS.recipientOutside, lang, { domain }) : ''}${fresh.has(r.email) ? t(ACCESS.recipientNew, lang) : ''}`;
    return `• ${who} (${role})${marks}`;
  }).join('\n');
  const domains = allowed.source === 'settings' ? t(ACCESS.domainsSettings, lang, { domains: joinList([...allowed.domains], lang) })
    : allowed.source === 'sender' ? t(ACCESS.domainsSender, lang, { domain })
      : t(ACCESS.domainsNone, lang, { domain });
  if (recipients.length === 0) return `${t(ACCESS.recipientsEmpty, lang)}\n\n${domains}`;
  return t(ACCESS.recipients, lang, { me, count: recipients.length, list, domains });
}

/**
 * Shows every address reminders will reach and asks to confirm (the person's own Yes is the consent to
 * mail them); on Yes records the list. Returns whether to go on.
 */
export function confirmRecipients(recipients: readonly Recipient[], allowed: AllowedDomains, me: string, lang: Lang): boolean {
  const known = new Set(confirmedRecipients().map((e) => e.toLowerCase()));
  const fresh = new Set(known.size === 0 ? [] : recipients.filter((r) => !known.has(r.email)).map((r) => r.email));
  const ui = spreadsheetUi();
  const answer = ui.alert(t(ACCESS.recipientsTitle, lang), recipientsText(recipients, allowed, me, lang, fresh), ui.ButtonSet.YES_NO);
  if (answer !== ui.Button.YES) return false;
  saveConfirmed(recipients, me);
  return true;
}
