import { UI } from '../core/messages';
import { languageOf } from './spreadsheet';
import { notYet } from './ui';

// Placeholders until the feature lands: the menu items explain instead of failing.
const lang = () => languageOf(SpreadsheetApp.getActiveSpreadsheet(), null);
export function runSendRemindersNow(): void { notYet(lang(), UI.sendRemindersNow); }
export function runPreviewReminders(): void { notYet(lang(), UI.previewReminders); }
export function runSendTestReminder(): void { notYet(lang(), UI.sendTestReminder); }
export function runTurnRemindersOn(): void { notYet(lang(), UI.turnRemindersOn); }
export function runTurnRemindersOff(): void { notYet(lang(), UI.turnRemindersOff); }
export function runReminderTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void { /* nothing to send yet */ }
