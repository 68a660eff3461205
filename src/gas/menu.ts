import { Lang, fill, pick } from '../core/i18n';
import { ACCESS } from '../core/accessText';
import { UI } from '../core/messages';
import { LANGUAGE, WEEKDAY, optionLabel } from '../core/options';
import { TabKey, settingSpec } from '../core/schema';
import { appendLog } from './log';
import { OpenWorkbook, findTabs, openWorkbook } from './spreadsheet';
import { refreshProgress } from './progress';
import { RM } from './rollup';
import { CT } from './chat';
import { writeSetting } from './settings';
import { alertText, errorText } from './ui';
import { spreadsheetUi } from './run';

/** The menu, in the sheet's language; the report item carries the cycle from Settings. */
/** A weekday (0 Sunday … 6 Saturday) as the menu says it: Friday / 周五. */
function weekdayName(weekday: number, lang: Lang): string {
  const option = WEEKDAY.options[(weekday + 6) % 7];
  if (!option) return '';
  // The menu's Chinese reads 周五 (the short form), the Settings drop-down 星期五.
  return lang === 'zh-CN' ? option.label.zh.replace('星期', '周') : option.label.en;
}

export function buildMenu(open?: OpenWorkbook): void {
  const { lang, workbook } = open ?? openWorkbook(SpreadsheetApp.getActiveSpreadsheet(), ['settings']);
  const t = (text: { en: string; zh: string }, params: Record<string, string> = {}): string => pick(fill(text, params), lang);
  const ui = spreadsheetUi();
  const cycle = workbook.settings.cycle;
  const reminders = ui
    .createMenu(t(UI.remindersMenu))
    .addItem(t(UI.sendRemindersNow), 'menuSendRemindersNow')
    .addItem(t(UI.previewReminders), 'menuPreviewReminders')
    .addItem(t(UI.sendTestReminder), 'menuSendTestReminder')
    .addSeparator()
    // Named by the Settings weekday, as the weekly digest goes out then: Turn Friday reminders on / 开启周五提醒.
    .addItem(t(workbook.settings.remindersOn ? UI.turnRemindersOff : UI.turnRemindersOn, { weekday: weekdayName(workbook.settings.reminderWeekday, lang) }),
      workbook.settings.remindersOn ? 'menuTurnRemindersOff' : 'menuTurnRemindersOn');
  // While reminders are on, anyone may take them over: the menu cannot know who opens it (onOpen has no email).
  if (workbook.settings.remindersOn) reminders.addItem(t(ACCESS.menuTakeOver), 'menuTakeOverReminders');
  reminders
    .addItem(t(UI.reminderStatus), 'menuReminderStatus')
    .addItem(t(CT.menu), 'menuChatSettings');
  const language = ui
    .createMenu(t(UI.languageMenu))
    .addItem(t(UI.languageEnglish), 'menuLanguageEnglish')
    .addItem(t(UI.languageChinese), 'menuLanguageChinese')
    .addItem(t(UI.languageAuto), 'menuLanguageAuto');
  if (workbook.settings.mode === 'rollup') {
    // A director's roll-up has no tasks of its own: its menu gathers the regions.
    ui.createMenu(t(UI.menuTitle))
      .addItem(t(RM.refresh), 'menuRefreshRegions')
      .addItem(cycle ? t(RM.report, { cycle }) : t(RM.reportNoCycle), 'menuGenerateRollupReport')
      .addItem(t(RM.sendSummary), 'menuSendRollupSummary')
      .addItem(t(workbook.settings.remindersOn ? UI.turnRemindersOff : UI.turnRemindersOn, { weekday: weekdayName(workbook.settings.reminderWeekday, lang) }),
        workbook.settings.remindersOn ? 'menuTurnRemindersOff' : 'menuTurnRemindersOn')
      .addItem(t(CT.menu), 'menuChatSettings')
      .addSeparator()
      .addItem(t(UI.setupSheets), 'menuSetupSheets')
      .addSubMenu(language)
      .addToUi();
    return;
  }
  ui.createMenu(t(UI.menuTitle))
    .addItem(t(UI.myWeek), 'menuMyWeek')
    .addSeparator()
    .addItem(cycle ? t(UI.generatePlan, { cycle }) : t(UI.generatePlanNoCycle), 'menuGeneratePlan')
    .addItem(t(UI.weeklySheet), 'menuWeeklySheet')
    .addItem(cycle ? t(UI.generateReport, { cycle }) : t(UI.generateReportNoCycle), 'menuGenerateReport')
    .addItem(t(UI.playbookManual), 'menuPlaybookManual')
    .addItem(t(UI.checkData), 'menuCheckData')
    .addSubMenu(reminders)
    .addItem(t(UI.startNextCycle), 'menuStartNextCycle')
    .addSeparator()
    .addItem(t(UI.setupSheets), 'menuSetupSheets')
    .addItem(t(UI.loadExample), 'menuLoadExample')
    .addSubMenu(language)
    .addToUi();
}

/**
 * The menu when Settings (or any tab) cannot be read: the two items that repair and explain, named in
 * both languages as the sheet's language is unknown.
 */
export function buildFallbackMenu(): void {
  const both = (text: { en: string; zh: string }): string => `${text.en} · ${text.zh}`;
  spreadsheetUi()
    .createMenu(both(UI.menuTitle))
    .addItem(both(UI.setupSheets), 'menuSetupSheets')
    .addItem(both(UI.checkData), 'menuCheckData')
    .addToUi();
}

/** The tabs the Goals progress columns are computed from (core/progress.ts): never Tracking, whatever its size. */
const PROGRESS_TABS: readonly TabKey[] = ['settings', 'goals', 'evaluation', 'weekly', 'team'];

/**
 * On open (a simple trigger, 30 s): the menu first, from Settings alone, so it shows however big the sheet is;
 * then the Goals progress columns, from the tabs they need. The sheet always gets a menu. The Roll-up data tab
 * is not refreshed here: its task and problem counts need Tracking (Check data and the daily run refresh it).
 */
export function openSheet(): void {
  let settings: OpenWorkbook;
  try {
    settings = openWorkbook(SpreadsheetApp.getActiveSpreadsheet(), ['settings']);
    buildMenu(settings);
  } catch (error) {
    // A tab that cannot be read or parsed must not leave the sheet without a menu: the minimal one repairs it.
    console.warn(`Menu built without Settings: ${errorText(error)}`);
    buildFallbackMenu();
    return;
  }
  try {
    refreshProgress(openWorkbook(settings.ss, PROGRESS_TABS, settings));
  } catch (error) {
    // Opening the sheet must never fail (e.g. Goals is protected for this person); the figures refresh later.
    console.warn(`Goals progress not refreshed: ${errorText(error)}`);
  }
}

export function setLanguage(language: 'en' | 'zh-CN' | 'auto'): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tabs = findTabs(ss);
  const label = optionLabel(LANGUAGE, language);
  // The value is written in the sheet's language as it is now (自动 on a Chinese sheet); both read back alike.
  const before = openWorkbook(ss, ['settings']).lang;
  writeSetting(tabs, settingSpec('language'), pick(label, before));
  const { lang } = openWorkbook(ss, ['settings']);
  appendLog(tabs, [{ action: pick(UI.languageMenu, lang), detail: pick(label, lang) }]);
  buildMenu();
  alertText(lang, UI.languageSet, { lang: pick(label, lang) });
}
