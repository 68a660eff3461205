/**
 * "My week" / 我的本周: the weekly check-in of one owner, as plain data. What the form shows (their open
 * tasks and this week's Weekly log rows per channel, prefilled), and what a save writes: only the cells the
 * person changed, never a cell someone else changed since the form was opened (that is a conflict: the
 * sheet keeps theirs, the form keeps yours, and both are named), with Updated stamped, in one write per run
 * of adjacent rows. Nothing here touches Apps Script; src/gas/myWeek.ts reads, locks and writes.
 */
import { personKey, weekStartOf } from './digest';
import { checkCell } from './fieldCheck';
import { Bilingual, Lang, pick } from './i18n';
import { TimeContext, Workbook, cellText } from './model';
import { TASK_STATUS, YES_NO, matchOption, normalizeLabel, optionLabel } from './options';
import { Problem } from './problems';
import { ColumnSpec, TabKey, columnSpec, tabSpec } from './schema';
import { mapHeaders } from './table';
import { CellValue, DateSpan, Day, dayFromIso, isoFromDay, parseDate, splitOwners } from './values';

export type TaskField = 'status' | 'progress' | 'problem' | 'solution' | 'nextStep' | 'nextStepDue' | 'needsHelp' | 'helpNote';
export const TASK_FIELDS: readonly TaskField[] = ['status', 'progress', 'problem', 'solution', 'nextStep', 'nextStepDue', 'needsHelp', 'helpNote'];
export type WeeklyField = 'visits' | 'leads' | 'newCustomers' | 'revenue' | 'cost' | 'eventParticipants' | 'note';
export const WEEKLY_FIELDS: readonly WeeklyField[] = ['visits', 'leads', 'newCustomers', 'revenue', 'cost', 'eventParticipants', 'note'];

export interface CheckInTask {
  readonly row: number;
  /** Which task this is, whatever row it has moved to by the time the form is saved. */
  readonly key: string;
  readonly task: string;
  readonly stage: string;
  /** Planned date as typed (a day or a range), '' when none. */
  readonly planned: string;
  readonly overdue: boolean;
  /** Last Updated stamp (YYYY-MM-DD), '' when never. */
  readonly updated: string;
  readonly helpSince: string;
  readonly decision: string;
  /** What each field holds, as the form shows it and as the save compares it. */
  readonly values: Readonly<Record<TaskField, string>>;
}

export interface CheckInWeekly {
  /** Sheet row, or null for a channel with no row this week yet (saving appends one). */
  readonly row: number | null;
  readonly key: string;
  readonly channel: string;
  readonly values: Readonly<Record<WeeklyField, string>>;
}

export interface CheckInView {
  readonly lang: Lang;
  readonly owner: string;
  /** Monday (YYYY-MM-DD) of the week the numbers are for, and its Sunday. */
  readonly week: string;
  readonly weekEnd: string;
  /** The weeks the form offers: this week and last week. */
  readonly weeks: readonly { readonly value: string; readonly label: string }[];
  /** Managers may open the form for anyone: the names they can pick. Empty for everyone else. */
  readonly owners: readonly string[];
  readonly tasks: readonly CheckInTask[];
  readonly weekly: readonly CheckInWeekly[];
  readonly currencyUnit: string;
  readonly statusOptions: readonly { readonly value: string; readonly label: string }[];
  /** The Settings grid as text (google.script.run cannot carry a Date), so the form checks numbers with the same units as Check data. */
  readonly settings: readonly (readonly string[])[];
}

// ---------------------------------------------------------------------------------------------
// What a cell reads as in the form

/** A cell as the form shows and compares it: option cells by their key, dates as YYYY-MM-DD, the rest as typed. */
export function fieldText(spec: ColumnSpec, value: CellValue, dayOf: (date: Date) => Day): string {
  if (spec.type === 'option' && spec.options) {
    const text = cellText(value, dayOf);
    return matchOption(spec.options, text) ?? text;
  }
  if (spec.type === 'number' && typeof value === 'number') return String(value);
  return cellText(value, dayOf);
}

