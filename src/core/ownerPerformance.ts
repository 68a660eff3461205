/**
 * Per-owner performance: for each owner, their targets' progress against what is expected by today, their open
 * and overdue tasks and when they last checked in — the table the managers' summary, the report and the
 * Dashboard show.
 *
 * Rules
 * - Targets are the cycle targets of Goals rows that name one owner, with progress.targetProgress's figures for
 *   that row (the ones the Goals tab's progress columns show): an owner's share counts the Weekly log rows that
 *   owner is on; a row that is the team's own target with one owner beside it (the owner answers for it, as in
 *   the worked example) counts the team's rows and is marked as the team's target. Rows naming several owners
 *   are shared and stay in the team's table only.
 * - Open tasks: Tracking rows not done; overdue: checks.isTaskOverdue (the one rule of Check data and the
 *   reminders). A task with several owners counts for each of them.
 * - Last check-in: the latest Updated stamp of the owner's Tracking rows (a My week save stamps it), and the
 *   latest week the owner reported in the Weekly log up to today. The Log's check-in records are not read: the
 *   offline workbook has none.
 * - Owners: Team order, then owners found only in the data in the order they first appear (Goals, Tracking,
 *   Weekly log); a person with neither a target, a task nor a Weekly log row is left out.
 */
import { isTaskOverdue } from './checks';
import { type Lang, fill, pick } from './i18n';
import type { Person, Workbook } from './model';
import { findPerson, personKey } from './people';
import { TargetProgress, targetProgress } from './progress';
import { RT } from './reportText';
import type { Unit } from './units';
import { type Day, isoFromDay } from './values';
import { workCalendar } from './workCalendar';

export interface OwnerTarget extends TargetProgress {
  /** 'share': the owner's share, from their own Weekly log rows; 'team': the team's target the owner answers for. */
  readonly scope: 'share' | 'team';
  /** The unit the target is in, as Goals reads it (its metric's Evaluation unit, else the catalogue's). */
  readonly unit: Unit;
}

export interface OwnerPerformance {
  /** The Team name, or the owner as typed when not in Team. */
  readonly owner: string;
  readonly person: Person | null;
  readonly targets: readonly OwnerTarget[];
  readonly tasks: number;
  readonly doneTasks: number;
  readonly openTasks: number;
  readonly overdueTasks: number;
  /** Latest Updated stamp of the owner's Tracking rows; null when none is stamped. */
  readonly lastUpdated: Day | null;
  /** Latest week (its Monday, as typed) the owner reported in the Weekly log, up to today; null when none. */
  readonly lastWeek: Day | null;
}

interface Entry {
  owner: string;
  person: Person | null;
  order: number;
  seen: number;
  targets: OwnerTarget[];
  tasks: number;
  doneTasks: number;
  openTasks: number;
  overdueTasks: number;
  lastUpdated: Day | null;
  lastWeek: Day | null;
}

const later = (a: Day | null, b: Day | null): Day | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Each owner's targets, tasks and last check-in (see the module comment); `progress` as targetProgress gives it for today. */
export function ownerPerformance(workbook: Workbook, today: Day, progress: readonly TargetProgress[] = targetProgress(workbook, today)): OwnerPerformance[] {
  const entries = new Map<string, Entry>();
  const entryOf = (name: string): Entry => {
    const person = findPerson(workbook.team, name);
    const id = person ? `p:${person.row}` : `n:${personKey(name)}`;
    let entry = entries.get(id);
    if (!entry) {
      entry = {
        owner: person ? person.name : name.trim(), person, order: person ? person.row : Number.MAX_SAFE_INTEGER, seen: entries.size,
        targets: [], tasks: 0, doneTasks: 0, openTasks: 0, overdueTasks: 0, lastUpdated: null, lastWeek: null,
      };
      entries.set(id, entry);
    }
    return entry;
  };

  const goals = new Map(workbook.goals.map((g) => [g.row, g]));
  for (const p of progress) {
    const goal = p.goalRow === null ? undefined : goals.get(p.goalRow);
    if (!goal || goal.owners.length !== 1) continue;
    entryOf(goal.owners[0]!).targets.push({ ...p, scope: p.owner === null ? 'team' : 'share', unit: goal.unit });
  }

  const calendar = workCalendar(workbook.settings.workCalendar);
  for (const task of workbook.tasks) {
    if (task.task === '') continue;
    const done = task.status === 'done';
    const overdue = isTaskOverdue(task, today, calendar);
    for (const name of task.owners) {
      const entry = entryOf(name);
      entry.tasks++;
      if (done) entry.doneTasks++;
      else entry.openTasks++;
      if (overdue) entry.overdueTasks++;
      entry.lastUpdated = later(entry.lastUpdated, task.updated);
    }
  }

  const { cycleStart, cycleEnd } = workbook.settings;
  for (const row of workbook.weekly) {
    // Weeks of this cycle up to today, as the progress figures count them.
    const inCycle = row.week !== null && row.week <= today && (cycleStart === null || row.week >= cycleStart - 6) && (cycleEnd === null || row.week <= cycleEnd);
    if (!inCycle) continue;
    for (const name of row.owners) {
      const entry = entryOf(name);
      entry.lastWeek = later(entry.lastWeek, row.week);
    }
  }

  return [...entries.values()]
    .sort((a, b) => a.order - b.order || a.seen - b.seen)
    .map((e) => ({
      owner: e.owner, person: e.person, targets: e.targets, tasks: e.tasks, doneTasks: e.doneTasks, openTasks: e.openTasks,
      overdueTasks: e.overdueTasks, lastUpdated: e.lastUpdated, lastWeek: e.lastWeek,
    }));
}

/** The last check-in as the report and the managers' summary say it: "updated 2023-08-02; numbers for the week of 2023-08-14", or —. */
export function lastCheckInText(o: Pick<OwnerPerformance, 'lastUpdated' | 'lastWeek'>, lang: Lang): string {
  const parts = [
    ...(o.lastUpdated === null ? [] : [pick(fill(RT.checkInUpdated, { day: isoFromDay(o.lastUpdated) }), lang)]),
    ...(o.lastWeek === null ? [] : [pick(fill(RT.checkInWeek, { day: isoFromDay(o.lastWeek) }), lang)]),
  ];
  return parts.length === 0 ? '—' : parts.join(lang === 'zh-CN' ? '；' : '; ');
}
