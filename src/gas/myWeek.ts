import { CheckInSubmission, CheckInView, PlannedCell, planCheckIn, planView } from '../core/checkin';
import { SaveResponse, fieldLabel, myWeekPage, myWeekText, saveResponse } from '../core/checkinText';
import { indexTeam, personKey } from '../core/digest';
import { Lang, joinList, pick } from '../core/i18n';
import { Person, Workbook } from '../core/model';
import { YES_NO, matchOption } from '../core/options';
import { TabKey, tabSpec } from '../core/schema';
import { CellValue, dayFromIso } from '../core/values';
import { withDocumentLock } from './lock';
import { appendLog } from './log';
import { OpenWorkbook, dateMaker, openWorkbook, sizeKeeper } from './spreadsheet';
import { alertText, errorText } from './ui';
import { activeSpreadsheet, activeUserEmail, spreadsheetUi } from './run';

/** The sidebar's browser script (src/client/myWeek.ts), put in by scripts/build.mjs. */
declare const MY_WEEK_CLIENT: string;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const READ_TABS: readonly TabKey[] = ['team', 'tracking', 'weekly', 'strategy'];

interface Access {
  readonly owner: string;
  /** Names the person may switch to (managers, and people the script cannot identify). */
  readonly owners: readonly string[];
  readonly notice: string;
  /** Whose account this is, for Log. */
  readonly by: string;
  readonly may: (owner: string) => boolean;
}

/** Everyone the form can be opened for: Team, then owners of open tasks who are not in Team. */
function allOwners(workbook: Workbook): string[] {
  const names = workbook.team.map((p) => p.name).filter((n) => n !== '');
  const keys = new Set(names.map(personKey));
  for (const task of workbook.tasks) {
    if (task.status === 'done') continue;
    for (const owner of task.owners) {
      if (!keys.has(personKey(owner))) {
        keys.add(personKey(owner));
        names.push(owner);
      }
    }
  }
  return names;
}

/**
 * Who is asking and for whom: a person opens their own week; a manager (Settings → Manager emails) may open
 * anyone's. When the script cannot see the account's email (a consumer account outside the owner's domain)
 * or the email is not in Team, the person picks their name: they could edit those rows in the grid anyway.
 */
function access(workbook: Workbook, lang: Lang, requested: string | undefined): Access {
  const email = (activeUserEmail() || '').trim();
  const people = indexTeam(workbook.team);
  const person: Person | null = email === '' ? null : people.find(email);
  const manager = email !== '' && workbook.settings.managerEmails.some((m) => m.trim().toLowerCase() === email.toLowerCase());
  const names = allOwners(workbook);
  const pickFrom = (fallback: string): string => {
    const wanted = requested === undefined ? null : names.find((n) => personKey(n) === personKey(requested));
    return wanted ?? fallback;
  };
  if (person && !manager) {
    return { owner: person.name, owners: [], notice: '', by: email, may: (o) => personKey(o) === personKey(person.name) };
  }
  if (manager) return { owner: pickFrom(person?.name ?? names[0] ?? ''), owners: names, notice: '', by: email, may: () => true };
  const notice = email === '' ? myWeekText(lang, 'noAccount') : myWeekText(lang, 'notInTeam', { email });
  return { owner: pickFrom(names[0] ?? ''), owners: names, notice, by: email, may: () => true };
}

function weekOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) ? dayFromIso(text) : undefined;
}

function viewFor(open: OpenWorkbook, who: Access, week?: number): CheckInView {
  return planView(open.workbook, open.raw, open.time, { owner: who.owner, lang: open.lang, owners: who.owners, ...(week === undefined ? {} : { week }) });
}

/** Menu → My week: the sidebar for the person clicking (a manager may switch to anyone). */
export function runMyWeek(): void {
  const open = openWorkbook(activeSpreadsheet(), READ_TABS);
  if (!open.tabs.has('tracking') && !open.tabs.has('weekly')) {
    alertText(open.lang, { en: myWeekText('en', 'noTabs'), zh: myWeekText('zh-CN', 'noTabs') });
    return;
  }
  const who = access(open.workbook, open.lang, undefined);
  const page = myWeekPage(viewFor(open, who), who.notice, MY_WEEK_CLIENT);
  spreadsheetUi().showSidebar(HtmlService.createHtmlOutput(page).setTitle(myWeekText(open.lang, 'title')));
}

/** google.script.run from the sidebar: the form for another owner (managers) or another week. */
export function loadMyWeek(request: { owner?: string; week?: string } | null): CheckInView {
  const open = openWorkbook(activeSpreadsheet(), READ_TABS);
  const who = access(open.workbook, open.lang, request?.owner);
  return viewFor(open, who, weekOf(request?.week));
}

/** A tab's formulas in one read of its data range ([] for an empty tab, as its values read). */
function formulasOf(sheet: Sheet | undefined, values: readonly unknown[][] | undefined): string[][] {
  if (!sheet || !values || values.length === 0) return [];
  return sheet.getDataRange().getFormulas();
}

