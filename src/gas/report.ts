import { escapeHtml } from '../core/html';
import { Bilingual, Lang, fill, pick } from '../core/i18n';
import { UI } from '../core/messages';
import { ReportModel, buildReport, hasProjectTabs, versionedName } from '../core/report';
import { allSnapshots } from './history';
import { RT } from '../core/reportText';
import type { RunWords } from '../core/documentRunText';
import { TABS, TabKey, settingSpec } from '../core/schema';
import { ReportFolder, createReportDocument, reportFolder, savePdfCopy, trashFile } from './drive';
import { Progress, renderReport } from './docRenderer';
import { withDocumentLock } from './lock';
import { sheetProblems } from './check';
import { appendLog } from './log';
import { writeSetting } from './settings';
import { OpenWorkbook, languageOf, openWorkbook } from './spreadsheet';
import { alertText, errorText, showDialog } from './ui';
import { documentProperties, spreadsheetUi } from './run';

/** Every tab the report reads (Log is not read: it only grows). */
const REPORT_TABS: readonly TabKey[] = TABS.map((tab) => tab.key).filter((key) => key !== 'log');

/** Document property counting the reports made for a cycle, so later runs are named v2, v3 and never overwrite. */
export function versionKey(cycle: string): string {
  return `report.versions.${cycle.trim() || '-'}`;
}

/** Menu → Generate {cycle} report. */
export function runGenerateReport(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let opened: OpenWorkbook;
  try {
    opened = openWorkbook(ss, REPORT_TABS);
  } catch (error) {
    const lang = languageOf(ss, null);
    alertText(lang, RT.failedNoDoc, { error: errorText(error), step: pick(RT.stepRead, lang) });
    return;
  }
  if (!hasProjectTabs(opened.workbook)) {
    // Nothing set up: a document of ten "tab missing" notes helps nobody.
    const { lang } = opened;
    alertText(lang, RT.noProjectTabs, { menu: pick(UI.menuTitle, lang), setup: pick(UI.setupSheets, lang), example: pick(UI.loadExample, lang) });
    return;
  }
  withDocumentLock(opened.lang, () => generate(opened));
}

/** The version counter of a cycle, reserved before the document is made so a name is never used twice. */
interface Reservation {
  readonly properties: GoogleAppsScript.Properties.Properties;
  readonly key: string;
  /** The counter before this run (restored when the run fails and leaves no document behind). */
  readonly previous: string;
  readonly version: number;
}

function reserveVersion(cycle: string): Reservation {
  const properties = documentProperties();
  const key = versionKey(cycle);
  const previous = properties.getProperty(key) ?? '0';
  const count = Number.parseInt(previous, 10);
  const version = (Number.isFinite(count) && count > 0 ? count : 0) + 1;
  properties.setProperty(key, String(version));
  return { properties, key, previous, version };
}

/** A document the report pipeline can make: the evaluation report, the director's roll-up report, the plan, the weekly sheet, the manual. */
export type ReportDocument = Pick<ReportModel, 'lang' | 'documentName' | 'subtitle' | 'sections' | 'problemCount'>;

/** How a document other than the evaluation report is counted and named in the run's words (gas/documents.ts). */
export interface GenerateOptions {
  /** Document property counting this document's versions (default: the report's, per cycle). */
  readonly versionKey?: string;
  readonly words?: RunWords;
  /** After the Doc and its PDF are saved: e.g. retire an earlier version; returns notes for the dialog. */
  readonly afterSave?: (saved: { readonly id: string; readonly url: string; readonly name: string; readonly pdfId: string | null }) => readonly string[];
}

/**
 * Makes a report document (`build`, by default the evaluation report) the safe way: version reserved,
 * Doc in the report folder, half-made Doc trashed on failure, link in a dialog and in Log.
 */
