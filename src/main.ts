/**
 * The Apps Script entry points: the only file that defines globals. Each export becomes a top-level
 * function in dist/Code.js (scripts/build.mjs), so menu items, triggers and custom functions can call it.
 * Handlers stay one line: the work lives in src/gas (adapters) and src/core (logic). Each menu handler
 * first checks the person granted the scopes it needs (granular consent, src/gas/consent.ts); simple
 * triggers and custom functions cannot ask for any and need none.
 */
import { achievementRateFormula, pacingFormula, roiFormula, sumAmountsFormula } from './core/customFunctions';
import type { SheetArg, SheetResult } from './core/customFunctions';
import { hasGrants } from './gas/consent';
import { openSheet, setLanguage } from './gas/menu';
import { runCheckData } from './gas/check';
import { runLoadExample, runSetup } from './gas/setup';
import { stampUpdated } from './gas/onEdit';
import { runGenerateReport } from './gas/report';
import { runGeneratePlan, runPlaybookManual, runWeeklySheet } from './gas/documents';
import {
  runPreviewReminders, runReminderTrigger, runSendRemindersNow, runSendTestReminder, runShowReminderStatus, runTurnRemindersOff,
  runTurnRemindersOn,
} from './gas/reminders';
import { runStartNextCycle } from './gas/rollover';
import { runGenerateRollupReport, runRefreshRegions, runSendRollupSummary } from './gas/rollup';
import { runChatSettings } from './gas/chat';
import { loadMyWeek, runMyWeek, saveMyWeek } from './gas/myWeek';
import type { CheckInSubmission, CheckInView } from './core/checkin';
import type { SaveResponse } from './core/checkinText';

/**
 * Achievement rate (达成率) of an actual against a target: actual ÷ target, or target ÷ actual when lower
 * is better (costs), so beating a budget shows above 100%. Blank when either is blank or the target is 0.
 * Given the row's Unit, Metric and Settings → Currency unit, it reads the cells exactly as the report does
 * (215万元 in a 万元 row is 215; 24% against 30 in a % row is 80%). Accepts single cells or whole ranges.
 *
 * @param {number|string|Array<Array<number|string>>} actual The actual value(s), e.g. F2:F.
 * @param {number|string|Array<Array<number|string>>} target The target value(s), e.g. E2:E.
 * @param {string|Array<Array<string>>} [direction] "higher" (default), "lower" or "none"; 越高越好 / 越低越好 / 无.
 * @param {string|Array<Array<string>>} [unit] The row's unit, e.g. 万元, 家, % or 1:X.
 * @param {string|Array<Array<string>>} [metric] The metric's name (its catalogue unit and direction when those are blank).
 * @param {string} [currency_unit] Settings → Currency unit, e.g. 万元.
 * @return The rate as a fraction (format the cell as %), or blank.
 * @customfunction
 */
export function ACHIEVEMENT_RATE(
  actual: SheetArg, target: SheetArg, direction?: SheetArg, unit?: SheetArg, metric?: SheetArg, currency_unit?: SheetArg,
): SheetResult {
  return achievementRateFormula(actual, target, direction, unit, metric, currency_unit);
}

/**
 * How an Evaluation row is compared while the cycle runs: 1 a total where higher is better, −1 a total where
 * lower is better (a cost), 0 a rate, average or ratio. The Evaluation Status formula uses it.
 *
 * @param {string|Array<Array<string>>} metric The metric's name.
 * @param {string|Array<Array<string>>} [unit] The row's unit.
 * @param {string|Array<Array<string>>} [direction] The row's direction.
 * @param {number|string|Array<Array<number|string>>} [target] The row's target.
 * @param {number|string|Array<Array<number|string>>} [actual] The row's actual.
 * @param {string} [currency_unit] Settings → Currency unit.
 * @return 1, −1 or 0 for each row.
 * @customfunction
 */
export function PACING(
  metric: SheetArg, unit?: SheetArg, direction?: SheetArg, target?: SheetArg, actual?: SheetArg, currency_unit?: SheetArg,
): SheetResult {
  return pacingFormula(metric, unit, direction, target, actual, currency_unit);
}

/**
 * Total of a column of amounts read in a unit (12万 in a 万元 column is 12): a cell that is not a number in
 * that unit is an error that names it, so a total never silently leaves a cell out.
 *
 * @param {number|string|Array<Array<number|string>>} range The amounts, e.g. C:C.
 * @param {string} [unit] Their unit: Settings → Currency unit for money.
 * @param {number} [header_rows] Rows at the top of the range to skip (1 for a whole column with its header).
 * @return The total, or blank when no cell has a figure.
 * @customfunction
 */