function taskKey(task: CellValue, owner: CellValue): string {
  return `${normalizeLabel(String(task ?? ''))}\u0000${normalizeLabel(String(owner ?? ''))}`;
}

function weeklyKey(week: Day, owner: CellValue, channel: CellValue): string {
  return `${isoFromDay(week)}\u0000${personKey(String(owner ?? ''))}\u0000${normalizeLabel(String(channel ?? ''))}`;
}

function spanText(span: DateSpan | null): string {
  if (span === null) return '';
  return span.start === span.end ? isoFromDay(span.start) : `${isoFromDay(span.start)} – ${isoFromDay(span.end)}`;
}

function ownsName(owners: readonly string[], name: string): boolean {
  const wanted = personKey(name);
  return wanted !== '' && owners.some((o) => personKey(o) === wanted);
}

// ---------------------------------------------------------------------------------------------
// The form

export interface ViewRequest {
  readonly owner: string;
  /** Any day of the week the numbers are for (default: today's week). */
  readonly week?: Day;
  readonly lang: Lang;
  /** Names a manager can switch to; [] for everyone else. */
  readonly owners: readonly string[];
}

const WEEK_LABELS = {
  thisWeek: { en: 'This week ({from} – {to})', zh: '本周（{from} 至 {to}）' },
  lastWeek: { en: 'Last week ({from} – {to})', zh: '上周（{from} 至 {to}）' },
} as const satisfies Record<string, Bilingual>;

export function planView(workbook: Workbook, raw: { readonly tracking?: CellValue[][]; readonly weekly?: CellValue[][]; readonly settings?: CellValue[][] }, time: TimeContext, request: ViewRequest): CheckInView {
  const { owner, lang } = request;
  const thisWeek = weekStartOf(time.today);
  const week = weekStartOf(request.week ?? time.today);
  const rawRow = (grid: CellValue[][] | undefined, row: number): readonly CellValue[] => grid?.[row - 1] ?? [];
  const trackingHeader = mapHeaders(tabSpec('tracking'), raw.tracking?.[0] ?? []);
  const cell = (grid: CellValue[][] | undefined, header: ReturnType<typeof mapHeaders>, row: number, key: string): CellValue => {
    const at = header.index.get(key);
    return at === undefined ? '' : (rawRow(grid, row)[at] ?? '');
  };

  const tasks: CheckInTask[] = workbook.tasks
    .filter((t) => t.status !== 'done' && t.task !== '' && ownsName(t.owners, owner))
    .map((t) => {
      const values = {} as Record<TaskField, string>;
      for (const field of TASK_FIELDS) values[field] = fieldText(columnSpec('tracking', field), cell(raw.tracking, trackingHeader, t.row, field), time.dayOf);
      const due = t.nextStepDue?.end ?? t.planned?.end ?? null;
      return {
        row: t.row, key: taskKey(cell(raw.tracking, trackingHeader, t.row, 'task'), cell(raw.tracking, trackingHeader, t.row, 'owner')),
        task: t.task, stage: t.stage, planned: spanText(t.planned), overdue: due !== null && due < time.today,
        updated: t.updated === null ? '' : isoFromDay(t.updated), helpSince: t.helpSince === null ? '' : isoFromDay(t.helpSince),
        decision: t.decision, values,
      };
    });

  const weeklyHeader = mapHeaders(tabSpec('weekly'), raw.weekly?.[0] ?? []);
  const weekly: CheckInWeekly[] = [];
  const seenChannels = new Set<string>();
  for (const entry of workbook.weekly) {
    if (entry.week === null || weekStartOf(entry.week) !== week || !ownsName(entry.owners, owner)) continue;
    const values = {} as Record<WeeklyField, string>;
    for (const field of WEEKLY_FIELDS) values[field] = fieldText(columnSpec('weekly', field), cell(raw.weekly, weeklyHeader, entry.row, field), time.dayOf);
    const key = weeklyKey(week, cell(raw.weekly, weeklyHeader, entry.row, 'owner'), cell(raw.weekly, weeklyHeader, entry.row, 'channel'));
    weekly.push({ row: entry.row, key, channel: entry.channel, values });
    seenChannels.add(normalizeLabel(entry.channel));
  }
  // Channels the person may report on: the plan's (Strategy), then those they used this cycle.
  const channels = [
    ...workbook.strategy.map((s) => s.channel),
    ...workbook.weekly.filter((e) => ownsName(e.owners, owner)).map((e) => e.channel),
  ];
  for (const channel of channels) {
    const norm = normalizeLabel(channel);
    if (seenChannels.has(norm)) continue;
    seenChannels.add(norm);
    weekly.push({ row: null, key: weeklyKey(week, owner, channel), channel, values: emptyWeekly() });
  }
  if (weekly.length === 0) weekly.push({ row: null, key: weeklyKey(week, owner, ''), channel: '', values: emptyWeekly() });

  const label = (text: Bilingual, from: Day): string => pick(text, lang).replace('{from}', isoFromDay(from)).replace('{to}', isoFromDay(from + 6));
  return {
    lang, owner, week: isoFromDay(week), weekEnd: isoFromDay(week + 6),
    weeks: [{ value: isoFromDay(thisWeek), label: label(WEEK_LABELS.thisWeek, thisWeek) }, { value: isoFromDay(thisWeek - 7), label: label(WEEK_LABELS.lastWeek, thisWeek - 7) }],
    owners: request.owners, tasks, weekly, currencyUnit: workbook.settings.currencyUnit,
    statusOptions: TASK_STATUS.options.map((o) => ({ value: o.key, label: pick(o.label, lang) })),
    settings: (raw.settings ?? []).map((line) => line.map((value) => cellText(value, time.dayOf))),
  };
}

