/**
 * The director's roll-up in Apps Script (Settings → Mode = Regional roll-up). Set up writes one IMPORTRANGE
 * per Regions row into the hidden Region imports tab; a person allows each source once; Refresh regions
 * reads the imported Roll-up data of every region in one read, rolls it up with the core (rollup.ts) and
 * writes the Regions status columns and the Roll-up tab. No scope beyond the current spreadsheet: the
 * regions' data reaches this sheet through Sheets' own IMPORTRANGE, never through the script.
 *
 * Service calls do not depend on the regions' rows: one read of Regions, one of Region imports, a few
 * writes; they do not even grow with the number of regions.
 */
import { Lang, fill, pick } from '../core/i18n';
import { NO_TOTAL, Rollup, rollUp } from '../core/rollup';
import { buildRollupReport, renderRollupSummary } from '../core/rollupReport';
import { IMPORTS_TAB, ROLLUP_TAB, TabKey } from '../core/schema';
import { BLOCK_WIDTH, FEED_ROWS, importsLayout, readImports, regionRows, regionsWrites, rollupRows } from '../core/rollupSheet';
import { addressProblem, autoRun, periodKey, readLedger, recipientKey, writeLedger } from '../core/digest';
import { periodLabel, skipReasonText } from '../core/emailText';
import { messageFromEmail } from '../core/chat';
import { postMessages } from './chat';
import { type LogEntry } from './log';
import { workCalendar } from '../core/workCalendar';
import { appendLog } from './log';
import { withDocumentLock } from './lock';
import { generate } from './report';
import { documentProperties, spreadsheetUi, tabsChanged } from './run';
import { OpenWorkbook, ensureSize, openWorkbook, readGrid } from './spreadsheet';
import { alertText, errorText } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const RM = {
  refresh: { en: 'Refresh regions', zh: '刷新区域数据' },
  report: { en: 'Generate {cycle} roll-up report', zh: '生成 {cycle} 区域汇总报告' },
  reportNoCycle: { en: 'Generate roll-up report', zh: '生成区域汇总报告' },
  sendSummary: { en: 'Send roll-up summary now', zh: '立即发送区域汇总' },
  logAction: { en: 'Roll-up', zh: '区域汇总' },
  importsWritten: { en: 'Region imports: IMPORTRANGE written for {count} regions. Open the hidden Region imports tab and click Allow access on each cell that shows #REF! (once per region sheet).', zh: '区域导入：已为 {count} 个区域写入 IMPORTRANGE。请打开隐藏的“区域导入”工作表，在显示 #REF! 的每个单元格上点击“允许访问”（每个区域表格一次）。' },
  noRegions: { en: 'The Regions tab lists no region yet: add one row per region (Region, Sheet URL, Owner), then run Set up or repair sheets.', zh: '“区域”工作表中还没有区域：请每个区域填一行（区域、表格链接、负责人），然后运行“创建或修复工作表”。' },
  refreshed: { en: 'Rolled up {counted} of {total} regions (figures as of {asOf}).', zh: '已汇总 {total} 个区域中的 {counted} 个（数据截至 {asOf}）。' },
  attention: { en: 'Needs attention: {list}.', zh: '需关注：{list}。' },
  notRollup: { en: 'This sheet is a team tracker. Set Settings → Mode to Regional roll-up, then run Set up or repair sheets.', zh: '本表格是团队跟踪表。请将“设置 → 模式”设为“区域汇总”，然后运行“创建或修复工作表”。' },
  summarySent: { en: 'Roll-up summary sent to {to}.', zh: '区域汇总已发送给 {to}。' },
  summaryNobody: { en: 'Nobody to send the roll-up summary to: add addresses in Settings → Manager emails.', zh: '没有收件人：请在“设置 → 管理者邮箱”中填写邮箱。' },
  summarySkipped: { en: '{to} was skipped: {reason}.', zh: '已跳过 {to}：{reason}。' },
  logSummary: { en: 'Roll-up summary sent to {to}', zh: '区域汇总已发送给 {to}' },
  summaryAlready: { en: '{to} already got the roll-up summary of {period}: not sent again.', zh: '{to} 已收到{period}的区域汇总，不再重复发送。' },
  summaryNone: { en: 'Nobody got the roll-up summary now: everyone had it this week already, or no address could be used (see Log).', zh: '本次没有发送区域汇总：本周已全部发送过，或没有可用的邮箱（见“日志”）。' },
  openSheet: { en: 'Open the roll-up', zh: '打开汇总表' },
} as const;

/**
 * Set up in a roll-up: the hidden Region imports tab with one IMPORTRANGE block per Regions row (row 1 the
 * region's name, row 2 the formula), rewritten only when it differs. Returns the summary line, or null.
 */
