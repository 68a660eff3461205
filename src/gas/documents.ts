/**
 * Menu → Generate {cycle} strategy plan, Weekly tracking sheet, Playbook manual: the form's other documents,
 * made by the evaluation report's pipeline (gas/report.ts generate: version reserved, Doc in the report
 * folder, PDF beside it, half-made Doc trashed on failure, link in a dialog and in Log), each with its own
 * version counter. The weekly sheet is one document per ISO week: regenerating it that week makes the next
 * version and moves the earlier one (and its PDF) to the trash.
 */
import { checkWorkbook } from '../core/checks';
import { DocumentKind, RUN_TEXT, runWords } from '../core/documentRunText';
import { Lang, fill, pick } from '../core/i18n';
import { UI } from '../core/messages';
import { buildPlan } from '../core/planDocument';
import { buildPlaybookManual } from '../core/playbookManual';
import { hasProjectTabs } from '../core/report';
import { RT } from '../core/reportText';
import { TABS, TabKey } from '../core/schema';
import { WeeklySheetModel, buildWeeklySheet } from '../core/weeklySheet';
import { trashFile } from './drive';
import { previousCyclesOf, snapshotsOf } from './previous';
import { withDocumentLock } from './lock';
import { GenerateOptions, ReportDocument, generate } from './report';
import { OpenWorkbook, languageOf, openWorkbook } from './spreadsheet';
import { alertText, errorText } from './ui';
import { documentProperties } from './run';

/** Every tab the documents read (Log is not read: it only grows). */
const DOCUMENT_TABS: readonly TabKey[] = TABS.map((tab) => tab.key).filter((key) => key !== 'log');

/** Document property counting the versions of a document: per cycle for the plan, per ISO week for the weekly sheet. */
export function documentVersionKey(kind: DocumentKind, scope: string): string {
  return `${kind}.versions.${scope.trim() || '-'}`;
}

/** Document property: the weekly sheet made for an ISO week (its Doc and PDF ids, name and link), to replace it. */
export function weeklyDocKey(week: string): string {
  return `weekly.doc.${week}`;
}

/** Opens the workbook for a document; null (and the person told) when it cannot be read or has no tracker tabs. */
function openForDocument(): OpenWorkbook | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let opened: OpenWorkbook;
  try {
    opened = openWorkbook(ss, DOCUMENT_TABS);
  } catch (error) {
    const lang = languageOf(ss, null);
    alertText(lang, RT.failedNoDoc, { error: errorText(error), step: pick(RT.stepRead, lang) });
    return null;
  }
  if (!hasProjectTabs(opened.workbook)) {
    const { lang } = opened;
    alertText(lang, RT.noProjectTabs, { menu: pick(UI.menuTitle, lang), setup: pick(UI.setupSheets, lang), example: pick(UI.loadExample, lang) });
    return null;
  }
  return opened;
}

function run(kind: DocumentKind, build: (open: OpenWorkbook) => { doc: ReportDocument; options: GenerateOptions }): void {
  const opened = openForDocument();
  if (opened === null) return;
  withDocumentLock(opened.lang, () => {
    // Built inside generate's guard, so a failure while computing is reported as "no document was created";
    // generate reads the version key and the after-save step only once the document is built.
    const options: { -readonly [K in keyof GenerateOptions]: GenerateOptions[K] } = { words: runWords(kind) };
    generate(opened, () => {
      const built = build(opened);
      Object.assign(options, built.options);
      return built.doc;
    }, options);
  });
}

/** Menu → Generate {cycle} strategy plan. */
export function runGeneratePlan(): void {
  run('plan', (open) => {
    const snapshots = snapshotsOf(open);
    const previous = previousCyclesOf(open, snapshots);
    const plan = buildPlan(open.workbook, open.time, open.lang, checkWorkbook(open.workbook, open.time, previous), previous);
    return { doc: plan, options: { words: runWords('plan'), versionKey: documentVersionKey('plan', open.workbook.settings.cycle) } };
  });
}

interface WeeklyRecord {
  readonly docId: string;
  readonly pdfId: string | null;
  readonly name: string;
  readonly url: string;
}

function readWeeklyRecord(raw: string | null): WeeklyRecord | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<WeeklyRecord>;
    return typeof parsed.docId === 'string' ? { docId: parsed.docId, pdfId: parsed.pdfId ?? null, name: parsed.name ?? '', url: parsed.url ?? '' } : null;
  } catch {
    return null;
  }
}

/** The weekly sheet recorded for an ISO week (for the managers' summary's link), or null. */
export function weeklySheetOf(week: string): { name: string; url: string } | null {
  const record = readWeeklyRecord(documentProperties().getProperty(weeklyDocKey(week)));
  return record === null ? null : { name: record.name, url: record.url };
}

/** After a new weekly version is saved: record it, and move the week's earlier version and its PDF to the trash. */
function replaceWeekly(week: string, lang: Lang, saved: { id: string; url: string; name: string; pdfId: string | null }): string[] {
  const props = documentProperties();
  const key = weeklyDocKey(week);
  const earlier = readWeeklyRecord(props.getProperty(key));
  props.setProperty(key, JSON.stringify({ docId: saved.id, pdfId: saved.pdfId, name: saved.name, url: saved.url }));
  if (earlier === null || earlier.docId === saved.id) return [];
  try {
    trashFile(earlier.docId);
    if (earlier.pdfId !== null) trashFile(earlier.pdfId);
    return [pick(fill(RUN_TEXT.weeklyReplaced, { name: earlier.name }), lang)];
  } catch (error) {
    return [pick(fill(RUN_TEXT.weeklyNotReplaced, { name: earlier.name, error: errorText(error) }), lang)];
  }
}

/** Menu → Weekly tracking sheet: this ISO week's, as a new version when one was made this week already. */
export function runWeeklySheet(): void {
  run('weekly', (open) => {
    const sheet: WeeklySheetModel = buildWeeklySheet(open.workbook, open.time, open.lang, checkWorkbook(open.workbook, open.time), snapshotsOf(open));
    return {
      doc: sheet,
      options: {
        words: runWords('weekly'), versionKey: documentVersionKey('weekly', sheet.week),
        afterSave: (saved) => replaceWeekly(sheet.week, open.lang, saved),
      },
    };
  });
}

/** Menu → Playbook manual: a new version each time. */
export function runPlaybookManual(): void {
  run('playbook', (open) => ({
    doc: buildPlaybookManual(open.workbook, open.time, open.lang),
    options: { words: runWords('playbook'), versionKey: documentVersionKey('playbook', 'manual') },
  }));
}