export function SUM_AMOUNTS(range: SheetArg, unit?: SheetArg, header_rows?: SheetArg): SheetResult {
  return sumAmountsFormula(range, unit, header_rows);
}

/**
 * Input-output ratio (投入产出比) of revenue to cost: 215 and 28 give 7.7 (shown 1:7.7).
 * Accepts single cells or whole ranges.
 *
 * @param {number|string|Array<Array<number|string>>} revenue Revenue (新增收益).
 * @param {number|string|Array<Array<number|string>>} cost Cost (拓展成本).
 * @param {string} [mode] "ratio" (default) the number X; "label" the text 1:X; "net" the net ROI (revenue − cost) ÷ cost.
 * @return The ratio, its 1:X label or the net ROI; blank when revenue or cost is blank or cost is 0.
 * @customfunction
 */
export function ROI(revenue: SheetArg, cost: SheetArg, mode?: SheetArg): SheetResult {
  return roiFormula(revenue, cost, mode);
}

/** Simple trigger: builds the menu in the sheet's language and brings the Goals progress up to date. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  openSheet();
}

/** Simple trigger: stamps Updated on the tracking rows a person changed. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  stampUpdated(e);
}

export function menuMyWeek(): void {
  if (hasGrants('myWeek')) runMyWeek();
}

/** Called by the My week sidebar (google.script.run): the form for another owner (managers) or week. */
export function myWeekLoad(request: { owner?: string; week?: string } | null): CheckInView {
  return loadMyWeek(request);
}

/** Called by the My week sidebar (google.script.run): saves the fields the person changed. */
export function myWeekSave(submission: CheckInSubmission): SaveResponse {
  return saveMyWeek(submission);
}

export function menuGenerateReport(): void {
  if (hasGrants('generateReport')) runGenerateReport();
}

export function menuGeneratePlan(): void {
  if (hasGrants('generatePlan')) runGeneratePlan();
}

export function menuWeeklySheet(): void {
  if (hasGrants('weeklySheet')) runWeeklySheet();
}

export function menuPlaybookManual(): void {
  if (hasGrants('playbookManual')) runPlaybookManual();
}

export function menuCheckData(): void {
  if (hasGrants('checkData')) runCheckData();
}

export function menuSendRemindersNow(): void {
  if (hasGrants('sendRemindersNow')) runSendRemindersNow();
}

export function menuPreviewReminders(): void {
  if (hasGrants('previewReminders')) runPreviewReminders();
}

export function menuSendTestReminder(): void {
  if (hasGrants('sendTestReminder')) runSendTestReminder();
}

export function menuTurnRemindersOn(): void {
  if (hasGrants('turnRemindersOn')) runTurnRemindersOn();
}

/** While reminders are on: the person's account takes over sending them (the previous owner's trigger retires). */
export function menuTakeOverReminders(): void {
  if (hasGrants('turnRemindersOn')) runTurnRemindersOn();
}

export function menuTurnRemindersOff(): void {
  if (hasGrants('turnRemindersOff')) runTurnRemindersOff();
}

export function menuReminderStatus(): void {
  if (hasGrants('reminderStatus')) runShowReminderStatus();
}

export function menuStartNextCycle(): void {
  if (hasGrants('startNextCycle')) runStartNextCycle();
}

export function menuSetupSheets(): void {
  if (hasGrants('setupSheets')) runSetup();
}

export function menuLoadExample(): void {
  if (hasGrants('loadExample')) runLoadExample();
}

export function menuLanguageEnglish(): void {
  if (hasGrants('language')) setLanguage('en');
}

export function menuLanguageChinese(): void {
  if (hasGrants('language')) setLanguage('zh-CN');
}

export function menuLanguageAuto(): void {
  if (hasGrants('language')) setLanguage('auto');
}

export function menuChatSettings(): void {
  if (hasGrants('chatSettings')) runChatSettings();
}

export function menuRefreshRegions(): void {
  if (hasGrants('refreshRegions')) runRefreshRegions();
}

export function menuGenerateRollupReport(): void {
  if (hasGrants('generateRollupReport')) runGenerateRollupReport();
}

export function menuSendRollupSummary(): void {
  if (hasGrants('sendRollupSummary')) runSendRollupSummary();
}

/** Installable time-driven trigger (Turn Friday reminders on) that sends the weekly reminders. */
export function onReminderTrigger(e?: GoogleAppsScript.Events.TimeDriven): void {
  runReminderTrigger(e);
}