export function generate(opened: OpenWorkbook, build?: () => ReportDocument, options: GenerateOptions = {}): void {
  const { lang, workbook, tabs } = opened;
  const words: RunWords = options.words ?? RT;
  // options.versionKey and options.afterSave are read after build(): a build may set them (gas/documents.ts).
  const t = (text: Bilingual, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);
  const progress: Progress = { step: RT.stepBuild };

  let model: ReportDocument;
  let reservation: Reservation;
  try {
    model = build ? build() : evaluationReport(opened);
    progress.step = RT.stepVersion;
    reservation = reserveVersion(options.versionKey ?? versionKey(workbook.settings.cycle));
  } catch (error) {
    const versionStep = progress.step === RT.stepVersion;
    logQuietly(tabs, pick(words.logFailed, lang), `${pick(progress.step, lang)}: ${errorText(error)}`);
    if (versionStep) alertText(lang, words.versionFailed, { error: errorText(error) });
    else alertText(lang, words.failedNoDoc, { error: errorText(error), step: pick(progress.step, lang) });
    return;
  }
  const name = versionedName(model.documentName, reservation.version);

  progress.step = RT.stepCreate;
  let docId: string | null = null;
  let url = '';
  let folder: ReportFolder;
  try {
    folder = reportFolder(workbook.settings.reportFolder, t(RT.folderName, { sheet: opened.ss.getName() }));
    const doc = createReportDocument(name, folder.id);
    docId = doc.getId();
    url = doc.getUrl();
    progress.step = RT.stepWrite;
    renderReport(doc, model, progress);
    progress.step = RT.stepSave;
    doc.saveAndClose();
  } catch (error) {
    failed(lang, tabs, docId, name, reservation, progress, error, words);
    return;
  }

  // The document is saved: from here on nothing may hide the link. Each step that fails becomes a note.
  const notes: string[] = [];
  if (folder.refused !== null) notes.push(t(RT.folderRefused, { folder: workbook.settings.reportFolder, error: folder.refused, name: folder.name }));
  if (folder.created) {
    notes.push(t(RT.folderCreated, { name: folder.name, url: folder.url }));
    // A blank setting shows where the reports are; a folder a person typed is never overwritten.
    if (workbook.settings.reportFolder.trim() === '') {
      try {
        writeSetting(tabs, settingSpec('reportFolder'), folder.url);
      } catch {
        // The folder link is in the dialog and in document properties; the setting stays blank.
      }
    }
  }
  // A PDF copy next to the Doc, for forwarding and filing (drive.file reaches it: the script creates it).
  let pdfLink = '';
  let pdfId: string | null = null;
  try {
    const pdf = savePdfCopy(docId, name);
    pdfLink = pdf.url;
    pdfId = pdf.id;
    notes.push(t(RT.pdfSaved, { name: pdf.name }));
  } catch (error) {
    notes.push(t(RT.pdfFailed, { error: errorText(error) }));
  }
  if (options.afterSave) notes.push(...options.afterSave({ id: docId, url, name, pdfId }));
  if (model.problemCount > 0) notes.push(t(words.doneProblems, { count: model.problemCount }));
  try {
    appendLog(tabs, [{ action: t(words.logAction), detail: `${name} — ${url}${pdfLink === '' ? '' : ` (PDF: ${pdfLink})`}` }]);
  } catch (error) {
    notes.push(t(words.logNotRecorded, { error: errorText(error) }));
  }
  const html = [
    `<p>${escapeHtml(t(words.doneBody))} <a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(name)}</a></p>`,
    ...(pdfLink === '' ? [] : [`<p><a href="${escapeHtml(pdfLink)}" target="_blank" rel="noopener">PDF</a></p>`]),
    ...notes.map((note) => `<p>${escapeHtml(note)}</p>`),
  ].join('');
  try {
    showDialog(t(words.doneTitle), html, 560, 240);
  } catch {
    // No dialog (e.g. HtmlService unavailable): the plain alert still carries the link and the notes.
    spreadsheetUi().alert([t(words.doneAlert, { name, url }), ...notes].join('\n\n'));
  }
}

/** The evaluation report, with Check data's one list (the plan review compared with earlier cycles among it). */
function evaluationReport(opened: OpenWorkbook): ReportDocument {
  const { workbook, time, lang } = opened;
  const history = allSnapshots(opened);
  return buildReport(workbook, time, lang, sheetProblems(opened, history), history);
}

/** Appends a Log row when it can; the sheet may be what is failing, and the person is told anyway. */
function logQuietly(tabs: OpenWorkbook['tabs'], action: string, detail: string): void {
  try {
    appendLog(tabs, [{ action, detail }]);
  } catch {
    // Reported to the person by the caller's alert.
  }
}

/** A run that failed midway: trash the half-made document, log it, tell the person what failed and what to do. */
function failed(
  lang: Lang, tabs: OpenWorkbook['tabs'], docId: string | null, name: string, reservation: Reservation, progress: Progress, error: unknown,
  words: RunWords,
): void {
  const message = errorText(error);
  let trashed = docId === null;
  if (docId !== null) {
    try {
      trashFile(docId);
      trashed = true;
    } catch {
      // Reported below: the person can delete the document by hand.
    }
  }
  if (trashed) {
    // No document keeps the name, so the retry may use it: give the version back.
    try {
      reservation.properties.setProperty(reservation.key, reservation.previous);
    } catch {
      // The version stays used: the retry skips a number, which is harmless.
    }
  }
  logQuietly(tabs, pick(words.logFailed, lang), `${name}: ${message}${trashed ? '' : ` (${docId})`}`);
  const params = { error: message, step: pick(progress.step, lang), name };
  alertText(lang, docId === null ? words.failedNoDoc : trashed ? words.failed : words.failedNotTrashed, params);
}