/**
 * google.script.run from the sidebar: saves the changed fields in one batched write per run of adjacent rows,
 * under the document lock, after reading the sheet again; a cell someone else changed meanwhile keeps their
 * value (named in the answer and in Log). Returns the form as the sheet now is.
 */
export function saveMyWeek(submission: CheckInSubmission): SaveResponse {
  const ss = activeSpreadsheet();
  // The language comes with the read under the lock; only a busy lock or a failure before it reads Settings for it.
  let known: Lang | null = null;
  const language = (): Lang => (known ??= openWorkbook(ss, ['settings']).lang);
  const fail = (message: string): SaveResponse => ({ ok: false, message, details: [], conflicts: [], invalid: [], view: null });
  try {
    const answer = withDocumentLock(language, () => save(ss, submission, (lang) => { known = lang; }), false);
    return answer ?? fail(myWeekText(language(), 'busy'));
  } catch (error) {
    return fail(myWeekText(language(), 'failed', { error: errorText(error) }));
  }
}

function save(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, submission: CheckInSubmission, langRead: (lang: Lang) => void): SaveResponse {
  const open = openWorkbook(ss, READ_TABS);
  const { lang, tabs, time, workbook } = open;
  langRead(lang);
  const who = access(workbook, lang, submission.owner);
  if (!who.may(submission.owner) || personKey(who.owner) !== personKey(submission.owner)) {
    return { ok: false, message: myWeekText(lang, 'notAllowed'), details: [], conflicts: [], invalid: [], view: viewFor(open, who) };
  }
  const result = planCheckIn(submission, {
    time, lang, values: open.raw,
    formulas: { tracking: formulasOf(tabs.get('tracking'), open.raw.tracking), weekly: formulasOf(tabs.get('weekly'), open.raw.weekly) },
  });
  if (result.invalid.length > 0) return saveResponse(result, null, lang, workbook.settings.currencyUnit);

  const dateOf = dateMaker(open.timeZone);
  const now = new Date();
  const cell = (planned: PlannedCell): CellValue => {
    if (planned !== null && typeof planned === 'object' && !(planned instanceof Date)) return 'day' in planned ? dateOf(planned.day) : now;
    return planned;
  };
  const ensureSize = sizeKeeper();
  for (const write of result.writes) {
    const sheet = tabs.get(write.tab);
    if (!sheet) continue;
    const values = write.values.map((row) => row.map(cell));
    const lastRow = write.row + values.length - 1;
    const lastColumn = write.column + (values[0]?.length ?? 1) - 1;
    // Inside the data range just read the grid is big enough: its size is asked only for a write past it.
    const read = open.raw[write.tab];
    if (!read || lastRow > read.length || lastColumn > (read[0]?.length ?? 0)) ensureSize(sheet, lastRow, lastColumn);
    sheet.getRange(write.row, write.column, values.length, values[0]?.length ?? 1).setValues(values);
  }

  const saved = result.tasksSaved + result.weeklySaved + result.weeklyAdded;
  if (saved > 0 || result.conflicts.length > 0) appendLog(tabs, [{ action: myWeekText(lang, 'logAction'), detail: logDetail(submission, result, who, workbook, lang) }], now);
  // The form as saved: the tabs written are read again, the others are as read above.
  const written = new Set<TabKey>(result.writes.map((w) => w.tab));
  const unchanged = <T>(grids: Partial<Record<TabKey, T>>): Partial<Record<TabKey, T>> =>
    Object.fromEntries(Object.entries(grids).filter(([key]) => !written.has(key as TabKey))) as Partial<Record<TabKey, T>>;
  const fresh = openWorkbook(ss, READ_TABS, { raw: unchanged(open.raw), shown: unchanged(open.shown) });
  return saveResponse(result, viewFor(fresh, who, weekOf(submission.week)), lang, workbook.settings.currencyUnit);
}

function logDetail(submission: CheckInSubmission, result: ReturnType<typeof planCheckIn>, who: Access, workbook: Workbook, lang: Lang): string {
  let detail = myWeekText(lang, 'logSaved', {
    owner: submission.owner, tasks: result.tasksSaved, weekly: result.weeklySaved + result.weeklyAdded, added: result.weeklyAdded, week: submission.week,
  });
  const self = who.by === '' ? null : indexTeam(workbook.team).find(who.by);
  if (who.by !== '' && (self === null || personKey(self.name) !== personKey(submission.owner))) detail += myWeekText(lang, 'logFor', { by: who.by, owner: submission.owner });
  const flagged = submission.tasks
    .filter((t) => t.changes.needsHelp && matchOption(YES_NO, t.changes.needsHelp.to) === 'yes')
    .map((t) => workbook.tasks.find((task) => task.row === t.row)?.task ?? '');
  if (flagged.length > 0) detail += myWeekText(lang, 'logHelp', { tasks: joinList(flagged, lang) });
  for (const c of result.conflicts) {
    detail += myWeekText(lang, 'logConflict', {
      tab: pick(tabSpec(c.tab).name, lang), row: c.row, field: fieldLabel(c.tab === 'weekly' ? 'weekly' : 'tracking', c.field, lang),
      theirs: c.theirs, yours: c.yours, owner: submission.owner,
    });
  }
  return detail;
}