export function setUpImports(ss: Spreadsheet, tabs: Map<TabKey, Sheet>, lang: Lang): string | null {
  const regionsSheet = tabs.get('regions');
  if (!regionsSheet) return null;
  const regions = regionRows(readGrid(regionsSheet));
  let sheet = tabs.get('imports');
  if (!sheet) {
    sheet = ss.insertSheet(pick(IMPORTS_TAB.name, lang));
    tabsChanged();
    sheet.setTabColor(IMPORTS_TAB.tabColor ?? '#5f6368');
    // Hidden: it is the script's, and IMPORTRANGE works on a hidden tab as on any other.
    sheet.hideSheet();
    tabs.set('imports', sheet);
  }
  const { labels, formulas } = importsLayout(regions);
  const width = labels.length;
  ensureSize(sheet, FEED_ROWS + 1, width);
  const lastColumn = Math.max(sheet.getLastColumn(), width);
  const current = sheet.getRange(1, 1, 2, lastColumn);
  const values = current.getValues();
  const present = current.getFormulas();
  const wantLabels = [...labels, ...new Array(lastColumn - width).fill('')];
  const wantFormulas = [...formulas, ...new Array(lastColumn - width).fill('')];
  const differs = wantLabels.some((l, c) => String(values[0]?.[c] ?? '') !== String(l)) || wantFormulas.some((f, c) => (present[1]?.[c] ?? '') !== f);
  if (!differs) return null;
  // One write of both rows; a region removed from the list loses its block (the tab is the script's own).
  sheet.getRange(1, 1, 2, lastColumn).setValues([wantLabels, wantFormulas.map((f) => (f === '' ? '' : f))]);
  if (regions.length === 0) return pick(RM.noRegions, lang);
  return pick(fill(RM.importsWritten, { count: regions.filter((r) => 'url' in r.url).length }), lang);
}

/** The roll-up as the sheet holds it now: Regions, the imports, the roll-up's Settings. */
export function readRollup(open: OpenWorkbook): { rollup: Rollup; regionsGrid: ReturnType<typeof readGrid> } {
  const { tabs, workbook, time } = open;
  const regionsSheet = tabs.get('regions');
  const importsSheet = tabs.get('imports');
  const regionsGrid = regionsSheet ? readGrid(regionsSheet) : [];
  const rows = regionRows(regionsGrid);
  const width = Math.max(1, rows.length * BLOCK_WIDTH);
  // One read of every block: calls never depend on the regions' rows (nor on how many regions there are).
  const grid = importsSheet && rows.length > 0 ? importsSheet.getRange(1, 1, FEED_ROWS + 1, Math.min(width, importsSheet.getMaxColumns())).getValues() : [];
  const inputs = readImports(rows, grid, time.dayOf);
  const { settings } = workbook;
  const rollup = rollUp(inputs, {
    today: time.today, cycle: settings.cycle, currencyUnit: settings.currencyUnit, atRiskThreshold: settings.atRiskThreshold,
    calendar: workCalendar(settings.workCalendar),
  });
  return { rollup, regionsGrid };
}

function naming(open: OpenWorkbook): { name: string; workdays: boolean } {
  const { settings } = open.workbook;
  return { name: settings.region || settings.team, workdays: settings.workCalendar !== 'none' };
}

/** Writes the Regions status columns and the whole Roll-up tab. */
function writeRollup(open: OpenWorkbook, rollup: Rollup, regionsGrid: ReturnType<typeof readGrid>): void {
  const { tabs, lang } = open;
  const regionsSheet = tabs.get('regions');
  if (regionsSheet) {
    for (const write of regionsWrites(regionsGrid, rollup, lang, naming(open).workdays)) {
      regionsSheet.getRange(write.row, write.column, write.values.length, write.values[0]!.length).setValues(write.values);
    }
  }
  const sheet = tabs.get('rollup');
  if (!sheet) return;
  const rows = rollupRows(rollup, lang, (m) => (m.noTotal === null ? null : NO_TOTAL[m.noTotal]));
  const width = ROLLUP_TAB.columns.length;
  const before = sheet.getLastRow();
  ensureSize(sheet, rows.length, width);
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
  if (before > rows.length) sheet.getRange(rows.length + 1, 1, before - rows.length, width).clearContent();
}

function openRollup(): OpenWorkbook | null {
  const open = openWorkbook(SpreadsheetApp.getActiveSpreadsheet(), ['settings', 'team']);
  if (open.workbook.settings.mode !== 'rollup') {
    alertText(open.lang, RM.notRollup);
    return null;
  }
  return open;
}