function emptyWeekly(): Record<WeeklyField, string> {
  return { visits: '', leads: '', newCustomers: '', revenue: '', cost: '', eventParticipants: '', note: '' };
}

// ---------------------------------------------------------------------------------------------
// The save

export interface FieldChange {
  /** The value the form loaded (the cell as the person saw it). */
  readonly from: string;
  readonly to: string;
}

export interface CheckInSubmission {
  readonly owner: string;
  /** Monday (YYYY-MM-DD) of the week the numbers are for. */
  readonly week: string;
  readonly tasks: readonly { readonly row: number; readonly key: string; readonly changes: Readonly<Partial<Record<TaskField, FieldChange>>> }[];
  readonly weekly: readonly {
    readonly row: number | null; readonly key: string; readonly channel: string;
    readonly changes: Readonly<Partial<Record<WeeklyField, FieldChange>>>;
  }[];
}

/** A cell to write: a value, a calendar day (a Date in the spreadsheet's zone) or the time of the save. */
export type PlannedCell = CellValue | { readonly day: Day } | { readonly now: true };

export interface PlannedWrite {
  readonly tab: TabKey;
  readonly row: number;
  readonly column: number;
  readonly values: readonly (readonly PlannedCell[])[];
}

export interface Conflict {
  readonly tab: TabKey;
  readonly row: number;
  readonly field: string;
  /** What the task or channel is, for the message. */
  readonly what: string;
  /** In the sheet now (kept there). */
  readonly theirs: string;
  /** What this person typed (kept in the form and in Log). */
  readonly yours: string;
}

export interface InvalidField {
  readonly tab: TabKey;
  readonly row: number | null;
  readonly key: string;
  /** The task or channel, for the message. */
  readonly what: string;
  readonly field: string;
  readonly problem: Problem;
}

