import { checkWorkbook } from '../core/checks';
import { escapeHtml } from '../core/html';
import { Lang, fill, pick } from '../core/i18n';
import { buildReport, folderIdFrom, versionedName } from '../core/report';
import { RT } from '../core/reportText';
import { TABS, TabKey } from '../core/schema';
import { Progress, renderReport } from './docRenderer';
import { withDocumentLock } from './lock';
import { appendLog } from './log';
import { OpenWorkbook, languageOf, openWorkbook } from './spreadsheet';
import { alertText, showDialog } from './ui';

/** Every tab the report reads (Log is not read: it only grows). */
const REPORT_TABS: readonly TabKey[] = TABS.map((tab) => tab.key).filter((key) => key !== 'log');

/** Document property counting the reports made for a cycle, so later runs are named v2, v3 and never overwrite. */
export function versionKey(cycle: string): string {
  return `report.versions.${cycle.trim() || '-'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Menu → Generate {cycle} report. */
export function runGenerateReport(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let opened: OpenWorkbook;
  try {
    opened = openWorkbook(ss, REPORT_TABS);
  } catch (error) {
    const lang = languageOf(ss, null);
    alertText(lang, RT.failed, { error: messageOf(error), step: pick(RT.stepRead, lang) });
    return;
  }
  withDocumentLock(opened.lang, () => generate(opened));
}

function generate(opened: OpenWorkbook): void {
  const { lang, workbook, time, tabs } = opened;
  const t = (text: { en: string; zh: string }, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);
  const model = buildReport(workbook, time, lang, checkWorkbook(workbook, time));

  const properties = PropertiesService.getDocumentProperties();
  const key = versionKey(workbook.settings.cycle);
  const version = Number(properties.getProperty(key) ?? '0') + 1;
  const name = versionedName(model.documentName, version);

  const progress: Progress = { step: RT.stepCreate };
  let docId: string | null = null;
  let url = '';
  try {
    const doc = DocumentApp.create(name);
    docId = doc.getId();
    url = doc.getUrl();
    progress.step = RT.stepWrite;
    renderReport(doc, model, progress);
    progress.step = RT.stepSave;
    doc.saveAndClose();
  } catch (error) {
    failed(lang, tabs, docId, name, progress, error);
    return;
  }
  properties.setProperty(key, String(version));

  const notes: string[] = [];
  const folderSetting = workbook.settings.reportFolder;
  const folderId = folderIdFrom(folderSetting);
  if (folderId !== null) {
    try {
      DriveApp.getFileById(docId).moveTo(DriveApp.getFolderById(folderId));
    } catch (error) {
      // The report is complete: keep it in My Drive and say how to fix the setting.
      notes.push(t(RT.folderMissing, { folder: folderSetting, error: messageOf(error) }));
    }
  }
  if (model.problemCount > 0) notes.push(t(RT.doneProblems, { count: model.problemCount }));

  appendLog(tabs, [{ action: t(RT.logAction), detail: `${name} — ${url}` }]);
  const html = [
    `<p>${escapeHtml(t(RT.doneBody))} <a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(name)}</a></p>`,
    ...notes.map((note) => `<p>${escapeHtml(note)}</p>`),
  ].join('');
  showDialog(t(RT.doneTitle), html, 560, 220);
}

/** A run that failed midway: trash the half-made document, log it, tell the person what failed and what to do. */
function failed(lang: Lang, tabs: OpenWorkbook['tabs'], docId: string | null, name: string, progress: Progress, error: unknown): void {
  const message = messageOf(error);
  let trashed = docId === null;
  if (docId !== null) {
    try {
      DriveApp.getFileById(docId).setTrashed(true);
      trashed = true;
    } catch {
      // Reported below: the person can delete the document by hand.
    }
  }
  const detail = `${name}: ${message}${trashed ? '' : ` (${docId})`}`;
  try {
    appendLog(tabs, [{ action: pick(RT.logFailed, lang), detail }]);
  } catch {
    // The sheet may be what is failing; the alert below still tells the person.
  }
  alertText(lang, RT.failed, { error: message, step: pick(progress.step, lang) });
}