/** Menu → Refresh regions: reads every region's imported figures and rewrites Regions and Roll-up. */
export function runRefreshRegions(): void {
  const open = openRollup();
  if (open === null) return;
  const { lang } = open;
  withDocumentLock(lang, () => {
    const { rollup, regionsGrid } = readRollup(open);
    writeRollup(open, rollup, regionsGrid);
    const counted = rollup.regions.filter((r) => r.counted).length;
    const attention = rollup.regions.filter((r) => r.state !== 'ok').map((r) => r.name);
    const message = pick(fill(RM.refreshed, { counted, total: rollup.regions.length, asOf: rollup.asOf }), lang)
      + (attention.length > 0 ? ` ${pick(fill(RM.attention, { list: attention.join(lang === 'zh-CN' ? '、' : ', ') }), lang)}` : '');
    appendLog(open.tabs, [{ action: pick(RM.logAction, lang), detail: message }]);
    spreadsheetUi().alert(message);
  });
}

/** Menu → Generate {cycle} roll-up report: refreshes, then makes the Doc through the report pipeline. */
export function runGenerateRollupReport(): void {
  const open = openRollup();
  if (open === null) return;
  withDocumentLock(open.lang, () => {
    const { rollup, regionsGrid } = readRollup(open);
    writeRollup(open, rollup, regionsGrid);
    generate(open, () => {
      const doc = buildRollupReport(rollup, naming(open), open.lang);
      const problemCount = rollup.regions.filter((r) => r.state !== 'ok').length;
      return { ...doc, problemCount };
    });
  });
}

/**
 * The roll-up's managers' summary for the week of `today`, to Settings → Manager emails and (when Settings →
 * Chat notifications is on) the chat group: each recipient once per week, recorded in the same ledger as the
 * reminders, so the trigger and "Send roll-up summary now" never send a week twice. Returns who got it now.
 */
export function sendRollupSummary(open: OpenWorkbook, rollup: Rollup, log: LogEntry[]): string[] {
  const { workbook, lang, ss, time } = open;
  const action = pick(RM.logAction, lang);
  const message = renderRollupSummary(rollup, naming(open), lang, ss.getUrl());
  const period = periodKey('weekly', time.today);
  const props = documentProperties();
  const stored = props.getProperties();
  const ledger = readLedger(stored, period, time.today);
  const sent = new Set(ledger.sent);
  const now: string[] = [];
  for (const to of workbook.settings.managerEmails) {
    const key = recipientKey({ role: 'manager', to });
    if (sent.has(key)) {
      log.push({ action, detail: pick(fill(RM.summaryAlready, { to, period: periodLabel(period, lang) }), lang) });
      continue;
    }
    const reason = addressProblem(to, workbook.settings.allowedDomains);
    if (reason !== null) {
      log.push({ action, detail: pick(fill(RM.summarySkipped, { to, reason: skipReasonText(reason, lang) }), lang) });
      continue;
    }
    try {
      MailApp.sendEmail({ to, subject: message.subject, body: message.text, htmlBody: message.html, name: naming(open).name || action });
      sent.add(key);
      now.push(to);
    } catch (error) {
      log.push({ action, detail: `${to}: ${errorText(error)}` });
    }
  }
  if (now.length > 0) {
    const { set, remove } = writeLedger(stored, period, [...sent], []);
    props.setProperties(set);
    for (const key of [...remove, ...ledger.obsolete]) props.deleteProperty(key);
    log.push({ action, detail: pick(fill(RM.logSummary, { to: now.join(', ') }), lang) });
  }
  // The chat group gets the same summary, once a week too.
  postMessages(open, period, time.today, [{ key: 'rollup', message: messageFromEmail(message.subject, message.text, ss.getUrl(), pick(RM.openSheet, lang), []) }], log);
  return now;
}

/**
 * A reminder run of a roll-up tracker (the daily trigger, or Send reminders now): on the week's digest day it
 * refreshes the regions and sends the managers' summary; a roll-up has no owners to remind. Returns what
 * "now" tells the person.
 */
export function deliverRollupWeek(open: OpenWorkbook, mode: 'trigger' | 'now', log: LogEntry[]): string | null {
  const { workbook, lang, time } = open;
  const calendar = workCalendar(workbook.settings.workCalendar);
  if (mode === 'trigger' && autoRun(time.today, workbook.settings.reminderWeekday, calendar) !== 'weekly') return null;
  const { rollup, regionsGrid } = readRollup(open);
  writeRollup(open, rollup, regionsGrid);
  const sent = sendRollupSummary(open, rollup, log);
  return sent.length > 0 ? pick(fill(RM.summarySent, { to: sent.join(', ') }), lang) : pick(RM.summaryNone, lang);
}

/** Menu → Send roll-up summary now. */
export function runSendRollupSummary(): void {
  const open = openRollup();
  if (open === null) return;
  const { lang } = open;
  withDocumentLock(lang, () => {
    if (open.workbook.settings.managerEmails.length === 0) {
      alertText(lang, RM.summaryNobody);
      return;
    }
    const log: LogEntry[] = [];
    const message = deliverRollupWeek(open, 'now', log);
    appendLog(open.tabs, log);
    spreadsheetUi().alert(message ?? pick(RM.summaryNone, lang));
  });
}