export interface CheckInResult {
  readonly writes: readonly PlannedWrite[];
  readonly conflicts: readonly Conflict[];
  /** Values that fail Check data's rules: nothing is written when there are any. */
  readonly invalid: readonly InvalidField[];
  /** Rows the form showed that are no longer in the sheet (deleted meanwhile): their changes are not saved. */
  readonly gone: readonly { readonly tab: TabKey; readonly what: string }[];
  readonly tasksSaved: number;
  readonly weeklySaved: number;
  readonly weeklyAdded: number;
}

export interface SaveContext {
  readonly time: TimeContext;
  readonly lang: Lang;
  /** Tracking, Weekly log and Settings as they are now (header row first), read under the lock. */
  readonly values: { readonly tracking?: CellValue[][]; readonly weekly?: CellValue[][]; readonly settings?: CellValue[][] };
  /** Formulas of the same cells ('' where none), so a cell rewritten unchanged keeps its formula. */
  readonly formulas: { readonly tracking?: string[][]; readonly weekly?: string[][] };
}

/** Text a person typed, written so Sheets keeps it as text (never a number, date or formula). */
function literal(text: string): CellValue {
  return text === '' ? '' : `'${text}`;
}

/** A cell written back unchanged: its formula, or its value (text kept as text). */
function keep(value: CellValue, formula: string | undefined): PlannedCell {
  if (formula !== undefined && formula !== '') return formula;
  if (typeof value === 'string') return literal(value);
  return value ?? '';
}

interface Located { readonly row: number }

/** The sheet row holding `key` now: the row the form loaded when it still holds it, else the one row that does. */
function locate(rowsByKey: ReadonlyMap<string, readonly number[]>, keyAt: (row: number) => string, row: number, key: string): Located | null {
  if (keyAt(row) === key) return { row };
  const candidates = rowsByKey.get(key) ?? [];
  return candidates.length === 1 ? { row: candidates[0]! } : null;
}

export function planCheckIn(submission: CheckInSubmission, ctx: SaveContext): CheckInResult {
  const { time, lang } = ctx;
  const conflicts: Conflict[] = [];
  const invalid: InvalidField[] = [];
  const gone: { tab: TabKey; what: string }[] = [];
  const cells = new Map<TabKey, Map<number, Map<number, PlannedCell>>>();
  const put = (tab: TabKey, row: number, column: number, value: PlannedCell): void => {
    let rows = cells.get(tab);
    if (!rows) cells.set(tab, (rows = new Map()));
    let columns = rows.get(row);
    if (!columns) rows.set(row, (columns = new Map()));
    columns.set(column, value);
  };
  const owner = submission.owner;

  // What a typed value becomes in its cell, checked by Check data's own reader.
  const typed = (tab: 'tracking' | 'weekly', field: string, text: string, row: number | null, key: string, what: string): PlannedCell | undefined => {
    const spec = columnSpec(tab, field);
    const trimmed = text.trim();
    if (trimmed === '') return '';
    const check = checkCell(tab, field, trimmed, ctx.values.settings);
    if (check.problems.length > 0) {
      invalid.push({ tab, row, key, what, field, problem: check.problems[0]! });
      return undefined;
    }
    if (spec.type === 'number') return typeof check.value === 'number' ? check.value : literal(trimmed);
    if (spec.type === 'date') {
      const span = check.value as DateSpan | null;
      return span !== null && span.start === span.end ? { day: span.start } : literal(trimmed);
    }
    if (spec.type === 'option' && spec.options) {
      const hit = matchOption(spec.options, trimmed);
      return hit === null ? literal(trimmed) : pick(optionLabel(spec.options, hit), lang);
    }
    return literal(text);
  };

  // Tracking
  let tasksSaved = 0;
  const tracking = ctx.values.tracking ?? [];
  const trackingFormulas = ctx.formulas.tracking ?? [];
  const th = mapHeaders(tabSpec('tracking'), tracking[0] ?? []);
  const tcol = (key: string): number | undefined => th.index.get(key);
  const trackingKeyAt = (row: number): string => taskKey(tracking[row - 1]?.[tcol('task') ?? -1], tracking[row - 1]?.[tcol('owner') ?? -1]);
  const tasksByKey = new Map<string, number[]>();
  for (let r = 2; r <= tracking.length; r++) {
    const key = trackingKeyAt(r);
    tasksByKey.set(key, [...(tasksByKey.get(key) ?? []), r]);
  }
  for (const task of submission.tasks) {
    const changes = Object.entries(task.changes) as [TaskField, FieldChange][];
    if (changes.length === 0) continue;
    const at = locate(tasksByKey, trackingKeyAt, task.row, task.key);
    const what = String(task.key.split('\u0000')[0] ?? '');
    if (at === null) {
      gone.push({ tab: 'tracking', what: cellText(tracking[task.row - 1]?.[tcol('task') ?? -1]) || what });
      continue;
    }
    const line = tracking[at.row - 1] ?? [];
    const name = cellText(line[tcol('task') ?? -1]);
    // A form only ever changes its owner's own rows, whatever a crafted request says.
    if (!ownsName(splitOwners(line[tcol('owner') ?? -1]), owner)) {
      gone.push({ tab: 'tracking', what: name });
      continue;
    }
    let changed = false;
    for (const [field, change] of changes) {
      const column = tcol(field);
      if (column === undefined || change.from === change.to) continue;
      const now = fieldText(columnSpec('tracking', field), line[column], time.dayOf);
      if (now === change.to) continue; // someone already made the same change
      if (now !== change.from) {
        conflicts.push({ tab: 'tracking', row: at.row, field, what: name, theirs: now, yours: change.to });
        continue;
      }
      const value = typed('tracking', field, change.to, at.row, task.key, name);
      if (value === undefined) continue;
      put('tracking', at.row, column + 1, value);
      changed = true;
      if (field === 'needsHelp') {
        const since = tcol('helpSince');
        const flagged = matchOption(YES_NO, change.to) === 'yes' && matchOption(YES_NO, change.from) !== 'yes';
        if (flagged && since !== undefined) put('tracking', at.row, since + 1, { day: time.today });
      }
    }
    if (changed) {
      const updated = tcol('updated');
      if (updated !== undefined) put('tracking', at.row, updated + 1, { now: true });
      tasksSaved++;
    }
  }

  // Weekly log
  let weeklySaved = 0;
  let weeklyAdded = 0;
  const weekly = ctx.values.weekly ?? [];
  const weeklyFormulas = ctx.formulas.weekly ?? [];
  const wh = mapHeaders(tabSpec('weekly'), weekly[0] ?? []);
  const wcol = (key: string): number | undefined => wh.index.get(key);
  const weekDay = /^\d{4}-\d{2}-\d{2}$/.test(submission.week) ? weekStartOf(dayFromIso(submission.week)) : null;
  const weeklyKeyAt = (row: number): string => {
    const line = weekly[row - 1] ?? [];
    const parsed = parseDate(line[wcol('week') ?? -1] ?? '', time.dayOf);
    if (!parsed.ok || parsed.value === null) return '';
    return weeklyKey(weekStartOf(parsed.value.start), line[wcol('owner') ?? -1], line[wcol('channel') ?? -1]);
  };
  const weeklyByKey = new Map<string, number[]>();
  for (let r = 2; r <= weekly.length; r++) {
    const key = weeklyKeyAt(r);
    if (key !== '') weeklyByKey.set(key, [...(weeklyByKey.get(key) ?? []), r]);
  }
  const width = Math.max(weekly[0]?.length ?? 0, ...[...wh.index.values()].map((c) => c + 1));
  let nextRow = Math.max(weekly.length, 1) + 1;
  for (const entry of submission.weekly) {
    const changes = (Object.entries(entry.changes) as [WeeklyField, FieldChange][]).filter(([, c]) => c.from !== c.to);
    if (changes.length === 0) continue;
    let at: Located | null = entry.row === null ? null : locate(weeklyByKey, weeklyKeyAt, entry.row, entry.key);
    if (entry.row === null) {
      // Someone may have added this channel's row meanwhile: then it is filled like any other row.
      const existing = weeklyByKey.get(entry.key) ?? [];
      if (existing.length === 1) at = { row: existing[0]! };
    } else if (at === null) {
      gone.push({ tab: 'weekly', what: entry.channel });
      continue;
    }
    if (at === null) {
      if (weekDay === null || changes.every(([, c]) => c.to.trim() === '')) continue;
      const row = nextRow++;
      const values: PlannedCell[] = new Array(width).fill('');
      const set = (key: string, value: PlannedCell): void => {
        const column = wcol(key);
        if (column !== undefined) values[column] = value;
      };
      set('week', { day: weekDay });
      set('owner', literal(owner));
      set('channel', literal(entry.channel));
      let ok = true;
      for (const [field, change] of changes) {
        const value = typed('weekly', field, change.to, null, entry.key, entry.channel);
        if (value === undefined) ok = false;
        else set(field, value);
      }
      if (!ok) continue;
      values.forEach((value, i) => put('weekly', row, i + 1, value));
      weeklyAdded++;
      continue;
    }
    const line = weekly[at.row - 1] ?? [];
    if (!ownsName(splitOwners(line[wcol('owner') ?? -1]), owner)) {
      gone.push({ tab: 'weekly', what: entry.channel });
      continue;
    }
    let changed = false;
    for (const [field, change] of changes) {
      const column = wcol(field);
      if (column === undefined) continue;
      const now = fieldText(columnSpec('weekly', field), line[column], time.dayOf);
      const from = entry.row === null ? '' : change.from;
      if (now === change.to) continue;
      if (now !== from) {
        conflicts.push({ tab: 'weekly', row: at.row, field, what: entry.channel, theirs: now, yours: change.to });
        continue;
      }
      const value = typed('weekly', field, change.to, at.row, entry.key, entry.channel);
      if (value === undefined) continue;
      put('weekly', at.row, column + 1, value);
      changed = true;
    }
    if (changed) weeklySaved++;
  }

  if (invalid.length > 0) return { writes: [], conflicts, invalid, gone, tasksSaved: 0, weeklySaved: 0, weeklyAdded: 0 };
  const writes = [
    ...blocks('tracking', cells.get('tracking'), tracking, trackingFormulas),
    ...blocks('weekly', cells.get('weekly'), weekly, weeklyFormulas),
  ];
  return { writes, conflicts, invalid, gone, tasksSaved, weeklySaved, weeklyAdded };
}

/**
 * The planned cells as rectangles: one per run of adjacent rows, spanning the columns written in it. A cell
 * inside a rectangle that is not being changed is written back as it is (its formula, or its value kept as
 * text), so nothing else in those rows changes.
 */
function blocks(tab: TabKey, rows: Map<number, Map<number, PlannedCell>> | undefined, values: CellValue[][], formulas: string[][]): PlannedWrite[] {
  if (!rows || rows.size === 0) return [];
  const sorted = [...rows.keys()].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const row of sorted) {
    const run = runs[runs.length - 1];
    if (run && row === run[run.length - 1]! + 1) run.push(row);
    else runs.push([row]);
  }
  return runs.map((run) => {
    const columns = run.flatMap((row) => [...rows.get(row)!.keys()]);
    const first = Math.min(...columns);
    const last = Math.max(...columns);
    const grid = run.map((row) => Array.from({ length: last - first + 1 }, (_, i): PlannedCell => {
      const column = first + i;
      const planned = rows.get(row)!.get(column);
      if (planned !== undefined) return planned;
      return keep(values[row - 1]?.[column - 1] ?? '', formulas[row - 1]?.[column - 1]);
    }));
    return { tab, row: run[0]!, column: first, values: grid };
  });
}
